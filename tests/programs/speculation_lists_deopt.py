# Lists of floats and ints in the numeric core: each guard made to fail mid-loop, after the
# loop has already stored into lists, must leave the same lists, output and errors as CPython.
import sys


def scale(xs, k):
    for i in range(len(xs)):
        xs[i] = xs[i] * k + 0.5


def relax(grid, steps):
    n = len(grid)
    for _ in range(steps):
        for i in range(1, n - 1):
            row = grid[i]
            up = grid[i - 1]
            for j in range(len(row)):
                row[j] = (row[j] + up[j]) / 2.0


def norms(rows):
    out = 0.0
    for r in rows:
        out += (r[0] * r[0] + r[1] * r[1]) ** 0.5
    return out


def bump(counts, keys, by):
    for k in keys:
        counts[k] += by


def roots(xs, p):
    for i in range(len(xs)):
        xs[i] = xs[i] ** p


def divide(xs, d):
    for i in range(len(xs)):
        xs[i] = xs[i] / d[i]


def show(label, value):
    print(label, value)


xs = [1.0, 2.0, 3.0, 4.0]
scale(xs, 2.0)
show("scale", xs)
xs = [1.0, 2.0, 3, 4.0]            # an int in a list of floats: the load guard fails at i=2
scale(xs, 2.0)
show("scale mixed", xs)
xs = [1.0, 2.0, True, 4.0]         # a bool is not a float
scale(xs, 0.5)
show("scale bool", xs)

g = [[float(i + j) for j in range(4)] for i in range(5)]
relax(g, 3)
show("relax", g)
g = [[float(i + j) for j in range(4)] for i in range(5)]
g[3] = (1.0, 2.0, 3.0, 4.0)         # a tuple row: the list-of-lists guard fails mid-loop
try:
    relax(g, 2)
except TypeError as e:
    show("relax TypeError", e)
show("relax partial", g)
g = [[float(i + j) for j in range(4)] for i in range(5)]
g[2] = [1.0, 2.0]                  # a short row: IndexError after stores
try:
    relax(g, 2)
except IndexError as e:
    show("relax IndexError", e)
show("relax partial 2", g)
same = [1.0, 3.0, 5.0]
alias = [same, same, same]         # rows alias each other
relax(alias, 2)
show("relax alias", alias)

show("norms", norms([[3.0, 4.0], [6.0, 8.0]]))
show("norms mixed", norms([[3.0, 4.0], [6, 8.0], [1.5, 2.0]]))
try:
    norms([[3.0, 4.0], [6.0]])
except IndexError as e:
    show("norms IndexError", e)

c = [0, 0, 0, 0]
bump(c, [0, 1, 1, 3, -1], 2)
show("bump", c)
c = [0, sys.maxsize - 1, 0]
bump(c, [0, 1, 1, 2], 1)           # overflows i64 in the middle: big ints from there on
show("bump overflow", c)
c = [0, 1, 2]
try:
    bump(c, [0, 1, 5, 2], 1)
except IndexError as e:
    show("bump IndexError", e)
show("bump partial", c)

r = [8.0, 27.0, -8.0, 64.0]        # a negative base with a fractional power: complex
roots(r, 1.0 / 3.0)
show("roots", [round(v.real, 9) if isinstance(v, complex) else round(v, 9) for v in r])
r = [2.0, 0.0, 3.0]
try:
    roots(r, -1.0)                 # 0.0 ** -1.0: ZeroDivisionError
except ZeroDivisionError as e:
    show("roots ZeroDivisionError", e)
show("roots partial", r)
try:
    roots([10.0, 1e300], 2.0)      # OverflowError
except OverflowError as e:
    show("roots OverflowError", e)

d = [1.0, 2.0, 4.0, 8.0]
try:
    divide(d, [2.0, 0.5, 0.0, 1.0])
except ZeroDivisionError as e:
    show("divide ZeroDivisionError", e)
show("divide partial", d)

shared = [1.5, 2.5]
held = shared[0]
scale(shared, 2.0)                 # the old float is still referenced: it must not change
show("shared", (shared, held, held is shared[0]))


class MyList(list):
    pass


ml = MyList([1.0, 2.0])
scale(ml, 3.0)
show("subclass", ml)


class MyFloat(float):
    pass


mf = [1.0, MyFloat(2.0), 3.0]
scale(mf, 1.0)
show("float subclass", (mf, [type(v).__name__ for v in mf]))
for n in range(100):               # keeps deopting: the guard gives up, results unchanged
    ys = [1, 2, 3]
    scale(ys, 2.0)
show("many deopts", ys)
ys = [1.0, 2.0]
scale(ys, 2.0)
show("after giving up", ys)
