def count(n):
    i = 0
    while i < n:
        x = yield i
        i += 1
    return i


def delegate(n):
    r = yield from count(n)
    return r


print(list(delegate(3)))
