# A str subclass as an attribute name: lookups use its text, and a class's __getattr__ and
# __getattribute__ receive the object itself (its type and extra attributes intact).


class Name(str):
    note = "a Name"

    def __hash__(self):
        return str.__hash__(self)


class Fallback:
    present = 1

    def __getattr__(self, name):
        return ("fallback", type(name).__name__, getattr(name, "note", None), str(name))


class Hooked:
    def __init__(self):
        self.real = "real value"

    def __getattribute__(self, name):
        print("getattribute got", type(name).__name__, str(name))
        return object.__getattribute__(self, name)

    def __getattr__(self, name):
        return ("hooked fallback", type(name).__name__)


f = Fallback()
print(getattr(f, Name("present")))
print(getattr(f, Name("missing")))
print(getattr(f, "missing"))
print(hasattr(f, Name("anything")))

h = Hooked()
print(getattr(h, Name("real")))
print(getattr(h, Name("absent")))
print(getattr(h, "absent"))
print(getattr(h, Name("absent"), "default"))


class Plain:
    pass


p = Plain()
setattr(p, Name("dyn"), 5)
print(getattr(p, Name("dyn")), p.dyn, vars(p))
print(getattr(p, Name("nope"), "default"))
try:
    getattr(p, Name("nope"))
except AttributeError as e:
    print("AttributeError:", e, repr(e.name), type(e.name).__name__)
