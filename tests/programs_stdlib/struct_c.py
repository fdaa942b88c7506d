import struct

T = [
    ('struct.pack("b",200)', lambda: struct.pack("b",200)),
    ('struct.pack("<b",200)', lambda: struct.pack("<b",200)),
    ('struct.pack("B",-1)', lambda: struct.pack("B",-1)),
    ('struct.pack("<h",70000)', lambda: struct.pack("<h",70000)),
    ('struct.pack("H",-1)', lambda: struct.pack("H",-1)),
    ('struct.pack("<H",-1)', lambda: struct.pack("<H",-1)),
    ('struct.pack("<i",2**31)', lambda: struct.pack("<i",2**31)),
    ('struct.pack("i",2**31)', lambda: struct.pack("i",2**31)),
    ('struct.pack("I",-1)', lambda: struct.pack("I",-1)),
    ('struct.pack("<I",-1)', lambda: struct.pack("<I",-1)),
    ('struct.pack("<q",2**63)', lambda: struct.pack("<q",2**63)),
    ('struct.pack("Q",-1)', lambda: struct.pack("Q",-1)),
    ('struct.pack("<Q",2**64)', lambda: struct.pack("<Q",2**64)),
    ('struct.pack("l",2**63)', lambda: struct.pack("l",2**63)),
    ('struct.pack("<l",2**31)', lambda: struct.pack("<l",2**31)),
    ('struct.pack("<L",2**32)', lambda: struct.pack("<L",2**32)),
    ('struct.pack("L",-1)', lambda: struct.pack("L",-1)),
    ('struct.pack("i",1.5)', lambda: struct.pack("i",1.5)),
    ('struct.pack("f","a")', lambda: struct.pack("f","a")),
    ('struct.pack("c",b"ab")', lambda: struct.pack("c",b"ab")),
    ('struct.pack("s",1)', lambda: struct.pack("s",1)),
    ('struct.pack("y",1)', lambda: struct.pack("y",1)),
    ('struct.pack("3")', lambda: struct.pack("3")),
    ('struct.pack("i")', lambda: struct.pack("i")),
    ('struct.pack("i",1,2)', lambda: struct.pack("i",1,2)),
    ('struct.unpack("i",b"ab")', lambda: struct.unpack("i",b"ab")),
    ('struct.unpack_from("i",b"abcd",2)', lambda: struct.unpack_from("i",b"abcd",2)),
    ('struct.unpack_from("i",b"abcd",-9)', lambda: struct.unpack_from("i",b"abcd",-9)),
    ('struct.iter_unpack("i",b"abc")', lambda: struct.iter_unpack("i",b"abc")),
    ('struct.Struct(1)', lambda: struct.Struct(1)),
    ('struct.calcsize("<e")', lambda: struct.calcsize("<e")),
    ('struct.pack("<e",1e10)', lambda: struct.pack("<e",1e10)),
    ('struct.pack("?",[])', lambda: struct.pack("?",[])),
    ('struct.calcsize("999999999999999999999i")', lambda: struct.calcsize("999999999999999999999i")),
    ('struct.pack("<f",1e300)', lambda: struct.pack("<f",1e300)),
    ('struct.pack("n",1)', lambda: struct.pack("n",1)),
    ('struct.pack("<n",1)', lambda: struct.pack("<n",1)),
    ('struct.pack("p",b"abc")', lambda: struct.pack("p",b"abc")),
    ('struct.pack("5p",b"abc")', lambda: struct.pack("5p",b"abc")),
    ('struct.unpack("5p",b"\\x09abcd")', lambda: struct.unpack("5p",b"\x09abcd")),
    ('struct.pack("i", True)', lambda: struct.pack("i", True)),
    ('struct.pack("x")', lambda: struct.pack("x")),
    ('struct.pack("<I", 2**32)', lambda: struct.pack("<I", 2**32)),
    ('struct.pack("h", 2**20)', lambda: struct.pack("h", 2**20)),
    ('struct.unpack(b"<h", b"ab")', lambda: struct.unpack(b"<h", b"ab")),
    ('struct.pack("q", 2**64)', lambda: struct.pack("q", 2**64)),
    ('struct.pack("i", "1")', lambda: struct.pack("i", "1")),
    ('struct.unpack_from("i", b"abcdefgh", offset=9)', lambda: struct.unpack_from("i", b"abcdefgh", offset=9)),
    ('struct.pack_into("i", b"abcd", 0, 1)', lambda: struct.pack_into("i", b"abcd", 0, 1)),
    ('struct.iter_unpack("", b"")', lambda: struct.iter_unpack("", b"")),
    ('struct.unpack("i", "abcd")', lambda: struct.unpack("i", "abcd")),
    ('struct.calcsize("@bid")', lambda: struct.calcsize("@bid")),
    ('struct.calcsize("=bid")', lambda: struct.calcsize("=bid")),
    ('struct.calcsize("ci")', lambda: struct.calcsize("ci")),
    ('struct.calcsize("ic")', lambda: struct.calcsize("ic")),
    ('struct.calcsize("3s2xq")', lambda: struct.calcsize("3s2xq")),
    ('struct.calcsize("!3s2xq")', lambda: struct.calcsize("!3s2xq")),
    ('struct.pack(">hHiIqQ", -2, 65535, -3, 7, -(2**63), 2**64 - 1)', lambda: struct.pack(">hHiIqQ", -2, 65535, -3, 7, -(2**63), 2**64 - 1)),
    ('struct.pack("<?cs3s", 5, b"z", b"abc", b"de")', lambda: struct.pack("<?cs3s", 5, b"z", b"abc", b"de")),
    ('struct.pack("@bhiq", 1, 2, 3, 4)', lambda: struct.pack("@bhiq", 1, 2, 3, 4)),
    ('struct.pack("!d", 1.5)', lambda: struct.pack("!d", 1.5)),
    ('struct.pack("<f", 0.1)', lambda: struct.pack("<f", 0.1)),
    ('struct.pack(">e", 0.1)', lambda: struct.pack(">e", 0.1)),
    ('struct.pack("<e", 65504.0)', lambda: struct.pack("<e", 65504.0)),
    ('struct.pack("<e", 65520.0)', lambda: struct.pack("<e", 65520.0)),
    ('struct.pack("<e", 5.96e-08)', lambda: struct.pack("<e", 5.96e-08)),
    ('struct.pack("<e", -0.0)', lambda: struct.pack("<e", -0.0)),
    ('struct.unpack("<e", b"\\x00\\x7c")', lambda: struct.unpack("<e", b"\x00\x7c")),
    ('struct.unpack("<e", b"\\x01\\x00")', lambda: struct.unpack("<e", b"\x01\x00")),
    ('struct.unpack("<4e", struct.pack("<4e", 1.0, -2.5, 1e-5, 3.14159))', lambda: struct.unpack("<4e", struct.pack("<4e", 1.0, -2.5, 1e-5, 3.14159))),
    ('struct.unpack(">hHiIqQ", struct.pack(">hHiIqQ", -2, 65535, -3, 7, -(2**63), 2**64 - 1))', lambda: struct.unpack(">hHiIqQ", struct.pack(">hHiIqQ", -2, 65535, -3, 7, -(2**63), 2**64 - 1))),
    ('struct.unpack("<?cs3s", b"\\x02zabc")', lambda: struct.unpack("<?cs3s", b"\x02zabc")),
    ('struct.unpack("@bhiq", struct.pack("@bhiq", -1, -2, -3, -4))', lambda: struct.unpack("@bhiq", struct.pack("@bhiq", -1, -2, -3, -4))),
    ('struct.unpack("<f", struct.pack("<f", 0.1))', lambda: struct.unpack("<f", struct.pack("<f", 0.1))),
    ('struct.unpack("nNP", struct.pack("nNP", -5, 5, 1234))', lambda: struct.unpack("nNP", struct.pack("nNP", -5, 5, 1234))),
    ('struct.unpack_from("<h", b"xxab", 2)', lambda: struct.unpack_from("<h", b"xxab", 2)),
    ('struct.unpack_from("<h", b"xxab", offset=-2)', lambda: struct.unpack_from("<h", b"xxab", offset=-2)),
    ('list(struct.iter_unpack("<hb", b"abcdefghi"))', lambda: list(struct.iter_unpack("<hb", b"abcdefghi"))),
    ('struct.pack("<i", 2**40)', lambda: struct.pack("<i", 2**40)),
    ('struct.pack("<q", 1.0)', lambda: struct.pack("<q", 1.0)),
    ('struct.pack("<d", 10**400)', lambda: struct.pack("<d", 10**400)),
    ('struct.pack("<d", "x")', lambda: struct.pack("<d", "x")),
    ('struct.pack("0s")', lambda: struct.pack("0s")),
    ('struct.unpack("0s", b"")', lambda: struct.unpack("0s", b"")),
    ('struct.pack(" < h h ", 1, 2)', lambda: struct.pack(" < h h ", 1, 2)),
    ('struct.pack("<2h", 1, 2)', lambda: struct.pack("<2h", 1, 2)),
    ('struct.unpack("3c", b"abc")', lambda: struct.unpack("3c", b"abc")),
    ('struct.pack("<256p", b"a" * 300)[:2]', lambda: struct.pack("<256p", b"a" * 300)[:2]),
    ('struct.unpack("<p", b"\\x05")', lambda: struct.unpack("<p", b"\x05")),
    ('struct.pack("<5s", b"ab")', lambda: struct.pack("<5s", b"ab")),
    ('struct.pack("<2s", b"abcd")', lambda: struct.pack("<2s", b"abcd")),
]
for t, f in T:
    try:
        print(t, '->', repr(f()))
    except Exception as e:
        print(t, '->', type(e).__name__, e)

s = struct.Struct("<hi")
print(s.format, s.size, type(s).__name__, struct.Struct.__module__, struct.error.__module__, struct.error.__mro__)
print(s.pack(1, 2), s.unpack(s.pack(-1, -2)), s.unpack_from(b"xx" + s.pack(3, 4), 2), list(s.iter_unpack(s.pack(5, 6) * 2)))
print(struct.Struct(b">q").format, struct.Struct(format="b").size)
it = struct.iter_unpack("<h", b"abcdef")
print(type(it).__name__, it.__length_hint__(), next(it), it.__length_hint__(), list(it))
class MyStruct(struct.Struct):
    pass
m = MyStruct("<H")
print(type(m).__name__, m.pack(7), m.size, isinstance(m, struct.Struct))
try:
    struct.pack("b", 300)
except struct.error as e:
    print("struct.error:", e, isinstance(e, Exception))
