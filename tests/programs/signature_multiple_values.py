# One parameter bound twice: by *args and by **kwargs.
def pair(a, b):
    return (a, b)


print(pair(*[1], **{"b": 2}))
print(pair(*[1, 2], **{"a": 3}))
