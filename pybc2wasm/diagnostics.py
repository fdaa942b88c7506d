"""Structured compile-time diagnostics.

Every refusal of the compiler is one `CompileError`: a single line a user can act on, naming
where in the bytecode it happened. The CLI prints it and exits with status 2; nothing else in
the compiler prints tracebacks for user input.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Location:
    python: str = ""          # bytecode version, e.g. "3.11"
    qualname: str = ""
    filename: str = ""
    line: int | None = None
    col: int | None = None
    offset: int | None = None  # bytecode offset in the code object
    opcode: str = ""

    def describe(self) -> str:
        where = self.filename or "<unknown>"
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        parts = [where]
        if self.qualname:
            parts.append(f"in {self.qualname}")
        if self.offset is not None:
            parts.append(f"at offset {self.offset}")
        if self.opcode:
            parts.append(f"opcode {self.opcode}")
        if self.python:
            parts.append(f"(Python {self.python} bytecode)")
        return " ".join(parts)


class CompileError(Exception):
    """The input cannot be compiled; `str()` is the one-line diagnostic."""

    def __init__(self, message: str, location: Location | None = None):
        self.message = message
        self.location = location
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.location is None:
            return self.message
        return f"{self.location.describe()}: {self.message}"


class PycError(CompileError):
    """The .pyc file itself is unreadable: truncated, corrupt, or an unsupported version."""


class UnsupportedOpcode(CompileError):
    """An opcode (or a form of it) that the compiler does not support yet."""
