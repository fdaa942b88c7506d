# itertools against CPython: every function's results, arguments by keyword in any order (Argument
# Clinic's binding and its messages), the errors for bad arguments, tee reading its source
# lazily and sharing it between its iterators (an infinite source works).
import itertools as it
import operator
print(list(it.islice(it.count(5, 3), 4)), list(it.islice(it.count(1.5, 0.5), 3)))
print(list(it.islice(it.cycle("ab"), 5)), list(it.repeat("x", 3)), list(it.repeat(1, -1)))
print(list(it.accumulate([1, 2, 3, 4])), list(it.accumulate([1, 2, 3], operator.mul, initial=10)), list(it.accumulate([], initial=5)))
print(list(it.chain("ab", [1, 2])), list(it.chain.from_iterable(["xy", "z"])))
print(list(it.compress("abcdef", [1, 0, 1, 0, 1])), list(it.dropwhile(lambda x: x < 3, [1, 2, 5, 1])))
print(list(it.filterfalse(None, [0, 1, "", "a"])), list(it.takewhile(lambda x: x < 3, [1, 2, 5, 1])))
print(list(it.islice("abcdefg", 2, None, 2)), list(it.islice("abcdefg", 1, 5)), list(it.islice("abc", 0)))
print(list(it.starmap(pow, [(2, 5), (3, 2)])), list(it.zip_longest("ab", "xyz", fillvalue="-")))
print(list(it.pairwise("abcd")), list(it.product("ab", repeat=2)), list(it.product([1, 2], "xy")))
print(list(it.permutations("abc", 2)), list(it.combinations(range(4), 3)), list(it.combinations_with_replacement("ab", 2)))
a, b = it.tee(iter([1, 2, 3]))
print(next(a), list(b), list(a))
t1, t2, t3 = it.tee("xyz", 3)
print(list(t1), list(t2), list(t3))
for bad in [lambda: it.islice("a", -1), lambda: it.repeat(), lambda: it.permutations("a", -1), lambda: it.combinations("a"),
            lambda: it.islice("a", 1, 2, 0), lambda: it.tee("a", -1), lambda: list(it.starmap(pow, [1])),
            lambda: it.count("a"), lambda: it.product("a", repeat=-1), lambda: it.accumulate()]:
    try:
        r = bad()
        print("ok", list(r) if r is not None else r)
    except Exception as e:
        print(type(e).__name__, e)
print(list(it.permutations([])), list(it.combinations("abc", 5)), list(it.product()))
c = it.count()
next(c); next(c)
print(next(c), list(it.islice(c, 2)))
src = iter(range(10))
print(list(it.islice(src, 3)), next(src))
z = it.zip_longest([1], [2, 3], [4, 5, 6])
print(list(z))
print(sorted(it.chain(*[[3, 1], [2]])), dict(it.zip_longest("ab", [1])))
print(list(it.batched("abcdefg", 3)) if hasattr(it, "batched") else "no batched")
print(list(it.combinations(r=2, iterable="abc")), list(it.permutations(r=1, iterable="ab")))
print(list(it.compress(selectors=[1, 0, 1], data="xyz")), list(it.accumulate(func=operator.sub, iterable=[9, 1, 1])))
print(list(it.groupby(key=len, iterable=["a", "b", "cc"]))[0][0], list(it.repeat(times=2, object="o")))
print(list(it.islice(it.count(start=2, step=-1), 3)))
for bad in [lambda: it.takewhile(bool, iterable=[1]), lambda: it.cycle(x=1), lambda: it.chain(a=1),
            lambda: it.combinations("ab", 2, 3), lambda: it.accumulate([1], None, None), lambda: it.repeat(1, 2, 3),
            lambda: it.islice("abc", "x"), lambda: it.islice("abc", -5), lambda: it.islice("abc", 1, -5),
            lambda: it.islice("abc", None, None, -1), lambda: it.islice("abc", "q", 2), lambda: it.permutations("ab", r=1.5),
            lambda: it.groupby("a", len, 3), lambda: it.zip_longest("a", fill=1), lambda: it.product("a", rep=1),
            lambda: it.combinations(r=1), lambda: it.count(1, "s"), lambda: it.tee(), lambda: it.pairwise(),
            lambda: it.starmap(pow), lambda: it.compress("a", data="b")]:
    try:
        r = bad()
        print("ok", list(r) if r is not None else r)
    except Exception as e:
        print(type(e).__name__, e)
# tee reads its source lazily, shared by the iterators, in the order they ask
def gen():
    for i in range(4):
        print("produce", i)
        yield i
x, y = it.tee(gen())
print(next(x), next(x), next(y), next(y), next(y), next(x))
inf1, inf2 = it.tee(it.count())
print(next(inf1), next(inf1), next(inf2))
print([list(t) for t in it.tee("ab", 0)], len(it.tee("abc", 3)))
p, q = it.tee([1, 2, 3])
del p
print(list(q))
