#!/usr/bin/env python3
"""Benchmarks: each program in tools/benchmarks/ run by CPython and as compiled wasm (embedded
wasmtime) and native, in this one script; reports wall-time ratios (CPython / compiled), so
>1 means faster than CPython. Compile time is excluded (the build is cached before timing).

    .venv/bin/python tools/bench.py [--repeat 3] [NAME ...]
"""
from __future__ import annotations

import argparse
import py_compile
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent / "benchmarks"


def timed(cmd: list[str], repeat: int) -> tuple[float, str]:
    times, out = [], ""
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
        times.append(time.perf_counter() - start)
        out = proc.stdout
    return statistics.median(times), out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    programs = [p for p in sorted(HERE.glob("*.py")) if not args.names or p.stem in args.names]
    cli = [sys.executable, "-m", "pybc2wasm"]
    print(f"{'program':<12} {'cpython s':>10} {'wasm s':>10} {'native s':>10} {'wasm x':>8} {'native x':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for prog in programs:
            pyc = Path(tmp) / f"{prog.stem}.pyc"
            py_compile.compile(str(prog), cfile=str(pyc), dfile=prog.name, doraise=True)
            wasm, native = Path(tmp) / f"{prog.stem}.wasm", Path(tmp) / prog.stem
            subprocess.run(cli + ["compile", str(pyc), "-o", str(wasm)], check=True)
            subprocess.run(cli + ["compile", str(pyc), "--target", "native", "-o", str(native)], check=True)
            t_py, out_py = timed([sys.executable, str(pyc)], args.repeat)
            t_wasm, out_wasm = timed([sys.executable, "-m", "pybc2wasm.runner", "wasmtime", str(wasm)],
                                     args.repeat)
            t_nat, out_nat = timed([str(native)], args.repeat)
            if not (out_py == out_wasm == out_nat):
                print(f"{prog.stem}: OUTPUT MISMATCH", file=sys.stderr)
                return 1
            print(f"{prog.stem:<12} {t_py:>10.3f} {t_wasm:>10.3f} {t_nat:>10.3f} "
                  f"{t_py / t_wasm:>7.2f}x {t_py / t_nat:>8.2f}x")
    print("(ratios are CPython time / compiled time, whole process including start-up)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
