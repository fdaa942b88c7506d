# slice.indices(length): (start, stop, step) as sequences normalise them (what
# pyparsing's ParseResults.__delitem__ uses), with its errors.
cases = [slice(None), slice(None, None, -2), slice(-100, 100), slice(2, -1, 3),
         slice(10, 2, -1), slice(2**70), slice(-2**70, None, -1), slice(True, 4)]
for s in cases:
    for n in (0, 1, 5, 10):
        print(s, n, s.indices(n), len(range(*s.indices(n))), list(range(n))[s] == list(range(*s.indices(n))))
for bad in [(), (1, 2), (-1,), ("a",), (2.0,)]:
    try:
        slice(1).indices(*bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    slice(None, None, 0).indices(3)
except ValueError as e:
    print("ValueError", e)
try:
    slice("x").indices(3)
except TypeError as e:
    print("TypeError", e)
try:
    slice(1).indices(length=3)
except TypeError as e:
    print("TypeError", e)
print(getattr(slice(1, 5), "indices")(3))
