"""Builder handlers for exception handling: the exception table's handler entry and exit
(PUSH_EXC_INFO, POP_EXCEPT, CHECK_EXC_MATCH, RERAISE), `with`, and `except*`."""
from __future__ import annotations

from .build import handles


@handles("PushExcInfo", emits=("push_exc_info",))
def _push_exc_info(b, op):
    exc = b.pop()
    b.push(b.emit("push_exc_info", [exc]))
    b.push(exc)


@handles("PopExcept", emits=("pop_except",))
def _pop_except(b, op):
    b.emit("pop_except", [b.pop()])


@handles("CheckExcMatch", emits=("exc_match",))
def _check_exc_match(b, op):
    ty = b.pop()
    b.push(b.emit("exc_match", [b.peek(1), ty]))


@handles("Reraise", emits=("reraise",))
def _reraise(b, op):
    b.terminate("reraise", [b.pop()], [])


@handles("BeforeWith", emits=("with_enter", "tuple_item"))
def _before_with(b, op):
    pair = b.emit("with_enter", [b.pop()])
    b.push(b.emit("tuple_item", [pair], index=0))
    b.push(b.emit("tuple_item", [pair], index=1))


@handles("WithExceptStart", emits=("with_except_start",))
def _with_except_start(b, op):
    b.push(b.emit("with_except_start", [b.peek(4), b.peek(1)]))



@handles("CheckEgMatch", emits=("check_eg_match", "tuple_item"))
def _check_eg_match(b, op):
    ty = b.pop()
    pair = b.emit("check_eg_match", [b.pop(), ty])
    b.push(b.emit("tuple_item", [pair], index=0))
    b.push(b.emit("tuple_item", [pair], index=1))


@handles("PrepReraiseStar", emits=("prep_reraise_star",))
def _prep_reraise_star(b, op):
    excs = b.pop()
    b.push(b.emit("prep_reraise_star", [b.pop(), excs]))
