# No generator, coroutine or `except*` code at all: those types' methods are not linked
# (issue 9, size). Iteration over builtins, comprehensions, exceptions and classes must work
# as in CPython without them.
class Counter:
    def __init__(self, n):
        self.i, self.n = 0, n
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i
print(list(Counter(3)), [x * 2 for x in Counter(4)], {k: v for k, v in zip("ab", Counter(2))})
print(list(map(str, range(3))), list(enumerate("xy")), list(reversed([1, 2, 3])))
print(sorted({3, 1, 2}), max(Counter(5)), any(Counter(0)), dict(zip(range(2), "pq")))
try:
    raise KeyError("k")
except (KeyError, ValueError) as e:
    print(type(e).__name__, e.args)
print([c.__name__ for c in ValueError.__mro__])
