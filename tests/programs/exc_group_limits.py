# Uncaught groups past CPython's display limits: 15 sub-exceptions per group, depth 10.


def nest(depth):
    if depth == 0:
        return ValueError("bottom")
    return ExceptionGroup(f"level {depth}", [KeyError(depth), nest(depth - 1)])


def boom():
    raise BaseExceptionGroup("root", [nest(11), ExceptionGroup("wide", [ValueError(i) for i in range(18)]), BaseExceptionGroup("base", [SystemExit(3), ValueError("x")])])


boom()
