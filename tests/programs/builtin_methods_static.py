# Builtin methods named only by attribute syntax (no getattr/hasattr/dir/vars/eval): a program
# like this gets builtin method tables filtered to the names it spells (issue 9, size); every
# method it names must still be there, and a name it never spells must fail as in CPython.
s = "  Hello, World  "
print(s.strip().lower().replace("world", "there").split(","))
print("-".join(["a", "b"]), "abc".upper().center(9, "*"), "x=%d" % 5)
print(f"{3.5!r:>8} {255:x} {'q'!a}")
print(list(map(str.title, ["ab cd", "ef"])), sorted("bca"), str.maketrans("a", "b"))


class Shout(str):
    def upper(self):
        return "<" + super().upper() + ">"


print(Shout("hi").upper(), Shout("hi").swapcase())
b = b"a,b,c"
print(b.split(b","), b.hex(), bytearray(b"xy").center(6, b"*"), bytes.fromhex("4142"))
d = {"a": 1}
d.setdefault("b", 2)
print(d, d.popitem(), dict.fromkeys("ab", 0), list(d.items()))
st = {1, 2, 3}
print(st.intersection({2, 3, 4}), st.symmetric_difference([3, 9]), frozenset([1]).union([2]))
print((255).bit_length(), (10).to_bytes(2, "big"), int.from_bytes(b"\x01\x00", "little"),
      (7).as_integer_ratio(), (2.5).is_integer(), (0.5).as_integer_ratio(), float.fromhex("0x1p3"))
lst = [3, 1, 2]
lst.sort(reverse=True)
print(lst, lst.index(1), (1, 2, 2).count(2), range(10).index(4))
try:
    raise ValueError("bad")
except ValueError as e:
    e.add_note("a note")
    print(e.__notes__, e.with_traceback(None) is e)
print(dict(zip("ab", [1, 2])), list(reversed([1, 2])), "a b".partition(" "))
try:
    "abc".nosuchmethod()
except AttributeError as e:
    print("AttributeError:", e)
try:
    [].removeprefix("x")
except AttributeError as e:
    print("AttributeError:", e)


def gen():
    x = yield 1
    print("got", x)
    yield 2


g = gen()
print(next(g), g.send("v"))
g.close()
print(abs(-3), divmod(7, 2), max([1, 5]), min(3, 2), sum(range(5)), any([0]), all([]))
print(round(2.675, 2), pow(2, 10), hex(255), oct(8), bin(5), chr(65), ord("A"), repr("x"))
print(isinstance(1, int), callable(len), len("abc"), hash(1) == hash(1.0), type(3).__name__)
print(ascii("é"), f"{3.14159:.2f}", list(enumerate("ab")), list(filter(None, [0, 1])))
