#!/usr/bin/env python3
"""Differential fuzzing of the whole compiler with random programs, for as long as you let it.

Each program (pybc2wasm/program_fuzz.py: typed random cases over ints incl. big ones, floats,
strings, lists, dicts, branches, loops, try/except/finally, closures, generators, a class with
methods) is compiled by CPython to a .pyc, run by CPython, compiled by pybc2wasm and run on
each host; stdout, stderr and exit status must be equal. A mismatching program is reduced to
the cases that still mismatch and written to --keep as `fuzz_<seed>.py`, ready to become a
regression program under tests/programs/. One line per program; a summary at the end.

Usage:
    tools/fuzz_programs.py --count 50                 # seeds 0..49, wasmtime and native
    tools/fuzz_programs.py --seconds 3600 --seed 1000 --hosts wasmtime
    tools/fuzz_programs.py --show 17                  # print the program of seed 17
"""
from __future__ import annotations

import argparse
import itertools
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO.parent))
sys.path.insert(0, str(REPO))

from pybc2wasm import program_fuzz  # noqa: E402


def check(source: str, hosts: list[str]) -> dict[str, list[str]]:
    with tempfile.TemporaryDirectory() as work:
        return program_fuzz.run_differential(source, work, hosts)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=0, help="programs to try (0: no limit)")
    ap.add_argument("--seconds", type=float, default=0, help="stop after this long (0: no limit)")
    ap.add_argument("--seed", type=int, default=0, help="first seed; program n uses seed+n")
    ap.add_argument("--cases", type=int, default=6, help="case functions per program")
    ap.add_argument("--hosts", default="wasmtime,native", help="comma-separated: wasmtime,native,node")
    ap.add_argument("--keep", default="fuzz-programs", help="directory for reduced mismatches")
    ap.add_argument("--show", type=int, metavar="SEED", help="print the program of SEED and exit")
    args = ap.parse_args()
    if args.show is not None:
        print(program_fuzz.generate(random.Random(args.show), args.cases))
        return 0
    hosts = [h for h in args.hosts.split(",") if h]
    start, tried, failed = time.monotonic(), 0, []
    for n in itertools.count():
        if (args.count and n >= args.count) or (args.seconds and time.monotonic() - start > args.seconds):
            break
        seed = args.seed + n
        source = program_fuzz.generate(random.Random(seed), args.cases)
        result = check(source, hosts)
        tried += 1
        bad = {h: p for h, p in result.items() if p}
        print(f"seed {seed}: {'MISMATCH on ' + ', '.join(bad) if bad else 'same'}", flush=True)
        if bad:
            failed.append(seed)
            reduced = program_fuzz.reduce_cases(source, lambda s: any(check(s, list(bad)).values()))
            keep = Path(args.keep)
            keep.mkdir(parents=True, exist_ok=True)
            path = keep / f"fuzz_{seed}.py"
            path.write_text(f"# found by tools/fuzz_programs.py --seed {seed} --count 1\n" + reduced)
            for host, problems in check(reduced, list(bad)).items():
                for p in problems:
                    print(f"  {host}: {p[:2000]}", flush=True)
            print(f"  reduced program: {path}", flush=True)
    print(f"tried {tried} programs in {time.monotonic() - start:.0f} s on {', '.join(hosts)}: "
          f"{len(failed)} mismatched{(' (seeds ' + ', '.join(map(str, failed)) + ')') if failed else ''}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
