# str() of a str subclass is the string itself even when the subclass has its own __repr__
# (str.__str__ comes before object.__str__ on its MRO), as markupsafe's Markup relies on
class Markup(str):
    def __repr__(self):
        return f"Markup({super().__repr__()})"

class Loud(str):
    def __str__(self):
        return self.upper()

class Num(int):
    def __repr__(self):
        return "Num!"

m = Markup("<b>")
print(str(m), repr(m), f"{m}", "%s" % m, format(m), [m], type(str(m)).__name__)
print(str(Loud("hi")), f"{Loud('yo')}", repr(Loud("x")))
print(str(Num(3)), f"{Num(4)}", repr(Num(5)))

class Safe(str):
    # markupsafe's Markup: str.__add__ of two instances concatenates, not through __radd__
    def __add__(self, other):
        if isinstance(other, str):
            return self.__class__(super().__add__(Safe(other.replace("<", "&lt;"))))
        return NotImplemented

    def __radd__(self, other):
        if isinstance(other, str):
            return Safe(other.replace("<", "&lt;")).__add__(self)
        return NotImplemented

print(repr(Safe("a") + "<b>"), repr("<i>" + Safe("c")), repr(Safe("x") + Safe("y")))
print(str.__add__(Safe("p"), Safe("q")), type(str.__add__(Safe("p"), Safe("q"))).__name__, int.__add__(Num(2), Num(3)))
