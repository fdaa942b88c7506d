# When cycles are collected and in which order their finalizers run: CPython finds garbage
# in the order the containers were tracked (freed containers in between do not reorder it),
# and a module-level loop's stack values (the item, an unpacked pair, the iterator) are
# released when popped, not when the module ends.
import gc


class N:
    def __init__(self, tag):
        self.tag = tag
        self.next = None

    def __del__(self):
        print("del", self.tag)


def ring(prefix, k, backwards=False):
    nodes = [N(f"{prefix}{i}") for i in range(k)]
    for i in range(k):
        if backwards:
            nodes[(i + 1) % k].next = nodes[i]
        else:
            nodes[i].next = nodes[(i + 1) % k]


def rings_with_frees_between():
    keep = []
    for i in range(6):
        a, b = N(f"x{i}"), N(f"y{i}")
        a.next, b.next = b, a
        temp = [N(f"t{i}")]     # freed at once: leaves a hole between the rings
        del temp
        keep.append(i)
    return keep


for k in (2, 3, 5):
    ring("r", k)
    print("ring", k, gc.collect())
    ring("b", k, backwards=True)
    print("backwards", k, gc.collect())

print("frees between", rings_with_frees_between(), gc.collect())

# many short-lived containers between two cycles (automatic collections are off: when they
# run is the implementation's choice)
gc.disable()
ring("p", 3)
junk = [[i] for i in range(3000)]
del junk
ring("q", 3)
print("after junk", gc.collect())
gc.enable()

# module-level loops
nodes = [N(f"m{i}") for i in range(3)]
for n in nodes:
    n.next = nodes[0]
del nodes, n
print("for", gc.collect())

nodes = [N(f"e{i}") for i in range(3)]
for i, n in enumerate(nodes):
    n.next = nodes[(i + 1) % 3]
    print("visit", i, n.tag)
del nodes, n
print("enumerate", gc.collect())

nodes = [N(f"z{i}") for i in range(2)]
for pair in zip(nodes, reversed(nodes)):
    pair[0].next = pair[1]
del nodes, pair
print("zip", gc.collect())

total = 0
for v in [N("v0"), N("v1")]:
    total += len(v.tag)
print("sum", total)
del v
print("loop list freed", gc.collect())


def local_keeps_last_item():
    for item in [N("l0"), N("l1")]:
        print("item", item.tag)
    print("loop done")


local_keeps_last_item()
print("returned")
print("end", gc.collect())
