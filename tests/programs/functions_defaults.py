def add(a, b=10, c=100):
    return a + b + c


def twice(f, x):
    return f(f(x))


def inc(x):
    return x + 1


def area(w, h=2):
    return w * h


counter = 0


def bump():
    global counter
    counter = counter + 1
    return counter


print(add(1), add(1, 2), add(1, 2, 3), add(1, c=5), add(b=1, a=2))
print(twice(inc, 5), area(3), area(3, 4))
bump()
bump()
print(counter, bump())
