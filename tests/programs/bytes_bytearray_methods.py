"""bytes and bytearray methods side by side: each result's type follows the receiver (a
bytearray's strip/split/replace/... give bytearrays), ASCII-only case rules, edge cases."""


def show(label, value):
    print(label, type(value).__name__, value)


for kind in (bytes, bytearray):
    s = kind(b"  Hello, World\tof bytes  ")
    print("--", kind.__name__)
    show("strip", s.strip())
    show("lstrip/rstrip", (s.lstrip(), s.rstrip(b" s")))
    show("split", s.split())
    show("split sep", kind(b"a,b,,c").split(b",", 2))
    show("rsplit", kind(b" a b  c ").rsplit(None, 1))
    show("rsplit sep", kind(b"a,b,,c").rsplit(b",", 2))
    show("rsplit edges", (kind(b" a  b ").rsplit(None, 0), kind(b"   ").rsplit(None, 0), kind(b"  a b").rsplit(None, 5)))
    show("partition", kind(b"k=v=w").partition(b"="))
    show("rpartition", kind(b"k=v=w").rpartition(b"="))
    show("partition miss", (kind(b"abc").partition(b"x"), kind(b"abc").rpartition(b"x")))
    show("splitlines", kind(b"a\nb\r\nc\rd\n").splitlines())
    show("splitlines keep", kind(b"a\nb\r\n\nc").splitlines(keepends=True))
    show("join", kind(b", ").join([b"x", bytearray(b"y"), memoryview(b"z")]))
    show("replace", (kind(b"aaa").replace(b"a", b"bb", 2), kind(b"abc").replace(b"", b"-"), kind(b"abc").replace(b"", b"-", 2)))
    show("case", (s.upper(), s.lower(), s.swapcase(), kind(b"hELLO wORLD").capitalize(), kind(b"hello wOrld 3x").title()))
    show("is", [kind(x).istitle() for x in (b"Hello World", b"Hello world", b"", b"A1 B")])
    show("isupper/islower", [(kind(x).isupper(), kind(x).islower()) for x in (b"AB1", b"ab1", b"Ab", b"12")])
    show("isascii", (kind(b"abc").isascii(), kind(b"\xff").isascii(), kind(b"").isascii()))
    show("isdigit/isalpha/isalnum/isspace", (kind(b"123").isdigit(), kind(b"ab").isalpha(), kind(b"a1").isalnum(), kind(b" \t").isspace()))
    show("affixes", (kind(b"prefix-body").removeprefix(b"prefix-"), kind(b"body.txt").removesuffix(b".txt"), kind(b"x").removeprefix(b"y")))
    show("expandtabs", (kind(b"a\tbc\td\n\te").expandtabs(), kind(b"a\tb").expandtabs(4), kind(b"a\tb").expandtabs(tabsize=0)))
    show("zfill", (kind(b"42").zfill(5), kind(b"-42").zfill(5), kind(b"+7").zfill(1), kind(b"").zfill(3)))
    show("find", (s.find(b"o"), s.find(b"o", 7), s.find(b"o", 7, 10), s.rfind(b"o"), s.rfind(b"o", 0, 10), s.find(ord("W"))))
    show("index", (s.index(b"W"), s.rindex(b"o"), s.rindex(b"l", 0, 6)))
    for bad in (lambda: s.index(b"zz"), lambda: s.rindex(b"zz"), lambda: s.partition(b""), lambda: s.rsplit(b"")):
        try:
            bad()
        except ValueError as e:
            print("ValueError", e)
    show("just", (kind(b"ab").center(6, b"*"), kind(b"ab").ljust(4), kind(b"ab").rjust(4, b"0")))
    show("count/startswith", (s.count(b"l"), s.startswith((b"x", b"  H")), s.endswith(b"  ")))
    show("translate", kind(b"abc").translate(bytes.maketrans(b"ab", b"xy"), b"c"))

ba = bytearray(b"hello")
ba.insert(0, ord("["))
ba.insert(-1, 33)
ba.insert(100, ord("]"))
print(ba, ba.pop(), ba.pop(0), ba)
ba.remove(ord("l"))
ba.reverse()
print(ba, len(ba))
for bad in (lambda: ba.remove(ord("z")), lambda: bytearray().pop(), lambda: ba.pop(99), lambda: ba.insert(0, 256)):
    try:
        bad()
    except (ValueError, IndexError) as e:
        print(type(e).__name__, e)
ba.clear()
print(ba, len(ba))
