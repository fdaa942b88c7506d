"""CI reports: the opcode matrix (Markdown, JSON, HTML) and a sweep of a fixed part of the host
stdlib, written as artifacts, then the coverage gate against opcode_matrix/baseline.json.

    .venv/bin/python tools/ci_reports.py [--out ci-artifacts] [--jobs N] [--raise-baseline]

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
from pybc2wasm.opcode_matrix import baseline, report

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


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(REPO / "ci-artifacts"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--baseline", default=str(baseline.BASELINE))
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
    (out / "figures.json").write_text(json.dumps(current, indent=1) + "\n")
    print(f"ci_reports: {current} (baseline: "
          f"{ {k: base.get(k) for k in baseline.GATED} }) in {time.monotonic() - start:.0f}s; "
          f"artifacts in {out}")
    if args.raise_baseline:
        Path(args.baseline).write_text(json.dumps(baseline.raised(current, base), indent=1) + "\n")
        print(f"ci_reports: baseline written to {args.baseline}")
        return 0
    problems = baseline.check(current, base)
    for p in problems:
        print(f"ci_reports: coverage went down: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
