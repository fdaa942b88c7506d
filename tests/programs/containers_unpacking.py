# Displays with unpacking (LIST_EXTEND, LIST_TO_TUPLE, SET_UPDATE, DICT_UPDATE) and
# starred assignment (UNPACK_EX).
xs = [1, 2, 3]
ys = (4, 5)
print([*xs, *ys, 6])
print((*xs, 7), (*range(3),), ())
print(sorted({*xs, *ys, 1, 2}))
print({*"abca"} == {"a", "b", "c"})
print({**{"a": 1, "b": 2}, "b": 3, **dict(c=4)})
print([*"hi", *{"k": 0}])
a, *b, c = range(6)
print(a, b, c)
*head, last = "xyz"
print(head, last)
first, *rest = [10]
print(first, rest)
p, q, *r, s, t = (1, 2, 3, 4)
print(p, q, r, s, t)
[m, *n] = iter([7, 8, 9])
print(m, n)
for i, *tail in [(1, 2, 3), (4,)]:
    print(i, tail)


def swap_ends(seq):
    x, *mid, y = seq
    return [y, *mid, x]


print(swap_ends([1, 2, 3, 4]), swap_ends("ab"))
print(list((*xs, *xs)), len([*xs, *xs]))
print(3 in {1, 2, 3}, "q" not in {"a", "b"}, {*"ab", "c", "d"} == {"a", "b", "c", "d"})
