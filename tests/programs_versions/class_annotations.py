# 3.14 class bodies: LOAD_LOCALS into the `__classdict__` cell, `__annotate__` functions
# (PEP 649/749) reading it with LOAD_FROM_DICT_OR_GLOBALS, SET_FUNCTION_ATTRIBUTE annotate;
# 3.12+: LOAD_FROM_DICT_OR_DEREF for a class body's free variables
import sys
from dataclasses import dataclass, field

Alias = int
counter: int = 0
if counter == 0:
    maybe: Alias = 1
else:
    never: str


class Point:
    x: int = 1
    y: "float"
    Local = str
    z: Local                      # the class namespace first, then globals, then builtins
    w: list[Alias]

    def move(self, dx: int, *, scale: Alias = 2) -> "Point":
        return self


class Child(Point):
    pass


class Plain:
    def method(self):
        return 1


def annotated(a: int, b: "str" = "s", *args: float, **kw: Alias) -> list[int]:
    return [a]


def outer(n):
    k = n * 2
    tag = "outer"

    class Inner:
        value = k                 # a free variable read in a class body
        tag = "inner"             # ... shadowed by the namespace
        seen = tag
        ann: type(k)

        def get(self) -> type(n):
            return k

    return Inner


print(Point.__annotations__)
print(Point.move.__annotations__, annotated.__annotations__)
print(Child.__annotations__, Plain.__annotations__, Plain.method.__annotations__)
Inner = outer(5)
print(Inner.value, Inner.seen, Inner.__annotations__, Inner.get.__annotations__, Inner().get())
mod = sys.modules[__name__]
print(mod.__annotations__)
annotated.__annotations__ = {"replaced": 1}
print(annotated.__annotations__)


@dataclass
class Record:
    name: str
    count: int = 0
    tags: list = field(default_factory=list)


r = Record("a", 3)
print(r, Record("b"), r == Record("a", 3), Record.__annotations__)

if sys.version_info >= (3, 14):
    # deferred: the names are looked up when the annotations are asked for
    class Later:
        first: Undefined      # noqa: F821
        second: int

    def later(x: AlsoUndefined) -> None:   # noqa: F821
        pass

    try:
        Later.__annotations__
    except NameError as e:
        print("NameError", e)
    Undefined = bytes
    AlsoUndefined = bytearray
    print(Later.__annotations__, later.__annotations__)
    print(Later.__annotate__(1), type(Point.__annotate__).__name__, Plain.__annotate__)
    print(callable(annotated.__annotate__), later.__annotate__ is not None)
    try:
        Point.__annotate__(3)
    except NotImplementedError:
        print("NotImplementedError for format 3")

    def bad(x: int):
        pass
    bad.__annotate__ = lambda fmt: [1]
    try:
        bad.__annotations__
    except TypeError as e:
        print("TypeError", e)
    try:
        bad.__annotate__ = 3
    except TypeError as e:
        print("TypeError", e)
    bad.__annotations__ = {"x": 1}
    print(bad.__annotate__, bad.__annotations__)
else:
    print(sorted(Point.__dict__["__annotations__"]))
