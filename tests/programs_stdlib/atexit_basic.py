# atexit: callbacks run at exit, last registered first, with their arguments; unregister;
# they also run after sys.exit(); exceptions in one are reported and the rest still run
import atexit
import sys


def goodbye(name, punct="!"):
    print("goodbye", name + punct)


def never():
    print("never printed")


class Failing:
    def __repr__(self):
        return "<Failing callback>"

    def __call__(self):
        raise ValueError("boom in atexit")


atexit.register(goodbye, "first")
atexit.register(goodbye, "second", punct="?")
atexit.register(never)
atexit.register(never)
atexit.unregister(never)
r = atexit.register(print, "print registered directly")
print(r is print)


@atexit.register
def decorated():
    print("decorated callback", sys.stdout is not None)


atexit.register(Failing())
print("main body done")
sys.exit(3)
