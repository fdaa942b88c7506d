# An inconsistent method resolution order is a TypeError at class creation.


class A:
    pass


class B(A):
    pass


print([c.__name__ for c in B.__mro__])


class C(A, B):
    pass
