"""Block-parameter coalescing: one Rust variable for a block parameter and the edge arguments
that feed it, wherever their live ranges do not overlap (SSA destruction's copy coalescing).

The printer holds block parameters and values used across blocks in function-level
variables, and an edge assigns each argument to its parameter's variable. For a loop-carried
local that is a chain of moves per iteration (`v41 -> v66 -> v41`), each leaving a None
placeholder behind that is later released. When a parameter and its argument share one
variable, the edge's assignment disappears.

Two values may share a variable when neither is live where the other is defined (strict SSA:
that is when their live ranges overlap). Liveness comes from the block-level `live_in`; inside
a block the walk is backwards from what the successors need, so a value a handler needs counts
as live through the whole block that raises into it (conservative). Every parameter of a block
interferes with what is live into the block and with the block's other parameters (they are
all assigned by the same edge). The release points of locals are `discard`s, which are uses,
so a local's object is still released where CPython releases it.

Assumes the candidates are values printed as function-level `Obj` variables (not entry
parameters, constants or maybe-unbound locals) and a verified function.
"""
from __future__ import annotations

from ...tir.ir import Function


def interference(fn: Function, live_in: dict[int, set[int]], candidates: set[int]) -> dict[int, set[int]]:
    """Candidate value id -> the candidate ids it interferes with."""
    graph: dict[int, set[int]] = {c: set() for c in candidates}

    def conflict(v: int, live: set[int]) -> None:
        if v in candidates:
            for x in live & candidates:
                if x != v:
                    graph[v].add(x)
                    graph[x].add(v)

    for b in fn.blocks:
        live: set[int] = set()
        for s in b.successors():
            live |= live_in[s.id]
        for inst in reversed(b.insts):
            if inst.result is not None:
                conflict(inst.result.id, live)
                live.discard(inst.result.id)
            live.update(v.id for v in inst.uses())
        params = {p.id for p in b.params}
        for p in params:
            conflict(p, live | params)
    return graph


def coalesce(fn: Function, live_in: dict[int, set[int]], candidates: set[int]) -> dict[int, int]:
    """Value id -> the id of the value whose variable it shares (only for values that share
    one with another). Each edge argument is joined with its parameter when no member of
    one's group interferes with a member of the other's."""
    graph = interference(fn, live_in, candidates)
    group: dict[int, int] = {c: c for c in candidates}
    members: dict[int, set[int]] = {c: {c} for c in candidates}
    conflicts: dict[int, set[int]] = {c: set(graph[c]) for c in candidates}

    def find(v: int) -> int:
        while group[v] != v:
            group[v] = group[group[v]]
            v = group[v]
        return v

    for b in fn.blocks:
        for call in (e for inst in b.insts for e in inst.edges()):
            for p, a in zip(call.block.params, call.args):
                if p.id not in candidates or a.id not in candidates:
                    continue
                gp, ga = find(p.id), find(a.id)
                if gp == ga or conflicts[gp] & members[ga]:
                    continue
                if len(members[gp]) < len(members[ga]):
                    gp, ga = ga, gp
                group[ga] = gp
                members[gp] |= members.pop(ga)
                conflicts[gp] |= conflicts.pop(ga)
    return {c: find(c) for c in candidates if find(c) != c or len(members[find(c)]) > 1}
