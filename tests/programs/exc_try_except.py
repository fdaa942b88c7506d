# try/except/else/finally in every shape: matching by class, tuple, subclass; else; finally
# on every exit (return, break, continue, exception); nested handlers; handler variables.

class AppError(Exception):
    pass


class NotFound(AppError):
    def __init__(self, key):
        super().__init__(f"missing {key!r}")
        self.key = key


def classify(x):
    try:
        if x == 0:
            raise NotFound("zero")
        if x == 1:
            raise AppError("one")
        if x == 2:
            return 10 // (x - 2)
        if x == 3:
            return [1, 2][5]
        if x == 4:
            return {"a": 1}["b"]
        if x == 5:
            return int("five")
        return x * 2
    except NotFound as e:
        return f"not found: {e} key={e.key}"
    except AppError as e:
        return f"app error: {e}"
    except (ZeroDivisionError, IndexError) as e:
        return f"arith/index: {type(e).__name__}: {e}"
    except KeyError as e:
        return f"key: {e!r}"
    except Exception as e:
        return f"other: {type(e).__name__}: {e}"


for i in range(7):
    print(i, classify(i))


def with_else(x):
    log = []
    try:
        log.append("try")
        v = 100 / x
    except ZeroDivisionError:
        log.append("except")
    else:
        log.append(f"else {v}")
    finally:
        log.append("finally")
    return log


print(with_else(4))
print(with_else(0))


def finally_paths():
    out = []
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append(f"f{i}")
    return out


print(finally_paths())


def finally_overrides():
    try:
        return "try"
    finally:
        print("cleanup runs before the return")


print(finally_overrides())


def finally_return_swallows():
    try:
        raise ValueError("lost")
    finally:
        return "finally wins"


print(finally_return_swallows())


def nested(n):
    try:
        try:
            if n > 0:
                raise KeyError(n)
            return "no error"
        except KeyError as e:
            print("inner caught", e)
            raise ValueError(f"converted {n}")
        finally:
            print("inner finally")
    except ValueError as e:
        print("outer caught", e, "context:", repr(e.__context__))
        return "handled"


print(nested(0))
print(nested(7))


def handler_variable_is_deleted():
    e = "before"
    try:
        raise RuntimeError("x")
    except RuntimeError as e:
        pass
    try:
        print(e)
    except NameError as err:
        print("NameError:", err)
    except UnboundLocalError as err:
        print("UnboundLocalError:", err)


handler_variable_is_deleted()


def loop_with_try(items):
    total = 0
    bad = []
    for item in items:
        try:
            total += int(item)
        except ValueError:
            bad.append(item)
    return total, bad


print(loop_with_try(["1", "2", "x", "40", "y3", "-5"]))

try:
    raise TypeError
except TypeError as e:
    print("class raised:", repr(e), e.args)

try:
    try:
        raise OSError("disk")
    except OSError:
        raise
except OSError as e:
    print("re-raised:", e)

try:
    assert 1 + 1 == 3, "math is broken"
except AssertionError as e:
    print("assert:", e)

try:
    undefined_name
except NameError as e:
    print("name:", e)

try:
    (1).nope
except AttributeError as e:
    print("attr:", e)

try:
    raise StopIteration(5)
except StopIteration as e:
    print("stop value:", e.value)

try:
    raise 42
except TypeError as e:
    print("bad raise:", e)

try:
    try:
        1 / 0
    except "not a class":
        pass
except TypeError as e:
    print("bad except:", e)

import sys
try:
    raise ValueError("current")
except ValueError:
    print("sys.exc_info:", sys.exc_info()[0].__name__, sys.exc_info()[1])
print("after:", sys.exc_info())
