"""Builder handlers of the operations that 3.12–3.14 bytecode introduced with semantics no
3.11 operation has (see opcode_matrix/operations.py); everything else those versions emit is
decoded onto the 3.11 operations."""
from __future__ import annotations

from .build import NULL, _call, handles
from .verify import InvalidBytecode

# defaults, kwdefaults, annotations, closure, annotate (3.14: the `__annotate__` function)
FUNCTION_ATTRIBUTE_FLAGS = (0x01, 0x02, 0x04, 0x08, 0x10)


@handles("LoadFastAndClear", emits=("unbound",))
def _load_fast_and_clear(b, op):
    index = b.code.co_varnames.index(op.arg)
    b.comprehension_slots.add(index)
    b.push(b.locals[index])
    b.locals[index] = b.emit("unbound", [])


def _callable_first_to_3_11(b, nargs: int) -> None:
    """Reorders [callable, self|NULL, args] into 3.11's [NULL|method, callable|self, args]."""
    args = b.popn(nargs)
    self_slot = b.pop_any()
    callable_ = b.pop()
    if self_slot is NULL:
        b.push(NULL)
        b.push(callable_)
    else:
        b.push(callable_)
        b.push(self_slot)
    for a in args:
        b.push(a)


@handles("CallCallableFirst", emits=("call", "call_super"))
def _call_callable_first(b, op):
    _callable_first_to_3_11(b, op.arg)
    _call(b, op)


@handles("CallKwCallableFirst", emits=("call", "call_super"))
def _call_kw_callable_first(b, op):
    names = b.pop()
    producer = next((i for i in b.block.insts if i.result is names and i.op == "const"), None)
    if producer is None:
        b.unsupported("keyword names that are not a constant tuple")
    _callable_first_to_3_11(b, op.arg)
    b.kwnames = producer.attrs["value"]
    _call(b, op)


@handles("DictMergeCallableFirst", emits=("dict_merge",))
def _dict_merge_callable_first(b, op):
    other = b.pop()
    func = b.peek(op.arg + 3, markers=True)
    if func is NULL:
        b.unsupported("DICT_MERGE without a callee below it")
    b.emit("dict_merge", [b.peek(op.arg), other, func])


@handles("CallFunctionExCallableFirst", emits=("call_ex",))
def _call_function_ex_callable_first(b, op):
    kw = b.pop_any() if op.arg & 1 else NULL     # 3.14: always a slot, NULL for none
    kwargs = [] if kw is NULL else [kw]
    args = b.pop()
    if b.pop_any() is not NULL:
        b.unsupported("CALL_FUNCTION_EX without a NULL above the callable")
    func = b.pop()
    b.push(b.emit("call_ex", [func, args] + kwargs))


@handles("SetFunctionAttribute", emits=("make_function",))
def _set_function_attribute(b, op):
    func, value = b.pop(), b.pop()
    inst = next((i for i in b.block.insts if i.result is func and i.op == "make_function"), None)
    if inst is None or op.arg not in FUNCTION_ATTRIBUTE_FLAGS or inst.attrs["flags"] & op.arg:
        raise InvalidBytecode("invalid bytecode: SET_FUNCTION_ATTRIBUTE of a value that is not "
                              "a function made in the same block", b.location())
    extras = dict(zip([f for f in FUNCTION_ATTRIBUTE_FLAGS if inst.attrs["flags"] & f],
                      inst.args[1:]))
    extras[op.arg] = value
    inst.attrs["flags"] |= op.arg
    inst.args[1:] = [extras[f] for f in sorted(extras)]
    b.push(func)


@handles("LoadLocals", emits=("load_locals",))
def _load_locals(b, op):
    b.push(b.emit("load_locals", []))


@handles("LoadFromDictOrDeref", emits=("load_classderef",))
def _load_from_dict_or_deref(b, op):
    mapping = b.pop()
    b.push(b.emit("load_classderef", [b.locals[b.cell_slot_of[op.arg]], mapping], name=op.arg))


@handles("LoadFromDictOrGlobals", emits=("load_from_dict_or_globals",))
def _load_from_dict_or_globals(b, op):
    b.push(b.emit("load_from_dict_or_globals", [b.pop()], name=op.arg))


@handles("CallIntrinsic", emits=("call_intrinsic",))
def _call_intrinsic(b, op):
    kind, n = op.arg
    b.push(b.emit("call_intrinsic", b.popn(n), kind=kind))


@handles("BuildInterpolation", emits=("build_interpolation",))
def _build_interpolation(b, op):
    conversion, has_spec = op.arg
    b.push(b.emit("build_interpolation", b.popn(3 if has_spec else 2), conversion=conversion))


@handles("BuildTemplate", emits=("build_template",))
def _build_template(b, op):
    interpolations = b.pop()
    b.push(b.emit("build_template", [b.pop(), interpolations]))


@handles("ForIterKeep", emits=("for_iter",))
def _for_iter_keep(b, op):
    iterator = b.peek(1)
    body = b.edge(op.next_offset, b.stack + [iterator], implicit_last=True)
    done = b.edge(op.target, b.stack)
    b.terminate("for_iter", [iterator], [body, done])


@handles("LoadSuperAttr", emits=("call", "getattr"))
def _load_super_attr(b, op):
    """`super().name` / `super(C, x).name` in one instruction: the class and the instance are
    on the stack (for zero-argument super, loaded from `__class__` and the first argument)."""
    name, method, null_after = op.arg
    instance, cls, super_ = b.pop(), b.pop(), b.pop()
    bound = b.emit("call", [super_, cls, instance], kwnames=None)
    attr = b.emit("getattr", [bound], name=name)
    if method and not null_after:
        b.push(NULL)
    b.push(attr)
    if method and null_after:
        b.push(NULL)


@handles("LoadBuiltin", emits=("load_global",))
def _load_builtin(b, op):
    """Looked up as a global (the runtime has no importable `builtins` module): exact unless
    the module has a global of that name, where 3.14's `all(genexpr)` inlining would test the
    global against itself and CPython's against the builtin."""
    b.push(b.emit("load_global", [], name=op.arg))


@handles("LoadSpecial", emits=("load_special",))
def _load_special(b, op):
    b.push(b.emit("load_special", [b.pop()], name=op.arg))
    b.push(NULL)


@handles("WithExceptStartCallableFirst", emits=("with_except_start",))
def _with_except_start_callable_first(b, op):
    if b.peek(4, markers=True) is not NULL:
        b.unsupported("WITH_EXCEPT_START with a self slot")
    b.push(b.emit("with_except_start", [b.peek(5), b.peek(1)]))
