"""Verifies a code object's bytecode before anything is built from it, as a JVM verifies
class files: a .pyc is untrusted input, and the builder assumes well-formed bytecode.

Checked, for the code object and every code object among its constants:
- the instruction stream: whole code units, known opcodes, inline caches inside the code,
  no EXTENDED_ARG at the end;
- operands: indices within co_consts / co_names / the locals-plus array, comparison and
  binary-operator kinds within their tables;
- control flow: jump targets inside the code on instruction boundaries (not on a cache entry
  or inside an EXTENDED_ARG prefix chain), no fall-through past the last instruction;
- the exception table: well-formed entries whose ranges and targets are instruction
  boundaries inside the code;
- the value stack: never below empty, never above co_stacksize, and the same depth at every
  join (stack effects from `dis.stack_effect`, the running CPython's; handlers entered at
  the table's depth + lasti + the exception).
Any violation raises InvalidBytecode naming the function and the offset.

Assumes the bytecode's version is the running interpreter's (the loader refuses others).
"""
from __future__ import annotations

import dis
import inspect
import opcode
import types
from dataclasses import dataclass

from ..diagnostics import CompileError, Location
from ..opcode_matrix.tables import op_table
from .code_record import CodeRecord
from .instructions import get_instructions

CACHE = dis.opmap["CACHE"]
EXTENDED_ARG = dis.opmap["EXTENDED_ARG"]
TERMINATORS = {dis.opmap[n] for n in ("RETURN_VALUE", "RAISE_VARARGS", "RERAISE")}
UNCONDITIONAL = {dis.opmap[n] for n in ("JUMP_FORWARD", "JUMP_BACKWARD", "JUMP_BACKWARD_NO_INTERRUPT")}
JUMPS = set(dis.hasjrel) | set(dis.hasjabs)
NAME_OPS = set(dis.hasname)
CONST_OPS = set(dis.hasconst)
FAST_OPS = set(dis.haslocal)
CELL_OPS = set(dis.hasfree)
LOAD_GLOBAL = dis.opmap["LOAD_GLOBAL"]
RETURN_GENERATOR = dis.opmap.get("RETURN_GENERATOR")
COMPARE_OP = dis.opmap["COMPARE_OP"]
BINARY_OP = dis.opmap.get("BINARY_OP")
COPY_FREE_VARS = dis.opmap.get("COPY_FREE_VARS")
# opcode -> values above the slot its operand names (COPY 1 is the top itself)
PEEKS = {dis.opmap[name]: above for name, above in (
    ("COPY", 0), ("SWAP", 0), ("LIST_APPEND", 1), ("SET_ADD", 1), ("LIST_EXTEND", 1),
    ("SET_UPDATE", 1), ("DICT_UPDATE", 1), ("DICT_MERGE", 1), ("MAP_ADD", 2)) if name in dis.opmap}
MAX_ARG = {COMPARE_OP: len(dis.cmp_op)}
if BINARY_OP is not None:
    MAX_ARG[BINARY_OP] = len(getattr(opcode, "_nb_ops", ())) or 1 << 32


class InvalidBytecode(CompileError):
    """The bytecode is malformed: no CPython compiler produced it."""


@dataclass
class Ins:
    offset: int        # of the instruction itself (after its EXTENDED_ARG prefixes)
    start: int         # of its first EXTENDED_ARG prefix, or the instruction
    op: int
    arg: int | None
    next: int          # offset after the instruction and its caches


def _is_code(value) -> bool:
    return isinstance(value, (types.CodeType, CodeRecord))


def _verifier(code, version: str) -> "_Verifier":
    return _ForeignVerifier(code, version) if isinstance(code, CodeRecord) else _Verifier(code, version)


def verify_code(code: types.CodeType, version: str, nested: bool = True) -> None:
    """Raises InvalidBytecode for the first problem found in `code` (and its nested code)."""
    _verifier(code, version).run()
    for const in code.co_consts if nested else ():
        if _is_code(const):
            verify_code(const, version)


def check_instruction_stream(code: types.CodeType, version: str) -> None:
    """The part of the verification that must come before anything reads `co_code`: CPython
    3.11 rewrites a copy of the instructions on that read and writes the inline caches of an
    instruction whose caches run past the end past its buffer. Reads the raw instructions."""
    _verifier(code, version).decode()
    for const in code.co_consts:
        if _is_code(const):
            check_instruction_stream(const, version)


class _Verifier:
    def __init__(self, code: types.CodeType, version: str):
        self.code, self.version = code, version

    def fail(self, message: str, offset: int | None = None) -> None:
        loc = Location(python=self.version, qualname=self.code.co_qualname,
                       filename=self.code.co_filename, line=self.code.co_firstlineno,
                       offset=offset)
        raise InvalidBytecode(f"invalid bytecode: {message}", loc)

    def run(self) -> None:
        self.check_tables()
        instructions = self.decode()
        self.by_offset = {ins.start: ins for ins in instructions}
        for ins in instructions:
            self.check_operand(ins)
        handlers = self.exception_table()
        self.check_stack(instructions, handlers)

    # ------------------------------------------------------------------ tables
    def check_tables(self) -> None:
        for what, names in (("co_names", self.code.co_names), ("co_varnames", self.code.co_varnames),
                            ("co_cellvars", self.code.co_cellvars), ("co_freevars", self.code.co_freevars)):
            for n in names:
                if not isinstance(n, str):
                    self.fail(f"{what} holds a {type(n).__name__}, not a str")
        self.nlocalsplus = (len(self.code.co_varnames) + len(self.code.co_freevars)
                            + len(set(self.code.co_cellvars) - set(self.code.co_varnames)))
        self.check_argument_counts()

    def check_argument_counts(self) -> None:
        # the parameters are the first local variables: counts beyond them would have the
        # builder make that many entry values
        code = self.code
        if not 0 <= code.co_posonlyargcount <= code.co_argcount or code.co_kwonlyargcount < 0:
            self.fail(f"argument counts out of order (co_argcount {code.co_argcount}, "
                      f"co_posonlyargcount {code.co_posonlyargcount}, co_kwonlyargcount {code.co_kwonlyargcount})")
        params = (code.co_argcount + code.co_kwonlyargcount
                  + bool(code.co_flags & inspect.CO_VARARGS) + bool(code.co_flags & inspect.CO_VARKEYWORDS))
        if params > len(code.co_varnames):
            self.fail(f"{params} parameters but {len(code.co_varnames)} local variables")

    # ---------------------------------------------------------- instructions
    def decode(self) -> list[Ins]:
        # the raw instructions: `co_code` must not be read before they are known to be sane
        raw = getattr(self.code, "_co_code_adaptive", None) or self.code.co_code
        self.size = len(raw)
        if not raw:
            self.fail("empty code")
        if len(raw) % 2:
            self.fail(f"code of odd length {len(raw)}")
        out, pos, ext, start = [], 0, 0, None
        while pos < len(raw):
            op, arg = raw[pos], raw[pos + 1]
            name = dis.opname[op]
            if name.startswith("<"):
                self.fail(f"unknown opcode {op}", pos)
            if start is None:
                start = pos
            if op == EXTENDED_ARG:
                ext = (ext | arg) << 8
                pos += 2
                continue
            full = (ext | arg) if op >= dis.HAVE_ARGUMENT else None
            nxt = pos + 2 + 2 * dis._inline_cache_entries[op]
            if nxt > len(raw):
                self.fail(f"{name}'s inline cache runs past the end of the code", pos)
            out.append(Ins(pos, start, op, full, nxt))
            pos, ext, start = nxt, 0, None
        if start is not None:
            self.fail("EXTENDED_ARG at the end of the code", start)
        return out

    def check_operand(self, ins: Ins) -> None:
        op, arg, name = ins.op, ins.arg, dis.opname[ins.op]
        if op in CONST_OPS and not arg < len(self.code.co_consts):
            self.fail(f"{name} {arg}: co_consts has {len(self.code.co_consts)} entries", ins.offset)
        if op in NAME_OPS:
            index = arg >> 1 if op == LOAD_GLOBAL else arg
            if not index < len(self.code.co_names):
                self.fail(f"{name} {arg}: co_names has {len(self.code.co_names)} entries", ins.offset)
        if op in FAST_OPS and not arg < len(self.code.co_varnames):
            self.fail(f"{name} {arg}: co_varnames has {len(self.code.co_varnames)} entries", ins.offset)
        if op in CELL_OPS:
            self.check_cell_operand(ins)
        if op == COPY_FREE_VARS and arg != len(self.code.co_freevars):
            self.fail(f"COPY_FREE_VARS {arg}: the code has {len(self.code.co_freevars)} free variables",
                      ins.offset)
        if op in MAX_ARG and not arg < MAX_ARG[op]:
            self.fail(f"{name} {arg}: no such operator", ins.offset)
        if op in JUMPS:
            self.check_target(self.jump_target(ins), ins)

    def check_cell_operand(self, ins: Ins) -> None:
        name, arg = dis.opname[ins.op], ins.arg
        if not arg < self.nlocalsplus:
            self.fail(f"{name} {arg}: the frame has {self.nlocalsplus} local slots", ins.offset)
        slot_name = self.code._varname_from_oparg(arg)
        if slot_name not in self.code.co_cellvars and slot_name not in self.code.co_freevars:
            self.fail(f"{name} {arg}: {slot_name!r} is neither a cell nor a free variable", ins.offset)

    def jump_target(self, ins: Ins) -> int:
        if ins.op in dis.hasjabs:
            return ins.arg * 2
        delta = ins.arg * 2
        return ins.next - delta if "BACKWARD" in dis.opname[ins.op] else ins.next + delta

    def check_target(self, target: int, ins: Ins) -> None:
        if target not in self.by_offset:
            where = "outside the code" if not 0 <= target < self.size \
                else "not on an instruction boundary"
            self.fail(f"{dis.opname[ins.op]} jumps to offset {target}, {where}", ins.offset)

    # -------------------------------------------------------- exception table
    def exception_table(self) -> list[tuple[int, int, int, int]]:
        """(start, end, target, depth at the handler) for each entry."""
        data, pos, out = self.code.co_exceptiontable, 0, []
        while pos < len(data):
            if not data[pos] & 0x80:
                self.fail(f"exception table: entry at byte {pos} lacks its start marker")
            fields = []
            for _ in range(4):
                value, pos = self.varint(data, pos)
                fields.append(value)
            start, length, target, depth_lasti = fields
            start, end, target = start * 2, (start + length) * 2, target * 2
            depth = (depth_lasti >> 1) + (depth_lasti & 1) + 1
            for what, off in (("start", start), ("handler", target)):
                if off not in self.by_offset:
                    self.fail(f"exception table: {what} offset {off} is not an instruction")
            if not start < end <= self.size:
                self.fail(f"exception table: range {start}..{end} is empty or past the end")
            if depth > self.code.co_stacksize:
                self.fail(f"exception table: handler at {target} enters with stack depth {depth}, "
                          f"co_stacksize is {self.code.co_stacksize}")
            out.append((start, end, target, depth))
        return out

    def varint(self, data: bytes, pos: int) -> tuple[int, int]:
        if pos >= len(data):
            self.fail("exception table: truncated entry")
        b = data[pos]
        value = b & 63
        while b & 64:
            pos += 1
            if pos >= len(data):
                self.fail("exception table: truncated entry")
            b = data[pos]
            value = (value << 6) | (b & 63)
        return value, pos + 1

    # ---------------------------------------------------------------- stack
    def check_stack(self, instructions: list[Ins], handlers) -> None:
        depth_at: dict[int, int] = {}
        work: list[tuple[int, int]] = []

        def reach(offset: int, depth: int, source: Ins | None) -> None:
            if offset >= self.size:
                self.fail("execution falls through past the end of the code",
                          source.offset if source else None)
            known = depth_at.get(offset)
            if known is None:
                depth_at[offset] = depth
                work.append((offset, depth))
            elif known != depth:
                self.fail(f"stack depth {depth} at a join where another path has {known}", offset)

        reach(0, 0, None)
        while work:
            offset, depth = work.pop()
            ins = self.by_offset[offset]
            for start, end, target, hdepth in handlers:
                if start <= ins.offset < end:
                    reach(target, hdepth, ins)
                    break
            self.check_peek(ins, depth)
            for succ, jump in self.successors(ins):
                after = depth + self.effect(ins, jump)
                if after < 0:
                    self.fail(f"{dis.opname[ins.op]} pops from an empty stack", ins.offset)
                if after > self.code.co_stacksize:
                    self.fail(f"stack depth {after} exceeds co_stacksize {self.code.co_stacksize}",
                              ins.offset)
                reach(succ, after, ins)

    def check_peek(self, ins: Ins, depth: int) -> None:
        """Operands that name a stack slot below the top must name one that exists."""
        reach_below = PEEKS.get(ins.op)
        if reach_below is not None and not 1 <= ins.arg <= depth - reach_below:
            self.fail(f"{dis.opname[ins.op]} {ins.arg} with {depth} values on the stack", ins.offset)

    def successors(self, ins: Ins) -> list[tuple[int, bool]]:
        if ins.op in TERMINATORS:
            return []
        if ins.op in UNCONDITIONAL:
            return [(self.jump_target(ins), True)]
        if ins.op in JUMPS:
            return [(ins.next, False), (self.jump_target(ins), True)]
        return [(ins.next, False)]

    def effect(self, ins: Ins, jump: bool) -> int:
        if ins.op == RETURN_GENERATOR:
            return 1        # the frame resumes with the sent value pushed (its POP_TOP follows)
        try:
            return dis.stack_effect(ins.op, ins.arg, jump=jump)
        except ValueError:
            self.fail(f"{dis.opname[ins.op]} {ins.arg}: invalid operand", ins.offset)


class _ForeignVerifier(_Verifier):
    """The checks for bytecode of another version than the host's (a CodeRecord), from that
    version's committed opcode data: the instruction stream, operand indices, jump targets
    and the exception table. The stack-depth walk is not done (the opcode data samples
    dis.stack_effect, it does not define it for every argument); the builder still refuses a
    read past the simulated stack."""

    def run(self) -> None:
        self.check_tables()
        instructions = self.decode()
        self.by_offset = {ins.start: ins for ins in instructions}
        for ins in instructions:
            self.check_operand(ins)
        self.exception_table()

    def check_tables(self) -> None:
        super().check_tables()
        self.nlocalsplus = len(self.code.co_localsplusnames)
        if len(self.code.co_localspluskinds) != self.nlocalsplus:
            self.fail("co_localsplusnames and co_localspluskinds differ in length")

    def decode(self) -> list[Ins]:
        self.tab = op_table(self.version)
        raw = self.code.co_code
        self.size = len(raw)
        if not raw:
            self.fail("empty code")
        if len(raw) % 2:
            self.fail(f"code of odd length {len(raw)}")
        for pos in range(0, len(raw), 2):
            if raw[pos] not in self.tab.opname:
                self.fail(f"unknown opcode {raw[pos]}", pos)
        try:
            instructions = get_instructions(self.code, self.version)
        except IndexError:
            self.fail("an operand indexes past its table")
        out = []
        for ins in instructions:
            if ins.next_offset > len(raw):
                self.fail(f"{ins.opname}'s inline cache runs past the end of the code", ins.offset)
            if ins.opname == "EXTENDED_ARG":
                if ins.next_offset >= len(raw):
                    self.fail("EXTENDED_ARG at the end of the code", ins.offset)
                continue
            out.append(Ins(ins.offset, ins.start_offset, ins.opcode, ins.arg, ins.next_offset))
            out[-1].instr = ins
        return out

    def check_operand(self, ins: Ins) -> None:
        instr = ins.instr
        if instr.opname in self.tab.jumps:
            self.check_target(instr.argval, ins)

    def check_target(self, target: int, ins: Ins) -> None:
        if target not in self.by_offset:
            where = "outside the code" if not 0 <= target < self.size \
                else "not on an instruction boundary"
            self.fail(f"{ins.instr.opname} jumps to offset {target}, {where}", ins.offset)
