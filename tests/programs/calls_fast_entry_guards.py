# Calls through the fixed-arity entry of compiled functions (the arguments in a stack array,
# defaults filled from `__defaults__` at the call) from every caller that uses it: plain calls,
# method calls found by the inline cache, operator and hash dunders, property getters, sort
# keys, `__call__`, constructors. Each case changes what is called in the middle of a loop:
# `__code__`, `__defaults__` and `__kwdefaults__` replaced, a global function rebound, a method
# replaced on the class, a callable instance or a bound method passed where a function was, a
# decorated function; the recursion limit hit through the entry; tracebacks through it; a
# plain class value read through `self` shadowed, replaced and deleted mid-loop.
import sys


def add(a, b):
    return a + b


def sub(a, b):
    return a - b


def with_default(a, b=10, c=20):
    return a + b + c


def with_kw(a, *, k=1):
    return a * k


def make_adder(n):
    def adder(a, b):
        return a + b + n
    return adder


def deco(fn):
    def wrapper(*args, **kwargs):
        return ("deco", fn(*args, **kwargs))
    return wrapper


def plain(a, b):
    return a * b


class Acc:
    LIMIT = 5
    NAME = "acc"

    def __init__(self, start):
        self.total = start

    def step(self, x):
        self.total += x
        return self.total

    def capped(self):
        return min(self.total, self.LIMIT)

    def label(self, suffix="!"):
        return self.NAME + suffix


class Callable:
    def __init__(self, k):
        self.k = k

    def __call__(self, a, b):
        return ("callable", a, b, self.k)


class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)

    def __eq__(self, o):
        return isinstance(o, Vec) and self.x == o.x and self.y == o.y

    def __hash__(self):
        return hash((self.x, self.y))

    def __lt__(self, o):
        return (self.x, self.y) < (o.x, o.y)

    @property
    def norm1(self):
        return abs(self.x) + abs(self.y)

    def __repr__(self):
        return "Vec(%r, %r)" % (self.x, self.y)


def case_global_rebound():
    global add
    out = []
    saved = add
    for i in range(12):
        out.append(add(i, 3))
        if i == 4:
            add = sub                       # another compiled function
        elif i == 7:
            add = Callable(i)               # a callable instance
        elif i == 9:
            add = Acc(100).step.__func__.__get__(Acc(i))   # a bound method: (self, x)
            out.append(add(1))
            add = lambda a, b: ("lambda", a, b)
    add = saved
    print("global rebound:", out)


def case_code_replaced():
    out = []
    for i in range(8):
        out.append(plain(i, 2))
        if i == 2:
            plain.__code__ = sub.__code__
        elif i == 5:
            plain.__code__ = add.__code__
    print("code replaced:", out, plain.__name__, plain.__code__.co_name)
    adder = make_adder(100)
    try:
        plain.__code__ = adder.__code__
    except ValueError as e:
        print("ValueError:", e)
    try:
        plain.__code__ = 5
    except TypeError as e:
        print("TypeError:", e)
    other = make_adder(1000)
    for i in range(4):
        out.append(adder(i, i))
        if i == 1:
            adder.__code__ = other.__code__
    print("closure code:", out[-4:])


def attempt(f, *args):
    try:
        return f(*args)
    except TypeError as e:
        return str(e)


def case_defaults_replaced():
    out = []
    for i in range(9):
        try:
            out.append(with_default(i))
        except TypeError as e:
            out.append(str(e))
        out.append(with_default(i, 1))
        if i == 2:
            with_default.__defaults__ = (100, 200)
        elif i == 4:
            with_default.__defaults__ = (7,)       # only `c` has a default now
        elif i == 6:
            with_default.__defaults__ = None
            out.append(attempt(with_default, i, 1))
            with_default.__defaults__ = (1, 2)
    print("defaults replaced:", out)
    out = []
    for i in range(7):
        try:
            out.append(with_kw(i))
        except TypeError as e:
            out.append(str(e))
        if i == 2:
            with_kw.__kwdefaults__ = {"k": 10}
        elif i == 4:
            with_kw.__kwdefaults__ = None
        elif i == 5:
            with_kw.__kwdefaults__ = {"k": -1}
    print("kwdefaults replaced:", out)


def case_method_replaced():
    acc = Acc(0)
    out = []
    for i in range(10):
        out.append(acc.step(i))
        out.append(acc.label())
        if i == 3:
            Acc.step = lambda self, x: ("patched", x)
        elif i == 5:
            acc.step = lambda x: ("instance", x)
        elif i == 7:
            del acc.step
            Acc.step = deco(lambda self, x: x * 100)
        elif i == 8:
            Acc.label = lambda self, suffix="?": "L" + suffix
    print("method replaced:", out)


def case_class_values():
    a = Acc(3)
    b = Acc(50)
    out = []
    for i in range(10):
        out.append((a.capped(), b.capped(), a.NAME, b.label("#")))
        if i == 2:
            a.LIMIT = 1                      # shadowed on one instance
        elif i == 4:
            Acc.LIMIT = 40                   # the class value replaced
        elif i == 5:
            del a.LIMIT
            Acc.NAME = ("tuple", "name")[0]
        elif i == 6:
            Acc.LIMIT = "x" if False else 45
            Acc.NAME = "renamed"
        elif i == 7:
            del Acc.LIMIT
            try:
                a.capped()
            except AttributeError as e:
                out.append(str(e))
            Acc.LIMIT = property(lambda self: 2)
        elif i == 8:
            Acc.LIMIT = 9
    print("class values:", out)


def apply(f, a, b):
    return f(a, b)


def case_passed_callables():
    out = []
    fs = [sub, sub, Callable(3), Vec(1, 2).__add__, make_adder(5), deco(sub), sub, max, Vec]
    for i, f in enumerate(fs):
        try:
            out.append(apply(f, Vec(i, 1) if i in (3, 8) else i, Vec(2, 2) if i == 3 else 1))
        except TypeError as e:
            out.append(str(e))
    print("passed callables:", out)


def case_decorated():
    f = deco(plain)
    out = []
    for i in range(4):
        out.append(f(i, 3))
    print("decorated:", out)


def case_dunders():
    out = []
    vs = [Vec(i % 3, i % 2) for i in range(8)]
    total = Vec(0, 0)
    for i, v in enumerate(vs):
        total = total + v
        out.append((total == v, hash(v) == hash((v.x, v.y)), v.norm1))
        if i == 3:
            Vec.__add__ = lambda self, o: Vec(self.x * 10 + o.x, self.y)
            Vec.__hash__ = lambda self: 42
        elif i == 5:
            Vec.norm1 = property(lambda self: -1)
    print("dunders:", total, out)
    print("sorted:", sorted(vs), sorted(vs, key=lambda v: -v.x))
    print("set:", len({Vec(1, 1), Vec(1, 1), Vec(2, 1)}))


def case_call_dunder():
    c = Callable(1)
    out = []
    for i in range(5):
        out.append(c(i, i))
        if i == 2:
            Callable.__call__ = lambda self, a, b=0: ("new", a, b)
    print("call dunder:", out)


def deep(n):
    return deep(n + 1)


def deep_method(acc, n):
    return acc.step(n) + deep_method(acc, n + 1)


def case_recursion():
    try:
        deep(0)
    except RecursionError as e:
        print("RecursionError:", e)
    acc = Acc(0)
    Acc.step = lambda self, x: x
    try:
        deep_method(acc, 0)
    except RecursionError as e:
        print("RecursionError (method):", e)
    # the limit lowered mid-way: the entry checks it at every call
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(120)
    try:
        deep(0)
    except RecursionError as e:
        print("RecursionError (120):", e)
    sys.setrecursionlimit(old)


def fails(a, b):
    return a / b


def middle(a, b=0):
    return fails(a, b)


class Failing:
    def go(self, x):
        return middle(x)

    def __lt__(self, o):
        return middle(1)


def case_tracebacks():
    for what in ("call", "method", "dunder"):
        try:
            if what == "call":
                middle(1)
            elif what == "method":
                Failing().go(2)
            else:
                Failing() < Failing()
        except ZeroDivisionError:
            tb = sys.exc_info()[2]
            frames = []
            while tb is not None:
                frames.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
                tb = tb.tb_next
            print(what, frames, sys._getframe(0).f_code.co_name)


case_global_rebound()
case_code_replaced()
case_defaults_replaced()
case_method_replaced()
case_class_values()
case_passed_callables()
case_decorated()
case_dunders()
case_call_dunder()
case_recursion()
case_tracebacks()

# uncaught, through a method, an operator dunder and a call filling a default
sorted([Failing(), Failing()])
