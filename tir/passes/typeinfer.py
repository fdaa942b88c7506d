"""typeinfer: forward type inference over the numeric subset (int, float, bool, None, str).

Given assumed parameter types and an environment saying which globals are known functions
(and what they return) or unshadowed builtins, assigns every value the most precise type the
lattice in `tir.types` can prove. Without assumptions (the generic version) parameters and
globals are `object`. Assumes a verified function; changes only `Value.type`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import types as T
from ..ir import Function, Inst, Module

INT_RESULT_OPS = {"add", "sub", "mul", "floordiv", "mod", "and", "or", "xor"}
FLOAT_OK_OPS = {"add", "sub", "mul", "truediv", "floordiv", "mod", "pow"}
BOOL_CLOSED_OPS = {"and", "or", "xor"}
PURE_BUILTINS = ("range", "len")


@dataclass
class Env:
    """What speculation may assume about globals: name → function id, builtins unshadowed.
    In the module's own code (`module_code`) names are globals too."""
    module_code: int | None = None
    functions: dict[str, int] = field(default_factory=dict)
    returns: dict[int, T.Type] = field(default_factory=dict)
    builtins: set[str] = field(default_factory=set)
    # speculation on lists: what a list element is guessed to be (None: no guess, elements
    # are objects), and per function the values used as lists (their element loads give lists)
    element: dict[int, T.Type] | None = None
    list_like: dict[int, set[int]] = field(default_factory=dict)


def run(module: Module) -> None:
    for fn in module.functions:
        if fn.kind == "generic":
            infer(fn, [T.OBJECT] * len(fn.entry.params), Env())
            for v in fn.values():
                if v.type == T.BOTTOM:   # never computed: unreachable or unused
                    v.type = T.OBJECT


def infer(fn: Function, param_types: list[T.Type], env: Env) -> dict[int, object]:
    """Types every value of `fn`; returns the known global bindings (value id → function id
    or builtin name) it relied on."""
    known: dict[int, object] = {}
    lists = env.list_like.get(fn.id, set()) if env.element is not None else None
    element = env.element.get(fn.id) if env.element is not None else None
    global_ops = ("load_global", "load_name") if fn.id == env.module_code else ("load_global",)
    for v in fn.values():
        v.type = T.BOTTOM
    for p, t in zip(fn.entry.params, param_types):
        p.type = t
    changed = True
    while changed:
        changed = False
        for b in fn.blocks:
            for inst in b.insts:
                if inst.result is not None:
                    new = T.join(inst.result.type, _transfer(inst, env, known, global_ops, lists, element))
                    if new != inst.result.type:
                        inst.result.type = new
                        changed = True
                changed |= _flow_to_params(inst, element, lists)
    return known


def return_type(fn: Function) -> T.Type:
    result = T.BOTTOM
    for inst in fn.instructions():
        if inst.op == "return":
            result = T.join(result, inst.args[0].type)
    return result


def _flow_to_params(inst: Inst, element=None, lists=None) -> bool:
    changed = False
    for t in inst.edges():
        args = [a.type for a in t.args]
        if t.implicit:   # the next item of a range or a list, else an object (exception)
            item = T.OBJECT
            if inst.op == "for_iter" and t is inst.targets[0]:
                if inst.args[0].type == T.RANGE_ITER:
                    item = T.INT
                elif inst.args[0].type == T.LIST_ITER:
                    item = _element(t.block.params[len(t.args)].id, element, lists)
            args += [item] * t.implicit
        for p, ty in zip(t.block.params, args):
            new = T.join(p.type, ty)
            if new != p.type:
                p.type = new
                changed = True
    return changed


def _element(vid: int, element, lists) -> T.Type:
    """The guessed type of a list element that becomes value `vid`."""
    return T.LIST if vid in lists else element


def _transfer(inst: Inst, env: Env, known: dict[int, object], global_ops, lists=None,
              element=None) -> T.Type:
    op, args = inst.op, [a.type for a in inst.args]
    if op == "const":
        return T.type_of_constant(inst.attrs["value"])
    if op == "check_bound":
        return args[0]
    if op in global_ops:
        name = inst.attrs["name"]
        if name in env.functions:
            known[inst.result.id] = env.functions[name]
            return T.FUNCTION
        if name in env.builtins:
            known[inst.result.id] = name
        return T.OBJECT
    if op in ("binop", "inplace"):
        return numeric_binop(inst.attrs["op"], args[0], args[1])
    if op == "unop":
        return _unop(inst.attrs["op"], args[0])
    if op == "compare":
        return T.BOOL if all(a in T.NUMERIC for a in args) else T.OBJECT
    if op == "call":
        return _call(inst, env, known)
    if op == "get_iter":
        if lists is not None and args[0] == T.LIST:
            return T.LIST_ITER
        return T.RANGE_ITER if args[0] == T.RANGE else T.OBJECT
    if op == "getitem" and lists is not None and args[0] == T.LIST and args[1] in (T.INT, T.BOOL):
        return _element(inst.result.id, element, lists)
    return inst.spec.result_type


def numeric_binop(op: str, a: T.Type, b: T.Type) -> T.Type:
    if T.BOTTOM in (a, b):
        return T.BOTTOM
    if a not in T.NUMERIC or b not in T.NUMERIC:
        return T.OBJECT
    if a == b == T.BOOL and op in BOOL_CLOSED_OPS:
        return T.BOOL
    if T.FLOAT in (a, b):
        return T.FLOAT if op in FLOAT_OK_OPS else T.OBJECT
    if op == "truediv":
        return T.FLOAT
    return T.INT if op in INT_RESULT_OPS else T.OBJECT


def _unop(op: str, a: T.Type) -> T.Type:
    if op == "not":
        return T.BOOL
    if a == T.BOTTOM:
        return T.BOTTOM
    if a == T.FLOAT and op in ("neg", "pos"):
        return T.FLOAT
    if a in (T.INT, T.BOOL):
        return T.INT
    return T.OBJECT


def _call(inst: Inst, env: Env, known: dict[int, object]) -> T.Type:
    target = known.get(inst.args[0].id)
    if inst.attrs.get("kwnames"):
        return T.OBJECT
    if isinstance(target, int):
        return env.returns.get(target, T.BOTTOM)
    if target == "len" and len(inst.args) == 2 and inst.args[1].type == T.LIST:
        return T.INT
    if target == "range" and 1 <= len(inst.args) - 1 <= 3 \
            and all(a.type in (T.INT, T.BOOL) for a in inst.args[1:]):
        return T.RANGE
    return T.OBJECT
