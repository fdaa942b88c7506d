# Inline caches of global and builtin loads: assigning a global, a builtin, deleting a global
# so the builtin shows through, all in the middle of a loop running through the cached site.
import builtins
import math

SCALE = 1


def scaled(x):
    return x * SCALE


out = []
for i in range(5):
    out.append(scaled(i))
    if i == 1:
        SCALE = 10
    if i == 3:
        globals()["SCALE"] = 100
print(out)


def size(x):
    return len(x)


out = []
for i in range(5):
    out.append(size("abc"))
    if i == 1:
        builtins.len = lambda x: -1            # a builtin replaced
    if i == 2:
        len = lambda x: "global len"           # a global now shadows it
    if i == 3:
        del len                                # the builtin shows through again
del builtins.len
try:
    size("x")
except NameError as e:
    print("NameError", e)
print(out)


def uses_later():
    return later


out = []
for i in range(4):
    try:
        out.append(uses_later())
    except NameError as e:
        out.append(str(e))
    if i == 1:
        later = "defined"
print(out)


def root(x):
    return math.sqrt(x)


out = []
for i in range(4):
    out.append(root(16.0))
    if i == 1:
        math.sqrt = lambda x: "patched"         # a module attribute replaced
    if i == 2:
        del math.sqrt
        math.sqrt = abs
print(out)

# many globals stored in a loop: values change, the keys do not
counter = 0
for i in range(1000):
    counter = counter + 1
print(counter)
