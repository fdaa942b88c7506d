# __call__ found on a type is bound as CPython binds it: functions get the instance (or, on a
# metaclass, the class) first; a class, a builtin function, a staticmethod, a partial or an
# object with __get__ stored as __call__ are bound by their own rules (typing's TypedDict
# classes are called through `_TypedDictMeta.__call__ = dict`).
import functools
import typing


class Movie(typing.TypedDict):
    title: str
    year: int


print(Movie(title="x", year=1), Movie({"title": "y"}), Movie(), type(Movie(title="z")).__name__)


class Meta(type):
    __call__ = dict


class Plain(metaclass=Meta):
    pass


print(Plain(a=1), Plain([("b", 2)]))


class LenCall:
    __call__ = len


class StaticCall:
    @staticmethod
    def __call__(*args):
        return ("static", args)


class ClassCall:
    @classmethod
    def __call__(cls, *args):
        return ("class", cls.__name__, args)


class PartialCall:
    __call__ = functools.partial(print, "partial:")


class Binder:
    def __get__(self, obj, owner):
        return lambda *a: ("bound by __get__", type(obj).__name__, a)


class DescrCall:
    __call__ = Binder()


class Normal:
    def __call__(self, *a, **k):
        return ("normal", type(self).__name__, a, k)


print(LenCall()([1, 2, 3]), StaticCall()(1, 2), ClassCall()(3), DescrCall()(4, 5), Normal()(6, k=7))
PartialCall()(8, 9)


class MetaLogs(type):
    def __call__(cls, *a, **k):
        print("MetaLogs.__call__", cls.__name__, a, k)
        return super().__call__(*a, **k)


class Logged(metaclass=MetaLogs):
    def __init__(self, v):
        self.v = v


print(Logged(5).v)
