# 3.14: LOAD_SPECIAL / WITH_EXCEPT_START for `with`, LOAD_COMMON_CONSTANT for all/any/tuple
# over generator expressions; 3.13: CALL_KW, LOAD_FAST_LOAD_FAST, FORMAT_WITH_SPEC
import sys


def f():
    # a file of the working directory (a wasm run has no /dev/null, only its preopened ".")
    with open("empty.bin", "wb"):
        pass
    with open("empty.bin", "rb") as fh:
        print(fh.closed, len(fh.read(4)), len(sys.argv))
    print(fh.closed)
    try:
        with open("empty.bin", "rb") as fh2:
            raise KeyError("inside")
    except KeyError as e:
        print("caught", e, fh2.closed)
    print(all(x > 0 for x in [1, 2]), any(x > 5 for x in [1, 2]), tuple(x for x in "ab"))
    a, b = 3, 4
    print(f"{a:>4}|{b!r:<3}|", sorted([b, a], reverse=True), int("ff", base=16))


f()
