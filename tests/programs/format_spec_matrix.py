# The format-spec mini-language and printf-style formatting over a matrix of values and specs:
# every result (or error message) is printed, so the compiled runtime's formatter is checked
# against CPython's on fill, alignment, sign, 'z', '#', '0', width, grouping, precision and type,
# for small, big, negative and bool ints, floats (nan, inf, -0.0, rounding), str and non-ASCII
# text; then `%` with flags, '*' widths, precision on integers, mapping keys and its errors.

INTS = [0, 7, -7, 42, -1234567, 255, 2**70, -(2**65) + 3, True]
FLOATS = [0.0, -0.0, 1.5, -2.25, 3.14159265, 1234567.891, 1e-7, 2.5e16, float("inf"), float("-inf"), float("nan"), 0.125, 99.995]
STRS = ["", "ab", "héllo", "★x", "longer text here"]

INT_SPECS = ["", "d", "5", "<5", ">5", "^6", "=+8", "*^9", "★>6", "05", "+05", " d", "-d", "z5",
             ",", "_", "_x", "_b", "08,", "010_", "#x", "#X", "#o", "#b", "#010x", "x", "X", "o", "b",
             "c", "n", "e", ".2f", "%", "10.3g", ".3", ",x", "#c", "+c", "q", "=^5", "0<5", "0^7", "#08b"]
FLOAT_SPECS = ["", ".0f", ".2f", "8.3f", "<10.2f", "^12.1e", "+.3e", "E", ".3g", "G", "g", "#g", "#.0f", "#.0e",
               "010.2f", ",.2f", "_.1f", "015,.2f", "z.1f", "z+.2f", ".1%", "%", "n", ".5", ".1", "r", "d",
               "12", "#", "*>10", "=+12.3f", ".0%", "e", ".12g", ".17g"]
STR_SPECS = ["", "s", "5", ">6", "^7", "*<8", ".2", "8.3", "★^9", "=5", "+", "d", "05", ",", "#"]


def show(v, spec):
    try:
        r = format(v, spec)
    except (ValueError, TypeError, OverflowError) as e:
        r = f"!{type(e).__name__}: {e}"
    print(f"{v!r:>22} {spec!r:>10} -> {r!r}")


def fstrings():
    for i in (-3, 0, 9, 1000, 65535):
        print(f"{i:05d}:{i * 7 % 13:x}|{i:>+8,}|{i:#06x}|{i / 7:8.3f}|{i!r:^9}|{str(i):*<6}")
    name, width, prec = "value", 12, 4
    print(f"{name:{width}}|{3.14159:{width}.{prec}f}|{name!s:>{width}}|{name!a}")


PERCENT = [
    ("%d", 42), ("%5d", -42), ("%-5d|", 42), ("%+05d", 42), ("% d", 42), ("%x", -255), ("%#x", 255),
    ("%#X", 255), ("%#o", 8), ("%.3d", 7), ("%#.5o", 8), ("%08.3d", -7), ("%-8.3x|", 31), ("%u", 3),
    ("%i", 9.99), ("%d", 2**80), ("%x", 2**70), ("%c", 65), ("%c", "é"), ("%5c|", "z"), ("%s", "héllo"),
    ("%.2s", "héllo"), ("%-7s|", "ab"), ("%7s|", "ab"), ("%r", "a'b"), ("%a", "é"), ("%5.1f", 3.14159),
    ("%-9.2e|", 12345.678), ("%G", 1e-10), ("%g", 100000.0), ("%#g", 1.0), ("%010.3f", -3.5), ("%+.0f", 2.5),
    ("%%", ()), ("%s and %s", ("a", "b")), ("%(x)s-%(y)05d", {"x": "k", "y": 3}), ("%*d|", (6, 1)),
    ("%-*d|", (6, 1)), ("%*d|", (-6, 1)), ("%.*f", (2, 3.14159)), ("%s", (1,)), ("%s", [1, 2]),
    ("%d", "x"), ("%x", 1.5), ("%c", 0x110000), ("%c", "ab"), ("%s %s", ("a",)), ("%s", ("a", "b")),
    ("%(x)s", 5), ("%y", 1), ("é%y", 1), ("%", 1), ("%(x", {"x": 1}), ("%.", 1), ("%f", "s"),
    ("%d%%", 50), ("%s", None), ("%5%|", ()), ("%.0e", 5.5), ("%#x", -1), ("% x", 10), ("%+x", 10),
]


def percents():
    for fmt, arg in PERCENT:
        try:
            r = fmt % arg
        except (ValueError, TypeError, OverflowError, KeyError) as e:
            r = f"!{type(e).__name__}: {e}"
        print(f"{fmt!r:>16} % {arg!r:<26} -> {r!r}")
    print(b"%5d|%-4s|%c|%x|%r" % (7, b"ab", 65, 255, "é"))
    rows = ["%-10s|%8.3f|%s" % ("item%d" % i, i / 7, "x" * (i % 9)) for i in range(12)]
    print("\n".join(rows))


for v in INTS:
    for spec in INT_SPECS:
        show(v, spec)
for v in FLOATS:
    for spec in FLOAT_SPECS:
        show(v, spec)
for v in STRS:
    for spec in STR_SPECS:
        show(v, spec)
fstrings()
percents()
