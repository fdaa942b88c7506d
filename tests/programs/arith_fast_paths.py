# The int and float operators the runtime answers before its general rules: products at and
# beyond the 32-bit factor boundary, overflow into big ints, true division of floats by zero
# and by signed zeros, and subclasses that override the operators.
edges = [0, 1, -1, 2**31 - 1, -2**31, 2**31, -2**31 - 1, 2**32, 2**62, -2**63, 2**63 - 1, 3037000499, 3037000500]
for x in edges:
    print(x, [x * y for y in edges[:8]], x * x, x + x, x - (-x))
print(7 * -3, -7 * -3, (2**31 - 1) * (2**31 - 1), (-2**31) * (-2**31), (2**32) * (2**31))

for a, b in [(1.0, 2.0), (-0.0, 5.0), (1e308, 1e-308), (3.0, -2.0), (float("inf"), 2.0)]:
    print(a / b, a * b, a + b, a - b)
for a, b in [(1.0, 0.0), (0.0, 0.0), (-2.5, -0.0), (float("nan"), 0.0)]:
    try:
        print(a / b)
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
try:
    print(1 / 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
print(7 // 2, -7 // 2, 7 % -3, 1 << 40, -1 >> 70, 2**64 // 3, 10 / 4)


class F(float):
    def __truediv__(self, o):
        return ("F.__truediv__", float(self), o)

    def __mul__(self, o):
        return "F.__mul__"


class I(int):
    def __mul__(self, o):
        return "I.__mul__"

    def __add__(self, o):
        return "I.__add__"


print(F(1.5) / 0.0, F(2.0) * 3.0, 3.0 / F(2.0), 3.0 * F(2.0))
print(I(3) * 4, I(3) + 4, 4 * I(3), 4 + I(3), I(2**40) * 2**40)
total = 0.0
for i in range(1, 200):
    total += (i * 0.5) / (i + 1.0) - i * 1e-3
print(round(total, 9))
