# weakref.proxy sets and deletes attributes on its referent (CPython's proxy_setattr), which the
# pure-Python OrderedDict's linked list relies on (root.prev = ... through a proxy)
import weakref
from collections import OrderedDict

class Link:
    __slots__ = "prev", "next", "key", "__weakref__"

class Box:
    pass

b = Box()
p = weakref.proxy(b)
p.x = 1
print(b.x, p.x, hasattr(b, "x"), "x" in vars(b))
del p.x
print(hasattr(b, "x"), p == b, p != b)
root = Link()
rp = weakref.proxy(root)
rp.prev = rp.next = rp
print(root.prev is rp, root.next is rp, rp.prev is rp)
try:
    rp.nope = 1
except AttributeError as e:
    print("AttributeError", e)

od = OrderedDict.fromkeys("abcde")
od.move_to_end("b")
od.move_to_end("d", last=False)
print(list(od), od.popitem(), od.popitem(last=False), list(od), list(reversed(od)))
od["z"] = 1
od.move_to_end("a")
print(od, len(od), next(iter(od)), od == OrderedDict([("c", None), ("e", None), ("z", 1), ("a", None)]))
