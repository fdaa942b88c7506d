# __slots__: only slot names can be set on instances; a "__dict__" slot or a class without
# __slots__ in the hierarchy restores arbitrary attributes; the answer follows class changes.

class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x, self.y = x, y


class Point3(Point):
    __slots__ = ("z",)


class Loose(Point):
    pass


class WithDict:
    __slots__ = ("a", "__dict__")


class Single:
    __slots__ = "only"


p = Point(1, 2)
p.x += 10
print(p.x, p.y)
for obj, attr in [(p, "z"), (Point3(1, 2), "z"), (Point3(1, 2), "w"), (Loose(1, 2), "w"),
                  (WithDict(), "anything"), (Single(), "only"), (Single(), "other")]:
    try:
        setattr(obj, attr, 42)
        print(type(obj).__name__, attr, "set to", getattr(obj, attr))
    except AttributeError as e:
        print(type(obj).__name__, attr, "AttributeError:", e)

for _ in range(3):   # the same store again and again (cached answer)
    try:
        p.color = "red"
    except AttributeError as e:
        print("again:", e)

points = [Point(i, i * i) for i in range(1000)]
print(sum(q.x + q.y for q in points))
p.y = None
print(p.y)
