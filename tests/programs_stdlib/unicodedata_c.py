import unicodedata as u

print(u.unidata_version)
chars = "aZ5 \t\n.é\u0301\u00e9\u00c5\u212b\u1e9b\u0323\uac00\ud55c\u4e00\U00020000\u00bd\u2167\u0663\u00b2\u2460\u05d0\u0627\u200f(\u3000\uff21\u00a0\ufb01\u0149\u1f600\U0001F600\u2028\u0000\U0010FFFF\u0378\ue000"
for c in chars:
    print("%04X" % ord(c), u.category(c), u.bidirectional(c), u.east_asian_width(c), u.mirrored(c), u.combining(c),
          u.decimal(c, None), u.digit(c, None), u.numeric(c, None), repr(u.decomposition(c)), u.name(c, "-"))
for n in ["LATIN SMALL LETTER A", "latin capital letter a with ring above", "HANGUL SYLLABLE HAN", "CJK UNIFIED IDEOGRAPH-4E00",
          "GRINNING FACE", "SNOWMAN", "NO SUCH THING", "CJK UNIFIED IDEOGRAPH-4E0", "DIGIT ZERO"]:
    try:
        print(n, repr(u.lookup(n)))
    except KeyError as e:
        print(n, "KeyError", e)
samples = ["Åström", "e\u0301", "\u1e9b\u0323", "ﬁ", "①②", "한국어", "\u1100\u1161\u11a8", "ｶﾞ", "x\u0323\u0307\u0302y", "Ⅻ²", "\u0344", "\u0f73\u0f71", "a\u0300\u0316b"]
for form in ["NFC", "NFD", "NFKC", "NFKD"]:
    print(form, [u.normalize(form, s) for s in samples], [u.is_normalized(form, s) for s in samples])
for f in [lambda: u.category("ab"), lambda: u.category(5), lambda: u.decimal("a"), lambda: u.digit("x"), lambda: u.numeric("x"),
          lambda: u.name("\ue000"), lambda: u.normalize("NFX", "a"), lambda: u.decimal("\u00bd"), lambda: u.digit("\u00b2")]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
count = {}
for cp in [*range(0, 0xD800, 7), *range(0xE000, 0x30000, 7)]:  # (the runtime's str has no lone surrogates)
    c = chr(cp)
    k = (u.category(c), u.bidirectional(c), u.east_asian_width(c))
    count[k] = count.get(k, 0) + 1
print(len(count), sum(count.values()), sorted(count.items())[:5])
ok = all(u.normalize("NFC", u.normalize("NFD", chr(cp))) == u.normalize("NFC", chr(cp)) for cp in range(0xC0, 0x2000))
print(ok, sum(len(u.normalize("NFKD", chr(cp))) for cp in range(0xA0, 0x3400)))
