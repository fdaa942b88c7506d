# Subclasses of ExceptionGroup / BaseExceptionGroup (made with type()): construction rules,
# derive overrides used by split/subgroup and except*, tracebacks.

MyEG = type("MyEG", (ExceptionGroup,), {})
Derived = type("Derived", (ExceptionGroup,), {
    "derive": lambda self, excs: Derived(self.message + "+", excs),
})
MyBase = type("MyBase", (BaseExceptionGroup,), {})

e = MyEG("mine", [ValueError(1), TypeError(2)])
print(type(e).__name__, repr(e), str(e), isinstance(e, ExceptionGroup), isinstance(e, Exception))
print([t.__name__ for t in MyEG.__mro__])
print(type(e.split(ValueError)[0]).__name__, repr(e.subgroup(TypeError)))
d = Derived("d", [ValueError(1), TypeError(2)])
print(repr(d.split(ValueError)))
try:
    MyEG("bad", [KeyboardInterrupt()])
except TypeError as err:
    print(err)
b = MyBase("base", [KeyboardInterrupt()])
print(type(b).__name__, repr(b))
b2 = MyBase("base", [ValueError()])
print(type(b2).__name__, isinstance(b2, Exception))

WithNew = type("WithNew", (ExceptionGroup,), {
    "__new__": lambda cls, msg, excs, extra: ExceptionGroup.__new__(cls, msg, excs),
})
w = WithNew("new", [ValueError(1)], "extra")
print(type(w).__name__, w.message, w.exceptions, str(w), repr(w.split(ValueError)))
try:
    ExceptionGroup.__new__(MyEG, "m", [KeyboardInterrupt()])
except TypeError as err:
    print(err)

try:
    raise Derived("star", [ValueError(1), TypeError(2), KeyError(3)])
except* ValueError as m:
    print("matched", type(m).__name__, repr(m))
except* KeyError as m:
    print("matched", type(m).__name__, repr(m))
    raise
