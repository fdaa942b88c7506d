# slow: the first build compiles ~40-110 modules (site and stdlib)
import attr
import attrs
from attrs import define, field, frozen, asdict, astuple, evolve, validators, Factory


@define
class Point:
    x: int
    y: int = 0
    tags: list = field(factory=list)

    def norm1(self):
        return abs(self.x) + abs(self.y)


@frozen(order=True)
class Version:
    major: int
    minor: int = field(converter=int, default=0)


@define(kw_only=True)
class Config:
    name: str = field(validator=validators.instance_of(str))
    level: int = field(default=1, validator=[validators.ge(0), validators.le(5)])
    opts: dict = Factory(dict)


@attr.s(auto_attribs=True, slots=True)
class Legacy:
    a: int
    b: str = attr.ib(default="b", repr=False)


p = Point(3, -4)
print(p, p.norm1(), p == Point(3, -4), p != Point(1), asdict(p), astuple(p))
q = evolve(p, y=10)
print(q, attrs.fields(Point).x.name, [a.name for a in attrs.fields(Point)], attrs.has(Point))
vs = sorted([Version(2, "1"), Version(1, 9), Version(1)])
print(vs, hash(Version(1, 2)) == hash(Version(1, 2)), Version(1) < Version(1, 1))
try:
    vs[0].major = 5
except attrs.exceptions.FrozenInstanceError as e:
    print("frozen:", type(e).__name__)
print(Config(name="c"), Config(name="d", level=3).opts)
for bad in [dict(name=1), dict(name="x", level=9)]:
    try:
        Config(**bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e.args[0])
lg = Legacy(1)
print(lg, hasattr(lg, "__dict__"), attr.asdict(lg), Legacy.__slots__)
try:
    Point()
except TypeError as e:
    print("TypeError:", e)
print(attrs.filters.exclude(attrs.fields(Point).tags)(attrs.fields(Point).tags, []))
print(asdict(p, filter=attrs.filters.exclude(attrs.fields(Point).tags)))
