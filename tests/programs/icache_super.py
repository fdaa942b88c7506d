# Method calls on super(): the cached call must follow every change that alters what
# super().m resolves to, each made in the middle of a loop running through the cached site.
import builtins


class Base:
    def step(self, x):
        return ("Base.step", x)

    def kind(self):
        return "base"


class Mid(Base):
    def step(self, x):
        return ("Mid.step", x, super().step(x + 1))


class Leaf(Mid):
    def step(self, x):
        return ("Leaf", super().step(x * 2))

    def kind(self):
        return "leaf/" + super().kind()


def run(obj, n):
    return [obj.step(i) for i in range(n)]


leaf = Leaf()
print(run(leaf, 3))

# patching the base class's method mid-loop
out = []
for i in range(4):
    if i == 2:
        Base.step = lambda self, x: ("patched Base.step", x)
    out.append(leaf.step(i))
print(out)

# removing the middle class's override: Leaf's super() now finds Base's
out = []
for i in range(4):
    if i == 2:
        del Mid.step
    out.append(leaf.step(i))
print(out)

# the instance dict does not shadow what super() finds
leaf.kind = lambda: "instance attribute"
print(leaf.kind(), Leaf.kind(leaf))


# __class__ assignment: the same site now sees another type(obj)
class Other(Base):
    def kind(self):
        return "other"


class Leaf2(Other):
    def kind(self):
        return "leaf2/" + super().kind()


def kinds(objs):
    return [o.kind() for o in objs]


a, b = Leaf2(), Leaf2()
out = []
for i in range(4):
    if i == 2:
        b.__class__ = Leaf

    out.append(kinds([a, b]))
print(out)


# a non-function value found by super(): staticmethod, classmethod, property-less attribute
class Tools:
    @staticmethod
    def s(x):
        return ("static", x)

    @classmethod
    def c(cls, x):
        return ("class", cls.__name__, x)

    value = 41


class MoreTools(Tools):
    def s(self, x):
        return super().s(x)

    def c(self, x):
        return super().c(x)

    def v(self):
        return super().value + 1


t = MoreTools()
print([(t.s(i), t.c(i), t.v()) for i in range(2)])


# a base that becomes a builtin's method: super() reaching dict.get
class D(dict):
    def get(self, k, default=None):
        return ("D.get", super().get(k, default))


d = D(a=1)
print([d.get(k) for k in ("a", "b")])

# super() in a method where the builtin `super` was replaced: CPython calls the replacement
orig = builtins.super


def fake_super(*args):
    return orig(Leaf, leaf)


class Uses:
    def kind(self):
        return super().kind()


builtins.super = fake_super
try:
    print(Uses().kind())
finally:
    builtins.super = orig
print(Uses.__mro__[-1].__name__, hasattr(Uses(), "kind"))

# a missing attribute through super() after a hit
class Gone(Base):
    def kind(self):
        return super().kind()


g = Gone()
out = []
for i in range(3):
    if i == 1:
        del Base.kind
    try:
        out.append(g.kind())
    except AttributeError as e:
        out.append(str(e))
print(out)
