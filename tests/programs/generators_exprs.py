# yield as an expression with values live on the stack across the suspension.
def show(*parts):
    return "|".join(str(p) for p in parts)


def mid_call():
    while True:
        line = show("a", (yield "first"), "b", (yield "second"))
        if (yield line) == "stop":
            return "stopped"


def mid_build():
    d = {"k": (yield 1), "j": (yield 2)}
    t = ((yield 3), (yield 4))
    s = f"<{(yield 5)}>"
    yield (d, t, s)


def accumulate():
    total = 0
    while True:
        total = total + (yield total)


def controlled(limit):
    n = 0
    while True:
        n += 1
        if n % 2:
            continue
        if n > limit:
            break
        yield n
    yield "after break"


def maybe(flag):
    if flag:
        y = "bound"
    yield 0
    print("y is", y)
    yield 1


def lines():
    for i in range(3):
        for j in range(3):
            if j > i:
                break
            yield (i, j)


m = mid_call()
print(next(m), m.send(10), m.send(20), m.send(None), m.send(30), m.send(40))
def wrap(gen):
    r = yield from gen
    yield ("returned", r)


w = wrap(mid_call())
print(next(w), w.send(1), w.send(2), w.send("stop"))
b = mid_build()
out = [next(b)]
for v in ("x", "y", "z", "w", "v"):
    out.append(b.send(v))
print(out)
acc = accumulate()
next(acc)
print([acc.send(k) for k in range(1, 6)])
print(list(controlled(7)))
print(list(maybe(True)))
print(list(lines()))
g = maybe(False)
print(next(g))
next(g)
