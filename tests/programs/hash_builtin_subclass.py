# hash() of instances of classes deriving from str, int and tuple: an overriding __hash__ is
# called (also for items of a tuple being hashed, and for dict and set keys); without one
# the builtin's hash applies, equal to the plain value's.

class Tag(str):
    def __hash__(self):
        return 42


class Plain(str):
    pass


class Num(int):
    def __hash__(self):
        return 7


class Pair(tuple):
    def __hash__(self):
        return -1  # CPython turns -1 into -2


print(hash(Tag("a")), hash(Plain("a")) == hash("a"), hash(Num(3)), hash(Pair((1, 2))))
print(hash((Tag("a"), 1)) == hash((42, 1)), hash((Plain("b"), "c")) == hash(("b", "c")))
print(hash(("x", "y", "z")) == hash(tuple("xyz")), hash(()) == hash(tuple()))
d = {Tag("k"): 1, Plain("p"): 2, Num(5): 3}
print(d[Tag("k")], d["p"], d[Plain("p")], d[Num(5)], 5 in d, sorted(map(str, d)))
print(Tag("k") in {"k"}, "k" in {Tag("k")}, len({Tag("a"), Tag("b")}))


class Loose(str):
    def __eq__(self, other):
        return True


for v in (Loose("q"), Pair((1,))):
    try:
        print(type(v).__name__, hash(v))
    except TypeError as e:
        print(type(v).__name__, "TypeError:", e)


class HList(list):
    def __hash__(self):
        return len(self)


class PlainDict(dict):
    pass


print(hash(HList([1, 2, 3])), len({HList([1]), HList([2, 3])}))
for v in (PlainDict(), [1], {1: 2}):
    try:
        print(type(v).__name__, hash(v))
    except TypeError as e:
        print(type(v).__name__, "TypeError:", e)
