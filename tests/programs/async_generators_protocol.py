class Sus:
    def __await__(self):
        v = yield "suspend"
        return v

async def agen(n):
    try:
        for i in range(n):
            x = await Sus()
            print("resumed with", x)
            yield i * 10
    finally:
        print("agen finally")

def drive(aw, sends=()):
    sends = list(sends)
    try:
        v = aw.send(None)
        while True:
            print("  passthrough", v)
            v = aw.send(sends.pop(0) if sends else None)
    except StopIteration as e:
        return ("value", e.value)
    except StopAsyncIteration:
        return ("end",)

g = agen(2)
print(type(g).__name__, repr(g).split(" at ")[0])
print(g.__aiter__() is g)
print(drive(g.__anext__(), ["a"]))
print(drive(g.__anext__(), ["b"]))
print(drive(g.__anext__(), ["c"]))
print(drive(g.__anext__()))

g = agen(5)
print(drive(g.__anext__()))
print(drive(g.aclose()))
print(drive(g.__anext__()))

async def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2

s = stubborn()
print(drive(s.__anext__()))
try:
    drive(s.aclose())
except RuntimeError as e:
    print("RuntimeError:", e)

async def thrower():
    try:
        yield 1
    except ValueError as e:
        print("caught", e)
        yield 99
    yield 100

t = thrower()
print(drive(t.__anext__()))
print(drive(t.athrow(ValueError("boom"))))
print(drive(t.asend(None)))
print(drive(t.__anext__()))

async def comp():
    return [x async for x in agen(3)]
print(drive(comp()))
async def bad():
    yield 1
    raise StopAsyncIteration
b = bad()
drive(b.__anext__())
try:
    drive(b.__anext__())
except RuntimeError as e:
    print("RuntimeError:", e)
