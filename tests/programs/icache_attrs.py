# Inline caches of attribute loads and stores: properties, descriptors, __getattr__,
# __getattribute__, __slots__, type.__setattr__ on a metaclass-made class, changing mid-loop.


class Holder:                                 # properties named by __set_name__
    x = property(lambda self: "prop")
    y = property(lambda self: "prop2", lambda self, v: out.append(("set", v)))


class P:
    def __init__(self):
        self.x = 1
        self.y = 2


p = P()
out = []
for i in range(8):
    out.append(p.x)
    try:
        p.x = i * 10                          # store site, cached
    except AttributeError as e:
        out.append(str(e))
    if i == 2:
        P.x = Holder.__dict__["x"]            # a data descriptor now wins over the dict
    if i == 4:
        P.x = Holder.__dict__["y"]
    if i == 5:
        del P.x                               # the instance dict again
print(out)


# a class gaining __getattr__ after a missing attribute was looked up at that site
class G:
    pass


g = G()
out = []
for i in range(4):
    try:
        out.append(g.missing)
    except AttributeError as e:
        out.append(str(e))
    if i == 1:
        G.__getattr__ = lambda self, name: "got " + name
print(out)


# __getattribute__ added later: every load goes through it
class GA:
    def __init__(self):
        self.v = "plain"

    def m(self):
        return "method"


ga = GA()
out = []
for i in range(4):
    out.append((ga.v, ga.m()))
    if i == 1:
        GA.__getattribute__ = lambda self, name: "intercepted " + name if name != "m" else (lambda: "m intercepted")
print(out)


# __setattr__ added later: stores go through it
class S:
    pass


s = S()
out = []
for i in range(4):
    s.a = i
    out.append(s.__dict__.get("a"))
    if i == 1:
        def setter(self, name, value):
            object.__setattr__(self, name, value * 100)
        S.__setattr__ = setter
print(out)


# a descriptor with __set_name__, and its class changed under the cache
class Field:
    def __set_name__(self, owner, name):
        self.name = "_" + name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return ("field", getattr(obj, self.name, None))

    def __set__(self, obj, value):
        setattr(obj, self.name, value)


class Rec:
    f = Field()


r = Rec()
out = []
for i in range(5):
    r.f = i
    out.append(r.f)
    if i == 2:
        del Field.__set__                      # now a non-data descriptor: the dict wins
print(out, sorted(vars(r)))


# __slots__, and a subclass with a __dict__
class Slotted:
    __slots__ = ("a",)

    def __init__(self):
        self.a = 1


class Open(Slotted):
    pass


out = []
for o in (Slotted(), Open(), Slotted(), Open()):
    for name in ("a", "b"):
        try:
            setattr(o, name, 5)
            o.a = o.a + 1
            o.b = 7
            out.append((type(o).__name__, o.a, o.b))
        except AttributeError as e:
            out.append(str(e))
print(out)


# type.__setattr__ on a class made by a metaclass
class Meta(type):
    def __setattr__(cls, name, value):
        type.__setattr__(cls, name, ("meta", value))


class M(metaclass=Meta):
    def f(self):
        return "f"

    k = 1


m = M()
out = []
for i in range(4):
    out.append((m.k, m.f() if callable(M.f) else M.f))
    if i == 1:
        M.k = 2
print(out)
T = Meta("T", (), {"k": 0})
t = T()
out = []
for i in range(3):
    out.append(t.k)
    type.__setattr__(T, "k", i)
print(out)
