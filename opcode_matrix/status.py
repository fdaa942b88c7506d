"""What each stage of the compiler supports, per opcode — derived from the code itself.

Nothing here is a hand-kept list. For one opcode of a bytecode version:

- decode: the version's table (`table(version).OPCODES`) maps it to an operation;
- tir: the TIR builder has a handler for that operation (`build.HANDLERS`); "partial" when the
  handler refuses some forms of it (its code, or a helper it calls, calls `unsupported`);
- rust: the Rust printer can print every TIR instruction the handler emits (a method
  `op_<name>`, or, for terminators, a name its `_terminator` dispatches on);
- llvm: the LLVM lowering has `op_<name>` for every emitted instruction.

A stage after one that does not support the opcode is "blocked". A handler that emits nothing
(e.g. Nop, stack shuffles) is supported by every backend.
"""
from __future__ import annotations

import ast
import inspect
import json
import opcode as host_opcode
import sys
import textwrap
import types
from dataclasses import dataclass, field
from pathlib import Path

from . import SUPPORTED_VERSIONS, table

STAGES = ("decode", "tir", "rust", "llvm")
YES, PARTIAL, NO, BLOCKED = "yes", "partial", "no", "blocked"
SUPPORTED = (YES, PARTIAL)
HOST_VERSION = f"{sys.version_info.major}.{sys.version_info.minor}"
DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass
class OpcodeStatus:
    opname: str
    number: int
    operation: str | None
    emits: tuple[str, ...]
    stages: dict[str, str]
    missing: dict[str, list[str]] = field(default_factory=dict)  # stage → TIR instructions

    def supported(self, stage: str) -> bool:
        return self.stages[stage] in SUPPORTED


def all_opcodes(version: str = HOST_VERSION) -> dict[str, int]:
    """Every opcode of `version` (name → number): the host's `opcode.opmap`, or for other
    versions the committed data of that version's interpreter (opcodes_3_XX.json, written by
    tools/gen_opcode_tables.py); pseudo-instructions (numbers from 256) never reach a .pyc."""
    if version == HOST_VERSION:
        return dict(sorted(host_opcode.opmap.items(), key=lambda kv: kv[1]))
    from .tables import op_table
    return dict(sorted(op_table(version).opmap.items(), key=lambda kv: kv[1]))


# ------------------------------------------------------------------ what each stage can do

def builder_handlers() -> dict:
    from ..frontend_bytecode import build
    return build.HANDLERS


def rust_printable() -> set[str]:
    """TIR instructions the Rust printer prints: `op_*` methods and the terminators its
    `_terminator` dispatches on."""
    from ..backends.rust.printer import FunctionPrinter
    return _op_methods(FunctionPrinter) | _dispatched_terminators(FunctionPrinter._terminator)


def llvm_lowerable() -> set[str]:
    from ..backends.llvm.lower import FunctionLowering
    return _op_methods(FunctionLowering)


def _op_methods(cls) -> set[str]:
    return {name[3:] for name in dir(cls) if name.startswith("op_")}


def _dispatched_terminators(method) -> set[str]:
    """Terminator names that appear as string constants in `method`'s source."""
    from ..tir.ops import OPS
    tree = ast.parse(textwrap.dedent(inspect.getsource(method)))
    strings = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    return {name for name in strings if name in OPS and OPS[name].terminator}


def may_refuse(fn, seen: set | None = None) -> bool:
    """Whether a builder handler (or a module-level helper it calls) calls `unsupported`."""
    seen = set() if seen is None else seen
    code = getattr(fn, "__code__", None)
    if code is None or code in seen:
        return False
    seen.add(code)
    names = set(code.co_names) | _nested_names(code)
    if "unsupported" in names:
        return True
    module_globals = getattr(fn, "__globals__", {})
    return any(isinstance(module_globals.get(n), types.FunctionType)
               and may_refuse(module_globals[n], seen) for n in names)


def _nested_names(code: types.CodeType) -> set[str]:
    names = set()
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= set(const.co_names) | _nested_names(const)
    return names


# ------------------------------------------------------------------ the matrix

@dataclass
class Capabilities:
    """A snapshot of what the stages can do, taken once per matrix."""
    opcodes: dict            # the version's opcode table: opname → (operation, decoder)
    handlers: dict           # operation → build.Handler
    rust: set[str]
    llvm: set[str]

    @classmethod
    def current(cls, version: str) -> "Capabilities":
        return cls(table(version).OPCODES, builder_handlers(), rust_printable(), llvm_lowerable())


def opcode_status(opname: str, number: int, caps: Capabilities) -> OpcodeStatus:
    entry = caps.opcodes.get(opname)
    operation = entry[0] if entry else None
    handler = caps.handlers.get(operation) if operation else None
    emits = tuple(handler.emits) if handler else ()
    stages = {"decode": YES if entry else NO}
    missing: dict[str, list[str]] = {}
    if entry is None:
        stages["tir"] = BLOCKED
    elif handler is None:
        stages["tir"] = NO
    else:
        stages["tir"] = PARTIAL if may_refuse(handler.fn) else YES
    for stage, printable in (("rust", caps.rust), ("llvm", caps.llvm)):
        if stages["tir"] not in SUPPORTED:
            stages[stage] = BLOCKED
            continue
        lacking = [name for name in emits if name not in printable]
        if lacking:
            missing[stage] = lacking
        stages[stage] = NO if lacking else YES
    return OpcodeStatus(opname, number, operation, emits, stages, missing)


def matrix(version: str = HOST_VERSION) -> list[OpcodeStatus]:
    """The status of every opcode of `version`, in opcode-number order."""
    if version not in SUPPORTED_VERSIONS:
        caps = Capabilities({}, builder_handlers(), rust_printable(), llvm_lowerable())
    else:
        caps = Capabilities.current(version)
    return [opcode_status(name, number, caps) for name, number in all_opcodes(version).items()]


def coverage(statuses: list[OpcodeStatus]) -> dict[str, int]:
    """How many opcodes each stage supports (yes or partial), and the total."""
    counts = {stage: sum(s.supported(stage) for s in statuses) for stage in STAGES}
    counts["total"] = len(statuses)
    return counts

