# Dataclass-heavy workload: defining classes (dataclasses generates and execs their methods)
# and creating, comparing, hashing and printing instances.
from dataclasses import dataclass, field, replace, asdict


@dataclass
class Point:
    x: int
    y: int = 0
    tags: list = field(default_factory=list)


@dataclass(frozen=True, order=True)
class Key:
    a: int
    b: str = "k"


classes = []
for i in range(200):
    # class creation: each one generates __init__, __repr__, __eq__ source and runs it
    @dataclass
    class Row:
        n: int
        name: str = "r"
        extra: dict = field(default_factory=dict)
    classes.append(Row)

total = 0
points = []
for i in range(200_000):
    p = Point(i, y=i % 7)
    if p == Point(i, i % 7):
        total += p.x + p.y
    points.append(p)
keys = sorted({Key(i % 1000, str(i % 3)) for i in range(100_000)})
print(total, len(points), len(keys), keys[:2], repr(points[5]), replace(points[3], y=9))
print(asdict(points[10]), sum(len(repr(c(i))) for i, c in enumerate(classes)))
