# range over ints beyond 64 bits (CPython's longrange_iterator)
big = 1 << 100
r = range(big, big + 10, 3)
print(r, len(r), list(r), r[0], r[-1], r.start, r.stop, r.step)
print(type(iter(range(1 << 1000))).__name__, type(iter(range(5))).__name__)
print(big + 3 in r, big + 4 in r, 5 in r, r.index(big + 6), r.count(big + 9), r.count(big))
print(list(reversed(r)), bool(range(big, big)), bool(range(big)))
print(range(big) == range(0, big), range(big, big) == range(0), range(0, big, 2) != range(0, big))
w = range(-(1 << 62), 1 << 62)
print(w, w[-1], w.stop - 1 in w, type(iter(w)).__name__)
for bad in (lambda: len(range(big)), lambda: range(big)[big], lambda: range(0, big, 0)):
    try:
        bad()
    except (OverflowError, IndexError, ValueError) as e:
        print(type(e).__name__, e)
it = iter(range(big, 0, -big // 2))
print(next(it), next(it), list(it))
print(range(-big, big, big), list(range(-big, big, big)), repr(range(1, big, 1)))
