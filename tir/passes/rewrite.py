"""Shared rewriting helpers for passes: value substitution and use counts."""
from __future__ import annotations

from collections import Counter

from ..ir import Function, Value


def substitute(fn: Function, mapping: dict[int, Value]) -> None:
    """Replace every use of value id k by mapping[k] (following chains)."""
    def resolve(v: Value) -> Value:
        while v.id in mapping:
            v = mapping[v.id]
        return v
    for inst in fn.instructions():
        inst.args = [resolve(a) for a in inst.args]
        for t in inst.edges():
            t.args = [resolve(a) for a in t.args]


def use_counts(fn: Function) -> Counter:
    counts: Counter = Counter()
    for inst in fn.instructions():
        for v in inst.uses():
            counts[v.id] += 1
    return counts
