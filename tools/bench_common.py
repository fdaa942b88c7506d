"""Helpers shared by the benchmark scripts (bench.py, bench_programs.py): compile a program to a
.pyc the way the differential tests do, build it with the pybc2wasm CLI, and time whole-process
runs. Importable because the scripts' own folder is first on sys.path when they run."""
from __future__ import annotations

import itertools
import math
import py_compile
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

CLI = [sys.executable, "-m", "pybc2wasm"]
TARGETS = ("wasm32-wasi", "native")


def make_pyc(src: Path, folder: Path) -> Path:
    """`folder/<stem>.pyc` compiled from `src`, with tracebacks naming `<stem>.py`."""
    pyc = folder / f"{src.stem}.pyc"
    py_compile.compile(str(src), cfile=str(pyc), dfile=src.name, doraise=True)
    return pyc


def build(pyc: Path, target: str, out: Path, args: list[str] = ()) -> subprocess.CompletedProcess:
    """`pybc2wasm compile` for `target` (with more compile `args`); the caller checks
    returncode (stderr: the diagnostic)."""
    extra = [] if target == "wasm32-wasi" else ["--target", target]
    return subprocess.run(CLI + ["compile", str(pyc), *extra, *args, "-o", str(out)],
                          capture_output=True, text=True)


def run_command(target: str, built: Path) -> list[str]:
    """The command that runs a built module: the project's runner for wasm, else the executable."""
    if target == "wasm32-wasi":
        return [sys.executable, "-m", "pybc2wasm.runner", "wasmtime", str(built)]
    return [str(built)]


@dataclass
class Timing:
    times: list[float]
    stdout: str
    stderr: str
    status: int

    @property
    def best(self) -> float:
        return min(self.times)

    def difference(self, expected: "Timing") -> str | None:
        """None when stdout, stderr and exit status equal `expected`'s, else the first difference."""
        for stream in ("stdout", "stderr"):
            got, want = getattr(self, stream).splitlines(), getattr(expected, stream).splitlines()
            for n, (g, w) in enumerate(itertools.zip_longest(got, want), 1):
                if g != w:
                    return f"{stream} line {n}: {g!r} instead of {w!r}"
        if self.status != expected.status:
            return f"exit status {self.status} instead of {expected.status}"
        return None


def timed(cmd: list[str], repeat: int, cwd: Path | None = None, timeout: float | None = None) -> Timing:
    """Runs `cmd` `repeat` times; wall times of each run and the last run's output."""
    times, proc = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=timeout,
                              stdin=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return Timing(times, proc.stdout, proc.stderr, proc.returncode)


def geomean(values: list[float]) -> float | None:
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None
