# slow: the first build compiles ~40-110 modules (site and stdlib)
import codecs
import idna
import idna.codec  # noqa: F401

for name in ["ドメイン.テスト", "bücher.example", "Königsgäßchen.de", "xn--nxasmq6b.com", "ascii.org"]:
    try:
        enc = idna.encode(name, uts46=True)
        print(name, "->", enc, "->", idna.decode(enc))
    except idna.IDNAError as e:
        print(name, "error:", type(e).__name__, e)
for bad in ["a..b", "-leading.com", "\u0660\u06f0.com", "x" * 64 + ".com"]:
    try:
        print(idna.encode(bad))
    except idna.IDNAError as e:
        print("error:", type(e).__name__, e)
print(idna.alabel("ü"), idna.ulabel(b"xn--tda"))
print(idna.uts46_remap("ÄÖÜ.Straße", std3_rules=True, transitional=False))
print(idna.uts46_remap("Straße", transitional=True))
print(codecs.encode("müller.de", "idna2008"), codecs.decode(b"xn--mller-kva.de", "idna2008"))
print(idna.valid_label_length("a" * 63), idna.check_bidi("abc"))
