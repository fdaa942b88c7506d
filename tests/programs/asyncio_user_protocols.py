# async with / async for over user classes, driven by asyncio; timer ordering. Delays avoid
# equal deadlines reached from different loop iterations: CPython orders those by real-time
# jitter (each wake-up of the selector is up to a millisecond late), the virtual clock by
# scheduling order.
import asyncio

class Resource:
    def __init__(self, name, suppress=False):
        self.name, self.suppress = name, suppress

    async def __aenter__(self):
        await asyncio.sleep(0.01)
        print("open", self.name)
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(0)
        print("close", self.name, exc_type.__name__ if exc_type else None)
        return self.suppress

class Countdown:
    def __init__(self, n, delay):
        self.n, self.delay = n, delay

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        await asyncio.sleep(self.delay)
        self.n -= 1
        return self.n

async def use(name, n, delay):
    async with Resource(name) as r:
        async for i in Countdown(n, delay):
            print(f"{r.name}: {i} at {await asyncio.sleep(0, 'now')}")
    return name

async def main():
    # delays far apart (c's steps end by 0.04 s, a's at 0.31/0.61/0.91, b's at 1.21/2.41), so
    # the order survives a loaded machine: at 0.1 s apart a Pyodide oracle starved of CPU
    # (load 20) interleaved a's first step with c's
    print(await asyncio.gather(use("a", 3, 0.3), use("b", 2, 1.2), use("c", 3, 0.01)))
    async with Resource("quiet", suppress=True):
        raise KeyError("hidden")
    try:
        async with Resource("loud"):
            raise KeyError("shown")
    except KeyError as e:
        print("propagated", e)
    print(sum([i async for i in Countdown(5, 0) if i % 2]))
    print({i: await asyncio.sleep(0, i * i) async for i in Countdown(3, 0)})
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    for delay, tag in [(0.2, "late"), (0.1, "first"), (0.1, "second"), (0, "soon")]:
        loop.call_later(delay, print, "timer", tag)
    loop.call_soon(print, "call_soon 1")
    loop.call_soon(print, "call_soon 2")
    h = loop.call_later(0.15, print, "never")
    h.cancel()
    loop.call_later(0.25, done.set_result, "finished")
    print(await done)

asyncio.run(main())
