# locals() in a class body is the class namespace being built (pyparsing's __compat__ lists
# its names with `[n for n in locals() if not n.startswith("_")]`); a global named `locals`
# still shadows the builtin.
class Flags:
    collect_all_And_tokens = True
    warn_ungrouped = False
    _all_names = [n for n in locals() if not n.startswith("_")]
    snapshot = sorted(locals())
    ns = locals()
    ns["added"] = 42


print(Flags._all_names, Flags.snapshot, Flags.added, "ns" in vars(Flags))


def make(v):
    class Inner:
        value = v
        keys = sorted(k for k in locals() if not k.startswith("__"))
    return Inner


print(make(3).keys, make(4).value)
print(sorted(k for k in locals() if not k.startswith("__")))


def shadow():
    return "shadowed"


locals = shadow


class Shadowed:
    r = locals()


print(Shadowed.r)
