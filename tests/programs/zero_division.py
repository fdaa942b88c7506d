def divide(a, b):
    return a / b


def outer(x):
    return divide(x, 0)


print("before")
print(outer(1))
print("not reached")
