# collections.abc is a submodule of the stdlib's collections package, whatever provides
# collections itself
import collections.abc
from collections.abc import Mapping, MutableSequence, Iterable, Sized


class Bag(Mapping):
    def __init__(self, **kw):
        self._d = kw

    def __getitem__(self, k):
        return self._d[k]

    def __iter__(self):
        return iter(self._d)

    def __len__(self):
        return len(self._d)


b = Bag(a=1, b=2)
print(isinstance({}, Mapping), isinstance([], MutableSequence), isinstance(3, Iterable))
print(dict(b.items()), b.get("z", 0), "a" in b, b == {"a": 1, "b": 2}, issubclass(Bag, Sized))
print(collections.abc.Sequence.__name__, collections.abc is __import__("_collections_abc") or "alias")
