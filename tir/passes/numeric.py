"""numeric: speculation and unboxing for the numeric core.

Finds functions that, under assumptions checked at their entry, only ever compute with
int/float/bool (and iterate over `range`), and adds an unboxed clone of each (kind "unboxed",
values held as i64/f64/i1) for the LLVM backend. The assumptions are recorded in the generic
function's `meta["speculation"]`: the parameter types, the module globals that must still be
bound to the expected functions, and the builtins that must not be shadowed. The generic
version's entry checks them (the guard) and otherwise runs its own body.

Soundness rests on purity: an unboxed function has no side effects (no I/O, no stores, no
calls other than to other unboxed functions), so when it cannot go on — i64 overflow, a
division by zero, a comparison it cannot do exactly, the recursion budget — it deopts by
abandoning the whole call, and the generic version re-runs it from the start with full
Python semantics (big ints, exceptions, tracebacks).
"""
from __future__ import annotations


from .. import types as T
from ..cfg import reverse_postorder
from ..ir import Function, Inst, Module, copy_function
from . import simplify
from .rewrite import substitute, use_counts
from .typeinfer import Env, infer, return_type

I64_MIN, I64_MAX = -(1 << 63), (1 << 63) - 1
LLVM_BINOPS = {"add", "sub", "mul", "truediv", "floordiv", "mod", "and", "or", "xor"}
CO_VARARGS, CO_VARKEYWORDS = 0x4, 0x8
MAX_ROUNDS = 20
# what a parameter no call site types is guessed to be, tried in this order; the guard at the
# function's entry checks the guess on every call, whoever the caller is
SPECULATED = (T.INT, T.FLOAT)
MIN_GUESSED_OPS = 3     # arithmetic a guessed clone without loops or calls must do


def run(module: Module) -> None:
    env = _environment(module)
    analysed = {f.id: copy_function(f) for f in module.functions if f.kind == "generic"}
    params = _infer_call_sites(module, analysed, env, {})
    chosen = _qualifying(module, analysed, params, env)
    for guess in SPECULATED:
        unseen = _unseen_params(module, analysed, params, chosen)
        if not unseen:
            break
        seeds = {fid: [guess if t == T.BOTTOM else t for t in params[fid]] for fid in unseen}
        trial = _infer_call_sites(module, analysed, env, seeds)
        found = _qualifying(module, analysed, trial, env) - chosen
        for fid in found & {f for f in unseen if _worth_a_guard(analysed[f])}:
            for taken in {fid} | _callees_in(fid, found, analysed, trial, env):
                params[taken] = trial[taken]
                chosen.add(taken)
    _add_clones(module, analysed, params, chosen, env)


def _environment(module: Module) -> Env:
    """Globals bound once, at module level, to a plain function; builtins never rebound."""
    stores: dict[str, list[Inst]] = {}
    for fn in module.functions:
        for inst in fn.instructions():
            if inst.op in ("store_global", "store_name", "delete_global", "delete_name"):
                stores.setdefault(inst.attrs["name"], []).append(inst)
    entry = module.function(module.entry)
    makers = {i.result.id: i for i in entry.instructions() if i.op == "make_function"}
    module_level = {id(i) for i in entry.instructions()}
    env = Env(module_code=module.entry, builtins={"range"} - set(stores))
    for name, insts in stores.items():
        inst = insts[0]
        if len(insts) == 1 and inst.op == "store_name" and id(inst) in module_level:
            maker = makers.get(inst.args[0].id)
            if maker is not None and maker.attrs["flags"] == 0:
                env.functions[name] = maker.attrs["function"]
    return env


def _simple_signature(fn: Function) -> bool:
    m = fn.meta
    return m["kwonlyargcount"] == 0 and not m["flags"] & (CO_VARARGS | CO_VARKEYWORDS)


def _unseen_params(module, analysed, params, chosen) -> list[int]:
    """Functions not yet chosen that no direct call site gives argument types: those
    reached through a parameter, a method, `*args` or another module."""
    return [fid for fid, fn in analysed.items()
            if fid not in chosen and fid != module.entry and fn.entry.params
            and _simple_signature(fn) and not fn.is_generator
            and any(t == T.BOTTOM for t in params[fid])]


def _worth_a_guard(fn: Function) -> bool:
    """A guessed clone costs a guard on every call: worth it for loops, calls and
    arithmetic, not for `return self` or `return False`."""
    ops = [i.op for i in fn.instructions()]
    order = {b.id: n for n, b in enumerate(reverse_postorder(fn))}
    loops = any(order.get(s.id, -1) <= order[b.id] for b in fn.blocks if b.id in order
                for s in b.successors())
    return loops or "call" in ops or sum(op in ("binop", "inplace") for op in ops) >= MIN_GUESSED_OPS


def _callees_in(fid, found, analysed, params, env) -> set[int]:
    """The chosen clones `fid`'s clone calls directly (their types came from its seeds)."""
    reached, todo = set(), [fid]
    while todo:
        fn = analysed[todo.pop()]
        known = infer(fn, params[fn.id], env)
        for inst in fn.instructions():
            callee = _direct_callee(inst, known, analysed)
            if callee in found and callee not in reached:
                reached.add(callee)
                todo.append(callee)
    return reached


def _infer_call_sites(module, analysed, env, seeds) -> dict[int, list[T.Type]]:
    """Parameter types from the direct call sites, starting from `seeds` (speculated types
    for functions no call site types)."""
    params = {fid: list(seeds.get(fid, [T.BOTTOM] * len(f.entry.params)))
              for fid, f in analysed.items()}
    for _ in range(MAX_ROUNDS):
        before = (dict((k, list(v)) for k, v in params.items()), dict(env.returns))
        for fid, fn in analysed.items():
            known = infer(fn, params[fid], env)
            # calling a generator function gives the generator, whatever its body returns
            env.returns[fid] = T.OBJECT if fn.is_generator else return_type(fn)
            for inst in fn.instructions():
                callee = _direct_callee(inst, known, analysed)
                if callee is not None:
                    args = [a.type for a in inst.args[1:]]
                    params[callee] = [T.join(p, a) for p, a in zip(params[callee], args)]
        if (params, env.returns) == before:
            break
    return params


def _direct_callee(inst: Inst, known, analysed) -> int | None:
    if inst.op != "call" or inst.attrs.get("kwnames"):
        return None
    fid = known.get(inst.args[0].id)
    if not isinstance(fid, int) or fid not in analysed:
        return None
    callee = analysed[fid]
    if not _simple_signature(callee) or len(inst.args) - 1 != callee.meta["argcount"]:
        return None
    return fid


def _qualifying(module, analysed, params, env) -> set[int]:
    candidates = {fid for fid, fn in analysed.items()
                  if fid != module.entry and _simple_signature(fn) and not fn.is_generator
                  and all(t in T.NUMERIC for t in params[fid])
                  and env.returns.get(fid) in T.NUMERIC}
    changed = True
    while changed:
        changed = False
        for fid in sorted(candidates):
            fn = analysed[fid]
            known = infer(fn, params[fid], env)
            if not _numeric_body(fn, known, candidates, analysed):
                candidates.discard(fid)
                changed = True
    return candidates


def _numeric_body(fn: Function, known, candidates, analysed) -> bool:
    counts = use_counts(fn)
    for b in fn.blocks:
        if any(p.type not in T.NUMERIC + (T.RANGE_ITER,) for p in b.params):
            return False
        for inst in b.insts:
            if not _numeric_inst(inst, known, candidates, analysed, counts):
                return False
    return True


def _numeric_inst(inst, known, candidates, analysed, counts) -> bool:
    if inst.unwind is not None:
        return False   # exception handlers are the generic version's business
    op, types = inst.op, [a.type for a in inst.args]
    numeric = all(t in T.NUMERIC for t in types)
    if op == "const":
        v = inst.attrs["value"]
        return isinstance(v, (bool, float)) or (isinstance(v, int) and I64_MIN <= v <= I64_MAX)
    if op in ("binop", "inplace"):
        return numeric and inst.attrs["op"] in LLVM_BINOPS and inst.result.type in T.NUMERIC
    if op in ("unop", "compare", "truth"):
        return numeric and inst.result.type in T.NUMERIC
    if op == "load_global":
        return inst.result.id in known
    if op == "call":
        callee = known.get(inst.args[0].id)
        if callee == "range":
            return inst.result.type == T.RANGE and counts[inst.result.id] == 1
        return _direct_callee(inst, known, analysed) in candidates
    if op == "get_iter":
        return types == [T.RANGE]
    if op == "for_iter":
        return types == [T.RANGE_ITER]
    if op in ("jump", "brif", "discard"):
        return True
    if op == "return":
        return numeric
    return False


def _add_clones(module, analysed, params, chosen, env) -> None:
    next_id = max(f.id for f in module.functions) + 1
    clone_ids = {fid: next_id + k for k, fid in enumerate(sorted(chosen))}
    for fid in sorted(chosen):
        clone = analysed[fid]
        known = infer(clone, params[fid], env)
        clone.id, clone.kind = clone_ids[fid], "unboxed"
        clone.meta = dict(clone.meta, generic=fid)
        referenced = _lower_to_unboxed(clone, known, clone_ids)
        module.functions.append(clone)
        generic = module.function(fid)
        generic.meta["speculation"] = {
            "unboxed": clone.id,
            "params": tuple(str(t) for t in params[fid]),
            "returns": str(env.returns[fid]),
            "globals": referenced,
            "builtins": tuple(sorted(env.builtins)),
        }
    for fid in sorted(chosen):
        spec = module.function(fid).meta["speculation"]
        spec["globals"] = _transitive_globals(module, fid)


def _lower_to_unboxed(fn: Function, known, clone_ids) -> dict:
    """Rewrites calls and range iteration for the unboxed clone; sets value reprs."""
    names = {i.result.id: i.attrs["name"] for i in fn.instructions() if i.op == "load_global"}
    referenced = {}
    mapping = {}
    for b in fn.blocks:
        for inst in b.insts:
            if inst.op == "call":
                target = known[inst.args[0].id]
                if target == "range":
                    _range_iter(fn, b, inst)
                else:
                    referenced[names[inst.args[0].id]] = target
                    inst.op, inst.args = "call_direct", inst.args[1:]
                    inst.attrs = {"function": clone_ids[target]}
            elif inst.op == "get_iter":
                mapping[inst.result.id] = inst.args[0]
    substitute(fn, mapping)
    for b in fn.blocks:   # the guard checked these bindings; calls are direct now
        b.insts = [i for i in b.insts if i.op not in ("load_global", "load_name", "get_iter")]
    simplify.dead_code(fn)
    for v in fn.values():
        v.repr = T.UNBOXED_REPR[v.type]
    return referenced


def _range_iter(fn: Function, block, inst: Inst) -> None:
    args = inst.args[1:]

    def const(value):
        c = Inst("const", [], {"value": value}, fn.new_value(T.INT), inst.loc)
        block.insts.insert(block.insts.index(inst), c)
        return c.result
    if len(args) == 1:
        args = [const(0), args[0]]
    if len(args) == 2:
        args = args + [const(1)]
    inst.op, inst.args, inst.attrs = "range_iter", args, {}
    inst.result.type = T.RANGE_ITER


def _transitive_globals(module: Module, fid: int) -> dict:
    """name → generic function id, for every function the unboxed clone may reach."""
    result: dict = {}
    todo = [fid]
    while todo:
        spec = module.function(todo.pop()).meta["speculation"]
        for name, target in spec["globals"].items():
            if name not in result:
                result[name] = target
                todo.append(target)
    return result
