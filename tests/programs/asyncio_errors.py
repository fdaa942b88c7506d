# errors through asyncio, caught and printed: CPython's traceback of an exception escaping
# asyncio.run() also shows frames of asyncio's own files (runners.py, base_events.py), which
# a compiled program does not have, so these tests catch what asyncio.run raises.
import asyncio

async def fail(delay, exc):
    await asyncio.sleep(delay)
    raise exc

async def main():
    t = asyncio.create_task(fail(0.1, RuntimeError("task failed")))
    try:
        await t
    except RuntimeError as e:
        print("awaited task raised:", e, t.done(), t.cancelled())
    print("exception():", repr(t.exception()))
    try:
        t.result()
    except RuntimeError as e:
        print("result() raised:", e)
    f = asyncio.get_running_loop().create_future()
    try:
        f.result()
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    f.set_result(5)
    print(f.done(), f.result(), await f)
    c = asyncio.create_task(asyncio.sleep(1))
    await asyncio.sleep(0)
    c.cancel("stop it")
    try:
        await c
    except asyncio.CancelledError as e:
        print("cancelled with", e.args)
    try:
        c.result()
    except asyncio.CancelledError as e:
        print("result() of cancelled:", e.args)
    coro = fail(0, None)
    print(asyncio.iscoroutine(coro), asyncio.iscoroutine(fail), asyncio.iscoroutinefunction(fail))
    coro.close()
    raise ValueError("from main")

try:
    asyncio.run(main())
except ValueError as e:
    print("asyncio.run raised:", e)

async def uses_run():
    inner = asyncio.sleep(0)
    try:
        asyncio.run(inner)
    finally:
        inner.close()

try:
    asyncio.run(uses_run())
except RuntimeError as e:
    print("RuntimeError:", e)

try:
    asyncio.run(5)
except (ValueError, TypeError) as e:     # 3.14: TypeError (any awaitable is accepted)
    print(type(e).__name__ + ":", e)

async def cancels_itself():
    asyncio.current_task().cancel()
    await asyncio.sleep(0)

try:
    asyncio.run(cancels_itself())
except asyncio.CancelledError:
    print("main task cancelled")
print(issubclass(asyncio.CancelledError, BaseException), asyncio.TimeoutError is TimeoutError)
