# importlib over the runtime's import system: import_module (absolute, relative to a package,
# already imported), find_spec, reload, __spec__ / __loader__ of modules, _imp, marshal
import sys
import importlib
import importlib.util
import _imp
import marshal

m = importlib.import_module("textwrap")
print(m.__name__, m is sys.modules["textwrap"], m.dedent("  a\n  b"))
j = importlib.import_module(".parse", "urllib")
print(j.__name__, j is sys.modules["urllib.parse"], "urllib" in sys.modules, j.quote("a b"))
print(importlib.import_module("urllib").__name__, importlib.import_module("math").pi > 3)
for name in ["no_such_module_xyz", "urllib.no_such_sub"]:
    try:
        importlib.import_module(name)
    except ImportError as e:
        print(type(e).__name__, e, e.name)
try:
    importlib.import_module(".x")
except TypeError as e:
    print("TypeError", e)

spec = importlib.util.find_spec("urllib")
print(spec.name, spec.parent, spec.submodule_search_locations is not None)
print(importlib.util.find_spec("textwrap").name, importlib.util.find_spec("no_such_module_xyz"))
print(sys.modules["urllib"].__spec__.name, sys.modules["textwrap"].__spec__.parent == "")
print(m.__loader__ is m.__spec__.loader, sys.__spec__.origin, sys.modules["urllib.parse"].__package__)
e = ImportError("msg", name="n", path="p")
print(e.name, e.path, e.msg, e.args, ImportError().msg, ImportError("a", "b").msg, ModuleNotFoundError(name="x").name)
try:
    ImportError(x=1)
except TypeError as t:
    print("TypeError", t)

import string
string.marker = 1
r = importlib.reload(string)
print(r is string, string.marker, string.ascii_lowercase)

print(_imp.is_builtin("sys"), _imp.is_builtin("_thread"), _imp.is_builtin("json"), _imp.is_frozen("json"))
print(_imp.lock_held(), _imp.find_frozen("json"), _imp.check_hash_based_pycs)
for f in (_imp.is_frozen_package, _imp.get_frozen_object):
    try:
        f("json")
    except ImportError as e:
        print("ImportError", e)
try:
    _imp.release_lock()
except RuntimeError as e:
    print("RuntimeError", e)
_imp.acquire_lock()
print(_imp.lock_held())
_imp.release_lock()

values = [None, True, False, 0, -1, 2**31 - 1, 2**31, -2**40, 10**30, -10**25, 1.5, -0.0, 3+4j, "", "abc",
          "é✓", "x" * 300, b"", b"\x00\xff", (), (1, "a"), [1, [2]], {"k": [1, 2], 3: None}, {1, 2},
          frozenset({"a"}), ...]
for v in values:
    back = marshal.loads(marshal.dumps(v))
    print(repr(back), back == v or v != v, type(back).__name__)
print(marshal.loads(b"\xda\x03abc"), marshal.loads(b"\xa9\x02\xda\x01ar\x01\x00\x00\x00"), marshal.version)
for bad in [b"", b"i\x01", b"?"]:
    try:
        marshal.loads(bad)
    except (EOFError, ValueError) as e:
        print(type(e).__name__, e)
try:
    marshal.dumps(object())
except ValueError as e:
    print("ValueError", e)

import types
class Finder:
    def find_spec(self, name, path, target=None):
        if name == "virtual_mod":
            return importlib.util.spec_from_loader(name, self)
        return None
    def create_module(self, spec):
        m = types.ModuleType(spec.name)
        m.value = 7
        return m
    def exec_module(self, module):
        module.ran = True
sys.meta_path.append(Finder())
import virtual_mod
print(virtual_mod.value, virtual_mod.ran, virtual_mod.__spec__.name, sys.modules["virtual_mod"] is virtual_mod)
