# A subclass of a builtin container that overrides __getitem__ (and not __iter__) iterates
# as its base does: for, list(), sorted(), unpacking, `in`, generator expressions never call
# the override (importlib.metadata's EntryPoints warns from its __getitem__).
class Loud(list):
    def __getitem__(self, i):
        print("getitem", i)
        return super().__getitem__(i)


class LoudTuple(tuple):
    def __getitem__(self, i):
        print("tuple getitem", i)
        return super().__getitem__(i)


class LoudStr(str):
    def __getitem__(self, i):
        print("str getitem", i)
        return super().__getitem__(i)


class LoudDict(dict):
    def __getitem__(self, k):
        print("dict getitem", k)
        return super().__getitem__(k)


class OwnIter(list):
    def __iter__(self):
        print("own iter")
        return iter([9, 8])

    def __getitem__(self, i):
        print("never for iteration", i)
        return 0


for seq in (Loud([3, 1, 2]), LoudTuple((3, 1, 2)), LoudStr("cab")):
    print([x for x in seq], list(seq), sorted(seq), tuple(x for x in seq))
    a, b, c = seq
    print(a, b, c, seq[1], seq.count(seq[0]) == 1, max(seq), ",".join(map(str, seq)))
d = LoudDict(x=1, y=2)
print(list(d), [k for k in d], d["y"], sorted(d.items()))
o = OwnIter([1, 2])
print(list(o), [x for x in o], o[0])
for x in Loud([5]):
    print("loop", x)
