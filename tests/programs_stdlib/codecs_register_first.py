# A codec search function registered by the program does not hide CPython's `encodings`
# search (imported at start-up, so it is asked first), as idna relies on
import codecs

def search(name):
    print("search", name)
    return None

codecs.register(search)
print(codecs.lookup("rot13").name, codecs.encode("abc", "rot13"))
print("hi".encode("punycode"), b"bcher-kva".decode("punycode"))
try:
    codecs.lookup("no-such-codec")
except LookupError as e:
    print("LookupError", e)
