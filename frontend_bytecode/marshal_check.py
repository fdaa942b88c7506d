"""Checks a marshal stream's declared sizes before `marshal.loads` sees it.

`marshal.loads` allocates a container of the size a damaged file declares before it finds the
data missing: a list "of 2**31 items" in a 1 KB file costs seconds and gigabytes. This walk
reads the stream's structure (format version 4, as CPython 3.11 writes it) without building
objects and refuses any size larger than the bytes left, and any unknown type code, so the
loader can give a clean error at once. It does not judge values: marshal still does.
"""
from __future__ import annotations

import struct

FLAG_REF = 0x80
MAX_DEPTH = 2000            # marshal's own nesting limit (MAX_MARSHAL_STACK_DEPTH)

_EMPTY = set(b"0NFTS.")                        # NULL, None, False, True, StopIteration, Ellipsis
_FIXED = {ord("i"): 4, ord("I"): 8, ord("g"): 8, ord("y"): 16, ord("r"): 4}
_SIZED32 = set(b"stuaA")                       # bytes / str with a 4-byte length
_SIZED8 = set(b"zZ")                           # short ASCII: 1-byte length
_SEQ32 = set(b"([<>")                          # tuple, list, set, frozenset: 4-byte count
# a code object: five int32 fields, eight objects, firstlineno, two objects
_CODE_STEPS = ["i32"] * 5 + ["obj"] * 8 + ["i32"] + ["obj"] * 2


class MarshalShapeError(ValueError):
    pass


class _Reader:
    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def take(self, n: int) -> bytes:
        if n < 0 or self.pos + n > len(self.data):
            raise MarshalShapeError(f"a size of {n} at byte {self.pos} runs past the end of the data")
        chunk = self.data[self.pos:self.pos + n]
        self.pos += n
        return chunk

    def i32(self) -> int:
        return struct.unpack("<i", self.take(4))[0]

    def count(self, n: int) -> int:
        """A declared element count: each element takes at least one byte."""
        if n < 0 or n > len(self.data) - self.pos:
            raise MarshalShapeError(f"a count of {n} at byte {self.pos} exceeds the data left")
        return n


def check_marshal_shape(data: bytes) -> None:
    """Raises MarshalShapeError when `data` cannot be a marshal stream of its length."""
    r = _Reader(data)
    stack: list[list] = [["obj"]]               # each frame: the steps left to read
    while stack:
        frame = stack[-1]
        if not frame:
            stack.pop()
            continue
        step = frame.pop()
        if step == "i32":
            r.take(4)
            continue
        code = r.take(1)[0] & ~FLAG_REF
        if step == "dict" and code == ord("0"):
            continue                            # the dict's terminator: frame done
        if step == "dict":
            frame.append("dict")                # more pairs may follow this key
            frame.append("obj")                 # the key's value
        children = _read_scalar_or_children(r, code)
        if children:
            if len(stack) >= MAX_DEPTH:
                raise MarshalShapeError("nesting deeper than marshal allows")
            stack.append(children)
    if r.pos != len(data):
        return                                  # marshal.loads ignores trailing bytes too


def _read_scalar_or_children(r: _Reader, code: int) -> list | None:
    if code in _EMPTY:
        return None
    if code in _FIXED:
        r.take(_FIXED[code])
        return None
    if code in _SIZED32:
        r.take(r.i32())
        return None
    if code in _SIZED8:
        r.take(r.take(1)[0])
        return None
    if code == ord("l"):
        r.take(2 * abs(r.i32()))
        return None
    if code == ord("f"):
        r.take(r.take(1)[0])
        return None
    if code == ord("x"):
        r.take(r.take(1)[0])
        r.take(r.take(1)[0])
        return None
    if code == ord(")"):
        return ["obj"] * r.count(r.take(1)[0])
    if code in _SEQ32:
        return ["obj"] * r.count(r.i32())
    if code == ord("{"):
        return ["dict"]
    if code == ord("c"):
        return list(reversed(_CODE_STEPS))
    raise MarshalShapeError(f"unknown type code {code:#x} at byte {r.pos - 1}")
