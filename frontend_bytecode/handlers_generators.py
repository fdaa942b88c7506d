"""Builder handlers for generators, coroutines and async generators: suspension points
(RETURN_GENERATOR, YIELD_VALUE, SEND) and the async protocols."""
from __future__ import annotations

from .build import PRODUCED, handles


@handles("ReturnGenerator", emits=("gen_start",))
def _return_generator(b, op):
    """Generators, coroutines and async generators alike (the runtime reads the code's flags)."""
    b.terminate("gen_start", [], [b.edge(op.next_offset, b.stack + [PRODUCED], implicit_last=True)])


@handles("YieldValue", emits=("yield", "yield_delegate"))
def _yield_value(b, op):
    """A plain yield, or the yield of a `yield from` loop (the one right after its SEND; CPython's
    gen.throw() tells it by the RESUME that follows), which delegates throw() to the receiver
    below it."""
    value = b.pop()
    resume = b.edge(op.next_offset, b.stack + [PRODUCED], implicit_last=True)
    send = b.previous.get(op.offset)
    if send is None or send.name != "Send":
        b.terminate("yield", [value], [resume])
        return
    returned = b.edge(send.target, b.stack[:-1] + [PRODUCED], implicit_last=True)
    b.terminate("yield_delegate", [value, b.peek(1)], [resume, returned])


@handles("Send", emits=("send",))
def _send(b, op):
    value = b.pop()
    receiver = b.peek(1)
    yielded = b.edge(op.next_offset, b.stack + [PRODUCED], implicit_last=True)
    returned = b.edge(op.target, b.stack[:-1] + [PRODUCED], implicit_last=True)
    b.terminate("send", [receiver, value], [yielded, returned])


@handles("GetYieldFromIter", emits=("get_iter",))
def _get_yield_from_iter(b, op):
    b.push(b.emit("get_iter", [b.pop()]))



@handles("GetAwaitable", emits=("get_awaitable",))
def _get_awaitable(b, op):
    b.push(b.emit("get_awaitable", [b.pop()], where=op.arg))


@handles("BeforeAsyncWith", emits=("async_with_enter", "tuple_item"))
def _before_async_with(b, op):
    pair = b.emit("async_with_enter", [b.pop()])
    b.push(b.emit("tuple_item", [pair], index=0))
    b.push(b.emit("tuple_item", [pair], index=1))


@handles("GetAiter", emits=("get_aiter",))
def _get_aiter(b, op):
    b.push(b.emit("get_aiter", [b.pop()]))


@handles("GetAnext", emits=("get_anext",))
def _get_anext(b, op):
    b.push(b.emit("get_anext", [b.peek(1)]))


@handles("EndAsyncFor", emits=("end_async_for",))
def _end_async_for(b, op):
    exc = b.pop()
    b.pop()
    b.emit("end_async_for", [exc])


@handles("AsyncGenWrap", emits=("async_gen_wrap",))
def _async_gen_wrap(b, op):
    b.push(b.emit("async_gen_wrap", [b.pop()]))
