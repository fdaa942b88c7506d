# Calls through a variable with 0-3 positional arguments whose callee changes kind mid-loop:
# builtin functions, bound and unbound builtin methods, native closures (functools.partial,
# operator.itemgetter), compiled functions, bound methods, classes and callable instances.
# Builtins get their arguments in a stack array instead of a vector; every kind must still
# see the same arguments, raise the same kinds of errors and leave its arguments untouched (a string
# passed to operator.iadd stays what it was). Unbound builtin methods (`str.upper`) are called
# only on their own type here: called on another type the runtime crashes (a separate bug).
import functools
import operator


class Box:
    def __init__(self, *items):
        self.items = list(items)

    def add(self, *xs):
        self.items.extend(xs)
        return len(self.items)

    def __call__(self, *xs):
        return ("called", xs)

    def __repr__(self):
        return f"Box({len(self.items)})"


def py_fn(*xs):
    return ("py", xs)


def describe(r):
    if isinstance(r, (list, tuple, set, dict)):
        return f"{type(r).__name__}:{sorted(map(repr, r)) if isinstance(r, (set, dict)) else list(r)!r}"
    return repr(r)


def call_all(fs, args):
    out = []
    for f in fs:
        try:
            if len(args) == 0:
                r = f()
            elif len(args) == 1:
                r = f(args[0])
            elif len(args) == 2:
                r = f(args[0], args[1])
            else:
                r = f(args[0], args[1], args[2])
            out.append(describe(r))
        except Exception as e:  # the class only: some messages differ from CPython's already
            out.append(type(e).__name__)
    return out


lst = [3, 1, 2]
box = Box(1)
zero = [list, dict, py_fn, box, Box, lst.copy, functools.partial(py_fn, "p"), tuple, set, len]
one = [len, abs, str, repr, operator.index, lst.count, lst.index, py_fn, box.add,
       box, Box, operator.itemgetter(0), functools.partial(max, 0), sorted, list,
       bool, type]
two = [max, min, divmod, pow, isinstance, getattr, operator.add, operator.iadd, py_fn,
       box.add, "-".join, functools.partial(py_fn, "q"), dict.fromkeys, round]
three = [pow, py_fn, box.add, functools.partial(sorted), getattr, range, slice,
         max, operator.setitem]

for args in [(), ("ab",), (7,), ([4, 5],), (-3,)]:
    fs = zero if not args else one
    print(args, call_all(fs, args))

s = "ab"
t = s + "c"           # a string only this frame holds
for args in [(t, "d"), (9, 4), ([1], [2]), ("x", str)]:
    print(args, call_all(two, args))
print("t after iadd:", t, "s:", s)

d = {}
for args in [(2, 10, 7), ("banana", "a", "o"), ([3, 1], 1, 2), (d, "k", "v"), (1, 2, 3)]:
    print(args, call_all(three, args))
print("d:", d, "box:", box.items)

# one call site whose callee changes kind every iteration (the dispatch decided per call)
site = [len, py_fn, "xy".count, str.lower, Box, functools.partial(py_fn, 1), box.add, repr]
acc = []
for i in range(40):
    f = site[i % len(site)]
    try:
        acc.append(describe(f("XyZ")))
    except Exception as e:
        acc.append(f"{type(e).__name__}: {e}")
print(acc[:8])
print(len(acc), acc.count(acc[0]), len(box.items))

# a builtin replaced by a compiled function in the module globals mid-loop, then restored
real_len = len
seen = []
for i in range(6):
    if i == 2:
        len = lambda x: -1                # noqa: E731
    if i == 4:
        len = real_len
    seen.append(len("abc"))
print(seen)
