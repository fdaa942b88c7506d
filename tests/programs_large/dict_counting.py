# Dict-heavy counting: word frequencies with get/setdefault/in, nested dicts, dict of lists,
# an inverted index, and sorting by count (ties broken by key, so the order is fixed).
import random

rng = random.Random(1234)
SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "po", "qu", "xe"]


def make_words(n):
    words = []
    for _ in range(n):
        k = rng.randint(1, 3)
        words.append("".join(rng.choice(SYLLABLES) for _ in range(k)))
    return words


def count_get(words):
    counts = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    return counts


def count_in(words):
    counts = {}
    for w in words:
        if w in counts:
            counts[w] += 1
        else:
            counts[w] = 1
    return counts


def by_first_letter(words):
    groups = {}
    for w in words:
        groups.setdefault(w[0], []).append(w)
    return {k: len(v) for k, v in groups.items()}


def bigrams(words):
    pairs = {}
    for a, b in zip(words, words[1:]):
        inner = pairs.get(a)
        if inner is None:
            inner = pairs[a] = {}
        inner[b] = inner.get(b, 0) + 1
    return pairs


def inverted_index(words, width):
    index = {}
    for pos, w in enumerate(words):
        doc = pos // width
        docs = index.get(w)
        if docs is None:
            index[w] = {doc}
        else:
            docs.add(doc)
    return index


words = make_words(60000)
c1 = count_get(words)
c2 = count_in(words)
print(len(c1), c1 == c2)
top = sorted(c1.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
print(top)
print(sorted(by_first_letter(words).items()))
bg = bigrams(words)
best = max(((a, b, n) for a, inner in bg.items() for b, n in inner.items()), key=lambda t: (t[2], t[0], t[1]))
print(len(bg), best)
idx = inverted_index(words, 500)
common = sorted(w for w, docs in idx.items() if len(docs) == 120)
print(len(idx), len(common), common[:5])
merged = {}
for d in (c1, {w: -1 for w in common}):
    for k, v in d.items():
        merged[k] = merged.get(k, 0) + v
print(sum(merged.values()), len(merged))
