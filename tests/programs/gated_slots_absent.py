# A program that spells no slot name (no `__add__`, `__len__`, `__eq__`, ...): the builtin
# types' slot wrappers are not linked (issue 9, size); operators, builtins and super() on
# instances of classes deriving builtin types must not depend on them.
class Counts(dict):
    def bump(self, key):
        self[key] = self.get(key, 0) + 1
        return super().get(key)


class Stack(list):
    def push(self, v):
        super().append(v)
        return self


class Num(int):
    def double(self):
        return Num(self * 2)


c = Counts()
c.bump("a")
print(c.bump("a"), c, len(c), "a" in c, list(c), c == {"a": 2}, repr(c))
s = Stack([3, 1]).push(2)
print(s, len(s), sorted(s), s[1:], s + [9], s * 2, 2 in s, list(reversed(s)), s == [3, 1, 2])
n = Num(21)
print(n.double(), n + 1, -n, abs(Num(-4)), n // 4, n % 4, n ** 2, hash(n) == hash(21), n < 30)
print(round(Num(25), -1), int(n), float(n), bool(Num(0)), n & 5, n << 2, ~n, divmod(n, 5))
print(round(2.675, 2), abs(-2.5), max(s), min(c.values()), sum(s), any(s), next(iter(s)))
print(str(n), repr(s), {Num(1): "x"}, [x for x in Stack([5, 6])], tuple(Counts(b=1).items()))
