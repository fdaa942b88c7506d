"""A version-neutral code object: the fields a 3.11 code object has, read from a .pyc of any
version 3.11–3.14 by marshal_reader, plus the bytecode's `version`. The frontend treats it
like `types.CodeType` (`co_varnames`, `co_positions()`, ...); `co_code` stays in the
bytecode's own version's instruction set.
"""
from __future__ import annotations

import types
from dataclasses import dataclass, field

CO_FAST_HIDDEN = 0x10   # 3.12+: a local of an inlined comprehension
CO_FAST_LOCAL = 0x20
CO_FAST_CELL = 0x40
CO_FAST_FREE = 0x80


@dataclass(eq=False)
class CodeRecord:
    version: str
    co_argcount: int
    co_posonlyargcount: int
    co_kwonlyargcount: int
    co_stacksize: int
    co_flags: int
    co_code: bytes
    co_consts: tuple
    co_names: tuple
    co_localsplusnames: tuple
    co_localspluskinds: bytes
    co_filename: str
    co_name: str
    co_qualname: str
    co_firstlineno: int
    co_linetable: bytes
    co_exceptiontable: bytes
    _positions: list | None = field(default=None, repr=False)

    def _kind(self, mask: int) -> tuple:
        return tuple(n for n, k in zip(self.co_localsplusnames, self.co_localspluskinds) if k & mask)

    @property
    def co_varnames(self) -> tuple:
        return self._kind(CO_FAST_LOCAL)

    @property
    def co_cellvars(self) -> tuple:
        return self._kind(CO_FAST_CELL)

    @property
    def co_freevars(self) -> tuple:
        return self._kind(CO_FAST_FREE)

    @property
    def co_nlocals(self) -> int:
        return len(self.co_varnames)

    def _shadow(self) -> types.CodeType:
        """A host code object with this code's line table and length (its instructions are
        CACHE units): the host's decoder of the location table, whose format 3.11–3.14 share."""
        return (lambda: None).__code__.replace(
            co_code=bytes(len(self.co_code)), co_linetable=self.co_linetable,
            co_firstlineno=self.co_firstlineno, co_consts=(), co_names=(), co_varnames=(),
            co_freevars=(), co_cellvars=(), co_exceptiontable=b"")

    def co_positions(self):
        if self._positions is None:
            self._positions = list(self._shadow().co_positions())
        return iter(self._positions)

    def co_lines(self):
        return self._shadow().co_lines()

    def fields(self) -> dict:
        """Every field, for comparisons with the real interpreter's code objects."""
        names = ("co_argcount", "co_posonlyargcount", "co_kwonlyargcount", "co_stacksize",
                 "co_flags", "co_code", "co_names", "co_varnames", "co_cellvars", "co_freevars",
                 "co_filename", "co_name", "co_qualname", "co_firstlineno", "co_linetable",
                 "co_exceptiontable")
        return {n: getattr(self, n) for n in names}


def is_code(value) -> bool:
    """A code object of any version: the host's own or a CodeRecord."""
    return isinstance(value, (types.CodeType, CodeRecord))
