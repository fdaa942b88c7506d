# throw() into a generator that has not started raises at its first line.
def g(n):
    yield n
    yield n + 1


gen = g(1)
print("created")
gen.throw(TypeError, "not started")
