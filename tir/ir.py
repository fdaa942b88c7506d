"""TIR data structures: module → functions → blocks with parameters → instructions.

SSA with block parameters instead of phi nodes (as in Cranelift): a terminator passes values
to its successors' parameters. Every instruction that can raise records its source location
(bytecode offset and line) so tracebacks and deopt can name it.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Iterator

from . import types as T
from .ops import OPS

CO_NEWLOCALS = 0x2
CO_GENERATOR = 0x20


@dataclass(eq=False)
class Value:
    id: int
    type: T.Type = T.OBJECT
    repr: str = T.BOXED
    named: bool = False     # held by a local variable (STORE_FAST) at some point

    def __str__(self) -> str:
        return f"v{self.id}"


@dataclass(frozen=True)
class Loc:
    offset: int
    line: int | None


@dataclass(eq=False)
class BlockCall:
    """A branch edge: the target block and the values passed to its parameters. The last
    `implicit` parameters are not passed but produced by the edge itself: the next item on
    `for_iter`'s body edge, the exception on an unwind edge."""
    block: "Block"
    args: list[Value]
    implicit: int = 0


@dataclass(eq=False)
class Inst:
    op: str
    args: list[Value]
    attrs: dict[str, Any] = field(default_factory=dict)
    result: Value | None = None
    loc: Loc | None = None
    targets: list[BlockCall] = field(default_factory=list)
    # where an exception raised by this instruction goes (3.11's exception table): the
    # handler block, whose last parameter receives the exception instance; None = propagate
    unwind: BlockCall | None = None

    @property
    def spec(self):
        return OPS[self.op]

    def edges(self) -> list[BlockCall]:
        """Every edge out of this instruction: normal successors, then the unwind edge."""
        return self.targets + [self.unwind] if self.unwind is not None else self.targets

    def uses(self) -> Iterator[Value]:
        yield from self.args
        for t in self.edges():
            yield from t.args


@dataclass(eq=False)
class Block:
    id: int
    params: list[Value] = field(default_factory=list)
    insts: list[Inst] = field(default_factory=list)

    @property
    def terminator(self) -> Inst:
        return self.insts[-1]

    def edges(self) -> list[BlockCall]:
        """Every edge leaving the block: unwind edges of its instructions and the
        terminator's targets."""
        return [e for inst in self.insts for e in inst.edges()]

    def successors(self) -> list["Block"]:
        return [e.block for e in self.edges()]

    def __str__(self) -> str:
        return f"block{self.id}"


@dataclass(eq=False)
class Function:
    """One code object. `meta` holds the code object's facts the runtime needs (name,
    qualname, filename, firstlineno, argcount, posonlyargcount, kwonlyargcount, flags,
    varnames); `kind` is "generic" (all boxed) or "unboxed" (the numeric core)."""
    id: int
    meta: dict[str, Any]
    blocks: list[Block] = field(default_factory=list)
    kind: str = "generic"
    next_value: int = 0
    next_block: int = 0

    @property
    def name(self) -> str:
        return self.meta["name"]

    @property
    def entry(self) -> Block:
        return self.blocks[0]

    @property
    def is_class_body(self) -> bool:
        """Class-body code (no CO_NEWLOCALS, not a module): its load_name/store_name/
        delete_name act on the namespace dict the runtime passes as its only argument; in
        module code they act on the globals."""
        return not self.meta["flags"] & CO_NEWLOCALS and self.meta["name"] != "<module>"

    @property
    def is_generator(self) -> bool:
        """Calling it makes a generator (CPython's CO_GENERATOR flag)."""
        return bool(self.meta.get("flags", 0) & CO_GENERATOR)

    def new_value(self, type: T.Type = T.OBJECT, repr: str = T.BOXED) -> Value:
        v = Value(self.next_value, type, repr)
        self.next_value += 1
        return v

    def new_block(self) -> Block:
        b = Block(self.next_block)
        self.next_block += 1
        self.blocks.append(b)
        return b

    def instructions(self) -> Iterator[Inst]:
        for b in self.blocks:
            yield from b.insts

    def values(self) -> Iterator[Value]:
        """Every value defined in the function: block parameters and results."""
        for b in self.blocks:
            yield from b.params
            for inst in b.insts:
                if inst.result is not None:
                    yield inst.result


@dataclass(eq=False)
class Module:
    filename: str
    python: str
    functions: list[Function] = field(default_factory=list)
    entry: int = 0   # id of the module-level code's function
    symbol_prefix: str = ""   # prefix of link names, unique per separately compiled module

    def function(self, fid: int) -> Function:
        for f in self.functions:
            if f.id == fid:
                return f
        raise KeyError(fid)


def copy_function(fn: Function) -> Function:
    """A deep copy of `fn` (what copy.deepcopy gives, many times faster): new blocks, values
    and instructions with the same sharing; attributes and meta are deep-copied too."""
    values: dict[int, Value] = {}

    def value(v: Value) -> Value:
        new = values.get(id(v))
        if new is None:
            new = values[id(v)] = Value(v.id, v.type, v.repr, v.named)
        return new

    blocks = {id(b): Block(b.id, [value(p) for p in b.params]) for b in fn.blocks}

    def block(b: Block) -> Block:
        return blocks[id(b)] if id(b) in blocks else copy.deepcopy(b)

    for b in fn.blocks:
        blocks[id(b)].insts = [
            Inst(i.op, [value(a) for a in i.args], _copy_attrs(i.attrs),
                 None if i.result is None else value(i.result), i.loc,
                 [_copy_call(t, block, value) for t in i.targets],
                 None if i.unwind is None else _copy_call(i.unwind, block, value))
            for i in b.insts]
    return Function(fn.id, copy.deepcopy(fn.meta), [blocks[id(b)] for b in fn.blocks], fn.kind,
                    fn.next_value, fn.next_block)


def _copy_call(call: BlockCall, block, value) -> BlockCall:
    return BlockCall(block(call.block), [value(a) for a in call.args], call.implicit)


_ATOMIC = (str, int, float, bool, type(None), bytes)


def _copy_attrs(attrs: dict) -> dict:
    """copy.deepcopy of an instruction's attributes, without its cost for plain values."""
    return {k: v if type(v) in _ATOMIC else copy.deepcopy(v) for k, v in attrs.items()}
