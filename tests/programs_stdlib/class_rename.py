# A class renamed through __name__ reads back its new name, dotted or not (typing.re's
# `re.__name__ = 'typing.re'`), and its repr keeps its __qualname__
import sys
import typing

class re:
    pass

re.__name__ = __name__ + ".re"
print(re.__name__, re.__qualname__, repr(re))
class Other:
    pass
Other.__name__ = "Renamed"
print(Other.__name__, Other.__qualname__, Other().__class__.__name__)
print(typing.re.__name__, "re" in sys.modules, sys.modules["typing.re"] is typing.re)
print(type(sys.hash_info).__name__, type(sys.float_info).__name__, type(sys.version_info).__name__)
try:
    Other.__name__ = 3
except TypeError as e:
    print("TypeError", e)
