import heapq, bisect
import random

print(heapq.heapify.__name__)
h = [5, 3, 8, 1, 9, 2]
heapq.heapify(h)
print(h)
heapq.heappush(h, 0)
print(h, heapq.heappop(h), heapq.heapreplace(h, 7), heapq.heappushpop(h, 4), heapq.heappushpop(h, 100), h)
print([heapq.heappop(h) for _ in range(len(h))])
print(heapq.nlargest(3, [1, 5, 3, 9, 2]), heapq.nsmallest(2, [4, 1, 3], key=lambda x: -x))
print(heapq.nsmallest(3, range(20, 0, -1)), heapq.nlargest(2, "hello"))
print(list(heapq.merge([1, 4, 7], [2, 5], [3, 6, 9])), list(heapq.merge([3, 1], [2], key=lambda x: -x, reverse=True)))
m = [1, 9, 4]
heapq._heapify_max(m)
print(m, heapq._heappop_max(m), heapq._heapreplace_max(m, 0), m)
for f in [lambda: heapq.heappop([]), lambda: heapq.heappush((), 1), lambda: heapq.heapify(5),
          lambda: heapq.heappush([]), lambda: heapq.heapreplace([], 1), lambda: heapq.heappush([1], "a"),
          lambda: heapq.heappop(h, 1), lambda: heapq.heapify(h, k=1)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
rng = random.Random(5)
data = [rng.randrange(1000) for _ in range(200)]
hp = []
for x in data:
    heapq.heappush(hp, x)
print([heapq.heappop(hp) for _ in range(200)] == sorted(data))

a = [1, 2, 2, 2, 3, 5]
print(bisect.bisect_left(a, 2), bisect.bisect_right(a, 2), bisect.bisect(a, 4), bisect.bisect_left(a, 2, 2), bisect.bisect_right(a, 2, 0, 3))
bisect.insort(a, 4)
bisect.insort_left(a, 2)
bisect.insort_right(a, 0, hi=0)
print(a)
recs = [("a", 1), ("b", 3), ("c", 5)]
print(bisect.bisect_left(recs, 3, key=lambda r: r[1]), bisect.bisect_right(recs, 3, key=lambda r: r[1]))
bisect.insort(recs, ("d", 4), key=lambda r: r[1])
print(recs)
for f in [lambda: bisect.bisect([], 1, -1), lambda: bisect.bisect(), lambda: bisect.bisect([1], 1, 0, 1, None, 3),
          lambda: bisect.bisect([1], 1, lo="a"), lambda: bisect.bisect(5, 1), lambda: bisect.bisect([1], "a"),
          lambda: bisect.insort((1,), 2), lambda: bisect.bisect([1], 1, foo=2), lambda: bisect.bisect([1, 2], 2, hi=None)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
class Seq:
    def __init__(self):
        self.d = [1, 3, 5]
    def __len__(self):
        return len(self.d)
    def __getitem__(self, i):
        return self.d[i]
    def insert(self, i, x):
        self.d.insert(i, x)
s = Seq()
bisect.insort(s, 4)
print(s.d, bisect.bisect(s, 3))
