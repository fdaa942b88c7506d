"""Builder handlers for structural pattern matching (MATCH_*, GET_LEN)."""
from __future__ import annotations

from .build import handles


@handles("MatchMapping", emits=("match_mapping",))
def _match_mapping(b, op):
    b.push(b.emit("match_mapping", [b.peek(1)]))


@handles("MatchSequence", emits=("match_sequence",))
def _match_sequence(b, op):
    b.push(b.emit("match_sequence", [b.peek(1)]))


@handles("MatchKeys", emits=("match_keys",))
def _match_keys(b, op):
    b.push(b.emit("match_keys", [b.peek(2), b.peek(1)]))


@handles("MatchClass", emits=("match_class",))
def _match_class(b, op):
    kwnames, cls, subject = b.pop(), b.pop(), b.pop()
    b.push(b.emit("match_class", [subject, cls, kwnames], npos=op.arg))


@handles("GetLen", emits=("get_len",))
def _get_len(b, op):
    b.push(b.emit("get_len", [b.peek(1)]))
