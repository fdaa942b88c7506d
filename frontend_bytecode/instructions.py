"""Reads the instructions of a code object of any version 3.11–3.14 from its raw `co_code`
with that version's opcode data (opcode_matrix/tables.py), resolving arguments as that
version's `dis` does. Used for bytecode that is not the host's (the host's own goes through
`dis.get_instructions`)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..opcode_matrix.tables import OpTable, op_table

# opcodes whose name index is shifted by flag bits, per version
_NAME_SHIFT = {"LOAD_GLOBAL": 1, "LOAD_ATTR": 1, "LOAD_SUPER_ATTR": 2}
_LOCAL_PAIRS = ("LOAD_FAST_LOAD_FAST", "STORE_FAST_LOAD_FAST", "STORE_FAST_STORE_FAST",
                "LOAD_FAST_BORROW_LOAD_FAST_BORROW")


@dataclass
class Positions:
    lineno: int | None
    end_lineno: int | None
    col_offset: int | None
    end_col_offset: int | None


@dataclass
class Instr:
    opname: str
    opcode: int
    arg: int | None
    argval: Any
    argrepr: str
    offset: int
    start_offset: int          # of its first EXTENDED_ARG prefix
    next_offset: int           # after its inline caches
    positions: Positions | None


def get_instructions(code, version: str) -> list[Instr]:
    tab = op_table(version)
    raw = code.co_code
    positions = list(code.co_positions())
    hasarg = tab.has("hasarg")
    out, pos, ext, start = [], 0, 0, None
    while pos + 1 < len(raw):
        op, arg = raw[pos], raw[pos + 1]
        name = tab.opname.get(op, f"<{op}>")
        start = pos if start is None else start
        if name == "EXTENDED_ARG":   # kept as an instruction (a jump may target it), as dis does
            p = positions[pos // 2] if pos // 2 < len(positions) else None
            out.append(Instr(name, op, ext | arg, ext | arg, "", pos, pos, pos + 2,
                             Positions(*p) if p else None))
            ext = (ext | arg) << 8
            pos += 2
            continue
        full = (ext | arg) if name in hasarg else None
        nxt = pos + 2 + 2 * tab.caches.get(name, 0)
        p = positions[pos // 2] if pos // 2 < len(positions) else None
        argval, argrepr = _resolve(tab, code, name, full, nxt)
        out.append(Instr(name, op, full, argval, argrepr, pos, start, nxt,
                         Positions(*p) if p else None))
        pos, ext, start = nxt, 0, None
    return out


def localsplus_name(code, index: int) -> str:
    return code.co_localsplusnames[index]


def _resolve(tab: OpTable, code, name: str, arg: int | None, nxt: int) -> tuple[Any, str]:
    if arg is None:
        return None, ""
    if name in tab.has("hasconst"):
        return code.co_consts[arg], repr(code.co_consts[arg])
    if name in tab.has("hasname"):
        value = code.co_names[arg >> _NAME_SHIFT.get(name, 0)]
        return value, value
    if name in _LOCAL_PAIRS:
        pair = (localsplus_name(code, arg >> 4), localsplus_name(code, arg & 15))
        return pair, ", ".join(pair)
    if name in tab.has("haslocal") or name in tab.has("hasfree"):
        value = localsplus_name(code, arg)
        return value, value
    if name in tab.jumps:
        backward = "BACKWARD" in name or name == "END_ASYNC_FOR"   # 3.14: a backward jump
        target = nxt - 2 * arg if backward else nxt + 2 * arg
        return target, f"to {target}"
    if name == "BINARY_OP":
        return arg, tab.nb_ops[arg][1]
    if name == "COMPARE_OP":
        shift = 4 if tab.version == "3.12" else 5
        return tab.cmp_op[arg >> shift], tab.cmp_op[arg >> shift]
    return arg, ""
