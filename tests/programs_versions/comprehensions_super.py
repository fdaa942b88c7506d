# 3.12: inlined comprehensions (LOAD_FAST_AND_CLEAR, hidden locals, a comprehension variable
# that shadows a local, and one that is also a closure's free variable), LOAD_SUPER_ATTR,
# BINARY_SLICE / STORE_SLICE, RETURN_CONST


def shadow():
    x = "outer"
    ys = [x * 2 for x in range(3)]
    return x, ys


def captured():
    fs = [lambda: i for i in range(3)]
    return [g() for g in fs]


def unbound_after():
    try:
        [n for n in range(2)]
        print(n)  # noqa: F821
    except NameError as e:
        print(type(e).__name__)


class Base:
    def hello(self, who):
        return f"base {who}"


class Child(Base):
    def hello(self, who):
        return "child+" + super().hello(who)

    def explicit(self):
        return super(Child, self).hello("x")


xs = list(range(10))
xs[2:5] = ["a", "b"]
print(shadow(), captured(), xs[1:4], xs[::3])
unbound_after()
c = Child()
print(c.hello("w"), c.explicit(), {k: v for k, v in zip("ab", (1, 2))}, {v for v in "aa"})
