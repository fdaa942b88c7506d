# Generators with try/except/finally and with: throw() caught inside, close() running finally
# blocks, GeneratorExit handling, exceptions crossing yield from.

def worker(log):
    try:
        while True:
            try:
                item = yield
                log.append(f"got {item}")
            except ValueError as e:
                log.append(f"recovered from {e}")
    finally:
        log.append("worker closed")


log = []
w = worker(log)
next(w)
w.send(1)
w.throw(ValueError("bad input"))
w.send(2)
w.close()
print(log)


def counted(n):
    try:
        for i in range(n):
            yield i
    except GeneratorExit:
        print("generator exit seen")
        raise
    finally:
        print("counted finally")


g = counted(5)
print(next(g), next(g))
g.close()
print(list(counted(3)))


def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield "refuse"


s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print("close:", e)


def inner():
    try:
        yield "a"
        yield "b"
    except KeyError as e:
        print("inner caught", repr(e))
        return "inner result"


def outer():
    result = yield from inner()
    print("outer got", result)
    yield "after"


o = outer()
print(next(o))
print(o.throw(KeyError("k")))


class Resource:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("open", self.name)
        return self

    def __exit__(self, *exc):
        print("close", self.name, exc[0].__name__ if exc[0] else None)
        return False


def reader(names):
    for name in names:
        with Resource(name) as r:
            yield r.name.upper()


for value in reader(["x", "y"]):
    print("read", value)

r = reader(["p", "q"])
print(next(r))
r.close()


def failing():
    yield 1
    raise ZeroDivisionError("in generator")


def safe(gen):
    try:
        yield from gen
    except ZeroDivisionError as e:
        yield f"caught: {e}"


print(list(safe(failing())))


def squares(n):
    return (i * i for i in range(n) if i % 2 == 0)


print(sum(squares(10)), list(squares(7)))
print(dict((k, v) for k, v in zip("abc", range(3))))

gen = (1 / x for x in [1, 0])
print(next(gen))
try:
    next(gen)
except ZeroDivisionError as e:
    print("genexp raised:", e)

w2 = worker([])
next(w2)
w2.throw(TypeError("unhandled in generator"))
