"""CFG helpers over TIR functions: predecessors, reverse postorder, dominators."""
from __future__ import annotations

from .ir import Block, Function


def reverse_postorder(fn: Function) -> list[Block]:
    seen: set[int] = set()
    order: list[Block] = []
    stack = [(fn.entry, iter(fn.entry.successors()))]
    seen.add(fn.entry.id)
    while stack:
        block, it = stack[-1]
        nxt = next((s for s in it if s.id not in seen), None)
        if nxt is None:
            stack.pop()
            order.append(block)
        else:
            seen.add(nxt.id)
            stack.append((nxt, iter(nxt.successors())))
    return order[::-1]


def predecessors(fn: Function) -> dict[int, list[Block]]:
    preds: dict[int, list[Block]] = {b.id: [] for b in fn.blocks}
    for b in fn.blocks:
        for s in b.successors():
            preds.setdefault(s.id, []).append(b)
    return preds


def dominators(fn: Function) -> dict[int, set[int]]:
    """Block id → ids of the blocks dominating it (itself included); reachable blocks only."""
    order = reverse_postorder(fn)
    preds = predecessors(fn)
    reachable = {b.id for b in order}
    dom = {b.id: set(reachable) for b in order}
    dom[fn.entry.id] = {fn.entry.id}
    changed = True
    while changed:
        changed = False
        for b in order[1:]:
            ps = [dom[p.id] for p in preds[b.id] if p.id in reachable]
            new = set.intersection(*ps) | {b.id} if ps else {b.id}
            if new != dom[b.id]:
                dom[b.id] = new
                changed = True
    return dom


def live_in(fn: Function) -> dict[int, set[int]]:
    """Block id → ids of the values some path from the block's start uses (operands, edge
    arguments, unwind arguments) that the block does not define; the usual backward dataflow
    to a fixed point."""
    gen: dict[int, set[int]] = {}
    kill: dict[int, set[int]] = {}
    for b in fn.blocks:
        defined = {p.id for p in b.params}
        used: set[int] = set()
        for inst in b.insts:
            used.update(v.id for v in inst.uses() if v.id not in defined)
            if inst.result is not None:
                defined.add(inst.result.id)
        gen[b.id], kill[b.id] = used, defined
    live_in = {b.id: set(gen[b.id]) for b in fn.blocks}
    out = {b.id: set() for b in fn.blocks}
    changed = True
    while changed:
        changed = False
        for b in reversed(fn.blocks):
            new_out = set().union(*(live_in[s.id] for s in b.successors())) if b.successors() else set()
            if new_out != out[b.id]:
                out[b.id] = new_out
                new_in = gen[b.id] | (new_out - kill[b.id])
                if new_in != live_in[b.id]:
                    live_in[b.id] = new_in
                changed = True
    return live_in
