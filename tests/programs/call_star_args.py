# Call sites with *args / **kwargs (CALL_FUNCTION_EX, DICT_MERGE) and signatures with
# positional-only, keyword-only, defaults, *args and **kwargs.
xs = [1, 2, 3]
opts = {"sep": ", ", "end": "!\n"}
print(*xs)
print(*xs, sep="-")
print(*xs, **opts)
print("a", *"bc", "d", sep="")


def describe(a, b=2, *args, c=3, **kw):
    return f"a={a} b={b} args={args} c={c} kw={sorted(kw.items())}"


print(describe(*xs))
print(describe(*xs, **{"c": 5, "z": 6}))
print(describe(**{"a": 0}))
print(describe(1, *[9, 8], c=0, **{"y": 1}, w=2))
print(describe(*(), a="only"))


def posonly(a, b, /, c, d=4, *, e, f=6):
    return (a, b, c, d, e, f)


print(posonly(1, 2, 3, e=5))
print(posonly(1, 2, c=3, d=0, e=5, f=7))
print(posonly(*[1, 2, 3, 4], **{"e": 5}))


def kwonly(*, x, y=10):
    return x + y


print(kwonly(x=1), kwonly(y=1, x=2), kwonly(**{"x": 5}))


def collect(*args, **kwargs):
    return args, kwargs


print(collect())
print(collect(1, *range(2), k=1, **{"j": 2}))
print(collect(**dict(a=1), **dict(b=2)))
print(collect(a=1, *"xy"))
print("-".join(*[["p", "q"]]), max(*[3, 9, 4]), dict(**{"k": 1}, v=2))
args = (3, 4)
print(pow(*args), divmod(*args), list(map(*(str, xs))))
print(sorted(*[[3, 1, 2]], **{"reverse": True}))
