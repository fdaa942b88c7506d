# vars() with no argument is locals(): at module level the module's globals (pyparsing's core
# lists its ParserElements with `[v for v in vars().values() if isinstance(...)]`), in a class
# body the namespace being built; vars(obj) is obj.__dict__ and a TypeError without one.
class Marker:
    def __init__(self, name):
        self.name = name


first = Marker("first")
second = Marker("second")
found = [v.name for v in vars().values() if isinstance(v, Marker)]
print(found, vars() is globals(), "found" in vars())


class Body:
    a = 1
    b = "two"
    names = sorted(k for k in vars() if not k.startswith("__"))
    ns = vars()
    ns["added"] = 3
    of_marker = vars(first)


print(Body.names, Body.added, Body.of_marker, "ns" in vars(Body))


def make(x):
    class Inner:
        value = x
        keys = sorted(k for k in vars() if not k.startswith("__"))
    return Inner


print(make(5).keys, make(6).value, sorted(vars(Marker("m"))))

for bad in (1, "s", None):
    try:
        vars(bad)
    except TypeError as e:
        print("TypeError", e)
try:
    vars(1, 2)
except TypeError as e:
    print("TypeError", e)
