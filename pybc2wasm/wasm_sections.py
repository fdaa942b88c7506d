"""Reads the parts of a wasm binary the compiler and its tests check, without external tools.

Only what is needed: the section list, the import section (the host functions a module needs:
the web target's WASI shim must provide each) and the global section's initial values (the
shadow stack pointer is the first mutable i32 global rust-lld emits). Follows the binary format of the
WebAssembly core specification (LEB128 integers, section ids, constant expressions).
"""
from __future__ import annotations

from dataclasses import dataclass

IMPORT_SECTION = 2
GLOBAL_SECTION = 6
IMPORT_KINDS = {0: "func", 1: "table", 2: "memory", 3: "global"}
I32, I64, F32, F64 = 0x7F, 0x7E, 0x7D, 0x7C
I32_CONST, I64_CONST, END = 0x41, 0x42, 0x0B


class WasmFormatError(ValueError):
    pass


@dataclass
class Global:
    valtype: int
    mutable: bool
    init: int | None        # the constant an i32/i64.const initialiser gives, else None


def _leb(data: bytes, pos: int, signed: bool = False) -> tuple[int, int]:
    """A LEB128 integer at `pos`: (value, position after it)."""
    result = shift = 0
    while True:
        if pos >= len(data):
            raise WasmFormatError("truncated LEB128 integer")
        b = data[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            if signed and b & 0x40:
                result -= 1 << shift
            return result, pos


def _uleb(data: bytes, pos: int) -> tuple[int, int]:
    return _leb(data, pos)


def _sleb(data: bytes, pos: int) -> tuple[int, int]:
    return _leb(data, pos, signed=True)


def sections(data: bytes) -> list[tuple[int, bytes]]:
    """(section id, payload) of every section, in order."""
    if data[:4] != b"\0asm" or data[4:8] != b"\x01\0\0\0":
        raise WasmFormatError("not a version-1 wasm binary")
    out, pos = [], 8
    while pos < len(data):
        sid = data[pos]
        size, pos = _uleb(data, pos + 1)
        out.append((sid, data[pos:pos + size]))
        pos += size
    return out


@dataclass(frozen=True)
class Import:
    module: str
    name: str
    kind: str               # "func", "table", "memory" or "global"


def _name(body: bytes, pos: int) -> tuple[str, int]:
    size, pos = _uleb(body, pos)
    if pos + size > len(body):
        raise WasmFormatError("truncated name")
    return body[pos:pos + size].decode("utf-8"), pos + size


def _limits(body: bytes, pos: int) -> int:
    flags, pos = _uleb(body, pos)
    _, pos = _uleb(body, pos)
    if flags & 1:
        _, pos = _uleb(body, pos)
    return pos


def _skip_import_desc(body: bytes, pos: int, kind: int) -> int:
    if kind == 0:                                   # func: a type index
        return _uleb(body, pos)[1]
    if kind == 1:                                   # table: reftype, limits
        return _limits(body, pos + 1)
    if kind == 2:                                   # memory: limits
        return _limits(body, pos)
    if kind == 3:                                   # global: valtype, mutability
        return pos + 2
    raise WasmFormatError(f"unknown import kind {kind}")


def _section(data: bytes, wanted: int) -> bytes | None:
    """The payload of the module's section `wanted` (import, global: at most one each)."""
    return next((body for sid, body in sections(data) if sid == wanted), None)


def imports_of(data: bytes) -> list[Import]:
    """Every import of the module, in order."""
    body = _section(data, IMPORT_SECTION)
    if body is None:
        return []
    count, pos = _uleb(body, 0)
    out = []
    for _ in range(count):
        module, pos = _name(body, pos)
        name, pos = _name(body, pos)
        kind = body[pos]
        pos = _skip_import_desc(body, pos + 1, kind)
        out.append(Import(module, name, IMPORT_KINDS[kind]))
    return out


def _init_expr(body: bytes, pos: int) -> tuple[int | None, int]:
    value = None
    op = body[pos]
    if op in (I32_CONST, I64_CONST):
        value, pos = _sleb(body, pos + 1)
    else:                                   # other constant expressions: skip to `end`
        pos += 1
    while body[pos] != END:
        pos += 1
    return value, pos + 1


def globals_of(data: bytes) -> list[Global]:
    """The module's own globals (imported ones are not listed)."""
    body = _section(data, GLOBAL_SECTION)
    if body is None:
        return []
    count, pos = _uleb(body, 0)
    out = []
    for _ in range(count):
        valtype, mutable = body[pos], bool(body[pos + 1])
        init, pos = _init_expr(body, pos + 2)
        out.append(Global(valtype, mutable, init))
    return out


def stack_pointer_init(data: bytes) -> int | None:
    """The initial shadow stack pointer: rust-lld's first mutable i32 global."""
    for g in globals_of(data):
        if g.valtype == I32 and g.mutable:
            return g.init
    return None
