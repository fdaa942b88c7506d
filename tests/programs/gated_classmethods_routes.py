# The builtin types' class methods (fromkeys, from_bytes, maketrans, fromhex) are found by
# name: a program spelling one links them all, which are gated per program (issue 9, size).
class Table(dict):
    pass


class Word(str):
    pass


print(dict.fromkeys("ab", 0), Table.fromkeys([1, 2]))
print(int.from_bytes(b"\x01\x00", "little"), int.from_bytes(b"\xff", "big", signed=True))
print("abc".translate(str.maketrans("ab", "xy")), Word.maketrans({"a": "b"}))
print(bytes.fromhex("41 42"), float.fromhex("0x1.8p1"), bytes.maketrans(b"a", b"b")[97])
print(bytearray.maketrans(b"x", b"y")[120], int.from_bytes(b"\x00\x01\x00", "big"))
print(bytes.fromhex(""), float.fromhex("-0x1p-2"), str.maketrans("", "", "q"))
