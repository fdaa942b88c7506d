# sys.exc_info()[2] is the handled exception's traceback (jinja2's debug.rewrite_traceback_stack
# walks it with tb_next), None outside a handler
import sys


def inner(x):
    return 10 // x


def outer(x):
    return inner(x) + 1


def lines(tb):
    out = []
    while tb is not None:
        out.append(tb.tb_lineno)
        tb = tb.tb_next
    return out


print(sys.exc_info())
try:
    outer(0)
except ZeroDivisionError as e:
    t, v, tb = sys.exc_info()
    print(t.__name__, v is e, tb is not None, lines(tb), lines(e.__traceback__))
    print(lines(tb.tb_next), tb.tb_next.tb_next.tb_lineno)
try:
    raise KeyError("k")
except KeyError:
    print(lines(sys.exc_info()[2]))
print(sys.exc_info())
