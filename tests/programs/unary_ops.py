# Unary operators and `or`-style short circuits on ints, floats and bools.
def unary(x):
    return +x, -x, ~x, not x


for v in (0, 1, -7, 255, True, 2 ** 70):
    print(v, unary(v))
print(+2.5, -2.5, not 0.0, not "")


def pick(a, b):
    return a or b


print(pick(0, 5), pick(3, 5), pick("", "empty"), pick(None, 0))
