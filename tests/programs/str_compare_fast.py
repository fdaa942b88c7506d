# Comparisons of two exact strs (a fast path by text order) against everything around it:
# non-ASCII text (code point order), prefixes, empty strings, the same object, str subclasses
# with their own comparison methods, and str against other types.
words = ["", "a", "ab", "abc", "b", "B", "é", "e\u0301", "z", "\u00ff", "\u0100", "\U0001f600",
         "\uffff", "ab\x00", "A" * 3, "."]
for x in words:
    print(repr(x), [(x < y, x <= y, x == y, x != y, x > y, x >= y) for y in words])
print(sorted(words), min(words), max(words))


class Loud(str):
    def __eq__(self, other):
        print("Loud.__eq__", str(self), other)
        return True

    def __lt__(self, other):
        print("Loud.__lt__", str(self), other)
        return False

    __hash__ = str.__hash__


class Quiet(str):
    pass


s = Loud("x")
print(s == "y", "y" == s, s < "a", "a" > s, s != "x")
q = Quiet("m")
print(q == "m", q < "n", "n" > q, q >= "m")
for other in (1, 1.0, None, b"x", ("x",)):
    print("x" == other, "x" != other)
    try:
        print("x" < other)
    except TypeError as e:
        print(e)
cells = list("..X.O..X.")
print(sum(1 for c in cells if c == "."), [i for i, c in enumerate(cells) if c != "."])
a = "same"
print(a == a, a < a, a >= a)
