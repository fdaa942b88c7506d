# Error messages that changed wording in 3.12-3.14 (the runtime words them as the bytecode's
# version does): exception groups, zero division, unhashable keys, MRO, __slots__, `with`,
# `await`, list.index, %c, add_note; random (compiled from each version's random.py, _sha2)


def t(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, "ok", r)


eg = ExceptionGroup("x", [ValueError(1)])
t("split int", lambda: eg.split(1))
t("split none", lambda: eg.split())
t("subgroup none", lambda: eg.subgroup())
t("derive none", lambda: eg.derive())
t("note", lambda: ValueError().add_note(1))
for label, f in [("//", lambda: 1 // 0), ("%", lambda: 1 % 0), ("f/", lambda: 1.0 / 0),
                 ("f//", lambda: 1.0 // 0), ("f%", lambda: 1.0 % 0), ("0**-1", lambda: 0.0 ** -1),
                 ("divmod", lambda: divmod(1, 0)), ("fdivmod", lambda: divmod(1.0, 0)),
                 ("/", lambda: 1 / 0), ("pow", lambda: pow(0, -1)), ("c/", lambda: 1j / 0),
                 ("big//", lambda: 10 ** 30 // 0), ("big%", lambda: 10 ** 30 % 0)]:
    t(label, f)
for label, f in [("dict key", lambda: {[]: 1}), ("set elem", lambda: {[]}),
                 ("hash", lambda: hash([])), ("get", lambda: {}.get([])),
                 ("in dict", lambda: [] in {}), ("frozenset", lambda: frozenset([[]])),
                 ("set.add", lambda: set().add([])), ("fromkeys", lambda: dict.fromkeys([[]])),
                 ("in set", lambda: {1}.__contains__({})), ("dict of set", lambda: {{1}: 2})]:
    t(label, f)


class A:
    pass


class B(A):
    pass


t("mro", lambda: type("C", (A, B), {}))


class S:
    __slots__ = ("a",)


def set_slot():
    S().b = 1


def set_object():
    object().x = 1


t("slots", set_slot)
t("object", set_object)


class OnlyEnter:
    def __enter__(self):
        return self


class AsyncOnly:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *a):
        return False


def with_(m):
    def run():
        with m:
            pass
    return run


t("with int", with_(5))
t("with enter only", with_(OnlyEnter()))
t("with async cm", with_(AsyncOnly()))


async def await_int():
    await 5


async def async_with_int():
    async with 5:
        pass


def drive(coro):
    def run():
        try:
            coro.send(None)
        finally:
            coro.close()
    return run


t("await int", drive(await_int()))
t("async with int", drive(async_with_int()))
t("list.index", lambda: [1].index(2))
t("tuple.index", lambda: (1,).index(2))
t("%c", lambda: b"%c" % "ab")
t("%c float", lambda: b"%c" % 1.5)
import random
t("randrange 0", lambda: random.randrange(0))
t("randrange 1 1", lambda: random.randrange(1, 1))
r = random.Random(5)
print(r.random(), r.randrange(100), r.choice("abc"))
