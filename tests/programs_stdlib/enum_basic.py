# stdlib: abc types operator enum
# enum.py compiled from CPython's bytecode: EnumType (a metaclass with __prepare__ returning
# _EnumDict, __call__, __getitem__, __iter__, __len__, __contains__), auto(), unique,
# IntEnum/StrEnum, member attributes, aliases, functional API, _missing_, methods.
import enum
from enum import Enum, IntEnum, auto, unique


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1  # alias

    def describe(self):
        return f"{self.name.lower()}={self.value}"

    @classmethod
    def default(cls):
        return cls.GREEN


print(Color.RED, repr(Color.GREEN), Color(3), Color["BLUE"], Color.CRIMSON is Color.RED)
print(len(Color), list(Color), [m.name for m in Color], Color.RED in Color)
print(Color.RED.name, Color.RED.value, Color.BLUE.describe(), Color.default())
print(type(Color).__name__, isinstance(Color.RED, Color), type(Color.RED) is Color)
print(list(Color.__members__), Color.__members__["CRIMSON"])
print(Color.RED == Color.RED, Color.RED == 1, Color.RED != Color.BLUE, hash(Color.RED) == hash(Color.RED))
print({Color.RED: "r"}[Color.CRIMSON], sorted([Color.BLUE, Color.RED], key=lambda c: c.value))
try:
    Color(7)
except ValueError as e:
    print("ValueError:", e)
try:
    Color["PINK"]
except KeyError as e:
    print("KeyError:", e)
try:
    Color.RED = 5
except AttributeError as e:
    print("AttributeError:", e)


class Shape(Enum):
    CIRCLE = auto()
    SQUARE = auto()
    TRIANGLE = auto()


print(list(Shape), Shape.SQUARE.value)


class Prio(IntEnum):
    LOW = 1
    HIGH = 10


print(Prio.LOW < Prio.HIGH, Prio.HIGH + 1, int(Prio.LOW), Prio(10), Prio.HIGH == 10, f"{Prio.LOW}", str(Prio.HIGH))
print(isinstance(Prio.LOW, int), sorted([Prio.HIGH, Prio.LOW]))

Animal = Enum("Animal", "ANT BEE CAT")
print(list(Animal), Animal.BEE.value, Animal(3))


@unique
class Ok(Enum):
    A = 1
    B = 2


try:
    @unique
    class Bad(Enum):
        A = 1
        B = 1
except ValueError as e:
    print("ValueError:", e)


class Lenient(Enum):
    ONE = 1
    TWO = 2

    @classmethod
    def _missing_(cls, value):
        if isinstance(value, str) and value.isdigit():
            return cls(int(value))
        return None


print(Lenient("2"), Lenient(1))
try:
    Lenient("x")
except ValueError as e:
    print("ValueError:", e)


class Planet(Enum):
    MERCURY = (3.303e23, 2.4397e6)
    EARTH = (5.976e24, 6.37814e6)

    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius

    @property
    def gravity(self):
        return round(6.673e-11 * self.mass / (self.radius * self.radius), 2)


print(Planet.EARTH.mass, Planet.EARTH.gravity, Planet.MERCURY.value)
match Color.GREEN:
    case Color.RED:
        print("red")
    case Color.GREEN:
        print("green matched")
