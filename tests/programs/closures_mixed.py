# Cells mixed with other features: numeric loops in functions with cells, super() with a
# captured self, global/nonlocal together, class bodies with global statements.


def summed(n):
    total = 0
    for i in range(n):
        total += i * i

    def get():
        return total
    return get()


def plain(n):
    acc = 0
    for i in range(n):
        acc += i
    return acc


print(summed(100), plain(1000), summed(10) + plain(10))


class Base:
    def describe(self, extra):
        return f"Base({extra})"


class Derived(Base):
    def describe(self, extra):
        helper = lambda: self.name
        self.name = "d"
        return super().describe(extra) + "/" + helper()

    def later(self):
        def inner():
            return __class__.__name__
        return inner()


print(Derived().describe(1), Derived().later())

level = "module"


def scopes():
    counter = 0

    def bump():
        nonlocal counter
        global level
        counter += 1
        level = f"bumped {counter}"
        return counter
    bump()
    bump()
    return counter, level


print(scopes(), level)


class Settings:
    global created_by_class
    created_by_class = "yes"
    mode = "fast"


print(created_by_class, Settings.mode)


def accumulate():
    results = []
    funcs = []
    for i in range(3):
        def f(j=i):
            results.append(j)
            return len(results)
        funcs.append(f)
    return [f() for f in funcs], results


print(accumulate())


def outer_default(x):
    def middle(y=x * 2):
        def inner(z=y + 1):
            return x, y, z
        return inner
    return middle()()


print(outer_default(5))


def counter_pair():
    n = 0

    def inc():
        nonlocal n
        n += 1
        return n

    def dec():
        nonlocal n
        n -= 1
        return n
    return inc, dec


inc, dec = counter_pair()
print(inc(), inc(), dec(), inc())


def rebind_parameter(items):
    def pick():
        return items[0]
    items = items[1:]
    return pick()


print(rebind_parameter([1, 2]))
