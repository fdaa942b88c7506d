"""The constant pool printed as data (backends/rust/names.py): the Rust byte-string literal
decodes back to the program's bytes, and a reference decoder of the postfix program (the
same ops as the runtime's `init_const_table`) gives back every constant, exactly (types,
-0.0, big ints, bytes with spaces at line starts). The runtime's decoder is covered end to
end by tests/programs/big_literals.py."""
from __future__ import annotations

import math
import re
import struct

from pybc2wasm.backends.rust import names


def parse_rust_bytes(literal: str) -> bytes:
    assert literal.startswith('b"') and literal.endswith('"')
    body = re.sub(r"\\\n\s*", "", literal[2:-1])       # line continuations
    out, i = bytearray(), 0
    while i < len(body):
        if body[i] == "\\":
            assert body[i + 1] == "x", body[i:i + 4]
            out.append(int(body[i + 2:i + 4], 16))
            i += 4
        else:
            out.append(ord(body[i]))
            i += 1
    return bytes(out)


def decode(code: bytes, strings: list[str]) -> list:
    stack, at = [], 0

    def leb():
        nonlocal at
        v = shift = 0
        while True:
            b = code[at]
            at += 1
            v |= (b & 0x7F) << shift
            if b < 0x80:
                return v
            shift += 7

    def take(n):
        nonlocal at
        at += n
        return code[at - n:at]

    while at < len(code):
        op = chr(code[at])
        at += 1
        if op in "NTFE":
            stack.append({"N": None, "T": True, "F": False, "E": ...}[op])
        elif op == "s":
            stack.append(strings[leb()])
        elif op == "i":
            v = leb()
            stack.append((v >> 1) ^ -(v & 1))
        elif op == "I":
            stack.append(int(take(leb()).decode()))
        elif op == "f":
            stack.append(struct.unpack("<d", take(8))[0])
        elif op == "c":
            stack.append(complex(*struct.unpack("<dd", take(16))))
        elif op == "b":
            stack.append(bytes(take(leb())))
        elif op in "tz":
            n = leb()
            items = stack[len(stack) - n:]
            del stack[len(stack) - n:]
            stack.append(tuple(items) if op == "t" else frozenset(items))
        else:
            raise AssertionError(f"bad op {op!r}")
    return stack


def same(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return struct.pack("<d", a) == struct.pack("<d", b) or (math.isnan(a) and math.isnan(b))
    if isinstance(a, tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


VALUES = [
    0, 1, -1, 300, -300, 2 ** 63 - 1, -2 ** 63, 2 ** 63, -2 ** 64 - 7, 10 ** 50,
    0.0, -0.0, 1.5, float("inf"), -1e-300, 2 + 3j, -0.5j,
    None, True, False, ...,
    b"", b" leading", b"\x00\xff\\\"x y", b" " * 250,
    (), (1,), ((1, "a"), (2, ("b", 2.5, b" "))), tuple(range(-70, 70)),
    frozenset({1, "f"}), frozenset(), ("k", 1, "k", 2),
]


def test_rust_bytes_round_trip():
    data = bytes(range(256)) * 3 + b"    spaces    " * 20
    literal = names.rust_bytes(data)
    assert all(not line.startswith(" ") for line in literal.split("\n")[1:])
    assert parse_rust_bytes(literal) == data


def test_const_table_decodes_to_the_constants():
    pool = names.ConstPool()
    refs = [pool.ref(v, None) for v in VALUES]
    slots = [int(re.fullmatch(r"c\((\d+)\)", r).group(1)) for r in refs]
    rendered = pool.render()
    literal = re.search(r'K\.as_ptr\(\) as \*const Obj,\s*(b".*?[^\\]")\);', rendered, re.S).group(1)
    strings = sorted(pool.string_index, key=pool.string_index.get)
    decoded = decode(parse_rust_bytes(literal), strings)
    assert len(decoded) == len(pool.entries)
    for value, slot in zip(VALUES, slots):
        assert same(decoded[slot], value), (value, decoded[slot])


def test_equal_but_distinct_constants_get_their_own_slots():
    pool = names.ConstPool()
    refs = {pool.ref(v, None) for v in (1, 1.0, True, 0.0, -0.0, (1,), (1.0,), (True,))}
    assert len(refs) == 8
