# `with`: __enter__/__exit__ order, the value bound by `as`, exceptions passed to __exit__,
# suppression by a true return, exceptions in __exit__, nesting and multiple managers.

class Manager:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        print(f"enter {self.name}")
        return self.name.upper()

    def __exit__(self, exc_type, exc, tb):
        kind = exc_type.__name__ if exc_type is not None else None
        print(f"exit {self.name} exc={kind} {exc}")
        return self.suppress


with Manager("a") as v:
    print("body", v)

with Manager("outer") as o, Manager("inner") as i:
    print("both", o, i)

with Manager("quiet", suppress=True):
    raise ValueError("swallowed")
print("after suppressed")

try:
    with Manager("loud"):
        raise KeyError("escapes")
except KeyError as e:
    print("caught", repr(e))


def early_return():
    with Manager("ret"):
        return "returned from with"


print(early_return())


def in_loop():
    out = []
    for i in range(4):
        with Manager(f"m{i}", suppress=(i % 2 == 0)):
            if i == 2:
                raise RuntimeError("even")
            if i == 3:
                break
            out.append(i)
    return out


print(in_loop())


class BadExit:
    def __enter__(self):
        return self

    def __exit__(self, *args):
        raise OSError("exit failed")


try:
    with BadExit():
        print("inside bad")
except OSError as e:
    print("exit error:", e)

try:
    with 42:
        pass
except TypeError as e:
    print("not a manager:", e)

with Manager("last"):
    raise ZeroDivisionError("uncaught inside with")
