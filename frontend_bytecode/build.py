"""Builds TIR from decoded operations by simulating the value stack per block.

Every bytecode block becomes a TIR block whose parameters are all the locals followed by the
values on the stack at its entry (maximal SSA; `simplify` removes the redundant ones). NULL
stack markers (below callables) and the `lasti` slots of exception handlers are tracked in the
block's stack shape, not passed as values. An instruction that may raise inside a range of the
exception table gets an unwind edge to the handler: the stack cut to the entry's depth, then
`lasti` if the entry says so, then the exception (produced by the edge).
Each operation has one handler here, registered with the TIR instructions it emits so that the
opcode matrix can derive what each stage supports. Assumes 3.11 stack conventions.
"""
from __future__ import annotations

import types
from dataclasses import dataclass
from typing import Callable

from ..diagnostics import UnsupportedOpcode
from ..tir import types as T
from ..tir.ir import BlockCall, Function, Inst, Loc, Module, Value
from ..tir.ops import OPS
from .code_record import is_code
from .decode import HandlerRange, Op, decode, exception_handlers, location
from .flow import split_blocks
from .verify import InvalidBytecode, verify_code

NULL = object()       # the NULL marker pushed below a callable
LASTI = object()      # the saved instruction offset below an exception (never read here)
MARKERS = {"n": NULL, "l": LASTI}
SHAPE_OF = {id(NULL): "n", id(LASTI): "l"}
CO_VARARGS, CO_VARKEYWORDS = 0x4, 0x8
CO_NEWLOCALS = 0x2
CO_OPTIMIZED = 0x1
PRODUCED = object()   # a stack slot its edge produces: next item, sent value, exception
MAKE_FUNCTION_CLOSURE = 0x08

BINARY_OPS = {"+": "add", "-": "sub", "*": "mul", "/": "truediv", "//": "floordiv",
              "%": "mod", "**": "pow", "<<": "lshift", ">>": "rshift", "&": "and",
              "|": "or", "^": "xor", "@": "matmul"}
UNARY_OPS = {"-": "neg", "+": "pos", "~": "invert", "not": "not"}


@dataclass(frozen=True)
class Handler:
    fn: Callable
    emits: tuple[str, ...]


HANDLERS: dict[str, Handler] = {}


def handles(operation: str, emits: tuple[str, ...] = ()):
    """Registers the builder's handler for a version-neutral operation."""
    def register(fn):
        HANDLERS[operation] = Handler(fn, emits)
        return fn
    return register


def build_module(code: types.CodeType, version: str, first_id: int = 0) -> Module:
    """TIR for a module's code and every code object nested in it. Function ids start at
    `first_id` (the module code's), so that modules of one program can share a namespace."""
    verify_code(code, version)
    module = Module(filename=code.co_filename, python=version, entry=first_id)
    FunctionBuilder(module, code, version).build()
    module.functions.sort(key=lambda f: f.id)
    return module


def build_code_object(code: types.CodeType, version: str) -> Module:
    """A module holding `code` alone: nested code constants become opaque stub functions
    (see `opaque_stub`) instead of being built, so that a sweep can judge every code object
    on its own; `Function.meta["opaque"]` marks the stubs."""
    verify_code(code, version, nested=False)
    module = Module(filename=code.co_filename, python=version)
    FunctionBuilder(module, code, version, descend=False).build()
    module.functions.sort(key=lambda f: f.id)
    return module


def opaque_stub(module: Module, code: types.CodeType) -> Function:
    """A stand-in for a nested code object that is not built: takes the code's parameters
    and returns None."""
    fn = Function(id=module.entry + len(module.functions), meta={**code_meta(code), "opaque": True})
    module.functions.append(fn)
    entry = fn.new_block()
    entry.params = [fn.new_value() for _ in range(param_count(code))]
    none = fn.new_value(T.type_of_constant(None))
    entry.insts = [Inst("const", [], {"value": None}, none),
                   Inst("return", [none], {}, None)]
    return fn


def code_meta(code: types.CodeType) -> dict:
    meta = {
        "name": code.co_name, "qualname": code.co_qualname, "filename": code.co_filename,
        "firstlineno": code.co_firstlineno, "argcount": code.co_argcount,
        "posonlyargcount": code.co_posonlyargcount, "kwonlyargcount": code.co_kwonlyargcount,
        "flags": code.co_flags, "varnames": tuple(code.co_varnames),
    }
    # a function's docstring is its first constant (3.11 puts None there when it has none)
    if code.co_flags & CO_NEWLOCALS and code.co_consts and isinstance(code.co_consts[0], str):
        meta["doc"] = code.co_consts[0]
    return meta


def param_count(code: types.CodeType) -> int:
    return (code.co_argcount + code.co_kwonlyargcount
            + bool(code.co_flags & CO_VARARGS) + bool(code.co_flags & CO_VARKEYWORDS))


def localsplus(code: types.CodeType) -> list[str]:
    """The frame's local slots in 3.11 order: co_varnames, the cell variables that are not
    arguments, then the free variables. `self.locals` holds one SSA value per slot; a cell or
    free slot holds its cell object once MAKE_CELL / COPY_FREE_VARS has run."""
    cells = [c for c in code.co_cellvars if c not in code.co_varnames]
    return list(code.co_varnames) + cells + list(code.co_freevars)


class FunctionBuilder:
    def __init__(self, module: Module, code: types.CodeType, version: str, descend: bool = True):
        self.module, self.code, self.version = module, code, version
        self.descend = descend  # build nested code objects too (else: opaque stubs)
        self.fn = Function(id=module.entry + len(module.functions), meta=code_meta(code))
        module.functions.append(self.fn)
        self.blocks = {}        # bytecode offset → (TIR block, stack shape)
        self.worklist: list[int] = []
        self.op: Op | None = None
        self.kwnames = None
        self.handler_at: dict[int, HandlerRange] = {}   # op offset → its exception handler
        self.slots = localsplus(code)
        self.slot_of = {name: i for i, name in reversed(list(enumerate(self.slots)))}
        # cell and free variables come after the plain locals: a name that is both (3.12+:
        # an inlined comprehension's hidden local in a class body that also has it free)
        # means the cell or free slot for the closure operations
        self.cell_slot_of = {name: i for i, name in enumerate(self.slots)}
        self.previous: dict[int, Op] = {}   # offset → the operation before it
        self.unbound_ids: set[int] = set()
        # local slots an inlined comprehension (3.12+, PEP 709) saved and cleared with
        # LOAD_FAST_AND_CLEAR: their rebinding releases are kept (see `release`)
        self.comprehension_slots: set[int] = set()

    # ------------------------------------------------------------ driving
    def build(self) -> Function:
        ops = decode(self.code, self.version)
        self.handler_at = _handlers_by_offset(ops, exception_handlers(self.code))
        bytecode_blocks = split_blocks(ops, [h.target for h in self.handler_at.values()])
        self.previous = {op.offset: prev for prev, op in zip(ops, ops[1:])}
        self._build_entry()
        while self.worklist:
            offset = self.worklist.pop()
            self._build_block(bytecode_blocks[offset])
        return self.fn

    def _build_entry(self) -> None:
        entry = self.fn.new_block()
        nparams = param_count(self.code)
        entry.params = [self.fn.new_value() for _ in range(nparams)]
        self.block = entry
        self.locals = list(entry.params)
        for _ in range(len(self.slots) - nparams):
            self.locals.append(self.unbound())
        self.stack = []
        self.terminate("jump", [], [self.edge(0)])

    def _build_block(self, bblock) -> None:
        self.block, shape = self.blocks[bblock.start]
        params = iter(self.block.params)
        self.locals = [next(params) for _ in self.slots]
        self.stack = [MARKERS[kind] if kind in MARKERS else next(params) for kind in shape]
        self.terminated = False
        for op in bblock.ops:
            self.op = op
            HANDLERS[op.name].fn(self, op)
        if not self.terminated:
            self.terminate("jump", [], [self.edge(bblock.fallthrough())])

    # ------------------------------------------------------------ emitting
    def location(self, op: Op | None = None):
        op = op or self.op
        return location(self.code, self.version, op.offset, op.opname, op.line, op.col)

    def unsupported(self, what: str):
        raise UnsupportedOpcode(f"opcode {self.op.opname}: {what} is not supported yet",
                                self.location())

    def emit(self, opname: str, args: list[Value], **attrs) -> Value | None:
        spec = OPS[opname]
        result = None
        if spec.result:
            ty = T.type_of_constant(attrs["value"]) if opname == "const" else spec.result_type
            result = self.fn.new_value(ty)
        loc = Loc(self.op.offset, self.op.line) if self.op is not None else None
        unwind = self.unwind_edge() if spec.may_raise else None
        self.block.insts.append(Inst(opname, list(args), attrs, result, loc, unwind=unwind))
        return result

    def terminate(self, opname: str, args: list[Value], targets: list[BlockCall]) -> None:
        loc = Loc(self.op.offset, self.op.line) if self.op is not None else None
        unwind = self.unwind_edge() if OPS[opname].may_raise else None
        self.block.insts.append(Inst(opname, list(args), {}, None, loc, targets, unwind))
        self.terminated = True

    def unwind_edge(self) -> BlockCall | None:
        """The edge to the current operation's exception handler, if it is covered."""
        handler = self.handler_at.get(self.op.offset) if self.op is not None else None
        if handler is None:
            return None
        stack = self.stack[:handler.depth] + [LASTI] * handler.lasti + [PRODUCED]
        return self.edge(handler.target, stack, implicit_last=True)

    def edge(self, offset: int, stack: list | None = None, implicit_last: bool = False) -> BlockCall:
        """A branch to the block at `offset` carrying the current locals and `stack`.
        With `implicit_last`, the top of the stack is produced by the terminator itself."""
        stack = self.stack if stack is None else stack
        shape = tuple(SHAPE_OF.get(id(s), "v") for s in stack)
        if offset not in self.blocks:
            block = self.fn.new_block()
            block.params = [self.fn.new_value() for _ in self.locals]
            for p in block.params:
                p.named = True   # a local's value: alive until rebound or the frame ends
            block.params += [self.fn.new_value() for s in stack if id(s) not in SHAPE_OF]
            self.blocks[offset] = (block, shape)
            self.worklist.append(offset)
        block, known = self.blocks[offset]
        if known != shape:
            raise UnsupportedOpcode("inconsistent stack shape at a join point", self.location())
        values = [s for s in stack if id(s) not in SHAPE_OF]
        if implicit_last:
            values = values[:-1]
        return BlockCall(block, list(self.locals) + values, int(implicit_last))

    def pop(self) -> Value:
        self.peek(1)
        return self.stack.pop()

    def unbound(self) -> Value:
        """The value of an unbound local slot (nothing to release when it is rebound)."""
        v = self.emit("unbound", [])
        self.unbound_ids.add(v.id)
        return v

    def release(self, value, held: bool = False) -> None:
        """`value` lost a reference (popped unused, or a local rebound or deleted): mark the
        spot, so the printed code releases it there when no other stack slot or local holds
        it (CPython runs a finaliser at that statement, not at the end of the block).
        `held`: the slot's value must be carried to this release even when nothing else
        reads it (an inlined comprehension's variable: its last item goes when the
        comprehension ends and restores the slot, not when the function returns)."""
        if not isinstance(value, Value) or value.id in self.unbound_ids:
            return
        if any(s is value for s in self.stack):
            return
        if any(v is value for v in self.locals):
            return
        if held:
            self.emit("discard", [value], held=True)
        else:
            self.emit("discard", [value])

    def release_frame(self) -> None:
        """The frame is cleared on return: its locals are released in slot order, as CPython
        3.11-3.13 clear them (a value held by several slots goes with the last of them);
        3.14 clears from the top of the frame down (`_PyFrame_ClearLocals`), so in the
        reverse order (a value held by several slots goes with the first)."""
        order = list(enumerate(self.locals))
        if tuple(int(x) for x in str(self.version).split(".")[:2]) >= (3, 14):
            order.reverse()
        for n, (i, value) in enumerate(order):
            if not isinstance(value, Value) or value.id in self.unbound_ids:
                continue
            if any(value is other for _, other in order[n + 1:]) or any(s is value for s in self.stack):
                continue
            self.emit("discard", [value])

    def pop_any(self):
        """The top of the stack, which may be a marker (the NULL below a callable)."""
        self.peek(1, markers=True)
        return self.stack.pop()

    def peek(self, n: int, markers: bool = False):
        """The n-th value from the top (1 = the top). The verifier checks net stack effects,
        not each operation's pops, so a malformed function can still reach past the stack."""
        if not 1 <= n <= len(self.stack):
            raise InvalidBytecode(f"invalid bytecode: an instruction reads stack slot {n} of "
                                  f"{len(self.stack)}", self.location())
        v = self.stack[-n]
        if not markers and id(v) in SHAPE_OF:
            raise UnsupportedOpcode("a stack marker (NULL, lasti) used as a value", self.location())
        return v

    def popn(self, n: int) -> list[Value]:
        values = [self.pop() for _ in range(n)]
        return values[::-1]

    def push(self, v) -> None:
        self.stack.append(v)

    def const(self, value) -> Value:
        if is_code(value):
            if self.descend:
                fid = FunctionBuilder(self.module, value, self.version).build().id
            else:
                fid = opaque_stub(self.module, value).id
            return self.emit("code_ref", [], function=fid)
        if isinstance(value, slice):    # 3.14 marshals constant slices (`a[1:]`)
            parts = [self.emit("const", [], value=v) for v in (value.start, value.stop, value.step)]
            return self.emit("build_slice", parts)
        return self.emit("const", [], value=value)


# ---------------------------------------------------------------- handlers

@handles("Nop")
def _nop(b: FunctionBuilder, op: Op):
    pass


@handles("PopTop", emits=("discard",))
def _pop_top(b, op):
    b.release(b.pop_any())


@handles("PushNull")
def _push_null(b, op):
    b.push(NULL)


@handles("Copy")
def _copy(b, op):
    b.push(b.peek(op.arg, markers=True))


@handles("Swap")
def _swap(b, op):
    b.peek(op.arg, markers=True)
    b.stack[-1], b.stack[-op.arg] = b.stack[-op.arg], b.stack[-1]


@handles("LoadConst", emits=("const", "code_ref", "build_slice"))
def _load_const(b, op):
    b.push(b.const(op.arg))


@handles("LoadFast", emits=("check_bound",))
def _load_fast(b, op):
    index = b.code.co_varnames.index(op.arg)
    b.push(b.emit("check_bound", [b.locals[index]], name=op.arg))


@handles("StoreFast", emits=("discard",))
def _store_fast(b, op):
    index = b.code.co_varnames.index(op.arg)
    old, b.locals[index] = b.locals[index], b.pop()
    if isinstance(b.locals[index], Value):
        b.locals[index].named = True   # alive until rebound or the frame ends, used or not
    b.release(old, held=index in b.comprehension_slots)


@handles("DeleteFast", emits=("check_bound", "unbound", "discard"))
def _delete_fast(b, op):
    index = b.code.co_varnames.index(op.arg)
    old = b.locals[index]
    b.emit("check_bound", [old], name=op.arg)
    b.locals[index] = b.unbound()
    b.release(old)


@handles("LoadGlobal", emits=("load_global",))
def _load_global(b, op):
    name, push_null = op.arg
    if push_null:
        b.push(NULL)
    b.push(b.emit("load_global", [], name=name))


@handles("StoreGlobal", emits=("store_global",))
def _store_global(b, op):
    b.emit("store_global", [b.pop()], name=op.arg)


@handles("DeleteGlobal", emits=("delete_global",))
def _delete_global(b, op):
    b.emit("delete_global", [], name=op.arg)


@handles("LoadName", emits=("load_name",))
def _load_name(b, op):
    b.push(b.emit("load_name", [], name=op.arg))


@handles("StoreName", emits=("store_name",))
def _store_name(b, op):
    b.emit("store_name", [b.pop()], name=op.arg)


@handles("DeleteName", emits=("delete_name",))
def _delete_name(b, op):
    b.emit("delete_name", [], name=op.arg)


@handles("LoadAttr", emits=("getattr",))
def _load_attr(b, op):
    b.push(b.emit("getattr", [b.pop()], name=op.arg))


@handles("LoadMethod", emits=("getattr",))
def _load_method(b, op):
    attr = b.emit("getattr", [b.pop()], name=op.arg)
    b.push(NULL)
    b.push(attr)


@handles("StoreAttr", emits=("setattr",))
def _store_attr(b, op):
    obj, value = b.pop(), b.pop()
    b.emit("setattr", [obj, value], name=op.arg)


@handles("DeleteAttr", emits=("delattr",))
def _delete_attr(b, op):
    b.emit("delattr", [b.pop()], name=op.arg)


@handles("BinaryOp", emits=("binop", "inplace"))
def _binary_op(b, op):
    rhs, lhs = b.pop(), b.pop()
    symbol = op.arg
    kind = "inplace" if symbol.endswith("=") else "binop"
    b.push(b.emit(kind, [lhs, rhs], op=BINARY_OPS[symbol.rstrip("=")]))


@handles("UnaryOp", emits=("unop",))
def _unary_op(b, op):
    b.push(b.emit("unop", [b.pop()], op=UNARY_OPS[op.arg]))


@handles("CompareOp", emits=("compare",))
def _compare_op(b, op):
    rhs, lhs = b.pop(), b.pop()
    b.push(b.emit("compare", [lhs, rhs], op=op.arg))


@handles("IsOp", emits=("is",))
def _is_op(b, op):
    rhs, lhs = b.pop(), b.pop()
    b.push(b.emit("is", [lhs, rhs], negate=bool(op.arg)))


@handles("ContainsOp", emits=("contains",))
def _contains_op(b, op):
    container, item = b.pop(), b.pop()
    b.push(b.emit("contains", [container, item], negate=bool(op.arg)))


@handles("BinarySubscr", emits=("getitem",))
def _binary_subscr(b, op):
    key, obj = b.pop(), b.pop()
    b.push(b.emit("getitem", [obj, key]))


@handles("StoreSubscr", emits=("setitem",))
def _store_subscr(b, op):
    key, obj, value = b.pop(), b.pop(), b.pop()
    b.emit("setitem", [obj, key, value])


@handles("DeleteSubscr", emits=("delitem",))
def _delete_subscr(b, op):
    key, obj = b.pop(), b.pop()
    b.emit("delitem", [obj, key])


def _build(kind: str):
    def handler(b, op):
        b.push(b.emit(kind, b.popn(op.arg)))
    return handler


for _operation, _kind in (("BuildTuple", "build_tuple"), ("BuildList", "build_list"),
                          ("BuildSet", "build_set"), ("BuildSlice", "build_slice"),
                          ("BuildString", "build_string")):
    handles(_operation, emits=(_kind,))(_build(_kind))


@handles("BuildMap", emits=("build_map",))
def _build_map(b, op):
    b.push(b.emit("build_map", b.popn(2 * op.arg)))


@handles("BuildConstKeyMap", emits=("const", "build_map"))
def _build_const_key_map(b, op):
    keys_value = b.pop()
    keys = _constant_of(b, keys_value)
    values = b.popn(op.arg)
    args = []
    for key, value in zip(keys, values):
        args += [b.const(key), value]
    b.push(b.emit("build_map", args))


def _constant_of(b, value: Value):
    for inst in b.block.insts:
        if inst.result is value and inst.op == "const":
            return inst.attrs["value"]
    b.unsupported("a non-constant key tuple")


@handles("FormatValue", emits=("format_value",))
def _format_value(b, op):
    conversion, has_spec = op.arg
    args = b.popn(2 if has_spec else 1)
    b.push(b.emit("format_value", args, conversion=conversion))


@handles("ListAppend", emits=("list_append",))
def _list_append(b, op):
    value = b.pop()
    b.emit("list_append", [b.peek(op.arg), value])


@handles("UnpackSequence", emits=("unpack", "tuple_item"))
def _unpack_sequence(b, op):
    items = b.emit("unpack", [b.pop()], count=op.arg)
    for index in reversed(range(op.arg)):
        b.push(b.emit("tuple_item", [items], index=index))


@handles("MakeFunction", emits=("make_function",))
def _make_function(b, op):
    flags = op.arg
    code_ref = b.pop()
    extras = b.popn(bin(flags & 0x0F).count("1"))
    fid = next((i.attrs["function"] for i in b.block.insts if i.result is code_ref
                and "function" in i.attrs), None)
    if fid is None:
        raise InvalidBytecode("invalid bytecode: MAKE_FUNCTION of a value that is not a code "
                              "constant loaded in the same block", b.location())
    b.push(b.emit("make_function", [code_ref] + extras, function=fid, flags=flags))


@handles("ImportName", emits=("import_name",))
def _import_name(b, op):
    fromlist, level = b.pop(), b.pop()
    b.push(b.emit("import_name", [level, fromlist], name=op.arg))


@handles("ImportFrom", emits=("import_from",))
def _import_from(b, op):
    b.push(b.emit("import_from", [b.peek(1)], name=op.arg))


@handles("KwNames")
def _kw_names(b, op):
    b.kwnames = op.arg


@handles("Call", emits=("call", "call_super"))
def _call(b, op):
    args = b.popn(op.arg)
    callable_ = b.pop()
    self_slot = b.pop_any()
    if self_slot is not NULL:
        args, callable_ = [callable_] + args, self_slot
    kwnames, b.kwnames = b.kwnames, None
    if not args and _zero_argument_super(b, callable_):
        first_is_cell = b.code.co_varnames[0] in b.code.co_cellvars
        cell = b.locals[b.slot_of["__class__"]]
        b.push(b.emit("call_super", [callable_, cell, b.locals[0]], first_is_cell=first_is_cell))
        return
    b.push(b.emit("call", [callable_] + args, kwnames=kwnames))


def _zero_argument_super(b, callable_: Value) -> bool:
    """`super()` in a method: CPython finds `__class__` and the first argument in the
    frame; here the call passes them (the callable is checked to be super at run time)."""
    if b.code.co_argcount == 0 or "__class__" not in b.code.co_freevars:
        return False
    producer = next((i for i in b.block.insts if i.result is callable_), None)
    return producer is not None and producer.op == "load_global" \
        and producer.attrs["name"] == "super"


@handles("GetIter", emits=("get_iter",))
def _get_iter(b, op):
    b.push(b.emit("get_iter", [b.pop()]))


@handles("ForIter", emits=("for_iter",))
def _for_iter(b, op):
    iterator = b.peek(1)
    body = b.edge(op.next_offset, b.stack + [iterator], implicit_last=True)
    done = b.edge(op.target, b.stack[:-1])
    b.terminate("for_iter", [iterator], [body, done])


@handles("Jump", emits=("jump",))
def _jump(b, op):
    b.terminate("jump", [], [b.edge(op.target)])


@handles("PopJumpIf", emits=("truth", "is_none", "brif"))
def _pop_jump_if(b, op):
    value = b.pop()
    test = b.emit("is_none" if op.arg in ("none", "not_none") else "truth", [value])
    taken, fallthrough = b.edge(op.target), b.edge(op.next_offset)
    if op.arg in ("true", "none"):
        b.terminate("brif", [test], [taken, fallthrough])
    else:
        b.terminate("brif", [test], [fallthrough, taken])


@handles("JumpIfOrPop", emits=("truth", "brif"))
def _jump_if_or_pop(b, op):
    value = b.peek(1)
    test = b.emit("truth", [value])
    taken, fallthrough = b.edge(op.target), b.edge(op.next_offset, b.stack[:-1])
    if op.arg:
        b.terminate("brif", [test], [taken, fallthrough])
    else:
        b.terminate("brif", [test], [fallthrough, taken])


@handles("ReturnValue", emits=("return", "discard"))
def _return_value(b, op):
    value = b.pop()
    b.release_frame()
    b.terminate("return", [value], [])


@handles("RaiseVarargs", emits=("raise", "raise_from", "reraise_current"))
def _raise_varargs(b, op):
    if op.arg == 0:
        b.terminate("reraise_current", [], [])
    elif op.arg == 1:
        b.terminate("raise", [b.pop()], [])
    else:
        cause = b.pop()
        b.terminate("raise_from", [b.pop(), cause], [])


@handles("PrintExpr", emits=("print_expr",))
def _print_expr(b, op):
    b.emit("print_expr", [b.pop()])


@handles("LoadAssertionError", emits=("load_assertion_error",))
def _load_assertion_error(b, op):
    b.push(b.emit("load_assertion_error", []))


def _handlers_by_offset(ops: list[Op], handlers: list[HandlerRange]) -> dict[int, HandlerRange]:
    table = {}
    for op in ops:
        for h in handlers:
            if h.start <= op.offset < h.end:
                table[op.offset] = h
                break
    return table


# the other handler families register themselves on import
from . import (handlers_closures, handlers_containers, handlers_exceptions,  # noqa: E402,F401
               handlers_generators, handlers_matching, handlers_v312plus)
