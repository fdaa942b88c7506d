import sys
def f(n):
    return f(n + 1)
print(sys.getrecursionlimit())
f(0)
