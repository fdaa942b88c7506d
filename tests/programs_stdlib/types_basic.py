# stdlib: types
# types.py compiled from CPython's bytecode: the type objects it computes from type(x),
# SimpleNamespace, MappingProxyType, new_class / prepare_class / resolve_bases,
# DynamicClassAttribute, GenericAlias and UnionType.
import types


def f():
    pass


class C:
    def m(self):
        pass


print(isinstance(f, types.FunctionType), isinstance(C().m, types.MethodType), isinstance(len, types.BuiltinFunctionType))
print(isinstance(types, types.ModuleType), isinstance(f.__code__, types.CodeType), type(None) is types.NoneType)
print(types.FunctionType.__name__, types.MethodType.__name__, types.ModuleType.__name__, types.CodeType.__name__)
print(isinstance((x for x in ()), types.GeneratorType), types.EllipsisType is type(...), types.NotImplementedType.__name__)

mp = types.MappingProxyType({"a": 1, "b": 2})
print(mp["a"], len(mp), list(mp), "b" in mp, mp.get("z", 0), sorted(mp.items()), type(mp).__name__)
try:
    mp["c"] = 3
except TypeError as e:
    print("TypeError:", e)

ns = types.SimpleNamespace(x=1, y="two")
ns.z = [3]
print(ns, ns.x, ns.y, ns.z, ns == types.SimpleNamespace(x=1, y="two", z=[3]))
del ns.x
print(ns, vars(ns))


class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        ns["made_by"] = "Meta"
        return super().__new__(mcls, name, bases, ns)


def body(ns):
    ns["value"] = 42


D = types.new_class("D", (C,), {"metaclass": Meta}, body)
print(D.__name__, D.value, D.made_by, type(D).__name__, D.__mro__[1] is C)
meta, nsd, kwds = types.prepare_class("E", (D,), {"flag": True})
print(meta.__name__, nsd, kwds)
print(types.resolve_bases((C, int)))


class Weird:
    @types.DynamicClassAttribute
    def attr(self):
        return "instance value"


print(Weird().attr)
try:
    Weird.attr
except AttributeError:
    print("AttributeError on the class")

print(types.GenericAlias(list, (int,)), list[int] == types.GenericAlias(list, (int,)), list[int].__origin__, dict[str, int].__args__)
u = int | str
print(u, isinstance(u, types.UnionType), u.__args__, isinstance(3, int | str), isinstance(3.0, int | str))


print(types.get_original_bases(C) if hasattr(types, "get_original_bases") else "n/a")
