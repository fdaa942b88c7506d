# original: dataclasses
# CPython's own Lib/dataclasses.py, compiled from its .pyc instead of the runtime's native
# Replacement: it writes __init__, __repr__, __eq__, ... as source text and exec()s it, which
# the runtime's statement interpreter runs (the Replacement's oracle)
import dataclasses
from dataclasses import dataclass, field, InitVar, asdict, astuple, replace, fields, FrozenInstanceError
from typing import ClassVar, List

print(dataclasses.__name__, hasattr(dataclasses, "_create_fn"))


@dataclass
class Point:
    x: int
    y: int = 0
    tags: List[str] = field(default_factory=list)
    secret: str = field(default="s", repr=False, compare=False)
    count: ClassVar[int] = 0


p = Point(1)
q = Point(1, 0, [], "other")
print(p, repr(q), p == q, p != Point(2), Point.__init__.__qualname__, Point.__repr__.__qualname__)
print(Point.__init__.__annotations__, Point.__match_args__, [f.name for f in fields(p)])
p.tags.append("a")
print(asdict(p), astuple(p), replace(p, y=5), Point(1).tags is not Point(1).tags)


@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0

    def bump(self):
        return replace(self, minor=self.minor + 1)


v = Version(1, 2)
print(v < Version(1, 3), v >= Version(0, 9), sorted([Version(2), v, Version(1)]), hash(v) == hash(Version(1, 2)))
try:
    v.major = 3
except FrozenInstanceError as e:
    print("FrozenInstanceError", e)
try:
    del v.minor
except FrozenInstanceError as e:
    print("FrozenInstanceError", e)
print(v.bump())


@dataclass
class WithPost:
    a: int
    scale: InitVar[int] = 2
    b: int = field(init=False)

    def __post_init__(self, scale):
        self.b = self.a * scale


print(WithPost(3), WithPost(3, 10))


@dataclass(kw_only=True)
class Opts:
    name: str
    debug: bool = False


print(Opts(name="x"), Opts(name="y", debug=True))
try:
    Opts("positional")
except TypeError as e:
    print("TypeError", e)


@dataclass
class Base:
    x: int = 1


@dataclass
class Child(Base):
    y: int = 2


print(Child(), Child(5, 6), Child.__mro__[1].__name__)

try:
    @dataclass
    class Bad:
        a: int = 1
        b: int
except TypeError as e:
    print("TypeError", e)

try:
    @dataclass
    class Mutable:
        items: list = []
except ValueError as e:
    print("ValueError", e)

Dyn = dataclasses.make_dataclass("Dyn", [("a", int), ("b", str, field(default="z"))], namespace={"double": lambda self: self.a * 2})
d = Dyn(4)
print(d, d.double(), dataclasses.is_dataclass(d), dataclasses.is_dataclass(Dyn))


@dataclass(unsafe_hash=True, repr=False, eq=True)
class Hashy:
    k: str


print(hash(Hashy("a")) == hash(Hashy("a")), Hashy("a") == Hashy("a"), "Hashy object" in repr(Hashy("a")))


@dataclass(slots=True)
class Slotted:
    a: int
    b: int = 3


s = Slotted(1)
print(s, Slotted.__slots__, hasattr(s, "__dict__"))
try:
    Point()
except TypeError as e:
    print("TypeError", e)
