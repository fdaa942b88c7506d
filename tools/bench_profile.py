#!/usr/bin/env python3
"""Benchmark profile-guided speculation (docs/profile.md): each program compiled without a
profile and with `--profile-run` (the profiling run takes the program's default command line).

For each program (default: every tests/programs_large/*.py) the script builds

  native          pybc2wasm compile P.pyc --target native
  native+profile  pybc2wasm compile P.pyc --target native --profile-run
  wasm, wasm+profile   the same for wasm32-wasi (with --wasm), run by the project's runner

times whole-process runs (best of --repeat) next to CPython running the .pyc, and prints the
ratios CPython time / compiled time (>1: faster than CPython). With --callgrind it also counts
the instructions of one run of each native build
(`valgrind --tool=callgrind --dump-instr=no`), which does not depend on the machine's load.
Every run must give CPython's stdout, stderr and exit status, or the program is reported as
"output differs". Exit status 1 when some output differed.

    .venv/bin/python tools/bench_profile.py --callgrind tests/programs_large/nbody.py
    .venv/bin/python tools/bench_profile.py --repeat 3 --wasm
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_common import CLI, geomean, make_pyc, run_command, timed

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DIR = REPO / "tests" / "programs_large"


def compile_program(pyc: Path, target: str, out: Path, profile: bool) -> subprocess.CompletedProcess:
    cmd = CLI + ["compile", str(pyc), "--target", target, "-o", str(out), "-j", "1", "-q"]
    if profile:
        cmd.append("--profile-run")
    return subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)


def callgrind(exe: Path, folder: Path) -> int | None:
    """Instructions of one run (callgrind's `Collected`), None when valgrind is missing."""
    try:
        res = subprocess.run(["valgrind", "--tool=callgrind", "--dump-instr=no",
                              f"--callgrind-out-file={folder / 'callgrind.out'}", str(exe)],
                             capture_output=True, text=True, cwd=folder)
    except FileNotFoundError:
        return None
    m = re.search(r"Collected : (\d+)", res.stderr)
    return int(m.group(1)) if m else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("programs", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--wasm", action="store_true", help="also the wasm32-wasi builds")
    ap.add_argument("--callgrind", action="store_true", help="instruction counts of the native builds")
    args = ap.parse_args()
    programs = args.programs or sorted(DEFAULT_DIR.glob("*.py"))
    targets = ["native"] + (["wasm32-wasi"] if args.wasm else [])
    columns = [t.split("3")[0] + suffix for t in targets for suffix in ("", "+profile")]
    failed = False
    ratios: dict[str, list[float]] = {c: [] for c in columns}
    gains = []
    header = f"{'program':22} {'cpython':>8} " + " ".join(f"{c:>15}" for c in columns)
    if args.callgrind and shutil.which("valgrind") is None:
        ap.error("--callgrind counts instructions with valgrind, which is not installed "
                 "(Debian package valgrind)")
    if args.callgrind:
        header += f" {'Ir native':>15} {'Ir +profile':>15} {'Ir ratio':>8}"
    print(header)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for src in programs:
            pyc = make_pyc(src, folder)
            ref = timed([sys.executable, str(pyc)], args.repeat, cwd=folder)
            row = f"{src.stem:22} {ref.best:8.3f} "
            cells, built = [], {}
            for target in targets:
                for profile in (False, True):
                    col = target.split("3")[0] + ("+profile" if profile else "")
                    out = folder / f"{src.stem}-{col.replace('+', '_')}{'.wasm' if target != 'native' else ''}"
                    res = compile_program(pyc, target, out, profile)
                    if res.returncode:
                        cells.append(f"{'no build':>15}")
                        print(f"  {src.stem} {col}: {res.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
                        continue
                    t = timed(run_command(target, out), args.repeat, cwd=folder)
                    diff = t.difference(ref)
                    if diff:
                        failed = True
                        cells.append(f"{'output differs':>15}")
                        print(f"  {src.stem} {col}: {diff}", file=sys.stderr)
                        continue
                    ratios[col].append(ref.best / t.best)
                    built[col] = out
                    cells.append(f"{t.best:7.3f} {ref.best / t.best:6.2f}x")
            row += " ".join(cells)
            if args.callgrind and "native" in built and "native+profile" in built:
                before, after = callgrind(built["native"], folder), callgrind(built["native+profile"], folder)
                if before and after:
                    gains.append(before / after)
                    row += f" {before:15,d} {after:15,d} {before / after:7.2f}x"
            print(row, flush=True)
    means = " ".join(f"{(geomean(ratios[c]) or 0):14.2f}x" for c in columns)
    line = f"{'geomean vs cpython':22} {'':8} {means}"
    if gains:
        line += f" {'':31} {geomean(gains):7.2f}x"
    print(line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
