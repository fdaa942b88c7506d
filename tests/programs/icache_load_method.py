# `obj.name(args)` whose arguments may raise or have effects between the load and the call
# (`out.append(f(x))`) loads the method before the arguments are evaluated, as CPython's
# LOAD_METHOD does, without making a bound method. Each case changes what `obj.name` is while
# the arguments are being evaluated, in the middle of a loop, so the call must still use what
# was loaded: a method replaced on the class, an instance attribute shadowing it or removed,
# `__class__` assigned, `__dict__` replaced, the list rebound, a module function replaced; and
# errors raised by the arguments after the load.
import math


class Box:
    def __init__(self, name):
        self.name = name

    def show(self, x):
        return "%s.show(%s)" % (self.name, x)

    @staticmethod
    def st(x):
        return "static(%s)" % x

    @classmethod
    def cm(cls, x):
        return "%s.cm(%s)" % (cls.__name__, x)

    @property
    def prop(self):
        return lambda x: "prop(%s)" % x


class Other(Box):
    def show(self, x):
        return "Other(%s)" % x


class Lazy:
    def __getattr__(self, name):
        return lambda x: "getattr %s(%s)" % (name, x)


class Sub(Box):
    def show(self, x):
        return "Sub+" + super().show(x)


log = []


def arg(i, change, box):
    log.append(i)
    change(i, box)
    if i == 5:
        raise KeyError("argument %d" % i)
    return i


def run(change, box):
    out = []
    for i in range(8):
        try:
            out.append(box.show(arg(i, change, box)))
        except (KeyError, AttributeError) as e:
            out.append(type(e).__name__ + ": " + str(e))
    return out


def nothing(i, box):
    pass


def replace_on_class(i, box):
    if i == 2:
        Box.show = lambda self, x: "replaced(%s)" % x
    if i == 4:
        del Box.show
    if i == 6:
        Box.show = ORIGINAL


def shadow(i, box):
    if i == 1:
        box.show = lambda x: "instance(%s)" % x
    if i == 3:
        del box.show
    if i == 6:
        vars(box)["show"] = lambda x: "vars(%s)" % x


def reclass(i, box):
    if i == 2:
        box.__class__ = Other
    if i == 4:
        box.__class__ = Box


def new_dict(i, box):
    if i == 2:
        box.__dict__ = {"name": "fresh", "show": lambda x: "dict(%s)" % x}
    if i == 3:
        box.__dict__ = {"name": "plain"}


ORIGINAL = Box.show
for change in (nothing, replace_on_class, shadow, reclass, new_dict):
    print(change.__name__, run(change, Box("b")))
    Box.show = ORIGINAL
print(run(nothing, Sub("s")))
print(len(log))


# builtin containers' methods, with the container rebound while the arguments run
def rebinding():
    lst = [0]
    seen = []

    def grow(i):
        nonlocal lst
        if i % 3 == 2:
            lst = ["new"]
        return i

    for i in range(7):
        lst.append(grow(i))
        seen.append(len(lst))
    d = {}
    for i in range(5):
        d.setdefault(str(i % 2), []).append(i * i)
    s = "-"
    words = [s.join(str(i) + w for w in "ab") for i in range(3)]
    return lst, seen, d, words


print(rebinding())


# a module's function replaced while the arguments run; other kinds of attributes
def patch_sqrt(i):
    if i == 2:
        math.sqrt = lambda x: "patched(%s)" % x
    return i * i


def kinds():
    out = []
    saved = math.sqrt
    for i in range(4):
        out.append(math.sqrt(patch_sqrt(i)))
    math.sqrt = saved
    b, z = Box("k"), Lazy()
    for i in range(3):
        out.append(b.st(i + 1))
        out.append(b.cm(i + 1))
        out.append(b.prop(i + 1))
        out.append(z.anything(i + 1))
        out.append(Box.st(i + 1))
        out.append(Box.cm(str(i)))
    return out


print(kinds())


# keyword and star arguments through the same path
class K:
    def f(self, *args, **kw):
        return (args, sorted(kw.items()))


def calls():
    k = K()
    out = []
    for i in range(3):
        out.append(k.f(i, *[i + 1, i + 2], key=str(i)))
        out.append(k.f(key=[i][0]))
        out.append(k.f(*range(i), **{"a": i}))
    try:
        k.missing(print("argument evaluated?"))
    except AttributeError as e:
        out.append(str(e))
    return out


print(calls())
