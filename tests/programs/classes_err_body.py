# An exception raised inside a class body: the traceback has the class body's frame.


def helper(n):
    return 10 // n


class Config:
    ok = helper(2)
    print("ok is", ok)
    broken = helper(0)
