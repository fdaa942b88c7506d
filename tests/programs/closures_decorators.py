# Decorators: plain, with arguments, stacked, functools.wraps, class-free memoization.
import functools


def trace(fn):
    calls = []

    def wrapper(a, b):
        calls.append((a, b))
        result = fn(a, b)
        print("trace", fn.__name__, a, b, "->", result, "calls", len(calls))
        return result
    return wrapper


@trace
def add(a, b):
    return a + b


add(1, 2)
add(3, 4)
print(add.__name__)


def repeat(times):
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(x):
            out = []
            for _ in range(times):
                out.append(fn(x))
            return out
        return wrapper
    return decorate


@repeat(3)
def shout(word):
    """Make it loud."""
    return word.upper()


print(shout("hi"), shout.__name__, shout.__doc__)
print(shout.__wrapped__("x"))


def prefix(p):
    def deco(fn):
        def inner(s):
            return p + fn(s)
        return inner
    return deco


@prefix("<")
@prefix("[")
def name(s):
    return s


print(name("x"))


def memoize(fn):
    cache = {}

    def wrapped(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    wrapped.cache = cache
    return wrapped


@memoize
def slow_fib(n):
    return n if n < 2 else slow_fib(n - 1) + slow_fib(n - 2)


print(slow_fib(80), len(slow_fib.cache))


def counted(fn):
    def wrapper(x):
        wrapper.count += 1
        return fn(x)
    wrapper.count = 0
    return wrapper


@counted
def double(x):
    return 2 * x


double(1)
double(2)
print(double.count)


@functools.lru_cache(maxsize=None)
def ways(n):
    return 1 if n <= 1 else ways(n - 1) + ways(n - 2)


print(ways(50))


def make_ops():
    ops = []
    for sym in "+-*":
        def op(a, b, sym=sym):
            if sym == "+":
                return a + b
            if sym == "-":
                return a - b
            return a * b
        ops.append(op)
    return ops


print([op(6, 3) for op in make_ops()])
