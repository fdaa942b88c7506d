"""Splits decoded operations into basic blocks and names each block's successors.

Leaders are the first operation, every jump target, every exception handler's entry and every
operation after a branch or a frame exit. Edges into handlers are added by the TIR builder
(per raising operation); the value stack itself is simulated there too.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..opcode_matrix.operations import COND, ITER, JUMP, NEXT, RAISE, RETURN, SUSPEND
from .decode import Op


@dataclass
class BytecodeBlock:
    start: int                      # offset of the first operation
    ops: list[Op] = field(default_factory=list)

    @property
    def last(self) -> Op:
        return self.ops[-1]

    def fallthrough(self) -> int | None:
        """Offset reached by falling off the end of the block, if any."""
        flow = self.last.operation.flow
        return self.last.next_offset if flow in (NEXT, COND, ITER, SUSPEND) else None


def split_blocks(ops: list[Op], handler_entries=()) -> dict[int, BytecodeBlock]:
    leaders = {ops[0].offset, *handler_entries}
    for op in ops:
        if op.target is not None:
            leaders.add(op.target)
        if op.operation.flow in (JUMP, COND, ITER, RETURN, RAISE, SUSPEND) \
                and op.next_offset is not None:
            leaders.add(op.next_offset)
    blocks: dict[int, BytecodeBlock] = {}
    current = None
    for op in ops:
        if op.offset in leaders:
            current = blocks[op.offset] = BytecodeBlock(op.offset)
        current.ops.append(op)
    return blocks
