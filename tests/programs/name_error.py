def g():
    return undefined_name + 1


print("start")
g()
