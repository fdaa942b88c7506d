# Operator methods of classes are cached per (left class, right class, operator) for the type
# epoch: a replaced method, a subclass's reflected method, NotImplemented, a method added later.
class V:
    def __init__(self, x):
        self.x = x

    def __add__(self, o):
        if isinstance(o, V):
            return V(self.x + o.x)
        return NotImplemented

    def __repr__(self):
        return f"V({self.x})"


class W(V):
    def __radd__(self, o):
        return f"W.__radd__({o!r})"


class R:
    def __radd__(self, o):
        return f"R.__radd__({o!r})"


a, b = V(1), V(2)
for _ in range(3):
    print(a + b)
print(a + W(5))            # the subclass's reflected method first
print(a + R())             # __add__ gives NotImplemented, then R.__radd__
try:
    a + 1
except TypeError as e:
    print("TypeError:", e)

V.__add__ = lambda self, o: f"patched {self!r} + {o!r}"
print(a + b)
del V.__add__
try:
    print(a + b)
except TypeError as e:
    print("TypeError:", e)


def mul(self, o):
    return V(self.x * (o.x if isinstance(o, V) else o))


V.__mul__ = mul
print(a * b, b * 3)
a.__class__ = W
print(a * b, type(a).__name__)


class Counter:
    calls = 0

    def __sub__(self, o):
        Counter.calls += 1
        return Counter.calls


c = Counter()
print([c - c for _ in range(4)], Counter.calls)
c2 = Counter()
c2.__sub__ = lambda o: "instance attribute is not looked at"
print(c2 - c)
