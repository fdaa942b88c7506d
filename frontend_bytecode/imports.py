"""Finds the imports a module's bytecode shows, without running it.

Reads the decoded (version-neutral) operations of every code object in the module:
  - `ImportName` with the constant level and fromlist pushed just before it
    (`import a.b.c`, `from . import x`, `from p import sub`);
  - `__import__("name")` and `importlib.import_module("name")` (also `import_module("name")`
    after `from importlib import import_module`) called with a constant string;
  - the global `open` and any `.buffer` attribute (builtins.open is `_io.open`,
    sys.stdout.buffer an `_io.BufferedWriter`, made on first use): `_io`.
Names are reported as written, with their level, and where they run: `eager` for code that
runs when the module is imported (module level and class bodies), not inside functions, and
`main_guard` for code under `if __name__ == "__main__":`. Resolving relative names and
telling submodules from attributes in a fromlist is the module graph's job. Assumes decodable code:
an opcode the table refuses is skipped here (the compile step reports it properly).
"""
from __future__ import annotations

import types
from dataclasses import dataclass

from ..diagnostics import CompileError
from .code_record import is_code
from .decode import decode


@dataclass(frozen=True)
class ImportSite:
    name: str                 # as written ("" for `from . import x`)
    level: int                # 0 absolute, 1 for `.`, ...
    fromlist: tuple[str, ...]  # names after `import` in a from-import ("*" for a star import)
    line: int | None
    dynamic: bool = False     # __import__ / importlib.import_module with a constant name
    eager: bool = True        # runs at import time (module level or a class body)
    main_guard: bool = False  # under `if __name__ == "__main__":`

CO_OPTIMIZED = 0x1            # functions (and comprehensions), not module or class code


def code_objects(code: types.CodeType):
    yield code
    for const in code.co_consts:
        if is_code(const):
            yield from code_objects(const)


def find_imports(code: types.CodeType, version: str) -> list[ImportSite]:
    sites: list[ImportSite] = []
    for co in code_objects(code):
        try:
            ops = decode(co, version)
        except CompileError:
            continue
        eager = not co.co_flags & CO_OPTIMIZED
        sites.extend(_scan(ops, eager, co is code))
    return sites


def _scan(ops, eager: bool, module_level: bool) -> list[ImportSite]:
    sites = []
    real = [op for op in ops if op.name not in ("Nop", "Cache")]
    guard_end = None            # offset where an `if __name__ == "__main__":` body ends
    for i, op in enumerate(real):
        if guard_end is not None and op.offset >= guard_end:
            guard_end = None
        if module_level and guard_end is None and _is_main_guard(real, i):
            guard_end = real[i + 3].target
        guarded = guard_end is not None
        if op.name == "ImportName":
            level, fromlist = _import_args(real, i)
            if level is not None:
                sites.append(ImportSite(op.arg, level, fromlist, op.line, eager=eager,
                                        main_guard=guarded))
        elif (op.name in ("LoadGlobal", "LoadName") and _loaded_name(op) == "open"
              or op.name in ("LoadAttr", "LoadMethod") and _loaded_name(op) == "buffer"):
            # the builtin open is _io.open, sys.stdout.buffer an _io.BufferedWriter: the
            # program links _io only when it names them
            sites.append(ImportSite("_io", 0, (), op.line, dynamic=True, main_guard=guarded))
        elif op.name == "Call" and op.arg == 1 and i >= 2:
            name = _constant_str(real[i - 1])
            if name is not None and _is_dynamic_import(real[i - 2]):
                sites.append(ImportSite(name, 0, (), op.line, dynamic=True, eager=eager,
                                        main_guard=guarded))
    return sites


def _is_main_guard(ops, i) -> bool:
    """`__name__ == "__main__"` (either way round) followed by a jump when false."""
    if i + 3 >= len(ops):
        return False
    a, b, cmp, jump = ops[i:i + 4]
    operands = [(a.name, a.arg), (b.name, b.arg)]     # a list: 3.14 constants include slices
    guard = [("LoadName", "__name__"), ("LoadConst", "__main__")]
    return (operands in (guard, guard[::-1])
            and cmp.name == "CompareOp" and cmp.arg == "eq"
            and jump.name == "PopJumpIf" and jump.arg == "false" and jump.target is not None)


def _import_args(ops, i):
    """(level, fromlist) from the two constants before `ImportName`, or (None, ()) when
    they are not constants (never the case in bytecode CPython writes)."""
    if i < 2 or ops[i - 2].name != "LoadConst" or ops[i - 1].name != "LoadConst":
        return None, ()
    level, fromlist = ops[i - 2].arg, ops[i - 1].arg
    if not isinstance(level, int):
        return None, ()
    names = tuple(n for n in fromlist if isinstance(n, str)) if isinstance(fromlist, tuple) else ()
    return level, names


def _constant_str(op) -> str | None:
    if op.name == "LoadConst" and isinstance(op.arg, str) and op.arg:
        return op.arg
    return None


def _loaded_name(op) -> str:
    return op.arg[0] if isinstance(op.arg, tuple) else op.arg


def _is_dynamic_import(op) -> bool:
    """The callee of `__import__(...)` / `importlib.import_module(...)` /
    `import_module(...)`."""
    arg = op.arg
    name = arg[0] if isinstance(arg, tuple) else arg
    if op.name in ("LoadGlobal", "LoadName"):
        return name in ("__import__", "import_module")
    if op.name in ("LoadAttr", "LoadMethod"):
        return name == "import_module"
    return False
