# Class attributes holding plain data (counters, defaults) change without invalidating the
# method caches; every read must still see the newest value, through instances, the class,
# subclasses and inline-cached sites in loops; replacing data with a method, a property or
# the other way round must change how the attribute resolves.


class Base:
    count = 0
    label = "base"
    items = []

    def __init__(self):
        Base.count += 1
        self.n = Base.count

    def show(self):
        return f"{type(self).__name__}#{self.n} count={self.count} label={self.label}"


class Child(Base):
    label = "child"


def read_count(o):
    return o.count


seen = []
for i in range(6):
    o = Base() if i % 2 else Child()
    seen.append((read_count(o), o.count, Base.count, Child.count, o.show()))
for row in seen:
    print(row)

# the subclass gets its own value: reads through it and through Base instances differ
Child.count = 100
print(read_count(Child()), read_count(Base()), Base.count, Child.count)

# shadowing by the instance, then removing the shadow
b = Base()
b.label = "mine"
print(b.label, b.show())
del b.label
print(b.label)

# a list replaced by another list, a tuple by a string
Base.items = [1, 2]
print(Base().items, Child().items)
Base.items = (3,)
print(Base().items)

# data → function → data: the cached sites must see each change
def as_method(self):
    return "method of " + type(self).__name__

for step in range(3):
    if step == 1:
        Base.label = as_method
    elif step == 2:
        Base.label = "plain again"
    o = Base()
    v = o.label
    print(step, v() if callable(v) else v, Child().label)

# data → property → data
Base.label = property(lambda self: f"prop {self.n}")
print(Base().label)
Base.label = 7
print(Base().label, Child().label)

# a counter mutated in a loop while an instance method reads it
class Counter:
    total = 0

    def bump(self):
        Counter.total += 1
        return self.total

c = Counter()
print([c.bump() for _ in range(5)], Counter.total)
Counter.total = 2 ** 70
print(c.bump(), Counter.total)
