# Sequence repeats too big to allocate raise MemoryError (or CPython's OverflowError past
# the index size) instead of aborting; output written before stays.
import sys

print("before")
sys.stdout.write("partial line, ")
sys.stdout.write("then the rest\n")
tries = [
    ("list", lambda: [0] * (1 << 40)),
    ("tuple", lambda: (1, 2) * (1 << 40)),
    ("bytes", lambda: b"ab" * (1 << 40)),
    ("str", lambda: "ab" * (1 << 40)),
    ("str past ssize_t", lambda: "ab" * (1 << 62)),
    ("bytes past ssize_t", lambda: b"ab" * (1 << 62)),
    ("index overflow", lambda: "a" * (1 << 64)),
]
for name, make in tries:
    try:
        make()
        print(name, "allocated?")
    except MemoryError as e:
        print(name, "MemoryError", repr(e))
    except OverflowError as e:
        print(name, "OverflowError", e)
x = [1, 2]
try:
    x *= 1 << 40
except MemoryError:
    print("list *= MemoryError, unchanged:", x)
print([] * (1 << 60), "" * (1 << 62), b"" * (1 << 62), () * (1 << 62))
print("x" * 3, [0] * 3, (1,) * -1, b"ab" * 2)
print("end")
