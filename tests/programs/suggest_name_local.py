# An uncaught NameError whose closest name is a local variable of the frame that raised it:
# CPython's traceback ends with "Did you mean: 'total'?" (the frame's local names first, then
# its globals, then the builtins; 3.13+ search them as one list).
import os


def compute(counter):
    total = 0
    for i in range(counter):
        total += i
    helper = os.sep
    return totl + len(helper)


print("start")
print(compute(3))
