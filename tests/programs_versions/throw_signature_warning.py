# 3.12+: throw(type, value[, tb]) and athrow(type, value) warn (DeprecationWarning) at the
# caller's line; throw(exc) does not. Under 3.11 nothing is printed to stderr.
import warnings


def gen():
    try:
        yield 1
    except ValueError as e:
        print("gen caught", repr(e))
        yield 2


g = gen()
next(g)
print(g.throw(ValueError, "two args"))
g = gen()
next(g)
print(g.throw(ValueError("one arg")))


def in_function():
    g = gen()
    next(g)
    return g.throw(ValueError, ValueError("three"), None)


print(in_function())
print(in_function())   # the registry: the same line warns once
g = gen()
next(g)
print(g.throw(ValueError, (1, 2)))   # a tuple value is the arguments


async def agen():
    try:
        yield 1
    except KeyError as e:
        print("agen caught", repr(e))
        yield 2


def drive(aw):
    try:
        aw.send(None)
    except StopIteration as s:
        return s.value


a = agen()
print(drive(a.__anext__()))
print(drive(a.athrow(KeyError, "k")))


async def coro():
    return 5


c = coro()
try:
    c.throw(TypeError, "into a coroutine")
except TypeError as e:
    print("coroutine raised", e)

with warnings.catch_warnings():
    warnings.simplefilter("error")
    g = gen()
    next(g)
    try:
        print(g.throw(ValueError, "as error"))
    except DeprecationWarning as w:
        print("DeprecationWarning raised:", str(w)[:40])
    g = gen()
    next(g)
    print(g.throw(ValueError("single")))


class NotAGenerator:
    def throw(self, *args):
        return len(args)


print(NotAGenerator().throw(ValueError, "x"))
