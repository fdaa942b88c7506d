"""The 3.12–3.14 opcode tables against each version's own data (opcodes_3_XX.json, written by
tools/gen_opcode_tables.py from the real interpreters): every decodable opcode's operations
have, in sum, the stack effect that version's dis.stack_effect gives, for every sampled
argument, on both branches."""
from __future__ import annotations

import pytest

from pybc2wasm.frontend_bytecode.code_record import CodeRecord
from pybc2wasm.frontend_bytecode.instructions import Instr
from pybc2wasm.opcode_matrix import OPERATIONS, table
from pybc2wasm.opcode_matrix.later import Expand, Unsupported
from pybc2wasm.opcode_matrix.operations import COND, ITER, JUMP
from pybc2wasm.opcode_matrix.tables import op_table

VERSIONS = ("3.12", "3.13", "3.14")
# Where the operations book the stack differently from dis, and why:
SHIFTS = {
    # the jump skips END_FOR (and 3.13's POP_TOP): dis books the stack at END_FOR, the
    # operations where execution really continues, with the iterator popped (3.12, 3.13)
    ("FOR_ITER", True): {"3.12": -2, "3.13": -2, "3.14": -1},
    # the return path skips END_SEND, which pops the receiver (3.11's Send does both)
    ("SEND", True): {"3.12": -1, "3.13": -1, "3.14": -1},
    # 3.13+ book the value the first resume pushes to RETURN_GENERATOR (3.11, 3.12 to neither)
    ("RETURN_GENERATOR", False): {"3.13": -1, "3.14": -1},
    # 3.14 books the returned value as pushed (onto the caller's stack)
    ("RETURN_VALUE", False): {"3.14": -1},
}
VALID_ARGS = {"BUILD_SLICE": (2, 3)}       # dis answers for any argument
FAKE = CodeRecord(version="", co_argcount=0, co_posonlyargcount=0, co_kwonlyargcount=0,
                  co_stacksize=0, co_flags=0, co_code=bytes(2048), co_consts=(None,) * 1024,
                  co_names=("n",) * 1024, co_localsplusnames=("v",) * 1024,
                  co_localspluskinds=bytes([0x20]) * 1024, co_filename="", co_name="",
                  co_qualname="", co_firstlineno=1, co_linetable=b"", co_exceptiontable=b"")


def _cases():
    for v in VERSIONS:
        for name in sorted(table(v).OPCODES):
            yield v, name


def _instr(tab, name, arg):
    argval = {"COMPARE_OP": "<"}.get(name, arg)
    if name in ("LOAD_FAST_LOAD_FAST", "STORE_FAST_LOAD_FAST", "STORE_FAST_STORE_FAST",
                "LOAD_FAST_BORROW_LOAD_FAST_BORROW"):
        argval = ("v", "v")
    argrepr = tab.nb_ops[arg][1] if name == "BINARY_OP" and arg < len(tab.nb_ops) else ""
    if name == "BINARY_OP" and not argrepr:
        return None
    return Instr(name, tab.opmap[name], arg, argval, argrepr, 0, 0, 2, None)


@pytest.mark.parametrize("version,name", list(_cases()))
def test_operations_have_the_versions_stack_effect(version, name):
    tab = op_table(version)
    effects = tab.raw["stack_effect"][name]
    op_name, decoder = table(version).OPCODES[name]
    args = effects.get("args", [None])
    checked = 0
    for i, arg in enumerate(args):
        ins = _instr(tab, name, arg)
        if ins is None or arg not in VALID_ARGS.get(name, (arg,)):
            continue
        try:
            decoded = decoder(ins, FAKE)
        except (Unsupported, KeyError, IndexError):
            continue                 # argument values this opcode never has
        parts = decoded.ops if isinstance(decoded, Expand) else [(op_name, decoded)]
        for jump in (False, True):
            want = effects["jump" if jump else "fall"]
            want = want[i] if isinstance(want, list) else want
            if want is None:
                continue
            flows = [OPERATIONS[p[0]].flow in (JUMP, COND, ITER) for p in parts]
            if jump and not any(flows):
                continue
            got = 0
            for p, flow in zip(parts, flows):
                got += OPERATIONS[p[0]].stack_effect(p[1], jump and flow)
                if jump and flow:
                    break
            shift = SHIFTS.get((name, jump), {}).get(version, 0)
            assert got == want + shift, (version, name, arg, jump, got, want)
            checked += 1
    assert checked or effects.get("fall") is None


@pytest.mark.parametrize("version", VERSIONS)
def test_tables_name_only_real_opcodes_of_their_version(version):
    assert set(table(version).OPCODES) <= set(op_table(version).opmap)


@pytest.mark.parametrize("version", VERSIONS)
def test_unknown_forms_are_clean_errors(version):
    """An intrinsic without an operation is refused naming the opcode and its argument."""
    tab = op_table(version)
    _, decoder = table(version).OPCODES["CALL_INTRINSIC_1"]
    with pytest.raises(Unsupported, match="CALL_INTRINSIC_1 99"):
        decoder(Instr("CALL_INTRINSIC_1", tab.opmap["CALL_INTRINSIC_1"], 99, 99, "", 0, 0, 2, None), FAKE)
