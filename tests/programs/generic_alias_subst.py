# Substituting type variables of types.GenericAlias and types.UnionType (list[T][int]).
import typing
from typing import TypeVar

T = TypeVar("T")
K = TypeVar("K")
P = typing.ParamSpec("P")


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


attempt("list[T][int]", lambda: list[T][int])
attempt("dict[K, T][str, bytes]", lambda: dict[K, T][str, bytes])
attempt("dict[K, list[T]][str, int]", lambda: dict[K, list[T]][str, int])
attempt("nested params", lambda: dict[K, list[T]].__parameters__)
attempt("tuple[T, ...][float]", lambda: tuple[T, ...][float])
attempt("union sub", lambda: (list[T] | None)[int])
attempt("union params", lambda: (list[T] | dict[K, T]).__parameters__)
attempt("too many", lambda: list[T][int, str])
attempt("too few", lambda: dict[K, T][int])
attempt("not generic", lambda: list[int][str])
attempt("same twice", lambda: dict[T, T][int])
attempt("typing alias arg", lambda: list[typing.List[T]][int])
attempt("result type", lambda: type(list[T][int]).__name__)
attempt("equal", lambda: list[T][int] == list[int])
