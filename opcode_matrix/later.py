"""The opcode tables of 3.12, 3.13 and 3.14: each version's opcodes mapped onto the
version-neutral operations (the same ones as 3.11's where the semantics did not change).

Decoders take an `instructions.Instr` (argval resolved as that version's dis does) and the
code record. A decoder may return `Expand([...])`: one instruction that is several operations
(RETURN_CONST is LoadConst + ReturnValue; 3.13's LOAD_GLOBAL with the NULL bit pushes the
NULL after the global). Each element is (operation, arg) or (operation, arg, jump target).
"""
from __future__ import annotations

from dataclasses import dataclass

from . import v3_11

_CMP = {"<": "lt", "<=": "le", "==": "eq", "!=": "ne", ">": "gt", ">=": "ge"}
_CONVERSIONS = {0: "", 1: "s", 2: "r", 3: "a"}
NB_SUBSCR = "[]"      # 3.14: BINARY_SUBSCR became a BINARY_OP


@dataclass
class Expand:
    ops: list


class Unsupported(Exception):
    """A form of an opcode the operations do not cover yet (the decoder reports it)."""


def _none(ins, code):
    return None


def _argval(ins, code):
    return ins.argval


def _oparg(ins, code):
    return ins.arg


def _const(value):
    return lambda ins, code: value


CO_FAST_CELL, CO_FAST_FREE = 0x40, 0x80


def _load(code, index: int) -> tuple:
    """3.13 compiles LOAD_CLOSURE (a pseudo-instruction since) to LOAD_FAST: a LOAD_FAST of
    a cell or free slot pushes the cell itself. By index: a name can be both a hidden local
    of an inlined comprehension and a free variable."""
    name, kind = code.co_localsplusnames[index], code.co_localspluskinds[index]
    return ("LoadClosure" if kind & (CO_FAST_CELL | CO_FAST_FREE) else "LoadFast", name)


def _load_fast(ins, code):
    return Expand([_load(code, ins.arg)])


def _pair(first: str, second: str):
    def dec(ins, code):
        a, b = ins.argval
        return Expand([_load(code, ins.arg >> 4) if first == "LoadFast" else (first, a),
                       _load(code, ins.arg & 15) if second == "LoadFast" else (second, b)])
    return dec


def _return_const(ins, code):
    return Expand([("LoadConst", ins.argval), ("ReturnValue", None)])


def _compare(ins, code):
    return _CMP[ins.argval]


def _binary_op(ins, code):
    if ins.argrepr == NB_SUBSCR:
        return Expand([("BinarySubscr", None)])
    return ins.argrepr


def _slice(then: str):
    return lambda ins, code: Expand([("BuildSlice", 2), (then, None)])


def _swap_pop(ins, code):
    return Expand([("Swap", 2), ("PopTop", None)])


def _end_for_3_12(ins, code):
    return Expand([("PopTop", None), ("PopTop", None)])


def _for_iter(skip: int, operation: str = "ForIter"):
    """FOR_ITER's exhausted path skips END_FOR (3.12, 3.14) and POP_TOP (3.13): `skip` bytes
    past the target dis shows."""
    return lambda ins, code: Expand([(operation, None, ins.argval + skip)])


def _intrinsic_1(ins, code):
    kind = _INTRINSIC_1.get(ins.arg)
    if ins.arg in _TYPING_1:
        return Expand([("CallIntrinsic", (_TYPING_1[ins.arg], 1))])
    if kind is None:
        raise Unsupported(f"CALL_INTRINSIC_1 {ins.arg}")
    return Expand(list(kind))


_INTRINSIC_1 = {
    1: [("PrintExpr", None), ("LoadConst", None)],
    # a generator's StopIteration -> RuntimeError: the runtime's generators convert it when
    # it leaves the frame (as 3.11's gen_send_ex does), so the handler only re-raises
    3: [("Nop", None)],
    2: [("ImportStar", None), ("LoadConst", None)],
    4: [("AsyncGenWrap", None)],
    5: [("UnaryOp", "+")],
    6: [("ListToTuple", None)],
}


# operations that no opcode names directly: only the decoders above expand into them
REACHED_BY_EXPANSION = frozenset({"CallIntrinsic"})

# PEP 695 type parameters and `type` statements (3.12; 3.13 adds defaults)
_TYPING_1 = {7: "typevar", 8: "paramspec", 9: "typevartuple", 10: "subscript_generic",
             11: "typealias"}
_TYPING_2 = {2: "typevar_with_bound", 3: "typevar_with_constraints",
             4: "set_function_type_params", 5: "set_typeparam_default"}


def _intrinsic_2(ins, code):
    if ins.arg == 1:
        return Expand([("PrepReraiseStar", None)])
    if ins.arg in _TYPING_2:
        return Expand([("CallIntrinsic", (_TYPING_2[ins.arg], 2))])
    raise Unsupported(f"CALL_INTRINSIC_2 {ins.arg}")


def _load_global_null_before(ins, code):
    return (ins.argval, bool(ins.arg & 1))


def _load_global_null_after(ins, code):
    ops = [("LoadGlobal", (ins.argval, False))]
    return Expand(ops + [("PushNull", None)] if ins.arg & 1 else ops)


def _load_attr_3_12(ins, code):
    return Expand([("LoadMethod" if ins.arg & 1 else "LoadAttr", ins.argval)])


def _load_attr_3_13(ins, code):
    ops = [("LoadAttr", ins.argval)]
    return Expand(ops + [("PushNull", None)] if ins.arg & 1 else ops)


def _super_attr(null_after: bool):
    return lambda ins, code: (ins.argval, bool(ins.arg & 1), null_after)


def _format(has_spec: bool):
    return lambda ins, code: ("", has_spec)


def _convert_value(ins, code):
    return (_CONVERSIONS[ins.arg], False)


_COMMON_BUILTINS = {1: "NotImplementedError", 2: "tuple", 3: "all", 4: "any"}


def _common_constant(ins, code):
    if ins.arg == 0:
        return Expand([("LoadAssertionError", None)])
    if ins.arg in _COMMON_BUILTINS:
        return Expand([("LoadBuiltin", _COMMON_BUILTINS[ins.arg])])
    raise Unsupported(f"LOAD_COMMON_CONSTANT {ins.arg}")


_SPECIAL_METHODS = ("__enter__", "__exit__", "__aenter__", "__aexit__")


def _special(ins, code):
    if ins.arg >= len(_SPECIAL_METHODS):
        raise Unsupported(f"LOAD_SPECIAL {ins.arg}")
    return _SPECIAL_METHODS[ins.arg]


def _small_int(ins, code):
    return Expand([("LoadConst", ins.arg)])


# the 3.11 entries whose opcode and meaning 3.12 kept
_KEPT = ("NOP", "RESUME", "EXTENDED_ARG", "CACHE", "POP_TOP", "PUSH_NULL", "COPY", "SWAP",
         "LOAD_CONST", "LOAD_FAST", "STORE_FAST", "DELETE_FAST", "STORE_GLOBAL", "DELETE_GLOBAL",
         "LOAD_NAME", "STORE_NAME", "DELETE_NAME", "STORE_ATTR", "DELETE_ATTR",
         "UNARY_NEGATIVE", "UNARY_INVERT", "UNARY_NOT", "IS_OP", "CONTAINS_OP",
         "BINARY_SUBSCR", "STORE_SUBSCR", "DELETE_SUBSCR", "BUILD_TUPLE", "BUILD_LIST",
         "BUILD_SET", "BUILD_MAP", "BUILD_CONST_KEY_MAP", "BUILD_SLICE", "BUILD_STRING",
         "FORMAT_VALUE", "LIST_APPEND", "UNPACK_SEQUENCE", "MAKE_FUNCTION", "IMPORT_NAME",
         "IMPORT_FROM", "KW_NAMES", "CALL", "GET_ITER", "JUMP_FORWARD", "JUMP_BACKWARD",
         "JUMP_BACKWARD_NO_INTERRUPT", "RETURN_VALUE", "RAISE_VARARGS", "LOAD_ASSERTION_ERROR",
         "PUSH_EXC_INFO", "POP_EXCEPT", "CHECK_EXC_MATCH", "RERAISE", "BEFORE_WITH",
         "WITH_EXCEPT_START", "MATCH_MAPPING", "MATCH_SEQUENCE", "MATCH_KEYS", "MATCH_CLASS",
         "GET_LEN", "MAKE_CELL", "COPY_FREE_VARS", "LOAD_CLOSURE", "LOAD_DEREF", "STORE_DEREF",
         "DELETE_DEREF", "LOAD_BUILD_CLASS", "SETUP_ANNOTATIONS", "LIST_EXTEND", "SET_ADD",
         "SET_UPDATE", "MAP_ADD", "DICT_UPDATE", "DICT_MERGE", "CALL_FUNCTION_EX", "UNPACK_EX",
         "RETURN_GENERATOR", "YIELD_VALUE", "GET_YIELD_FROM_ITER", "CHECK_EG_MATCH",
         "GET_AWAITABLE", "BEFORE_ASYNC_WITH", "GET_AITER", "GET_ANEXT", "END_ASYNC_FOR")


def table_3_12() -> dict:
    # 3.11's decoders read fields `Instr` has too (arg, argval, argrepr)
    t = {name: v3_11.OPCODES[name] for name in _KEPT}
    t.update({
        "LOAD_GLOBAL": ("LoadGlobal", _load_global_null_before),
        "LOAD_ATTR": ("LoadAttr", _load_attr_3_12),
        "COMPARE_OP": ("CompareOp", _compare),
        "BINARY_OP": ("BinaryOp", _binary_op),
        "POP_JUMP_IF_FALSE": ("PopJumpIf", _const("false")),
        "POP_JUMP_IF_TRUE": ("PopJumpIf", _const("true")),
        "POP_JUMP_IF_NONE": ("PopJumpIf", _const("none")),
        "POP_JUMP_IF_NOT_NONE": ("PopJumpIf", _const("not_none")),
        "RETURN_CONST": ("LoadConst", _return_const),
        "BINARY_SLICE": ("BuildSlice", _slice("BinarySubscr")),
        "STORE_SLICE": ("BuildSlice", _slice("StoreSubscr")),
        "END_FOR": ("PopTop", _end_for_3_12),
        "FOR_ITER": ("ForIter", _for_iter(2)),
        "LOAD_FAST_CHECK": ("LoadFast", _argval),
        "LOAD_FAST_AND_CLEAR": ("LoadFastAndClear", _argval),
        "CALL_INTRINSIC_1": ("PrintExpr", _intrinsic_1),
        "CALL_INTRINSIC_2": ("PrepReraiseStar", _intrinsic_2),
        "INTERPRETER_EXIT": ("ReturnValue", _none),
        # 3.12 keeps the receiver for END_SEND on the return path; SEND's own return path
        # skips it, as 3.11's Send replaces both by the value
        "SEND": ("Send", _for_iter(2, "Send")),
        "END_SEND": ("Swap", _swap_pop),
        # reached only by exceptions thrown into a `yield from`; the runtime's throw()
        # delegation turns the receiver's StopIteration into the return value as 3.11 did,
        # so what arrives here is re-raised
        "CLEANUP_THROW": ("Reraise", _const(0)),
        # the class namespace as a value: pushed by LOAD_LOCALS, read by the next two (and
        # 3.14's class bodies store it in the `__classdict__` cell for annotation scopes)
        "LOAD_LOCALS": ("LoadLocals", _none),
        "LOAD_FROM_DICT_OR_DEREF": ("LoadFromDictOrDeref", _argval),
        "LOAD_FROM_DICT_OR_GLOBALS": ("LoadFromDictOrGlobals", _argval),
        "LOAD_SUPER_ATTR": ("LoadSuperAttr", _super_attr(False)),
    })
    return t


def table_3_13() -> dict:
    t = table_3_12()
    for gone in ("FORMAT_VALUE", "KW_NAMES", "LOAD_CLOSURE"):   # LOAD_CLOSURE: a pseudo-op
        t.pop(gone)
    t.update({
        "LOAD_GLOBAL": ("LoadGlobal", _load_global_null_after),
        "LOAD_ATTR": ("LoadAttr", _load_attr_3_13),
        "CALL": ("CallCallableFirst", _oparg),
        "CALL_KW": ("CallKwCallableFirst", _oparg),
        "CALL_FUNCTION_EX": ("CallFunctionExCallableFirst", _oparg),
        "MAKE_FUNCTION": ("MakeFunction", _const(0)),
        "SET_FUNCTION_ATTRIBUTE": ("SetFunctionAttribute", _oparg),
        # TO_BOOL's consumers (POP_JUMP_IF_*, UNARY_NOT) take the truth of any value
        # themselves, so bool(x) is not materialised; __bool__ still runs once, there.
        "TO_BOOL": ("Nop", _none),
        "FORMAT_SIMPLE": ("FormatValue", _format(False)),
        "FORMAT_WITH_SPEC": ("FormatValue", _format(True)),
        "CONVERT_VALUE": ("FormatValue", _convert_value),
        "FOR_ITER": ("ForIter", _for_iter(4)),
        "END_FOR": ("PopTop", _none),
        "LOAD_FAST": ("LoadFast", _load_fast),
        "DICT_MERGE": ("DictMergeCallableFirst", _oparg),
        "LOAD_SUPER_ATTR": ("LoadSuperAttr", _super_attr(True)),
        "LOAD_FAST_LOAD_FAST": ("LoadFast", _pair("LoadFast", "LoadFast")),
        "STORE_FAST_LOAD_FAST": ("StoreFast", _pair("StoreFast", "LoadFast")),
        "STORE_FAST_STORE_FAST": ("StoreFast", _pair("StoreFast", "StoreFast")),
    })
    return t


def table_3_14() -> dict:
    t = table_3_13()
    for gone in ("BINARY_SUBSCR", "LOAD_ASSERTION_ERROR", "BEFORE_WITH", "BEFORE_ASYNC_WITH",
                 "BUILD_CONST_KEY_MAP",
                 "LOAD_CLOSURE", "RETURN_CONST"):
        t.pop(gone, None)
    t.update({
        "NOT_TAKEN": ("Nop", _none),
        "LOAD_SMALL_INT": ("LoadConst", _small_int),
        "LOAD_FAST_BORROW": ("LoadFast", _load_fast),
        "LOAD_FAST_BORROW_LOAD_FAST_BORROW": ("LoadFast", _pair("LoadFast", "LoadFast")),
        "LOAD_COMMON_CONSTANT": ("LoadBuiltin", _common_constant),
        "FOR_ITER": ("ForIterKeep", _for_iter(2, "ForIterKeep")),
        "CALL_FUNCTION_EX": ("CallFunctionExCallableFirst", _const(1)),  # kwargs slot always
        # the special method is looked up as an attribute (bound); a missing one is 3.14's
        # TypeError "does not support the ... protocol"
        "LOAD_SPECIAL": ("LoadSpecial", _special),
        "WITH_EXCEPT_START": ("WithExceptStartCallableFirst", _none),
        "POP_ITER": ("PopTop", _none),
        # t-strings: arg = (conversion, has a format spec)
        "BUILD_INTERPOLATION": ("BuildInterpolation",
                                lambda ins, code: (_CONVERSIONS[ins.arg >> 2], bool(ins.arg & 1))),
        "BUILD_TEMPLATE": ("BuildTemplate", _none),
    })
    return t
