# module objects: __class__, PEP 562 module __getattr__, types.ModuleType instances
import sys
import types
import os

print(os.__class__, type(os) is os.__class__, isinstance(os, types.ModuleType), sys.__class__.__name__)
m = types.ModuleType("lazy", "doc")
def _getattr(name):
    if name == "answer":
        return 42
    raise AttributeError(f"module 'lazy' has no attribute {name!r}")
m.__getattr__ = _getattr
print(m.answer, m.__name__, m.__doc__, m.__class__ is types.ModuleType)
try:
    m.question
except AttributeError as e:
    print("AttributeError", e)
print(getattr(m, "nothing", "default"), hasattr(m, "answer"), hasattr(m, "nope"))
try:
    os.no_such_attribute_here
except AttributeError as e:
    print("AttributeError", e)

class Lazy(types.ModuleType):
    def __init__(self, name):
        super().__init__(name)
        self.extra = 1
lz = Lazy("pkg_lazy")
print(lz.__name__, lz.extra, type(lz).__name__, isinstance(lz, types.ModuleType), lz.__doc__)
print(sorted(k for k in locals() if k in ("lz", "Lazy")), locals() is globals())
