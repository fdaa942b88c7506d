# Indexes beyond a machine word, and long literals in error messages (found by tools/fuzz_programs.py)
import array

BIG = [10 ** 20, -(10 ** 20), 2 ** 63, -(2 ** 63) - 1]


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


for k in BIG:
    for obj in ["abc", [1, 2], (1, 2), b"ab", bytearray(b"ab"), range(3), memoryview(b"ab"),
                array.array("i", [1, 2])]:
        attempt(f"{type(obj).__name__}[{k}]", lambda: obj[k])
    items = [1, 2, 3]
    attempt("list setitem", lambda: items.__setitem__(k, 0))
    attempt("list delitem", lambda: items.__delitem__(k))
    attempt("list pop", lambda: items.pop(k))
    attempt("list insert", lambda: items.insert(k, 9) or items)
    attempt("bytearray setitem", lambda: bytearray(b"ab").__setitem__(k, 1))
    attempt("str slice", lambda: "abcdef"[k:2])
    attempt("list slice", lambda: [1, 2, 3][1:k])

for text in ["x" * 300, "1" * 150 + "/" + "2" * 150, "é" * 250]:
    attempt("int", lambda: int(text))
    attempt("int base 16", lambda: int(text, 16))
    attempt("float", lambda: float(text))
attempt("int bytes", lambda: int(b"z" * 300))
