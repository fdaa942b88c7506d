#!/usr/bin/env python3
"""Benchmark dataclasses: the runtime's native Replacement against CPython's own
Lib/dataclasses.py compiled from its .pyc (whose generated methods run on the runtime's
statement interpreter, execstmt.rs), and against CPython.

The workload (default tools/benchmarks/dataclass_workload.py) is built twice for each target:
as is (`import dataclasses` resolves to the native Replacement) and with CPython's
dataclasses.pyc copied beside it (the search path finds it before the Replacement). Whole
process runs are timed, best of --repeat, and must print CPython's output. Ratios are CPython
time / compiled time (>1: faster than CPython).

    .venv/bin/python tools/bench_dataclasses.py [--repeat 3] [--no-wasm] [WORKLOAD.py]
"""
from __future__ import annotations

import argparse
import importlib.util
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_common import make_pyc, run_command, timed

REPO = Path(__file__).resolve().parent.parent
DEFAULT = REPO / "tools" / "benchmarks" / "dataclass_workload.py"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("workload", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-wasm", action="store_true", help="only the native builds")
    opts = ap.parse_args()
    original = Path(importlib.util.cache_from_source(importlib.util.find_spec("dataclasses").origin))
    status = 0
    with tempfile.TemporaryDirectory() as tmp:
        base = None
        for variant in ("replacement", "original"):
            tree = Path(tmp) / variant
            tree.mkdir()
            pyc = make_pyc(opts.workload, tree)
            if variant == "original":
                shutil.copyfile(original, tree / "dataclasses.pyc")
            if base is None:
                base = timed([sys.executable, pyc.name], opts.repeat, cwd=tree)
                print(f"{'cpython':24} {base.best:8.3f}s")
            for target in (["native"] if opts.no_wasm else ["wasm32-wasi", "native"]):
                out = Path(tmp) / f"{variant}-{target}" / ("prog.wasm" if target == "wasm32-wasi" else "prog")
                out.parent.mkdir()
                extra = [] if target == "wasm32-wasi" else ["--target", target]
                cmd = [sys.executable, "-m", "pybc2wasm", "compile", str(pyc), *extra, "-o", str(out)]
                res = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
                label = f"{variant} {target}"
                if res.returncode != 0:
                    print(f"{label:24} does not compile: {res.stderr.strip().splitlines()[-1:]}")
                    status = 1
                    continue
                t = timed(run_command(target, out), opts.repeat)
                diff = t.difference(base)
                if diff:
                    print(f"{label:24} output differs: {diff}")
                    status = 1
                    continue
                print(f"{label:24} {t.best:8.3f}s  ratio {base.best / t.best:6.2f}")
    return status


if __name__ == "__main__":
    sys.exit(main())
