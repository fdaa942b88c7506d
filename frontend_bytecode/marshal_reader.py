"""Reads the marshal format of CPython 3.11–3.14 .pyc files on any host (Python/marshal.c,
format versions 4 and 5), building version-neutral `CodeRecord`s instead of code objects.

The host's `marshal.loads` only reads its own version's code objects; this reader is used for
the others. Type codes: singletons `0 N F T S .`, ints `i` (int32) and `l` (15-bit digits),
floats `g`/`f` and complexes `y`/`x`, strings `s a A z Z u t`, containers `( ) [ { < >`, code
`c`, slices `:` (format 5, 3.14) and back-references `r`; a type byte with 0x80 set adds the
object to the reference list (its slot is reserved before its children are read).
"""
from __future__ import annotations

import struct
from typing import Any

from .code_record import CodeRecord

FLAG_REF = 0x80
MAX_DEPTH = 2000


class MarshalError(ValueError):
    pass


class _Reader:
    def __init__(self, data: bytes, version: str):
        self.data, self.pos, self.version = data, 0, version
        self.refs: list[Any] = []
        self.depth = 0

    def take(self, n: int) -> bytes:
        if n < 0 or self.pos + n > len(self.data):
            raise MarshalError(f"marshal data too short: {n} bytes wanted at byte {self.pos}")
        chunk = self.data[self.pos:self.pos + n]
        self.pos += n
        return chunk

    def byte(self) -> int:
        return self.take(1)[0]

    def i32(self) -> int:
        return struct.unpack("<i", self.take(4))[0]

    def count(self) -> int:
        n = self.i32()
        if n < 0 or n > len(self.data) - self.pos:
            raise MarshalError(f"bad marshal data (size {n} at byte {self.pos})")
        return n

    def obj(self) -> Any:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise MarshalError("marshal data nested too deeply")
        code = self.byte()
        flag, kind = code & FLAG_REF, chr(code & ~FLAG_REF)
        if kind == "r":
            index = self.i32()
            if not 0 <= index < len(self.refs) or self.refs[index] is _RESERVED:
                raise MarshalError(f"bad marshal data (invalid reference {index})")
            self.depth -= 1
            return self.refs[index]
        slot = None
        if flag:
            slot = len(self.refs)
            self.refs.append(_RESERVED)
        reader = _READERS.get(kind)
        if reader is None:
            raise MarshalError(f"bad marshal data (unknown type code {code:#x})")
        value = reader(self)
        if slot is not None:
            self.refs[slot] = value
        self.depth -= 1
        return value


_RESERVED = object()


def _long(r: _Reader) -> int:
    n = r.i32()
    digits = struct.unpack(f"<{abs(n)}H", r.take(2 * abs(n)))
    value = 0
    for d in reversed(digits):
        if d >= 1 << 15:
            raise MarshalError("bad marshal data (digit out of range in long)")
        value = (value << 15) | d
    return -value if n < 0 else value


def _text_float(r: _Reader) -> float:
    return float(r.take(r.byte()).decode("ascii"))


def _str(size_of, encoding: str):
    def read(r: _Reader) -> str:
        return r.take(size_of(r)).decode(encoding, "surrogatepass" if encoding == "utf-8" else "strict")
    return read


def _seq(size_of, build):
    def read(r: _Reader):
        n = size_of(r)
        return build(r.obj() for _ in range(n))
    return read


def _dict(r: _Reader) -> dict:
    out = {}
    while True:
        if r.data[r.pos:r.pos + 1] == b"0":
            r.pos += 1
            return out
        key = r.obj()
        out[key] = r.obj()


def _code(r: _Reader) -> CodeRecord:
    argcount, posonly, kwonly, stacksize, flags = (r.i32() for _ in range(5))
    code, consts, names, lp_names, lp_kinds = (r.obj() for _ in range(5))
    filename, name, qualname = r.obj(), r.obj(), r.obj()
    firstlineno = r.i32()
    linetable, exceptiontable = r.obj(), r.obj()
    return CodeRecord(
        version=r.version, co_argcount=argcount, co_posonlyargcount=posonly,
        co_kwonlyargcount=kwonly, co_stacksize=stacksize, co_flags=flags, co_code=code,
        co_consts=tuple(consts), co_names=tuple(names), co_localsplusnames=tuple(lp_names),
        co_localspluskinds=bytes(lp_kinds), co_filename=filename, co_name=name,
        co_qualname=qualname, co_firstlineno=firstlineno, co_linetable=linetable,
        co_exceptiontable=exceptiontable)


def _slice(r: _Reader) -> slice:
    return slice(r.obj(), r.obj(), r.obj())


_READERS = {
    "0": lambda r: None, "N": lambda r: None, "F": lambda r: False, "T": lambda r: True,
    "S": lambda r: StopIteration, ".": lambda r: Ellipsis,
    "i": lambda r: r.i32(),
    "I": lambda r: struct.unpack("<q", r.take(8))[0],
    "l": _long,
    "g": lambda r: struct.unpack("<d", r.take(8))[0],
    "f": _text_float,
    "y": lambda r: complex(*struct.unpack("<dd", r.take(16))),
    "x": lambda r: complex(_text_float(r), _text_float(r)),
    "s": lambda r: r.take(r.count()),
    "u": _str(_Reader.count, "utf-8"), "t": _str(_Reader.count, "utf-8"),
    "a": _str(_Reader.count, "latin-1"), "A": _str(_Reader.count, "latin-1"),
    "z": _str(_Reader.byte, "latin-1"), "Z": _str(_Reader.byte, "latin-1"),
    "(": _seq(_Reader.count, tuple), ")": _seq(_Reader.byte, tuple),
    "[": _seq(_Reader.count, list), "<": _seq(_Reader.count, set),
    ">": _seq(_Reader.count, frozenset), "{": _dict,
    "c": _code, ":": _slice,
}


def loads(data: bytes, version: str) -> Any:
    """The object marshalled in `data` (a .pyc's payload); code objects become CodeRecords."""
    r = _Reader(data, version)
    try:
        return r.obj()
    except (UnicodeDecodeError, TypeError, OverflowError) as e:   # TypeError: unhashable key
        raise MarshalError(f"bad marshal data ({e})") from None
