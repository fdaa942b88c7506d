# Generator expressions consumed by all/any/sum/sorted/tuple/list run inline in the caller
# (tir/passes/inline_comprehensions.py): results, the shadowed-builtin path, tracebacks with
# the <genexpr> frame, StopIteration made RuntimeError, and when the items are released.
class C:
    def __init__(self, cells):
        self.cells = cells
    def height(self, col):
        return sum(1 for r in range(4) if self.cells[r * 3 + col] != ".")
    def win(self, win):
        first = self.cells[win[0]]
        return first != "." and all(self.cells[i] == first for i in win[1:])

c = C("X.OXX.O.XX.O")
print([c.height(k) for k in range(3)], c.win((0, 3, 6)), c.win((0, 1, 2)))
print(any(x > 3 for x in range(5)), any(x > 9 for x in range(5)))
print(sorted(x % 7 for x in range(20)), tuple(x * 2 for x in range(4)), list(str(x) for x in "abc"))
print(sum(x * x for x in range(10)), sum(x / 2 for x in [1, 2, 3]))
def boom(xs):
    return sum(1 / x for x in xs)
try:
    boom([1, 0])
except ZeroDivisionError as e:
    import traceback
    traceback.print_exc()
def stop(it):
    return list(next(it) for _ in range(3))
try:
    stop(iter([1]))
except RuntimeError as e:
    print("RuntimeError", e, type(e.__cause__).__name__)
sum = lambda g: "shadowed " + str(type(g).__name__)
print(sum(x for x in range(3)))
del sum
class D:
    def __del__(self):
        print("del", id(self) > 0)
def early():
    r = any(d is not None for d in [D(), D()])
    print("after any", r)
early()
def adder(n):
    return sum(x + n for x in range(n))
print(adder(5))
print(all(x for x in []), any(x for x in []), sum(x for x in []), sorted(x for x in []))
try:
    print(sum(x for x in ["a", "b"]))
except TypeError:
    traceback.print_exc()
print("-".join(w.capitalize() for w in "ab,cd,ef".split(",")), "".join(str(i) for i in range(5) if i % 2))
try:
    ",".join(x for x in [1, 2])
except TypeError:
    traceback.print_exc()
def pick(flag, a, b):
    return sum(x for x in (a if flag else b))
print(pick(True, [1, 2], [3]), pick(False, [1, 2], [3]))
