"""Sizes of code and data in object files and archives (rlibs), for build reports.

A unit's `code_bytes` is what it can add to the linked program: the bytes of function bodies
(a wasm object's Code section, an ELF object's executable sections) plus its initialized data
(Data section; ELF's allocated, non-executable, non-writable-zero sections), without the
headers, symbol tables and relocations that make an object file several times bigger.
"""
from __future__ import annotations

import struct
from pathlib import Path

from .wasm_sections import _sleb, _uleb, sections

CODE_SECTION, DATA_SECTION = 10, 11


def _segment_sizes(body: bytes) -> list[int]:
    """The byte count of each segment of a Data section."""
    n, pos = _uleb(body, 0)
    out = []
    for _ in range(n):
        flags, pos = _uleb(body, pos)
        if flags == 2:
            _, pos = _uleb(body, pos)
        if flags in (0, 2):                  # an active segment's offset: i32.const N end
            _, pos = _sleb(body, pos + 1)
            pos += 1
        size, pos = _uleb(body, pos)
        out.append(size)
        pos += size
    return out


def _segment_names(body: bytes) -> list[str]:
    """The segment names of a `linking` custom section (its WASM_SEGMENT_INFO subsection)."""
    n, pos = _uleb(body, 0)
    pos += n                                  # the section's name, "linking"
    _, pos = _uleb(body, pos)                 # version
    while pos < len(body):
        kind = body[pos]
        size, pos = _uleb(body, pos + 1)
        if kind == 5:
            count, p = _uleb(body, pos)
            names = []
            for _ in range(count):
                length, p = _uleb(body, p)
                names.append(body[p:p + length].decode(errors="replace"))
                p += length
                _, p = _uleb(body, p)          # alignment
                _, p = _uleb(body, p)          # flags
            return names
        pos += size
    return []


def wasm_sizes(data: bytes) -> tuple[int, int]:
    """(code, data) payload bytes of a wasm module or object; an object's `.bss.*` segments
    are not data (the linked module leaves them out)."""
    code = dat = 0
    data_body = b""
    names: list[str] = []
    for sid, body in sections(data):
        if sid == CODE_SECTION:
            code += len(body)
        elif sid == DATA_SECTION:
            dat += len(body)
            data_body = body
        elif sid == 0 and body[1:8] == b"linking":
            names = _segment_names(body)
    if names and any(name.startswith(".bss") for name in names):
        segments = _segment_sizes(data_body)
        if len(names) == len(segments):
            dat -= sum(size for name, size in zip(names, segments) if name.startswith(".bss"))
    return code, dat


def elf_sizes(data: bytes) -> tuple[int, int]:
    """(code, data) bytes of a 64- or 32-bit little-endian ELF relocatable object."""
    is64 = data[4] == 2
    if is64:
        shoff, = struct.unpack_from("<Q", data, 0x28)
        shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    else:
        shoff, = struct.unpack_from("<I", data, 0x20)
        shentsize, shnum = struct.unpack_from("<HH", data, 0x2E)
    code = dat = 0
    for k in range(shnum):
        off = shoff + k * shentsize
        if is64:
            _, sh_type, flags, _, _, size = struct.unpack_from("<IIQQQQ", data, off)
        else:
            _, sh_type, flags, _, _, size = struct.unpack_from("<IIIIII", data, off)
        if not flags & 0x2 or sh_type == 8:      # not SHF_ALLOC, or SHT_NOBITS (.bss)
            continue
        if flags & 0x4:                           # SHF_EXECINSTR
            code += size
        else:
            dat += size
    return code, dat


def object_sizes(data: bytes) -> tuple[int, int]:
    if data[:4] == b"\0asm":
        return wasm_sizes(data)
    if data[:4] == b"\x7fELF":
        return elf_sizes(data)
    return len(data), 0


def archive_members(data: bytes):
    """(name, bytes) of each member of an ar archive (GNU or BSD-less names are enough for
    rustc's rlibs)."""
    pos = 8
    while pos + 60 <= len(data):
        header = data[pos:pos + 60]
        size = int(header[48:58].decode().strip() or 0)
        name = header[:16].decode(errors="replace").strip()
        yield name, data[pos + 60:pos + 60 + size]
        pos += 60 + size + (size & 1)


def archive_code_bytes(path: Path) -> int:
    """Code plus data bytes of the objects in an rlib (its metadata is not code)."""
    total = 0
    for name, member in archive_members(Path(path).read_bytes()):
        if name in ("/", "//", "lib.rmeta/", "lib.rmeta") or name.startswith("__."):
            continue
        code, dat = object_sizes(member)
        total += code + dat
    return total


def object_code_bytes(data: bytes) -> int:
    code, dat = object_sizes(data)
    return code + dat
