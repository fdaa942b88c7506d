l = [5, 3, 8, 1]
l.append(7); l.extend([2, 9]); l.insert(0, 10)
print(l, len(l), l[0], l[-1], l[2:5], l[::2], l[::-1])
l.sort(); print(l)
l.sort(reverse=True); print(l)
l.remove(8); print(l.pop(), l.pop(0), l, l.index(5), l.count(3))
words = ["banana", "Apple", "cherry", "date"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len, reverse=True))
print(min(words), max(words, key=len), sum([1, 2, 3]), sum([0.5, 0.25], 1))
d = {"b": 2, "a": 1}
d["c"] = 3; d["a"] = 10
print(d, len(d), d.get("z"), d.get("z", 0), "a" in d, list(d.keys()), list(d.values()), list(d.items()))
del d["b"]; print(d, d.pop("c"), d, d.setdefault("q", []), d)
d2 = dict(x=1, y=2); d2.update({"z": 3}); print(d2, dict([(1, 2), (3, 4)]), {**d2, "w": 0})
for k, v in sorted(d2.items()): print(k, v, end="; ")
print()
s = {3, 1, 2, 3}
s.add(5); s.discard(1)
print(s, len(s), 2 in s, {1, 2} | {3}, {1, 2} & {2, 3}, {1, 2} - {2}, {1, 2} ^ {2, 3}, set(), frozenset([1, 2]))
print(sorted({"b", "a"}), {i * i for i in range(5)}, {i: i * 2 for i in range(3)}, [x for x in range(10) if x % 3 == 0])
t = (1, 2, 3)
a, b, c = t
print(t, t[1:], t + (4,), t * 2, a + b + c, (1,), (), tuple([1, 2]), t.index(2), t.count(1))
print(list(range(10, 0, -3)), range(5), len(range(0, 100, 7)), list(reversed(range(4))), 3 in range(5))
print(list(enumerate("ab", 1)), list(zip([1, 2, 3], "ab")), list(map(abs, [-1, 2, -3])), list(filter(None, [0, 1, 2])))
print(any([]), all([]), any(x > 2 for x in [1, 3]), [[0] * 2] * 2, [1, [2, [3]]], [1, 2] == [1, 2], [1, 2] < [1, 3])
m = [[1, 2], [3, 4]]
print([row[i] for row in m for i in range(2)], [[r[i] for r in m] for i in range(2)])
x = [1, 2, 3]; x[1:2] = [7, 8, 9]; print(x); del x[0]; print(x); x += [0]; print(x); x *= 2; print(x)
nested = {"k": [1, {"z": (1, 2)}]}
print(nested, repr(nested), str(nested))
print(list("abc"), tuple("ab"), dict.fromkeys("ab", 0) if hasattr(dict, "fromkeys") else {"a": 0, "b": 0})
