# Dunder entries of the builtin tables only reached by their own names (__dir__,
# __reduce_ex__/__reduce__, __subclasses__) are gated per program (issue 9, size): spelling
# one links it.
class A:
    def __init__(self):
        self.x = 1


class B(A):
    pass


a = A()
r = a.__reduce_ex__(2)
print(r[0].__name__, r[1][0] is A, r[2])
print(A.__subclasses__(), B.__subclasses__())
print(sorted(n for n in a.__dir__() if not n.startswith("__")), "x" in type.__dir__(B) or "B")
print(object.__reduce__(a)[0].__name__)
