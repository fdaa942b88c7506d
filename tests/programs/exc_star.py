# except*: matching clauses, nested groups, naked exceptions, re-raised rests, handlers that raise.
import sys


def show(label, e):
    print(label, type(e).__name__, repr(e))


def group():
    return ExceptionGroup("eg", [ValueError(1), TypeError(2), ExceptionGroup("nested", [ValueError(3), OSError(4)])])


print("--- one clause matching everything of its type")
try:
    raise group()
except* ValueError as e:
    show("value", e)
    print("handled is match:", sys.exception() is e)
except* TypeError as e:
    show("type", e)
except* OSError as e:
    show("os", e)
print("after, handled:", sys.exception())

print("--- a tuple of types")
try:
    raise group()
except* (TypeError, OSError) as e:
    show("type/os", e)
except* ValueError:
    print("values")

print("--- unmatched parts re-raised to the outer handler")
try:
    try:
        raise group()
    except* TypeError as e:
        show("inner type", e)
except ExceptionGroup as rest:
    show("outer", rest)
    print(rest.exceptions[1].exceptions)

print("--- no clause matches")
try:
    try:
        raise group()
    except* KeyError:
        print("not reached")
except ExceptionGroup as rest:
    show("unchanged", rest)

print("--- naked exceptions are wrapped")
try:
    raise ValueError("naked")
except* ValueError as e:
    show("wrapped", e)
    print(e.message == "", e.exceptions[0].args)
try:
    raise KeyboardInterrupt("k")
except* KeyboardInterrupt as e:
    show("base wrapped", e)
try:
    try:
        raise ValueError("naked, unmatched")
    except* TypeError:
        print("not reached")
except ValueError as e:
    show("naked passes through", e)

print("--- handlers that raise")
try:
    try:
        raise group()
    except* ValueError:
        raise KeyError("from handler")
except ExceptionGroup as e:
    show("combined", e)
    print(type(e.exceptions[0]).__name__, repr(e.exceptions[0].__context__))
try:
    try:
        raise group()
    except* ValueError:
        raise KeyError("a")
    except* TypeError:
        raise KeyError("b")
    except* OSError:
        pass
except ExceptionGroup as e:
    show("two raised", e)
try:
    try:
        raise ValueError("naked")
    except* ValueError:
        raise KeyError("replaces")
except KeyError as e:
    show("naked replaced", e)
    show("its context", e.__context__)

print("--- bare raise in a handler")
try:
    try:
        raise group()
    except* ValueError:
        raise
    except* TypeError:
        print("type handled")
except ExceptionGroup as e:
    show("reraised", e)
try:
    try:
        raise group()
    except* ValueError:
        raise
    except* TypeError:
        raise
    except* OSError:
        raise
except ExceptionGroup as e:
    show("all reraised", e)
try:
    try:
        raise group()
    except* ValueError as e:
        raise e
    except* TypeError:
        raise
except ExceptionGroup as e:
    show("raise e + reraise", e)
try:
    try:
        raise ValueError("naked")
    except* ValueError:
        raise
except ExceptionGroup as e:
    show("naked reraised", e)

print("--- else and finally")


def with_else(exc):
    try:
        if exc is not None:
            raise exc
    except* ValueError:
        print("  handler")
    else:
        print("  else")
    finally:
        print("  finally")
    return "returned"


print(with_else(None))
print(with_else(ExceptionGroup("x", [ValueError()])))
try:
    with_else(ExceptionGroup("x", [ValueError(), TypeError()]))
except ExceptionGroup as e:
    show("escaped", e)

print("--- loops with except*")
for i in range(4):
    try:
        if i % 2:
            raise ExceptionGroup("odd", [ValueError(i)])
        raise TypeError(i)
    except* ValueError as e:
        print(i, "value", e.exceptions)
    except* TypeError as e:
        print(i, "type", e.exceptions)
    print(i, "end of body")

print("--- invalid clauses")
try:
    try:
        raise ValueError()
    except* ExceptionGroup:
        pass
except TypeError as e:
    show("eg clause", e)
try:
    try:
        raise ValueError()
    except* (KeyError, BaseExceptionGroup):
        pass
except TypeError as e:
    show("tuple with group", e)
try:
    try:
        raise ValueError()
    except* int:
        pass
except TypeError as e:
    show("int clause", e)

print("--- nested try inside except*")
try:
    raise group()
except* ValueError as outer:
    try:
        raise ExceptionGroup("inside", [KeyError("k"), ValueError("v")])
    except* KeyError as inner:
        show("inner", inner)
    except* ValueError as inner:
        show("inner value", inner)
    print("outer still handled:", sys.exception() is outer)
except* TypeError:
    print("types")
except* OSError:
    print("oses")
print("done", sys.exception())
