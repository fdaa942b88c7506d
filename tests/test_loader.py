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


@pytest.mark.parametrize("magic_number,version", [(3439, "3.10"), (3700, "3.15")])
def test_other_versions_are_refused_by_name(tmp_path, magic_number, version):
    pyc = write_pyc(tmp_path, "x = 1\n")
    data = struct.pack("<H", magic_number) + b"\r\n" + pyc.read_bytes()[4:]
    pyc.write_bytes(data)
    with pytest.raises(PycError, match=f"unsupported bytecode version {version}; "
                                       f"supported: 3.11, 3.12, 3.13, 3.14"):
        load_pyc(pyc)


@pytest.mark.parametrize("magic_number,version", [(3530, "3.12"), (3570, "3.13"), (3620, "3.14")])
def test_pre_release_magic_of_a_supported_version_is_refused(tmp_path, magic_number, version):
    pyc = write_pyc(tmp_path, "x = 1\n")
    pyc.write_bytes(struct.pack("<H", magic_number) + b"\r\n" + pyc.read_bytes()[4:])
    with pytest.raises(PycError, match=f"pre-release of Python {version}"):
        load_pyc(pyc)


def test_other_version_is_read_by_the_marshal_reader(tmp_path):
    """A 3.11 payload under 3.12's magic: the marshal formats agree and every 3.11 opcode of
    this module is a 3.12 opcode too, so it loads as a 3.12 CodeRecord."""
    from pybc2wasm.frontend_bytecode.code_record import CodeRecord
    from pybc2wasm.opcode_matrix.tables import op_table
    pyc = write_pyc(tmp_path, "x = 1\n")
    pyc.write_bytes(op_table("3.12").magic + pyc.read_bytes()[4:])
    loaded = load_pyc(pyc)
    assert isinstance(loaded.code, CodeRecord) and loaded.version == "3.12"
    assert loaded.code.co_names == ("x",)


@pytest.mark.parametrize("version", ["3.13", "3.14"])
def test_other_version_checks_opcodes_with_its_own_table(tmp_path, version):
    """3.11's RESUME (151) is no opcode of 3.13/3.14: refused by the verifier, by number."""
    from pybc2wasm.frontend_bytecode.verify import InvalidBytecode
    from pybc2wasm.opcode_matrix.tables import op_table
    pyc = write_pyc(tmp_path, "x = 1\n")
    pyc.write_bytes(op_table(version).magic + pyc.read_bytes()[4:])
    with pytest.raises(InvalidBytecode, match=f"Python {version} bytecode.*unknown opcode 151"):
        load_pyc(pyc)
