# A leaf whose __context__ is a group, itself the last sub-exception of a nested group; and a
# group whose __context__ is a group (plain except handling an ExceptionGroup).


def fail():
    try:
        raise ExceptionGroup("ctx", [ValueError(1), ExceptionGroup("ctx-inner", [TypeError(2)])])
    except ExceptionGroup:
        raise KeyError("leaf")


def gather():
    excs = []
    try:
        fail()
    except KeyError as e:
        excs.append(e)
    return excs


def main():
    try:
        raise ExceptionGroup("first", [OSError("o")])
    except ExceptionGroup as first:
        print("handling", first)
        raise ExceptionGroup("outer", [OSError("x"), ExceptionGroup("mid", gather())])


main()
