# Class machinery: __init_subclass__, __set_name__ descriptors, class decorators, dataclasses,
# annotations, __class__ and zero-argument super() details, nested and local classes.
from dataclasses import dataclass, field

x: int = 5
y: str
print(__annotations__)


class Plugin:
    registry = []

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__()
        Plugin.registry.append(cls.__name__)
        cls.tag = kwargs.get("tag", "none")


class Alpha(Plugin, tag="a"):
    pass


class Beta(Plugin):
    pass


print(Plugin.registry, Alpha.tag, Beta.tag)


class Typed:
    def __set_name__(self, owner, name):
        self.name = "_" + name
        self.owner = owner.__name__

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name, "unset")

    def __set__(self, obj, value):
        if not isinstance(value, int):
            raise TypeError(f"{self.name[1:]} must be int")
        setattr(obj, self.name, value)


class Record:
    size = Typed()
    count = Typed()

    def __init__(self, size):
        self.size = size


r = Record(3)
print(r.size, r.count, Record.size.name, Record.size.owner, vars(r))
r.count = 7
print(r.count, sorted(vars(r).items()))


def add_describe(cls):
    def describe(self):
        return f"<{cls.__name__} {sorted(vars(self))}>"
    cls.describe = describe
    return cls


def with_label(label):
    def deco(cls):
        cls.label = label
        return cls
    return deco


@add_describe
@with_label("L1")
class Thing:
    def __init__(self):
        self.a = 1
        self.b = 2


print(Thing().describe(), Thing.label)


@dataclass
class Item:
    name: str
    price: float = 0.0
    tags: list = field(default_factory=list)

    def total(self, qty):
        return self.price * qty


it = Item("pen", 1.5)
print(it, it.total(4), it == Item("pen", 1.5), it == Item("pen", 2.0), Item.__annotations__)
it.tags.append("office")
print(it.tags, Item("x").tags)


@dataclass(frozen=True, order=True)
class Pair:
    a: int
    b: int


print(sorted([Pair(2, 1), Pair(1, 5)] + [Pair(1, 2)]), Pair(1, 2) < Pair(1, 3), hash(Pair(1, 2)) == hash(Pair(1, 2)))


class Annotated:
    count: int = 0
    label: str
    print("in body", __annotations__, __qualname__, __module__)


print(Annotated.__annotations__, Annotated.count)


class Base:
    def who(self):
        return "Base"

    @classmethod
    def create(cls):
        return cls()


class Child(Base):
    def who(self):
        return "Child<" + super().who() + ">"

    def klass(self):
        return __class__.__name__

    @classmethod
    def create(cls):
        obj = super().create()
        obj.made_by = cls.__name__
        return obj

    def captured(self):
        def inner():
            return super(Child, self).who()
        return inner()


class GrandChild(Child):
    pass


g = GrandChild()
print(g.who(), g.klass(), GrandChild.create().made_by, type(GrandChild.create()).__name__, g.captured())


class Shadow:
    value = 1

    def method(self):
        value = 2

        class Local:
            seen = value
            more = value + 1
        return Local.seen, Local.more


print(Shadow().method())


def make_class(v):
    class Local:
        attr = v
        doubled = [v * i for i in range(3)]

        def get(self):
            return v
    return Local


L = make_class(4)
print(L.attr, L.doubled, L().get())


class StaticCounter:
    total = 0

    @staticmethod
    def bump(n):
        StaticCounter.total += n
        return StaticCounter.total


StaticCounter.bump(2)
print(StaticCounter.bump(3), StaticCounter().bump(1))
