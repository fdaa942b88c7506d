"""The .pyc loader refuses bad input with one clear line, and diagnostics name the spot."""
import importlib.util
import struct

import pytest

from compile_helpers import write_interactive_pyc, write_pyc
from pybc2wasm.diagnostics import PycError, UnsupportedOpcode
from pybc2wasm.frontend_bytecode.loader import load_pyc
from pybc2wasm.pipeline import compile_pyc


def test_loads_a_host_pyc(tmp_path):
    loaded = load_pyc(write_pyc(tmp_path, "x = 1\n"))
    assert loaded.version == "3.11" and loaded.code.co_name == "<module>"


@pytest.mark.parametrize("payload,message", [
    (b"", "truncated .pyc"),
    (b"\x00" * 10, "truncated .pyc"),
    (b"garbage-garbage-garbage", "not a .pyc file"),
])
def test_malformed_headers(tmp_path, payload, message):
    bad = tmp_path / "bad.pyc"
    bad.write_bytes(payload)
    with pytest.raises(PycError, match=message):
        load_pyc(bad)


def test_corrupt_marshal_data(tmp_path):
    pyc = write_pyc(tmp_path, "print('hi')\n")
    data = pyc.read_bytes()
    pyc.write_bytes(data[:16] + b"\xff\x00\x13" + data[19:40])
    with pytest.raises(PycError, match="corrupt .pyc"):
        load_pyc(pyc)


def test_truncated_body(tmp_path):
    pyc = write_pyc(tmp_path, "print('hi' * 3)\n")
    pyc.write_bytes(pyc.read_bytes()[:30])
    with pytest.raises(PycError, match="corrupt .pyc"):
        load_pyc(pyc)


def test_bad_flags(tmp_path):
    pyc = write_pyc(tmp_path, "x = 1\n")
    data = bytearray(pyc.read_bytes())
    data[4:8] = struct.pack("<I", 0x10)
    pyc.write_bytes(bytes(data))
    with pytest.raises(PycError, match="invalid header flags"):
        load_pyc(pyc)


@pytest.mark.parametrize("magic_number,version", [(3531, "3.12"), (3571, "3.13"), (3439, "3.10")])
def test_other_versions_are_refused_by_name(tmp_path, magic_number, version):
    pyc = write_pyc(tmp_path, "x = 1\n")
    data = struct.pack("<H", magic_number) + b"\r\n" + pyc.read_bytes()[4:]
    pyc.write_bytes(data)
    with pytest.raises(PycError, match=f"unsupported bytecode version {version}; supported: 3.11"):
        load_pyc(pyc)


def test_host_magic_is_recognised():
    from pybc2wasm.frontend_bytecode.loader import version_from_magic
    assert version_from_magic(importlib.util.MAGIC_NUMBER) == "3.11"


# Every 3.11 opcode is in the table now, so the refusal path is exercised by taking an opcode
# out of it: the decoder must then name that opcode, the function and the source line.
REFUSED = [
    ("def f(x):\n    y = x + 1\n    return [y, *x]\n", "LIST_EXTEND", "f", 3),
    ("class A:\n    def m(self):\n        with self:\n            pass\n", "BEFORE_WITH", "A.m", 3),
    ("if True:\n    6 * 7\n", "PRINT_EXPR", "<module>", 2),
]


@pytest.mark.parametrize("source,opcode,qualname,line", REFUSED)
def test_an_opcode_missing_from_the_table_is_refused_with_function_and_line(
        tmp_path, monkeypatch, source, opcode, qualname, line):
    from pybc2wasm.opcode_matrix import table
    monkeypatch.delitem(table("3.11").OPCODES, opcode)
    pyc = (write_interactive_pyc if opcode == "PRINT_EXPR" else write_pyc)(tmp_path, source)
    with pytest.raises(UnsupportedOpcode) as info:
        compile_pyc(pyc)
    message = str(info.value)
    assert f"opcode {opcode} is not supported" in message
    assert f"in {qualname}" in message
    assert f"prog.py:{line}" in message
    assert "at offset" in message and "Python 3.11" in message
