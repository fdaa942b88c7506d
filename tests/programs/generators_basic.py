# Generator functions and generator expressions driven by for loops, builtins and itertools.
import itertools


def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1


def evens(src):
    for x in src:
        if x % 2 == 0:
            yield x


def squares(src):
    for x in src:
        yield x * x


def take(n, src):
    for x in src:
        if n <= 0:
            return
        n -= 1
        yield x


def naturals():
    n = 0
    while True:
        yield n
        n += 1


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


def empty():
    return
    yield


def bare_yields():
    x = yield
    print("bare got", x)
    yield


def with_defaults(a, b=10, *rest):
    yield a
    yield b
    for r in rest:
        yield r


def loop_state(rows):
    # the generator's locals (loop variables, accumulators) survive every suspension
    total = 0
    for i, row in enumerate(rows):
        for j in row:
            total += j
            yield (i, j, total)
    print("loop_state done, total", total)


for v in count_up(4):
    print("count_up", v)
print(list(count_up(0)), list(empty()))
print(sum(count_up(101)))
print(list(squares(evens(range(10)))))
print(list(take(5, naturals())))
print(list(itertools.islice(fib(), 15)))
print(list(zip(count_up(3), "abcdef")))
print(list(zip("ab", count_up(10))))
print(dict(zip(take(3, naturals()), squares(naturals()))))
print(list(with_defaults(1)), list(with_defaults(1, 2, 3, 4)))
print(list(loop_state([[1, 2], [], [3]])))
print(max(squares(count_up(7))), min(evens(range(3, 20))), sorted(take(4, fib()), reverse=True))
print(any(x > 3 for x in count_up(10)), all(x < 3 for x in count_up(10)))
print(" ".join(str(x) for x in take(6, fib())))
print(list(enumerate(take(3, naturals()), 1)))

g = count_up(3)
print(next(g), next(g), next(g), next(g, "done"), next(g, "still done"))
print(iter(g) is g)
print(type(g).__name__)

b = bare_yields()
print(next(b))
print(b.send("hello"))
print(next(b, "end"))

# generator expressions (their code objects take the outermost iterable as `.0`)
data = list((3, 1, 4, 1, 5, 9, 2, 6))  # a constant list literal needs LIST_EXTEND
ge = (x * 10 for x in data if x % 2)
print(next(ge), list(ge), list(ge))
print(sum(x * x for x in data))
print(list((x, y) for x in range(3) for y in "ab" if x != 1))
print(tuple(c.upper() for c in "gen"))
print(sorted(set(x % 3 for x in data)))
nested = (sum(row) for row in [[1, 2], [3], []])
print(list(nested))


def uses_genexp(n):
    return sum(i * i for i in range(n)), list(str(i) for i in range(n))


print(uses_genexp(5))

# pipelines built in a loop
pipeline = naturals()
for step in range(3):
    pipeline = evens(pipeline) if step % 2 == 0 else squares(pipeline)
print(list(itertools.islice(pipeline, 5)))
gens = [count_up(k) for k in range(4)]
print([list(x) for x in gens])
print(list(itertools.chain(count_up(2), empty(), take(2, fib()))))
