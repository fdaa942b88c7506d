# %-formatting is linked only into programs that can reach the % operator (issue 9, size):
# this one never writes a plain `a % b` nor names a method for it: it reaches str %, bytes %
# and bytearray % through `%=` only, which must link the formatter.
s = "%s has %d items, %.3f full, %r, %x, %-6s|"
s %= ("box", 7, 2 / 3, "q", 255, "ab")
print(s)
u = "%e %g %G %o"
u %= (12345.678, 0.0001, 1e20, 8)
print(u)
b = b"%s=%d %c %b"
b %= (b"v", 9, 65, b"raw")
print(b)
ba = bytearray(b"<%x>")
ba %= 3054
print(ba)
for bad in ((1, 2), ()):
    v = "%d"
    try:
        v %= bad
    except TypeError as e:
        print("TypeError:", e)
