# Profile-guided speculation (docs/profile.md): the hot numeric functions are reached only
# through a parameter, a method and `best(f, *args)`, so no call site types their parameters.
# `horner` is guessed int first but called with floats; `spread` and `scale` get lists of floats
# from code that computes with no float constant (elements guessed int). argv[1] == "mixed"
# slips an int into the lists mid-way: a clone typed from a float-only profile deopts there.
import sys


def horner(x):
    s = 0.0
    for i in range(40):
        s = s * x + i
    return s


def spread(xs):
    lo = xs[0]
    hi = xs[0]
    for x in xs:
        if x < lo:
            lo = x
        if x > hi:
            hi = x
    return hi - lo


def scale(xs, k):
    for i in range(len(xs)):
        xs[i] = xs[i] * k
    return len(xs)


class Runner:
    def __init__(self, f):
        self.f = f

    def apply(self, *args):
        return self.f(*args)


def best(f, *args):
    return f(*args)


mixed = len(sys.argv) > 1 and sys.argv[1] == "mixed"
h = Runner(horner)
total = 0.0
for j in range(300):
    total += h.apply(0.5 + j / 1000)
print("horner", round(total, 6))
data = [((i * 37) % 101) / 7 for i in range(2000)]
if mixed:
    data[1500] = 3
    data[1700] = 10 ** 30
print("spread", best(spread, data))
for j in range(50):
    best(scale, data, 1.0001)
print("scaled", round(sum(data), 6), data[1500], type(data[1700]).__name__)
