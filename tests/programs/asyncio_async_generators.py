import asyncio

async def ticker(n, delay):
    try:
        for i in range(n):
            await asyncio.sleep(delay)
            yield i
    finally:
        print("ticker finally", n)

async def squares(src):
    async for x in src:
        yield x * x

async def main():
    async for v in ticker(3, 0.1):
        print("tick", v)
    print([x async for x in squares(ticker(4, 0.01))])
    g = ticker(5, 0.01)
    print(await g.__anext__(), await g.asend(None))
    await g.aclose()
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("closed gen: StopAsyncIteration")

asyncio.run(main())
