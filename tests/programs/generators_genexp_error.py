# An exception inside a generator expression driven by sum().
print(list(x for x in range(0)))
print(sum(10 // x for x in range(3, -1, -1)))
