# Exception-group methods are linked only into programs that can make a group (issue 9, size):
# here groups come only from `except*` (which wraps a naked exception and gathers what the
# handlers raise), never from the classes' names.
try:
    raise ValueError("naked")
except* ValueError as eg:
    print(type(eg).__name__, repr(eg), eg.exceptions)
try:
    try:
        raise TypeError("t")
    except* TypeError:
        raise KeyError("from handler")
except Exception as outer:
    # a naked exception raised by the handler propagates as itself
    print(type(outer).__name__, outer.args[0], type(outer.__context__).__name__)
try:
    try:
        raise OSError("o")
    except* OSError as inner:
        raise inner.exceptions[0]
except* OSError as again:
    print(type(again).__name__, [type(x).__name__ for x in again.exceptions])
    cls = type(again)       # the class, reached without its name
g = cls("m", [ValueError(1), TypeError(2), ValueError(3)])
match, rest = g.split(ValueError)
print(match.exceptions, rest.exceptions, g.subgroup(TypeError).exceptions)
print(g.derive([KeyError(0)]).exceptions, str(g), repr(g), cls.__mro__[1].__name__)
