# Dicts of up to 8 entries keep no index (lookups scan the entries): insertion order, deletion
# holes, growing past 8 and back, keys whose __eq__ mutates the dict, equal keys of other types.
class Key:
    def __init__(self, name, h, victim=None):
        self.name, self.h, self.victim = name, h, victim

    def __hash__(self):
        return self.h

    def __eq__(self, other):
        if self.victim is not None:
            d, k = self.victim
            self.victim = None
            d.pop(k, None)
        return isinstance(other, Key) and other.name == self.name

    def __repr__(self):
        return f"Key({self.name})"


d = {}
for i in range(8):
    d[f"k{i}"] = i
print(list(d), len(d))
for i in range(0, 8, 2):
    del d[f"k{i}"]
print(list(d.items()))
for i in range(8, 14):
    d[f"k{i}"] = i
print(list(d), d.get("k3"), d.get("k0"), "k13" in d, "k2" in d)
while len(d) > 2:
    d.popitem()
print(d)

# holes, then the ninth entry makes the index
e = {}
for round_ in range(5):
    for i in range(6):
        e[(round_, i)] = i
    for i in range(5):
        del e[(round_, i)]
print(e, len(e))

# 1, 1.0 and True are one key; hash collisions between distinct keys
f = {1: "int"}
f[1.0] = "float"
f[True] = "bool"
print(f)
g = {Key("a", 7): 1, Key("b", 7): 2, Key("c", 7): 3}
print(g[Key("b", 7)], Key("d", 7) in g, len(g))

# a key's __eq__ removes another entry during the lookup
h = {}
h[Key("x", 5)] = "x"
h["other"] = "o"
probe = Key("x", 5, victim=(h, "other"))
print(h.get(probe), list(h))

# instance dicts: attributes added, deleted, re-added, many of them
class Bag:
    pass

b = Bag()
for i in range(12):
    setattr(b, f"a{i}", i)
    if i % 3 == 0:
        delattr(b, f"a{i}")
print(sorted(vars(b).items()))
b.a0 = "back"
print(list(vars(b))[-1], b.a0, getattr(b, "a3", "gone"))
print({i: i * i for i in range(9)})
print(dict.fromkeys("abcdefgh"), dict(zip("abc", range(3))) == {"c": 2, "b": 1, "a": 0})
