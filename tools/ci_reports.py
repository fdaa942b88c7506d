"""CI reports: the opcode matrix (Markdown, JSON, HTML) and a sweep of a fixed part of the host
stdlib, written as artifacts, then the coverage gate against opcode_matrix/baseline.json; the
same for each other bytecode version (3.12-3.14: the same part of that version's own stdlib,
its .pyc made by that version's interpreter, from tools/get_pythons.sh), and every version's
matrix side by side (`opcodes-versions.{md,html}`).

    .venv/bin/python tools/ci_reports.py [--out ci-artifacts] [--jobs N] [--versions 3.12,...]
                                         [--raise-baseline]

Exits 1 when a gated figure is below the committed baseline. With --raise-baseline it instead
rewrites the baseline to the current figures where they are higher (commit that deliberately).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import sysconfig
import time
from pathlib import Path

from pybc2wasm import sweep
from pybc2wasm.opcode_matrix import SUPPORTED_VERSIONS, baseline, report
from pybc2wasm.opcode_matrix.status import HOST_VERSION

REPO = Path(__file__).resolve().parent.parent


def write_matrix(out: Path, counts=None, corpus_name=None) -> dict:
    data = report.build_report(counts=counts, corpus_name=corpus_name)
    for fmt in report.FORMATS:
        (out / f"opcodes.{fmt}").write_text(report.render(data, fmt, link_base=out.resolve()))
    return data


def write_sweep(out: Path, subset: list[str], jobs: int) -> dict:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    paths = [str(p) for p in baseline.stdlib_paths(stdlib, subset)]
    result = sweep.sweep(paths, jobs=jobs, compile_missing=True)
    (out / "sweep.json").write_text(json.dumps(result, indent=1) + "\n")
    (out / "sweep.md").write_text(sweep.render_summary(result, top=40))
    return result


def version_stdlib_paths(stdlib: Path, subset: list[str], version: str) -> tuple[list[Path], list[str]]:
    """The subset in another version's stdlib: a package's folder (only that version's .pyc
    are there), else the module's `__pycache__/NAME.cpython-3X.pyc`; and the names that
    version does not have (modules come and go between versions)."""
    tag = "cpython-" + version.replace(".", "")
    paths, absent = [], []
    for name in subset:
        folder, pyc = stdlib / name, stdlib / "__pycache__" / f"{name}.{tag}.pyc"
        if folder.is_dir():
            paths.append(folder)
        elif pyc.is_file():
            paths.append(pyc)
        else:
            absent.append(name)
    return paths, absent


def report_version(out: Path, version: str, subset: list[str], jobs: int) -> tuple[dict | None, dict]:
    """One other version's sweep and matrix under out/versions/X.Y; (its matrix report, its
    gated figures), or (None, {}) when no stdlib of that version is here."""
    from pybc2wasm.search_path import InstallationError, find_installation
    try:
        stdlib = Path(find_installation(version).stdlib)
    except InstallationError as e:
        print(f"ci_reports: Python {version}: no stdlib to sweep ({e}); run tools/get_pythons.sh",
              file=sys.stderr)
        return None, {}
    folder = out / "versions" / version
    folder.mkdir(parents=True, exist_ok=True)
    paths, absent = version_stdlib_paths(stdlib, subset, version)
    result = sweep.sweep([str(p) for p in paths], jobs=jobs, show_progress=False)
    result["absent_from_version"] = absent
    (folder / "sweep.json").write_text(json.dumps(result, indent=1) + "\n")
    (folder / "sweep.md").write_text(sweep.render_summary(result, top=40))
    counts, _ = report.corpus_counts_from_sweep(folder / "sweep.json")
    data = report.build_report(version, counts, f"Python {version}'s stdlib subset of the CI sweep "
                                                 f"({result['summary']['files']} files)")
    for fmt in report.FORMATS:
        (folder / f"opcodes.{fmt}").write_text(report.render(data, fmt, link_base=folder.resolve()))
    return data, baseline.figures(data, result)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(REPO / "ci-artifacts"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--baseline", default=str(baseline.BASELINE))
    ap.add_argument("--versions", default=",".join(v for v in SUPPORTED_VERSIONS if v != HOST_VERSION),
                    help="other bytecode versions to report and gate (comma-separated; empty: none)")
    ap.add_argument("--raise-baseline", action="store_true")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    base = baseline.load(Path(args.baseline))
    start = time.monotonic()
    swept = write_sweep(out, base["sweep_subset"], args.jobs)
    counts, name = report.corpus_counts_from_sweep(out / "sweep.json")
    matrix = write_matrix(out, counts, f"the CI stdlib subset ({swept['summary']['files']} files)")
    current = baseline.figures(matrix, swept)
    matrices = [matrix]
    versions = [v for v in args.versions.split(",") if v.strip()]
    for version in versions:
        data, figures = report_version(out, version.strip(), base["sweep_subset"], args.jobs)
        current.setdefault("versions", {})[version] = figures
        if data is not None:
            matrices.append(data)
    for fmt in ("md", "html"):
        (out / f"opcodes-versions.{fmt}").write_text(report.render_versions(matrices, fmt))
    (out / "figures.json").write_text(json.dumps(current, indent=1) + "\n")
    print(f"ci_reports: {current} (baseline: "
          f"{ {k: base.get(k) for k in (*baseline.GATED, 'versions')} }) in "
          f"{time.monotonic() - start:.0f}s; artifacts in {out}")
    if args.raise_baseline:
        Path(args.baseline).write_text(json.dumps(baseline.raised(current, base), indent=1) + "\n")
        print(f"ci_reports: baseline written to {args.baseline}")
        return 0
    problems = baseline.check(current, base, versions)
    for p in problems:
        print(f"ci_reports: coverage went down: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
