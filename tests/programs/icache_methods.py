# Inline caches of method calls and attribute loads: every change that must invalidate a cached
# site happens in the middle of a loop running through that site.


class Shape:
    def area(self):
        return 1

    def name(self):
        return "shape"


class Square(Shape):
    def __init__(self, side):
        self.side = side

    def area(self):
        return self.side * self.side


def areas(objs):
    return [o.area() for o in objs]


def names(objs):
    return [o.name() for o in objs]


s = Square(3)
out = []
for i in range(6):
    out.append(s.area())
    if i == 1:
        Square.area = lambda self: -self.side          # monkey-patch the class
    if i == 2:
        s.area = lambda: "instance attribute"         # shadows the method
    if i == 3:
        del s.area                                    # the class's again
    if i == 4:
        del Square.area                               # the base class's shows through
print(out)

# a base class mutated: the subclass's cached lookups follow
out = []
for i in range(4):
    out.append(names([s, Shape()]))
    if i == 1:
        Shape.name = lambda self: type(self).__name__.lower()
print(out)

# the method read, not called (a bound method), then patched
out = []
for i in range(4):
    m = s.name
    out.append(m())
    if i == 1:
        Square.name = lambda self: "square"
print(out)


# __class__ assignment: the cached method of the old class must not be called
class A:
    def who(self):
        return "A"

    tag = "a"


class B:
    def who(self):
        return "B"

    tag = "b"


x = A()
out = []
for i in range(6):
    out.append((x.who(), x.tag))
    if i == 1:
        x.__class__ = B
    if i == 3:
        x.__class__ = A
print(out)
for bad in (3, int, list):
    try:
        x.__class__ = bad
    except TypeError as e:
        print("TypeError", e)
try:
    del x.__class__
except TypeError as e:
    print("TypeError", e)


# builtin methods cached per receiver type: the site sees lists, then a dict, then a str
def first_key(c):
    return c.copy()


print([first_key(c) for c in ([1, 2], {"a": 1}, [3], {4, 5}, {"b": 2})])


class MyList(list):
    def copy(self):
        return "MyList.copy"


print([first_key(c) for c in ([1], MyList([2]), [3])])

# staticmethod / classmethod found through the cache
class K:
    @staticmethod
    def s(x):
        return ("static", x)

    @classmethod
    def c(cls, x):
        return (cls.__name__, x)


class K2(K):
    pass


print([o.s(1) for o in (K(), K2(), K())], [o.c(2) for o in (K(), K2(), K())])

# keyword arguments through a cached method site
class KW:
    def f(self, a, b=2, *, c=3):
        return (a, b, c)


k = KW()
print([k.f(1, c=i) for i in range(3)], [k.f(a=i, b=0) for i in range(2)])
