"""Decodes one code object's instructions into version-neutral operations.

Driven by the version's opcode table in opcode_matrix: an opcode that has no entry there is
refused with a diagnostic naming it, the function and the source line. Only this layer and the
loader know opcode names; the layers after it see `Op`s.
"""
from __future__ import annotations

import dis
import types
from dataclasses import dataclass
from typing import Any

from ..diagnostics import Location, UnsupportedOpcode
from ..opcode_matrix import OPERATIONS, Operation, table
from ..opcode_matrix.later import Expand, Unsupported
from ..opcode_matrix.operations import COND, ITER, JUMP
from .code_record import CodeRecord
from .instructions import get_instructions


@dataclass
class Op:
    operation: Operation
    arg: Any
    offset: int
    next_offset: int
    opname: str
    line: int | None
    col: int | None
    target: int | None = None     # jump target offset for branching operations

    @property
    def name(self) -> str:
        return self.operation.name


@dataclass
class HandlerRange:
    start: int
    end: int
    target: int
    depth: int
    lasti: bool


def location(code: types.CodeType, version: str, offset=None, opname="", line=None, col=None):
    return Location(python=version, qualname=code.co_qualname, filename=code.co_filename,
                    line=line if line is not None else code.co_firstlineno, col=col,
                    offset=offset, opcode=opname)


def decode(code: types.CodeType, version: str) -> list[Op]:
    opcodes = table(version).OPCODES
    if isinstance(code, CodeRecord):
        instructions = get_instructions(code, version)
    else:
        instructions = list(dis.get_instructions(code))
    lines = _lines(instructions)
    ops = []
    for i, ins in enumerate(instructions):
        line = lines[i]
        col = ins.positions.col_offset if ins.positions else None
        entry = opcodes.get(ins.opname)
        where = lambda: location(code, version, ins.offset, ins.opname, line, col)  # noqa: E731
        if entry is None:
            raise UnsupportedOpcode(f"opcode {ins.opname} is not supported yet", where())
        op_name, decoder = entry
        try:
            arg = decoder(ins, code)
        except Unsupported as e:
            raise UnsupportedOpcode(f"opcode {e} is not supported yet", where()) from None
        next_offset = instructions[i + 1].offset if i + 1 < len(instructions) else None
        parts = arg.ops if isinstance(arg, Expand) else [(op_name, arg)]
        for k, part in enumerate(parts):
            # the operations of one instruction: at its offset, then odd offsets inside it
            operation = OPERATIONS[part[0]]
            offset = ins.offset + k
            following = ins.offset + k + 1 if k < len(parts) - 1 else next_offset
            target = None
            if operation.flow in (JUMP, COND, ITER):
                target = part[2] if len(part) > 2 else ins.argval
            ops.append(Op(operation, part[1], offset, following, ins.opname, line, col, target))
    return ops


def _lines(instructions) -> list[int | None]:
    """Each instruction's line; one without a location (e.g. PUSH_EXC_INFO) takes the next
    instruction's line, else the previous one's."""
    lines = [ins.positions.lineno if ins.positions else None for ins in instructions]
    following = None
    for i in reversed(range(len(lines))):
        if lines[i] is None:
            lines[i] = following
        following = lines[i]
    previous = None
    for i, line in enumerate(lines):
        if line is None:
            lines[i] = previous
        previous = lines[i]
    return lines


def exception_handlers(code: types.CodeType) -> list[HandlerRange]:
    return [HandlerRange(e.start, e.end, e.target, e.depth, e.lasti)
            for e in dis._parse_exception_table(code)]
