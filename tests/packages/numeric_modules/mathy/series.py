def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def total(n):
    s = 0
    for i in range(n):
        s += i * i
    return s


def harmonic(n):
    h = 0.0
    for i in range(1, n + 1):
        h += 1.0 / i
    return h
