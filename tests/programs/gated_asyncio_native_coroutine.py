# The native asyncio makes coroutine objects itself: a program with no `async def` that gets
# one from asyncio still needs the coroutine methods (issue 9, size).
import asyncio
c = asyncio.sleep(0)
print(type(c).__name__)
c.close()
print(asyncio.run(asyncio.sleep(0, "done")))
