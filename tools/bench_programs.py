#!/usr/bin/env python3
"""Benchmark whole programs: CPython running the .pyc against the compiled wasm module.

For each program (default: every tests/programs_large/*.py) the script compiles the .pyc once
with pybc2wasm for wasm32-wasi (and with --native also for this machine), then times
whole-process runs, best of --repeat:

  cpython   python PROGRAM.pyc                          (this interpreter, source not needed)
  wasm      python -m pybc2wasm.runner wasmtime PROGRAM.wasm   (the project's runner)
  native    the executable                                       (with --native)
  c         tools/benchmarks/c/PROGRAM.c built with `clang-14 -O2 --target=wasm32-wasi`, run by
            the same wasmtime runner (with --c; only programs that have a C twin there)

Every run must give CPython's stdout, stderr and exit status, or the program is reported as
"output differs" and not timed. A program that does not compile is reported with the compiler's
diagnostic instead of a time. The table gives seconds and ratios CPython time / compiled time
(>1 means faster than CPython), then the geometric mean of each ratio column over the programs
that ran. Compile time is not measured.

Exit status: 0, or 1 when some output differed from CPython's or a run timed out (programs that
do not compile yet are expected and do not fail the script unless --strict).

    .venv/bin/python tools/bench_programs.py                     # all of tests/programs_large
    .venv/bin/python tools/bench_programs.py --repeat 5 --native tests/programs_large/raytracer.py
    .venv/bin/python tools/bench_programs.py --native --c tests/programs_large/nbody.py
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bench_common import build, geomean, make_pyc, run_command, timed

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DIR = REPO / "tests" / "programs_large"
C_DIR = REPO / "tools" / "benchmarks" / "c"
CLANG = ["clang-14", "-O2", "--target=wasm32-wasi", "--sysroot=/usr"]


@dataclass
class Result:
    name: str
    times: dict[str, float] = field(default_factory=dict)   # column → best seconds
    problem: str | None = None                              # why there are no (compiled) times
    failed: bool = False                                    # a mismatch or a timeout

    def ratio(self, column: str, startup: dict[str, float] | None = None) -> float | None:
        """CPython time / `column`'s time; with `startup` (an empty program's times), of the
        time beyond start-up on both sides (the C twin runs in the wasm runner: its start-up)."""
        t = self.times.get(column)
        if not t or "cpython" not in self.times:
            return None
        ref = self.times["cpython"]
        if startup:
            ref, t = ref - startup.get("cpython", 0.0), t - startup.get(column, startup.get("wasm", 0.0))
            if ref <= 0 or t <= 0:
                return None
        return ref / t


def first_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else "(no message)"


def bench_one(src: Path, targets: list[str], repeat: int, timeout: float, folder: Path,
              compile_args: list[str] = ()) -> Result:
    """Compile `src` once per target, then time CPython and each build; check the outputs."""
    result = Result(src.stem)
    pyc = make_pyc(src, folder)
    built = {}
    for target in [t for t in targets if t != "c"]:
        out = folder / (f"{src.stem}.wasm" if target == "wasm32-wasi" else f"{src.stem}.exe")
        res = build(pyc, target, out, compile_args)
        if res.returncode:
            result.problem = f"does not compile ({target}): {first_line(res.stderr)}"
            return result
        built[target] = out
    c_src = C_DIR / f"{src.stem}.c"
    if "c" in targets and c_src.exists():
        out = folder / f"{src.stem}.c.wasm"
        res = subprocess.run(CLANG + [str(c_src), "-o", str(out)], capture_output=True, text=True)
        if res.returncode:
            result.problem = f"C twin does not compile: {first_line(res.stderr)}"
            return result
        built["c"] = out
    try:
        reference = timed([sys.executable, pyc.name], repeat, cwd=folder, timeout=timeout)
        result.times["cpython"] = reference.best
        for target, out in built.items():
            run = timed(run_command("wasm32-wasi" if target == "c" else target, out), repeat,
                        cwd=folder, timeout=timeout)
            diff = run.difference(reference)
            if diff:
                result.problem, result.failed = f"output differs from CPython's ({target}): {diff}", True
                return result
            result.times[column(target)] = run.best
    except subprocess.TimeoutExpired as e:
        result.problem, result.failed = f"timed out after {e.timeout:g}s", True
    return result


def column(target: str) -> str:
    return "wasm" if target == "wasm32-wasi" else target


def table(results: list[Result], columns: list[str], startup: dict[str, float] | None = None) -> str:
    """Seconds per column, ratios CPython / compiled (beyond start-up when `startup` is
    given), and a geometric-mean row."""
    width = max([len(r.name) for r in results] + [8])
    compiled = [c for c in columns if c != "cpython"]
    head = f"{'program':<{width}} " + " ".join(f"{c + ' s':>10}" for c in columns) \
        + " " + " ".join(f"{c + ' x':>9}" for c in compiled)
    lines = [head, "-" * len(head)]
    for r in results:
        if r.problem:
            lines.append(f"{r.name:<{width}} {r.problem}")
            continue
        secs = " ".join(f"{r.times[c]:>10.3f}" if c in r.times else f"{'-':>10}" for c in columns)
        ratios = " ".join(f"{r.ratio(c, startup):>8.2f}x" if r.ratio(c, startup) else f"{'-':>9}" for c in compiled)
        lines.append(f"{r.name:<{width}} {secs} {ratios}")
    means = [geomean([x for x in (r.ratio(c, startup) for r in results) if x]) for c in compiled]
    ran = sum(1 for r in results if r.ratio(compiled[0], startup))
    cells = " ".join(f"{m:>8.2f}x" if m else f"{'-':>9}" for m in means)
    lines.append(f"{'geomean':<{width}} {'':>{11 * len(columns) - 1}} {cells}   ({ran} of {len(results)} programs)")
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("programs", nargs="*", type=Path, metavar="PROGRAM.py",
                    help=f"Python sources to benchmark (default: every {DEFAULT_DIR.relative_to(REPO)}/*.py).")
    ap.add_argument("--repeat", type=int, default=3, metavar="N",
                    help="Runs per program and column; the best (fastest) counts (default: 3).")
    ap.add_argument("--native", action="store_true",
                    help="Also build a native executable and time it (another column).")
    ap.add_argument("--c", action="store_true",
                    help="Also time the C twin (tools/benchmarks/c/PROGRAM.c) compiled to wasm32-wasi "
                         "with clang-14, for the programs that have one (another column).")
    ap.add_argument("--timeout", type=float, default=300, metavar="SECONDS",
                    help="Give up on a run after this long (default: 300).")
    ap.add_argument("--minus-startup", action="store_true",
                    help="Also time an empty program on every host and print a second table of "
                         "ratios of the time beyond start-up (CPython's interpreter start, the "
                         "wasm runner's engine and module load), what in-program timing measures.")
    ap.add_argument("--compile-arg", action="append", default=[], metavar="ARG",
                    help="Pass ARG to `pybc2wasm compile` (repeatable), e.g. "
                         "--compile-arg=--hot-libraries to build the stdlib modules for speed.")
    ap.add_argument("--strict", action="store_true",
                    help="Exit 1 also when a program does not compile.")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    programs = args.programs or sorted(DEFAULT_DIR.glob("*.py"))
    if not programs:
        print(f"no programs given and none in {DEFAULT_DIR}", file=sys.stderr)
        return 2
    targets = ["wasm32-wasi"] + (["native"] if args.native else []) + (["c"] if args.c else [])
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, src in enumerate(programs):
            folder = Path(tmp) / f"{i}-{src.stem}"
            folder.mkdir()
            results.append(bench_one(src.resolve(), targets, args.repeat, args.timeout, folder,
                                     args.compile_arg))
            print(f"{src.stem}: {results[-1].problem or 'done'}", file=sys.stderr, flush=True)
        if args.minus_startup:
            empty = Path(tmp) / "empty.py"
            empty.write_text("pass\n")
            folder = Path(tmp) / "empty"
            folder.mkdir()
            startup = bench_one(empty, [t for t in targets if t != "c"], args.repeat, args.timeout, folder,
                                args.compile_arg)
    columns = ["cpython"] + [column(t) for t in targets]
    print(table(results, columns))
    print(f"(best of {args.repeat}; ratios are CPython time / compiled time, whole process "
          "including start-up; >1 means faster than CPython)")
    if args.minus_startup:
        print()
        print(table(results, columns, startup.times))
        shown = ", ".join(f"{c} {t:.3f} s" for c, t in startup.times.items())
        print(f"(the same runs less an empty program's time on each host: {shown})")
    bad = any(r.failed for r in results) or (args.strict and any(r.problem for r in results))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
