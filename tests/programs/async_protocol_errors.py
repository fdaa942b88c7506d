# CPython's messages for objects that do not support the async protocols
class NoAexit:
    async def __aenter__(self):
        return self

class BadAenter:
    def __aenter__(self):
        return 1
    def __aexit__(self, *a):
        return 2

class AiterNoAnext:
    def __aiter__(self):
        return 5

class AnextInvalid:
    def __aiter__(self):
        return self
    def __anext__(self):
        return 3

class AwaitNotIter:
    def __await__(self):
        return 1

made = []   # coroutines closed at the end (CPython warns about never-awaited ones)

class AwaitCoroutine:
    def __await__(self):
        made.append(forever())
        return made[-1]

async def forever():
    return 1

async def check(label, make):
    try:
        await make()
    except Exception as e:
        print(label, type(e).__name__, e, "| cause:", type(e.__cause__).__name__)

async def use_with(obj):
    async with obj:
        pass

async def use_for(obj):
    async for _ in obj:
        pass

async def await_it(obj):
    return await obj

async def main():
    await check("await int", lambda: await_it(3))
    await check("await list", lambda: await_it([]))
    await check("await non-iterator", lambda: await_it(AwaitNotIter()))
    await check("await returns coroutine", lambda: await_it(AwaitCoroutine()))
    await check("async with int", lambda: use_with(1))
    await check("async with no __aexit__", lambda: use_with(NoAexit()))
    await check("async with bad __aenter__", lambda: use_with(BadAenter()))
    await check("async for int", lambda: use_for(7))
    await check("async for no __anext__", lambda: use_for(AiterNoAnext()))
    await check("async for bad __anext__", lambda: use_for(AnextInvalid()))

def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value

run(main())
c = forever()
run(c)
for action in (lambda: c.send(None), lambda: c.throw(ValueError("x")), c.close):
    try:
        print("->", action())
    except Exception as e:
        print(type(e).__name__, e)

async def gen_in_coro():
    try:
        await AwaitCoroutine()
    except TypeError as e:
        print("TypeError", e)
run(gen_in_coro())
print(type(forever).__name__, type(c).__name__)
for m in made:
    m.close()
