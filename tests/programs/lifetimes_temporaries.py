# When the last reference goes, CPython finalises at once: discarded call results, temporaries
# consumed by an operation, locals rebound or deleted, a caught exception at the end of its
# handler, and instances of exception classes. Names still holding a value keep it alive.
class Fin:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


class Err(Exception):
    def __init__(self, payload=None):
        self.payload = payload


class NoisyErr(Exception):
    def __del__(self):
        print("del NoisyErr")


def discarded():
    items = [Fin(1), Fin(2)]
    items.pop()
    print("after pop")
    d = {"k": Fin(3)}
    d.pop("k")
    print("after dict pop")
    Fin(4)
    print("after expression statement")
    [Fin(5)][0]
    print("after subscript statement")
    print(len([Fin(6)]))
    print("after temporary list")
    return items


def caught():
    try:
        raise Err(Fin(7))
    except Err as e:
        print("caught", e.payload.n)
    print("after handler")
    try:
        raise NoisyErr()
    except NoisyErr:
        print("caught anonymous")
    print("after anonymous handler")


def rebinding():
    x = Fin(8)
    x = Fin(9)
    print("rebound")
    del x
    print("deleted")
    for i in range(2):
        Fin(10 + i)
        print("iteration", i)


def aliases():
    x = y = Fin(20)
    x = None
    print("x rebound, y still holds it")
    print((z := Fin(21)).n)
    print("z still holds it")
    w = Fin(22)
    print("w read once", w.n)
    print("w still holds it")
    return "aliases done"


kept = discarded()
print("kept", [f.n for f in kept])
caught()
rebinding()
print(aliases())
plain = NoisyErr()
del plain
print("end")
