"""The TIR type lattice: Python-level types, separate from machine representations.

`object` is the top, `bottom` the bottom (no value yet). A value's *type* says what Python
object it is; its *repr* (boxed, i64, f64, i1) says how the machine holds it. An `int` is held
as i64 only in code where that was proven or guarded.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Type:
    name: str

    def __str__(self) -> str:
        return self.name


OBJECT = Type("object")
BOTTOM = Type("bottom")
NONE = Type("None")
BOOL = Type("bool")
INT = Type("int")
FLOAT = Type("float")
STR = Type("str")
BYTES = Type("bytes")
TUPLE = Type("tuple")
LIST = Type("list")
DICT = Type("dict")
SET = Type("set")
RANGE = Type("range")
RANGE_ITER = Type("range_iterator")
LIST_ITER = Type("list_iterator")
FUNCTION = Type("function")

ALL = {t.name: t for t in (OBJECT, BOTTOM, NONE, BOOL, INT, FLOAT, STR, BYTES, TUPLE, LIST,
                           DICT, SET, RANGE, RANGE_ITER, LIST_ITER, FUNCTION)}
NUMERIC = (BOOL, INT, FLOAT)

# machine representations
BOXED = "boxed"
I64 = "i64"
F64 = "f64"
I1 = "i1"
RANGE_STATE = "rangeptr"   # an unboxed range iterator (start/stop/step held by the backend)
BORROWED = "borrowed"      # a list the numeric core reads and writes through the runtime
LIST_STATE = "listiterptr" # an unboxed list iterator (list, index)
REPRS = (BOXED, I64, F64, I1, RANGE_STATE, BORROWED, LIST_STATE)
UNBOXED_REPR = {INT: I64, FLOAT: F64, BOOL: I1, RANGE_ITER: RANGE_STATE, LIST: BORROWED,
                LIST_ITER: LIST_STATE}


def parse_type(text: str) -> Type:
    return ALL[text]


def join(a: Type, b: Type) -> Type:
    """Least upper bound: equal types stay, bottom is neutral, anything else is object."""
    if a == b or b == BOTTOM:
        return a
    if a == BOTTOM:
        return b
    return OBJECT


def type_of_constant(value) -> Type:
    if value is None:
        return NONE
    if isinstance(value, bool):
        return BOOL
    for py, t in ((int, INT), (float, FLOAT), (str, STR), (bytes, BYTES), (tuple, TUPLE)):
        if isinstance(value, py):
            return t
    return OBJECT
