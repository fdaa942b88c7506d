# Generator methods are linked only into programs with generator code (issue 9, size). Here
# the only generators are generator expressions; their send/throw/close/__next__ must work.
g = (x * x for x in range(5))
print(next(g), g.send(None), g.__next__())
g.close()
print(list(g))
h = (c.upper() for c in "abc")
try:
    h.throw(ValueError("stop"))
except ValueError as e:
    print("ValueError", e)
print(list(h), type(h).__name__, sum(n for n in range(10)))
k = (i for i in [1, 2])
print(iter(k) is k, [*k])
