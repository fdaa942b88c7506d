# python: 3.14
# t-strings (PEP 750): BUILD_INTERPOLATION / BUILD_TEMPLATE; slice constants (3.14 marshals
# `a[1:]`'s slice as one constant)
from string.templatelib import Interpolation, Template

name, width = "world", 8
t = t"hello {name!r:>{width}} and {width * 2}"
print(type(t).__name__, type(t).__module__, isinstance(t, Template))
print(t.strings, t.values)
for i in t.interpolations:
    print(type(i) is Interpolation, i.value, i.expression, i.conversion, repr(i.format_spec))
print(Interpolation.__match_args__)
empty = t""
print(empty.strings, empty.interpolations)
data = list(range(10))
print(data[1:], data[:3], data[::2], data[2:8:3], "abcdef"[-2:])
