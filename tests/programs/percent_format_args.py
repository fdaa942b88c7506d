# %-formatting's arguments as CPython walks them: a %(key) needs a mapping (any subscriptable
# non-tuple), a keyed conversion leaves nothing for unkeyed ones, '*' width/precision take ints
# (a negative width left-aligns), nested parentheses in keys, and the errors for each.
cases = [
    ("%(k)s", (1, 2)), ("%(k)s", 5), (b"%(k)s", (1,)), ("%(k)s %s", {"k": 1}),
    ("%s %(k)s", {"k": 1}), ("%(k)s", [1]), ("abc", []), ("abc", 5), ("abc", ()),
    ("abc", {}), ("%s", ()), ("%s %s", (1,)), ("%s", (1, 2)), ("%(a(b))s", {"a(b)": 7}),
    ("%(a", {"a": 1}), ("%*d|", (5, 3)), ("%*d|", (-5, 3)), ("%.*f", (2, 3.14159)),
    ("%*.*f|", (8, 3, 2.5)), ("%*d", ("x", 3)), ("%-*s|", (4, "ab")), ("%.*s", (-1, "abc")),
    (b"%(x)d %(y)s", {b"x": 3, b"y": b"z"}), ("%(x)s", {"x": [1, 2]}), ("%s", [1, 2]),
    ("%d %%", 5), ("%(k)s %(k)r", {"k": "v"}), ("%s%s", "ab"),
]
for fmt, arg in cases:
    try:
        print(repr(fmt % arg))
    except Exception as e:
        print(repr(fmt), type(e).__name__, e)
class M:
    def __getitem__(self, k):
        return k * 2
print("%(ab)s" % M())
