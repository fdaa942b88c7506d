#!/usr/bin/env python3
"""Mutates real .pyc files and runs each through the compiler's front half (loading,
verification, TIR building, passes) for as long as you let it: every mutant must be compiled
or refused with a clean CompileError. Internal errors and hangs are reported, one line per
distinct failure, and the mutants that caused them are kept for a regression test.

Usage:
    tools/fuzz_pyc.py                       # forever, over tests/programs/*.py, seed 0
    tools/fuzz_pyc.py --count 20000 --seed 7
    tools/fuzz_pyc.py --seconds 600 --keep /tmp/mutants
    tools/fuzz_pyc.py --pyc some/dir        # mutate these .pyc files instead (recursively)
"""
from __future__ import annotations

import argparse
import collections
import itertools
import py_compile
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO.parent))
sys.path.insert(0, str(REPO))

from pybc2wasm import pyc_fuzz  # noqa: E402


def corpus(pyc_dir: str | None) -> list[tuple[str, bytes]]:
    if pyc_dir:
        return [(str(p), p.read_bytes()) for p in sorted(Path(pyc_dir).rglob("*.pyc"))]
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for src in sorted((REPO / "tests" / "programs").glob("*.py")):
            pyc = py_compile.compile(str(src), cfile=str(Path(tmp) / (src.name + "c")), doraise=True)
            out.append((src.name, Path(pyc).read_bytes()))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=0, help="mutants to try (0: no limit)")
    ap.add_argument("--seconds", type=float, default=0, help="stop after this long (0: no limit)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--timeout", type=float, default=60, help="seconds before a mutant counts as a hang")
    ap.add_argument("--keep", default="fuzz-failures", help="directory for mutants that failed")
    ap.add_argument("--pyc", help="mutate the .pyc files under this directory")
    args = ap.parse_args()
    files = corpus(args.pyc)
    if not files:
        print("fuzz_pyc: no .pyc files to mutate", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    tally: collections.Counter = collections.Counter()
    seen: set[str] = set()
    start = time.monotonic()
    for n in itertools.count(1):
        if (args.count and n > args.count) or (args.seconds and time.monotonic() - start > args.seconds):
            break
        name, data = rng.choice(files)
        kind = rng.choice(pyc_fuzz.KINDS)
        mutant = pyc_fuzz.mutate(data, kind, rng)
        result = pyc_fuzz.outcome(mutant, args.timeout)
        tally[result.kind] += 1
        if result.kind in ("internal", "hang"):
            keep = Path(args.keep)
            keep.mkdir(parents=True, exist_ok=True)
            (keep / f"{n:07d}-{kind}-{Path(name).stem}.pyc").write_bytes(mutant)
            if result.detail not in seen:
                seen.add(result.detail)
                print(f"[{n}] {kind} of {name}: {result.kind}: {result.detail}", flush=True)
        if n % 500 == 0:
            print(f"{n} mutants: {dict(tally)}", file=sys.stderr, flush=True)
    print(f"tried {sum(tally.values())} mutants in {time.monotonic() - start:.0f} s: {dict(tally)}")
    return 1 if tally["internal"] or tally["hang"] else 0


if __name__ == "__main__":
    sys.exit(main())
