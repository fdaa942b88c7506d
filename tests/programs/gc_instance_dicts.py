"""Cycles through instances' attributes are collected (and live objects are not) whatever
became of the instances' dicts: never looked at, read through vars() and __dict__, kept
elsewhere while the instance died, holding themselves, replaced, shared by two instances,
cleared. Collection is observed through __del__ and weakref callbacks and gc.collect()'s
count; automatic collections are off (their timing differs)."""
import gc
import weakref

gc.disable()
died = []


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None

    def __del__(self):
        died.append(self.name)


def collect(label, count=False):
    # CPython counts an instance's dict once something made it a separate object (vars,
    # __dict__); this runtime never counts instance dicts: counts only where none was made
    n = gc.collect()
    print(label, n if count else n > 0, sorted(died))
    died.clear()


# a plain cycle of two instances whose dicts nobody else ever saw
a, b = Node("a"), Node("b")
a.other, b.other = b, a
del a, b
collect("pair", True)

# a self cycle, and a long ring
def make_ring(k):
    # in a function: a module-level loop's last (i, n) may outlive the loop in this runtime
    ring = [Node("r%d" % i) for i in range(k)]
    for i, n in enumerate(ring):
        n.other = ring[(i + 1) % len(ring)]


s = Node("self")
s.other = s
make_ring(20)
del s
collect("self+ring", True)

# the dict read through vars() and __dict__ while the cycle lives, then dropped
c, d = Node("c"), Node("d")
c.other, d.other = d, c
print(sorted(vars(c)), sorted(d.__dict__))
del c, d
collect("vars")

# the dict kept by someone else while its instance dies in a cycle: the dict's values live on
e, f = Node("e"), Node("f")
e.other, f.other = f, e
kept = e.__dict__
del e, f
collect("kept dict")
print(sorted(kept), kept["other"].name, kept["other"].other.name)
del kept
collect("kept dropped")

# a dict that holds itself, and an instance that holds its own dict
g = Node("g")
g.me = g.__dict__
h = Node("h")
h.__dict__["loop"] = h.__dict__
del g, h
collect("dict cycles")

# a replaced __dict__, and one dict shared by two instances
i1, i2 = Node("i1"), Node("i2")
shared = {"name": "shared", "other": None}
i1.__dict__ = shared
i2.__dict__ = shared
shared["other"] = i1
del i1
collect("shared (one alive)")
del i2, shared
collect("shared (all dropped)")

# live objects reachable only through untracked dicts survive a collection
holder = Node("holder")
holder.other = Node("inner")
holder.other.other = [Node("in-list"), {"k": Node("in-dict")}]
collect("live")
print(holder.other.name, holder.other.other[0].name, holder.other.other[1]["k"].name)

# weakref callbacks on a cycle's members
class Plain:
    pass


p, q = Plain(), Plain()
p.q, q.p = q, p
wr = weakref.ref(p, lambda r: print("weakref callback"))
del p, q
collect("weakref", True)
print(wr())

# many instances made and dropped with automatic collections on
def churn(keep):
    for k in range(30000):
        x = Node("x%d" % k)
        x.other = x
        if k % 10000 == 0:
            keep.append(x)


gc.enable()
keep = []
churn(keep)
gc.disable()
gc.collect()
print(len(died) >= 29000, sorted(n.name for n in keep))
died.clear()
del holder, keep
collect("end")
