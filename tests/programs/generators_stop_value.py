# `return x` in a generator: the StopIteration carries x.
def g():
    yield 1
    return "the value"


gen = g()
print(next(gen))
next(gen)
