# Every kind of comprehension: list/set/dict, filters, several for clauses, nesting,
# over module globals and over function arguments.
words = ["apple", "bob", "kayak", "level", "python", "noon"]
nums = range(10)

print([n * n for n in nums])
print([n for n in nums if n % 2 if n > 3])
print(sorted({w[0] for w in words}))
print({w: len(w) for w in words if len(w) > 3})
print([(i, j) for i in range(4) for j in range(i) if (i + j) % 2])
print([[c.upper() for c in w] for w in words[:2]])
print({k: [v for v in range(k)] for k in (2, 3)})
print(sum(len(w) for w in words) if False else [w[::-1] for w in words if w == w[::-1]])
matrix = [[1, 2, 3], [4, 5, 6]]
print([list(col) for col in zip(*matrix)], [[x * 2 for x in row] for row in matrix])
print([x for row in matrix for x in row])
print({x % 3: x for x in nums})
print([n for n in []], {n for n in ()}, {n: n for n in ""})


def squares(limit):
    return [i * i for i in range(limit)]


def index(items):
    return {item: pos for pos, item in enumerate(items)}


def evens(items):
    return {i for i in items if i % 2 == 0}


print(squares(5), index("abc"), sorted(evens([1, 2, 4, 4, 7])))
print([(a, b) for a, b in zip("ab", [1, 2])])
print([x for x in [3, 1, 2] if x != 1][::-1])
