class Animal:
    kind = "animal"
    def __init__(self, name):
        self.name = name
    def speak(self):
        return f"{self.name} makes a sound"
    def __repr__(self):
        return f"Animal({self.name!r})"

class Dog(Animal):
    def __init__(self, name, breed):
        super().__init__(name)
        self.breed = breed
    def speak(self):
        return f"{self.name} barks"
    @property
    def info(self):
        return self.name + "/" + self.breed
    @staticmethod
    def create():
        return Dog("Rex", "lab")
    @classmethod
    def named(cls, n):
        return cls(n, "mutt")

a = Animal("cat")
d = Dog.create()
print(a, a.speak(), d.speak(), d.info, Dog.named("Bo").breed, d.kind, isinstance(d, Animal), issubclass(Dog, Animal))
print(type(d).__name__, Dog.__mro__ if False else [c.__name__ for c in Dog.__mro__])

class MyError(Exception):
    pass

class CodeError(ValueError):
    def __init__(self, code):
        super().__init__("bad code %d" % code)
        self.code = code

def risky(n):
    if n == 0:
        raise MyError("zero!")
    if n == 1:
        raise CodeError(42)
    if n == 2:
        return {}["missing"]
    if n == 3:
        return [1][5]
    if n == 4:
        return int("x")
    return 1 / (n - 5)

for i in range(6):
    try:
        risky(i)
    except CodeError as e:
        print("code", e, e.code, e.args)
    except (KeyError, IndexError) as e:
        print("lookup", type(e).__name__, e)
    except Exception as e:
        print("other", type(e).__name__, e, repr(e))
    finally:
        print("finally", i)

try:
    try:
        raise ValueError("inner")
    except ValueError as e:
        raise RuntimeError("outer") from e
except RuntimeError as e:
    print(e, repr(e.__cause__))

class Counter:
    def __init__(self):
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration
        return self.n
    def __len__(self):
        return 3
    def __eq__(self, other):
        return isinstance(other, Counter)
    def __hash__(self):
        return 7
    def __lt__(self, other):
        return False
print(list(Counter()), len(Counter()), Counter() == Counter(), hash(Counter()), {Counter(): 1})

def gen(n):
    for i in range(n):
        yield i * i
    return "done"

def outer():
    r = yield from gen(3)
    yield r

print(list(gen(4)), list(outer()), sum(x for x in range(5)))

def make_adder(k):
    def add(x):
        return x + k
    return add
add5 = make_adder(5)
print(add5(1), make_adder(10)(1))

def counter():
    c = 0
    def inc():
        nonlocal c
        c += 1
        return c
    return inc
f = counter(); f(); print(f())

x = Dog("Spot", "pug")
x.age = 3
print(x.age, getattr(x, "age"), getattr(x, "nope", "dflt"), hasattr(x, "breed"), vars(Animal("q")) if False else "")
try:
    x.missing
except AttributeError as e:
    print(e)
try:
    undefined_name
except NameError as e:
    print(e)
try:
    "a" + 1
except TypeError as e:
    print(e)
try:
    [] < 1
except TypeError as e:
    print(e)
assert True, "fine"
try:
    assert 1 == 2, "math broke"
except AssertionError as e:
    print("assert:", e)
print(max(3, 4), round(2.5), round(3.5), round(-0.5), round(1.23456, 3), divmod(7, -2), divmod(7.5, 2), pow(2, 10, 1000))
print(abs(-3.5), hex(255), bin(10), oct(64), chr(65), ord("a"), hash(1) == hash(1.0), bool([]), bool([0]))
