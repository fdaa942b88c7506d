# `getattr(obj, name)`, method calls and dataclass comparisons on classes that do not
# override `__getattribute__`, while another class does (the runtime decides per class): in
# the middle of a loop a class gains `__getattribute__`, a base class gains it (its subclass
# must follow), and it is deleted again. Also `dict(...)` from pairs of every builtin
# sequence and iterator kind, from objects with a `keys` method (a list or tuple subclass, a
# mapping), and first inserts into new, cleared and reused dicts.
from dataclasses import dataclass


class Logged:
    # any class defining __getattribute__ (as some library class might)
    def __getattribute__(self, name):
        if name == "secret":
            return "logged-" + name
        return object.__getattribute__(self, name)


class Base:
    def __init__(self, n):
        self.n = n

    def eval_num(self):
        return self.n

    def eval_neg(self):
        return -self.n


class Sub(Base):
    def eval_twice(self):
        return 2 * self.n


@dataclass(order=True)
class Key:
    a: int
    b: str


def dispatch(objs, names):
    out = []
    for i, o in enumerate(objs):
        name = "eval_" + names[i % len(names)]
        out.append(getattr(o, name, None) is not None)
        f = getattr(o, name, None)
        if f is not None:
            out.append(f())
        out.append(hasattr(o, "missing"))
        out.append(getattr(o, "n"))
        if i == 3:
            # a base class gains __getattribute__: Sub's instances must go through it
            def ga(self, name):
                if name == "n":
                    return 100 + object.__getattribute__(self, name)
                return object.__getattribute__(self, name)
            Base.__getattribute__ = ga
        if i == 6:
            del Base.__getattribute__
        if i == 8:
            Sub.__getattribute__ = lambda self, name: "sub:" + name if name == "n" else object.__getattribute__(self, name)
    return out


objs = [Base(1), Sub(2), Base(3), Sub(4), Sub(5), Base(6), Sub(7), Base(8), Sub(9), Sub(10), Base(11)]
print(dispatch(objs, ["num", "neg", "twice"]))
print(Logged().secret, hasattr(Logged(), "nothing"))

keys = [Key(i % 3, str(i)) for i in range(8)]
print(sorted(keys))
print(keys[0] == Key(0, "0"), keys[1] < keys[2])


def ga_key(self, name):
    if name == "a":
        return -object.__getattribute__(self, name)
    return object.__getattribute__(self, name)


for step in range(3):
    if step == 1:
        Key.__getattribute__ = ga_key
    if step == 2:
        del Key.__getattribute__
    print(step, sorted(keys)[:3], Key(1, "x") == Key(1, "x"), Key(1, "x") < Key(2, "x"))


class PairList(list):
    def keys(self):
        return [k for k, _ in self]

    def __getitem__(self, k):
        if isinstance(k, str):
            return "item-" + k
        return list.__getitem__(self, k)


class PairTuple(tuple):
    def keys(self):
        return ["t"]

    def __getitem__(self, k):
        return "tuple-" + str(k)


class Mapping:
    def keys(self):
        return ["m1", "m2"]

    def __getitem__(self, k):
        return k.upper()


def gen():
    yield ("g1", 1)
    yield ("g2", 2)


names = ["a", "b", "c"]
for src in ([("a", 1), ("b", 2)], (("c", 3),), zip(names, range(3)), iter([("i", 1)]),
            map(lambda k: (k, k * 2), names), gen(), enumerate("xyz"), reversed([("r", 1)]),
            ({"s": 1}.items()), PairList([("p", 1)]), PairTuple([("q", 1)]), Mapping(),
            range(0), [], ()):
    print(type(src).__name__, dict(src))
for bad in ([1, 2], zip([1])):
    try:
        dict(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

# first inserts: new dicts, cleared dicts, instance dicts refilled after clearing
d = {}
for i in range(4):
    d[i] = str(i)
    d.clear()
    d["k%d" % i] = i
    d["j"] = i
print(d, len(d), list(d))


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


pts = []
for i in range(5):
    p = Point(i, -i)
    if i == 2:
        p.__dict__.clear()
        p.z = "z"
        p.x = 0
    pts.append(sorted(vars(p).items()))
print(pts)
