"""The TIR verifier, run after the builder and after every pass.

Checks structure (terminators last and only last, known instructions, operand and successor
counts, block-argument arity), single definition of each value, and that every use is
dominated by its definition. Raises VerifyError naming the function, block and instruction.
"""
from __future__ import annotations

from . import types as T
from .cfg import dominators
from .ir import Function, Module
from .ops import OPS, SUCCESSORS
from .text import print_inst


class VerifyError(Exception):
    pass


def verify_module(module: Module) -> None:
    ids = [f.id for f in module.functions]
    if len(set(ids)) != len(ids):
        raise VerifyError("duplicate function ids")
    if module.entry not in ids:
        raise VerifyError(f"entry f{module.entry} is not a function of the module")
    for fn in module.functions:
        verify_function(fn, set(ids))


def verify_function(fn: Function, function_ids: set[int] | None = None) -> None:
    where = f"f{fn.id} ({fn.meta.get('qualname', fn.meta.get('name'))})"
    if not fn.blocks:
        raise VerifyError(f"{where}: no blocks")
    block_ids = [b.id for b in fn.blocks]
    if len(set(block_ids)) != len(block_ids):
        raise VerifyError(f"{where}: duplicate block ids")
    defs: dict[int, tuple[int, int]] = {}   # value id → (block id, index; -1 for params)

    def define(v, bid, index):
        if v.id in defs:
            raise VerifyError(f"{where}: v{v.id} defined twice")
        defs[v.id] = (bid, index)

    for b in fn.blocks:
        for p in b.params:
            define(p, b.id, -1)
        for i, inst in enumerate(b.insts):
            if inst.result is not None:
                define(inst.result, b.id, i)
    dom = dominators(fn)
    blocks = set(block_ids)
    for b in fn.blocks:
        if b.id not in dom:
            continue  # unreachable blocks are not checked for dominance
        _verify_block(fn, b, where, defs, dom, blocks, function_ids)


def _verify_block(fn, b, where, defs, dom, blocks, function_ids):
    if not b.insts or not b.insts[-1].spec.terminator:
        raise VerifyError(f"{where}: block{b.id} does not end in a terminator")
    last = len(b.insts) - 1
    for i, inst in enumerate(b.insts):
        def ctx(inst=inst):   # printed only when something is wrong: printing is slow
            return f"{where} block{b.id}: {print_inst(inst)}"
        spec = OPS.get(inst.op)
        if spec is None:
            raise VerifyError(f"{ctx()}: unknown instruction")
        if spec.terminator != (i == last):
            raise VerifyError(f"{ctx()}: terminator not at the end of its block")
        if spec.nargs is not None and len(inst.args) != spec.nargs:
            raise VerifyError(f"{ctx()}: expects {spec.nargs} operands")
        if spec.result != (inst.result is not None):
            raise VerifyError(f"{ctx()}: result presence is wrong")
        if spec.terminator:
            _verify_targets(inst, ctx, blocks)
        if inst.op == "brif" and inst.args[0].type != T.BOOL:
            raise VerifyError(f"{ctx()}: branch condition is not bool")
        if function_ids is not None and "function" in inst.attrs \
                and inst.attrs["function"] not in function_ids:
            raise VerifyError(f"{ctx()}: refers to a missing function")
        for v in inst.uses():
            _verify_use(v, b.id, i, defs, dom, ctx)


def _verify_targets(inst, ctx, blocks):
    if len(inst.targets) != SUCCESSORS[inst.op]:
        raise VerifyError(f"{ctx()}: expects {SUCCESSORS[inst.op]} successors")
    for k, t in enumerate(inst.targets):
        if t.block.id not in blocks:
            raise VerifyError(f"{ctx()}: branches to a block outside the function")
        implicit = 1 if k in inst.spec.implicit else 0  # e.g. for_iter's next item
        if len(t.args) + implicit != len(t.block.params):
            raise VerifyError(f"{ctx()}: block{t.block.id} takes {len(t.block.params)} arguments")


def _verify_use(v, bid, index, defs, dom, ctx):
    defined = defs.get(v.id)
    if defined is None:
        raise VerifyError(f"{ctx()}: v{v.id} is used but never defined")
    dbid, dindex = defined
    if dbid == bid:
        if dindex >= index:
            raise VerifyError(f"{ctx()}: v{v.id} is used before its definition")
    elif dbid not in dom[bid]:
        raise VerifyError(f"{ctx()}: v{v.id} does not dominate its use")
