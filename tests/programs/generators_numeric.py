# Generator functions with numeric-only bodies are never unboxed: calling one makes a generator.
def early(n):
    return n * 2
    yield


def count(n):
    i = 0
    while i < n:
        yield i
        i += 1


def make(n):
    return early(n + 1)


def total(n):
    s = 0
    for x in count(n):
        s += x
    return s


print(type(make(3)).__name__, list(early(4)), next(early(5), "empty"))
print(sum(count(10)), total(100), total(3) + total(4))
next(make(20))
