# A dict subclass's __missing__ is reached through d[k] and through its bound __getitem__
# (CPython's dict_subscript), as urllib.parse's _Quoter relies on
from urllib.parse import quote, quote_plus, unquote, urlencode, urlsplit

class Memo(dict):
    def __missing__(self, key):
        v = self[key] = key * 2
        return v

m = Memo()
get = m.__getitem__
print(m["a"], get("b"), get(3), sorted(m.items(), key=repr), dict.__getitem__(m, "a"))
try:
    dict.__getitem__({}, "x")
except KeyError as e:
    print("KeyError", e)

class Plain(dict):
    pass
try:
    Plain().__getitem__("nope")
except KeyError as e:
    print("KeyError", e)

print(quote("a b/c?d=é&"), quote_plus("x y+z"), quote("~safe-_.", safe=""), unquote("a%20b%C3%A9"))
print(urlencode({"q": "a b", "n": 1, "t": "ü"}), urlsplit("https://u:p@h:8/p;x?q=1#f"))
