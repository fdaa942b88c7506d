"""From command-line inputs to a built program: project → module graph → units → link.

`load_graph` turns the inputs (one .pyc, several, or a directory) into a `modgraph.Graph`
following imports into the stdlib and site-packages of the bytecode's Python version;
`build_graph_program` builds it (module-granular, cached, parallel) and writes the JSON build
report and the stderr summary.
"""
from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import method_tables
from . import project as proj
from .cache_prune import maybe_prune
from .diagnostics import CompileError
from .frontend_bytecode.loader import load_pyc
from .modgraph import COMPILED, EXCLUDED, MISSING, NATIVE, Graph, Options, build_graph
from .search_path import InstallationError, find_installation


@dataclass
class BuildOptions:
    paths: list[Path] = field(default_factory=list)
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    python: str | None = None
    jobs: int = 0                 # 0: the core count
    report: Path | None = None
    quiet: bool = False           # no progress and no summary (warnings still print)
    optimize_size: bool = False   # runtime and units at opt-level z, LTO; wasm: binaryen's wasm-opt -Oz
    pgo: dict | None = None       # module → "instrument" or its profile part (pybc2wasm.profile)
    hot_libraries: bool = False   # stdlib and site-packages units built for speed, not size


def _input_root(path: Path) -> Path:
    parent = path.resolve().parent
    return parent.parent if parent.name == "__pycache__" else parent


def make_project(inputs: list[Path], entry: str | None) -> tuple[proj.Project, list[Path]]:
    if len(inputs) == 1 and inputs[0].is_dir():
        return proj.from_directory(inputs[0], entry), [inputs[0].resolve()]
    roots = []
    for p in inputs:
        root = _input_root(p)
        if root not in roots:
            roots.append(root)
    return proj.from_files(inputs, entry), roots


def load_graph(inputs: list[Path], entry: str | None, opts: BuildOptions) -> Graph:
    project, roots = make_project(inputs, entry)
    first = next(m for m in project.modules if m.path is not None)
    version = load_pyc(first.path).version
    try:
        inst = find_installation(version, opts.python)
    except InstallationError as e:
        if opts.python is not None:
            raise
        print(f"warning: {e}; only the program's own modules and the runtime's natives are "
              f"available", file=sys.stderr)
        inst = None
    options = Options([Path(p).resolve() for p in opts.paths], list(opts.include), list(opts.exclude))
    for p in options.paths:
        if not p.is_dir():
            raise CompileError(f"--path {p}: not a directory")
    return build_graph(project, version, inst, roots, options)


def build_graph_program(graph: Graph, target: str, output: Path | None, opts: BuildOptions,
                        label: str | None = None) -> Path:
    """Build and link; `label` names the result in the summary line (default: its file name)."""
    from .build import build_units, link_program, runtime_for
    started = time.monotonic()
    warn_missing(graph)
    jobs = opts.jobs or os.cpu_count() or 1
    runtime = runtime_for(target, opts.quiet, opts.optimize_size)
    # library units are cold (built for size) in wasm only: the size budget is the wasm
    # module's, and native code already calls its refcounting out of line
    hot_libraries = opts.hot_libraries or target != "wasm32-wasi"
    try:
        units = build_units(graph, target, jobs, opts.quiet, runtime, opts.optimize_size,
                            hot_libraries, opts.pgo)
        out = link_program(graph, units, target, output, opts.quiet, runtime.rlib(), opts.optimize_size)
    finally:
        runtime.close()
    elapsed = time.monotonic() - started
    if opts.report is not None:
        write_report(opts.report, graph, units, out, target, elapsed)
    if not opts.quiet:
        print(summary(graph, units, out, elapsed, label), file=sys.stderr)
    maybe_prune(opts.quiet)
    return out


def warn_missing(graph: Graph) -> None:
    """A warning per unresolved import of the program's own modules (and site-packages);
    unresolved imports inside the stdlib are usually optional ones and only counted."""
    own, stdlib_only = [], []
    for node in graph.missing():
        if node.parent_sets:
            continue
        importers = sorted(node.importers)
        if any(graph.nodes[i].origin in ("input", "path", "site") for i in importers if i in graph.nodes):
            own.append(node)
        else:
            stdlib_only.append(node)
    for node in sorted(own, key=lambda n: n.name):
        who = ", ".join(f"{i} (line {line})" if line else i for i, line in sorted(node.importers.items()))
        print(f"warning: cannot resolve import {node.name!r} ({node.reason}); imported by {who}; "
              f"it raises ModuleNotFoundError at run time", file=sys.stderr)


def summary(graph: Graph, units, out: Path, elapsed: float, label: str | None = None) -> str:
    kinds = {}
    for n in graph.nodes.values():
        kinds[n.kind] = kinds.get(n.kind, 0) + 1
    built = sum(1 for u in units.values() if not u.cached)
    parts = [f"{kinds.get(COMPILED, 0)} compiled ({built} built, {len(units) - built} cached)",
             f"{kinds.get(NATIVE, 0)} native"]
    if kinds.get(MISSING):
        parts.append(f"{kinds[MISSING]} unresolved")
    if kinds.get(EXCLUDED):
        parts.append(f"{kinds[EXCLUDED]} excluded")
    size = out.stat().st_size if out.exists() else 0
    return f"pybc2wasm: {label or out.name}: {', '.join(parts)} modules; {size:,} bytes; {elapsed:.1f}s"


def write_report(path: Path, graph: Graph, units, out: Path, target: str, elapsed: float) -> None:
    modules = []
    for n in sorted(graph.nodes.values(), key=lambda n: n.name):
        entry = {"name": n.name, "kind": n.kind, "origin": n.origin,
                 "importers": {k: v for k, v in sorted(n.importers.items())}}
        if n.pyc is not None:
            entry["pyc"] = str(n.pyc)
        if n.is_package:
            entry["package"] = True
        if n.reason:
            entry["reason"] = n.reason
        if n.skipped:
            entry["skipped"] = [{"name": t, "line": line, "why": why} for t, line, why in n.skipped]
        u = units.get(n.name)
        if u is not None:
            entry.update(code_bytes=u.code_bytes, rust_lines=u.rust_lines,
                         compile_seconds=round(u.seconds, 3), rustc_cpu_seconds=u.rustc_cpu,
                         cached=u.cached, cold=u.cold)
        modules.append(entry)
    report = {"version": 1, "target": target, "python": graph.version, "entry": graph.entry,
              "output": str(out), "output_bytes": out.stat().st_size if out.exists() else 0,
              "seconds": round(elapsed, 3), "modules": modules,
              "builtin_methods": method_tables.report(graph)}
    Path(path).write_text(json.dumps(report, indent=1) + "\n")
