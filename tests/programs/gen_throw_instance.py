# generator.throw(type, value): a value that is already an instance of the type is raised as
# it is, not wrapped in a new one (contextlib's __exit__ re-raises only `exc is value`; click's
# `Exit(0)` came back as `Exit(Exit(0))`); a tuple value is the constructor's arguments.
# sys.exit(None) raises SystemExit() without arguments.
import sys
from contextlib import contextmanager


class Exit(RuntimeError):
    __slots__ = ("exit_code",)

    def __init__(self, code=0):
        self.exit_code = code


class UsageError(Exception):
    exit_code = 2

    def __init__(self, message, ctx=None):
        super().__init__(message)
        self.ctx = ctx


@contextmanager
def augment(tag):
    try:
        yield
    except UsageError as e:
        if e.ctx is None:
            e.ctx = tag
        raise


for exc in (Exit(0), Exit(3), UsageError("bad"), KeyError("k")):
    try:
        with augment("T"):
            raise exc
    except BaseException as e:
        code = getattr(e, "exit_code", None)
        print(type(e).__name__, e is exc, code, type(code).__name__, e.args, getattr(e, "ctx", None))


def g():
    while True:
        try:
            yield 1
        except Exception as e:
            print("caught", type(e).__name__, e.args)
            yield 2


class Sub(ValueError):
    pass


for args in [(ValueError, ValueError("v")), (ValueError, Sub("sub")), (ValueError, "text"),
             (ValueError, (1, 2)), (ValueError, None), (ValueError(5),), (KeyError, KeyError("k"), None)]:
    it = g()
    next(it)
    print(it.throw(*args))

try:
    g2 = g()
    next(g2)
    g2.throw(KeyError, ValueError("other"))
except TypeError as e:
    print("TypeError", e)
except BaseException as e:
    print(type(e).__name__, e.args)

for arg in [(), (None,), (0,), (3,), ("msg",)]:
    try:
        sys.exit(*arg)
    except SystemExit as e:
        print(repr(e.code), e.args)
