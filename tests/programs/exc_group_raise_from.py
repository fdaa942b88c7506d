# `raise ExceptionGroup(...) from ...` uncaught: cause, contexts shared by sub-exceptions (each
# printed once), notes on groups and leaves, a nested group, sub-exceptions raised in functions.


def fail(kind, n):
    if n > 0:
        return fail(kind, n - 1)
    if kind == "zero":
        return 1 / 0
    if kind == "key":
        return {}["missing"]
    return int("not a number")


def collect():
    excs = []
    for kind in ("zero", "key", "int"):
        try:
            fail(kind, 4 if kind == "zero" else 1)
        except Exception as e:
            excs.append(e)
    return excs


try:
    raise LookupError("setup")
except LookupError:
    excs = collect()
    excs[1].add_note("key note")
    inner = ExceptionGroup("inner", [TypeError("t"), ExceptionGroup("deeper", [NameError("n")])])
    inner.add_note("inner note\nsecond line")
    eg = ExceptionGroup("top", excs + [inner])
    eg.add_note("top note")
    raise eg from OSError("the cause")
