# Special methods of builtin types, read from the type and from instances, and called
NAMES = ["__getitem__", "__setitem__", "__delitem__", "__len__", "__contains__", "__iter__",
         "__eq__", "__lt__", "__hash__", "__add__", "__mul__", "__repr__", "__iadd__", "__imul__",
         "__reversed__", "__or__", "__and__", "__sub__", "__neg__", "__bool__", "__int__",
         "__float__", "__index__", "__truediv__", "__floordiv__", "__mod__", "__rmod__", "__pow__",
         "__radd__", "__abs__", "__round__", "__trunc__", "__floor__", "__ceil__"]
SAMPLES = [[1, 2], {"a": 1}, "ab", b"ab", bytearray(b"ab"), (1, 2), 7, 2.5, {1}, frozenset({1}),
           range(3), 1j, True]

for obj in SAMPLES:
    t = type(obj)
    on_type = [n for n in NAMES if getattr(t, n, None) is not None]
    on_obj = [n for n in NAMES if getattr(obj, n, None) is not None]
    print(t.__name__, on_type == on_obj, on_type)
    print("  unhashable:", t.__hash__ is None, getattr(obj, "__hash__") is None)

items = [1, 2, 3]
items.__setitem__(0, 9)
items.__delitem__(1)
print(items, items.__getitem__(-1), items.__len__(), items.__contains__(9))
buf = bytearray(b"abc")
buf.__setitem__(0, 65)
buf.__delitem__(2)
buf.__iadd__(b"!")
print(buf, bytearray.__hash__)
print((7).__round__(-1), (2.5).__round__(), (2.567).__round__(2), (-2.5).__trunc__(),
      (2.5).__floor__(), (-2.5).__ceil__(), (7).__floor__(), True.__ceil__())
print("%s-%d" .__mod__(("x", 3)), b"%d".__mod__(5), range(0).__bool__(), range(2).__bool__())
d = {}
d.__setitem__("k", 1)
print(d, d.__getitem__("k"), d.__len__())
try:
    [].__hash__()
except TypeError as e:
    print("TypeError", e)


def plain():
    return "called"


class Callable:
    def __call__(self):
        return 1


class NotCallable:
    pass


for o in [plain, len, lambda: 0, Callable, Callable(), NotCallable(), 3, "s", print, [].append]:
    print(type(o).__name__, hasattr(o, "__call__"), callable(o))
print(plain.__call__(), len.__call__([1, 2]))
