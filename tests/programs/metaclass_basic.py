# Metaclasses: __new__, __init__, __call__, __prepare__, super() in metaclass methods,
# metaclass inheritance and the most-derived-metaclass rule.
log = []


class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        log.append(("new", mcls.__name__, name, sorted(k for k in ns if not k.startswith("__")), kw))
        cls = super().__new__(mcls, name, bases, ns)
        cls.created_by = mcls.__name__
        return cls

    def __init__(cls, name, bases, ns, **kw):
        log.append(("init", name, kw))
        super().__init__(name, bases, ns)

    def __call__(cls, *args, **kw):
        log.append(("call", cls.__name__, args))
        inst = super().__call__(*args, **kw)
        inst.tag = "made"
        return inst

    def hello(cls):
        return "hello from " + cls.__name__


class A(metaclass=Meta, flavour="x"):
    def __init__(self, v=0):
        self.v = v

    def method(self):
        return self.v * 2


a = A(21)
print(a.v, a.tag, a.method(), A.created_by, A.hello())
print(type(A) is Meta, type(a) is A, isinstance(A, Meta), isinstance(A, type))
print(type(Meta) is type, Meta.__mro__ == (Meta, type, object))


class B(A):
    x = 1


print(type(B).__name__, B.created_by, B(5).method(), B.hello())
for entry in log:
    print(entry)


class Other(type):
    pass


class Both(Meta, Other):
    pass


class C(metaclass=Other):
    pass


try:
    class D(A, C):
        pass
except TypeError as e:
    print("TypeError:", e)


class E(C, metaclass=Both):
    pass


print(type(E).__name__, [k.__name__ for k in type(E).__mro__])


class Counting(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print("prepare", mcls.__name__, name, bases, kw)
        return {"injected": 42}

    def __new__(mcls, name, bases, ns, **kw):
        return super().__new__(mcls, name, bases, dict(ns))


class F(metaclass=Counting, k=1):
    y = injected + 1

    def __init_subclass__(cls, **kw):
        print("init_subclass", cls.__name__, kw)


print(F.y, F.injected)


class G(F, k=2):
    pass


# type(name, bases, ns) with 3 arguments and with a metaclass
H = type("H", (A,), {"z": 3})
print(type(H).__name__, H.z, H(4).method(), H.__name__, H.__qualname__, H.__module__)
I = Meta("I", (), {"w": 9})
print(type(I).__name__, I.w, I.__bases__)
print(type(1), type("s"), type(type), type(None))


# a metaclass method using the class as an instance: attributes come from the class first
class Reg(type):
    registry = []

    def __init__(cls, name, bases, ns):
        super().__init__(name, bases, ns)
        Reg.registry.append(name)

    def describe(cls):
        return f"{cls.__name__}({', '.join(sorted(k for k in vars(cls) if not k.startswith('_')))})"


class P(metaclass=Reg):
    alpha = 1
    beta = 2


class Q(P):
    gamma = 3


print(Reg.registry, P.describe(), Q.describe())
print(P.registry)
