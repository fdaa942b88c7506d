# The int/float fast paths of binary and in-place operators and comparisons, at their edges,
# and global/builtin loads whose cached entry goes stale mid-loop (a global rebound, a builtin
# shadowed by a global and unshadowed again, builtins itself rebound).
import builtins

# shifts: bits shifted past 64, counts at and beyond 63/64, negative values, negative counts
for x in (1, -1, 3, -3, 2**62, -(2**62), 2**63 - 1, -(2**63), 12345678901234):
    for n in (0, 1, 2, 30, 62, 63, 64, 65, 100, 200):
        print(x, n, x << n, x >> n)
for x, n in ((1, -1), (-5, -70), (0, -1)):
    for f in (lambda: x << n, lambda: x >> n):
        try:
            print(f())
        except ValueError as e:
            print("ValueError", e)
print(0 << 1000, 0 >> 1000, (-1) >> 1000, 5 >> 2**70)

# in-place operators on exact ints and floats, mixed, overflowing i64, by zero
acc = 0
facc = 0.5
for i in range(1, 40):
    acc += i * 7
    acc -= 3
    acc *= 3
    acc //= 2
    acc %= 10**15 + 37
    acc <<= 1
    acc >>= 1
    acc |= i
    acc &= (1 << 60) - 1
    acc ^= i * 11
    facc += i
    facc *= 1.01
    facc -= acc % 5
    facc /= 1.5
big = 2**62
big += 2**62
big *= 3
print(acc, facc, big)
x = 7
x **= 30
y = 2.0
y **= 0.5
z = 9
z /= 2
print(x, y, z)
for a, b in ((1, 0), (1.5, 0), (3, 0.0)):
    for op in ("//=", "%=", "/="):
        try:
            t = a
            if op == "//=":
                t //= b
            elif op == "%=":
                t %= b
            else:
                t /= b
            print("no error")
        except ZeroDivisionError as e:
            print(op, type(a).__name__, type(b).__name__, e)
try:
    m = 3
    m @= 4
except TypeError as e:
    print(e)
try:
    f = 2.0
    f @= 1.0
except TypeError as e:
    print(e)


class MyInt(int):
    def __iadd__(self, other):
        return "iadd " + str(int(self) + other)


q = MyInt(4)
q += 5
print(q)

# comparisons: ints, floats, nan, mixed, big
nan = float("nan")
vals = [0, 1, -1, 2**63 - 1, 2**64, 1.5, -0.0, nan, True]
print([(a < b, a <= b, a == b, a != b, a > b, a >= b) for a in vals for b in vals])

# a global rebound mid-loop, a builtin shadowed mid-loop and unshadowed again
orig_len = len
LIMIT = 3
out = []
for i in range(10):
    out.append((LIMIT, len("abcd")))
    if i == 2:
        LIMIT = 30
    if i == 4:
        globals()["len"] = lambda s: -1
    if i == 6:
        del globals()["len"]
    if i == 7:
        builtins.len = lambda s: 99
print(out)
builtins.len = orig_len
print(len("abc"))
