# Instances of classes whose __slots__ leave out __dict__ have no __dict__; a subclass
# without __slots__, or one that lists "__dict__", has one.
class S:
    __slots__ = ("a", "b")


class D(S):
    __slots__ = ("__dict__",)


class P(S):
    pass


s = S()
s.a = 1
print(hasattr(s, "__dict__"), hasattr(D(), "__dict__"), hasattr(P(), "__dict__"))
try:
    s.__dict__
except AttributeError as e:
    print(e)
try:
    s.c = 3
except AttributeError as e:
    print(e)
d = D()
d.z = 5
print(d.__dict__, s.a)
p = P()
p.q = 7
print(p.__dict__)
