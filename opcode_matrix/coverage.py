"""Which differential programs exercise each opcode: the "tested by" of the opcode matrix.

A differential program is one whose output is compared with CPython's (tests/test_differential.py
and the larger programs in tests/programs_large). Each is compiled here with
the host's `compile()` and every code unit of its code objects, nested ones included, is read:
so CACHE entries and EXTENDED_ARG prefixes count like any other opcode, as the compiled module
contains them.

`untested()` lists the opcodes that the compiler supports through its TIR and Rust stages but
that no differential program uses; a test fails on any.
"""
from __future__ import annotations

import opcode as host_opcode
import types
from pathlib import Path

from . import status
from .corpus import REPO, code_objects

PROGRAM_GLOBS = ("tests/programs/*.py", "examples/*.py", "tests/programs_large/*.py",
                 "tests/packages/**/*.py", "tests/programs_interactive/*.py")
INTERACTIVE = "programs_interactive"   # compiled in the interactive ("single") mode
SHOWN = 3   # program names a Markdown cell shows


def opnames(code: types.CodeType) -> set[str]:
    """The opnames of every code unit of `code` and its nested code objects (host version)."""
    names = host_opcode.opname
    found: set[str] = set()
    for c in code_objects(code):
        raw = c.co_code
        found.update(names[raw[i]] for i in range(0, len(raw), 2))
    return found


def program_files(repo: Path = REPO) -> list[Path]:
    return sorted({p for pattern in PROGRAM_GLOBS for p in repo.glob(pattern)})


def programs_by_opcode(repo: Path = REPO) -> dict[str, list[str]]:
    """opname → repo-relative paths of the differential programs that use it (sorted)."""
    result: dict[str, list[str]] = {}
    for path in program_files(repo):
        mode = "single" if path.parent.name == INTERACTIVE else "exec"
        code = compile(path.read_text(), str(path), mode, dont_inherit=True)
        for name in opnames(code):
            result.setdefault(name, []).append(path.relative_to(repo).as_posix())
    return {name: sorted(paths) for name, paths in sorted(result.items())}


def fully_supported(s: status.OpcodeStatus) -> bool:
    """Supported through the TIR and Rust stages: a program using it can be compiled and run."""
    return s.supported("tir") and s.supported("rust")


def untested(statuses: list[status.OpcodeStatus], programs: dict[str, list[str]]) -> list[str]:
    """Fully supported opcodes that no differential program exercises, in opcode order."""
    return [s.opname for s in statuses if fully_supported(s) and not programs.get(s.opname)]


def short_name(path: str) -> str:
    """`tests/programs/fib.py` → `fib`; other folders keep their name: `examples/fib`."""
    p = Path(path)
    return p.stem if p.parent.as_posix() == "tests/programs" else f"{p.parent.name}/{p.stem}"


def describe(paths: list[str], shown: int = SHOWN) -> str:
    """A count and the first few programs, e.g. `5: hello, fib, bigints, …`."""
    if not paths:
        return "0"
    names = ", ".join(short_name(p) for p in paths[:shown])
    return f"{len(paths)}: {names}{', …' if len(paths) > shown else ''}"
