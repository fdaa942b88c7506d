"""The 3.11 opcode table's declarations agree with CPython's own dis.stack_effect."""
import dis
import opcode
from types import SimpleNamespace

import pytest

from pybc2wasm.opcode_matrix import OPERATIONS, table
from pybc2wasm.opcode_matrix.operations import COND, ITER, JUMP

TABLE = table("3.11")
OPCODES = TABLE.OPCODES
VALID_ARGS = {"BUILD_SLICE": (2, 3), "RAISE_VARARGS": (0, 1, 2)}
SAMPLE_ARGS = (0, 1, 2, 3, 5)
FAKE_CODE = SimpleNamespace(co_consts=tuple(('k',) * n for n in range(8)))


def fake_instruction(name: str, oparg: int):
    argval = oparg
    if name == "COMPARE_OP":
        argval = dis.cmp_op[oparg % len(dis.cmp_op)]
    elif name in ("LOAD_GLOBAL", "LOAD_NAME", "STORE_NAME", "LOAD_ATTR", "LOAD_METHOD",
                  "LOAD_FAST", "STORE_FAST", "DELETE_FAST", "STORE_GLOBAL"):
        argval = "x"
    argrepr = opcode._nb_ops[oparg][1] if name == "BINARY_OP" else ""
    return SimpleNamespace(opname=name, arg=oparg, argval=argval, argrepr=argrepr)


def cases():
    for name in sorted(OPCODES):
        code = opcode.opmap[name]
        args = VALID_ARGS.get(name, SAMPLE_ARGS) if code >= opcode.HAVE_ARGUMENT else (None,)
        for oparg in args:
            yield name, oparg


@pytest.mark.parametrize("name,oparg", list(cases()))
def test_stack_effect_matches_dis(name, oparg):
    if name == "MAKE_FUNCTION" and oparg is not None and oparg > 0x0F:
        pytest.skip("flag bits above 0x0F do not exist")
    op_name, decoder = OPCODES[name]
    operation = OPERATIONS[op_name]
    arg = decoder(fake_instruction(name, oparg or 0), FAKE_CODE)
    code = opcode.opmap[name]
    branches = (False, True) if operation.flow in (JUMP, COND, ITER) else (False,)
    for jump in branches:
        expected = dis.stack_effect(code, oparg, jump=jump) if oparg is not None \
            else dis.stack_effect(code, jump=jump)
        shift = TABLE.STACK_EFFECT_SHIFT.get(name, lambda n: 0)(oparg)
        assert operation.stack_effect(arg, jump) + shift == expected, (name, oparg, jump)


def test_every_operation_is_reachable_from_some_opcode():
    from pybc2wasm.opcode_matrix import SUPPORTED_VERSIONS
    from pybc2wasm.opcode_matrix.later import REACHED_BY_EXPANSION
    used = {op for v in SUPPORTED_VERSIONS for op, _ in table(v).OPCODES.values()}
    assert used | REACHED_BY_EXPANSION == set(OPERATIONS)
    assert not used & REACHED_BY_EXPANSION, "named directly by an opcode: not expansion-only"


def test_table_names_only_real_opcodes():
    assert set(OPCODES) <= set(opcode.opmap)
