"""Naming and literal helpers for the Rust printer: the constant pool, code statics, Rust
string literals, and the boxing conventions at the boundary with LLVM code."""
from __future__ import annotations

import math
import struct
import zlib
from typing import Callable

from ...diagnostics import CompileError, Location
from ...tir import types as T

SMALL_INTS = range(-5, 257)


def code(fid: int) -> str:
    return f"CODE_{fid}"


def rust_str(s: str) -> str:
    out = []
    for ch in s:
        cp = ord(ch)
        if 0xD800 <= cp <= 0xDFFF:
            raise ValueError("lone surrogate")
        if ch in '"\\':
            out.append("\\" + ch)
        elif 0x20 <= cp < 0x7F:
            out.append(ch)
        else:
            out.append(f"\\u{{{cp:x}}}")
    return '"' + "".join(out) + '"'


class ConstPool:
    """Constants and names, built once at start-up: strings into `K` from one static byte
    string of their lengths and texts (one loop, no code per string), referenced as `k(i)`; every other constant into
    `C` by one runtime call over a byte-string program (data, not code: a module of big
    constant tables builds fast), referenced as `c(i)`. Both are `&'static Obj`."""

    def __init__(self):
        self.strings: list[str] = []
        self.string_index: dict[str, int] = {}
        self.entries: list[bytes] = []
        self.index: dict[tuple, int] = {}
        self._string_location = None
        self.attr_sites = 0      # inline cache records: attribute sites, LOAD_GLOBAL sites
        self.global_sites = 0

    def attr_ic(self) -> str:
        """A fresh attribute site's cache record (`*mut AttrIc`)."""
        self.attr_sites += 1
        return f"aic({self.attr_sites - 1})"

    def global_ic(self) -> str:
        """A fresh LOAD_GLOBAL site's cache record (`*mut GlobalIc`)."""
        self.global_sites += 1
        return f"gic({self.global_sites - 1})"

    def _str(self, value: str, location) -> int:
        if value not in self.string_index:
            try:
                literal = rust_str(value)
            except ValueError:
                raise CompileError("a string constant with a lone surrogate is not supported yet",
                                   location() if location else None) from None
            self.string_index[value] = len(self.strings)
            self.strings.append(value)
        return self.string_index[value]

    def _slot(self, value, location) -> str:
        if isinstance(value, str):
            return f"k({self._str(value, location)})"
        key = _key(value)
        if key not in self.index:
            expr = self._build(value, location)
            self.index[key] = len(self.entries)
            self.entries.append(expr)
        return f"c({self.index[key]})"

    def name(self, value) -> str:
        """A `&Obj` for a name (str) or a tuple of names, shared by every use."""
        return self._slot(value, None)

    def constant(self, value, location: Callable[[], Location] | None) -> str:
        """An owned `Obj` expression for a constant."""
        if value is None:
            return "Obj::none()"
        if isinstance(value, bool):
            return f"Obj::bool({'true' if value else 'false'})"
        if isinstance(value, int) and value in SMALL_INTS:
            return f"Obj::int({value})"
        return f"{self._slot(value, location)}.clone()"

    def ref(self, value, location: Callable[[], Location] | None) -> str:
        """A `&'static Obj` expression for a constant (a pool slot, small ints and None too)."""
        return self._slot(value, location)

    def _build(self, value, location) -> bytes:
        """`value` as a postfix program for the runtime's `init_const_table` (ops: N T F E
        none/true/false/Ellipsis, `s` u: string slot, `i` z: int64, `I` u + digits: big int,
        `f` 8 bytes: float bits, `c` 16: complex,
        `b` u + bytes, `t`/`z` u: tuple/frozenset of the last u)."""
        if value is None:
            return b"N"
        if isinstance(value, bool):
            return b"T" if value else b"F"
        if isinstance(value, int):
            if -(1 << 63) <= value < (1 << 63):
                return b"i" + _leb((value << 1) ^ (value >> 63))
            digits = str(value).encode()
            return b"I" + _leb(len(digits)) + digits
        if isinstance(value, float):
            return b"f" + struct.pack("<d", value)
        if isinstance(value, complex):
            return b"c" + struct.pack("<dd", value.real, value.imag)
        if isinstance(value, str):
            return b"s" + _leb(self._str(value, location))
        if isinstance(value, bytes):
            return b"b" + _leb(len(value)) + value
        if isinstance(value, tuple):
            return b"".join(self._build(v, location) for v in value) + b"t" + _leb(len(value))
        if value is Ellipsis:
            return b"E"
        if isinstance(value, frozenset):
            items = sorted(value, key=lambda v: repr(_key(v)))   # deterministic source text
            return b"".join(self._build(v, location) for v in items) + b"z" + _leb(len(items))
        raise CompileError(f"a constant of type {type(value).__name__} is not supported yet",
                           location() if location else None)

    def render(self) -> str:
        # statics at fixed addresses: `k(i)` is a constant address, no load of a base pointer
        # the strings as one byte string, each its UTF-8 length (LEB128) then its bytes: a
        # table of `&str` would take two words per string besides the text
        texts = [s.encode() for s in self.strings]
        ns, nc = len(self.strings), len(self.entries)
        strings, init_strings = _string_table(b"".join(_leb(len(t)) + t for t in texts), ns)
        table = rust_bytes(b"".join(self.entries))
        return (f"static KS: &[u8] = {strings};\n"
                f"static mut K: [std::mem::MaybeUninit<Obj>; {ns}] = [UNINIT_OBJ; {ns}];\n"
                f"static mut C: [std::mem::MaybeUninit<Obj>; {nc}] = [UNINIT_OBJ; {nc}];\n"
                "#[inline(always)]\nfn k(i: usize) -> &'static Obj { unsafe { &*(K.as_ptr().add(i) as *const Obj) } }\n"
                "#[inline(always)]\nfn c(i: usize) -> &'static Obj { unsafe { &*(C.as_ptr().add(i) as *const Obj) } }\n"
                + self._render_ics() +
                f"fn init_consts() {{\n    unsafe {{\n        {init_strings};\n"
                f"        init_const_table(C.as_mut_ptr() as *mut Obj, {nc}, K.as_ptr() as *const Obj,\n"
                f"            {table});\n    }}\n}}\n")

    def _render_ics(self) -> str:
        """The unit's inline cache records, one per site (zeroed statics: no size on disk)."""
        na, ng = self.attr_sites, self.global_sites
        return (f"static mut AIC: [AttrIc; {na}] = [ATTR_IC_EMPTY; {na}];\n"
                f"static mut GIC: [GlobalIc; {ng}] = [GLOBAL_IC_EMPTY; {ng}];\n"
                "#[inline(always)]\nfn aic(i: usize) -> *mut AttrIc { unsafe { (std::ptr::addr_of_mut!(AIC) as *mut AttrIc).add(i) } }\n"
                "#[inline(always)]\nfn gic(i: usize) -> *mut GlobalIc { unsafe { (std::ptr::addr_of_mut!(GIC) as *mut GlobalIc).add(i) } }\n")


# A unit's string table is stored deflated when that saves at least this much: names and
# docstrings are about 40 % of a library unit's data and shrink by a third, at the cost of one
# inflate per unit at start-up (docs/modules.md, "Output size")
DEFLATE_MIN_SAVING = 256


def _string_table(table: bytes, count: int) -> tuple[str, str]:
    """The `KS` literal and the statement that builds the `K` slots from it: the table as it is,
    or raw DEFLATE (level 9) with its inflated length when that is `DEFLATE_MIN_SAVING` smaller."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = packer.compress(table) + packer.flush()
    if len(table) - len(packed) >= DEFLATE_MIN_SAVING:
        return (rust_bytes(packed),
                f"init_str_slots_deflated(K.as_mut_ptr() as *mut Obj, {count}, KS, {len(table)})")
    return rust_bytes(table), f"init_str_slots(K.as_mut_ptr() as *mut Obj, {count}, KS)"


def _leb(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def rust_bytes(data: bytes, width: int = 100) -> str:
    """A Rust byte-string literal, split into lines of about `width` characters."""
    parts, line = [], []
    size = 0
    for b in data:
        # escaped spaces too: a line continuation skips the next line's leading whitespace
        ch = chr(b) if 0x20 < b < 0x7F and b not in (0x22, 0x5C) else f"\\x{b:02x}"
        line.append(ch)
        size += len(ch)
        if size >= width:
            parts.append("".join(line))
            line, size = [], 0
    parts.append("".join(line))
    return 'b"' + "\\\n".join(parts) + '"'


def _key(value) -> tuple:
    """A pool key telling apart values Python treats as equal (1, 1.0, True, -0.0, 0.0)."""
    if isinstance(value, tuple):
        return ("tuple",) + tuple(_key(v) for v in value)
    if isinstance(value, float):
        return ("float", struct.pack("<d", value)) if not math.isnan(value) else ("float", "nan")
    if isinstance(value, complex):
        return ("complex", struct.pack("<dd", value.real, value.imag))
    if isinstance(value, frozenset):
        return ("frozenset",) + tuple(sorted((_key(v) for v in value), key=repr))
    return (type(value).__name__, value)


# ---------------------------------------------------------------- the LLVM boundary

def abi_type(t: T.Type) -> str:
    return {T.INT: "i64", T.FLOAT: "f64", T.BOOL: "u8", T.LIST: "*mut PyObjectHeader",
            T.NONE: "u8"}[t]


def unbox(t: T.Type, expr: str) -> str:
    if t == T.INT:
        return f"{expr}.as_i64()"
    if t == T.FLOAT:
        return f"{expr}.as_f64()"
    if t == T.LIST:
        return f"exact_list_ptr(&{expr})"
    return (f"(if {expr}.is(&Obj::bool(true)) {{ Some(1u8) }} "
            f"else if {expr}.is(&Obj::bool(false)) {{ Some(0u8) }} else {{ None }})")


def box(t: T.Type, expr: str) -> str:
    return {T.INT: f"Obj::int({expr})", T.FLOAT: f"Obj::float({expr})",
            T.BOOL: f"Obj::bool({expr} != 0)", T.NONE: "Obj::none()"}[t]
