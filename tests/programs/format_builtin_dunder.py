"""The builtin types' own __format__ (int, bool, float, str), reached directly, through
subclasses and through IntEnum/IntFlag, which take int's __format__ (Python 3.11's ReprEnum)."""
import enum


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 12


class Perm(enum.IntFlag):
    R = 4
    W = 2


class MyInt(int):
    pass


class MyStr(str):
    pass


print(int.__format__(5, "03d"), float.__format__(2.5, ".3f"), str.__format__("ab", ">4"), int.__format__(255, "#x"))
print(int.__format__, float.__format__, str.__format__, int.bit_length, str.split)
print(format(MyInt(7), "x"), int.__format__(MyInt(7), "b"), MyInt(3).__format__("04"), format(MyStr("q"), "^5"))
print(format(Level.LOW, "03d"), f"{Level.HIGH:>5}|{Level.HIGH}|{Level.LOW:x}", "{:+}".format(Level.HIGH))
print(format(Perm.R | Perm.W, "d"), f"{Perm.R:08b}")
print(repr(format(True, "^5")), repr(format(True, "")), repr(f"{False:>6}"), repr(format(True, "d")), repr(f"{True!s:>6}"))
for bad in (lambda: int.__format__(5, 3), lambda: format(object(), "x"), lambda: int.__format__("s", "")):
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)

# 'c' of ints beyond a C long: CPython's conversion error, not the range error
for v in [2**63, -2**63 - 1, 2**100, 2**63 - 1, -2**63, 0x110000, -1]:
    try:
        print(repr(format(v, "c")))
    except OverflowError as e:
        print(v, "OverflowError:", e)
