# Passing asserts, then one that fails: AssertionError with its message, exit status 1.
def check(n):
    assert n >= 0
    assert n < 100, "too big"
    return n * 2


print(check(3), check(99))
print(check(100))
