# Building, indexing, mutating and deleting from lists, tuples, dicts and sets.
def describe(n):
    pair = (n, n * 2)
    items = [n, n + 1, n + 2]
    table = {"n": n, "double": n * 2}
    mapping = {n: "first", n + 1: "second"}
    return pair, items, table, mapping


pair, items, table, mapping = describe(3)
print(pair, items, table, mapping)

items[0] = 100
items[-1] = items[1] * 10
del items[1]
print(items, len(items))

table["triple"] = 9
del table["n"]
print(table, "n" in table, "triple" in table)

squares = [i * i for i in range(8)]
print(squares, squares[2:5], squares[::3])

a, b = 1, 2
seen = {a, b, a + b, b, a}
print(len(seen), 2 in seen, 7 in seen)

words = ["pear", "fig"]
words.append("apple")
words.append("kiwi")
print(words, "-".join(words), "fig".upper(), words.index("apple"))
