# Too many positional arguments for a function with defaults.
def area(w, h=1):
    return w * h


print(area(2), area(2, 3), area(*(4, 5)))
area(1, 2, 3)
