# typing's C half (_typing, 3.12+): TypeVar, ParamSpec, TypeVarTuple, TypeAliasType, Generic,
# NoDefault, and the PEP 695 syntax that makes them (lazily evaluated bounds and values).
import typing
from typing import Generic, ParamSpec, TypeAliasType, TypeVar, TypeVarTuple


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


T = TypeVar("T")
B = TypeVar("B", bound=int, covariant=True)
C = TypeVar("C", int, str, contravariant=True)
I = TypeVar("I", infer_variance=True)
P = ParamSpec("P")
Ts = TypeVarTuple("Ts")
print(T, B, C, I, P, Ts, type(T), type(P), type(Ts))
print(T.__name__, T.__module__, B.__bound__, C.__constraints__, T.__bound__, T.__constraints__)
print(B.__covariant__, C.__contravariant__, I.__infer_variance__, T.__covariant__)
print(P.args, P.kwargs, P.args.__origin__ is P, P.args == P.args, P.args == P.kwargs, type(P.args))
print([*Ts], T.__reduce__(), P.__reduce__(), Ts.__reduce__())
print(hasattr(T, "has_default"), getattr(T, "__default__", "no __default__"))
attempt("bivariant", lambda: TypeVar("X", covariant=True, contravariant=True))
attempt("infer+co", lambda: TypeVar("X", covariant=True, infer_variance=True))
attempt("one constraint", lambda: TypeVar("X", int))
attempt("constraints+bound", lambda: TypeVar("X", int, str, bound=int))
attempt("name type", lambda: TypeVar(3))
attempt("no name", lambda: TypeVar())
attempt("bad keyword", lambda: TypeVar("X", colour=1))
attempt("subst bare Ts", lambda: Ts.__typing_subst__(int))


def subclass(base):
    class X(base):
        pass


attempt("subclass T", lambda: subclass(T))
attempt("subclass P.args", lambda: subclass(P.args))
attempt("union", lambda: T | int)
attempt("runion", lambda: int | T)

A = TypeAliasType("A", list[T], type_params=(T,))
print(A, A.__name__, A.__value__, A.__type_params__, A.__parameters__, A[int], A.__module__)
attempt("alias not generic", lambda: TypeAliasType("N", int)[int])
attempt("alias params list", lambda: TypeAliasType("N", int, type_params=[T]))
attempt("alias | int", lambda: TypeAliasType("N", int) | int)


class Box(Generic[T]):
    def __init__(self, item: T):
        self.item = item


class Pair(Box[T], Generic[T, B]):
    pass


print(Box[int], Box.__parameters__, Pair.__parameters__, Box(3).item, Box.__mro__)
attempt("Generic[int]", lambda: Generic[int])
attempt("Generic[T, T]", lambda: Generic[T, T])
attempt("Box[int, str]", lambda: Box[int, str])


def first[X](xs: list[X]) -> X:
    return xs[0]


def bounded[N: Later, *Rest, **Q]() -> None:
    pass


class Later:
    pass


class Stack[E: (int, str)]:
    def __init__(self):
        self.items: list[E] = []


type Matrix[K] = list[list[K]]
type Forward = Undefined | None


class Undefined:
    pass


print(first.__type_params__, first([7, 8]), [type(p).__name__ for p in bounded.__type_params__])
N = bounded.__type_params__[0]
print(N, N.__bound__, N.__infer_variance__, N.__covariant__)
E = Stack.__type_params__[0]
print(E.__constraints__, Stack.__mro__, Stack[int])
print(Matrix, Matrix.__value__, Matrix.__type_params__, Matrix[float], type(Matrix).__name__)
print(Forward.__value__, Forward.__module__)
