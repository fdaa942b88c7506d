"""Finds the imports a module's bytecode shows, without running it.

Reads the decoded (version-neutral) operations of every code object in the module:
  - `ImportName` with the constant level and fromlist pushed just before it
    (`import a.b.c`, `from . import x`, `from p import sub`);
  - `__import__("name")`, `importlib.import_module("name")` and `importlib.util.find_spec("name")`
    (also `import_module("name")` / `find_spec("name")` after a from-import) called with a
    constant string;
  - the global `open` and any `.buffer` attribute (builtins.open is `_io.open`,
    sys.stdout.buffer an `_io.BufferedWriter`, made on first use): `_io`.
Names are reported as written, with their level, and where they run: `eager` for code that
runs when the module is imported (module level and class bodies, and the functions that code
may call: see `import_time_functions`), not inside other functions, and `main_guard` for code
under `if __name__ == "__main__":`. Resolving relative names and
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
    dynamic: bool = False     # __import__ / import_module / find_spec with a constant name
    eager: bool = True        # runs at import time (module level or a class body)
    main_guard: bool = False  # under `if __name__ == "__main__":`

CO_OPTIMIZED = 0x1            # functions (and comprehensions), not module or class code


def code_objects(code: types.CodeType):
    yield code
    for const in code.co_consts:
        if is_code(const):
            yield from code_objects(const)


def find_imports(code: types.CodeType, version: str) -> list[ImportSite]:
    decoded = {}
    for co in code_objects(code):
        try:
            decoded[id(co)] = (co, decode(co, version))
        except CompileError:
            continue
    at_import = import_time_functions(code, decoded)
    sites: list[ImportSite] = []
    for co, ops in decoded.values():
        eager = not co.co_flags & CO_OPTIMIZED or id(co) in at_import
        sites.extend(_scan(ops, eager, co is code))
    return sites


def import_time_functions(code: types.CodeType, decoded: dict) -> set[int]:
    """The ids of the module's functions that may run while the module is imported: a
    module-level function that module-level or class-body code calls (by its name or an alias
    made by `alias = name`; also as a decorator), outside `if __name__ == "__main__":`, and,
    transitively, the module-level functions such a function calls by global name, with the
    functions nested in them. hashlib calls `__get_builtin_constructor` (through the alias
    `__get_hash`) for every algorithm at import time, and its imports of `_sha1`, `_md5`, ...
    run then. A function only stored (in a table, a registry) is not counted."""
    if id(code) not in decoded:
        return set()
    module_ops = _real(decoded[id(code)][1])
    defs: dict[str, types.CodeType] = {}
    for i, op in enumerate(module_ops):
        if op.name == "LoadConst" and is_code(op.arg):
            store = _function_store(module_ops, i)
            if store is not None:
                defs[store] = op.arg
    for i, op in enumerate(module_ops[:-1]):
        nxt = module_ops[i + 1]
        if op.name in ("LoadName", "LoadGlobal") and _loaded_name(op) in defs \
                and nxt.name in ("StoreName", "StoreGlobal"):
            defs.setdefault(nxt.arg, defs[_loaded_name(op)])
    bodies = [module_ops] + [_real(ops) for co, ops in decoded.values()
                             if co is not code and not co.co_flags & CO_OPTIMIZED]
    work = [defs[n] for ops in bodies for n in _called_names(ops, ops is module_ops) if n in defs]
    found: set[int] = set()
    while work:
        co = work.pop()
        if id(co) in found or id(co) not in decoded:
            continue
        found.update(id(inner) for inner in code_objects(co))
        work.extend(defs[n] for n in _called_names(_real(decoded[id(co)][1]), False) if n in defs)
    return found


def _called_names(ops, module_level: bool) -> list[str]:
    """Names loaded as the callee of a call (or as a decorator) in `ops`, outside a main guard."""
    names = []
    guard_end = None
    for i, op in enumerate(ops):
        if guard_end is not None and op.offset >= guard_end:
            guard_end = None
        if module_level and guard_end is None and _is_main_guard(ops, i):
            guard_end = ops[i + 3].target
        if guard_end is not None or op.name not in ("LoadName", "LoadGlobal"):
            continue
        prev = ops[i - 1] if i else None
        nxt = ops[i + 1] if i + 1 < len(ops) else None
        callee = (isinstance(op.arg, tuple) and op.arg[1]
                  or prev is not None and prev.name == "PushNull"
                  or nxt is not None and nxt.name == "PushNull"
                  or nxt is not None and nxt.name == "LoadConst" and is_code(nxt.arg))
        if callee:
            names.append(_loaded_name(op))
    return names


def _real(ops):
    return [op for op in ops if op.name not in ("Nop", "Cache")]


def _function_store(ops, i) -> str | None:
    """The module-level name `LoadConst <code>` at `i` is stored under: the first store after
    its MakeFunction (and any decorator calls), or None for a lambda passed along or a
    class body."""
    if i + 1 >= len(ops) or ops[i + 1].name != "MakeFunction":
        return None
    for op in ops[i + 2:i + 12]:
        if op.name in ("StoreName", "StoreGlobal"):
            return op.arg
        if op.name not in ("Call", "Precall", "LoadName", "LoadGlobal", "LoadAttr", "PushNull",
                           "Copy", "Swap"):
            return None
    return None


def _scan(ops, eager: bool, module_level: bool) -> list[ImportSite]:
    sites = []
    real = _real(ops)
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
        elif op.name in ("Call", "CallCallableFirst") and op.arg == 1 and i >= 2:
            name = _constant_str(real[i - 1])
            # 3.13+ push the NULL after the callee (`LoadAttr find_spec; PushNull`)
            callee = real[i - 3] if real[i - 2].name == "PushNull" and i >= 3 else real[i - 2]
            if name is not None and _is_dynamic_import(callee):
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
    `import_module(...)`, or of `importlib.util.find_spec(...)` / `find_spec(...)` (a spec
    whose loader the program then runs: markdown's copy of html.parser)."""
    arg = op.arg
    name = arg[0] if isinstance(arg, tuple) else arg
    if op.name in ("LoadGlobal", "LoadName"):
        return name in ("__import__", "import_module", "find_spec")
    if op.name in ("LoadAttr", "LoadMethod"):
        return name in ("import_module", "find_spec")
    return False
