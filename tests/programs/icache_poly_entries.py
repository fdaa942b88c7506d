# Attribute sites that see several classes resolving the name differently (each class its own
# method, its own attribute order, its own property) keep an entry per class; each way such
# an entry can go stale happens in the middle of a loop running through it: a method
# replaced, added and deleted on one class, a class attribute assigned, `__class__` assigned,
# a class gaining `__getattr__` and `__getattribute__`, an instance attribute shadowing a
# method, attributes deleted. Also `type(obj).__name__` over many classes (a class renamed,
# a metaclass overriding `__getattribute__`) and `getattr(obj, name)` with names made at
# run time.


class P:
    def __init__(self, n):
        self.a = n
        self.b = n + 1

    def f(self):
        return "P%r" % (self.a,)

    @property
    def prop(self):
        return self.a * 2


class Q:
    def __init__(self, n):
        self.b = n * 3
        self.pad = None
        self.a = n

    def f(self):
        return "Q%r" % (self.b,)

    @property
    def prop(self):
        return -self.b


class R:
    def __init__(self, n):
        self.x = 0
        self.y = 0
        self.a = n + 100
        self.b = n - 100

    def f(self):
        return "R%r/%r" % (self.a, self.b)

    prop = 7


class S(P):
    def f(self):
        return "S" + P.f(self)


class T(Q):
    def __init__(self, n):
        self.z = 1
        super().__init__(n)


def run(objs, rounds, change):
    out = []
    for r in range(rounds):
        for i, o in enumerate(objs):
            try:
                out.append((o.f(), o.a, o.b, o.prop))
            except AttributeError as e:
                out.append("AttributeError: " + str(e))
            try:
                m = o.f
                out.append(m())
            except AttributeError as e:
                out.append("AttributeError: " + str(e))
            # a store site seeing every class, each with its own attribute order
            o.b = o.b + 1 if isinstance(o.b, int) else o.b
            change(r, i, o)
    return out


def fresh():
    return [P(1), Q(2), R(3), S(4), T(5), P(6), R(7)]


def nothing(r, i, o):
    pass


print(run(fresh(), 3, nothing))


def patch_method(r, i, o):
    if r == 1 and i == 2:
        Q.f = lambda self: "patched-Q%r" % (self.a,)
    if r == 2 and i == 4:
        del Q.f
        Q.f = P.f


print(run(fresh(), 4, patch_method))


def add_and_delete(r, i, o):
    if r == 0 and i == 3:
        S.prop = property(lambda self: "S-prop")
    if r == 1 and i == 1:
        del S.prop
    if r == 1 and i == 5:
        R.prop = 8
    if r == 2 and i == 0:
        del R.prop


print(run(fresh(), 4, add_and_delete))


def reassign_class(r, i, o):
    if r == 1 and i == 0:
        o.__class__ = Q
    if r == 1 and i == 2:
        o.__class__ = P
    if r == 2 and i == 4:
        o.__class__ = S


print(run(fresh(), 4, reassign_class))


def shadow(r, i, o):
    if r == 1 and i == 1:
        o.f = lambda: "own-f"
    if r == 2 and i == 1:
        del o.f
    if r == 2 and i == 3:
        del o.a


print(run(fresh(), 4, shadow))


def gain_getattr(r, i, o):
    if r == 1 and i == 3:
        R.__getattr__ = lambda self, name: "missing-" + name
        for x in objs:
            if type(x) is R:
                del x.a
    if r == 2 and i == 3:
        P.__getattribute__ = lambda self, name: "ga-" + name if name == "a" else object.__getattribute__(self, name)
    if r == 3 and i == 0:
        del P.__getattribute__
        del R.__getattr__


objs = fresh()
print(run(objs, 5, gain_getattr))


# type(obj).__name__ over many classes, a class renamed mid-loop, a metaclass overriding
# __getattribute__ for its classes
class Meta(type):
    pass


class M1(metaclass=Meta):
    pass


class M2(metaclass=Meta):
    pass


def names(objs, rounds):
    out = []
    for r in range(rounds):
        for i, o in enumerate(objs):
            out.append(type(o).__name__)
            if r == 1 and i == 2:
                R.__name__ = "Renamed"
            if r == 2 and i == 1:
                Meta.__getattribute__ = lambda cls, name: "meta-" + name if name == "__name__" else type.__getattribute__(cls, name)
            if r == 3 and i == 1:
                del Meta.__getattribute__
    return out


print(names(fresh() + [M1(), M2(), 3, "s", M1()], 5))


# getattr / hasattr with names made at run time: a dispatch table of methods
class Visitor:
    def visit_P(self, o):
        return "vP"

    def visit_Q(self, o):
        return "vQ"

    def generic(self, o):
        return "g" + type(o).__name__


def visit(v, objs, rounds):
    out = []
    for r in range(rounds):
        for i, o in enumerate(objs):
            name = "visit_" + type(o).__name__
            if hasattr(v, name):
                out.append(getattr(v, name)(o))
            else:
                out.append(getattr(v, name, v.generic)(o))
            if r == 1 and i == 1:
                Visitor.visit_Q = lambda self, o: "vQ2"
            if r == 1 and i == 4:
                v.visit_S = lambda o: "own-vS"
            if r == 2 and i == 2:
                del Visitor.visit_P
    return out


P.__name__ = "P"
print(visit(Visitor(), fresh(), 4))
try:
    getattr(Visitor(), "visit_" + "nothing")
except AttributeError as e:
    print("AttributeError:", e)


class Hook:
    def __getattr__(self, name):
        return (name, type(name).__name__)


print(getattr(Hook(), "dyn_" + str(3)), hasattr(Hook(), "x" * 3), getattr(Hook(), "y" * 70))
