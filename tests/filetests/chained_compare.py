def between(a, b, c):
    return a < b < c


x = 1
print(between(x, 2, 3) and not x)
