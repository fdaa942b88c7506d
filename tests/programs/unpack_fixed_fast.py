# `a, b = x` of tuples and lists of exactly the right length (filled without a vector), and
# every other case around it: wrong lengths, subclasses, other iterables, a list whose items
# are replaced between unpackings, unpacking a value that is the last reference to its items.
class T(tuple):
    pass


class L(list):
    pass


def gen(n):
    yield from range(n)


pairs = [(1, 2), [3, 4], T((5, 6)), L([7, 8]), "ab", {9: 0, 10: 0}, gen(2), range(11, 13), b"xy"]
for p in pairs:
    a, b = p
    print(type(p).__name__, a, b)

triples = [(1, 2, 3), [4, 5, 6], (x * 2 for x in range(3))]
for t in triples:
    a, b, c = t
    print(a, b, c)

for bad in [(1,), [1, 2, 3], (), [], T((1, 2, 3)), L([1]), "abc", gen(1)]:
    try:
        a, b = bad
        print("unpacked", a, b)
    except ValueError as e:
        print(type(bad).__name__, e)
try:
    a, b = 5
except TypeError as e:
    print(e)

lst = [10, 20]
total = 0
for i in range(1000):
    a, b = lst
    total += a * b
    lst[i % 2] = i
print(total, lst)

d = {f"k{i}": [i] * (i % 3) for i in range(9)}
for k, v in d.items():
    print(k, v)
for k, (x, y) in [("p", (1, 2)), ("q", [3, 4])]:
    print(k, x, y)


def fresh():
    return ("s" * 3, [1.5])


a, b = fresh()
b.append(a)
print(a, b)
(a, b), c = fresh(), 7
print(a, b, c)
