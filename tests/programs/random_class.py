"""random.Random instances: CPython's MT19937 streams, seeding (int/float/str/bytes), state,
subclasses, and the binding errors of its Python-level methods."""
import random
from random import Random

r = Random(12345)
print(r.random(), r.randint(1, 100), r.randrange(10), r.randrange(5, 500, 7), r.randrange(100, 0, -3))
print(r.getrandbits(1), r.getrandbits(31), r.getrandbits(33), r.getrandbits(64), r.getrandbits(100))
seq = list(range(20))
r.shuffle(seq)
print(seq)
print(r.choice("abcdef"), r.choice((1, 2, 3)), r.choice(range(1000)))
print(r.sample(range(100), 5), r.sample(range(10**9), 3), r.sample("abcdefgh", k=8))
print(r.sample(['red', 'blue'], counts=[4, 2], k=5))
print(r.choices("abc", k=5), r.choices("abc", [1, 5, 10], k=6), r.choices("xyz", cum_weights=[1, 1.5, 4], k=4))
print(r.uniform(1, 10), r.uniform(2.5, -1), r.triangular(), r.triangular(0, 10, 2), r.triangular(3, 3, 3))

def show(*xs):
    """Distributions use libm (cos, log, acos, pow): the last bit may differ between platforms."""
    print(*[round(x, 10) for x in xs])

show(r.gauss(), r.gauss(5, 2), r.normalvariate(1, 0.5), r.lognormvariate(0, 1), r.expovariate(2))
show(r.vonmisesvariate(1, 4), r.gammavariate(2.5, 1), r.gammavariate(0.5, 2), r.gammavariate(1, 3), r.betavariate(2, 3))
show(r.paretovariate(3), r.weibullvariate(1, 2))
print(r.randbytes(10), r.randbytes(0))
# seeding variants
for s in [0, 1, -7, 2**70 + 3, 3.25, -1.5, "hello", b"bytes", "", True]:
    r.seed(s)
    print(repr(s), r.random(), r.randrange(1000))
r.seed("hello", version=1)
print(r.random())
# independent instances; same seed same stream
a, b = Random(7), Random(7)
print([a.random() for _ in range(3)] == [b.random() for _ in range(3)])
state = a.getstate()
x = [a.random() for _ in range(5)]
a.setstate(state)
print(x == [a.random() for _ in range(5)], len(state), state[0], len(state[1]))
g = Random(3); g.gauss(); st = g.getstate(); print(st[2] is not None, g.gauss() == (g.setstate(st) or g.gauss()))
# module-level functions share the hidden instance's algorithms
random.seed(99)
m = [random.random(), random.randint(0, 10), random.choice("xyz")]
r2 = Random(99)
print(m == [r2.random(), r2.randint(0, 10), r2.choice("xyz")])

class MyRandom(Random):
    def __init__(self, seed, tag):
        super().__init__(seed)
        self.tag = tag
    def describe(self):
        return f"{self.tag}: {self.randint(1, 6)}"

mr = MyRandom(5, "dice")
print(mr.describe(), mr.tag, isinstance(mr, Random), type(mr).__name__)

class Fixed(Random):
    def random(self):
        return 0.5
f = Fixed(1)
print(f.uniform(0, 10), f.choice(range(10)), f.randrange(100), f.choices("abcd", k=3))

for bad in [lambda: r.randint(1), lambda: r.randrange(0), lambda: r.randrange(5, 5),
            lambda: r.randrange(1, 10, 0), lambda: r.choice([]), lambda: r.sample({1, 2}, 1),
            lambda: r.sample([1, 2], 3), lambda: r.getrandbits(-1), lambda: r.random(1),
            lambda: r.randint(1, 2, 3), lambda: r.choices("ab", 3), lambda: r.seed([1]),
            lambda: r.gammavariate(0, 1), lambda: r.shuffle([1, 2], 5), lambda: r.randint(b=1, a=2, c=3),
            lambda: r.choices("ab", [1], k=2), lambda: r.setstate((9, (), None))]:
    try:
        print("no error", bad())
    except (TypeError, ValueError, IndexError) as e:
        print(type(e).__name__, e)
Random(1).randint(1)
