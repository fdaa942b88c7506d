# bytes % args (PEP 461) and bytearray % args, with their errors
class WithBytes:
    def __bytes__(self):
        return b"<wb>"


CASES = [
    (b"%s", 5), (b"%c", 300), (b"%c", "a"), (b"%c", 65), (b"%c", b"z"), (b"%x|%X|%o", (255, 255, 8)),
    (b"%b", b"xy"), (b"%r", "\xe9"), (b"%a", b"z"), (b"%(k)s", {b"k": b"v"}),
    (b"%5.1f|%-4d|%+d|%05d", (2.25, 7, 3, -42)), (b"%s", bytearray(b"q")), (b"%s", "str"),
    (b"%y", 1), (b"%s %s", (b"a",)), (b"%d", b"1"), (b"%s", WithBytes()), (b"%s", memoryview(b"mv")),
    (b"100%%", ()), (b"%s", (b"a", b"b")), (b"no args", 5), (b"%.2s|%5s|%-5s|", (b"abc", b"ab", b"ab")),
    (b"\xff%s\x00", b"\x80"), (b"%i %u", (3, 4)), (b"%e %g", (12345.678, 0.0001)),
]
for fmt, arg in CASES:
    try:
        print(repr(fmt % arg))
    except Exception as e:
        print(type(e).__name__, e)
print(bytearray(b"%d-%s") % (1, b"x"), type(bytearray(b"%d") % 1).__name__)
