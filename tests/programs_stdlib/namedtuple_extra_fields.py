# A namedtuple subclass with extra _fields and its own __iter__/__len__/__getitem__
# (platform.uname_result, which uuid imports)
import collections
import functools
import hashlib  # uuid3/uuid5 import it inside a function: imported here, its natives are followed
import itertools
import uuid

class Result(collections.namedtuple("Base", "a b")):
    _fields = ("a", "b", "extra")

    @functools.cached_property
    def extra(self):
        return "x"

    def __iter__(self):
        return itertools.chain(super().__iter__(), (self.extra,))

    @classmethod
    def _make(cls, iterable):
        result = cls.__new__(cls, *iterable)
        if len(result) != len(cls._fields):
            raise TypeError(f"Expected {len(cls._fields) - 1} arguments, got {len(result)}")
        return result

    def __getitem__(self, key):
        return tuple(self)[key]

    def __len__(self):
        return len(tuple(iter(self)))

r = Result(1, 2)
print(len(r), tuple(r), r[2], r[-1], list(r), r.extra, r.a, r._asdict() if hasattr(r, "_asdict") else None)
print(Result._make([3, 4]), Result._fields)
u = uuid.UUID("12345678-1234-5678-1234-567812345678")
print(u, u.hex, u.version, uuid.uuid5(uuid.NAMESPACE_DNS, "python.org"), uuid.uuid3(uuid.NAMESPACE_URL, "x"))
print(repr(uuid.UUID(bytes=b"\x01" * 16)), u.urn, u.fields, u.int % 1000)
P = collections.namedtuple("P", "x y z", defaults=[0, 9])
print(P(1), P(1, 2), P(x=5, z=1), P._field_defaults, P.__new__.__defaults__)
