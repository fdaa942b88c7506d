# exec() of source text that is a string constant of the program runs (compiled ahead of
# time), in the caller's globals or the dict it is given, as six defines raise_from
exec_ = getattr(__builtins__, "exec") if not isinstance(__builtins__, dict) else __builtins__["exec"]

exec_("""def raise_from(value, from_value):
    try:
        raise value from from_value
    finally:
        value = None
""")

try:
    raise_from(ValueError("outer"), KeyError("inner"))
except ValueError as e:
    print(repr(e), repr(e.__cause__))

ns = {"base": 10}
exec("total = base + 1\nclass K:\n    pass\nimport math\n", ns)
print(ns["total"], ns["K"].__name__, ns["K"].__module__, ns["math"].pi > 3, sorted(k for k in ns if k != "__builtins__"))

def in_function():
    exec("import string\nletters = string.ascii_lowercase[:3]\n", globals())
    return letters

print(in_function())
try:
    exec("x = 1\n", [])
except TypeError as e:
    print("TypeError", e)
