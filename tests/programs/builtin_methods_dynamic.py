# Builtin methods reached by computed names (getattr/hasattr with a variable, dir, format
# fields):
# such a program keeps the full builtin method tables (issue 9, size), so every method
# CPython has is found, including ones the program never spells.
names = ["".join(reversed("reppu")), "swap" + "case", "is" + "title", "cas" + "efold"]
for n in names:
    print(n, getattr("Hello World", n)())
print(hasattr([], "co" + "py"), hasattr({}, "set" + "default"), hasattr(1, "bit_" + "count"))
wanted = [m for m in dir(str) if m.startswith("is") and m.endswith("al")]
print(wanted)
print(sorted(m for m in dir(set) if not m.startswith("_")))
print(sorted(m for m in dir(bytes) if m in ("hex", "decode", "rjust")))
print(sorted(m for m in dir(int) if m.startswith("bit_")))
meth = "to" + "_bytes"
print(getattr(258, meth)(2, "big"))
for t in (list, tuple, frozenset, set):
    print(t.__name__, len([m for m in dir(t) if not m.startswith("_")]))
field = "{0." + "".join(["ti", "tle"]) + "}"
print(field.format("ab cd").__class__.__name__, "{0.real}|{0.imag}".format(3 + 4j))
