# Closures: nonlocal counters, late binding, nesting, lambdas, recursion through a closure.


def make_counter(start):
    count = start

    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc


c = make_counter(10)
print(c(), c(), c(5))
d = make_counter(0)
print(d(), c())


def late_binding():
    fs = []
    for i in range(4):
        fs.append(lambda: i * 10)
    return [f() for f in fs]


def early_binding():
    fs = []
    for i in range(4):
        fs.append(lambda i=i: i * 10)
    return [f() for f in fs]


print(late_binding(), early_binding())


def level1(a):
    b = a + 1

    def level2(c):
        d = c * 2

        def level3(e):
            nonlocal b
            b += 100
            return a + b + c + d + e
        return level3
    return level2


f3 = level1(1)(2)
print(f3(3), f3(3))


def param_cell(x, y):
    def get():
        return x + y

    def set_x(v):
        nonlocal x
        x = v
    set_x(40)
    return get()


print(param_cell(1, 2))


def fib_closure(n):
    memo = {}

    def fib(k):
        if k < 2:
            return k
        if k in memo:
            return memo[k]
        r = fib(k - 1) + fib(k - 2)
        memo[k] = r
        return r
    return fib(n)


print(fib_closure(60))

square = lambda x: x * x
compose = lambda f, g: lambda x: f(g(x))
print(compose(square, lambda x: x + 1)(4))


def adders():
    return [(lambda x, n=n: x + n) for n in range(3)]


print([f(10) for f in adders()])


def comprehension_capture(k):
    return [x * k for x in range(5)], [[x + k] for x in range(3)]


print(comprehension_capture(3))


def nested_comprehension(rows):
    scale = 2
    return [[v * scale + r for v in range(rows)] for r in range(rows)]


print(nested_comprehension(3))

total = 0


def add_global(n):
    global total
    total += n
    return total


add_global(5)
add_global(7)
print(total)


def reassign_in_loop():
    acc = []
    x = 0

    def read():
        return x
    while x < 3:
        acc.append(read())
        x += 1
    return acc


print(reassign_in_loop())


def shared_cell():
    v = []

    def push(item):
        v.append(item)

    def get():
        return v
    push(1)
    push(2)
    return get(), get() is v


print(shared_cell())


def deleter():
    x = 5

    def show():
        return x
    first = show()
    del x
    return first


print(deleter())
print(make_counter.__name__, c.__name__, c.__qualname__)
print(c.__closure__ is not None, make_counter.__closure__)


def annotated(a: int, b: "str" = "x") -> list:
    return [a, b]


print(annotated(1), annotated.__annotations__)
