class AppError(Exception):
    pass

def level2():
    raise AppError("deep failure")

def level1():
    try:
        level2()
    except AppError:
        raise KeyError("wrapped")

print("start")
level1()
