"""Version-neutral operations: each declared once, like an entry of CPython's bytecodes.c.

A per-version table (`v3_11.py`, ...) maps that version's opcodes onto these operations and
decodes each opcode's argument into the operation's `arg`. Everything after decoding only sees
operations. The stack effect of every declaration is checked in tests against the `dis` of the
version each opcode came from.

`effect(arg)` is (pops, pushes) on the fall-through path; `jump_effect(arg)` the same when the
branch is taken (only for `flow` "cond"/"iter"/"jump").
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

Effect = Callable[[Any], "tuple[int, int]"]

# flow kinds
NEXT = "next"      # falls through to the next instruction
JUMP = "jump"      # unconditional jump to `target`
COND = "cond"      # falls through or jumps to `target`
ITER = "iter"      # FOR_ITER: pushes the next item, or jumps to `target` when exhausted
RETURN = "return"  # leaves the frame with a value
RAISE = "raise"    # always raises
SUSPEND = "suspend"  # leaves a generator suspended; resumes at the next instruction


@dataclass(frozen=True)
class Operation:
    name: str
    effect: Effect
    may_raise: bool = False
    flow: str = NEXT
    jump_effect: Effect | None = None
    doc: str = ""

    def stack_effect(self, arg: Any, jump: bool = False) -> int:
        pops, pushes = (self.jump_effect if jump and self.jump_effect else self.effect)(arg)
        return pushes - pops


def _fixed(pops: int, pushes: int) -> Effect:
    return lambda arg: (pops, pushes)


_DECLS = [
    # stack shuffling and no-ops
    Operation("Nop", _fixed(0, 0), doc="no effect (NOP, RESUME, PRECALL, CACHE)"),
    Operation("PopTop", _fixed(1, 0), doc="drop the top of stack"),
    Operation("PushNull", _fixed(0, 1), doc="push the NULL marker below a callable"),
    Operation("Copy", lambda n: (n, n + 1), doc="push a copy of the n-th item"),
    Operation("Swap", lambda n: (n, n), doc="swap the top with the n-th item"),
    # names
    Operation("LoadConst", _fixed(0, 1), doc="push a constant"),
    Operation("LoadFast", _fixed(0, 1), may_raise=True, doc="push a local (UnboundLocalError)"),
    Operation("StoreFast", _fixed(1, 0), doc="pop into a local"),
    Operation("DeleteFast", _fixed(0, 0), may_raise=True, doc="unbind a local"),
    Operation("LoadGlobal", lambda a: (0, 2 if a[1] else 1), may_raise=True,
              doc="push a global or builtin; arg=(name, push_null)"),
    Operation("StoreGlobal", _fixed(1, 0), may_raise=True, doc="pop into a module global"),
    Operation("DeleteGlobal", _fixed(0, 0), may_raise=True, doc="unbind a module global"),
    Operation("LoadName", _fixed(0, 1), may_raise=True, doc="push a name (locals, globals, builtins)"),
    Operation("StoreName", _fixed(1, 0), may_raise=True, doc="pop into the locals namespace"),
    Operation("DeleteName", _fixed(0, 0), may_raise=True, doc="unbind a name"),
    Operation("LoadAttr", _fixed(1, 1), may_raise=True, doc="replace TOS by TOS.name"),
    Operation("LoadMethod", _fixed(1, 2), may_raise=True,
              doc="replace TOS by (NULL, TOS.name) — method calls go through a bound attribute"),
    Operation("StoreAttr", _fixed(2, 0), may_raise=True, doc="TOS.name = TOS1"),
    Operation("DeleteAttr", _fixed(1, 0), may_raise=True, doc="del TOS.name"),
    # operators
    Operation("BinaryOp", _fixed(2, 1), may_raise=True, doc="binary or in-place operator; arg=symbol"),
    Operation("UnaryOp", _fixed(1, 1), may_raise=True, doc="unary operator; arg in -, +, ~, not"),
    Operation("CompareOp", _fixed(2, 1), may_raise=True, doc="rich comparison; arg=symbol"),
    Operation("IsOp", _fixed(2, 1), doc="identity test; arg=inverted"),
    Operation("ContainsOp", _fixed(2, 1), may_raise=True, doc="membership test; arg=inverted"),
    Operation("BinarySubscr", _fixed(2, 1), may_raise=True, doc="TOS1[TOS]"),
    Operation("StoreSubscr", _fixed(3, 0), may_raise=True, doc="TOS1[TOS] = TOS2"),
    Operation("DeleteSubscr", _fixed(2, 0), may_raise=True, doc="del TOS1[TOS]"),
    # building values
    Operation("BuildTuple", lambda n: (n, 1), doc="tuple of the top n items"),
    Operation("BuildList", lambda n: (n, 1), doc="list of the top n items"),
    Operation("BuildSet", lambda n: (n, 1), may_raise=True, doc="set of the top n items"),
    Operation("BuildMap", lambda n: (2 * n, 1), may_raise=True, doc="dict of n key/value pairs"),
    Operation("BuildConstKeyMap", lambda n: (n + 1, 1), may_raise=True,
              doc="dict from n values and a tuple of keys"),
    Operation("BuildSlice", lambda n: (n, 1), doc="slice of 2 or 3 items"),
    Operation("BuildString", lambda n: (n, 1), may_raise=True, doc="concatenate n strings"),
    Operation("FormatValue", lambda a: (2 if a[1] else 1, 1), may_raise=True,
              doc="format for an f-string; arg=(conversion, has_spec)"),
    Operation("ListAppend", lambda i: (1, 0), may_raise=True, doc="append TOS to the list at depth i"),
    Operation("UnpackSequence", lambda n: (1, n), may_raise=True, doc="unpack into n items"),
    Operation("MakeFunction", lambda flags: (1 + bin(flags & 0x0F).count("1"), 1),
              doc="function from a code constant; arg=flags (defaults, kwdefaults, ...)"),
    # modules
    Operation("ImportName", _fixed(2, 1), may_raise=True,
              doc="import a module; pops level and fromlist, arg=name"),
    Operation("ImportFrom", _fixed(0, 1), may_raise=True,
              doc="push TOS.name for `from m import name` (TOS stays)"),
    # calls
    Operation("KwNames", _fixed(0, 0), doc="keyword names for the next Call"),
    Operation("Call", lambda n: (n + 2, 1), may_raise=True,
              doc="call with n arguments; below them the callable and a NULL/self slot"),
    # iteration and control flow
    Operation("GetIter", _fixed(1, 1), may_raise=True, doc="iter(TOS)"),
    Operation("ForIter", _fixed(1, 2), may_raise=True, flow=ITER, jump_effect=_fixed(1, 0),
              doc="push next(TOS), or pop the iterator and jump when exhausted"),
    Operation("Jump", _fixed(0, 0), flow=JUMP, doc="unconditional jump"),
    Operation("PopJumpIf", _fixed(1, 0), may_raise=True, flow=COND, jump_effect=_fixed(1, 0),
              doc="pop TOS and jump if its truth (or None-ness) is arg"),
    Operation("JumpIfOrPop", _fixed(1, 0), may_raise=True, flow=COND, jump_effect=_fixed(1, 1),
              doc="jump keeping TOS if its truth is arg, else pop it"),
    Operation("ReturnValue", _fixed(1, 0), flow=RETURN, doc="return TOS"),
    Operation("RaiseVarargs", lambda n: (n, 0), may_raise=True, flow=RAISE,
              doc="raise with n in 0..2 operands (no bare re-raise yet)"),
    Operation("LoadAssertionError", _fixed(0, 1), doc="push AssertionError"),
    Operation("PrintExpr", _fixed(1, 0), may_raise=True,
              doc="interactive mode: sys.displayhook(TOS) (print its repr unless None)"),
    # exception handling: handlers come from the exception table, entered with the stack cut
    # to the entry's depth, then (lasti,) and the exception pushed
    Operation("PushExcInfo", _fixed(1, 2),
              doc="push the previously handled exception below TOS, which becomes handled"),
    Operation("PopExcept", _fixed(1, 0), doc="restore the handled exception popped from TOS"),
    Operation("CheckExcMatch", _fixed(2, 2), may_raise=True,
              doc="replace TOS (a class or tuple) by whether the exception TOS1 matches it"),
    Operation("Reraise", _fixed(1, 0), may_raise=True, flow=RAISE,
              doc="re-raise TOS with its traceback (arg: whether lasti is below it)"),
    Operation("BeforeWith", _fixed(1, 2), may_raise=True,
              doc="replace the context manager by its bound __exit__ and __enter__()"),
    Operation("WithExceptStart", _fixed(4, 5), may_raise=True,
              doc="push __exit__(type, exc, tb) for the exception TOS; __exit__ is 4th"),
    # structural pattern matching
    Operation("MatchMapping", _fixed(1, 2), doc="push whether TOS is a mapping"),
    Operation("MatchSequence", _fixed(1, 2), doc="push whether TOS is a sequence"),
    Operation("MatchKeys", _fixed(2, 3), may_raise=True,
              doc="push the values of the keys TOS in the mapping TOS1, or None"),
    Operation("MatchClass", _fixed(3, 1), may_raise=True,
              doc="replace subject, class, keyword names by the matched attributes or None; "
                  "arg=number of positional patterns"),
    Operation("GetLen", _fixed(1, 2), may_raise=True, doc="push len(TOS)"),
    # --- closures and classes ---
    Operation("MakeCell", _fixed(0, 0), doc="replace a local (cell or argument) by a new cell holding it"),
    Operation("CopyFreeVars", _fixed(0, 0), doc="load the function's closure cells into the free-variable slots"),
    Operation("LoadClosure", _fixed(0, 1), doc="push the cell object of a cell or free variable"),
    Operation("LoadDeref", _fixed(0, 1), may_raise=True,
              doc="push the contents of a cell (UnboundLocalError / NameError when empty)"),
    Operation("LoadClassDeref", _fixed(0, 1), may_raise=True,
              doc="class body: push a name from the namespace, else from the free variable's cell"),
    Operation("StoreDeref", _fixed(1, 0), doc="pop into a cell"),
    Operation("DeleteDeref", _fixed(0, 0), may_raise=True, doc="empty a cell (error if already empty)"),
    Operation("LoadBuildClass", _fixed(0, 1), may_raise=True, doc="push builtins.__build_class__"),
    Operation("SetupAnnotations", _fixed(0, 0), may_raise=True,
              doc="create __annotations__ in the locals namespace if missing"),
    # --- containers, calls and modules ---
    Operation("ListExtend", _fixed(1, 0), may_raise=True,
              doc="extend the list at depth i with the iterable TOS"),
    Operation("ListToTuple", _fixed(1, 1), doc="replace the list TOS by a tuple"),
    Operation("SetAdd", _fixed(1, 0), may_raise=True, doc="add TOS to the set at depth i"),
    Operation("SetUpdate", _fixed(1, 0), may_raise=True,
              doc="add the items of the iterable TOS to the set at depth i"),
    Operation("MapAdd", _fixed(2, 0), may_raise=True,
              doc="dict at depth i gets key TOS1 = value TOS"),
    Operation("DictUpdate", _fixed(1, 0), may_raise=True,
              doc="update the dict at depth i with the mapping TOS"),
    Operation("DictMerge", _fixed(1, 0), may_raise=True,
              doc="like DictUpdate, duplicate keys are an error naming the callee"),
    Operation("CallFunctionEx", lambda flags: (3 + (flags & 1), 1), may_raise=True,
              doc="call with an argument iterable and an optional kwargs dict; arg=flags"),
    Operation("UnpackEx", lambda a: (1, a[0] + 1 + a[1]), may_raise=True,
              doc="star-unpack; arg=(count before, count after) the starred list"),
    Operation("ImportStar", _fixed(1, 0), may_raise=True,
              doc="bind the public names of the module TOS in the namespace"),
    # --- generators ---
    Operation("ReturnGenerator", _fixed(0, 0), may_raise=True, flow=SUSPEND,
              doc="a generator's first instruction: the call returns the generator; the first "
                  "resume pushes the value sent (None), which dis books to neither"),
    Operation("YieldValue", _fixed(1, 1), may_raise=True, flow=SUSPEND,
              doc="yield TOS; on resume push the value sent (or raise the thrown exception)"),
    Operation("Send", _fixed(2, 2), may_raise=True, flow=COND, jump_effect=_fixed(2, 1),
              doc="send TOS into the receiver TOS1: push what it yields, or replace both by "
                  "its return value and jump"),
    Operation("GetYieldFromIter", _fixed(1, 1), may_raise=True,
              doc="iter(TOS) for `yield from` (a generator is its own iterator)"),
    # --- except* ---
    Operation("CheckEgMatch", _fixed(2, 2), may_raise=True,
              doc="split the exception TOS1 by the type TOS: (rest, match), or (exc, None)"),
    Operation("PrepReraiseStar", _fixed(2, 1), may_raise=True,
              doc="what an except* statement re-raises, from the original TOS1 and the list TOS"),
    # --- async ---
    Operation("GetAwaitable", _fixed(1, 1), may_raise=True,
              doc="replace TOS by its awaitable iterator (a coroutine, or __await__()); arg: 0 "
                  "await, 1 after __aenter__, 2 after __aexit__ (selects the error message)"),
    Operation("BeforeAsyncWith", _fixed(1, 2), may_raise=True,
              doc="replace the async context manager by its bound __aexit__ and __aenter__()"),
    Operation("GetAiter", _fixed(1, 1), may_raise=True, doc="replace TOS by TOS.__aiter__()"),
    Operation("GetAnext", _fixed(1, 2), may_raise=True,
              doc="push the awaitable of TOS.__anext__(), keeping the async iterator"),
    Operation("EndAsyncFor", _fixed(2, 0), may_raise=True,
              doc="`async for` handler: pop the exception TOS and the iterator; re-raise the "
                  "exception unless it is StopAsyncIteration"),
    Operation("AsyncGenWrap", _fixed(1, 1),
              doc="mark TOS as a value yielded by an async generator (not an await's)"),
    # --- 3.12+ (operations whose semantics no 3.11 operation has) ---
    Operation("LoadFastAndClear", _fixed(0, 1),
              doc="3.12: push a local, bound or not, and unbind it (inlined comprehensions)"),
    Operation("CallCallableFirst", lambda n: (n + 2, 1), may_raise=True,
              doc="3.13: call with n arguments; below them the callable, then a self/NULL slot"),
    Operation("CallKwCallableFirst", lambda n: (n + 3, 1), may_raise=True,
              doc="3.13: CallCallableFirst with the keyword names' tuple on top"),
    Operation("CallFunctionExCallableFirst", lambda flags: (3 + (flags & 1), 1), may_raise=True,
              doc="3.13: CallFunctionEx with the callable below the NULL"),
    Operation("LoadSuperAttr", lambda a: (3, 2 if a[1] else 1), may_raise=True,
              doc="3.12: super(TOS1, TOS).name with TOS2 the super callable; arg=(name, method, "
                  "NULL after the attribute (3.13) or before (3.12))"),
    Operation("LoadBuiltin", _fixed(0, 1), may_raise=True,
              doc="3.14 LOAD_COMMON_CONSTANT: push a builtin (looked up as a global); "
                  "arg=its name"),
    Operation("LoadSpecial", _fixed(1, 2), may_raise=True,
              doc="3.14: replace TOS by its special method (bound) and a NULL; arg=the name"),
    Operation("WithExceptStartCallableFirst", _fixed(5, 6), may_raise=True,
              doc="3.14 WITH_EXCEPT_START: call the bound __exit__ (below a NULL) with the "
                  "exception TOS"),
    Operation("DictMergeCallableFirst", _fixed(1, 0), may_raise=True,
              doc="3.13: DictMerge with the callee below the NULL (errors name it)"),
    Operation("SetFunctionAttribute", _fixed(2, 1),
              doc="3.13: set one MAKE_FUNCTION extra (defaults, closure, ...) on the new "
                  "function TOS from TOS1; arg=the flag"),
    Operation("LoadLocals", _fixed(0, 1),
              doc="3.12: push the code's locals namespace (a class body's dict)"),
    Operation("LoadFromDictOrDeref", _fixed(1, 1), may_raise=True,
              doc="3.12: replace the mapping TOS by its item `name`, else the cell's value"),
    Operation("LoadFromDictOrGlobals", _fixed(1, 1), may_raise=True,
              doc="3.12: replace the mapping TOS by its item `name`, else the global or "
                  "builtin"),
    Operation("CallIntrinsic", lambda a: (a[1], 1), may_raise=True,
              doc="3.12 PEP 695 intrinsics (type parameters, `type` aliases): replace the "
                  "top n values by the result; arg=(kind, n)"),
    Operation("BuildInterpolation", lambda a: (2 + a[1], 1), may_raise=True,
              doc="3.14 t-string: Interpolation(value, expression[, format spec]); "
                  "arg=(conversion, has spec)"),
    Operation("BuildTemplate", _fixed(2, 1), may_raise=True,
              doc="3.14 t-string: Template from the strings and interpolations tuples"),
    Operation("ForIterKeep", _fixed(1, 2), may_raise=True, flow=ITER, jump_effect=_fixed(1, 1),
              doc="3.14: push next(TOS), or jump keeping the iterator (POP_ITER pops it)"),
]

OPERATIONS: dict[str, Operation] = {op.name: op for op in _DECLS}
