# A program without a class statement (no LOAD_BUILD_CLASS, no __build_class__ spelled): the
# builtin __build_class__ is not linked (issue 9, size); classes made by calling type() must
# not depend on it.
Point = type("Point", (), {"x": 1, "show": lambda self: self.x + 1})
p = Point()
p.x = 41
print(Point.__name__, p.show(), isinstance(p, Point), type(p) is Point, Point.__bases__)
Bad = type("Bad", (ValueError,), {"code": 7})
try:
    raise Bad("nope")
except ValueError as e:
    print(type(e).__name__, e, e.code, Bad.__mro__[1].__name__)
Pair = type("Pair", (tuple,), {"first": property(lambda self: self[0])})
print(Pair((3, 4)).first, len(Pair((1, 2, 3))), Pair(()))
