# Unbound builtin methods check their receiver as CPython's method descriptors do: the wrong
# type is a TypeError (it used to reach the Rust method and crash), a subclass instance is fine,
# and class/static methods reached through the class keep working.
class MyInt(int):
    pass


class MyList(list):
    pass


wrong = [(int.bit_length, "ab"), (str.upper, 7), (list.append, (1,)), (dict.keys, []),
         (float.hex, 1), (bytes.hex, "x"), (set.add, []), (str.join, b"x"), (list.sort, ())]
for f, receiver in wrong:
    try:
        f(receiver)
    except TypeError as e:
        print("TypeError:", e)

print(int.bit_length(MyInt(255)), bool.bit_length(5), int.bit_length(True))
ml = MyList()
list.append(ml, 3)
print(ml, str.upper("abc"), str.join(",", ["a", "b"]), dict.get({1: 2}, 1))
print(int.from_bytes(b"\x01\x00", "big"), float.fromhex("0x1p3"), bytes.fromhex("41 42"))
print(dict.fromkeys("ab", 0), str.maketrans("ab", "xy")[97], bytes.maketrans(b"a", b"b")[97])
print(object.__repr__(ml)[:8], int.__new__(MyInt, 7), type(int.__new__(MyInt, 7)).__name__)
print(object.__eq__(1, 1), object.__hash__(None) == hash(None), tuple.__len__((1, 2)))
ns = type.__prepare__("C", (object,))
print(type(ns).__name__, len(ns), object.__subclasshook__(int))
print(type.__call__(int, "12"))
# the same descriptors reached through a builtin type's __dict__
for f, receiver in [(str.__dict__["upper"], 7), (list.__dict__["append"], ()), (int.__dict__["bit_length"], 1.5)]:
    try:
        f(receiver)
    except TypeError as e:
        print("TypeError:", e)
print(str.__dict__["upper"]("ok"), int.__dict__["bit_length"](MyInt(8)))
