# `yield from` something that is not iterable.
def bad(x):
    print("before")
    yield from x


print(list(bad("ok")))
print(list(bad(5)))
