#!/usr/bin/env python3
"""The runtime's speed against CPython on the same work, and its memory under cycle churn.

Workloads (tools/benchmarks/runtime/*.py): dict insert+lookup of 1M int keys and of 1M str
keys, list append 10M, an int add loop over boxed ints, str concatenation and join, sort of 1M
floats. Each program times its workload itself (time.perf_counter around it, printed as
`time <seconds>`), so start-up and compilation do not count; the same .pyc runs under CPython
and compiled natively by pybc2wasm (`pybc2wasm compile --target native`). Best of --repeat runs;
the printed results must agree. Ratio = runtime time / CPython time (target: <= 1.5).

--cycles: tools/benchmarks/cycles/cycles.py builds and drops reference cycles N times (lists,
tuples, dicts; most iterations call no Python function); reports the peak RSS of the native
build and the final linear memory of the wasm build (embedded wasmtime) for growing N:
bounded memory means the figures do not grow with N.

    .venv/bin/python tools/bench_runtime.py [--repeat 3] [NAME ...]
    .venv/bin/python tools/bench_runtime.py --cycles [--counts 100000,1000000,3000000]
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_common import build, make_pyc

HERE = Path(__file__).resolve().parent
WORKLOADS = HERE / "benchmarks" / "runtime"
CYCLES = HERE / "benchmarks" / "cycles" / "cycles.py"
TARGET_RATIO = 1.5


def timed_run(cmd: list[str]) -> tuple[float, str]:
    """(the `time` the program printed, its other output)."""
    p = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stdout}{p.stderr}")
    m = re.search(r"^time (\S+)$", p.stdout, re.M)
    if not m:
        raise RuntimeError(f"{' '.join(cmd)} printed no time line:\n{p.stdout}")
    return float(m.group(1)), re.sub(r"^time .*\n?", "", p.stdout, flags=re.M)


def best_of(cmd: list[str], repeat: int) -> tuple[float, str]:
    runs = [timed_run(cmd) for _ in range(repeat)]
    return min(t for t, _ in runs), runs[-1][1]


def bench(names: list[str], repeat: int) -> int:
    programs = [p for p in sorted(WORKLOADS.glob("*.py")) if not names or p.stem in names]
    print(f"{'workload':<14} {'CPython s':>10} {'runtime s':>10} {'ratio':>7}  target <= {TARGET_RATIO}x")
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for prog in programs:
            pyc = make_pyc(prog, Path(tmp))
            exe = Path(tmp) / prog.stem
            res = build(pyc, "native", exe)
            if res.returncode:
                print(f"{prog.stem:<14} does not compile: {res.stderr.strip().splitlines()[-1]}")
                worst = float("inf")
                continue
            t_py, out_py = best_of([sys.executable, str(pyc)], repeat)
            t_rt, out_rt = best_of([str(exe)], repeat)
            if out_py != out_rt:
                print(f"{prog.stem:<14} OUTPUT MISMATCH: {out_rt!r} instead of {out_py!r}")
                worst = float("inf")
                continue
            ratio = t_rt / t_py
            worst = max(worst, ratio)
            verdict = "ok" if ratio <= TARGET_RATIO else "OVER"
            print(f"{prog.stem:<14} {t_py:>10.3f} {t_rt:>10.3f} {ratio:>6.2f}x  {verdict}")
    print(f"(best of {repeat}; in-program times; ratio = runtime / CPython, lower is better)")
    return 0 if worst <= TARGET_RATIO else 1


def peak_rss_kib(cmd: list[str]) -> tuple[int, str]:
    """Runs `cmd`; its peak resident set size (KiB) and stdout. Measured by GNU time: a child
    forked straight from this (big) process would report this process's peak, as Linux keeps
    the high-water mark across exec."""
    gnu_time = "/usr/bin/time"
    if not os.path.exists(gnu_time):
        raise RuntimeError("the memory measurement needs GNU time (/usr/bin/time)")
    p = subprocess.run([gnu_time, "-f", "maxrss=%M", *cmd], capture_output=True, text=True,
                       stdin=subprocess.DEVNULL)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stderr}")
    m = re.search(r"maxrss=(\d+)", p.stderr)
    return int(m.group(1)), p.stdout


def wasm_memory_bytes(wasm: Path, argv: list[str]) -> tuple[int, str]:
    """Runs a WASI module in wasmtime; its linear memory size at exit, and its stdout."""
    import wasmtime
    engine = wasmtime.Engine()
    module = wasmtime.Module.from_file(engine, str(wasm))
    linker = wasmtime.Linker(engine)
    linker.define_wasi()
    store = wasmtime.Store(engine)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "stdout"
        wasi = wasmtime.WasiConfig()
        wasi.argv = argv
        wasi.stdout_file = str(out)
        store.set_wasi(wasi)
        inst = linker.instantiate(store, module)
        try:
            inst.exports(store)["_start"](store)
        except wasmtime.ExitTrap as e:
            if e.code:
                raise
        size = inst.exports(store)["memory"].data_len(store)
        del store
        return size, out.read_text()


def cycles(counts: list[int]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        pyc = make_pyc(CYCLES, Path(tmp))
        exe, wasm = Path(tmp) / "cycles", Path(tmp) / "cycles.wasm"
        for target, out in (("native", exe), ("wasm32-wasi", wasm)):
            res = build(pyc, target, out)
            if res.returncode:
                print(res.stderr, file=sys.stderr)
                return 1
        print(f"{'cycles built':>13} {'native peak RSS':>16} {'wasm memory':>12} {'CPython peak RSS':>17}")
        rows = []
        for n in counts:
            rss, out = peak_rss_kib([str(exe), str(n)])
            mem, wout = wasm_memory_bytes(wasm, ["cycles", str(n)])
            py_rss, py_out = peak_rss_kib([sys.executable, str(pyc), str(n)])
            assert out == wout == py_out, (out, wout, py_out)
            rows.append((rss, mem))
            print(f"{n:>13,} {rss / 1024:>12.1f} MiB {mem / 2**20:>8.1f} MiB {py_rss / 1024:>13.1f} MiB")
    grew = rows[-1][0] > 2 * rows[0][0] or rows[-1][1] > 2 * rows[0][1]
    print("memory is bounded" if not grew else "MEMORY GROWS with the number of cycles")
    return 1 if grew else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*", help="workloads to run (default: all)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cycles", action="store_true", help="the cycle-churn memory measurement")
    ap.add_argument("--counts", default="100000,1000000,3000000",
                    help="with --cycles: how many iterations, comma-separated")
    args = ap.parse_args()
    if args.cycles:
        return cycles([int(c) for c in args.counts.split(",")])
    return bench(args.names, args.repeat)


if __name__ == "__main__":
    sys.exit(main())
