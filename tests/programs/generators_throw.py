# throw() into a generator delegating to a plain iterator: raised in the delegator at its yield.
def over(it):
    print("start")
    yield from it
    print("not reached")


t = over(iter(range(5)))
print(next(t), next(t))
t.throw(ValueError("thrown"))
