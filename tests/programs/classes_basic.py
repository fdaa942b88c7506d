# Classes: bodies, attributes, methods, inheritance, super(), properties, class/static methods.


class Point:
    """A 2-D point."""
    dims = 2
    count = 0

    def __init__(self, x, y):
        self.x = x
        self.y = y
        Point.count += 1

    def __repr__(self):
        return f"Point({self.x}, {self.y})"

    def __eq__(self, other):
        if not isinstance(other, Point):
            return NotImplemented
        return self.x == other.x and self.y == other.y

    def __hash__(self):
        return hash((self.x, self.y))

    def __add__(self, other):
        return Point(self.x + other.x, self.y + other.y)

    def norm2(self):
        return self.x * self.x + self.y * self.y

    def scaled(self, k):
        return Point(self.x * k, self.y * k)

    def longer_than(self, other):
        return self.norm2() > other.norm2()


p = Point(1, 2)
q = Point(3, 4)
print(p, q, p + q, p == Point(1, 2), p != q, Point.count, Point.dims, p.dims)
print(Point.__name__, Point.__qualname__, Point.__doc__, Point.__module__)
print(q.longer_than(p), p.scaled(3), {p, Point(1, 2), q} == {p, q})
d = {p: "p", q: "q"}
print(d[Point(3, 4)], Point(1, 2) in d, p in [q, Point(1, 2)])


class Animal:
    sound = "..."

    def __init__(self, name):
        self.name = name

    def speak(self):
        return f"{self.name} says {self.sound}"

    def describe(self):
        return "animal " + self.speak()


class Dog(Animal):
    sound = "woof"

    def __init__(self, name, tricks):
        super().__init__(name)
        self.tricks = tricks

    def describe(self):
        return "dog; " + super().describe() + f" and knows {len(self.tricks)} tricks"


class Puppy(Dog):
    def speak(self):
        return super().speak().upper()


for a in [Animal("generic"), Dog("rex", ["sit"]), Puppy("bit", [])]:
    print(a.describe(), type(a).__name__, isinstance(a, Dog), isinstance(a, Animal))
print(issubclass(Puppy, Animal), issubclass(Animal, Dog), Puppy.__mro__)
print([c.__name__ for c in Puppy.__bases__], Dog.__base__.__name__)


class A:
    def who(self):
        return ["A"]


class B(A):
    def who(self):
        return ["B"] + super().who()


class C(A):
    def who(self):
        return ["C"] + super().who()


class D(B, C):
    def who(self):
        return ["D"] + super().who()


print(D().who(), [k.__name__ for k in D.__mro__], D.mro() == list(D.__mro__))


class Temperature:
    def __init__(self, celsius):
        self._c = celsius

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError("too cold")
        self._c = value

    @celsius.deleter
    def celsius(self):
        print("deleting")
        del self._c

    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

    @classmethod
    def from_f(cls, f):
        return cls((f - 32) * 5 / 9)

    @staticmethod
    def valid(c):
        return c >= -273.15


t = Temperature(100)
print(t.celsius, t.fahrenheit)
t.celsius = 0
print(t.celsius, t.fahrenheit, Temperature.from_f(212).celsius, Temperature.valid(-300), t.valid(5))
del t.celsius
print(hasattr(t, "_c"), type(Temperature.celsius).__name__)


class Registry:
    items = []

    @classmethod
    def register(cls, item):
        cls.items.append(item)
        return cls

    @classmethod
    def size(cls):
        return len(cls.items)


Registry.register(1).register(2)
print(Registry.size(), Registry.items)


class Outer:
    class Inner:
        def hello(self):
            return "inner " + type(self).__qualname__

    def make(self):
        return self.Inner()


print(Outer().make().hello(), Outer.Inner.__qualname__)


class WithClassVar:
    base = 10
    derived = base * 2
    names = [str(i) for i in range(3)]
    del base


print(WithClassVar.derived, WithClassVar.names, hasattr(WithClassVar, "base"))


def class_factory(n):
    class Made:
        size = n

        def get(self):
            return self.size + n
    return Made


M1, M2 = class_factory(1), class_factory(2)
print(M1().get(), M2().get(), M1.__qualname__)


class Counter:
    def __init__(self):
        self.n = 0

    def incr(self):
        self.n += 1
        return self


c = Counter()
c.incr().incr().incr()
print(c.n, vars(c))
c.extra = "x"
print(sorted(vars(c)))
