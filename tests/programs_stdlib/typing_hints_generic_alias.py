# typing.get_type_hints over builtin generic aliases (PEP 585): typing checks each alias's
# __unpacked__ / __typing_unpacked_tuple_args__ while it evaluates and substitutes them
import typing
from typing import Optional, get_type_hints, get_args, get_origin


class Point(typing.NamedTuple):
    coords: "tuple[int, ...]"
    tags: "list[str]"
    meta: "Optional[dict[str, tuple[int, str]]]" = None


def f(a: "tuple[int, ...]", b: list[tuple[str, int]], c: "dict[str, list[int]]" = None) -> "set[frozenset[int]]":
    return set()


for obj in (Point, f):
    hints = get_type_hints(obj)
    for k, v in hints.items():
        print(k, v, get_origin(v), get_args(v))
t = tuple[int, ...]
print(t.__unpacked__, t.__typing_unpacked_tuple_args__, list[int].__unpacked__)
print(typing.Tuple[int, ...] == tuple[int, ...], typing.List[t], typing.Union[t, None])
T = typing.TypeVar("T")
print(list[T], list[T].__parameters__, typing.List[T][tuple[int, ...]], get_args(tuple[T, ...]))
U = typing.TypeVar("U")
print(list[T][int], dict[str, T][tuple[int, ...]], get_args(tuple[T, ...][str]), dict[T, list[U]][int, str])
for bad in (lambda: list[int][int], lambda: list[T][int, str], lambda: dict[T, U][int]):
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)
