# An uncaught RecursionError raised through fixed-arity calls (a function, a method, a bound
# method held in a variable): the traceback CPython prints, with its repeated-line summary.
class Walker:
    def step(self, n):
        return self.step(n + 1)


def walk(n, w):
    return w(n)


def go(n):
    return walk(n + 1, go)


w = Walker()
try:
    walk(0, w.step)
except RecursionError as e:
    print("caught:", e)
go(0)
