# Unbounded recursion: RecursionError at CPython's default limit, with the repeated
# traceback lines collapsed as CPython prints them.
def depth(n):
    return depth(n + 1) + 1


print("start")
depth(0)
