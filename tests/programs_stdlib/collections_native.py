# the C module behind collections (collections_c.py covers the public module)
from _collections import deque
d = deque([1, 2, 3], maxlen=5)
print(d, type(d), deque.__name__, deque.__module__, d.maxlen)
d.insert(1, 9); print(d)
print(list(reversed(d)), d.copy(), d == deque([1, 9, 2, 3]), d < deque([2]))
print(d + deque([7]), d * 2, 9 in d, len(d), bool(deque()))
d += [4]; print(d)
d *= 1; print(d)
d.rotate(2); print(d, d.index(9), d.count(1))
try: d[10]
except IndexError as e: print(e)
try: deque([1], maxlen=1).insert(0, 1)
except IndexError as e: print(e)
try: d[1:2]
except TypeError as e: print(e)
class D(deque):
    def __init__(self, it):
        super().__init__(it)
        self.tag = 1
x = D([1, 2])
print(x, x.tag, isinstance(x, deque), x.pop())
import copy
print(copy.copy(d))
for it in (deque(), deque([1], 0)):
    print(repr(it))
try: deque([1], -1)
except ValueError as e: print(e)
print(deque('abc', 2), deque(maxlen=3))
from _collections import defaultdict, _count_elements, _tuplegetter
dd = defaultdict(list)
dd["a"].append(1)
dd["b"]
print(dd, dd.default_factory, type(dd).__name__, type(dd).__module__, isinstance(dd, dict))
print(dd.copy(), dd | {"c": 3}, {"z": 0} | dd)
dd2 = defaultdict(None, {"k": 1})
try:
    dd2["missing"]
except KeyError as e:
    print("KeyError", e)
try:
    defaultdict(5)
except TypeError as e:
    print("TypeError", e)
dd3 = defaultdict(int, a=1)
dd3["b"] += 2
print(sorted(dd3.items()), dd3.__reduce__()[:2])
class DD(defaultdict):
    pass
print(DD(set), DD(set)["x"])
counts = {}
_count_elements(counts, "abracadabra")
print(counts)
class T(tuple):
    x = _tuplegetter(0, "first")
    y = _tuplegetter(1, "second")
t = T((1, 2))
print(t.x, t.y, T.x.__doc__, type(T.x).__name__)
try:
    t.x = 5
except AttributeError as e:
    print("AttributeError", e)
try:
    T(()).x
except IndexError as e:
    print("IndexError", e)
