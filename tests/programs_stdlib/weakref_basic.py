# stdlib: types _weakrefset
# The native _weakref (ref with callbacks, subclasses, proxies, getweakrefcount/getweakrefs,
# _remove_dead_weakref) and _weakrefset.WeakSet compiled from CPython's bytecode.
import gc
import _weakref
from _weakref import ref, proxy, getweakrefcount, getweakrefs
from _weakrefset import WeakSet


class Node:
    def __init__(self, name):
        self.name = name

    def hello(self):
        return "hello " + self.name

    def __repr__(self):
        return f"Node({self.name})"


# (referents live in functions: compiled code may keep a module-level temporary alive
# until the module's code ends)
dead = []


def make_refs():
    a = Node("a")
    r = ref(a)
    r2 = ref(a, lambda wr: dead.append(("cb", wr() is None)))
    print(r() is a, r is ref(a), r2 is not r, getweakrefcount(a), len(getweakrefs(a)))
    print(r == ref(a), hash(r) == hash(a), callable(r), r.__callback__, type(r).__name__)
    p = proxy(a)
    print(p.name, p.hello(), repr(p)[:10])
    return r, r2, p


r, r2, p = make_refs()
gc.collect()
print(r(), dead, r2() is None)
try:
    p.name
except ReferenceError as e:
    print("ReferenceError:", e)


class KeyedRef(ref):
    __slots__ = ("key",)

    def __new__(cls, ob, callback, key):
        self = ref.__new__(cls, ob, callback)
        self.key = key
        return self

    def __init__(self, ob, callback, key):
        super().__init__(ob, callback)


removed = []


def keyed():
    b = Node("b")
    kr = KeyedRef(b, lambda wr: removed.append(wr.key), "kb")
    print(kr() is b, kr.key, isinstance(kr, ref))
    return kr


kr = keyed()
print(removed, kr())
d = {}


def fill():
    c = Node("c")
    d["c"] = ref(c)
    _weakref._remove_dead_weakref(d, "c")
    print(list(d))


fill()
_weakref._remove_dead_weakref(d, "c")
print(list(d))

ws = WeakSet()
items = [Node(str(i)) for i in range(4)]


def fill_set():
    for n in items:
        ws.add(n)
    print(len(ws), sorted(n.name for n in ws), items[0] in ws)


fill_set()
del items[1:3]
gc.collect()
print(len(ws), sorted(n.name for n in ws))
ws.discard(items[0])
print(len(ws), list(ws))
try:
    ref(3)
except TypeError as e:
    print("TypeError:", e)
