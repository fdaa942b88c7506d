"""Frozen dataclasses: assignment and deletion raise dataclasses.FrozenInstanceError (an
AttributeError) with CPython's messages; hashing, replace(), subclasses; an uncaught one
prints CPython's traceback, including the `<string>` frame of the generated __setattr__."""
import dataclasses
from dataclasses import dataclass, field, FrozenInstanceError


@dataclass(frozen=True)
class Point:
    x: int
    y: int = 0
    tags: tuple = field(default=())

    def moved(self, dx):
        return dataclasses.replace(self, x=self.x + dx)


p = Point(1, 2)
print(p, hash(p) == hash(Point(1, 2)), p == Point(1, 2), {p: "a"}[Point(1, 2)])
for action in ["assign", "new attr", "delete", "delete missing"]:
    try:
        if action == "assign":
            p.x = 5
        elif action == "new attr":
            p.z = 1
        elif action == "delete":
            del p.y
        else:
            del p.nothing
    except FrozenInstanceError as e:
        print(action, "->", type(e).__name__, e, e.args, isinstance(e, AttributeError))
print(p.moved(10), p)
print(issubclass(FrozenInstanceError, AttributeError), FrozenInstanceError.__name__, FrozenInstanceError.__module__)
try:
    setattr(p, "x", 3)
except AttributeError as e:
    print("setattr:", repr(e))
try:
    object.__setattr__(p, "x", 99)
    print("object.__setattr__ bypasses:", p.x)
except Exception as e:
    print(type(e).__name__)


class Labelled(Point):
    pass


lab = Labelled(3, 4)
lab.note = "subclass instances may set non-field attributes"
print(lab.note)
try:
    lab.x = 0
except FrozenInstanceError as e:
    print("subclass field:", e)


@dataclass
class Mutable:
    v: int


m = Mutable(1)
m.v = 2
del m.v
print(hasattr(m, "v"))


def freeze_fail():
    p.y = 10


freeze_fail()
