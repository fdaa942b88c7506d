# an exception escaping a coroutine driven by hand: the traceback goes through every
# coroutine frame (no asyncio frames involved)
class Step:
    def __await__(self):
        yield "tick"

async def leaf(n):
    await Step()
    return {}[n]

async def middle(n):
    print("middle", n)
    return await leaf(n)

c = middle("key")
print(c.send(None))
c.send(None)
