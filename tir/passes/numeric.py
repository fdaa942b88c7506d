"""numeric: speculation and unboxing for the numeric core.

Finds functions that, under assumptions checked at their entry, only ever compute with
int/float/bool (and iterate over `range`), and adds an unboxed clone of each (kind "unboxed",
values held as i64/f64/i1) for the LLVM backend. The assumptions are recorded in the generic
function's `meta["speculation"]`: the parameter types, the module globals that must still be
bound to the expected functions, and the builtins that must not be shadowed. The generic
version's entry checks them (the guard) and otherwise runs its own body.

Lists: a value used as a list (subscripted, iterated, passed to `len`) may be speculated to
be an exact list whose elements are floats (or ints) or lists; element loads and stores go
through the runtime with bounds and exact-type checks (runtime/src/speculation.rs).

Deopt: a clone without stores has no side effects (no I/O, no calls other than to other
unboxed functions), so when it cannot go on — i64 overflow, a division by zero, a comparison
it cannot do exactly, a failed element check, the recursion budget — it abandons the whole
call and the generic version re-runs it with full Python semantics. A clone that stores into
lists cannot be re-run: it carries a frame state at each loop header (a `checkpoint`
instruction whose operands are the values live there, mirrored in the generic function's
`speculation["resume"]` layout), the runtime undoes its stores
since the last header, and the generic version resumes at that header with the state's values
boxed. Such clones are only entered from their guard, never called by other clones.
"""
from __future__ import annotations


from .. import types as T
from ..cfg import live_in, reverse_postorder
from ..ir import Function, Inst, Module, copy_function
from . import simplify
from .rewrite import substitute, use_counts
from .typeinfer import PURE_BUILTINS, Env, infer, return_type

I64_MIN, I64_MAX = -(1 << 63), (1 << 63) - 1
LLVM_BINOPS = {"add", "sub", "mul", "truediv", "floordiv", "mod", "and", "or", "xor", "pow"}
CO_VARARGS, CO_VARKEYWORDS = 0x4, 0x8
MAX_ROUNDS = 20
# what a parameter no call site types is guessed to be, tried in this order; the guard at the
# function's entry checks the guess on every call, whoever the caller is
SPECULATED = (T.INT, T.FLOAT)
MIN_GUESSED_OPS = 3     # arithmetic a guessed clone without loops or calls must do
STATE_SLOTS = 256       # runtime/src/speculation.rs: the frame-state slots a clone may fill
SLOTS = {T.RANGE_ITER: 3, T.LIST_ITER: 2}   # (cur, stop, step), (list, index); others take 1


def run(module: Module, profile: dict | None = None) -> None:
    """`profile`: this module's functions as a profiling run saw them ((qualname, first line)
    → {"calls": n, "params": [{"types": [...], "elements": [...]}]}, docs/profile.md), or None.
    With a profile, functions it never saw called get no clone, and parameters no call site
    types are seeded with the types observed instead of the guesses of `SPECULATED`."""
    env = _environment(module)
    analysed = {f.id: copy_function(f) for f in module.functions if f.kind == "generic"}
    allowed = None if profile is None else {fid for fid, fn in analysed.items() if _observed(fn, profile)}
    params = _infer_call_sites(module, analysed, env, {})
    chosen = _qualifying(module, analysed, params, env, allowed)
    guesses = {}    # function id → the element guess its clone was typed with
    lists = {fid: _list_like(fn) for fid, fn in analysed.items()}
    elements = {fid: T.FLOAT if _floaty(fn) else T.INT for fid, fn in analysed.items()}
    if profile is not None:
        for fid, fn in analysed.items():
            elements[fid] = _profiled_elements(_observed(fn, profile)) or elements[fid]
    trials = [None] if profile is not None else SPECULATED
    for guess in trials:
        unseen = _unseen_params(module, analysed, params, chosen)
        if allowed is not None:
            unseen = [fid for fid in unseen if fid in allowed]
        if not unseen:
            break
        if guess is None:
            seeds = {fid: [_profiled_seed(p, t, obs, lists[fid]) for p, t, obs in
                           zip(analysed[fid].entry.params, params[fid], _observed(analysed[fid], profile)["params"])]
                     for fid in unseen}
        else:
            seeds = {fid: [_seed(p, t, guess, lists[fid]) for p, t in zip(analysed[fid].entry.params, params[fid])]
                     for fid in unseen}
        trial_env = Env(env.module_code, env.functions, dict(env.returns), env.builtins, elements, lists)
        trial = _infer_call_sites(module, analysed, trial_env, seeds)
        found = _qualifying(module, analysed, trial, trial_env, allowed) - chosen
        for fid in found & {f for f in unseen if _worth_a_guard(analysed[f])}:
            for taken in {fid} | _callees_in(fid, found, analysed, trial, trial_env):
                params[taken] = trial[taken]
                chosen.add(taken)
                guesses[taken] = trial_env
                env.returns[taken] = trial_env.returns[taken]
    _add_clones(module, analysed, params, chosen, env, guesses)


# profile types (docs/profile.md) a clone can be typed with: one exact type per parameter
PROFILED = {"int": T.INT, "float": T.FLOAT, "bool": T.BOOL, "list": T.LIST}


def _observed(fn: Function, profile: dict) -> dict | None:
    """The profile's record of `fn` when the profiling run called it with the parameters it
    has now (a record of another arity is ignored: no clone)."""
    seen = profile.get((fn.meta["qualname"], fn.meta["firstlineno"]))
    if seen is None or not seen.get("calls") or len(seen.get("params", ())) != len(fn.entry.params):
        return None
    return seen


def _profiled_seed(param, known: T.Type, observed: dict, lists: set[int]) -> T.Type:
    """The type a parameter is seeded with: what the call sites give, else the one exact type
    the profiling run saw (OBJECT, no clone, when it saw several or others)."""
    if known not in (T.BOTTOM, T.OBJECT, T.LIST):
        return known
    types = observed.get("types", [])
    seed = PROFILED.get(types[0]) if len(types) == 1 else None
    if seed is None or (seed != T.LIST and param.id in lists):
        return T.OBJECT
    return seed


def _profiled_elements(observed: dict | None) -> T.Type | None:
    """The element type of the lists a function is passed, when the profile saw only floats
    (or only ints) at the bottom of them; None: guess as without a profile."""
    if observed is None:
        return None
    leaves = {k for p in observed["params"] for k in p.get("elements", ()) if k not in ("list", "empty")}
    return {frozenset({"float"}): T.FLOAT, frozenset({"int"}): T.INT}.get(frozenset(leaves))


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
    env = Env(module_code=module.entry, builtins=set(PURE_BUILTINS) - set(stores))
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
    """Functions not yet chosen whose parameters the direct call sites do not type as
    numbers: those reached through a parameter, a method, `*args` or another module, or
    passed objects (lists) the call site cannot see into."""
    return [fid for fid, fn in analysed.items()
            if fid not in chosen and fid != module.entry and fn.entry.params
            and _simple_signature(fn) and not fn.is_generator
            and any(t in (T.BOTTOM, T.OBJECT, T.LIST) for t in params[fid])]


def _seed(param, known: T.Type, guess: T.Type, lists: set[int]) -> T.Type:
    if param.id in lists:
        return T.LIST
    return guess if known in (T.BOTTOM, T.OBJECT) else known


def _floaty(fn: Function) -> bool:
    """Whether list elements are better guessed float than int: the function computes with
    float constants or true division."""
    return any((i.op == "const" and isinstance(i.attrs["value"], float))
               or (i.op in ("binop", "inplace") and i.attrs["op"] in ("truediv", "pow"))
               for i in fn.instructions())


def _list_like(fn: Function) -> set[int]:
    """Values `fn` uses as lists: subscripted, iterated, or passed to `len`."""
    loaded = {i.result.id: i.attrs["name"] for i in fn.instructions() if i.op == "load_global"}
    used = set()
    for inst in fn.instructions():
        if inst.op in ("getitem", "setitem", "get_iter"):
            used.add(inst.args[0].id)
        elif inst.op == "call" and len(inst.args) == 2 and loaded.get(inst.args[0].id) == "len":
            used.add(inst.args[1].id)
    return used


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
    """Parameter types from the direct call sites; a seeded function (speculated types) keeps
    its seeds, and a clone calls it only with exactly those types (see `_numeric_inst`)."""
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
                if callee is not None and callee not in seeds:
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


UNBOXED_PARAM = T.NUMERIC + (T.LIST,)
UNBOXED_RETURN = T.NUMERIC + (T.NONE,)
BLOCK_PARAM = T.NUMERIC + (T.RANGE_ITER, T.LIST, T.LIST_ITER)


def _qualifying(module, analysed, params, env, allowed=None) -> set[int]:
    """The functions whose clones can be built with these parameter types; with `allowed`
    (a profile's called functions) only among those."""
    candidates = {fid for fid, fn in analysed.items()
                  if fid != module.entry and (allowed is None or fid in allowed) and _simple_signature(fn) and not fn.is_generator
                  and all(t in UNBOXED_PARAM for t in params[fid])
                  and env.returns.get(fid) in UNBOXED_RETURN}
    changed = True
    while changed:
        changed = False
        impure = {fid for fid in candidates if _stores(analysed[fid])}
        for fid in sorted(candidates):
            fn = analysed[fid]
            known = infer(fn, params[fid], env)
            if not _numeric_body(fn, known, candidates - impure, analysed, params) \
                    or (fid in impure and _frame_states(fn, fn) is None):
                candidates.discard(fid)
                changed = True
    return candidates


def _stores(fn: Function) -> bool:
    return any(i.op == "setitem" for i in fn.instructions())


def _numeric_body(fn: Function, known, callable_clones, analysed, params) -> bool:
    counts = use_counts(fn)
    for b in fn.blocks:
        if any(p.type not in BLOCK_PARAM for p in b.params):
            return False
        for inst in b.insts:
            if not _numeric_inst(inst, known, callable_clones, analysed, counts, params):
                return False
    return True


def _numeric_inst(inst, known, callable_clones, analysed, counts, params) -> bool:
    if inst.unwind is not None:
        return False   # exception handlers are the generic version's business
    op, types = inst.op, [a.type for a in inst.args]
    numeric = all(t in T.NUMERIC for t in types)
    index = len(types) >= 2 and types[0] == T.LIST and types[1] in (T.INT, T.BOOL)
    if op == "const":
        v = inst.attrs["value"]
        return v is None or isinstance(v, (bool, float)) or (isinstance(v, int) and I64_MIN <= v <= I64_MAX)
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
        if callee == "len":
            return inst.result.type == T.INT
        fid = _direct_callee(inst, known, analysed)
        return fid in callable_clones and types[1:] == params[fid]
    if op == "getitem":
        return index and inst.result.type in (T.INT, T.FLOAT, T.LIST)
    if op == "setitem":
        return index and types[2] in (T.INT, T.FLOAT)
    if op == "get_iter":
        return types in ([T.RANGE], [T.LIST])
    if op == "for_iter":
        return types in ([T.RANGE_ITER], [T.LIST_ITER])
    if op in ("jump", "brif", "discard"):
        return True
    if op == "return":
        return numeric or types == [T.NONE]
    return False


def _loop_headers(fn: Function) -> list[int]:
    """Blocks a back edge (in reverse postorder) enters, in block order."""
    order = {b.id: n for n, b in enumerate(reverse_postorder(fn))}
    heads = {s.id for b in fn.blocks if b.id in order for s in b.successors()
             if order.get(s.id, -1) <= order[b.id]}
    return [b.id for b in fn.blocks if b.id in heads]


def _frame_states(generic: Function, clone: Function, renamed=None):
    """Per loop header of a clone with stores, the generic function's values live there
    and where the clone holds each: {header: [(generic id, clone id, type, first slot)]};
    None when some header has a value the clone does not hold (or too many)."""
    renamed = renamed or {}
    clone_values = {v.id: v for v in clone.values()}
    entry_params = {p.id for p in generic.entry.params}
    consts = {i.result.id for i in generic.instructions() if i.op == "const"}
    live = live_in(generic)
    blocks = {b.id: b for b in generic.blocks}
    states = {}
    for head in _loop_headers(clone):
        wanted = sorted((live[head] | {p.id for p in blocks[head].params}) - entry_params - consts)
        layout, slot = [], 0
        for gid in wanted:
            held = clone_values.get(renamed.get(gid, gid))
            if held is None or held.type not in BLOCK_PARAM:
                return None
            layout.append((gid, held.id, held.type, slot))
            slot += SLOTS.get(held.type, 1)
        if slot > STATE_SLOTS:
            return None
        states[head] = layout
    return states


def _add_clones(module, analysed, params, chosen, env, guesses) -> None:
    next_id = max(f.id for f in module.functions) + 1
    clone_ids = {fid: next_id + k for k, fid in enumerate(sorted(chosen))}
    for fid in sorted(chosen):
        clone = analysed[fid]
        known = infer(clone, params[fid], guesses.get(fid, env))
        clone.id, clone.kind = clone_ids[fid], "unboxed"
        clone.meta = dict(clone.meta, generic=fid)
        referenced, builtins, renamed = _lower_to_unboxed(clone, known, clone_ids)
        module.functions.append(clone)
        generic = module.function(fid)
        generic.meta["speculation"] = {
            "unboxed": clone.id,
            "params": tuple(str(t) for t in params[fid]),
            "returns": str(env.returns[fid]),
            "globals": referenced,
            "builtins": tuple(sorted(builtins)),
        }
        if _stores(clone):
            states = _frame_states(generic, clone, renamed)
            assert states is not None, "checked by _qualifying"
            _insert_checkpoints(clone, states)
            generic.meta["speculation"]["resume"] = {
                h: [(g, str(ty), s) for g, _, ty, s in layout] for h, layout in states.items()}
    for fid in sorted(chosen):
        spec = module.function(fid).meta["speculation"]
        spec["globals"] = _transitive_globals(module, fid)
    for fid in sorted(chosen):   # a callee's clone relies on its builtins too
        spec = module.function(fid).meta["speculation"]
        reached = [module.function(t).meta["speculation"]["builtins"] for t in spec["globals"].values()]
        spec["builtins"] = tuple(sorted(set(spec["builtins"]).union(*reached)))


def _insert_checkpoints(clone: Function, states) -> None:
    """A `checkpoint` first in each loop header, its operands the frame state."""
    values = {v.id: v for v in clone.values()}
    blocks = {b.id: b for b in clone.blocks}
    for head, layout in states.items():
        args = [values[c] for _, c, _, _ in layout]
        attrs = {"block": head, "layout": [(str(ty), slot) for _, _, ty, slot in layout]}
        blocks[head].insts.insert(0, Inst("checkpoint", args, attrs, None, blocks[head].insts[0].loc))


def _lower_to_unboxed(fn: Function, known, clone_ids):
    """Rewrites calls and iteration for the unboxed clone; sets value reprs. Returns the
    globals and builtins it relies on, and generic value id → clone value id where the
    clone holds a value under another name (a range iterator is the range call's result)."""
    names = {i.result.id: i.attrs["name"] for i in fn.instructions() if i.op == "load_global"}
    referenced, builtins = {}, set()
    mapping = {}
    for b in fn.blocks:
        for inst in b.insts:
            if inst.op == "call":
                target = known[inst.args[0].id]
                if target == "range":
                    builtins.add("range")
                    _range_iter(fn, b, inst)
                elif target == "len":
                    builtins.add("len")
                    inst.op, inst.args, inst.attrs = "list_len", inst.args[1:], {}
                else:
                    referenced[names[inst.args[0].id]] = target
                    inst.op, inst.args = "call_direct", inst.args[1:]
                    inst.attrs = {"function": clone_ids[target]}
            elif inst.op == "get_iter" and inst.args[0].type == T.RANGE_ITER:
                mapping[inst.result.id] = inst.args[0]
            elif inst.op == "get_iter":
                inst.op = "list_iter"
    substitute(fn, mapping)
    for b in fn.blocks:   # the guard checked these bindings; calls are direct now
        b.insts = [i for i in b.insts if i.op not in ("load_global", "load_name", "get_iter")]
    simplify.dead_code(fn)
    for v in fn.values():
        v.repr = T.UNBOXED_REPR.get(v.type, T.I64)
    return referenced, builtins, {g: v.id for g, v in mapping.items()}


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
