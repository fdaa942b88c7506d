# A small ray tracer: vector arithmetic by operator overloading, shapes as a class hierarchy,
# shadows and reflections; renders to ASCII art and prints checksums of the image.
# Only +, -, *, / and sqrt touch the floats, so every correct implementation gets the same bits.
import math
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Optional

EPSILON = 1e-9
SHADES = " .:-=+*#%@"


class Vec:
    __slots__ = ("x", "y", "z")

    def __init__(self, x=0.0, y=0.0, z=0.0):
        self.x, self.y, self.z = float(x), float(y), float(z)

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y, self.z + o.z)

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y, self.z - o.z)

    def __mul__(self, k):
        if isinstance(k, Vec):
            return Vec(self.x * k.x, self.y * k.y, self.z * k.z)
        return Vec(self.x * k, self.y * k, self.z * k)

    __rmul__ = __mul__

    def __truediv__(self, k):
        return Vec(self.x / k, self.y / k, self.z / k)

    def __neg__(self):
        return Vec(-self.x, -self.y, -self.z)

    def __matmul__(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def __abs__(self):
        return math.sqrt(self @ self)

    def __iter__(self):
        yield self.x
        yield self.y
        yield self.z

    def __eq__(self, o):
        return isinstance(o, Vec) and tuple(self) == tuple(o)

    def __bool__(self):
        return any(c != 0.0 for c in self)

    def __repr__(self):
        return "Vec({:.3f}, {:.3f}, {:.3f})".format(*self)

    def cross(self, o):
        return Vec(self.y * o.z - self.z * o.y, self.z * o.x - self.x * o.z, self.x * o.y - self.y * o.x)

    def norm(self):
        length = abs(self)
        if length == 0.0:
            raise ZeroDivisionError("cannot normalise the zero vector")
        return self / length

    @staticmethod
    def lerp(a, b, t):
        return a * (1.0 - t) + b * t

    def clamp(self, lo=0.0, hi=1.0):
        return Vec(*(min(hi, max(lo, c)) for c in self))


@dataclass(frozen=True)
class Ray:
    origin: Vec
    direction: Vec

    def at(self, t):
        return self.origin + self.direction * t


@dataclass
class Material:
    colour: Vec
    diffuse: float = 0.8
    specular: float = 0.2
    shininess: int = 16
    reflect: float = 0.0


@dataclass
class Hit:
    t: float
    point: Vec
    normal: Vec
    shape: "Shape"


class Shape(ABC):
    count = 0

    def __init__(self, material):
        self.material = material
        Shape.count += 1
        self.index = Shape.count

    @abstractmethod
    def intersect(self, ray) -> Optional[Hit]:
        ...

    def __repr__(self):
        return f"{type(self).__name__}#{self.index}"


class Sphere(Shape):
    def __init__(self, centre, radius, material):
        super().__init__(material)
        self.centre, self.radius = centre, radius

    def intersect(self, ray):
        oc = ray.origin - self.centre
        b = oc @ ray.direction
        c = oc @ oc - self.radius * self.radius
        disc = b * b - c
        if disc < 0:
            return None
        root = math.sqrt(disc)
        for t in (-b - root, -b + root):
            if t > 1e-6:
                p = ray.at(t)
                return Hit(t, p, (p - self.centre) / self.radius, self)
        return None


class Plane(Shape):
    def __init__(self, point, normal, material, checker=None):
        super().__init__(material)
        self.point, self.normal, self.checker = point, normal.norm(), checker

    def intersect(self, ray):
        denom = self.normal @ ray.direction
        if abs(denom) < EPSILON:
            return None
        t = ((self.point - ray.origin) @ self.normal) / denom
        return Hit(t, ray.at(t), self.normal, self) if t > 1e-6 else None

    def colour_at(self, p):
        if self.checker is None:
            return self.material.colour
        return self.material.colour if (math.floor(p.x) + math.floor(p.z)) % 2 == 0 else self.checker


@dataclass
class Light:
    position: Vec
    intensity: float


@dataclass
class Scene:
    shapes: list = field(default_factory=list)
    lights: list = field(default_factory=list)
    ambient: float = 0.08
    stats: dict = field(default_factory=lambda: {"rays": 0, "shadow": 0, "hits": 0})

    def add(self, *shapes):
        self.shapes.extend(shapes)
        return self

    def nearest(self, ray):
        self.stats["rays"] += 1
        hits = [h for h in (s.intersect(ray) for s in self.shapes) if h is not None]
        if hits:
            self.stats["hits"] += 1
        return min(hits, key=lambda h: h.t, default=None)

    def shadowed(self, point, light):
        to_light = light.position - point
        distance = abs(to_light)
        ray = Ray(point, to_light / distance)
        self.stats["shadow"] += 1
        return any(h is not None and h.t < distance for h in (s.intersect(ray) for s in self.shapes))

    def trace(self, ray, depth=0):
        hit = self.nearest(ray)
        if hit is None:
            return Vec.lerp(Vec(0.01, 0.01, 0.03), Vec(0.0, 0.0, 0.01), max(0.0, ray.direction.y))
        mat = hit.shape.material
        base = hit.shape.colour_at(hit.point) if isinstance(hit.shape, Plane) else mat.colour
        colour = base * self.ambient
        for light in self.lights:
            if self.shadowed(hit.point, light):
                continue
            to_light = (light.position - hit.point).norm()
            lambert = max(0.0, hit.normal @ to_light)
            colour = colour + base * (mat.diffuse * lambert * light.intensity)
            half = (to_light - ray.direction).norm()
            spec = max(0.0, hit.normal @ half)
            for _ in range(mat.shininess.bit_length() - 1):
                spec *= spec
            colour = colour + Vec(1, 1, 1) * (mat.specular * spec * light.intensity)
        if mat.reflect > 0 and depth < 3:
            d = ray.direction
            reflected = Ray(hit.point, (d - hit.normal * (2 * (d @ hit.normal))).norm())
            colour = colour * (1 - mat.reflect) + self.trace(reflected, depth + 1) * mat.reflect
        return colour.clamp()


class Camera:
    def __init__(self, eye, target, up=Vec(0, 1, 0), fov_scale=1.0):
        self.eye = eye
        self.forward = (target - eye).norm()
        self.right = self.forward.cross(up).norm()
        self.up = self.right.cross(self.forward)
        self.scale = fov_scale

    def ray(self, u, v):
        d = self.forward + self.right * (u * self.scale) + self.up * (v * self.scale)
        return Ray(self.eye, d.norm())


def render(scene, camera, width, height, samples=2):
    rows = []
    total = Vec()
    for j in range(height):
        row = []
        for i in range(width):
            acc = Vec()
            for sy in range(samples):
                for sx in range(samples):
                    u = ((i + (sx + 0.5) / samples) / width * 2 - 1) * width / height * 0.5
                    v = 1 - (j + (sy + 0.5) / samples) / height * 2
                    acc = acc + scene.trace(camera.ray(u, v))
            pixel = acc / (samples * samples)
            total = total + pixel
            lum = math.sqrt(0.2126 * pixel.x + 0.7152 * pixel.y + 0.0722 * pixel.z)
            row.append(SHADES[min(len(SHADES) - 1, int(lum * len(SHADES)))])
        rows.append("".join(row))
    return rows, total


def build_scene():
    red = Material(Vec(0.9, 0.2, 0.2), reflect=0.2)
    mirror = Material(Vec(0.9, 0.9, 0.9), diffuse=0.3, specular=0.6, shininess=64, reflect=0.7)
    green = Material(Vec(0.2, 0.8, 0.3), shininess=8)
    floor = Material(Vec(0.8, 0.8, 0.8), specular=0.0, reflect=0.1)
    scene = Scene(lights=[Light(Vec(-4, 6, -3), 1.0), Light(Vec(5, 4, -2), 0.5)])
    scene.add(Sphere(Vec(-1.2, 0.0, 4.0), 1.0, red),
              Sphere(Vec(1.1, 0.2, 5.0), 1.2, mirror),
              Sphere(Vec(0.1, -0.6, 2.6), 0.4, green),
              Plane(Vec(0, -1, 0), Vec(0, 1, 0), floor, checker=Vec(0.2, 0.2, 0.25)))
    return scene


def main():
    a, b = Vec(1, 2, 3), Vec(-2, 0.5, 4)
    print(a + b, a - b, 2 * a, a * 0.5, -b, a / 4)
    print(a @ b, f"{abs(a):.6f}", a.cross(b), a == Vec(1, 2, 3), bool(Vec()), list(a))
    x, *rest = a
    print(x, rest, Vec(2, -3, 0.5).clamp())
    try:
        Vec().norm()
    except ZeroDivisionError as e:
        print("error:", e)
    try:
        Ray(a, b).origin = b
    except AttributeError as e:
        print("frozen ray:", type(e).__name__)

    scene = build_scene()
    print(scene.shapes, [repr(l.position) for l in scene.lights])
    camera = Camera(Vec(0, 0.8, -1.5), Vec(0, 0, 4), fov_scale=0.45)
    rows, total = render(scene, camera, 60, 26)
    print("\n".join(rows))
    checksum = 0
    for n, ch in enumerate("".join(rows)):
        checksum = (checksum * 31 + ord(ch) * (n + 1)) % 4294967291
    counts = {shade: "".join(rows).count(shade) for shade in SHADES}
    print("checksum", checksum)
    print("shade counts", {k: v for k, v in counts.items() if v})
    print("mean colour", Vec(*(c / (60 * 26) for c in total)))
    print("stats", scene.stats)


main()
