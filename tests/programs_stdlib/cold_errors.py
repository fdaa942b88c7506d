# Exceptions raised inside library (cold) units and propagated through their frames: each
# operation a cold unit calls in its register form (an attribute, a global, a call, an item, an
# operator, a truth test, a comparison, iteration, a store) fails here at least once, and the
# caller sees CPython's exception, message, context and the library frames' lines.
import argparse
import collections
import enum
import fractions
import json
import os
import re
import string
import textwrap
import traceback


def frames(e):
    return [(os.path.basename(f.filename), f.name, f.lineno) for f in traceback.extract_tb(e.__traceback__)]


def show(label, f):
    try:
        r = f()
    except BaseException as e:
        ctx = type(e.__context__).__name__ if e.__context__ is not None else None
        print(label, type(e).__name__, str(e)[:120], ctx, frames(e))
    else:
        print(label, "ok", repr(r)[:120])


class Color(enum.Enum):
    RED = 1
    GREEN = 2


class BadStr:
    def __str__(self):
        raise RuntimeError("no str")


class BadEq:
    def __eq__(self, other):
        raise ValueError("no eq")

    __hash__ = object.__hash__


class BadIter:
    def __iter__(self):
        return self

    def __next__(self):
        raise KeyError("no next")


class BadBool:
    def __bool__(self):
        raise ZeroDivisionError("no bool")


show("json", lambda: json.loads('{"a": [1, 2,, 3]}'))
show("json-key", lambda: json.dumps({(1, 2): 3}))
show("json-circular", lambda: (lambda d: (d.__setitem__("d", d), json.dumps(d)))({}))
show("enum-value", lambda: Color(5))
show("enum-name", lambda: Color["BLUE"])
show("namedtuple-make", lambda: collections.namedtuple("P", "x y")._make([1]))
show("namedtuple-name", lambda: collections.namedtuple("P", "x 1y"))
show("counter-add", lambda: collections.Counter("abc") + 5)
show("deque-index", lambda: collections.deque([BadEq()]).index(1))
show("chainmap-pop", lambda: collections.ChainMap({}, {"a": 1}).pop("a"))
show("re-compile", lambda: re.compile("(a"))
show("re-escape", lambda: re.compile(r"\N{NO SUCH NAME}"))
show("re-sub", lambda: re.sub("a", lambda m: 5, "banana"))
show("template", lambda: string.Template("$who $what").substitute(who="x"))
show("formatter", lambda: string.Formatter().format("{0.real.nope}", 3))
show("textwrap", lambda: textwrap.wrap(BadStr()))
show("fraction", lambda: fractions.Fraction("1/0"))
show("fraction-type", lambda: fractions.Fraction(1, 2) + "x")
show("fraction-cmp", lambda: fractions.Fraction(1, 2) < BadEq())
show("userlist", lambda: collections.UserList(BadIter()))
show("userlist-bool", lambda: collections.UserList([1]) if BadBool() else 0)
show("list-contains", lambda: BadEq() in collections.UserList([1, 2]))

class Noisy:
    """Made inside a library frame that then fails: its __del__ runs while that frame leaves
    (compiled; CPython frees it with the traceback) and fails and catches inside library
    frames of its own, while the first exception is on its way out."""
    def __del__(self):
        try:
            json.loads("[1,,2]")
        except ValueError as e:
            caught.append(type(e).__name__)

    def __str__(self):
        raise RuntimeError("no str either")


class FreshMap(dict):
    def __getitem__(self, key):
        return Noisy()


caught = []
show("del-during-exit", lambda: string.Template("$who").substitute(FreshMap()))
print("del caught", caught)

parser = argparse.ArgumentParser(prog="p", exit_on_error=False)
parser.add_argument("--n", type=int)
show("argparse-type", lambda: parser.parse_args(["--n", "x"]))
show("argparse-unknown", lambda: parser.parse_args(["--m", "1"]))
show("argparse-ok", lambda: parser.parse_args(["--n", "3"]))
print(json.dumps({"k": [1, 2.5, None, True, "s"]}, sort_keys=True, indent=1))
print(Color(2), Color["RED"], collections.Counter("abracadabra").most_common(2))
