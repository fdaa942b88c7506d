# Dunder entries of the builtin tables only reached by their own names (__dir__,
# __subclasses__) are gated per program (issue 9, size): spelling one links it.
# (__reduce_ex__ needs copyreg, which pybc2wasm loads only when the program imports it.)
class A:
    def __init__(self):
        self.x = 1


class B(A):
    pass


a = A()
print(A.__subclasses__(), B.__subclasses__())
print(sorted(n for n in a.__dir__() if not n.startswith("__")), "x" in type.__dir__(B) or "B")
