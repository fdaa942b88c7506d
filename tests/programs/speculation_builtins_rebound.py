# A numeric function computes len() and range() itself; rebinding them (in builtins, or as a
# module global after the first calls) must make it call the new ones, as CPython does.
import builtins


def total(xs):
    s = 0.0
    for i in range(len(xs)):
        s += xs[i] * 2.0
    return s


def count(n):
    c = 0
    for i in range(n):
        c += i % 3
    return c


print(total([1.0, 2.0, 3.0]), count(10))
original_len, original_range = builtins.len, builtins.range
builtins.len = lambda xs: 1
print(total([1.0, 2.0, 3.0]))
builtins.len = original_len
builtins.range = lambda n, m=None: [0, 2] if m is None else [n]
print(total([1.0, 2.0, 3.0]), count(10))
builtins.range = original_range
print(total([1.0, 2.0, 3.0]), count(10))
