# Calls that may take a compiled function's fixed-arity entry (no argument vector), and the
# shapes next to them that must fall back to the generic binding with the same results/errors.
import sys


def add(a, b):
    return a + b


def scaled(x, k=10, off=1):
    return x * k + off


def show(*args, **kwargs):
    return f"{args} {sorted(kwargs.items())}"


def kwonly(a, *, b=5):
    return a - b


def none():
    return "none"


print(add(1, 2), add("a", "b"), none())
print(scaled(3), scaled(3, 2), scaled(3, 2, 0))              # defaults filled in
print(scaled(3, off=7), scaled(x=4), scaled(5, k=1, off=0))  # keywords: generic binding
print(show(), show(1, 2), show(1, x=2), kwonly(9), kwonly(9, b=1))
args = (4, 5)
print(add(*args), scaled(*args), scaled(*[1], **{"off": 100}))

for call, why in [(lambda: add(1), "too few"), (lambda: add(1, 2, 3), "too many"),
                  (lambda: scaled(), "missing"), (lambda: add(1, a=2), "twice"),
                  (lambda: none(1), "none takes none"), (lambda: scaled(1, 2, 3, 4), "four")]:
    try:
        call()
    except TypeError as e:
        print(why, "->", e)


# __defaults__ replaced at run time: the next call follows the new ones
def first(a, b):
    return ("first", a, b)


def second(a, b=99):
    return ("second", a, b)


print(first(1, 2), second(1))
try:
    print(first(1))
except TypeError as e:
    print("no defaults yet:", e)
first.__defaults__ = (7,)
print(first(1))
second.__defaults__ = None
try:
    second(1)
except TypeError as e:
    print(e)
scaled.__defaults__ = (2,)
print(scaled(5, 3), scaled(5, 3, 4))
try:
    scaled(5)
except TypeError as e:
    print(e)


# bound methods stored and called later, methods with defaults, classmethod/staticmethod
class Counter:
    def __init__(self, start, step=1):
        self.n = start
        self.step = step

    def bump(self, times=1):
        self.n += self.step * times
        return self.n

    @staticmethod
    def twice(x):
        return 2 * x

    @classmethod
    def make(cls, n):
        return cls(n, 3)


c = Counter(10)
bump = c.bump
print(bump(), bump(2), c.bump(), c.bump(times=4), Counter.bump(c, 1))
later = [Counter(i).bump for i in range(3)]
print([f() for f in later], [f(5) for f in later])
print(Counter.twice(21), c.twice(4), Counter.make(1).bump(), c.make(2).step)
try:
    bump(1, 2)
except TypeError as e:
    print(e)


class Sub(Counter):
    def bump(self, times=1):
        return ("sub", super().bump(times))


s = Sub(0, 5)
print(s.bump(), s.bump(2))


# __init__ returning something other than None
class Bad:
    def __init__(self, x):
        self.x = x
        return x


print(Bad(None).x)
try:
    Bad(3)
except TypeError as e:
    print(e)


class NoInit:
    pass


try:
    NoInit(1)
except TypeError as e:
    print(e)


# recursion through the fixed-arity entry: the limit, the error, and recovery
def down(n):
    if n == 0:
        return 0
    return 1 + down(n - 1)


def method_down(obj, n):
    return obj.down(n)


class Deep:
    def down(self, n):
        return n if n == 0 else self.down(n - 1) + 1


print(down(500), Deep().down(300))
for f, arg in [(down, 10 ** 6), (Deep().down, 10 ** 6), (lambda n: method_down(Deep(), n), 10 ** 6)]:
    try:
        f(arg)
    except RecursionError as e:
        print("RecursionError:", e)
old = sys.getrecursionlimit()
sys.setrecursionlimit(120)
try:
    down(200)
except RecursionError as e:
    print("limit 120:", e)
print(down(50))
sys.setrecursionlimit(old)
print(down(900))


# a closure and a generator with fixed arity
def make_adder(k):
    def inner(x):
        return x + k
    return inner


def count_to(n, step=1):
    i = 0
    while i < n:
        yield i
        i += step


print(make_adder(5)(1), list(count_to(5)), list(count_to(10, 3)))
