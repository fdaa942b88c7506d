# A program that never formats with a spec (no f-string, format(), str.format or the
# __format__ name): the builtin types' __format__ entries are not linked (issue 9, size);
# printing, str() and repr() of instances of classes deriving int, float and str must not
# depend on them.
class Num(int):
    pass


class Ratio(float):
    pass


class Name(str):
    def shout(self):
        return self.upper() + "!"


n, r, s = Num(255), Ratio(2 / 3), Name("ab")
print(n, r, s, s.shout(), n + 1, r * 3, s + "c")
print(str(n), repr(r), repr(s), str(Num(-7)), hex(n), oct(n), bin(n))
print([n, r, s], (Num(0), Ratio(-0.0)), {s: n})
print("%s" if False else "no percent", str(1e300 * 10), str(-r), ascii(Name("é")))
