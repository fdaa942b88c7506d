# a, *b, c = ... with too few values (UNPACK_EX).
def split(seq):
    first, *middle, last = seq
    return first, middle, last


print(split([1, 2]), split("abcd"))
print(split([1]))
