# Coroutine and async-generator methods are linked only into programs with async code or
# the native asyncio (issue 9, size). Here coroutines are driven by hand (send/throw/close),
# with no event loop.
async def add(a, b):
    return a + b

async def main():
    r = await add(1, 2)
    return r * 10

c = main()
try:
    c.send(None)
except StopIteration as e:
    print("result", e.value)
d = add(3, 4)
print(type(d).__name__)
d.close()
e = add(1, 1)
try:
    e.throw(KeyError("x"))
except KeyError as err:
    print("KeyError", err)

async def agen():
    yield 1
    yield 2

a = agen()
n = a.__anext__()
try:
    n.send(None)
except StopIteration as s:
    print("first", s.value)
print(type(a).__name__, type(a.__aiter__()).__name__)
