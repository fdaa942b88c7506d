# LOAD_GLOBAL caches the value itself, keyed on the dicts' contents versions: every way of
# writing a module's globals or the builtins must be seen by a site already cached, in the
# middle of the loop that runs through it.
import builtins
import sys

K = 1


def k():
    try:
        return K
    except NameError as e:
        return "NameError: " + str(e)


def rebind(i):
    global K
    K = i * 10


me = sys.modules[__name__]
out = []
for i in range(12):
    out.append(k())
    if i == 1:
        rebind(i)                              # STORE_GLOBAL from another function
    elif i == 2:
        globals()["K"] = "dict store"          # the globals dict written directly
    elif i == 3:
        setattr(me, "K", 3.5)                  # the module's attribute
    elif i == 4:
        me.__dict__.update(K=(4,))             # dict.update on the module dict
    elif i == 5:
        me.__dict__["K"] = "module dict"       # the module's __dict__
    elif i == 6:
        vars(me)["K"] = [6]                    # vars(module)
    elif i == 7:
        globals().pop("K")                     # deleted: NameError at the site
    elif i == 8:
        globals().setdefault("K", "setdefault")
    elif i == 9:
        K += 1 if isinstance(K, int) else "+"  # augmented module-level store
    elif i == 10:
        del K
        K = None
print(out)


def k_or_missing():
    try:
        return K
    except NameError as e:
        return "NameError: " + str(e)


out = []
for i in range(6):
    out.append(k_or_missing())
    if i == 0:
        del K
    elif i == 2:
        K = "back"
    elif i == 3:
        globals().update({"K": "updated"})
print(out)


# an instance whose __dict__ IS the module's globals: attribute stores write the globals
class Holder:
    pass


h = Holder()
h.__dict__ = globals()
out = []
for i in range(5):
    out.append(k())
    h.K = i * i                                # STORE_ATTR through its inline cache
    out.append(k())
print(out)


# builtins: patched through the module, its dict, and shadowed by a global mid-loop
def count(x):
    return len(x) + abs(-1)


orig_len, orig_abs = len, abs
out = []
for i in range(8):
    out.append(count("ab"))
    if i == 1:
        builtins.abs = lambda v: 100
    elif i == 2:
        builtins.__dict__["abs"] = lambda v: 1000
    elif i == 3:
        vars(builtins).update(len=lambda x: -5)
    elif i == 4:
        len = lambda x: 7                      # a global shadows the builtin
    elif i == 5:
        del len
    elif i == 6:
        del builtins.len
        builtins.len = lambda x: 42
print(out)
builtins.len, builtins.abs = orig_len, orig_abs
print(len("abc"), abs(-3))

# a cached value whose only reference was the dict: replaced, then read again
class Noisy:
    def __init__(self, tag):
        self.tag = tag

    def __del__(self):
        print("freed", self.tag)


OBJ = Noisy("first")


def obj_tag():
    return OBJ.tag


out = []
for i in range(4):
    out.append(obj_tag())
    if i == 1:
        OBJ = Noisy("second")
print(out)

# a module-level loop storing the globals it reads: the contents stamp changes every
# iteration, the keys do not (the entry index refreshes the cached value); then keys are
# added and deleted mid-loop
acc = 0
seen = []
for i in range(12):
    acc = acc + i
    seen.append((acc, K))
    if i == 4:
        globals()["extra_key"] = i
    if i == 6:
        K = "rebound in the loop"
    if i == 7:
        del extra_key
    if i == 9:
        del acc
        acc = -100
print(acc, seen)
