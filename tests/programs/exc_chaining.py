# Exception chaining: __context__ set implicitly while handling, __cause__ with `from`,
# `from None` suppression; the uncaught traceback prints the whole chain.

def parse(text):
    try:
        return int(text)
    except ValueError as e:
        raise RuntimeError(f"cannot parse {text!r}") from e


try:
    parse("abc")
except RuntimeError as e:
    print("error:", e)
    print("cause:", repr(e.__cause__))
    print("suppress:", e.__suppress_context__)

try:
    try:
        {}["k"]
    except KeyError:
        raise LookupError("lookup failed") from None
except LookupError as e:
    print("from None:", e.__cause__, e.__suppress_context__, repr(e.__context__))

try:
    try:
        1 / 0
    except ZeroDivisionError:
        [][0]
except IndexError as e:
    print("implicit context:", repr(e.__context__))


def cleanup_fails():
    try:
        raise ValueError("first")
    finally:
        print("in finally")


try:
    cleanup_fails()
except ValueError as e:
    print("propagated through finally:", e)


def level3():
    raise KeyError("deep")


def level2():
    try:
        level3()
    except KeyError as e:
        raise ValueError("middle") from e


def level1():
    try:
        level2()
    except ValueError:
        return 1 / 0


level1()
