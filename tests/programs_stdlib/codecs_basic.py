# include: encodings.cp1252 encodings.cp437 encodings.iso8859_7 encodings.latin_1 encodings.raw_unicode_escape encodings.rot_13 encodings.unicode_escape encodings.utf_16_be encodings.utf_16_le encodings.utf_32_be encodings.utf_8
# str.encode / bytes.decode with error handlers, _codecs functions, and codecs/encodings
# compiled from CPython's own .pyc (cp1252 and friends come from the encodings package)
import codecs

s = "héllo wörld €"
for enc in ["utf-8", "UTF8", "latin-1", "ascii", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf_32_be"]:
    for errors in ["strict", "ignore", "replace", "backslashreplace", "xmlcharrefreplace"]:
        try:
            b = s.encode(enc, errors)
            print(enc, errors, b)
            print("  back:", b.decode(enc, "replace"))
        except UnicodeEncodeError as e:
            print(enc, errors, "UnicodeEncodeError:", e, e.encoding, e.start, e.end, e.reason)

bad = b"ok \xff\xfe and \xe2\x82 end \xc3"
for errors in ["strict", "ignore", "replace", "backslashreplace"]:
    try:
        print(errors, repr(bad.decode("utf-8", errors)))
    except UnicodeDecodeError as e:
        print(errors, "UnicodeDecodeError:", e, e.start, e.end, e.object[:3])
for data in [b"\x80", b"a\xc3(", b"\xed\xa0\x80", b"\xf0\x9f\x98", b"\xf8"]:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        print(e)
try:
    b"abc\x80".decode("ascii")
except UnicodeDecodeError as e:
    print(e)

print(codecs.utf_8_decode(b"ab\xc3", "strict", False), codecs.utf_8_decode(b"ab\xc3\xa9", "strict", True))
print(codecs.escape_decode(b"a\\n\\x41\\101\\\\"), codecs.escape_encode(b"a\n\x00'"))
print(codecs.latin_1_encode("abc"), codecs.ascii_decode(b"xyz"))
print(codecs.unicode_escape_decode(b"caf\\xe9 \\u20ac \\U0001F600"), "é€\n".encode("unicode_escape"))
print("a\u20acb".encode("raw_unicode_escape"), b"a\\u20acb".decode("raw-unicode-escape"))
print(codecs.utf_16_ex_decode(b"\xfe\xff\x00a\x00b"))

info = codecs.lookup("UTF-8")
print(info.name, info.encode("x"), info.decode(b"y"))
print(codecs.lookup("latin_1").name, codecs.lookup("cp1252").name)
print(codecs.encode("abc", "rot13"), codecs.decode("nop", "rot_13"))
print("€uro".encode("cp1252"), b"\x80uro".decode("cp1252"), "Ωmega".encode("iso8859_7"))
try:
    "x".encode("no-such-codec")
except LookupError as e:
    print("LookupError:", e)
try:
    "x".encode("rot13")
except LookupError as e:
    print("LookupError:", e)
try:
    "\u20ac".encode("cp437")
except UnicodeEncodeError as e:
    print(e)

def handler(exc):
    return ("<%d:%d>" % (exc.start, exc.end), exc.end)

codecs.register_error("angle", handler)
print("aé€b".encode("ascii", "angle"), b"a\xffb".decode("ascii", "angle"))
print(codecs.lookup_error("angle") is handler, codecs.lookup_error("strict"))
try:
    codecs.lookup_error("nope")
except LookupError as e:
    print(e)

enc = codecs.getincrementalencoder("utf-8")()
dec = codecs.getincrementaldecoder("utf-8")()
print(enc.encode("é"), [dec.decode(bytes([b])) for b in "é€".encode()], dec.decode(b"", final=True))
print(codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.encode("ab", "utf-16-le"))
