# __instancecheck__ / __subclasscheck__ on metaclasses, __subclasses__, __getattribute__
# overrides, property / classmethod subclasses, functions as descriptors.
class Duck(type):
    def __instancecheck__(cls, obj):
        return hasattr(obj, "quack")

    def __subclasscheck__(cls, sub):
        return hasattr(sub, "quack")


class Quacker(metaclass=Duck):
    pass


class Mallard:
    def quack(self):
        return "quack"


print(isinstance(Mallard(), Quacker), isinstance(3, Quacker), issubclass(Mallard, Quacker), issubclass(int, Quacker))
print(isinstance(Mallard(), (int, Quacker)), issubclass(Mallard, (str, Quacker)))
print(isinstance(Quacker(), Quacker))  # exact type: the hook is not consulted


class Root:
    pass


class Kid1(Root):
    pass


class Kid2(Root):
    pass


class Grandkid(Kid1):
    pass


print([c.__name__ for c in Root.__subclasses__()], Kid1.__subclasses__(), Grandkid.__subclasses__())


class Logged:
    def __init__(self):
        self.x = 1

    def __getattribute__(self, name):
        if name == "secret":
            return "intercepted"
        return object.__getattribute__(self, name)

    def __getattr__(self, name):
        return "fallback:" + name


lg = Logged()
print(lg.x, lg.secret, lg.nothing, getattr(lg, "other"), hasattr(lg, "zz"))


class Strict:
    def __getattribute__(self, name):
        raise AttributeError(name)


try:
    Strict().anything
except AttributeError as e:
    print("AttributeError", e)


class Upper(property):
    def __get__(self, obj, objtype=None):
        v = super().__get__(obj, objtype)
        return v.upper() if isinstance(v, str) else v


class WithProp:
    @Upper
    def name(self):
        return "quiet"

    @property
    def plain(self):
        return 5

    @plain.setter
    def plain(self, v):
        print("set plain", v)


wp = WithProp()
print(wp.name, wp.plain, isinstance(WithProp.__dict__["name"], property), type(WithProp.__dict__["name"]).__name__)
wp.plain = 7
print(type(property).__name__, property.__name__, issubclass(Upper, property))


class cm(classmethod):
    pass


class UsesCm:
    @cm
    def make(cls):
        return cls.__name__

    @staticmethod
    def st(x):
        return x + 1


print(UsesCm.make(), UsesCm().make(), UsesCm.st(1), type(UsesCm.__dict__["st"]).__name__)
print(isinstance(UsesCm.__dict__["make"], classmethod), UsesCm.__dict__["make"].__func__.__name__)


def free(self, y):
    return (type(self).__name__, y)


bound = free.__get__(WithProp(), WithProp)
print(bound(3), free.__get__(None, WithProp) is free)
print(type(free).__name__, type(bound).__name__, bound.__func__ is free)
sm = staticmethod(len)
print(sm.__func__ is len, callable(sm))
