"""CPython 3.11: each opcode mapped onto a version-neutral operation, with its argument decoder.

This table is the one list of what the compiler accepts from 3.11 bytecode: an opcode missing
here is refused by the decoder with a diagnostic naming it. Decoders take a `dis.Instruction`
(whose `argval` CPython has mostly resolved) and the code object, and return the operation's
argument.
"""
from __future__ import annotations

import dis

VERSION = "3.11"

_CMP = {"<": "lt", "<=": "le", "==": "eq", "!=": "ne", ">": "gt", ">=": "ge"}


def _none(ins: dis.Instruction, code):
    return None


def _argval(ins: dis.Instruction, code):
    return ins.argval


def _oparg(ins: dis.Instruction, code):
    return ins.arg


def _kw_names(ins: dis.Instruction, code):
    return code.co_consts[ins.arg]   # 3.11's dis leaves this argument unresolved


def _global(ins: dis.Instruction, code):
    return (ins.argval, bool(ins.arg & 1))


def _binary_op(ins: dis.Instruction, code):
    return ins.argrepr  # "+", "+=", "//", ...


def _compare(ins: dis.Instruction, code):
    return _CMP[ins.argval]


def _format_value(ins: dis.Instruction, code):
    conversion = {0: "", 1: "s", 2: "r", 3: "a"}[ins.arg & 0x3]
    return (conversion, bool(ins.arg & 0x4))


def _pop_jump(kind: str):
    return lambda ins, code: kind


def _jump_if_or_pop(truth: bool):
    return lambda ins, code: truth


def _unary(symbol: str):
    return lambda ins, code: symbol


def _unpack_ex(ins: dis.Instruction, code):
    return (ins.arg & 0xFF, ins.arg >> 8)


# opname -> (operation name, argument decoder)
OPCODES: dict[str, tuple[str, object]] = {
    "NOP": ("Nop", _none),
    "RESUME": ("Nop", _none),
    "PRECALL": ("Nop", _none),
    "EXTENDED_ARG": ("Nop", _none),
    "CACHE": ("Nop", _none),
    "POP_TOP": ("PopTop", _none),
    "PUSH_NULL": ("PushNull", _none),
    "COPY": ("Copy", _oparg),
    "SWAP": ("Swap", _oparg),
    "LOAD_CONST": ("LoadConst", _argval),
    "LOAD_FAST": ("LoadFast", _argval),
    "STORE_FAST": ("StoreFast", _argval),
    "DELETE_FAST": ("DeleteFast", _argval),
    "LOAD_GLOBAL": ("LoadGlobal", _global),
    "STORE_GLOBAL": ("StoreGlobal", _argval),
    "DELETE_GLOBAL": ("DeleteGlobal", _argval),
    "LOAD_NAME": ("LoadName", _argval),
    "STORE_NAME": ("StoreName", _argval),
    "DELETE_NAME": ("DeleteName", _argval),
    "LOAD_ATTR": ("LoadAttr", _argval),
    "LOAD_METHOD": ("LoadMethod", _argval),
    "STORE_ATTR": ("StoreAttr", _argval),
    "DELETE_ATTR": ("DeleteAttr", _argval),
    "BINARY_OP": ("BinaryOp", _binary_op),
    "UNARY_NEGATIVE": ("UnaryOp", _unary("-")),
    "UNARY_POSITIVE": ("UnaryOp", _unary("+")),
    "UNARY_INVERT": ("UnaryOp", _unary("~")),
    "UNARY_NOT": ("UnaryOp", _unary("not")),
    "COMPARE_OP": ("CompareOp", _compare),
    "IS_OP": ("IsOp", _oparg),
    "CONTAINS_OP": ("ContainsOp", _oparg),
    "BINARY_SUBSCR": ("BinarySubscr", _none),
    "STORE_SUBSCR": ("StoreSubscr", _none),
    "DELETE_SUBSCR": ("DeleteSubscr", _none),
    "BUILD_TUPLE": ("BuildTuple", _oparg),
    "BUILD_LIST": ("BuildList", _oparg),
    "BUILD_SET": ("BuildSet", _oparg),
    "BUILD_MAP": ("BuildMap", _oparg),
    "BUILD_CONST_KEY_MAP": ("BuildConstKeyMap", _oparg),
    "BUILD_SLICE": ("BuildSlice", _oparg),
    "BUILD_STRING": ("BuildString", _oparg),
    "FORMAT_VALUE": ("FormatValue", _format_value),
    "LIST_APPEND": ("ListAppend", _oparg),
    "UNPACK_SEQUENCE": ("UnpackSequence", _oparg),
    "MAKE_FUNCTION": ("MakeFunction", _oparg),
    "IMPORT_NAME": ("ImportName", _argval),
    "IMPORT_FROM": ("ImportFrom", _argval),
    "KW_NAMES": ("KwNames", _kw_names),
    "CALL": ("Call", _oparg),
    "GET_ITER": ("GetIter", _none),
    "FOR_ITER": ("ForIter", _none),
    "JUMP_FORWARD": ("Jump", _none),
    "JUMP_BACKWARD": ("Jump", _none),
    "JUMP_BACKWARD_NO_INTERRUPT": ("Jump", _none),
    "POP_JUMP_FORWARD_IF_FALSE": ("PopJumpIf", _pop_jump("false")),
    "POP_JUMP_BACKWARD_IF_FALSE": ("PopJumpIf", _pop_jump("false")),
    "POP_JUMP_FORWARD_IF_TRUE": ("PopJumpIf", _pop_jump("true")),
    "POP_JUMP_BACKWARD_IF_TRUE": ("PopJumpIf", _pop_jump("true")),
    "POP_JUMP_FORWARD_IF_NONE": ("PopJumpIf", _pop_jump("none")),
    "POP_JUMP_BACKWARD_IF_NONE": ("PopJumpIf", _pop_jump("none")),
    "POP_JUMP_FORWARD_IF_NOT_NONE": ("PopJumpIf", _pop_jump("not_none")),
    "POP_JUMP_BACKWARD_IF_NOT_NONE": ("PopJumpIf", _pop_jump("not_none")),
    "JUMP_IF_FALSE_OR_POP": ("JumpIfOrPop", _jump_if_or_pop(False)),
    "JUMP_IF_TRUE_OR_POP": ("JumpIfOrPop", _jump_if_or_pop(True)),
    "RETURN_VALUE": ("ReturnValue", _none),
    "RAISE_VARARGS": ("RaiseVarargs", _oparg),
    "LOAD_ASSERTION_ERROR": ("LoadAssertionError", _none),
    # --- exceptions ---
    "PUSH_EXC_INFO": ("PushExcInfo", _none),
    "POP_EXCEPT": ("PopExcept", _none),
    "CHECK_EXC_MATCH": ("CheckExcMatch", _none),
    "RERAISE": ("Reraise", _oparg),
    "PRINT_EXPR": ("PrintExpr", _none),
    "BEFORE_WITH": ("BeforeWith", _none),
    "WITH_EXCEPT_START": ("WithExceptStart", _none),
    # --- pattern matching ---
    "MATCH_MAPPING": ("MatchMapping", _none),
    "MATCH_SEQUENCE": ("MatchSequence", _none),
    "MATCH_KEYS": ("MatchKeys", _none),
    "MATCH_CLASS": ("MatchClass", _oparg),
    "GET_LEN": ("GetLen", _none),
    # --- closures and classes ---
    "MAKE_CELL": ("MakeCell", _argval),
    "COPY_FREE_VARS": ("CopyFreeVars", _oparg),
    "LOAD_CLOSURE": ("LoadClosure", _argval),
    "LOAD_DEREF": ("LoadDeref", _argval),
    "LOAD_CLASSDEREF": ("LoadClassDeref", _argval),
    "STORE_DEREF": ("StoreDeref", _argval),
    "DELETE_DEREF": ("DeleteDeref", _argval),
    "LOAD_BUILD_CLASS": ("LoadBuildClass", _none),
    "SETUP_ANNOTATIONS": ("SetupAnnotations", _none),
    # --- containers, calls and modules ---
    "LIST_EXTEND": ("ListExtend", _oparg),
    "LIST_TO_TUPLE": ("ListToTuple", _none),
    "SET_ADD": ("SetAdd", _oparg),
    "SET_UPDATE": ("SetUpdate", _oparg),
    "MAP_ADD": ("MapAdd", _oparg),
    "DICT_UPDATE": ("DictUpdate", _oparg),
    "DICT_MERGE": ("DictMerge", _oparg),
    "CALL_FUNCTION_EX": ("CallFunctionEx", _oparg),
    "UNPACK_EX": ("UnpackEx", _unpack_ex),
    "IMPORT_STAR": ("ImportStar", _none),
    # --- generators ---
    "RETURN_GENERATOR": ("ReturnGenerator", _none),
    "YIELD_VALUE": ("YieldValue", _none),
    "SEND": ("Send", _none),
    "GET_YIELD_FROM_ITER": ("GetYieldFromIter", _none),
    # --- except* ---
    "CHECK_EG_MATCH": ("CheckEgMatch", _none),
    "PREP_RERAISE_STAR": ("PrepReraiseStar", _none),
    # --- async ---
    "GET_AWAITABLE": ("GetAwaitable", _oparg),
    "BEFORE_ASYNC_WITH": ("BeforeAsyncWith", _none),
    "GET_AITER": ("GetAiter", _none),
    "GET_ANEXT": ("GetAnext", _none),
    "END_ASYNC_FOR": ("EndAsyncFor", _none),
    "ASYNC_GEN_WRAP": ("AsyncGenWrap", _none),
}


# Where 3.11's own stack accounting (dis.stack_effect) books pops differently from the
# operations: it charges CALL's n arguments to the PRECALL that always precedes it. The
# operations keep the whole call on Call; this shift (added to an operation's effect) maps one
# convention onto the other, for the table's check against dis.
STACK_EFFECT_SHIFT = {
    "PRECALL": lambda oparg: -oparg,
    "CALL": lambda oparg: oparg,
}
