# repr() escapes, and str.isprintable() rejects, exactly the code points CPython does
# (unassigned code points of CPython's Unicode version included). Lone surrogates are left
# out: compiled strings are UTF-8 (README, known differences).
SURROGATES = range(0xD800, 0xE000)
flips = []
prev = None
for c in range(0x110000):
    if c in SURROGATES:
        continue
    p = chr(c).isprintable()
    if p != prev:
        flips.append(c)
        prev = p
print(len(flips), sum(flips))
print(flips[:30])
print(flips[-30:])

mismatched = 0
for c in range(0, 0x110000, 11):
    ch = chr(c)
    if ch in "'\\" or c in SURROGATES:
        continue
    escaped = repr(ch)[1] == "\\"
    if escaped == ch.isprintable():
        mismatched += 1
print("repr vs isprintable mismatches:", mismatched)
print([c for c in range(0x2E000, 0x2F000, 5) if repr(chr(c))[1] == "\\"][:20])
print(repr(chr(0x2EBE1)), repr("\u0378 a\u00ad\u2028\U000e0001\U0010ffff"))
print("x\u0378".isprintable(), " ".isprintable(), "\u3000".isprintable(), "".isprintable(), "\t".isprintable())
