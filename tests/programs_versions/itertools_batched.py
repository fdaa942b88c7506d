# itertools.batched (3.12; 3.13 adds strict=): tuples of n items, the last one shorter, and
# its errors; 3.11 has none
import itertools as it
import sys

if hasattr(it, "batched"):
    print(list(it.batched("abcdefg", 3)), list(it.batched([], 2)), list(it.batched(range(4), n=2)))
    b = it.batched(iter([1, 2, 3]), 2)
    print(next(b), next(b), next(b, "end"), next(b, "end"))
    for bad in [("ab", 0), ("ab", -1), ("ab", "x"), (5, 2)]:
        try:
            it.batched(*bad)
        except (ValueError, TypeError) as e:
            print(type(e).__name__, e)
    if sys.version_info >= (3, 13):
        print(list(it.batched("abcd", 2, strict=True)))
        s = it.batched("abcde", 2, strict=True)
        try:
            print(list(s))
        except ValueError as e:
            print("ValueError", e, list(s))
else:
    print("no batched")
