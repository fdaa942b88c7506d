# f(**x) where x is not a mapping.
values = [("a", 1)]
print(dict(**dict(values)))
print(dict(**values))
