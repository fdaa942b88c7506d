# __del__ runs when the last reference goes: at `del`, at a rebinding, when a function's
# frame ends, when a container drops its item. (Not yet: the discarded value of an expression
# statement such as `items.pop()` lives until the end of the compiled block.)
class Fin:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


x = Fin(1)
del x
print("after del")


def f():
    y = Fin(2)
    print("in f")


f()
print("after f")
z = Fin(3)
z = None
print("after rebind")
items = [Fin(4), Fin(5)]
del items[1]
print("after del item")
items.clear()
print("after clear")
d = {"k": Fin(6)}
d["k"] = 0
print("end")
