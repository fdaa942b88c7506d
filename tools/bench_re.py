#!/usr/bin/env python3
"""Benchmark a regex-heavy workload: CPython against the compiled program, where `re` is
CPython's own re package compiled from its .pyc and running on the runtime's native `_sre`.

The workload (default tools/benchmarks/re_workload.py) is compiled together with the stdlib
modules of tests/test_stdlib_programs.py's STDLIB list, for wasm32-wasi and natively; whole
process runs are timed, best of --repeat, and must print CPython's output. Ratios are CPython
time / compiled time (>1: faster than CPython).

    .venv/bin/python tools/bench_re.py [--repeat 3] [--no-wasm] [WORKLOAD.py]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_common import make_pyc, run_command, timed

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from test_stdlib_programs import STDLIB, stdlib_pyc  # noqa: E402

DEFAULT = REPO / "tools" / "benchmarks" / "re_workload.py"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("workload", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-wasm", action="store_true", help="only the native build")
    opts = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "tree"
        tree.mkdir()
        pyc = make_pyc(opts.workload, tree)
        for name in STDLIB:
            for src, rel in stdlib_pyc(name):
                (tree / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, tree / rel)
        base = timed([sys.executable, pyc.name], opts.repeat, cwd=tree)
        print(f"{'cpython':8} {base.best:8.3f}s")
        status = 0
        for target in (["native"] if opts.no_wasm else ["wasm32-wasi", "native"]):
            out = Path(tmp) / ("prog.wasm" if target == "wasm32-wasi" else "prog")
            extra = [] if target == "wasm32-wasi" else ["--target", target]
            cmd = [sys.executable, "-m", "pybc2wasm", "compile", str(tree), "--entry", pyc.stem, *extra, "-o", str(out)]
            res = subprocess.run(cmd, capture_output=True, text=True)
            if res.returncode != 0:
                print(f"{target:8} does not compile: {res.stderr.strip().splitlines()[-1:]}")
                status = 1
                continue
            t = timed(run_command(target, out), opts.repeat)
            diff = t.difference(base)
            if diff:
                print(f"{target:8} output differs: {diff}")
                status = 1
                continue
            print(f"{target:8} {t.best:8.3f}s  ratio {base.best / t.best:6.2f}")
        return status


if __name__ == "__main__":
    sys.exit(main())
