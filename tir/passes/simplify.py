"""simplify: shrinks the builder's maximal SSA to what the function really needs.

- drops unreachable blocks;
- removes block parameters that only ever receive one value (or themselves), and those whose
  value is never used (e.g. a loop variable at its loop header) — a `discard` does not count
  as a use here: a local's old value carried around a loop only to be released at its
  rebinding is released when the previous iteration's block ends instead;
- removes `check_bound` on values that are bound on every path;
- merges a block into its only predecessor when that predecessor jumps to it;
- deletes pure instructions whose results are unused.
Assumes a verified function; keeps it verified.
"""
from __future__ import annotations

from ..cfg import predecessors, reverse_postorder
from ..ir import Function, Value
from .rewrite import substitute, use_counts


def run(fn: Function) -> None:
    changed = True
    while changed:
        remove_unreachable(fn)
        if remove_redundant_params(fn):
            # to a fixed point first: a parameter that only ever receives one value becomes
            # that value, so its release (`del x`) stays, as a release of that value, instead
            # of going with the parameter when only releases use it
            continue
        changed = remove_dead_params(fn)
        changed |= remove_bound_checks(fn)
        changed |= merge_blocks(fn)
        changed |= dead_code(fn)


def remove_unreachable(fn: Function) -> None:
    reachable = {b.id for b in reverse_postorder(fn)}
    fn.blocks = [b for b in fn.blocks if b.id in reachable]


def _incoming(fn: Function):
    """block id → list of (argument lists) over all edges; None marks an implicit value."""
    incoming = {b.id: [] for b in fn.blocks}
    for b in fn.blocks:
        for t in b.edges():
            incoming[t.block.id].append(list(t.args) + [None] * t.implicit)
    return incoming


def remove_redundant_params(fn: Function) -> bool:
    incoming = _incoming(fn)
    mapping: dict[int, Value] = {}
    drop: dict[int, set[int]] = {}
    for b in fn.blocks[1:]:
        for i, p in enumerate(b.params):
            sources = {id(args[i]): args[i] for args in incoming[b.id]}
            sources.pop(id(p), None)
            if len(sources) == 1 and None not in sources.values():
                mapping[p.id] = next(iter(sources.values()))
                drop.setdefault(b.id, set()).add(i)
    if not drop:
        return False
    for b in fn.blocks:
        if b.id in drop:
            b.params = [p for i, p in enumerate(b.params) if i not in drop[b.id]]
        for t in b.edges():
            if t.block.id in drop:
                t.args = [a for i, a in enumerate(t.args) if i not in drop[t.block.id]]
    substitute(fn, mapping)
    return True


def remove_dead_params(fn: Function) -> bool:
    """Drop parameters whose value reaches no instruction, only other dead parameters."""
    params = {p.id for b in fn.blocks[1:] for p in b.params}
    live = {a.id for inst in fn.instructions() if inst.op != "discard" or inst.attrs.get("held")
            for a in inst.args} & params
    feeds: dict[int, set[int]] = {}    # parameter id → parameters it is passed on to
    for b in fn.blocks:
        for t in b.edges():
            for p in t.block.params[len(t.block.params) - t.implicit:]:
                live.add(p.id)   # produced by the edge (next item, exception), not passed
            for p, a in zip(t.block.params, t.args):
                feeds.setdefault(a.id, set()).add(p.id)
    changed = True
    while changed:
        changed = False
        for pid in params - live:
            if feeds.get(pid, set()) & live:
                live.add(pid)
                changed = True
    dead = params - live
    if not dead:
        return False
    for b in fn.blocks:
        for t in b.edges():
            t.args = [a for a, p in zip(t.args, t.block.params) if p.id not in dead]
    for b in fn.blocks[1:]:
        b.params = [p for p in b.params if p.id not in dead]
    for b in fn.blocks:
        b.insts = [i for i in b.insts if not (i.op == "discard" and i.args[0].id in dead)]
    return True


def maybe_unbound(fn: Function) -> set[int]:
    """Ids of values that may be an unbound local on some path (fixed point over params)."""
    result = {i.result.id for i in fn.instructions() if i.op == "unbound"}
    incoming = _incoming(fn)
    changed = True
    while changed:
        changed = False
        for b in fn.blocks:
            for i, p in enumerate(b.params):
                if p.id not in result and any(
                        args[i] is not None and args[i].id in result for args in incoming[b.id]):
                    result.add(p.id)
                    changed = True
    return result


def remove_bound_checks(fn: Function) -> bool:
    unbound = maybe_unbound(fn)
    mapping = {}
    for b in fn.blocks:
        keep = []
        for inst in b.insts:
            if inst.op == "check_bound" and inst.args[0].id not in unbound:
                mapping[inst.result.id] = inst.args[0]
            else:
                keep.append(inst)
        b.insts = keep
    substitute(fn, mapping)
    return bool(mapping)


def merge_blocks(fn: Function) -> bool:
    preds = predecessors(fn)
    for b in fn.blocks:
        term = b.terminator
        if term.op != "jump":
            continue
        target = term.targets[0].block
        if target is b or target is fn.entry or len(preds[target.id]) != 1:
            continue
        mapping = {p.id: a for p, a in zip(target.params, term.targets[0].args)}
        b.insts = b.insts[:-1] + target.insts
        fn.blocks.remove(target)
        substitute(fn, mapping)
        return True
    return False


NOTHING_TO_RELEASE = ("unbound", "const")


def dead_code(fn: Function) -> bool:
    """Deletes pure instructions whose results are unused, and releases (`discard`) of values
    that hold no reference of their own (an unbound slot, a constant)."""
    changed = False
    while True:
        counts = use_counts(fn)
        inert = {i.result.id for i in fn.instructions() if i.op in NOTHING_TO_RELEASE}
        removed = False
        for b in fn.blocks:
            keep = [i for i in b.insts
                    if not (i.spec.pure and i.result is not None and counts[i.result.id] == 0)
                    and not (i.op == "discard" and i.args[0].id in inert)]
            if len(keep) != len(b.insts):
                b.insts = keep
                removed = True
        if not removed:
            return changed
        changed = True
