"""The report subcommands of `pybc2wasm`: `opcodes` (the opcode matrix) and `sweep` (how much of
a corpus of .pyc files compiles). Imported by cli.py, which owns the `main` group."""
from __future__ import annotations

import json
import os
from pathlib import Path

import click

from .cli import EXIT_COMPILE_ERROR, Fail, guarded, main


@main.command()
@click.option("--format", "fmt", type=click.Choice(("md", "json", "html")), default="md",
              show_default=True, help="md: Markdown (what CI publishes); json; html: a colour grid.")
@click.option("--python", "version", default=None, metavar="X.Y",
              help="Bytecode version. Default: the host's. `all` (or a comma-separated list such "
                   "as 3.12,3.14): every supported version side by side.")
@click.option("--corpus-json", type=click.Path(exists=True, dir_okay=False), metavar="FILE",
              help="Take the opcode frequencies from a `pybc2wasm sweep --json` file instead of "
                   "the default sample (the host stdlib's top-level modules).")
@click.option("-o", "--output", metavar="FILE", help="Write here instead of stdout.")
@guarded
def opcodes(fmt, version, corpus_json, output):
    """The opcode matrix: every opcode of the version × stage (decode, TIR, rust, llvm).

    Each status is derived from the compiler's own code (opcode table, builder handlers,
    backend methods), with each opcode's frequency in a corpus and the tests that use it.

    \b
    Examples:
      pybc2wasm opcodes                       # Markdown on stdout
      pybc2wasm opcodes --format html -o opcodes.html
      pybc2wasm opcodes --python all --format html -o versions.html
    """
    from .opcode_matrix import SUPPORTED_VERSIONS, report, status
    version = version or status.HOST_VERSION
    if version == "all" or "," in version:
        versions = SUPPORTED_VERSIONS if version == "all" else tuple(v.strip() for v in version.split(","))
        if corpus_json:
            raise Fail("error: --corpus-json describes one version's corpus; give one --python "
                       "with it", EXIT_COMPILE_ERROR)
        try:
            reports = [report.build_report(v) for v in versions]
        except KeyError as e:
            raise Fail(f"error: {e.args[0]}", EXIT_COMPILE_ERROR) from None
        _write(report.render_versions(reports, fmt), output)
        return
    counts = corpus_name = None
    if corpus_json:
        counts, corpus_name = report.corpus_counts_from_sweep(Path(corpus_json))
    try:
        data = report.build_report(version, counts, corpus_name)
    except KeyError as e:
        raise Fail(f"error: {e.args[0]}", EXIT_COMPILE_ERROR) from None
    link_base = Path(output).resolve().parent if output not in (None, "-") else None
    _write(report.render(data, fmt, link_base), output)


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes. Default: the number of CPUs.")
@click.option("--json", "json_out", metavar="FILE", help="Write the full report (JSON) here.")
@click.option("--backend", type=click.Choice(("none", "rust", "llvm", "all")), default="none",
              show_default=True,
              help="Also compile each file whose code objects all pass: rust (printer + rustc "
                   "--emit=metadata against the runtime), llvm (lowering + object), or all.")
@click.option("--compile-missing", is_flag=True,
              help="Also compile .py files that have no cached .pyc (into a temporary folder).")
@click.option("--top", type=int, default=25, show_default=True, help="Causes to list.")
@click.option("--quiet", "-q", is_flag=True, help="No progress on stderr.")
@guarded
def sweep(paths, jobs, json_out, backend, compile_missing, top, quiet):
    """How much of a corpus compiles through the frontend and TIR, and why the rest does not.

    PATH is a .pyc or .py file, a directory (its .pyc files; its .py files too when it has no
    .pyc) or the name of an installed distribution. Every code object is built and verified on
    its own; the summary ranks the causes of failure with an example of each.

    \b
    Examples:
      pybc2wasm sweep /usr/lib/python3.11/json --jobs 2
      pybc2wasm sweep click --backend rust --json click-sweep.json
    """
    from . import sweep as sweeper
    backends = {"none": (), "rust": ("rust",), "llvm": ("llvm",), "all": ("rust", "llvm")}[backend]
    try:
        report = sweeper.sweep(list(paths), jobs or os.cpu_count() or 1, backends,
                               compile_missing, show_progress=not quiet)
    except sweeper.SweepUsageError as e:
        raise Fail(f"error: {e}", EXIT_COMPILE_ERROR) from None
    if json_out:
        _write(json.dumps(report, indent=1) + "\n", json_out)
    click.echo(sweeper.render_summary(report, top), nl=False)


def _write(text: str, output: str | None) -> None:
    if output in (None, "-"):
        click.echo(text, nl=not text.endswith("\n"))
    else:
        Path(output).write_text(text)
