"""The bytecode verifier: each check refuses a code object damaged in exactly that way, and
real CPython code objects pass. Damaged code is made from real functions with
`code.replace`, so each case differs from valid bytecode in one place."""
import dis
import glob
import marshal
import os

import pytest

from pybc2wasm.frontend_bytecode.marshal_check import MarshalShapeError, check_marshal_shape
from pybc2wasm.frontend_bytecode.verify import InvalidBytecode, verify_code

STDLIB = os.path.dirname(os.__file__)


def _sample():
    def outer(a):
        b = a + 1

        def inner():
            return a + b
        for i in range(3):
            b += i
        return inner
    return outer.__code__


def _instructions(code):
    return [i for i in dis.get_instructions(code) if i.opname != "CACHE"]


def _patch_arg(code, opname, new_arg, nth=0):
    """The code with the `nth` instruction named `opname` given operand `new_arg` (< 256)."""
    found = [i for i in _instructions(code) if i.opname == opname][nth]
    raw = bytearray(code.co_code)
    raw[found.offset + 1] = new_arg
    return code.replace(co_code=bytes(raw))


def _refused(code, match):
    with pytest.raises(InvalidBytecode, match=match):
        verify_code(code, "3.11", nested=False)


def test_real_code_passes():
    verify_code(_sample(), "3.11")


def test_const_index_out_of_range():
    code = _sample()
    _refused(_patch_arg(code, "LOAD_CONST", len(code.co_consts)), "co_consts has")


def test_name_index_out_of_range():
    code = _sample()
    _refused(_patch_arg(code, "LOAD_GLOBAL", 2 * len(code.co_names)), "co_names has")


def test_fast_local_must_be_a_varname():
    # a LOAD_FAST naming the cell slot that follows co_varnames (b is a cell, not a varname)
    code = _sample()
    assert "b" in code.co_cellvars and "b" not in code.co_varnames
    _refused(_patch_arg(code, "LOAD_FAST", len(code.co_varnames)), "co_varnames has")


def test_deref_must_name_a_cell_or_free_variable():
    code = _sample()
    plain = code.co_varnames.index("i")
    _refused(_patch_arg(code, "LOAD_DEREF", plain), "neither a cell nor a free variable")


def test_jump_off_an_instruction_boundary():
    code = _sample()
    jump = next(i for i in _instructions(code) if i.opname == "JUMP_BACKWARD")
    raw = bytearray(code.co_code)
    raw[jump.offset + 1] = 255
    _refused(code.replace(co_code=bytes(raw)), "jumps to offset")


def test_fall_through_past_the_end():
    code = _sample()
    assert code.co_code[-2] == dis.opmap["RETURN_VALUE"]
    nop = bytes([dis.opmap["NOP"], 0])
    _refused(code.replace(co_code=code.co_code[:-2] + nop), "falls through past the end")


def test_stack_overflow_of_co_stacksize():
    code = _sample()
    _refused(code.replace(co_stacksize=1), "exceeds co_stacksize")


@pytest.mark.parametrize("module", ["json/decoder", "collections/__init__", "dataclasses",
                                    "typing", "asyncio/base_events", "argparse"])
def test_stdlib_code_passes(module):
    pattern = os.path.join(STDLIB, os.path.dirname(module), "__pycache__",
                           os.path.basename(module) + ".cpython-311.pyc")
    paths = glob.glob(pattern)
    if not paths:  # the pyc is made by compiling the source, as CPython would on import
        import py_compile
        paths = [py_compile.compile(os.path.join(STDLIB, module + ".py"), doraise=True)]
    with open(paths[0], "rb") as f:
        verify_code(marshal.loads(f.read()[16:]), "3.11")


def test_marshal_reference_to_an_unfinished_object_is_refused():
    # a tuple whose only item refers back to the tuple while it is being read
    data = bytes([ord(")") | 0x80, 1, ord("r")]) + (0).to_bytes(4, "little")
    with pytest.raises(MarshalShapeError, match="still being read"):
        check_marshal_shape(data)


def test_marshal_invalid_local_kinds_are_refused():
    # CPython fills co_cellvars / co_freevars past their tuples' ends for such kinds
    def f(a):
        return lambda: a
    data = marshal.dumps(f.__code__)
    kinds = b"s\x01\x00\x00\x00\x60"          # `a`: an argument that is a cell
    assert data.count(kinds) == 1
    check_marshal_shape(data)
    with pytest.raises(MarshalShapeError, match="invalid local kinds"):
        check_marshal_shape(data.replace(kinds, b"s\x01\x00\x00\x00\xc0"))



def test_argument_counts_beyond_the_locals_are_refused():
    """A damaged marshal header whose argument counts overflow C's int when CPython's own check
    adds them, so `marshal.loads` takes it (found by tests/test_pyc_mutation.py: the builder made
    one value per claimed parameter until the machine ran out of memory)."""
    data = bytearray(marshal.dumps(_sample()))
    assert data[0] & 0x7F == ord("c")
    data[1:5] = (1 << 30).to_bytes(4, "little")      # co_argcount
    data[9:13] = ((1 << 30) + 16).to_bytes(4, "little")  # co_kwonlyargcount
    _refused(marshal.loads(bytes(data)), "parameters but [0-9]+ local variables")
