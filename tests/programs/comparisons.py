a, b, c = 1, 2, 3
print(a < b, a > b, a == 1, a != 1, a <= 1, b >= 3)
print(a < b < c, a < c < b, c > b > a, 1 < 2 == 2)
print(1 == 1.0, 2 < 2.5, 3 > 2.5, -1 < -0.5)
print(True and False, True or False, not True, not 0, not 1)
print(0 and 5, 0 or 5, 3 and 4, None or "x", "" or "empty")
x = 5
if 0 < x < 10 and x != 7:
    print("in range")
if not (x > 10 or x < 0):
    print("not outside")
print(x is None, x is not None, None is None)


def between(lo, v, hi):
    return lo <= v < hi


print(between(0, 5, 10), between(0, 10, 10), between(1.5, 2, 3))
