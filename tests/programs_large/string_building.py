# String building: concatenation in a loop, join of pieces, f-strings and %-formatting,
# str methods over the built text; checksums of the results.


def concat_loop(n):
    s = ""
    for i in range(n):
        s += str(i % 10)
        if i % 50 == 49:
            s += "\n"
    return s


def join_pieces(n):
    parts = []
    for i in range(n):
        parts.append(f"{i:05d}:{i * 7 % 13:x}")
    return ",".join(parts)


def table(rows):
    out = []
    for i in range(rows):
        name = "item%d" % i
        out.append("%-10s|%8.3f|%s" % (name, i / 7, "x" * (i % 9)))
    return "\n".join(out)


def checksum(s):
    h = 0
    for ch in s:
        h = (h * 31 + ord(ch)) & 0xFFFFFFFF
    return h


def words(text):
    counts = 0
    for line in text.split("\n"):
        for w in line.replace("|", " ").split():
            if w.startswith("item") and w.upper().endswith("7"):
                counts += 1
    return counts


a = concat_loop(60000)
print(len(a), a.count("\n"), checksum(a[:5000]))
b = join_pieces(30000)
print(len(b), b[:40], checksum(b[-3000:]))
c = table(20000)
print(len(c), words(c), c.splitlines()[123])
d = "-".join(w.capitalize() for w in b[:2000].split(",")).replace("0", "o")
print(len(d), d[:60])
print(checksum(" ".join(reversed(c.split("\n")[:500]))))
