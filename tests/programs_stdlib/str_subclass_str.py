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
