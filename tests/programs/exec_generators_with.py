# exec() of statement text built at run time (interpreted, not compiled ahead of time) that
# defines generator functions (yield, yield from, `x = yield v`, yields inside loops, if,
# try/except/else/finally and with) and uses `with`: what jinja2's compiled templates are.
import sys


def text(*lines):
    return "\n".join(lines) + "\n"


def run(src, g=None):
    g = {"log": []} if g is None else g
    try:
        exec(src, g)
    except Exception as e:
        print("  raised", type(e).__name__, e)
    return g


g = run(text(
    "def count(n, step=1):",
    "    i = 0",
    "    while i < n:",
    "        yield i",
    "        i += step",
    "    else:",
    "        yield 'done'",
    "def evens(xs):",
    "    for x in xs:",
    "        if x % 2:",
    "            continue",
    "        elif x > 8:",
    "            break",
    "        yield x * 10",
    "    else:",
    "        yield 'no break'",
    "    return 'ret'",
    "def outer():",
    "    if 0: yield None",
    "    yield 'start'",
    "    r = yield from evens(range(12))",
    "    yield ('evens returned', r)",
    "    yield from count(3)",
    "    yield from [7, 8]",
    "def nothing():",
    "    if 0: yield None",
    "    x = 1",
))
count, outer, nothing = g["count"], g["outer"], g["nothing"]
print(list(count(4)), list(count(5, 2)))
print(list(outer()))
print(list(nothing()), type(nothing()).__name__, nothing.__code__.co_flags & 0x20 != 0, count.__code__.co_flags & 0x20 != 0)
gen = count(2)
print(next(gen), next(gen), next(gen))
try:
    next(gen)
except StopIteration as e:
    print("StopIteration", e.value)

# send: `x = yield v` gets the sent value; return value in StopIteration
g = run(text(
    "def acc():",
    "    total = 0",
    "    while True:",
    "        x = yield total",
    "        if x is None:",
    "            return total",
    "        total += x",
    "def echo():",
    "    got = []",
    "    while len(got) < 3:",
    "        a = b = yield len(got)",
    "        got.append((a, b))",
    "    return got",
    "def relay():",
    "    result = yield from echo()",
    "    log.append(result)",
    "    yield 'relayed'",
))
a = g["acc"]()
print(next(a), a.send(5), a.send(10))
try:
    a.send(None)
except StopIteration as e:
    print("returned", e.value)
r = g["relay"]()
print(next(r), r.send("x"), r.send("y"), r.send("z"), g["log"])
try:
    g["acc"]().send(1)
except TypeError as e:
    print("TypeError", e)

# try/except/else/finally around yields; throw and close
g = run(text(
    "def guarded(xs):",
    "    try:",
    "        for x in xs:",
    "            try:",
    "                yield 10 // x",
    "            except ZeroDivisionError as e:",
    "                log.append(('caught', str(e)))",
    "                yield 'zero'",
    "                log.append(('after handler yield', sys.exc_info()[0].__name__))",
    "            else:",
    "                yield 'else'",
    "            finally:",
    "                log.append(('finally', x))",
    "                yield 'fin'",
    "    finally:",
    "        log.append('outer finally')",
    "def catcher():",
    "    while True:",
    "        try:",
    "            yield 'ready'",
    "        except ValueError as e:",
    "            log.append(('thrown', str(e)))",
    "        except GeneratorExit:",
    "            log.append('closing')",
    "            raise",
), {"log": [], "sys": sys})
log = g["log"]
print(list(g["guarded"]([5, 0, 2])))
print(log)
log.clear()
c = g["catcher"]()
print(next(c), c.throw(ValueError("boom")), c.throw(ValueError("again")))
c.close()
print(log, list(c))
log.clear()
gd = g["guarded"]([1, 2])
print(next(gd), next(gd))
try:
    gd.close()
except RuntimeError as e:
    print("RuntimeError", e)
print(log)
try:
    next(gd)
except GeneratorExit:
    print("the pending GeneratorExit", log)
log.clear()
gd = g["guarded"]([1])
print(next(gd))
print("throw returned", gd.throw(KeyError("k")))
try:
    next(gd)
except KeyError as e:
    print("KeyError out", e, log)
fresh = g["catcher"]()
try:
    fresh.throw(ValueError("unstarted"))
except ValueError as e:
    print("unstarted throw", e)
print(list(fresh))

# errors inside interpreted generators: StopIteration raised inside becomes RuntimeError,
# tracebacks, "generator already executing"
g = run(text(
    "def bad():",
    "    yield 1",
    "    raise StopIteration('x')",
    "def fails():",
    "    yield 1",
    "    return 1 / 0",
    "def reenter():",
    "    yield next(me)",
))
try:
    list(g["bad"]())
except RuntimeError as e:
    print("RuntimeError", e, type(e.__cause__).__name__)
try:
    list(g["fails"]())
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
me = g["me"] = g["reenter"]()
try:
    next(me)
except ValueError as e:
    print("ValueError", e)

# generators as closures and methods; generator expressions consuming them
g = run(text(
    "def make(prefix):",
    "    def gen(items):",
    "        for i, item in enumerate(items):",
    "            yield f'{prefix}{i}={item}'",
    "    return gen",
    "class Tree:",
    "    def __init__(self, v, *kids):",
    "        self.v, self.kids = v, kids",
    "    def __iter__(self):",
    "        yield self.v",
    "        for k in self.kids:",
    "            yield from k",
    "    def pairs(self):",
    "        it = iter(self)",
    "        for a in it:",
    "            yield a, next(it, None)",
))
print(list(g["make"]("k")("abc")))
T = g["Tree"]
t = T(1, T(2, T(3)), T(4), T(5, T(6), T(7)))
print(list(t), sum(t), list(t.pairs()), max(x for x in t if x % 2))

# with: __enter__/__exit__, targets, several items, suppression, exceptions in __exit__,
# return/break/continue through a with, with inside generators
g = run(text(
    "class CM:",
    "    def __init__(self, name, suppress=False):",
    "        self.name, self.suppress = name, suppress",
    "    def __enter__(self):",
    "        log.append(('enter', self.name))",
    "        return self.name.upper()",
    "    def __exit__(self, et, ev, tb):",
    "        log.append(('exit', self.name, et and et.__name__, str(ev) if ev else None, sys.exc_info()[0] and sys.exc_info()[0].__name__))",
    "        return self.suppress",
    "class BadExit:",
    "    def __enter__(self):",
    "        return self",
    "    def __exit__(self, *a):",
    "        raise KeyError('from exit')",
    "def plain():",
    "    with CM('a') as x, CM('b') as y:",
    "        log.append((x, y))",
    "    with CM('c'):",
    "        return 'returned'",
    "def suppressed():",
    "    with CM('s', True) as (first, *rest):",
    "        log.append((first, rest))",
    "        raise ValueError('hidden')",
    "    return 'after'",
    "def not_suppressed():",
    "    with CM('n'):",
    "        raise ValueError('visible')",
    "def loop():",
    "    for i in range(4):",
    "        with CM(str(i)):",
    "            if i == 1:",
    "                continue",
    "            if i == 2:",
    "                break",
    "    return i",
    "def gen_with():",
    "    with CM('g') as v:",
    "        yield v",
    "        yield v + '!'",
    "    yield 'out'",
    "def bad_exit():",
    "    with BadExit():",
    "        raise ValueError('inner')",
    "with CM('module') as m:",
    "    log.append(m)",
), {"log": [], "sys": sys})
log = g["log"]
print(g["plain"](), g["suppressed"](), g["loop"]())
print(log)
log.clear()
try:
    g["not_suppressed"]()
except ValueError as e:
    print("ValueError", e, log)
log.clear()
print(list(g["gen_with"]()), log)
log.clear()
gw = g["gen_with"]()
print(next(gw))
gw.close()
print(log)
try:
    g["bad_exit"]()
except KeyError as e:
    print("KeyError", e, type(e.__context__).__name__, e.__context__)
for src in ("with 1: pass", "with object() as o: pass"):
    try:
        exec(src, {})
    except TypeError as e:
        print("TypeError", e)

# 'yield' outside a function is a SyntaxError of compile()
for src in ("yield 1\n", "x = yield\n", "class C:\n    yield 2\n"):
    try:
        compile(src, "<gen>", "exec")
    except SyntaxError as e:
        print("SyntaxError", e.msg, e.lineno, e.offset)
