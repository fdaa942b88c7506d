# Inline caches on objects of classes deriving from builtins (list, dict, int, str, float,
# set, random.Random): their attributes live beside the object, not in an instance dict.
# Every change that must invalidate a cached site happens in the middle of a loop.
import random
from collections import Counter
from enum import IntEnum


class Stack(list):
    kind = "stack"

    def top(self):
        return self[-1]

    def describe(self):
        return f"{self.kind}:{len(self)}"


def tops(s, n):
    out = []
    for i in range(n):
        s.append(i)
        if i == 2:
            s.top = lambda: "instance top"          # shadows the method from now on
        if i == 3:
            s.kind = "own kind"                     # shadows the class attribute
        if i == 4:
            del s.top
        if i == 5:
            Stack.top = lambda self: ("patched", self[0])
        if i == 6:
            del s.kind
        if i == 7:
            Stack.kind = "renamed"
        out.append((s.top(), s.kind, s.describe()))
    return out


print(tops(Stack(), 9))


class Tally(Counter):
    def best(self):
        return self.most_common(1)[0]


t = Tally()
res = []
for i, w in enumerate("abracadabra"):
    t[w] += 1
    if i == 5:
        Tally.best = lambda self: ("patched best", len(self))
    res.append(t.best())
print(res)


class Level(IntEnum):
    LOW = 3
    HIGH = 1


print([(lv.name, lv.value, lv + 1, lv.real) for lv in Level for _ in range(2)])


class Name(str):
    def shout(self):
        return self.upper() + "!"


n = Name("hi")
out = []
for i in range(4):
    if i == 2:
        n.shout = lambda: "own shout"
    out.append((n.shout(), n.upper()))
print(out)


class Meters(float):
    unit = "m"


m = Meters(2.5)
print([(m.unit, m.real, m.is_integer()) for _ in range(2)])


class Bag(set):
    pass


b = Bag([1])
out = []
for i in range(3):
    if i == 1:
        b.label = "labelled"
    out.append(getattr(b, "label", None))
    try:
        out.append(b.label)
    except AttributeError as e:
        out.append(str(e))
print(out)


class Seeded(random.Random):
    def roll(self):
        return self.randrange(6) + 1


r = Seeded(7)
rolls = [r.roll() for _ in range(20)]
print(rolls, r.random() < 1.0)
r2 = random.Random(7)
print([r2.randrange(6) + 1 for _ in range(20)] == rolls)
r.getrandbits = lambda k: 0         # an instance attribute now answers the site in randrange
print([r.randrange(6) for _ in range(5)])

