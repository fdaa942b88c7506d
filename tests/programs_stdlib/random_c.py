# xfail: random.py imports _collections_abc (needs bytearray, ABCMeta.register) and os.urandom
import random

rng = random.Random(12345)
print(rng.random(), rng.randint(1, 100), rng.randrange(0, 100, 7), rng.choice("abcdef"))
l = list(range(10))
rng.shuffle(l)
print(l, rng.sample(range(100), 5), rng.choices("abc", weights=[1, 2, 3], k=5))
print(rng.uniform(1, 2), rng.gauss(0, 1), rng.expovariate(2), rng.betavariate(2, 3), rng.triangular())
print(rng.getrandbits(70), rng.randbytes(5))
st = rng.getstate()
a = rng.random()
rng.setstate(st)
print(a == rng.random())
random.seed("hello")
print(random.random(), random.randint(0, 10))
random.seed(b"bytes", version=1)
print(random.random())
