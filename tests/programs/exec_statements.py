# exec() and compile(..., 'exec') of statement text built at run time (not a constant of the
# program, so the runtime interprets it): every statement form the interpreter supports
def text(*lines):
    return "\n".join(lines) + "\n"

def run(src, g=None, l=None):
    g = {} if g is None else g
    try:
        if l is None:
            exec(src, g)
        else:
            exec(src, g, l)
    except Exception as e:
        print("  raised", type(e).__name__, e)
    return g

g = run(text(
    "x = 1; y = 2",
    "a, (b, *c) = 1, (2, 3, 4)",
    "[d, e] = 'de'",
    "p = q = [x, y]",
    "p[0] += 10",
    "z = 3",
    "z **= 2",
    "z //= 2",
    "z <<= 3",
    "s = f'{x!r:>4}|{y=}|{z:{x}{y}}|{{lit}}|{p[0]:#x}'",
))
print(sorted((k, v) for k, v in g.items() if k != "__builtins__"))

g = run(text(
    "out = []",
    "for i in range(10):",
    "    if i % 2 == 0:",
    "        continue",
    "    elif i == 7:",
    "        break",
    "    else:",
    "        out.append(i)",
    "else:",
    "    out.append('no break')",
    "n = 0",
    "while n < 3:",
    "    n += 1",
    "else:",
    "    out.append(('while else', n))",
    "for k, v in {'a': 1}.items(): out.append(k * v)",
    "if not out: pass",
))
print(g["out"])

g = run(text(
    "def f(a, b=2, /, c=3, *args, d, e=5, **kw) -> 'ret':",
    "    '''doc of f'''",
    "    return (a, b, c, args, d, e, kw)",
    "def g(x: int, y: 'str' = 'y', *, z: float = 1.0):",
    "    return x",
    "def h(*, k): return k",
))
f = g["f"]
print(f(1, d=4), f(1, 2, 3, 4, 5, d=6, zz=7))
print(f.__name__, f.__qualname__, f.__doc__, f.__defaults__, f.__kwdefaults__, f.__annotations__, f.__module__)
print(g["g"].__annotations__, g["g"].__defaults__, g["g"].__kwdefaults__)
for call in (lambda: f(), lambda: f(1, b=2, d=3), lambda: g["h"](1), lambda: g["g"](1, 2, 3), lambda: f(1, d=1, c=1, **{"c": 2})):
    try:
        call()
    except TypeError as e:
        print("TypeError", e)

# closures, nonlocal, global, lambdas inside functions, unbound locals
g = run(text(
    "counter = 0",
    "def make(n):",
    "    total = n",
    "    def add(k):",
    "        nonlocal total",
    "        global counter",
    "        counter += 1",
    "        total += k",
    "        return total",
    "    def get():",
    "        return total, (lambda m=2: total * m)()",
    "    return add, get",
    "add, get = make(10)",
    "add(1); add(2)",
    "res = get()",
    "def bad():",
    "    print(v)",
    "    v = 1",
    "def outer():",
    "    def inner():",
    "        return w",
    "    r = inner",
    "    w = 5",
    "    return r",
))
print(g["res"], g["counter"], g["add"].__qualname__, g["get"].__qualname__, len(g["add"].__closure__))
for name in ("bad",):
    try:
        g[name]()
    except NameError as e:
        print(type(e).__name__, e)
print(g["outer"]()(), g["outer"]().__qualname__)

# exceptions: try/except/else/finally, raise from, bare raise, assert
g = run(text(
    "log = []",
    "def risky(kind):",
    "    try:",
    "        if kind == 1:",
    "            raise ValueError('v')",
    "        elif kind == 2:",
    "            raise KeyError('k') from TypeError('cause')",
    "        elif kind == 3:",
    "            return 'returned'",
    "        log.append('body ok')",
    "    except ValueError as e:",
    "        log.append(('caught', repr(e)))",
    "    except (KeyError, IndexError) as e:",
    "        log.append(('key', repr(e), repr(e.__cause__)))",
    "        raise",
    "    else:",
    "        log.append('else')",
    "    finally:",
    "        log.append(('finally', kind))",
    "    return 'end'",
    "for kind in range(4):",
    "    try:",
    "        log.append(risky(kind))",
    "    except KeyError as e:",
    "        log.append(('outer', repr(e)))",
    "try:",
    "    assert 1 == 2, 'math'",
    "except AssertionError as e:",
    "    log.append(repr(e))",
    "try:",
    "    try:",
    "        {}['missing']",
    "    except KeyError:",
    "        raise RuntimeError('during')",
    "except RuntimeError as e:",
    "    log.append((repr(e), repr(e.__context__)))",
))
for entry in g["log"]:
    print(entry)

# del, imports, decorators, module-level annotations
g = run(text(
    "import math, os.path",
    "import os.path as osp",
    "from math import sqrt as root, pi",
    "def deco(fn):",
    "    fn.tagged = True",
    "    return fn",
    "@deco",
    "def tagged(): return 1",
    "n: int = 5",
    "m: str",
    "gone = 1",
    "lst = [1, 2, 3]; dd = {'a': 1}",
    "del gone, lst[0], dd['a']",
))
print(g["root"](16.0), g["pi"] == g["math"].pi, g["osp"] is g["os"].path, g["tagged"].tagged, "gone" in g, g["lst"], g["dd"])


def annotations_of(g):
    """Module-level annotations of exec'd text: `__annotations__` up to 3.13; from 3.14
    (PEP 649) `__annotate__` and `__conditional_annotations__` instead."""
    annotate = g.get("__annotate__")
    print("  __annotations__:", g.get("__annotations__"), "conditional:", sorted(g.get("__conditional_annotations__", ())))
    for fmt in (1, 2, 3):
        if annotate is None:
            break
        try:
            print("  __annotate__(%d):" % fmt, annotate(fmt))
        except Exception as e:
            print("  __annotate__(%d) raised" % fmt, type(e).__name__, e)


annotations_of(g)
g = run(text(
    "class K: pass",
    "k = K()",
    "k.attr: int = 1",
    "x: int = 1",
    "for i in range(2):",
    "    y: float",
    "if 0:",
    "    w: bytes",
    "try:",
    "    t: 'text' = 2",
    "finally:",
    "    pass",
    "class C:",
    "    a: int = 3",
    "v: undefined_name_in_annotation",
    "after = 1",
))
annotations_of(g)
print(sorted(k for k in g if not k.startswith("__")), g["C"].__annotations__)

# exec with separate locals (dataclasses' pattern): module-level names go into locals,
# functions defined there see globals, not those locals
ns = {}
glb = {"BASE": 100}
run(text(
    "def __create_fn__(_type_x, _dflt_x):",
    " def __init__(self, x:_type_x=_dflt_x):",
    "  self.x = x + BASE",
    " return __init__",
    "helper = 1",
), glb, ns)
print(sorted(ns), "helper" in glb)
init = ns["__create_fn__"](int, 7)
class C:
    pass
C.__init__ = init
print(C().x, C(1).x, init.__annotations__, init.__qualname__, init.__defaults__)

# compile(..., 'exec') keeps the text; eval() of it runs it; SyntaxErrors at compile time
code = compile(text("total = sum(range(5))", "msg = f'total={total}'"), "<gen>", "exec")
ns = {}
print(eval(code, ns), ns["msg"], code.co_filename)
exec(code, ns)
for bad in ("x = = 1\n", "if x:\npass\n", "x = 1\n  y = 2\n", "for x in y:\n    pass\n  z\n", "f() = 1\n",
            "x = (1,\n", "def f(x, x=1, y):\n  pass\n", "if True\n  pass\n", "if x:\n    return 5\n",
            "f() = x = 1\n", "for f() in y: pass\n", "del f()\n", "x +\n", "def f(a, /, *, ):\n pass\n"):
    try:
        compile(bad, "<bad>", "exec")
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.lineno, e.offset)

# errors raised inside interpreted code keep their type and message
run(text("def f():", "    return 1 / 0", "f()"))
run(text("x = undefined_name"))
run(text("a, b = [1, 2, 3]"))

# f-strings in eval() and in exec'd text: conversions, nested specs, {x=}, nested quotes,
# adjacent literals, escapes
val, width = 3.14159, 8
for src in ("f'{val:.2f}|{val!s:>{width}}|{width=}|{\"q\"}|{[1, 2][0]}' 'tail' f\"{'x' + 'y'}\"",
            "f'''multi\\n{val:{width}.{1 + 1}f}\\t{{}}'''", "rf'\\d{width}'", "f'{val!a}{ {1: 2}[1] }'"):
    print(repr(eval(src, {"val": val, "width": width})))
for bad in ("f'{}'", "f'{x!z}'", "f'}'", "f'{x'"):
    try:
        eval(bad, {"x": 1})
    except SyntaxError as e:
        print("SyntaxError", e.msg)

# class statements (attrs generates `class XAttributes(tuple): __slots__ = (); x = ...`)
g = run(text(
    "class Meta(type):",
    "    def __new__(mcls, name, bases, ns, **kw):",
    "        ns['made_by'] = ('Meta', sorted(kw))",
    "        return type.__new__(mcls, name, bases, ns)",
    "    def __init__(cls, name, bases, ns, **kw):",
    "        type.__init__(cls, name, bases, ns)",
    "class Base(metaclass=Meta, flag=1):",
    "    '''base doc'''",
    "    kind = 'base'",
    "    def __init__(self, v):",
    "        self.v = v",
    "    def show(self):",
    "        return f'{type(self).__name__}({self.v}, {self.kind})'",
    "class PointAttributes(tuple):",
    "    __slots__ = ()",
    "    x = property(lambda self: self[0])",
    "def deco(cls):",
    "    cls.decorated = True",
    "    return cls",
    "@deco",
    "class Child(Base):",
    "    kind = 'child'",
    "    def show(self):",
    "        return 'child ' + Base.show(self)",
))
B, C, P = g["Base"], g["Child"], g["PointAttributes"]
print(B(1).show(), C(2).show(), C.decorated, B.__doc__, B.__qualname__, B.__module__, type(C).__name__, B.made_by, C.made_by)
print(C.show.__qualname__, P((5, 6)).x, P.__slots__, P.__mro__[1].__name__)
