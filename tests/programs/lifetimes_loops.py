# What a for loop holds, and when CPython lets it go: the iterator is released when the loop
# is exhausted (so a list only the loop held is freed then), the loop variable keeps the last
# item until it is rebound or deleted (or the frame ends), `del` drops the name's reference
# at once, and a comprehension's own variable (a function of its own in 3.11, inlined since
# 3.12) holds nothing after it.
class Fin:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


def loop_then_del():
    for g in [Fin(1), Fin(2)]:
        pass
    print("after loop: g keeps", g.n)
    del g
    print("after del g")


def loop_unused_variable():
    for g in [Fin(3), Fin(4)]:
        pass
    print("after loop (g unused later)")


def del_list_after_loop():
    items = [Fin(5), Fin(6)]
    for g in items:
        pass
    del g
    del items
    print("after del items")


def comprehension_filter():
    items = [Fin(7), [8], Fin(9)]
    kept = [x for x in items if isinstance(x, list)]
    del items
    print("after del items", kept)


def comprehension_all():
    items = [Fin(10), Fin(11)]
    copy = [x for x in items]
    del items
    print("after del items")
    del copy
    print("after del copy")


def loop_break():
    items = [Fin(12), Fin(13)]
    for g in items:
        if g.n == 12:
            break
    del items
    print("after break and del items, g is", g.n)


def nested_loops():
    rows = [[Fin(14)], [Fin(15)]]
    for row in rows:
        for cell in row:
            pass
    del rows, row
    print("after del rows and row, cell is", cell.n)
    del cell
    print("after del cell")


for f in (loop_then_del, loop_unused_variable, del_list_after_loop, comprehension_filter,
          comprehension_all, loop_break, nested_loops):
    f()
    print("returned from", f.__name__)

items = [Fin(16), [17], Fin(18)]
kept = [x for x in items if isinstance(x, list)]
del items
print("module level: after del items", kept)
