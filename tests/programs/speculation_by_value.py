# Functions reached only through a parameter, *args or a method get a speculated unboxed
# version guarded at their entry: every argument shape must still behave as in CPython.
import sys


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def poly(x, y):
    return x * x - 3 * x * y + y / 2


def grow(n):
    r = 1
    for i in range(n):
        r = r * 3 + i
    return r


def ratio(a, b):
    return a / b


def call(f, *args):
    return f(*args)


class Runner:
    def __init__(self, f):
        self.f = f

    def run(self, *args):
        return self.f(*args)


print(call(fib, 20), call(fib, True), call(fib, 2.5))
print(call(poly, 2, 3), call(poly, 1.5, -2.25), call(poly, 2, 0.5), call(poly, True, False))
print(call(poly, 10 ** 20, 3))
print(call(grow, 10), call(grow, 60))          # the second overflows i64: big ints
print(Runner(grow).run(45))
print(call(ratio, 7, 2), call(ratio, 7.5, 2.5))
try:
    call(ratio, 1, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    call(poly, "a", 2)
except TypeError as e:
    print("TypeError:", e)
sys.setrecursionlimit(60)
try:
    call(fib, 100)
except RecursionError as e:
    print("RecursionError:", e)
sys.setrecursionlimit(1000)
fib_ref = fib


def fib(n):                                    # rebinding the global: the guard must notice
    return -n


print(call(fib_ref, 10))
print(call(fib, 5))
