# Instance attribute loads and stores by entry index (the inline cache's hint into the
# instance dict, appended in __init__'s order) and the constructor cache (a class's __init__
# found once per type epoch): every guard made to fail mid-loop, the output compared with
# CPython's.
import abc


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def total(self):
        return self.x + self.y


class Q:
    __slots__ = ("a", "b")

    def __init__(self, a, b):
        self.a, self.b = a, b


def build_reversed(x, y):
    # the same attributes in the other order: the store sites' indices do not match
    p = P.__new__(P)
    p.y = y
    p.x = x
    return p


def attr_orders():
    out = []
    for i in range(40):
        if i % 7 == 3:
            p = build_reversed(i, -i)
        else:
            p = P(i, 2 * i)
        if i % 11 == 5:
            del p.x
            p.x = i * 100          # deleted and added again: a hole before the new entry
        if i % 13 == 6:
            vars(p)["y"] = "via vars"
        if i % 17 == 8:
            p.__dict__ = {"y": 1, "x": 2, "z": 3}   # replaced dict, other order
        if i % 19 == 9:
            vars(p).clear()
            p.y = i
            p.x = i
        if i % 23 == 10:
            setattr(p, "".join(["x"]), "computed name")  # equal text, another str object
        out.append((p.x, p.y, list(vars(p))))
    print(out[:12])
    print(out[12:25])
    print(out[25:])


def extra_attrs():
    # an instance given attributes its class's __init__ does not set, at the hinted index
    acc = []
    for i in range(30):
        p = P(i, i)
        if i % 4 == 1:
            p.w = i            # a third entry where another site expects one
        if i % 5 == 2:
            p.__dict__["z"] = -i
        p.z = i * 3            # store site: sometimes appends, sometimes replaces
        acc.append((p.z, getattr(p, "w", None), list(vars(p))))
    print(acc[::3])


def many_attrs():
    # enough names that every bloom bit is set: appends must fall back to the probe
    names = ["a%d" % k for k in range(90)]
    out = 0
    for i in range(10):
        o = P(i, i)
        for k, n in enumerate(names):
            setattr(o, n, k + i)
        o.x = 5
        o.q = 7
        out += o.x + o.q + getattr(o, "a89") + len(vars(o))
    print(out)


class Prop:
    def __init__(self, v):
        self._v = v

    @property
    def x(self):
        return "prop %s" % self._v


def class_changes():
    out = []
    for i in range(24):
        p = P(i, i + 1)
        if i == 8:
            # a data descriptor: __init__'s store and the loads go through it
            P.x = property(lambda self: "class property %s" % self._x, lambda self, v: setattr(self, "_x", v))
        if i == 12:
            del P.x
        if i == 16:
            p.__class__ = Prop
            p._v = i
        try:
            out.append((p.x, list(vars(p))))
        except AttributeError as e:
            out.append("AttributeError: %s" % e)
        if i == 20:
            p.x = "stored"
            out.append(vars(p).get("x"))
    print(out)


def slots_objects():
    tot = []
    for i in range(20):
        q = Q(i, -i)
        if i == 10:
            try:
                q.c = 1
            except AttributeError as e:
                tot.append(str(e))
        q.a = q.a + q.b
        tot.append(q.a)
    print(tot)


class Counted:
    made = 0

    def __init__(self, v):
        self.v = v
        Counted.made += 1


def new_init(self, v):
    self.v = ("replaced", v)


def returns_value(self, v):
    self.v = v
    return v


def deleting_init(self, v):
    self.v = v
    del Counted.__init__


def ctor_changes():
    out = []
    for i in range(30):
        if i == 5:
            Counted.__init__ = new_init
        if i == 9:
            Counted.__init__ = returns_value
        if i == 12:
            Counted.__init__ = deleting_init
        if i == 15:
            Counted.__new__ = lambda cls, v: "not an instance %d" % v
        if i == 18:
            Counted.__new__ = staticmethod(lambda cls, v: object.__new__(cls))
        if i == 21:
            Counted.__init__ = lambda self, v: setattr(self, "v", v * 2)
        if i == 24:
            Counted.__abstractmethods__ = frozenset({"run"})
        if i == 27:
            Counted.__abstractmethods__ = frozenset()
        try:
            c = Counted(i)
            out.append(getattr(c, "v", "no v") if isinstance(c, Counted) else c)
        except TypeError as e:
            out.append("TypeError: %s" % e)
    print(out)
    print(Counted.made)


class Base(abc.ABC):
    @abc.abstractmethod
    def run(self):
        ...


class Impl(Base):
    def __init__(self, n):
        self.n = n

    def run(self):
        return self.n


def abstract_classes():
    out = []
    for i in range(6):
        try:
            out.append(Base().run())
        except TypeError as e:
            out.append(str(e))
        out.append(Impl(i).run())
    print(out)


def init_raises():
    class R:
        def __init__(self, v):
            if v % 3 == 0:
                raise ValueError(v)
            self.v = v

    out = []
    for i in range(8):
        try:
            out.append(R(i).v)
        except ValueError as e:
            out.append("ValueError %s" % e)
    print(out)


attr_orders()
extra_attrs()
many_attrs()
class_changes()
slots_objects()
ctor_changes()
abstract_classes()
init_raises()
print(sum(P(i, i).total() for i in range(1000)))
