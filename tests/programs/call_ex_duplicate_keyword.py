# f(**a, **b) with a key in both mappings (DICT_MERGE).
def show(**kw):
    return sorted(kw)


print(show(**{"x": 1}, **{"y": 2}))
print(show(**{"x": 1}, **{"x": 2}))
