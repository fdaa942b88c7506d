# A generator that resumes itself.
def g():
    yield 1
    yield next(me)


me = g()
print(next(me))
print(next(me))
