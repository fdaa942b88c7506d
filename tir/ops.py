"""Declarations of the TIR instructions: operand count, attributes, effects.

One entry per instruction, read by the verifier, the text parser, the passes (purity for DCE)
and the backends (which instructions they can lower). `nargs` None means variadic.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import types as T


@dataclass(frozen=True)
class OpSpec:
    name: str
    nargs: int | None
    attrs: tuple[str, ...] = ()
    result: bool = True
    may_raise: bool = False
    pure: bool = False        # no side effect: removable when unused
    terminator: bool = False
    result_type: T.Type = T.OBJECT   # the Python type every result has, whatever the operands
    produces: tuple[int, ...] = ()   # per successor edge: trailing target params it produces
    suspends: bool = False    # leaves a generator suspended; its successors run on a resume


_SPECS = [
    OpSpec("const", 0, ("value",), pure=True),
    OpSpec("code_ref", 0, ("function",), pure=True),
    OpSpec("unbound", 0, pure=True),
    OpSpec("check_bound", 1, ("name",), may_raise=True),
    OpSpec("load_global", 0, ("name",), may_raise=True),
    OpSpec("store_global", 1, ("name",), result=False, may_raise=True),
    OpSpec("delete_global", 0, ("name",), result=False, may_raise=True),
    OpSpec("load_name", 0, ("name",), may_raise=True),
    OpSpec("store_name", 1, ("name",), result=False, may_raise=True),
    OpSpec("delete_name", 0, ("name",), result=False, may_raise=True),
    OpSpec("getattr", 1, ("name",), may_raise=True),
    OpSpec("setattr", 2, ("name",), result=False, may_raise=True),
    OpSpec("delattr", 1, ("name",), result=False, may_raise=True),
    OpSpec("binop", 2, ("op",), may_raise=True),
    OpSpec("inplace", 2, ("op",), may_raise=True),
    OpSpec("unop", 1, ("op",), may_raise=True),
    OpSpec("compare", 2, ("op",), may_raise=True),
    OpSpec("is", 2, ("negate",), pure=True, result_type=T.BOOL),
    OpSpec("is_none", 1, pure=True, result_type=T.BOOL),
    # the value is still the builtin `name` (an inlined generator expression's consumer)
    OpSpec("builtin_is", 1, ("name",), pure=True, result_type=T.BOOL),
    OpSpec("contains", 2, ("negate",), may_raise=True, result_type=T.BOOL),
    OpSpec("truth", 1, may_raise=True, result_type=T.BOOL),
    # the value leaves the stack unused (POP_TOP): its reference is released here, as CPython
    # releases it, so a finaliser runs at the statement, not at the end of the block
    OpSpec("discard", 1, result=False, pure=True),
    # the variables of `values` (ids) let go of what they hold, without using them: an inlined
    # generator expression's locals at its exits, where its frame would have been released
    OpSpec("forget", 0, ("values",), result=False),
    # an inlined comprehension's frame entered (one recursion level, or RecursionError) / left
    OpSpec("depth_enter", 0, result=False, may_raise=True),
    OpSpec("depth_leave", 0, result=False),
    OpSpec("getitem", 2, may_raise=True),
    OpSpec("setitem", 3, result=False, may_raise=True),
    OpSpec("delitem", 2, result=False, may_raise=True),
    OpSpec("build_tuple", None, pure=True, result_type=T.TUPLE),
    OpSpec("build_list", None, pure=True, result_type=T.LIST),
    OpSpec("build_set", None, may_raise=True, result_type=T.SET),
    OpSpec("build_map", None, may_raise=True, result_type=T.DICT),
    OpSpec("build_slice", None, pure=True),
    OpSpec("build_string", None, may_raise=True, result_type=T.STR),
    OpSpec("format_value", None, ("conversion",), may_raise=True, result_type=T.STR),
    OpSpec("list_append", 2, result=False, may_raise=True),
    OpSpec("unpack", 1, ("count",), may_raise=True, result_type=T.TUPLE),
    OpSpec("tuple_item", 1, ("index",), pure=True),
    OpSpec("import_name", 2, ("name",), may_raise=True),
    OpSpec("import_from", 1, ("name",), may_raise=True),
    OpSpec("make_function", None, ("function", "flags"), result_type=T.FUNCTION),
    OpSpec("call", None, ("kwnames",), may_raise=True),
    OpSpec("call_direct", None, ("function",), may_raise=True),
    OpSpec("get_iter", 1, may_raise=True),
    OpSpec("make_exception", 1, may_raise=True),
    OpSpec("load_assertion_error", 0, pure=True),
    OpSpec("print_expr", 1, result=False, may_raise=True),
    # exception handling (3.11 exception table)
    OpSpec("push_exc_info", 1),                        # → the previously handled exception
    OpSpec("pop_except", 1, result=False),
    OpSpec("exc_match", 2, may_raise=True, result_type=T.BOOL),
    OpSpec("with_enter", 1, may_raise=True, result_type=T.TUPLE),   # (bound __exit__, __enter__())
    OpSpec("with_except_start", 2, may_raise=True),
    OpSpec("load_special", 1, ("name",), may_raise=True),          # 3.14: bound __enter__ etc.
    # 3.12+ PEP 695 (`kind`: typevar, typealias, ...) and 3.14 t-strings
    OpSpec("call_intrinsic", None, ("kind",), may_raise=True),
    OpSpec("build_interpolation", None, ("conversion",), may_raise=True),
    OpSpec("build_template", 2, may_raise=True),
    # structural pattern matching
    OpSpec("match_mapping", 1, pure=True, result_type=T.BOOL),
    OpSpec("match_sequence", 1, pure=True, result_type=T.BOOL),
    OpSpec("match_keys", 2, may_raise=True),                  # tuple of values, or None
    OpSpec("match_class", 3, ("npos",), may_raise=True),      # tuple of attributes, or None
    OpSpec("get_len", 1, may_raise=True, result_type=T.INT),
    # --- except* ---
    OpSpec("check_eg_match", 2, may_raise=True, result_type=T.TUPLE),  # (new TOS1, match or None)
    OpSpec("prep_reraise_star", 2, may_raise=True),
    # the numeric core (unboxed clones)
    OpSpec("range_iter", 3, pure=True, result_type=T.RANGE_ITER),
    OpSpec("list_len", 1, pure=True, result_type=T.INT),            # len() of a borrowed list
    OpSpec("list_iter", 1, pure=True, result_type=T.LIST_ITER),     # iter() of a borrowed list
    # a loop header's frame state in a clone with stores: the operands are the generic
    # function's values live at `block` (in `layout` order); stores before it are final
    OpSpec("checkpoint", None, ("block", "layout"), result=False),
    # --- closures and classes ---
    # cells are plain SSA values; `free` selects the error of an empty cell (NameError for a
    # free variable, UnboundLocalError for a cell variable)
    OpSpec("make_cell", 1, pure=True),                    # a new cell holding the operand (maybe unbound)
    OpSpec("closure_cell", 0, ("index",), pure=True),     # the function's closure[index]
    OpSpec("load_deref", 1, ("name", "free"), may_raise=True),
    OpSpec("store_deref", 2, result=False),
    OpSpec("delete_deref", 1, ("name", "free"), result=False, may_raise=True),
    # class bodies: the namespace is the code's locals (see Function.is_class_body)
    # LOAD_CLASSDEREF (3.11: the frame's namespace) / LOAD_FROM_DICT_OR_DEREF (3.12+: the
    # mapping is a second operand): the name from the mapping, else the cell's value
    OpSpec("load_classderef", None, ("name",), may_raise=True),
    # 3.12+: the code's namespace as a value; a name from a mapping, else global or builtin
    OpSpec("load_locals", 0, pure=True),
    OpSpec("load_from_dict_or_globals", 1, ("name",), may_raise=True),
    OpSpec("load_build_class", 0, may_raise=True),
    OpSpec("setup_annotations", 0, result=False, may_raise=True),
    # zero-argument super(): args are the callable, the __class__ cell and the first local;
    # behaves as `call` when the callable is not the builtin super
    OpSpec("call_super", 3, ("first_is_cell",), may_raise=True),
    # --- containers, calls and modules ---
    OpSpec("list_extend", 2, result=False, may_raise=True),
    OpSpec("list_to_tuple", 1, pure=True, result_type=T.TUPLE),
    OpSpec("set_add", 2, result=False, may_raise=True),
    OpSpec("set_update", 2, result=False, may_raise=True),
    OpSpec("map_add", 3, result=False, may_raise=True),
    OpSpec("dict_update", 2, result=False, may_raise=True),
    OpSpec("dict_merge", 3, result=False, may_raise=True),
    OpSpec("call_ex", None, may_raise=True),
    OpSpec("unpack_ex", 1, ("before", "after"), may_raise=True, result_type=T.TUPLE),
    OpSpec("import_star", 1, result=False, may_raise=True),
    # terminators
    OpSpec("jump", 0, result=False, terminator=True),
    OpSpec("brif", 1, result=False, terminator=True),
    OpSpec("for_iter", 1, result=False, may_raise=True, terminator=True, produces=(1, 0)),
    OpSpec("return", 1, result=False, terminator=True),
    OpSpec("raise", 1, result=False, may_raise=True, terminator=True),
    OpSpec("raise_from", 2, result=False, may_raise=True, terminator=True),
    OpSpec("reraise", 1, result=False, may_raise=True, terminator=True),      # traceback kept
    OpSpec("reraise_current", 0, result=False, may_raise=True, terminator=True),  # bare raise
    # --- generators ---
    # The frame suspends at `gen_start` (the call returns the generator), `yield` and
    # `yield_delegate`; the resume edge's implicit value is the value sent in. Resumed by
    # throw(), they raise the thrown exception at their own location; `yield_delegate` (the
    # yield of a `yield from` loop, operands: value, receiver) first forwards it to the
    # receiver and goes to its second successor with the receiver's return value.
    # `send` sends a value into the receiver: it yielded (successor 0) or returned (1).
    OpSpec("gen_start", 0, result=False, may_raise=True, terminator=True, produces=(1,),
           suspends=True),
    OpSpec("yield", 1, result=False, may_raise=True, terminator=True, produces=(1,),
           suspends=True),
    OpSpec("yield_delegate", 2, result=False, may_raise=True, terminator=True, produces=(1, 1),
           suspends=True),
    OpSpec("send", 2, result=False, may_raise=True, terminator=True, produces=(1, 1)),
    # --- async ---
    # coroutines and async generators suspend like generators (their kind comes from the
    # code's flags); `await` is get_awaitable + the send/yield_delegate loop of `yield from`
    OpSpec("get_awaitable", 1, ("where",), may_raise=True),
    OpSpec("async_with_enter", 1, may_raise=True, result_type=T.TUPLE),  # (bound __aexit__, __aenter__())
    OpSpec("get_aiter", 1, may_raise=True),
    OpSpec("get_anext", 1, may_raise=True),
    OpSpec("end_async_for", 1, result=False, may_raise=True),   # re-raises unless StopAsyncIteration
    OpSpec("async_gen_wrap", 1, pure=True),
]

OPS: dict[str, OpSpec] = {s.name: s for s in _SPECS}

# number of successor blocks of each terminator
SUCCESSORS = {"jump": 1, "brif": 2, "for_iter": 2, "return": 0, "raise": 0, "raise_from": 0,
              "reraise": 0, "reraise_current": 0,
              # --- generators ---
              "gen_start": 1, "yield": 1, "yield_delegate": 2, "send": 2}

# an unwind edge (to an exception handler) produces the exception instance
UNWIND_PRODUCES = 1
