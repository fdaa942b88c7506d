# PEP 479: a StopIteration escaping a generator body becomes RuntimeError.
def g():
    yield 1
    next(iter(()))
    yield 2


print(list(g()))
