"""Checks a marshal stream's declared sizes before `marshal.loads` sees it.

`marshal.loads` allocates a container of the size a damaged file declares before it finds the
data missing: a list "of 2**31 items" in a 1 KB file costs seconds and gigabytes. This walk
reads the stream's structure (format version 4, as CPython 3.11 writes it) without building
objects and refuses any size larger than the bytes left, and any unknown type code, so the
loader can give a clean error at once.

It also follows marshal's reference table: a back-reference (type code `r`) must name an object
that is already complete. CPython's writer never emits a reference to an object still being
written, but a damaged stream can, and `marshal.loads` then hands out a tuple or list whose
items are still NULL: the interpreter crashes later, wherever that object is touched. Values
themselves are not judged: marshal still does that.
"""
from __future__ import annotations

import struct

FLAG_REF = 0x80
MAX_DEPTH = 2000            # marshal's own nesting limit (MAX_MARSHAL_STACK_DEPTH)

_EMPTY = set(b"0NFTS.")                        # NULL, None, False, True, StopIteration, Ellipsis
_FIXED = {ord("i"): 4, ord("I"): 8, ord("g"): 8, ord("y"): 16}
_NO_REF_SLOT = _EMPTY | {ord("r")}             # marshal files no reference for these
_SIZED32 = set(b"stuaA")                       # bytes / str with a 4-byte length
_SIZED8 = set(b"zZ")                           # short ASCII: 1-byte length
_SEQ32 = set(b"([<>")                          # tuple, list, set, frozenset: 4-byte count
# a code object: five int32 fields, eight objects (the fifth: co_localspluskinds), firstlineno,
# two objects
_CODE_STEPS = ["i32"] * 5 + ["obj"] * 4 + ["kinds"] + ["obj"] * 3 + ["i32"] + ["obj"] * 2
# the local-slot kinds 3.11 writes: local, cell, argument that is a cell, free. Other bit
# combinations make CPython's co_cellvars / co_freevars write past the tuples they fill.
_VALID_KINDS = {0x20, 0x40, 0x60, 0x80}


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
    complete: list[bool] = []                   # per reference slot: is its object finished?
    kinds_ok: dict[int, bool] = {}              # reference slot of a bytes object -> valid kinds?
    stack: list[tuple[list, int | None]] = [(["obj"], None)]   # (steps left, reference slot)
    while stack:
        frame, slot = stack[-1]
        if not frame:
            stack.pop()
            if slot is not None:
                complete[slot] = True
            continue
        step = frame.pop()
        if step == "i32":
            r.take(4)
            continue
        byte = r.take(1)[0]
        code = byte & ~FLAG_REF
        if step == "dict" and code == ord("0"):
            continue                            # the dict's terminator: frame done
        if step == "dict":
            frame.append("dict")                # more pairs may follow this key
            frame.append("obj")                 # the key's value
        if code == ord("r"):
            index = _check_reference(r, complete)
            if step == "kinds" and not kinds_ok.get(index, True):
                raise MarshalShapeError(f"invalid local kinds in a code object at byte {r.pos}")
            continue
        new_slot = None
        if byte & FLAG_REF and code not in _NO_REF_SLOT:
            new_slot = len(complete)
            complete.append(False)
        if code == ord("s"):
            start = r.pos + 4
            valid = _bytes_are_kinds(r, start)
            if new_slot is not None:
                kinds_ok[new_slot] = valid
            if step == "kinds" and not valid:
                raise MarshalShapeError(f"invalid local kinds in a code object at byte {start}")
        children = _read_scalar_or_children(r, code)
        if children:
            if len(stack) >= MAX_DEPTH:
                raise MarshalShapeError("nesting deeper than marshal allows")
            stack.append((children, new_slot))
        elif new_slot is not None:
            complete[new_slot] = True


def _bytes_are_kinds(r: _Reader, start: int) -> bool:
    """Whether the bytes object about to be read holds only valid local kinds."""
    size = struct.unpack("<i", r.data[start - 4:start])[0] if start <= len(r.data) else 0
    return all(b in _VALID_KINDS for b in r.data[start:start + max(size, 0)])


def _check_reference(r: _Reader, complete: list[bool]) -> int:
    at = r.pos - 1
    index = r.i32()
    if not 0 <= index < len(complete):
        raise MarshalShapeError(f"a reference to object {index} at byte {at}, of {len(complete)} so far")
    if not complete[index]:
        raise MarshalShapeError(f"a reference at byte {at} to object {index}, which is still being read")
    return index


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
