
class Awaitable:
    def __await__(self):
        x = yield "step1"
        print("got", x)
        return 42

async def inner(n):
    v = await Awaitable()
    return v + n

async def outer():
    r = await inner(1)
    print("inner ->", r)
    try:
        await 5
    except TypeError as e:
        print("TypeError:", e)
    return "done"

c = outer()
print(type(c).__name__, repr(c).split(" at ")[0])
print(c.send(None))
try:
    c.send("hello")
except StopIteration as e:
    print("stop", e.value)
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    iter(c)
except TypeError as e:
    print("TypeError:", e)

class ACM:
    async def __aenter__(self):
        print("enter")
        return self
    async def __aexit__(self, *a):
        print("exit", a[0].__name__ if a[0] else None)
        return True

class AIt:
    def __init__(self, n):
        self.i = 0; self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i

async def main():
    async with ACM() as m:
        print("body", type(m).__name__)
        raise ValueError("x")
    async for i in AIt(3):
        print("it", i)
    print([i async for i in AIt(4)])
    try:
        async for i in 5:
            pass
    except TypeError as e:
        print("TypeError:", e)
    try:
        async with 5:
            pass
    except TypeError as e:
        print("TypeError:", e)

def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value
run(main())
c2 = inner(3)
w = c2.__await__()
print(next(w))
try:
    w.send(1)
except StopIteration as e:
    print("wrapper stop", e.value)
c3 = outer()
c3.close()
