# The line a running frame is at, as its callees see it: sys._getframe(n).f_lineno,
# traceback.extract_stack, warnings.warn with stacklevel (file, line, registry per line),
# logging's %(lineno)d, through methods, generators, with-blocks and after returns.
import logging
import sys
import traceback
import warnings

warnings.simplefilter("always")


def where(depth=1):
    return sys._getframe(depth).f_lineno


def chain():
    a = where()
    b = where(
        1,
    )
    helper = lambda: where(2)
    c = helper()
    return a, b, c


def stack_lines():
    return [(fs.name, fs.lineno) for fs in traceback.extract_stack()[-3:]]


def deep():
    x = 1
    return stack_lines()


def warn_here(level):
    warnings.warn(f"level {level}", UserWarning, stacklevel=level)


def warns():
    warn_here(1)
    warn_here(2)
    warn_here(3)
    warn_here(40)


class Thing:
    def method(self):
        y = where()
        warnings.warn("from a method")
        return y


def gen():
    for i in range(2):
        yield where()
    yield where()


class Ctx:
    def __enter__(self):
        return where()

    def __exit__(self, *exc):
        print("exit at", where())
        return False


print("chain", chain())
print("deep", deep())
warns()
print("method", Thing().method())
print("gen", list(gen()))
for v in gen():
    print("gen step", v, where(0))
with Ctx() as entered:
    print("entered at", entered)
print("after return", where(0))

# the registry is keyed by line: the "default" action shows a warning once per line
warnings.simplefilter("default")


def once_per_line():
    for i in range(3):
        warnings.warn("repeated")
        warnings.warn("repeated")


once_per_line()

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    warn_here(2)
    warnings.warn("deprecated", DeprecationWarning)
print([(w.filename, w.lineno, str(w.message), w.category.__name__) for w in caught])

logging.basicConfig(format="%(levelname)s %(module)s %(funcName)s:%(lineno)d %(message)s", stream=sys.stdout)
log = logging.getLogger("demo")


def logs():
    log.warning("one")
    if True:
        log.error("two %s", 2)


logs()
log.warning("at module level")
try:
    raise KeyError("k")
except KeyError:
    log.exception("caught")
