# yield from: sub-generators and plain iterables, return values, send/throw/close delegation.


def inner(tag):
    got = yield tag + ":1"
    print("inner got", got)
    got = yield tag + ":2"
    print("inner got", got)
    return tag + " result"


def middle():
    r = yield from inner("a")
    print("middle r =", r)
    r2 = yield from inner("b")
    return (r, r2)


def outer():
    r = yield from middle()
    print("outer r =", r)
    yield from range(3)
    x = yield from "xy"
    print("plain iterable returns", x)
    yield from []
    return "outer done"


def flatten(x):
    for item in x:
        if type(item) is list:
            yield from flatten(item)
        else:
            yield item


def averager():
    total = 0
    count = 0
    avg = None
    while True:
        value = yield avg
        if value is None:
            return (count, avg)
        total += value
        count += 1
        avg = total / count


def collect(results):
    while True:
        r = yield from averager()
        results.append(r)


def echo():
    while True:
        got = yield
        print("echo got", got)


def relay():
    yield from echo()


print(list(outer()))
print(list(flatten([1, [2, [3, [4, []], 5]], [[6]]])))

g = middle()
print(next(g))
print(g.send("s1"))
print(g.send("s2"))
print(g.send("s3"))
print(next(g, "exhausted"))

results = []
c = collect(results)
next(c)
for v in (10, 20, 60):
    print("avg", c.send(v))
c.send(None)
for v in (1, 2):
    print("avg", c.send(v))
c.send(None)
print(results)

r = relay()
next(r)
r.send(1)
r.send("two")
r.close()
print(next(r, "relay closed"))

# close() of a generator suspended inside `yield from` closes the sub-generator too
sub = inner("c")
def delegating(s):
    yield from s
    print("not reached")
d = delegating(sub)
print(next(d))
d.close()
print(next(d, "d closed"), next(sub, "sub closed"))

# close() before the start and after the end
fresh = inner("f")
fresh.close()
print(next(fresh, "fresh closed"))
done = inner("z")
print(list(done))
done.close()

# the uncaught error case: throw() through two levels of `yield from`
deep = outer()
print(next(deep), next(deep))
deep.throw(KeyError("deep"))
