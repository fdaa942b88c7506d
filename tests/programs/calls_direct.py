# Direct calls between the functions of one module (a global bound to a module-level def is
# called through that def's body, guarded by the function's identity): the global rebound in
# the middle of a loop (to another def, a def of another arity, a lambda, a builtin, a class, a
# callable instance, None, deleted), `__code__` and `__defaults__` replaced, calls with too few
# or too many arguments, a generator function, methods replaced on the class, frames seen by
# `sys._getframe`, tracebacks through direct calls, the recursion limit reached (lowered
# mid-way) and an uncaught RecursionError whose traceback CPython summarises.
import gc
import sys


def add(a, b):
    return a + b


def sub(a, b):
    return a - b


def three(a, b, c):
    return a * b * c


def six(a, b, c, d, e, f):
    return (a, b, c, d, e, f)


def with_default(a, b=100):
    return a + b


def countdown(n):
    while n > 0:
        yield n
        n -= 1


def where():
    f = sys._getframe(1)
    names = []
    while f is not None:
        names.append((f.f_code.co_name, f.f_lineno))
        f = f.f_back
    return names


def outer_frames():
    return where()


class Callable:
    def __init__(self, k):
        self.k = k

    def __call__(self, a, b):
        return ("callable", self.k, a, b)


class Pair:
    def __init__(self, a, b):
        self.a = a
        self.b = b

    def __repr__(self):
        return "Pair(%r, %r)" % (self.a, self.b)

    def total(self):
        return add(self.a, self.b)


def case_rebound():
    global add
    saved = add
    out = []
    for i in range(16):
        try:
            out.append(add(i, 2))
        except TypeError as e:
            out.append("TypeError: " + str(e))
        except NameError as e:
            out.append("NameError: " + str(e))
        if i == 2:
            add = sub
        elif i == 4:
            add = three                     # another def, three parameters
        elif i == 5:
            add = lambda a, b: ("lambda", a, b)
        elif i == 6:
            add = max
        elif i == 7:
            add = Pair
        elif i == 8:
            add = Callable(i)
        elif i == 9:
            add = None
        elif i == 10:
            del add
        elif i == 11:
            add = with_default
        elif i == 12:
            add = countdown                 # one parameter
        elif i == 13:
            add = saved
    print("rebound:", out)


def case_code_replaced():
    out = []
    saved = sub.__code__
    for i in range(8):
        try:
            out.append(sub(i, 3))
        except TypeError as e:
            out.append("TypeError: " + str(e))
        if i == 1:
            sub.__code__ = add.__code__
        elif i == 3:
            sub.__code__ = three.__code__   # the call now misses an argument
        elif i == 4:
            sub.__code__ = with_default.__code__
        elif i == 6:
            sub.__code__ = saved
    print("code replaced:", out)


def case_arity():
    out = []
    for args in [(1,), (1, 2), (1, 2, 3)]:
        try:
            out.append(three(*args))
        except TypeError as e:
            out.append(str(e))
    try:
        out.append(three(1, 2))
    except TypeError as e:
        out.append(str(e))
    try:
        out.append(three(1, 2, 3, 4))
    except TypeError as e:
        out.append(str(e))
    out.append(six(1, 2, 3, 4, 5, 6))
    try:
        out.append(six(1, 2, 3, 4, 5))
    except TypeError as e:
        out.append(str(e))
    for i in range(5):
        out.append(with_default(i, i))
        out.append(with_default(i))
        if i == 2:
            with_default.__defaults__ = (-1,)
        elif i == 3:
            with_default.__defaults__ = None
            try:
                with_default(i)
            except TypeError as e:
                out.append(str(e))
            with_default.__defaults__ = (7,)
    print("arity:", out)


def case_generator():
    out = []
    for i in range(4):
        out.append(list(countdown(i)))
    g = countdown(3)
    print("generator:", out, next(g), type(g).__name__)


def case_methods():
    p = Pair(3, 4)
    out = []
    for i in range(6):
        out.append(p.total())
        if i == 1:
            Pair.total = lambda self: ("patched", self.a)
        elif i == 3:
            def total(self):
                return sub(self.a, self.b)
            Pair.total = total
        elif i == 4:
            p.total = lambda: "instance"
    print("methods:", out)


def case_frames():
    print("frames:", outer_frames()[:3])


def fails(a, b):
    return a // b


def middle(a, b):
    return fails(a, b) + 1


def case_traceback():
    try:
        middle(1, 0)
    except ZeroDivisionError:
        tb = sys.exc_info()[2]
        frames = []
        while tb is not None:
            frames.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
            tb = tb.tb_next
        print("traceback:", frames)


class Node:
    def __init__(self):
        self.other = None


def churn(n):
    # cycles made between direct calls: a collection may run at a function's entry
    a = Node()
    b = Node()
    a.other = b
    b.other = a
    return n + 1


def case_gc():
    total = 0
    for i in range(3000):
        total = churn(total)
    gc.collect()
    print("gc:", total)


def deep(n):
    return deep(n + 1)


def ping(n):
    return pong(n + 1)


def pong(n):
    return ping(n + 1)


def case_recursion():
    try:
        deep(0)
    except RecursionError as e:
        print("RecursionError:", e)
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(150)
    try:
        ping(0)
    except RecursionError as e:
        print("RecursionError (150):", e)
    sys.setrecursionlimit(old)
    # the depth is back where it was: a deep but legal recursion still works
    def fact(n):
        return 1 if n <= 1 else n * fact(n - 1)
    print("fact:", fact(300) % 1000003)


case_rebound()
case_code_replaced()
case_arity()
case_generator()
case_methods()
case_frames()
case_traceback()
case_gc()
case_recursion()
ping(0)
