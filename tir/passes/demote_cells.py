"""Cells nothing captures any more become plain values again.

A function makes a cell for each of its variables that a nested function reads. Once the
nested function is a comprehension copied into it (`inline_comprehensions`), such a cell
may have no reader but the function itself: a parameter's cell (`self` read by a list
comprehension) that is only ever read (`load_deref`) and released (`discard`). Then each read
is the parameter itself and the cell's release is the parameter's: no cell is allocated and
no read goes through it.

Assumes a verified function; only parameters (always bound) are demoted, and only cells that
are never stored to, deleted or passed anywhere (a closure tuple, a call).
"""
from __future__ import annotations

from ..ir import Function
from .rewrite import substitute


def run(fn: Function) -> None:
    params = {p.id for p in fn.entry.params}
    cells = {i.result.id: i for i in fn.entry.insts
             if i.op == "make_cell" and i.args[0].id in params}
    if not cells:
        return
    for inst in fn.instructions():
        for n, v in enumerate(inst.args):
            if v.id in cells and not (inst.op in ("load_deref", "discard") and n == 0):
                cells.pop(v.id)
        for e in inst.edges():
            for v in e.args:
                cells.pop(v.id, None)
    if not cells:
        return
    mapping = {}
    for b in fn.blocks:
        kept = []
        for inst in b.insts:
            cell = inst.args[0].id if inst.args else None
            if inst.op == "make_cell" and inst.result.id in cells:
                continue
            if inst.op == "load_deref" and cell in cells:
                mapping[inst.result.id] = cells[cell].args[0]
                continue
            if inst.op == "discard" and cell in cells:
                inst.args = [cells[cell].args[0]]
            kept.append(inst)
        b.insts = kept
    substitute(fn, mapping)
