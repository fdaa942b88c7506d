"""Builder handlers for container building, star-unpacking, call-site `*`/`**` and
`import *`."""
from __future__ import annotations

from .build import CO_OPTIMIZED, NULL, handles


def _update(kind: str):
    """LIST_EXTEND, SET_ADD, SET_UPDATE, DICT_UPDATE: the container stays at depth arg."""
    def handler(b, op):
        value = b.pop()
        b.emit(kind, [b.peek(op.arg), value])
    return handler


for _operation, _kind in (("ListExtend", "list_extend"), ("SetAdd", "set_add"),
                          ("SetUpdate", "set_update"), ("DictUpdate", "dict_update")):
    handles(_operation, emits=(_kind,))(_update(_kind))


@handles("ListToTuple", emits=("list_to_tuple",))
def _list_to_tuple(b, op):
    b.push(b.emit("list_to_tuple", [b.pop()]))


@handles("MapAdd", emits=("map_add",))
def _map_add(b, op):
    value, key = b.pop(), b.pop()
    b.emit("map_add", [b.peek(op.arg), key, value])


@handles("DictMerge", emits=("dict_merge",))
def _dict_merge(b, op):
    """`f(**a, **b)`: the callee (named in the errors) sits below the arguments tuple."""
    other = b.pop()
    func = b.peek(op.arg + 2, markers=True)
    if func is NULL:
        b.unsupported("DICT_MERGE without a callee below it")
    b.emit("dict_merge", [b.peek(op.arg), other, func])


@handles("CallFunctionEx", emits=("call_ex",))
def _call_function_ex(b, op):
    kwargs = [b.pop()] if op.arg & 1 else []
    args, func = b.pop(), b.pop()
    if b.pop_any() is not NULL:
        b.unsupported("CALL_FUNCTION_EX without a NULL below the callable")
    b.push(b.emit("call_ex", [func, args] + kwargs))


@handles("UnpackEx", emits=("unpack_ex", "tuple_item"))
def _unpack_ex(b, op):
    before, after = op.arg
    items = b.emit("unpack_ex", [b.pop()], before=before, after=after)
    for index in reversed(range(before + 1 + after)):
        b.push(b.emit("tuple_item", [items], index=index))


@handles("ImportStar", emits=("import_star",))
def _import_star(b, op):
    if b.code.co_flags & CO_OPTIMIZED:
        b.unsupported("'import *' in a function")
    b.emit("import_star", [b.pop()])
