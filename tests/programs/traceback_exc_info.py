"""sys.exc_info()'s traceback and the traceback module on it: print_exc, format_exc,
logging.exception, extract_tb of frames that have returned (each entry's own code and line)."""
import logging
import sys
import traceback


def inner(d):
    return d["missing"]


def middle(d):
    return inner(d) + 1


def outer():
    try:
        middle({})
    except KeyError:
        kind, value, tb = sys.exc_info()
        print(kind.__name__, tb is value.__traceback__, type(tb).__name__)
        for entry in traceback.extract_tb(tb):
            print("  entry", entry.name, entry.lineno)
        print([f.f_code.co_name for f, _ in traceback.walk_tb(tb)], tb.tb_next.tb_lineno)
        traceback.print_exc(file=sys.stdout)
        print(traceback.format_exc().splitlines()[-1])


outer()
try:
    1 / 0
except ZeroDivisionError:
    print(sys.exc_info()[2].tb_frame.f_code.co_name, sys.exc_info()[2].tb_next)
    traceback.print_exception(*sys.exc_info(), file=sys.stdout)
print(sys.exc_info())

logging.basicConfig(format="%(levelname)s %(message)s", stream=sys.stdout)
try:
    int("x")
except ValueError:
    logging.exception("could not parse")
try:
    raise RuntimeError("with limit")
except RuntimeError:
    traceback.print_exc(limit=1, file=sys.stdout)
