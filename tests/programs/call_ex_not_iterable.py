# f(*x) where x is not iterable (CALL_FUNCTION_EX).
def total(*args):
    return sum(args)


print(total(*range(5)), total(*"", *[]))
count = 3
print(total(*count))
