# One attribute site seen with instances of several classes that resolve the name the same
# way (`self.x` in a base class method, subclasses in turn) answers for all of them from one
# record; and loads from class objects themselves (`Counter.count`, `cls.table`) are cached.
# Each way such a record can go stale happens in the middle of a loop running through it:
# a method or class attribute replaced or deleted on the class, an instance attribute
# shadowing a method, `__class__` assigned, `__dict__` replaced, `vars(obj)` written, an
# attribute deleted, a class counter stored into, a metaclass gaining the name.


class Base:
    kind = "base"
    count = 0

    def __init__(self, n):
        self.n = n
        self.tag = "t%d" % n

    def describe(self):
        return "%s:%s:%d" % (self.kind, self.tag, self.n)

    def value(self):
        return self.n

    def total(self):
        return self.value() + self.n


class A(Base):
    kind = "a"


class B(Base):
    kind = "b"

    def value(self):
        return self.n * 10


class C(A):
    pass


def sweep(objs, rounds, change):
    out = []
    for r in range(rounds):
        for i, o in enumerate(objs):
            try:
                out.append((o.describe(), o.total(), o.n, o.tag))
            except AttributeError as e:
                out.append("AttributeError: " + str(e))
            change(r, i, o)
    return out


def fresh():
    return [A(1), B(2), C(3), Base(4), A(5), B(6)]


def nothing(r, i, o):
    pass


def replace_method(r, i, o):
    if r == 1 and i == 2:
        Base.value = lambda self: -self.n
    if r == 2 and i == 4:
        del Base.value


def shadow(r, i, o):
    if r == 1 and i == 1:
        o.value = lambda: 1000
        o.describe = lambda: "shadowed"
    if r == 2 and i == 1:
        del o.value


def reclass(r, i, o):
    if r == 1 and i == 0:
        o.__class__ = B
    if r == 2 and i == 3:
        o.__class__ = C


def new_dict(r, i, o):
    if r == 1 and i == 2:
        o.__dict__ = {"n": 77, "tag": "swapped"}
    if r == 2 and i == 5:
        o.__dict__ = {"n": 8}


def by_vars(r, i, o):
    if r == 1:
        vars(o)["n"] = o.n + 100
    if r == 2 and i == 0:
        vars(o)["kind"] = "instance-kind"


def delete_attr(r, i, o):
    if r == 1 and i == 3:
        del o.tag
    if r == 2 and i == 3:
        o.tag = "back"


def class_attr(r, i, o):
    if r == 1 and i == 1:
        A.kind = "A!"
    if r == 1 and i == 4:
        del A.kind
    if r == 2 and i == 0:
        Base.kind = 12


for change in (nothing, replace_method, shadow, reclass, new_dict, by_vars, delete_attr, class_attr):
    saved = dict(vars(Base)), dict(vars(A))
    print(change.__name__)
    for line in sweep(fresh(), 4, change):
        print(" ", line)
    for k in ("value", "kind"):
        setattr(Base, k, saved[0][k])
    if "kind" in saved[1]:
        A.kind = saved[1]["kind"]


# attributes of class objects: a counter the class stores into, functions read off the class,
# a table read through `cls`, each changed in the middle of the loop
class Counter:
    count = 0
    table = {"a": 1}
    limit = 3

    def step(x):
        return x + 1

    @classmethod
    def bump(cls):
        cls.count += 1
        return cls.table.get("a", 0) + cls.count

    @staticmethod
    def twice(x):
        return 2 * x


class SubCounter(Counter):
    pass


class Meta(type):
    pass


class WithMeta(metaclass=Meta):
    limit = 5


def class_loads(n, change):
    out = []
    for i in range(n):
        try:
            out.append((Counter.count, Counter.limit, Counter.step(i), Counter.bump(),
                        SubCounter.limit, SubCounter.count, Counter.twice(i), WithMeta.limit))
        except AttributeError as e:
            out.append("AttributeError: " + str(e))
        except TypeError as e:
            out.append("TypeError: " + str(e))
        change(i)
    return out


def c_nothing(i):
    pass


def c_counter(i):
    Counter.count = i * 10
    if i == 3:
        Counter.count = "text"
    if i == 4:
        Counter.count = 0


def c_replace(i):
    if i == 1:
        Counter.step = lambda x: x * 100
    if i == 2:
        Counter.step = staticmethod(lambda x: -x)
    if i == 3:
        SubCounter.limit = 99
    if i == 4:
        del SubCounter.limit
    if i == 5:
        Counter.limit = staticmethod(len)


def c_table(i):
    if i == 1:
        Counter.table["a"] = 50
    if i == 2:
        Counter.table = {"a": 7}
    if i == 3:
        del Counter.table


def c_meta(i):
    if i == 1:
        Meta.limit = "from the metaclass"
    if i == 2:
        del WithMeta.limit
    if i == 3:
        Meta.limit = property(lambda cls: "meta property")
    if i == 4:
        del Meta.limit
        WithMeta.limit = 6
    if i == 5:
        Meta.__getattribute__ = lambda cls, name: "intercepted " + name


for change in (c_nothing, c_counter, c_replace, c_table, c_meta):
    saved = dict(vars(Counter))
    print(change.__name__)
    for line in class_loads(7, change):
        print(" ", line)
    for k in ("count", "table", "limit", "step"):
        setattr(Counter, k, saved[k])
print(WithMeta.limit, SubCounter.count, Counter.count)
