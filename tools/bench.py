#!/usr/bin/env python3
"""Benchmarks: each program in tools/benchmarks/ run by CPython and as compiled wasm (embedded
wasmtime) and native, in this one script; reports wall-time ratios (CPython / compiled), so
>1 means faster than CPython. Compile time is excluded (the build is cached before timing).

    .venv/bin/python tools/bench.py [--repeat 3] [NAME ...]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_common import build, make_pyc, run_command
from bench_common import timed as timed_runs

HERE = Path(__file__).parent / "benchmarks"


def timed(cmd: list[str], repeat: int) -> tuple[float, str]:
    t = timed_runs(cmd, repeat)
    if t.status != 0:
        raise subprocess.CalledProcessError(t.status, cmd, t.stdout, t.stderr)
    return statistics.median(t.times), t.stdout


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    programs = [p for p in sorted(HERE.glob("*.py")) if not args.names or p.stem in args.names]
    print(f"{'program':<12} {'cpython s':>10} {'wasm s':>10} {'native s':>10} {'wasm x':>8} {'native x':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for prog in programs:
            pyc = make_pyc(prog, Path(tmp))
            wasm, native = Path(tmp) / f"{prog.stem}.wasm", Path(tmp) / prog.stem
            for target, out in (("wasm32-wasi", wasm), ("native", native)):
                res = build(pyc, target, out)
                if res.returncode:
                    print(f"{prog.stem}: does not compile for {target}:\n{res.stderr}", file=sys.stderr)
                    return 1
            t_py, out_py = timed([sys.executable, str(pyc)], args.repeat)
            t_wasm, out_wasm = timed(run_command("wasm32-wasi", wasm), args.repeat)
            t_nat, out_nat = timed(run_command("native", native), args.repeat)
            if not (out_py == out_wasm == out_nat):
                print(f"{prog.stem}: OUTPUT MISMATCH", file=sys.stderr)
                return 1
            print(f"{prog.stem:<12} {t_py:>10.3f} {t_wasm:>10.3f} {t_nat:>10.3f} "
                  f"{t_py / t_wasm:>7.2f}x {t_py / t_nat:>8.2f}x")
    print("(ratios are CPython time / compiled time, whole process including start-up)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
