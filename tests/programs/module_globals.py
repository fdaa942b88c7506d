LIMIT = 10
SCALE = 2.5
names = "abc"


def scaled(n):
    return n * SCALE


def under_limit(v):
    return v < LIMIT


print(scaled(4), under_limit(3), under_limit(30))
LIMIT = 2
print(under_limit(3))
