# groupby hands out groups that share its iterator, as CPython's do: a group read after the groupby
# moved on is empty, the source is read lazily (interleaved with the loop body), keys compare
# in CPython's order; itertools types say their module in repr.
import itertools
gs = [(k, g) for k, g in itertools.groupby("aabbbcd")]
print([(k, list(g)) for k, g in gs])
it = itertools.groupby([1, 1, 2, 2, 2, 3], key=lambda x: x % 2)
k, g = next(it)
print(k, next(g))
k2, g2 = next(it)
print(k2, list(g2), list(g))
print(type(g2).__name__, type(it).__name__)
def noisy():
    for i in range(6):
        print("yield", i)
        yield i // 2
for k, g in itertools.groupby(noisy()):
    print("group", k)
    if k == 1:
        print(list(g))
import re
def shape(o):
    return re.sub(r"0x[0-9a-f]+", "ADDR", repr(o))
print(shape(itertools.groupby("ab")), shape(next(itertools.groupby("ab"))[1]))
print(shape(itertools.chain("a")), shape(itertools.islice("abc", 2)), shape(itertools.pairwise("abc")))
print(type(itertools.groupby("")).__module__, type(itertools.chain()).__module__)
# a group read after the groupby moved on is empty; one read first keeps its values
data = [("x", 1), ("x", 2), ("y", 3), ("x", 4)]
groups = {}
for k, g in itertools.groupby(data, key=lambda t: t[0]):
    groups.setdefault(k, []).append(g)
print({k: [list(g) for g in v] for k, v in groups.items()})
print([(k, [v for _, v in g]) for k, g in itertools.groupby(data, lambda t: t[0])])
class K:
    def __init__(self, v): self.v = v
    def __eq__(self, other):
        print("eq", self.v, other.v)
        return self.v == other.v
print([(k.v, len(list(g))) for k, g in itertools.groupby([K(1), K(1), K(2)])])
