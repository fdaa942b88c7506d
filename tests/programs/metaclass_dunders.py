# Special methods defined on a metaclass apply to its classes (like EnumType):
# len(C), iter(C), C[k], x in C, C | D, repr(C), bool(C), attribute hooks on the class.
class Listing(type):
    def __len__(cls):
        return len(cls._items)

    def __iter__(cls):
        return iter(cls._items)

    def __getitem__(cls, k):
        return cls._items[k]

    def __contains__(cls, x):
        return x in cls._items

    def __repr__(cls):
        return f"<listing {cls.__name__}>"

    def __bool__(cls):
        return True

    def __or__(cls, other):
        return ("or", cls.__name__, other.__name__)

    def __getattr__(cls, name):
        if name.startswith("dyn_"):
            return name[4:]
        raise AttributeError(name)

    def __setattr__(cls, name, value):
        if name in cls.__dict__.get("_frozen", ()):
            raise AttributeError(f"cannot reassign {name}")
        super().__setattr__(name, value)

    def __delattr__(cls, name):
        print("delattr", cls.__name__, name)
        super().__delattr__(name)

    def __eq__(cls, other):
        return cls is other

    __hash__ = type.__hash__


class Colors(metaclass=Listing):
    _items = ["red", "green", "blue"]
    _frozen = ("RED",)
    RED = 1


class Other(metaclass=Listing):
    _items = []


print(len(Colors), list(Colors), Colors[1], "green" in Colors, "pink" in Colors)
print(repr(Colors), str(Colors), f"{Colors}", [Colors])
print(bool(Other), len(Other), Colors | Other)
print(Colors.dyn_hello, getattr(Colors, "dyn_x"), hasattr(Colors, "nothing"))
try:
    Colors.missing
except AttributeError as e:
    print("AttributeError", e)
Colors.BLUE = 3
print(Colors.BLUE)
try:
    Colors.RED = 2
except AttributeError as e:
    print("AttributeError", e)
del Colors.BLUE
print(hasattr(Colors, "BLUE"), Colors == Colors, Colors == Other, {Colors: 1}[Colors])
for i, c in enumerate(Colors):
    print(i, c)
print(sorted(Colors), max(Colors), "-".join(Colors))


# class-level __class_getitem__ and __getitem__ on instances
class Box:
    def __class_getitem__(cls, item):
        return f"Box[{item!r}]"


print(Box[int], Box["x"], Box[1, 2])
print(list[int], dict[str, int])


# __mro_entries__: a non-class base substitutes real bases; __orig_bases__ keeps the original
class Entry:
    def __init__(self, real):
        self.real = real

    def __mro_entries__(self, bases):
        return (self.real,)


class Base:
    def who(self):
        return "base"


class Derived(Entry(Base)):
    pass


print(Derived.__bases__, Derived().who(), type(Derived.__orig_bases__[0]).__name__)
print("__orig_bases__" in Base.__dict__)


# __set_name__ and __init_subclass__ with class keywords
class Named:
    def __set_name__(self, owner, name):
        self.owner = owner.__name__
        self.name = name


class Plugin:
    plugins = []

    def __init_subclass__(cls, /, key=None, **kw):
        super().__init_subclass__(**kw)
        cls.key = key
        Plugin.plugins.append((cls.__name__, key))


class P1(Plugin, key="one"):
    attr = Named()


class P2(Plugin):
    pass


print(Plugin.plugins, P1.attr.owner, P1.attr.name, P2.key)
try:
    class P3(Plugin, bogus=1):
        pass
except TypeError as e:
    print("TypeError", e)
