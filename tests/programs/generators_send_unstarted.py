# send() of a value other than None into a just-started generator.
def g():
    x = yield 1
    print(x)


gen = g()
print(gen.send(None))
print(next(gen, "end"))
g().send(5)
