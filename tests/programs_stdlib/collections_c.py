import collections
from collections import deque, defaultdict, Counter, OrderedDict

d = deque([1, 2, 3], maxlen=5)
print(d, type(d), deque.__name__, deque.__module__, d.maxlen)
d.insert(1, 9)
print(d, list(reversed(d)), d.copy(), d == deque([1, 9, 2, 3]), d < deque([2]))
print(d + deque([7]), d * 2, 9 in d, len(d), bool(deque()))
d += [4]
d.rotate(2)
print(d, d.index(9), d.count(1), d.pop(), d.popleft(), d)
d.extendleft("ab")
print(d, d[0], d[-1])
for f in [lambda: d.remove(5), lambda: d.index(5), lambda: deque().pop(), lambda: d + [1],
          lambda: hash(d), lambda: deque([], "a"), lambda: d[10], lambda: d["x"],
          lambda: deque([1], maxlen=1).insert(0, 1), lambda: deque([1], -1)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
it = iter(d)
d.append(0)
try:
    next(it)
except RuntimeError as e:
    print("RuntimeError", e)

class D(deque):
    def __init__(self, it):
        super().__init__(it, 3)
        self.tag = 1
x = D(range(5))
print(x, x.tag, isinstance(x, deque), x.pop(), x.maxlen)

dd = defaultdict(list)
dd["a"].append(1)
dd["b"]
print(dd, dd.default_factory, type(dd).__name__, isinstance(dd, dict))
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

c = Counter("abracadabra")
print(c, c.most_common(2), c["z"], sorted(c.elements())[:4], c.total())
c.update(["a", "z"])
c.subtract({"b": 5})
print(c, +c, -c)
print(Counter(a=3, b=1) + Counter(a=1), Counter(a=3) - Counter(a=5), Counter(a=1) | Counter(a=2), Counter(a=3) & Counter(a=2))

od = OrderedDict([("x", 1), ("y", 2)])
od["z"] = 3
od.move_to_end("x")
print(od, list(od), od.popitem(), od.popitem(last=False), od == OrderedDict([("y", 2)]))
print(collections._count_elements, type(collections._tuplegetter(0, "doc")).__name__)

from collections import namedtuple
P = namedtuple("P", "x y")
p = P(1, 2)
print(p, p.x, p.y, p._asdict(), p._replace(x=5), P._fields)
