# `obj.method(...)` call sites skip the instance-dict probe when the dict's key filter says the
# name cannot be there, and `lst.append` loaded before its arguments is a cached bound method.
# Every way an instance gains, loses or swaps the name, or the object its class, is made to
# happen in the middle of a loop running through the cached site.


class Greeter:
    def greet(self, who):
        return "hello " + who

    def other(self):
        return "other"


class Loud(Greeter):
    def greet(self, who):
        return "HELLO " + who.upper()


def run(g, n, change):
    out = []
    for i in range(n):
        try:
            out.append(g.greet(str(i)))
        except AttributeError as e:
            out.append("AttributeError: " + str(e))
        change(i, g)
    return out


def by_setattr(i, g):
    if i == 1:
        setattr(g, "greet", lambda who: "instance " + who)
    if i == 3:
        del g.greet


def by_vars(i, g):
    if i == 1:
        vars(g)["greet"] = lambda who: "vars " + who
    if i == 2:
        vars(g).pop("greet")
    if i == 3:
        g.__dict__.update(greet=lambda who: "update " + who)
    if i == 4:
        g.__dict__.clear()


def by_dict_swap(i, g):
    if i == 1:
        g.__dict__ = {"greet": lambda who: "swapped " + who}
    if i == 2:
        g.__dict__ = {}
    if i == 3:
        d = {}
        g.__dict__ = d
        d["greet"] = lambda who: "shared dict " + who


def by_class(i, g):
    if i == 1:
        g.__class__ = Loud
    if i == 2:
        g.__class__ = Greeter
    if i == 3:
        Greeter.greet = lambda self, who: "patched " + who
    if i == 4:
        del Greeter.greet


for change in (by_setattr, by_vars, by_dict_swap, by_class):
    print(change.__name__, run(Greeter(), 6, change))


# many attributes: every key-filter bit is set, the probe must run and miss
class Wide:
    def __init__(self):
        for k in range(80):
            setattr(self, "a%d" % k, k)

    def total(self):
        return sum(v for v in vars(self).values() if isinstance(v, int))


w = Wide()
out = []
for i in range(4):
    out.append(w.total())
    if i == 1:
        w.total = lambda: "shadowed among many"
    if i == 2:
        del w.total
print(out)

# an instance dict key that is not a str, and one with a str subclass equal to the name
class Name(str):
    pass


g = Greeter()
out = []
for i in range(4):
    out.append(g.other())
    if i == 0:
        vars(g)[7] = "int key"
    if i == 1:
        vars(g)[Name("other")] = lambda: "str subclass key"
print(out)

# bound builtin methods loaded before their arguments (the argument raises, or rebinds the
# receiver); the same site sees lists, dicts and a list subclass with its own append
class MyList(list):
    def append(self, x):
        list.append(self, ("mine", x))


def add_all(target, items):
    for x in items:
        target.append(x * 2 if isinstance(x, int) else x)
    return target


print(add_all([], [1, 2, 3]))
print(add_all(MyList(), [1, 2]))
print(sorted(add_all([], [3, 1])))
stack = [1]
out = []
for i in range(5):
    try:
        stack.append(stack[i * 2 % 3] + i)
    except IndexError as e:
        out.append("IndexError " + str(e))
out.append(stack)
print(out)

d = {}
for i in range(3):
    setter = d.setdefault
    setter(i, [i])
    d.get(i).append(d.get(i - 1, ["none"])[0])
print(d)
names = ["b", "a"]
sort = names.sort
names.append("c")
sort()
print(names, "".join(map(str.upper, names)))
