# stdlib: abc
# abc.ABCMeta compiled from CPython's abc.py over the native _abc: abstract methods,
# register(), __subclasshook__, isinstance/issubclass caches, abstract properties.
import abc
from abc import ABC, ABCMeta, abstractmethod


class Shape(ABC):
    @abstractmethod
    def area(self):
        ...

    @property
    @abstractmethod
    def name(self):
        ...

    def describe(self):
        return f"{self.name} with area {self.area()}"


try:
    Shape()
except TypeError as e:
    print("TypeError:", e)


class Square(Shape):
    def __init__(self, s):
        self.s = s

    def area(self):
        return self.s * self.s

    @property
    def name(self):
        return "square"


class Half(Shape):
    def area(self):
        return 0


try:
    Half()
except TypeError as e:
    print("TypeError:", e)

sq = Square(3)
print(sq.describe(), isinstance(sq, Shape), issubclass(Square, Shape))
print(sorted(Shape.__abstractmethods__), Square.__abstractmethods__, type(Shape).__name__)


class Sized(metaclass=ABCMeta):
    @classmethod
    def __subclasshook__(cls, C):
        if cls is Sized:
            return any("__len__" in B.__dict__ for B in C.__mro__)
        return NotImplemented


print(isinstance([], Sized), isinstance(3, Sized), issubclass(dict, Sized), issubclass(int, Sized))


class Registered(ABC):
    pass


print(issubclass(int, Registered), isinstance(5, Registered))
Registered.register(int)
print(issubclass(int, Registered), isinstance(5, Registered), issubclass(bool, Registered))


@Registered.register
class Plain:
    pass


print(issubclass(Plain, Registered), isinstance(Plain(), Registered), Plain.__name__)
try:
    Registered.register(3)
except TypeError as e:
    print("TypeError:", e)
try:
    Square.register(Shape)
except RuntimeError as e:
    print("RuntimeError:", e)
token = abc.get_cache_token()
print(type(token).__name__)


class Base(ABC):
    @abstractmethod
    def run(self):
        raise NotImplementedError

    @classmethod
    @abstractmethod
    def make(cls):
        ...

    @staticmethod
    @abstractmethod
    def helper():
        ...


print(sorted(Base.__abstractmethods__))


class Impl(Base):
    def run(self):
        return "ran"

    @classmethod
    def make(cls):
        return cls()

    @staticmethod
    def helper():
        return 1


print(Impl.make().run(), Impl.helper(), isinstance(Impl(), Base))


def later(self):
    return "later"


class Partial(ABC):
    @abstractmethod
    def f(self):
        ...


Partial.f = later
abc.update_abstractmethods(Partial)
print(Partial.__abstractmethods__, Partial().f())
print(abc.abstractmethod.__name__, ABC.__slots__ if hasattr(ABC, "__slots__") else None)
