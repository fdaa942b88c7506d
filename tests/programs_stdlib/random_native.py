# the C module behind random (random_c.py covers the public module)
import _random

r = _random.Random(42)
print(type(r).__name__, type(r).__module__, [r.random() for _ in range(3)])
print(r.getrandbits(0), r.getrandbits(5), r.getrandbits(64), r.getrandbits(100))
st = r.getstate()
print(type(st).__name__, len(st), st[-1])
a = [r.random() for _ in range(5)]
r.setstate(st)
print(a == [r.random() for _ in range(5)])
for seed in [0, -5, 2**100, 12345678901234567890, "abc" == "abc", 3.5]:
    r.seed(seed)
    print(seed, r.random())
r.seed()
r.seed(None)
for f in [lambda: r.getrandbits(-1), lambda: r.setstate(5), lambda: r.setstate((1, 2)),
          lambda: r.setstate((0,) * 624 + (700,)), lambda: r.setstate((-1,) * 625),
          lambda: _random.Random(1, 2), lambda: _random.Random(x=1), lambda: r.random(1), lambda: r.seed(1, 2)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

class R(_random.Random):
    VERSION = 3
    def __init__(self, x=None):
        self.seed(x)
        self.gauss_next = None
    def seed(self, a=None):
        super().seed(a)
        self.gauss_next = None
    def getstate(self):
        return self.VERSION, super().getstate(), self.gauss_next
    def setstate(self, state):
        version, internal, self.gauss_next = state
        super().setstate(internal)
    def randbelow(self, n):
        k = n.bit_length()
        r = self.getrandbits(k)
        while r >= n:
            r = self.getrandbits(k)
        return r
x = R(7)
print(isinstance(x, _random.Random), x.gauss_next, [x.randbelow(10) for _ in range(10)], x.random())
s = x.getstate()
v1 = [x.random() for _ in range(3)]
x.setstate(s)
print(v1 == [x.random() for _ in range(3)], s[0], len(s[1]))
