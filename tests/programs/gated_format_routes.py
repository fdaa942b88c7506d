# Formatting reaches the builtin types' __format__ (int/float/str and object's) by name for
# instances of classes deriving them: a program with f-string specs, format() or __format__
# spelled keeps those entries, which are gated per program (issue 9, size).
class Num(int):
    pass


class Ratio(float):
    def __format__(self, spec):
        return "<" + super().__format__(spec) + ">"


class Name(str):
    pass


class Plain:
    pass


n, r, s = Num(255), Ratio(2 / 3), Name("ab")
print(f"{n:#x}|{n:>6}|{n:,}|{r:.3f}|{r:e}|{s:>5}|{s:*^6}|")
print(f"{n}|{r}|{s}|{Plain() is None}")
print(int.__format__(n, "08b"), float.__format__(r, ".2%"), str.__format__(s, "<4") + "|")
print(Num.__format__(Num(7), "+d"), object.__format__(Plain(), "") [:8])
try:
    f"{Plain():>3}"
except TypeError as e:
    print("TypeError", e)
try:
    f"{s:d}"
except ValueError as e:
    print("ValueError", e)
try:
    int.__format__(n, 5)
except TypeError as e:
    print("TypeError", e)
for v, spec in [(True, "s"), (Num(3), "s"), (Ratio(1.5), "d"), (3, "s"), (2.5, "x"), ("t", "f")]:
    try:
        print(format(v, spec))
    except ValueError as e:
        print("ValueError", e)
