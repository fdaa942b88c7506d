import functools
from functools import partial, reduce, cmp_to_key, lru_cache, cache

print(type(partial).__name__, partial.__module__ if hasattr(partial, "__module__") else None)
print(reduce(lambda a, b: a * b, [1, 2, 3, 4]))
print(reduce(lambda a, b: a + b, [], 10))
for bad in [lambda: reduce(lambda a, b: a, []), lambda: reduce(len), lambda: reduce(len, 5)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)

def f(a, b, c=3, *, d=4):
    return (a, b, c, d)

p = partial(f, 1, d=5)
print(p(2), p(2, 7), p(b=9))
print(p.func is f, p.args, p.keywords)
q = partial(p, 2, c=0)
print(q.func is f, q.args, q.keywords, q())
print(repr(partial(max, 1, 2, key=abs)).replace(repr(max), "MAX"))
try:
    partial()
except TypeError as e:
    print("TypeError:", e)
try:
    partial(5)
except TypeError as e:
    print("TypeError:", e)
r = p.__reduce__()
print(r[0] is partial, r[1][0] is f, r[2][1:])
p2 = partial(int)
p2.__setstate__((f, (1, 2), {"d": 0}, None))
print(p2(), p2.args)
p.attr = 5
print(p.attr, p.__dict__)
try:
    p.func = 3
except AttributeError as e:
    print("AttributeError")

key = cmp_to_key(lambda a, b: (a > b) - (a < b))
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)))
k1, k2 = key(1), key(2)
print(k1 < k2, k1 > k2, k1 == k2, k1 <= k1, k1.obj)
try:
    hash(k1)
except TypeError as e:
    print("TypeError:", e)
try:
    k1 < 5
except TypeError as e:
    print("TypeError:", e)

@lru_cache(maxsize=2)
def sq(x):
    print("compute", x)
    return x * x

print(sq(2), sq(3), sq(2), sq(4), sq(3))
print(sq.cache_info())
sq.cache_clear()
print(sq.cache_info(), sq.__wrapped__.__name__, sq.__name__)

@cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print(fib(80), fib.cache_info())

@lru_cache(typed=True)
def t(x):
    return type(x).__name__

print(t(1), t(1.0), t(True), t.cache_info().currsize)

class C:
    @lru_cache
    def m(self, x):
        return x + 1
c = C()
print(c.m(1), c.m(1), C.m.cache_info().hits)

@lru_cache(maxsize=0)
def z(x):
    return x
print(z(1), z(1), z.cache_info())
try:
    lru_cache(maxsize="a")
except TypeError as e:
    print("TypeError:", e)
print(functools.cache_parameters() if hasattr(functools, "cache_parameters") else sq.cache_parameters())

class MyPartial(partial):
    pass
mp = MyPartial(f, 1)
print(repr(mp).startswith("MyPartial(<function f"), mp(2), type(mp).__name__, isinstance(mp, partial))
print(type(partial(f)).__name__, partial.__name__, partial.__qualname__)
try:
    partial(f).nope
except AttributeError as e:
    print(e)
import gc
class Node:
    pass
n = Node()
n.p = partial(print, n)
del n
gc.collect()
