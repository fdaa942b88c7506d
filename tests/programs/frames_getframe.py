# sys._getframe: f_globals / f_code / f_back of the running compiled frames, as enum,
# namedtuple and typing use them to find their caller's module.
import sys


def caller_module(depth=1):
    return sys._getframe(depth + 1).f_globals.get("__name__")


def outer():
    return inner()


def inner():
    f = sys._getframe()
    names = []
    while f is not None:
        names.append(f.f_code.co_name)
        f = f.f_back
    return names


print(caller_module(0), outer())
print(sys._getframe(0).f_code.co_name, sys._getframe().f_globals is globals())
print(sys._getframe(0).f_locals is globals(), type(sys._getframe()).__name__)
try:
    sys._getframe(50)
except ValueError as e:
    print("ValueError:", e)


class Recorder:
    where = sys._getframe(0).f_code.co_name


print(Recorder.where)
t = type("Dyn", (), {})
print(t.__module__, t.__qualname__)
