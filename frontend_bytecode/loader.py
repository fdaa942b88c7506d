"""Reads a .pyc: validates the 16-byte header, picks the bytecode version from the magic
number, and unmarshals the module's code object.

The host's version (3.11) is read by `marshal` into code objects; 3.12–3.14 by the project's
own marshal_reader into CodeRecords; other versions are refused by name. Every problem with the file is a PycError, never a traceback.
"""
from __future__ import annotations

import importlib.util
import marshal
import struct
import types
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import PycError
from ..opcode_matrix import SUPPORTED_VERSIONS
from ..opcode_matrix.tables import op_table
from . import marshal_reader
from .code_record import CodeRecord
from .verify import check_instruction_stream
from .marshal_check import MarshalShapeError, check_marshal_shape

HEADER_SIZE = 16
FLAG_HASH_BASED = 0x1
FLAG_CHECK_SOURCE = 0x2

# magic number ranges per release (CPython's importlib/_bootstrap_external.py), alphas included
_MAGIC_RANGES = [
    ((3379, 3394), "3.7"), ((3400, 3413), "3.8"), ((3420, 3425), "3.9"),
    ((3430, 3439), "3.10"), ((3450, 3495), "3.11"), ((3500, 3531), "3.12"),
    ((3550, 3571), "3.13"), ((3600, 3699), "3.14"), ((3700, 3799), "3.15"),
]


@dataclass
class LoadedPyc:
    path: Path
    version: str
    code: types.CodeType


def version_from_magic(magic: bytes) -> str | None:
    if len(magic) != 4 or magic[2:] != b"\r\n":
        return None
    number = struct.unpack("<H", magic[:2])[0]
    for (lo, hi), version in _MAGIC_RANGES:
        if lo <= number <= hi:
            return version
    return None


def load_pyc(path: Path) -> LoadedPyc:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise PycError(f"{path}: cannot read: {e.strerror or e}") from None
    if len(data) < HEADER_SIZE:
        raise PycError(f"{path}: truncated .pyc: {len(data)} bytes, the header alone is {HEADER_SIZE}")
    version = version_from_magic(data[:4])
    if version is None:
        raise PycError(f"{path}: not a .pyc file (bad magic number {data[:4].hex()})")
    if version not in SUPPORTED_VERSIONS:
        raise PycError(f"{path}: unsupported bytecode version {version}; "
                       f"supported: {', '.join(SUPPORTED_VERSIONS)}")
    flags = struct.unpack("<I", data[4:8])[0]
    if flags & ~(FLAG_HASH_BASED | FLAG_CHECK_SOURCE) or \
            (flags & FLAG_CHECK_SOURCE and not flags & FLAG_HASH_BASED):
        raise PycError(f"{path}: corrupt .pyc: invalid header flags {flags:#x}")
    if data[:4] != op_table(version).magic:
        raise PycError(f"{path}: bytecode from a pre-release of Python {version} "
                       f"(magic {data[:4].hex()}) is not supported")
    if data[:4] == importlib.util.MAGIC_NUMBER:
        code = _unmarshal(path, data[HEADER_SIZE:])
    else:
        code = _unmarshal_other(path, data[HEADER_SIZE:], version)
    check_instruction_stream(code, version)
    return LoadedPyc(path=path, version=version, code=code)


def _unmarshal(path: Path, payload: bytes) -> types.CodeType:
    try:
        check_marshal_shape(payload)
        code = marshal.loads(payload)
    except (MarshalShapeError, EOFError, ValueError, TypeError, SystemError, OverflowError,
            MemoryError) as e:
        # SystemError: code objects built from inconsistent fields
        raise PycError(f"{path}: corrupt .pyc: marshal data is invalid ({e})") from None
    if not isinstance(code, types.CodeType):
        raise PycError(f"{path}: corrupt .pyc: payload is a {type(code).__name__}, not a code object")
    return code


def _unmarshal_other(path: Path, payload: bytes, version: str) -> CodeRecord:
    """Bytecode of another version than the host's: read by the project's marshal reader."""
    try:
        code = marshal_reader.loads(payload, version)
    except (marshal_reader.MarshalError, RecursionError) as e:
        raise PycError(f"{path}: corrupt .pyc: marshal data is invalid ({e})") from None
    if not isinstance(code, CodeRecord):
        raise PycError(f"{path}: corrupt .pyc: payload is a {type(code).__name__}, not a code object")
    return code
