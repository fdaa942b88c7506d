# Dunder methods on user classes: comparison, hashing, containers, iteration, calls, arithmetic.
import functools


@functools.total_ordering
class Version:
    def __init__(self, major, minor):
        self.major, self.minor = major, minor

    def __eq__(self, other):
        return (self.major, self.minor) == (other.major, other.minor)

    def __lt__(self, other):
        return (self.major, self.minor) < (other.major, other.minor)

    def __hash__(self):
        return hash((self.major, self.minor))

    def __repr__(self):
        return f"v{self.major}.{self.minor}"

    def __str__(self):
        return f"{self.major}.{self.minor}"


vs = [Version(1, 2), Version(0, 9)] + [Version(1, 0), Version(0, 9)]
print(sorted(vs), max(vs), min(vs), str(vs[0]), repr(vs[0]))
print(Version(1, 0) <= Version(1, 0), Version(2, 0) > Version(1, 5), Version(1, 0) >= Version(1, 1))
print(len(set(vs)), vs.count(Version(0, 9)), Version(1, 0) in vs)


class Bag:
    def __init__(self, items=None):
        self.items = list(items or [])

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]

    def __setitem__(self, i, v):
        self.items[i] = v

    def __delitem__(self, i):
        del self.items[i]

    def __contains__(self, v):
        print("contains", v)
        return v in self.items

    def __iter__(self):
        return iter(self.items)

    def __bool__(self):
        return bool(self.items)

    def __add__(self, other):
        if isinstance(other, Bag):
            return Bag(self.items + other.items)
        return Bag(self.items + [other])

    def __radd__(self, other):
        return Bag([other] + self.items)

    def __iadd__(self, other):
        self.items.append(other)
        return self

    def __mul__(self, n):
        return Bag(self.items * n)

    def __neg__(self):
        return Bag(reversed(self.items))

    def __repr__(self):
        return f"Bag({self.items})"


b = Bag(range(1, 4))
print(len(b), b[0], b[-1], b[1:], 2 in b, 9 in b, list(b), bool(b), bool(Bag()))
b[0] = 10
del b[1]
print(b, b + Bag([7]), b + 4, 0 + b, b * 2, -b)
alias = b
b += 5
print(b, alias is b, sum(Bag(range(1, 4))), sorted(Bag([3, 1] + [2])))
if not Bag():
    print("empty bag is falsy")


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1


print(list(Countdown(4)), [x * 2 for x in Countdown(3)])
for v in Countdown(2):
    print("tick", v)


class Multiplier:
    def __init__(self, k):
        self.k = k

    def __call__(self, x, y=1):
        return self.k * x * y


triple = Multiplier(3)
print(triple(2), triple(2, y=5), list(map(triple, [1, 2])), callable(triple), callable(3))


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __eq__(self, other):
        return isinstance(other, Money) and self.cents == other.cents

    def __repr__(self):
        return "Money(%d)" % self.cents

    def __format__(self, spec):
        return format(self.cents / 100, spec)

    def __int__(self):
        return self.cents

    def __float__(self):
        return self.cents / 100

    def __abs__(self):
        return Money(abs(self.cents))

    def __index__(self):
        return self.cents


m = Money(-1234)
print(m == Money(-1234), m != Money(1), m == 5, f"{m:.2f}", int(m), float(m), abs(m))
print(hex(Money(255)), list(range(5))[Money(3)])


class NoHash:
    def __eq__(self, other):
        return True


print(NoHash.__hash__ is None, NoHash() == 3)


class Matrix:
    def __init__(self, rows):
        self.rows = rows

    def __matmul__(self, other):
        cols = [[r[i] for r in other.rows] for i in range(len(other.rows[0]))]
        return Matrix([[_dot(r, c) for c in cols] for r in self.rows])

    def __repr__(self):
        return f"Matrix({self.rows})"


def _dot(r, c):
    total = 0
    for i in range(len(r)):
        total += r[i] * c[i]
    return total


print(Matrix([[1, 2], [3, 4]]) @ Matrix([[5, 6], [7, 8]]))
