# BaseExceptionGroup / ExceptionGroup objects: construction, attributes, split/subgroup/derive.


def attempt(label, f):
    try:
        r = f()
        print(label, "->", type(r).__name__, repr(r))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)


print("--- construction errors")
attempt("one arg", lambda: ExceptionGroup("m"))
attempt("no args", lambda: ExceptionGroup())
attempt("three args", lambda: ExceptionGroup("m", [ValueError()], 3))
attempt("keyword", lambda: ExceptionGroup("m", [ValueError()], x=1))
attempt("msg not str", lambda: ExceptionGroup(1, [ValueError()]))
attempt("not a sequence", lambda: ExceptionGroup("m", 5))
attempt("set", lambda: ExceptionGroup("m", {ValueError(1)}))
attempt("empty", lambda: ExceptionGroup("m", []))
attempt("not exception", lambda: ExceptionGroup("m", [ValueError(), 1]))
attempt("str items", lambda: ExceptionGroup("m", "ab"))
attempt("base in EG", lambda: ExceptionGroup("m", [KeyboardInterrupt()]))
attempt("class not instance", lambda: ExceptionGroup("m", [ValueError]))

print("--- construction")
attempt("BEG of Exceptions", lambda: BaseExceptionGroup("m", [ValueError(1)]))
attempt("BEG of base", lambda: BaseExceptionGroup("m", [KeyboardInterrupt(), ValueError(2)]))
attempt("tuple", lambda: ExceptionGroup("m", (ValueError(1), TypeError("t"))))
attempt("nested", lambda: ExceptionGroup("outer", [ExceptionGroup("inner", [OSError("o")]), KeyError("k")]))

eg = ExceptionGroup("several", [ValueError(1), TypeError(2), ExceptionGroup("inner", [ValueError(3), KeyError(4)])])
print(eg.message, eg.exceptions)
print(eg.args[0], type(eg.args[1]).__name__, len(eg.args[1]))
print(str(eg))
print(repr(eg))
print(str(ExceptionGroup("one", [ValueError()])))
print(eg.exceptions is eg.exceptions, type(eg.exceptions).__name__)


def set_message():
    eg.message = "other"


attempt("set message", set_message)

print("--- types")
print(issubclass(ExceptionGroup, BaseExceptionGroup), issubclass(ExceptionGroup, Exception))
print(issubclass(BaseExceptionGroup, Exception), issubclass(BaseExceptionGroup, BaseException))
print(isinstance(eg, Exception), isinstance(eg, BaseExceptionGroup), isinstance(eg, ExceptionGroup))
beg = BaseExceptionGroup("b", [SystemExit(1)])
print(isinstance(beg, Exception), isinstance(beg, ExceptionGroup), type(beg).__name__)
print([t.__name__ for t in ExceptionGroup.__mro__])
print([t.__name__ for t in BaseExceptionGroup.__mro__])

print("--- split and subgroup")
print(eg.split(ValueError))
print(eg.split(KeyError))
print(eg.split((TypeError, KeyError)))
print(eg.split(Exception))
print(eg.split(OSError))
print(eg.subgroup(ValueError))
print(eg.subgroup(OSError))
print(eg.subgroup(lambda e: isinstance(e, ValueError) and e.args[0] > 1))
print(eg.split(lambda e: not isinstance(e, BaseExceptionGroup) and e.args[0] % 2 == 0))
print(eg.subgroup(lambda e: e.message == "inner" if isinstance(e, BaseExceptionGroup) else False))
print(eg.subgroup(ExceptionGroup) is eg, eg.split(BaseExceptionGroup)[0] is eg)
match, rest = eg.split(ValueError)
print(type(match).__name__, match.exceptions[0] is eg.exceptions[0])
print(match.exceptions[1].exceptions[0] is eg.exceptions[2].exceptions[0])
mixed = BaseExceptionGroup("mixed", [ValueError(1), KeyboardInterrupt()])
m, r = mixed.split(ValueError)
print(type(m).__name__, repr(m), type(r).__name__, repr(r))
attempt("split int", lambda: eg.split(1))
attempt("split non-exception class", lambda: eg.split(int))
attempt("split bad tuple", lambda: eg.split((ValueError, int)))
attempt("split list", lambda: eg.split([ValueError]))
attempt("split no args", lambda: eg.split())
attempt("subgroup no args", lambda: eg.subgroup())

print("--- derive")
d = eg.derive([KeyError("x")])
print(type(d).__name__, repr(d), d.message)
print(repr(eg.derive([KeyboardInterrupt()])))
attempt("derive empty", lambda: eg.derive([]))
attempt("derive no args", lambda: eg.derive())

print("--- metadata copied by split")
try:
    try:
        raise KeyError("context")
    except KeyError:
        raise ExceptionGroup("meta", [ValueError(1), TypeError(2)]) from OSError("cause")
except ExceptionGroup as caught:
    caught.add_note("a note")
    m, r = caught.split(ValueError)
    print(m.__cause__ is caught.__cause__, r.__context__ is caught.__context__)
    print(m.__suppress_context__, m.__notes__, m.__notes__ is caught.__notes__)
    m.add_note("only on the match")
    print(caught.__notes__, m.__notes__, r.__notes__)

print("--- notes")
e = ValueError("v")
attempt("no notes", lambda: e.__notes__)
e.add_note("first")
e.add_note("second")
print(e.__notes__)
attempt("note not str", lambda: e.add_note(3))

print("--- raise ... from None")
try:
    try:
        raise KeyError("hidden")
    except KeyError:
        raise ExceptionGroup("no context shown", [ValueError()]) from None
except ExceptionGroup as caught:
    print(caught.__cause__, caught.__suppress_context__, repr(caught.__context__))
    m, r = caught.split(ValueError)
    print(m.__cause__, m.__suppress_context__, repr(m.__context__), r)
