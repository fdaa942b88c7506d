# Ranges beyond 64 bits (CPython's longrange): construction, len, iteration, indexing,
# reversed, equality, repr and attributes; _collections_abc takes type(iter(range(1 << 1000))).
big = range(1 << 70, (1 << 70) + 5)
print(big, big.start, big.stop, big.step, len(big), list(big), big[0], big[-1], bool(big))
print(list(reversed(big)), type(iter(big)).__name__, type(iter(range(3))).__name__)
huge = range(1 << 1000)
print(bool(huge), huge[5], huge[-1] == (1 << 1000) - 1, repr(range(-(1 << 64), 0, 1 << 62)))
print(list(range(-(1 << 64), 0, 1 << 62)), (1 << 70) + 2 in big, 3 in big, (1 << 999) in huge, -1 in huge, 2**64 in range(0, 2**65, 2))
print(big == range(1 << 70, (1 << 70) + 5), big == range(5), range(1 << 70, 1 << 70) == range(0))
print(list(range((1 << 65) + 3, 1 << 65, -1)), range(2, 10**20, 10**19)[1])
try:
    len(huge)
except OverflowError as e:
    print("OverflowError", e)
try:
    huge[1 << 1000]
except IndexError as e:
    print("IndexError", e)
import collections.abc
print(isinstance(iter(huge), collections.abc.Iterator))
