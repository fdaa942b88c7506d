# A standard-library module's name used without importing it: 3.12+ add "Did you forget to
# import 'math'?" (with a "Did you mean" first when a name is also close); 3.11 says neither.
def area(r):
    return math.pi * r * r


try:
    area(1)
except NameError as e:
    print("caught:", e, "|", e.name)
maths = 1
area(2)
