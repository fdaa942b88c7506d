# fib(30) called through a timing helper `best(f, *args)`: recursive calls of a global
# function reached through a parameter and *args, not a direct call site.
import time


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def best(f, *args, repeat=1):
    """Runs f(*args) `repeat` times; returns (result, best seconds) as a benchmark helper would."""
    times = []
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = f(*args)
        times.append(time.perf_counter() - t0)
    return result, min(times)


def fib_iter(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


r, secs = best(fib, 30)
print("fib(30) =", r, "timed:", secs >= 0.0)
r, secs = best(fib, 20, repeat=3)
print("fib(20) =", r, "matches iterative:", r == fib_iter(20))
print("fib(90) iterative =", best(fib_iter, 90)[0])
