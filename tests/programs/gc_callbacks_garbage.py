"""gc.callbacks and gc.garbage as CPython 3.11 documents them: callbacks called with
("start"/"stop", {"generation", "collected", "uncollectable"}) around each collection, a
failing callback reported as unraisable, gc.DEBUG_SAVEALL keeping what a collection finds in
gc.garbage. Automatic collections are off: only explicit ones run (their timing differs)."""
import gc

gc.disable()
log = []


def record(phase, info):
    log.append((phase, type(info).__name__, list(info.items())))


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None

    def __repr__(self):
        return f"Node({self.name})"


def cycle(name):
    a, b = Node(name + "a"), Node(name + "b")
    a.other, b.other = b, a


print(type(gc.callbacks).__name__, gc.callbacks, type(gc.garbage).__name__, gc.garbage)
gc.callbacks.append(record)
cycle("x")
print("collected", gc.collect())
for entry in log:
    print(*entry)
log.clear()

print(gc.collect(0), gc.collect(1), gc.collect(generation=2))
print([(phase, dict(items)["generation"]) for phase, _, items in log])
log.clear()

# every callback sees a new info dict per phase; the list is read again as callbacks run
infos = []
late = []


def first(phase, info):
    infos.append(info)
    if phase == "start" and not late:
        late.append(1)
        gc.callbacks.append(lambda p, i: print("late callback", p, i["collected"]))


gc.callbacks.insert(0, first)
cycle("y")
cycle("z")
print("collected", gc.collect())
print(infos[0] is infos[1], infos[0], infos[1])
print([phase for phase, _, _ in log])
gc.callbacks.clear()
log.clear()


class Failing:
    def __call__(self, phase, info):
        raise RuntimeError(f"callback failed in {phase}")

    def __repr__(self):
        return "<Failing callback>"


gc.callbacks.extend([Failing(), record])
print("collected", gc.collect())
print([phase for phase, _, _ in log], "(the callback after a failing one still runs)")
gc.callbacks.clear()

# a collection inside a callback is not nested: it returns 0
nested = []
gc.callbacks.append(lambda p, i: nested.append(gc.collect()))
cycle("w")
print("collected", gc.collect(), "nested", nested)
gc.callbacks.clear()

# the module attribute can be rebound; the collector keeps calling its own list
saved = gc.callbacks
gc.callbacks = []
saved.append(record)
log.clear()
gc.collect()
print(len(log), gc.callbacks, saved is not gc.callbacks)
saved.clear()
gc.callbacks = saved

# DEBUG_SAVEALL: what a collection finds goes to gc.garbage instead of being freed
print(gc.get_debug(), gc.DEBUG_SAVEALL, gc.DEBUG_LEAK, gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE,
      gc.DEBUG_UNCOLLECTABLE)
gc.set_debug(gc.DEBUG_SAVEALL)
print(gc.get_debug())
x = []
x.append(x)
del x
cycle("s")
print("collected", gc.collect(), "garbage", len(gc.garbage))
lists = [g for g in gc.garbage if isinstance(g, list)]
print(len(lists), lists[0] is lists[0][0], sorted(repr(g) for g in gc.garbage if isinstance(g, Node)))
gc.set_debug(0)
del gc.garbage[:]
cycle("t")
print("collected", gc.collect(), "garbage", gc.garbage)

for call in (lambda: gc.collect(3), lambda: gc.collect(-1), lambda: gc.collect("2"),
             lambda: gc.collect(2.0), lambda: gc.collect(1, 2), lambda: gc.collect(gen=1),
             lambda: gc.collect(2 ** 70), lambda: gc.set_debug(), lambda: gc.set_debug("x"),
             lambda: gc.set_debug(flags=1), lambda: gc.get_debug(1)):
    try:
        call()
    except Exception as e:
        print(type(e).__name__, e)
print(gc.collect(True))
gc.enable()
