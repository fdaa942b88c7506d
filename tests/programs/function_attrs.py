"""Attributes on function objects (set, read, delete, __dict__, vars, through methods and
decorators) and deleting module attributes."""
import functools
import sys


def plain():
    return "plain"


plain.label = "first"
plain.count = 0
plain.count += 1
print(plain.label, plain.count, sorted(vars(plain)), plain.__dict__ == {"label": "first", "count": 1})
setattr(plain, "dyn", [1, 2])
print(getattr(plain, "dyn"), hasattr(plain, "dyn"), hasattr(plain, "missing"), getattr(plain, "missing", "dflt"))
del plain.label
print(hasattr(plain, "label"), sorted(plain.__dict__))
try:
    del plain.label
except AttributeError as e:
    print("AttributeError", e)
try:
    print(plain.nothing)
except AttributeError as e:
    print("AttributeError", e)


def tagged(**tags):
    def deco(fn):
        for k, v in tags.items():
            setattr(fn, k, v)
        fn.tags = sorted(tags)
        return fn
    return deco


def counted(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        return fn(*args, **kwargs)
    wrapper.calls = 0
    return wrapper


class Service:
    @tagged(route="/ping", method="GET")
    def ping(self):
        return "pong"

    @counted
    def work(self, n):
        return n * 2

    @staticmethod
    @tagged(kind="static")
    def helper():
        return 1


s = Service()
print(Service.ping.route, s.ping.method, s.ping.tags, s.ping.__func__.route, Service.helper.kind)
print(s.work(3), s.work(4), Service.work.calls, s.work.calls, s.work.__wrapped__.__name__, s.work.__name__)
Service.ping.route = "/health"
print(s.ping.route)
try:
    s.ping.route = "/x"
except AttributeError as e:
    print("AttributeError", e)
lam = lambda: 0
lam.meta = {"a": 1}
print(lam.meta, lam.__name__)


def outer():
    def inner():
        return inner.state
    inner.state = "closure"
    return inner


print(outer()())

mod = sys.modules[__name__]
mod.added = 41
print(added + 1, "added" in globals())
del mod.added
print("added" in globals(), hasattr(mod, "added"))
try:
    del mod.added
except AttributeError as e:
    print("AttributeError", e)
import collections
collections.extra = 1
del collections.extra
print(hasattr(collections, "extra"))
del plain.nothing
