# queues and locks interleave through sleep(0) only (no timers: CPython's order is then exact), events,
# semaphores, cancellation, wait_for, errors in gather
import asyncio

async def producer(q, n, name):
    for i in range(n):
        await q.put(f"{name}{i}")
        print("put", f"{name}{i}", q.qsize())
        await asyncio.sleep(0)
    print(name, "producer done")

async def consumer(q, name):
    while True:
        item = await q.get()
        print(name, "got", item)
        for _ in range(len(name) + len(item)):
            await asyncio.sleep(0)
        q.task_done()

async def queues():
    q = asyncio.Queue(maxsize=2)
    cons = [asyncio.create_task(consumer(q, f"c{i}")) for i in range(2)]
    prods = [asyncio.create_task(producer(q, 4, p)) for p in "xy"]
    await asyncio.gather(*prods)
    await q.join()
    print("all processed", q.empty())
    for c in cons:
        c.cancel()
    res = await asyncio.gather(*cons, return_exceptions=True)
    print([type(r).__name__ for r in res])
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")

async def waiter(ev, name):
    print(name, "waiting")
    await ev.wait()
    print(name, "released")

async def events():
    ev = asyncio.Event()
    ts = [asyncio.create_task(waiter(ev, f"w{i}")) for i in range(3)]
    await asyncio.sleep(0.1)
    print("setting", ev.is_set())
    ev.set()
    await asyncio.gather(*ts)

async def locked(lock, name):
    async with lock:
        print(name, "acquired")
        # sleep(0) turns, not a timer: two holders sleeping the same time wake in the order
        # their timers became due, which a loaded machine reorders (CPython's own output too)
        for _ in range(3):
            await asyncio.sleep(0)
        print(name, "releasing")

async def locks():
    lock = asyncio.Lock()
    await asyncio.gather(*(locked(lock, f"L{i}") for i in range(3)))
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(locked(sem, f"S{i}") for i in range(5)))
    print(lock.locked(), sem.locked())

async def slow():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("slow cancelled")
        raise
    finally:
        print("slow finally")

async def cancels():
    t = asyncio.create_task(slow())
    await asyncio.sleep(0.1)
    print("cancel ->", t.cancel())
    try:
        await t
    except asyncio.CancelledError:
        print("caught CancelledError", t.cancelled())
    try:
        await asyncio.wait_for(slow(), timeout=0.5)
    except asyncio.TimeoutError:
        print("timed out")
    print(await asyncio.wait_for(asyncio.sleep(0.1, "fast"), 1))

async def boom(n):
    await asyncio.sleep(n)
    raise ValueError(f"boom {n}")

async def errors():
    try:
        await asyncio.gather(boom(0.1), asyncio.sleep(0.2))
    except ValueError as e:
        print("gather raised", e)
    r = await asyncio.gather(boom(0.1), asyncio.sleep(0.05, "ok"), return_exceptions=True)
    print(r)
    t = asyncio.create_task(boom(0))
    await asyncio.sleep(0.01)
    print(t.done(), type(t.exception()).__name__)

async def main():
    await queues()
    await events()
    await locks()
    await cancels()
    await errors()

asyncio.run(main())
