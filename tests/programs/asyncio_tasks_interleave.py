import asyncio

async def worker(name, delay, n):
    for i in range(n):
        print(f"{name} step {i}")
        await asyncio.sleep(delay)
    return f"{name} done"

async def zero(name):
    for i in range(3):
        print(name, i)
        await asyncio.sleep(0)

async def main():
    print("main start")
    t1 = asyncio.create_task(worker("A", 0.1, 3))
    t2 = asyncio.create_task(worker("B", 0.45, 2))  # every event 0.1 s or more from A's: robust on a loaded machine
    print("tasks created", t1.get_name(), t2.get_name())
    r = await t1
    print("got", r, t1.done(), t2.done())
    print(await t2)
    res = await asyncio.gather(worker("C", 0.01, 2), worker("D", 0.01, 2), zero("Z"))
    print(res)
    await asyncio.gather(zero("X"), zero("Y"))
    print(await asyncio.sleep(0.5, result="slept"))
    return 7

print(asyncio.run(main()))
