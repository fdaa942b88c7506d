# list comparison and list.count as CPython runs them: lists of different lengths are unequal
# without any item's __eq__ being called, items are compared by identity first (a NaN equals
# itself in a list), the first unequal pair decides an ordering, and an __eq__ that changes
# the list while it is being compared or counted sees the change.

calls = []


class Loud:
    def __init__(self, name, shrink=None, grow=None):
        self.name, self.shrink, self.grow = name, shrink, grow

    def __eq__(self, other):
        calls.append(self.name)
        if self.shrink is not None and self.shrink:
            self.shrink.pop()
        if self.grow is not None and len(self.grow) < 6:
            self.grow.append(Loud("added"))
        return isinstance(other, Loud) and self.name == other.name

    def __lt__(self, other):
        calls.append("lt " + self.name)
        return self.name < other.name


a, b = [Loud("x"), Loud("y")], [Loud("x")]
print(a == b, a != b, calls)
calls.clear()
print([Loud("x"), Loud("y")] == [Loud("x"), Loud("z")], calls)
calls.clear()
print([Loud("a"), Loud("b")] < [Loud("a"), Loud("c")], calls)
calls.clear()
print([1, 2] < [1, 2, 0], [1, 3] > [1, 2, 9], [] == [], [[1]] == [[1]], [(1, 2)] < [(1, 3)])
nan = float("nan")
print([nan] == [nan], [nan].count(nan), [float("nan")] == [float("nan")], [1, 1.0, True].count(1))
victim = [1, 2, 3, 4]
victim.insert(0, Loud("s", shrink=victim))
print(victim.count(Loud("s")), len(victim), calls)
calls.clear()
grower = []
grower.append(Loud("g", grow=grower))
print(grower.count(Loud("q")), len(grower), calls)
t1, t2 = (Loud("x"), Loud("y")), (Loud("x"),)
calls.clear()
print(t1 == t2, calls)
