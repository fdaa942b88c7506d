# The builtin types' slot wrappers are reached by an attribute lookup of a slot's dunder name
# (on the type, an instance or super()); such a program links them, which are gated per
# program (issue 9, size).
class Counts(dict):
    def __setitem__(self, key, value):
        super().__setitem__(key, value * 2)

    def __getitem__(self, key):
        return super().__getitem__(key) + 1


class Stack(list):
    def __len__(self):
        return super().__len__() * 10


c = Counts()
c["a"] = 3
s = Stack([1, 2])
print(c["a"], dict.__getitem__(c, "a"), len(s), list.__len__(s), s.__len__())
print(int.__add__(2, 3), (5).__neg__(), float.__mul__(1.5, 2.0), str.__add__("a", "b"))
print([1, 2].__contains__(2), (1, 2).__getitem__(-1), {1: 2}.__len__(), range(3).__len__())
print((7).__truediv__(2), (35).__round__(-1), (6).__and__(3), 2.5.__floor__(), (-3).__abs__())
print(int.__hash__(7) == hash(7), tuple.__repr__((1,)), set.__or__({1}, {2}))
print(int.__add__ is int.__add__, list.__hash__)
try:
    int.__add__("x", 1)
except TypeError as e:
    print("TypeError", e)
it = iter([4, 5])
print(it.__next__(), it.__iter__() is it, (lambda: 1).__call__())
