"""Direct calls between the functions of one unit: a call site whose callee is a global that
the module body binds to a `def` of the same module (`def add(a, b)` at module level, `add(t, i)`
in a function) calls that def's fixed-arity body (`fN_a`) straight away, guarded by the
callee's identity: `is_code(f, &CODE_N)` (the function object runs that code), else the
generic `callN`. The guard makes any binding safe (a global rebound to another function, a
decorator's wrapper, a class, a builtin: the generic call); the body keeps its own frame
(`frame_enter`/`frame_leave`), so the call is one call instead of three (site -> `call1` ->
`enter_fast` -> body). Arities the fixed-arity entry takes only (no defaults filled in, no
keywords, no `*args`); hot units only (cold library units keep the callers' frame and call
`callNr`, for size).
"""
from __future__ import annotations

from ...tir.ir import Module

MAX_DIRECT_ARGS = 6     # pyrt::Fast's largest entry


def module_defs(module: Module) -> dict[str, int]:
    """Global name -> id of the function a module-level `def` binds it to, for names that the
    module body binds to one function only (what else may rebind them is the guard's
    business)."""
    cached = getattr(module, "_direct_defs", None)
    if cached is not None:
        return cached
    found: dict[str, set[int]] = {}
    entry = next((f for f in module.functions if f.id == module.entry), None)
    if entry is not None:
        makers = {i.result.id: i.attrs["function"] for i in entry.instructions() if i.op == "make_function"}
        for inst in entry.instructions():
            if inst.op in ("store_name", "store_global") and inst.args and inst.args[0].id in makers:
                found.setdefault(inst.attrs["name"], set()).add(makers[inst.args[0].id])
    defs = {name: next(iter(fids)) for name, fids in found.items() if len(fids) == 1}
    module._direct_defs = defs
    return defs


def direct_callee(module: Module, load, nargs: int, own_frame) -> int | None:
    """The id of the function a call of `nargs` positional arguments through the value `load`
    produced may call directly (its fixed-arity entry takes exactly `nargs` and keeps its own
    frame: `own_frame(fn, cold)` of the printer; the caller is hot), else None."""
    if load is None or load.op not in ("load_global", "load_name") or nargs > MAX_DIRECT_ARGS:
        return None
    fid = module_defs(module).get(load.attrs.get("name"))
    if fid is None:
        return None
    try:
        callee = module.function(fid)
    except KeyError:
        return None
    if callee.kind != "generic" or not own_frame(callee, False) or callee.meta["argcount"] != nargs:
        return None
    return fid
