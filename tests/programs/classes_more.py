# More class behaviour: __getattr__/__setattr__ hooks, __new__, sequence protocol fallbacks,
# bound methods, class versus instance attributes, isinstance with tuples.


class Lenient:
    def __init__(self):
        self.real = 1

    def __getattr__(self, name):
        return f"<missing {name}>"


obj = Lenient()
print(obj.real, obj.anything, getattr(obj, "other"), hasattr(obj, "zzz"))


class Audited:
    def __init__(self):
        self.log = []
        self.value = 0

    def __setattr__(self, name, value):
        if name != "log":
            self.log.append(name)
        super().__setattr__(name, value)


a = Audited()
a.value = 5
a.other = 6
print(a.log, a.value, a.other)


class Singleton:
    _instance = None

    def __new__(cls, *args):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
            cls._instance.created = 0
        cls._instance.created += 1
        return cls._instance

    def __init__(self, tag):
        self.tag = tag


s1, s2 = Singleton("a"), Singleton("b")
print(s1 is s2, s1.created, s1.tag)


class Seq:
    def __init__(self, n):
        self.n = n

    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError(i)
        return i * i

    def __len__(self):
        return self.n


print(list(Seq(4)), 9 in Seq(4), 5 in Seq(4), len(Seq(3)), bool(Seq(0)), list(reversed(Seq(3))))


class Shape:
    sides = 0
    instances = 0

    def __init__(self):
        type(self).instances += 1

    def describe(self):
        return f"{type(self).__name__} with {self.sides} sides"


class Triangle(Shape):
    sides = 3


class Square(Shape):
    sides = 4


shapes = [Triangle(), Square(), Triangle()]
print([s.describe() for s in shapes], Triangle.instances, Square.instances, Shape.instances)
t = shapes[0]
t.sides = 30
print(t.sides, Triangle.sides, shapes[2].sides)
print(isinstance(t, (Square, Triangle)), isinstance(3, (Shape, str)), issubclass(Square, (int, Shape)))
print(type(t) is Triangle, type(t) == Shape, Triangle.__bases__[0] is Shape)

m = t.describe
print(m(), m.__self__ is t, m.__func__ is Triangle.describe, m.__name__, Triangle.describe.__qualname__)
print(t.describe == t.describe, Shape.describe(t))


class Node:
    def __init__(self, value, children=()):
        self.value = value
        self.children = list(children)

    def total(self):
        return self.value + sum([c.total() for c in self.children])

    def depth(self):
        if not self.children:
            return 1
        return 1 + max([c.depth() for c in self.children])

    def __repr__(self):
        if not self.children:
            return f"Node({self.value})"
        return f"Node({self.value}, {self.children})"


tree = Node(1, [Node(2, [Node(4)]), Node(3)])
print(tree, tree.total(), tree.depth())


class Stack:
    def __init__(self):
        self._items = []

    def push(self, x):
        self._items.append(x)
        return self

    def pop(self):
        return self._items.pop()

    def __len__(self):
        return len(self._items)

    def __repr__(self):
        return "Stack" + repr(self._items)


st = Stack().push(1).push(2).push(3)
print(st, st.pop(), len(st), st)
print(Stack.__dict__["push"].__name__, "pop" in Stack.__dict__, sorted(vars(st)))
