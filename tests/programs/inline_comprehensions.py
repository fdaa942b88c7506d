# List, set and dict comprehensions run inline in the caller (tir/passes/inline_comprehensions.py):
# closures over the caller's cells, nesting, tracebacks with the <listcomp> frame, StopIteration
# passing through, and when the comprehension's locals are released.
import traceback
class T:
    def __init__(self, cells):
        self.cells = cells
    def moves(self):
        return [i for i, c in enumerate(self.cells) if c == "."]
    def grid(self, w):
        return [[self.cells[r * w + k] for k in range(w)] for r in range(len(self.cells) // w)]
t = T("X..O.X")
print(t.moves(), t.grid(3), t.grid(2))
print({x % 3 for x in range(10)}, {k: v for k, v in zip("abc", range(3))})
def f(n):
    base = n * 2
    return [base + i for i in range(n)], sorted({i * base for i in range(n)})
print(f(4))
def bad(xs):
    return [1 // x for x in xs]
try:
    bad([1, 0])
except ZeroDivisionError:
    traceback.print_exc()
class D:
    def __init__(self, n): self.n = n
    def __del__(self): print("del", self.n)
def life():
    out = [d.n for d in [D(1), D(2)]]
    print("after listcomp", out)
life()
x = [i * i for i in range(5)]
print(x, [y for y in x if y > 3])
def nested():
    return [sum(v for v in row) for row in [[1, 2], [3, 4]]], [any(c > 2 for c in row) for row in [[1], [3]]]
print(nested())
def cellmod():
    k = 1
    r = [k + i for i in range(3)]
    k = 10
    return r, [k + i for i in range(2)]
print(cellmod())
def stop_lc(it):
    return [next(it) for _ in range(3)]
try:
    stop_lc(iter([1]))
except StopIteration:
    print("StopIteration from listcomp")
class Base:
    def f(self):
        return "base"
class Sub(Base):
    def supers(self, xs):
        try:
            return [super().f() for x in xs]
        except TypeError as e:
            return "TypeError"
print(Sub().supers([1]))
