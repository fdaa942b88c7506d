# Structural pattern matching: literals, captures, wildcards, sequences with stars, mappings
# with **rest, class patterns (positional via __match_args__ and keyword), guards, or-patterns,
# `as` bindings, value patterns.
import collections

Point = collections.namedtuple("Point", ["x", "y"])


def describe(value):
    match value:
        case 0:
            return "zero"
        case True:
            return "true"
        case None:
            return "none"
        case int(n) if n < 0:
            return f"negative int {n}"
        case int() | float() as num:
            return f"number {num}"
        case "hello" | "hi":
            return "greeting"
        case str(s):
            return f"string of {len(s)}"
        case []:
            return "empty list"
        case [x]:
            return f"one item {x}"
        case [x, y]:
            return f"pair {x},{y}"
        case [first, *rest] if len(rest) > 3:
            return f"long sequence from {first}, {len(rest)} more"
        case (a, b, *middle, c):
            return f"seq a={a} b={b} middle={middle} c={c}"
        case {"type": "circle", "r": r}:
            return f"circle r={r}"
        case {"type": "rect", **rest}:
            return f"rect with {sorted(rest.items())}"
        case {}:
            return "some other mapping"
        case _:
            return f"something else: {type(value).__name__}"


for v in [0, True, None, -5, 7, 2.5, "hi", "words", [], [1], [1, 2], [1, 2, 3, 4, 5, 6],
          (1, 2, 3), (1, 2, 3, 4, 5), {"type": "circle", "r": 2}, {"type": "rect", "w": 1, "h": 2},
          {"k": 1}, {1, 2}]:
    print(repr(v), "->", describe(v))


def where(p):
    match p:
        case Point(0, 0):
            return "origin"
        case Point(x=0, y=y):
            return f"on the y axis at {y}"
        case Point(x, 0):
            return f"on the x axis at {x}"
        case Point(x, y) if x == y:
            return "on the diagonal"
        case Point():
            return "somewhere"
        case _:
            return "not a point"


for p in [Point(0, 0), Point(0, 5), Point(3, 0), Point(2, 2), Point(1, 9), (1, 2)]:
    print(p, where(p))

ORIGIN = 0


def command(cmd):
    match cmd.split():
        case ["go", ("north" | "south" | "east" | "west") as direction]:
            return f"going {direction}"
        case ["pick", "up", *items] if items:
            return f"picking up {', '.join(items)}"
        case ["quit" | "exit"]:
            return "bye"
        case [verb, *_]:
            return f"unknown verb {verb!r}"
        case _:
            return "empty"


for c in ["go north", "go up", "pick up sword shield", "pick up", "quit", "", "dance now"]:
    print(repr(c), "->", command(c))


def nested(data):
    match data:
        case {"user": {"name": str(name), "roles": [*roles]}} if "admin" in roles:
            return f"admin {name}"
        case {"user": {"name": name}}:
            return f"user {name}"
        case [[a, b], [c, d]]:
            return a * d - b * c
        case _:
            return None


print(nested({"user": {"name": "ann", "roles": ["dev", "admin"]}}))
print(nested({"user": {"name": "bob", "roles": []}}))
print(nested([[1, 2], [3, 4]]))
print(nested("x"))

match 3:
    case 1 | 2:
        print("small")
    case n:
        print("bound", n)

from dataclasses import dataclass


@dataclass
class Move:
    dx: int
    dy: int = 0


class Shape:
    __match_args__ = ("kind", "size")

    def __init__(self, kind, size):
        self.kind, self.size = kind, size


for obj in [Move(1), Move(0, -2), Shape("square", 3), Shape("dot", 0), 5]:
    match obj:
        case Move(0, dy):
            print("vertical move", dy)
        case Move(dx, 0):
            print("horizontal move", dx)
        case Shape("square", size=s) if s > 1:
            print("big square", s)
        case Shape(kind):
            print("shape", kind)
        case _:
            print("no match", obj)

try:
    match Shape("x", 1):
        case Shape(1, 2, 3):
            pass
except TypeError as e:
    print("TypeError:", e)
