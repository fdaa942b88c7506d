"""Comprehensions run inline in their caller: 3.11 makes and calls a function for every list,
set and dict comprehension and a generator for every generator expression; here their code
is copied into the caller instead.

- `<listcomp>`/`<setcomp>`/`<dictcomp>` called with the iterator (`make_function` + `call`):
  the blocks are copied in place of the call, the argument is the caller's iterator, the
  closure's cells are the caller's cells, and `return` goes on after the call.
- A generator expression that all(), any(), sum(), sorted(), tuple(), list() or a constant
  string's join() consumes, `consumer(<genexpr>(iter(x)))`: a test that the name is still the
  builtin (`builtin_is`; for `"sep".join`, that it is str's join),
  then the copied body, where `yield v` hands `v` to the consumer:
  - all / any: `truth v` decides at once; the early exit releases what the generator frame
    held at the yield (CPython drops the generator there), then the result is False / True;
  - sum: an accumulator carried through the copied blocks, `acc + v` per item (what
    `builtins.sum` does, from 0);
  - sorted / tuple / list / join: the items go to a list, then the consumer is called with it
    (they build a list of the items first too).
  Otherwise (the name rebound) the original calls run.

The copied instructions that raise carry `inlined` = [the comprehension's function id, the
call's line, whether it is a generator]: the printer gives their errors the comprehension's
traceback entry before the caller's, and a generator expression's StopIteration becomes
RuntimeError as a generator step's does; the consumer's own step (truth, `+`) raises on the
caller's line, as a builtin does. The comprehension's locals are let go (`forget`) where its
frame would end, and its frame counts as a level of recursion while it runs (`depth_enter`
where its call or resume would enter it, raising RecursionError there as the call would;
`depth_leave` where it returns, yields or raises), so deep recursion through a comprehension
stops where CPython's does. Nested inlining is not done (an inlined body's own comprehensions stay calls:
one `inlined` frame per instruction).

Assumes simplified, verified functions; runs before type inference. Only for units printed
for speed (`hot`): the printer's cold error forms do not take the inline frame.
"""
from __future__ import annotations

from ...tir.cfg import live_in
from .. import types as T
from ..ir import BlockCall, Function, Inst, Module, Value
from ..ops import OPS
from .rewrite import use_counts

CONSUMERS = ("all", "any", "sum", "sorted", "tuple", "list")
LIST_CONSUMERS = ("sorted", "tuple", "list", "str.join")
CO_NOT_PLAIN_GENERATOR = 0x80 | 0x100 | 0x200    # coroutine, iterable coroutine, async generator
GENEXPR_TERMINATORS = ("jump", "brif", "for_iter", "yield", "return", "gen_start")
# what reads the running frame itself: inline, it would read the caller's
FRAME_OPS = ("call_super", "load_locals", "load_classderef", "load_from_dict_or_globals",
             "import_star", "push_exc_info")
FRAME_BUILTINS = ("locals", "vars", "dir", "eval", "exec", "super", "breakpoint")


def _reads_frame(g: Function) -> bool:
    """`g` uses zero-argument super(), locals(), vars(), dir(), eval/exec or
    sys._getframe(), which would see the caller's frame once inlined."""
    for inst in g.instructions():
        if inst.op in FRAME_OPS:
            return True
        if inst.op in ("load_global", "load_name") and inst.attrs.get("name") in FRAME_BUILTINS:
            return True
        if inst.op == "getattr" and inst.attrs.get("name") == "_getframe":
            return True
    return False


def run(module: Module) -> None:
    genexprs = {f.id: f for f in module.functions if _inlinable(f)}
    comprehensions = {f.id: f for f in module.functions if _inlinable_comprehension(f)}
    if not genexprs and not comprehensions:
        return
    for fn in module.functions:
        if fn.kind != "generic" or fn.id in genexprs or fn.id in comprehensions:
            continue
        while True:
            site = _find_site(fn, genexprs)
            if site is None:
                break
            _inline(fn, *site, genexprs)
        while True:
            site = _find_comprehension_site(fn, comprehensions)
            if site is None:
                break
            _inline_comprehension(fn, *site, comprehensions)


def _inlinable(g: Function) -> bool:
    """A plain generator expression whose body only iterates and yields once per item."""
    if g.kind != "generic" or g.meta.get("name") != "<genexpr>" or not g.is_generator \
            or g.meta["flags"] & CO_NOT_PLAIN_GENERATOR or g.meta.get("argcount") != 1 \
            or len(g.entry.params) != 1:
        return False
    entry = g.entry.insts
    if entry[-1].op != "gen_start" or any(i.op != "closure_cell" for i in entry[:-1]) or _reads_frame(g):
        return False
    yields = 0
    for b in g.blocks[1:]:
        for inst in b.insts:
            if inst.unwind is not None or inst.op in ("closure_cell", "gen_start"):
                return False
            if inst.spec.terminator and inst.op not in GENEXPR_TERMINATORS:
                return False
            if inst.spec.suspends and inst.op != "yield":
                return False
            yields += inst.op == "yield"
    return yields == 1


def _inlinable_comprehension(g: Function) -> bool:
    """A list, set or dict comprehension's function (3.11 calls one per evaluation): straight
    code over its one argument, the iterator, returning the built container."""
    if g.kind != "generic" or g.meta.get("name") not in ("<listcomp>", "<setcomp>", "<dictcomp>") \
            or g.is_generator or g.meta.get("argcount") != 1 or len(g.entry.params) != 1 \
            or _reads_frame(g):
        return False
    for b in g.blocks:
        for n, inst in enumerate(b.insts):
            if inst.unwind is not None or inst.spec.suspends or inst.op == "gen_start":
                return False
            if inst.op == "closure_cell" and (b is not g.entry or any(i.op != "closure_cell" for i in b.insts[:n])):
                return False
            if inst.spec.terminator and inst.op not in ("jump", "brif", "for_iter", "return"):
                return False
    return True


def _find_comprehension_site(fn: Function, comprehensions: dict[int, Function]):
    """(block, index of the call, G's id) of the first `<listcomp>(iter(x))` call, or None."""
    producers = {i.result.id: i for i in fn.instructions() if i.result is not None}
    uses = use_counts(fn)
    for b in fn.blocks:
        for n, call in enumerate(b.insts):
            if not (call.op == "call" and len(call.args) == 2 and call.attrs.get("kwnames") is None
                    and "inlined" not in call.attrs):
                continue
            make = producers.get(call.args[0].id)
            if make is None or make.op != "make_function" or make.attrs.get("function") not in comprehensions \
                    or make.attrs.get("flags") not in (0, 8) or uses[make.result.id] != 1 \
                    or not _movable(b, n, make, producers, uses):
                continue
            return b, n, make.attrs["function"]
    return None


def _inline_comprehension(fn: Function, b, at: int, gid: int, comprehensions: dict[int, Function]) -> None:
    """The comprehension's blocks copied in place of the call; its `return` goes on after
    the call with the container."""
    g = comprehensions[gid]
    call = b.insts[at]
    producers = {i.result.id: i for i in b.insts if i.result is not None}
    make = producers[call.args[0].id]
    dead = [make] + [producers[a.id] for a in make.args]
    here = call.loc

    after = fn.new_block()
    after.params = [call.result]
    after.insts = b.insts[at + 1:]
    c = _Copier(fn, g, make, producers, call.args[1], call, entry=True)
    b.insts = [i for i in b.insts[:at] if i not in dead]
    b.insts.append(Inst("depth_enter", [], {}, None, here, [], _same_edge(call.unwind)))
    b.insts.append(Inst("jump", [], targets=[BlockCall(c.blocks[g.entry.id], [])], loc=here))
    for gb in g.blocks:
        nb = c.blocks[gb.id]
        for i in gb.insts[:-1]:
            if i.op == "closure_cell" or (i.op == "discard" and c.is_cell(i.args[0])):
                continue
            nb.insts.append(c.inst(i, call.unwind))
        term = gb.insts[-1]
        if term.op == "return":
            nb.insts.append(Inst("depth_leave", [], {}, None, here))
            nb.insts.append(c.forget(here))
            nb.insts.append(Inst("jump", [], targets=[BlockCall(after, [c.value(term.args[0])])], loc=here))
        else:
            copied = c.inst(term, call.unwind if term.spec.may_raise else None)
            copied.targets = [c.edge(t, None) for t in term.targets]
            nb.insts.append(copied)


def _find_site(fn: Function, genexprs: dict[int, Function]):
    """(block, index of the genexpr call, G's id) of the first site, or None."""
    producers = {i.result.id: i for i in fn.instructions() if i.result is not None}
    uses = use_counts(fn)
    for b in fn.blocks:
        for n in range(1, len(b.insts)):
            call, gcall = b.insts[n], b.insts[n - 1]
            if not (call.op == "call" and gcall.op == "call" and len(call.args) == 2
                    and len(gcall.args) == 2 and call.attrs.get("kwnames") is None
                    and gcall.attrs.get("kwnames") is None and not call.attrs.get("generic_path")
                    and "inlined" not in call.attrs
                    and call.args[1] is gcall.result and uses[gcall.result.id] == 1):
                continue
            name = _consumer(producers.get(call.args[0].id), producers)
            if name is None:
                continue
            make = producers.get(gcall.args[0].id)
            if make is None or make.op != "make_function" or make.attrs.get("function") not in genexprs \
                    or make.attrs.get("flags") not in (0, 8) or uses[make.result.id] != 1 \
                    or not _movable(b, n - 1, make, producers, uses):
                continue
            return b, n - 1, make.attrs["function"], name
    return None


def _consumer(inst: Inst | None, producers) -> str | None:
    """Which consumer the callee is: a builtin's name, or "str.join" for `"sep".join`."""
    if inst is None:
        return None
    if inst.op in ("load_global", "load_name") and inst.attrs.get("name") in CONSUMERS:
        return inst.attrs["name"]
    if inst.op == "getattr" and inst.attrs.get("name") == "join":
        sep = producers.get(inst.args[0].id)
        if sep is not None and sep.op == "const" and type(sep.attrs.get("value")) is str:
            return "str.join"
    return None


def _movable(b, before: int, make: Inst, producers, uses) -> bool:
    """make_function, its code_ref and closure tuple are in `b` before the call and used only
    there, so they can move to the generic path."""
    parts = [make] + [producers.get(a.id) for a in make.args]
    return all(p is not None and p in b.insts[:before] and uses[p.result.id] == 1
               and p.op in ("make_function", "code_ref", "build_tuple") for p in parts)


class _Copier:
    """Copies G's blocks into `fn` with fresh values for the call whose make_function is
    `make` (in `producers`) and whose argument is `iterator`: G's argument is that iterator,
    its closure cells are the caller's cells. `acc` adds a leading accumulator parameter to
    every copied block (sum); `entry`: G's entry block is copied too (not a generator)."""

    def __init__(self, fn: Function, g: Function, make: Inst, producers, iterator: Value, call: Inst,
                 acc: bool = False, entry: bool = False):
        cells = list(producers[make.args[1].id].args) if len(make.args) > 1 else []
        self.map: dict[int, Value] = {g.entry.params[0].id: iterator}
        self.cell_ids: set[int] = set()
        for i in g.entry.insts:
            if i.op == "closure_cell":
                self.map[i.result.id] = cells[i.attrs["index"]]
                self.cell_ids.add(cells[i.attrs["index"]].id)
        line = call.loc.line if call.loc and call.loc.line is not None else fn.meta["firstlineno"]
        self.fn, self.g, self.acc, self.frame = fn, g, acc, [g.id, line, g.is_generator]
        copied = g.blocks if entry else g.blocks[1:]
        self.blocks = {b.id: fn.new_block() for b in copied}
        self.acc_of: dict[int, Value] = {}
        for b in (g.blocks[1:] if entry else copied):
            nb = self.blocks[b.id]
            if acc:
                self.acc_of[b.id] = fn.new_value()
                nb.params.append(self.acc_of[b.id])
            nb.params += [self.value(p) for p in b.params]

    def is_cell(self, v: Value) -> bool:
        """`v` (of G) is one of the caller's cells, which the copy must not release."""
        return self.value(v).id in self.cell_ids

    def forget(self, loc) -> Inst:
        """G's locals let go where its frame would end (named values, which the printer keeps
        in their variables until rebound)."""
        ids = sorted(self.value(v).id for v in self.g.values()
                     if v.named and not self.is_cell(v) and v is not self.g.entry.params[0])
        return Inst("forget", [], {"values": ids}, None, loc)

    def value(self, v: Value) -> Value:
        if v.id not in self.map:
            self.map[v.id] = Value(self.fn.next_value, v.type, v.repr, v.named)
            self.fn.next_value += 1
        return self.map[v.id]

    def edge(self, call: BlockCall, acc: Value | None, extra: list[Value] = ()) -> BlockCall:
        args = ([acc] if self.acc else []) + [self.value(a) for a in call.args] + list(extra)
        implicit = call.implicit - len(extra)
        return BlockCall(self.blocks[call.block.id], args, implicit)

    def inst(self, i: Inst, unwind: BlockCall | None) -> Inst:
        attrs = dict(i.attrs)
        if i.spec.may_raise:
            attrs["inlined"] = self.frame
        return Inst(i.op, [self.value(a) for a in i.args], attrs,
                    None if i.result is None else self.value(i.result), i.loc, [],
                    _same_edge(unwind) if i.spec.may_raise else None)


def _same_edge(call: BlockCall | None) -> BlockCall | None:
    return None if call is None else BlockCall(call.block, list(call.args), call.implicit)


def _inline(fn: Function, b, at: int, gid: int, name: str, genexprs: dict[int, Function]) -> None:
    g = genexprs[gid]
    gcall, call = b.insts[at], b.insts[at + 1]
    producers = {i.result.id: i for i in b.insts if i.result is not None}
    make = producers[gcall.args[0].id]
    moved = [make] + [producers[a.id] for a in make.args]

    # the caller's block: up to the call, then the test; the rest continues in `after`
    after = fn.new_block()
    after.params = [call.result]
    after.insts = b.insts[at + 2:]
    generic, fast = fn.new_block(), fn.new_block()
    b.insts = [i for i in b.insts[:at] if i not in moved]
    ok = fn.new_value(T.BOOL)
    b.insts.append(Inst("builtin_is", [call.args[0]], {"name": name}, ok, call.loc))
    b.insts.append(Inst("brif", [ok], targets=[BlockCall(fast, []), BlockCall(generic, [])], loc=call.loc))

    # the generic path: the original calls
    result = fn.new_value()
    generic.insts = [i for i in moved[::-1]] + [gcall, Inst("call", list(call.args), {**call.attrs, "generic_path": True},
                                                             result, call.loc, [], _same_edge(call.unwind)),
                                                  Inst("jump", [], targets=[BlockCall(after, [result])], loc=call.loc)]

    # the copy of G
    c = _Copier(fn, g, make, producers, gcall.args[1], call, acc=name == "sum")
    here = call.loc

    def const(block, value) -> Value:
        v = fn.new_value()
        block.insts.append(Inst("const", [], {"value": value}, v, here))
        return v

    def enter() -> Inst:
        """The generator's frame entered for a step (its call or a resume)."""
        return Inst("depth_enter", [], {}, None, here, [], _same_edge(call.unwind))

    def leave() -> Inst:
        return Inst("depth_leave", [], {}, None, here)

    def step(inst, args, result=True) -> Value | None:
        """An instruction of the consumer itself: the caller's frame and handler."""
        v = (fn.new_value(OPS[inst].result_type) if result else None)
        return Inst(inst, args, {}, v, here, [], _same_edge(call.unwind)), v

    items = None
    if name in LIST_CONSUMERS:
        items = fn.new_value()
        fast.insts.append(Inst("build_list", [], {}, items, here))
    acc0 = const(fast, 0) if c.acc else None
    none = const(fast, None)
    fast.insts.append(enter())
    fast.insts.append(Inst("jump", [], targets=[c.edge(g.entry.insts[-1].targets[0], acc0, [none])], loc=here))

    g_live = live_in(g)
    g_values = {v.id: v for v in g.values()}
    for gb in g.blocks[1:]:
        nb = c.blocks[gb.id]
        acc = c.acc_of.get(gb.id)
        for i in gb.insts[:-1]:
            if i.op == "discard" and c.is_cell(i.args[0]):
                continue
            nb.insts.append(c.inst(i, call.unwind))
        term = gb.insts[-1]
        if term.op == "yield":
            item = c.value(term.args[0])
            resume = term.targets[0]
            nb.insts.append(leave())
            if name in ("all", "any"):
                truth, t = step("truth", [item])
                nb.insts.append(truth)
                done = fn.new_block()
                for vid in sorted(g_live[resume.block.id]):
                    if not c.is_cell(g_values[vid]):
                        done.insts.append(Inst("discard", [c.value(g_values[vid])], loc=here))
                done.insts.append(c.forget(here))
                answer = const(done, name == "any")
                done.insts.append(Inst("jump", [], targets=[BlockCall(after, [answer])], loc=here))
                again = fn.new_block()
                n = const(again, None)
                again.insts.append(enter())
                again.insts.append(Inst("jump", [], targets=[c.edge(resume, acc, [n])], loc=here))
                targets = [BlockCall(done, []), BlockCall(again, [])]
                nb.insts.append(Inst("brif", [t], targets=targets if name == "any" else targets[::-1], loc=here))
                continue
            if name == "sum":
                add, acc = step("binop", [acc, item])
                add.attrs["op"] = "add"
                nb.insts.append(add)
            else:
                append, _ = step("list_append", [items, item], result=False)
                nb.insts.append(append)
            n = const(nb, None)
            nb.insts.append(enter())
            nb.insts.append(Inst("jump", [], targets=[c.edge(resume, acc, [n])], loc=here))
        elif term.op == "return":
            nb.insts.append(leave())
            nb.insts.append(c.forget(here))
            if name == "sum":
                answer = acc
            elif name in LIST_CONSUMERS:
                final, answer = step("call", [call.args[0], items])
                final.attrs["kwnames"] = None
                nb.insts.append(final)
            else:
                answer = const(nb, name == "all")
            nb.insts.append(Inst("jump", [], targets=[BlockCall(after, [answer])], loc=here))
        else:
            copied = c.inst(term, call.unwind if term.spec.may_raise else None)
            copied.targets = [c.edge(t, acc) for t in term.targets]
            nb.insts.append(copied)
