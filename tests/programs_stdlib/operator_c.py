import operator as o

tests = [
    ('o.concat(1,2)', lambda: o.concat(1,2)),
    ('o.indexOf([1],2)', lambda: o.indexOf([1],2)),
    ('o.length_hint(1,"a")', lambda: o.length_hint(1,"a")),
    ('o.length_hint(1,-1)', lambda: o.length_hint(1,-1)),
    ('o.index(1.5)', lambda: o.index(1.5)),
    ('o.itemgetter()', lambda: o.itemgetter()),
    ('o.attrgetter(1)', lambda: o.attrgetter(1)),
    ('o.attrgetter()', lambda: o.attrgetter()),
    ('o.methodcaller()', lambda: o.methodcaller()),
    ('o.methodcaller(1)', lambda: o.methodcaller(1)),
    ('o.itemgetter(1)(1)', lambda: o.itemgetter(1)(1)),
    ('o.attrgetter("a.b")(1)', lambda: o.attrgetter("a.b")(1)),
    ('o.add(1)', lambda: o.add(1)),
    ('o.add(1,2,3)', lambda: o.add(1,2,3)),
    ('o.not_(1,2)', lambda: o.not_(1,2)),
    ('o.truth()', lambda: o.truth()),
    ('o.is_(1)', lambda: o.is_(1)),
    ('o.call()', lambda: o.call()),
    ('o.abs("x")', lambda: o.abs("x")),
    ('o.length_hint([], default=3)', lambda: o.length_hint([], default=3)),
    ('o.itemgetter(1,k=2)', lambda: o.itemgetter(1,k=2)),
    ('o.attrgetter("a", k=1)', lambda: o.attrgetter("a", k=1)),
    ('o.countOf(1,2)', lambda: o.countOf(1,2)),
    ('o.indexOf(1,2)', lambda: o.indexOf(1,2)),
    ('o.contains(1,2)', lambda: o.contains(1,2)),
    ('o.getitem([],1)', lambda: o.getitem([],1)),
    ('o.neg("a")', lambda: o.neg("a")),
    ('o.pow(1)', lambda: o.pow(1)),
    ('o.add(1, "a")', lambda: o.add(1, "a")),
    ('o.add(2, 3)', lambda: o.add(2, 3)),
    ('o.sub(5, 7)', lambda: o.sub(5, 7)),
    ('o.mul("ab", 3)', lambda: o.mul("ab", 3)),
    ('o.truediv(7, 2)', lambda: o.truediv(7, 2)),
    ('o.floordiv(7, 2)', lambda: o.floordiv(7, 2)),
    ('o.mod(7, 3)', lambda: o.mod(7, 3)),
    ('o.pow(2, 10)', lambda: o.pow(2, 10)),
    ('o.lshift(1, 5)', lambda: o.lshift(1, 5)),
    ('o.rshift(64, 2)', lambda: o.rshift(64, 2)),
    ('o.and_(6, 3)', lambda: o.and_(6, 3)),
    ('o.or_(6, 3)', lambda: o.or_(6, 3)),
    ('o.xor(6, 3)', lambda: o.xor(6, 3)),
    ('o.neg(4)', lambda: o.neg(4)),
    ('o.pos(-4)', lambda: o.pos(-4)),
    ('o.inv(5)', lambda: o.inv(5)),
    ('o.invert(5)', lambda: o.invert(5)),
    ('o.abs(-3.5)', lambda: o.abs(-3.5)),
    ('o.not_([])', lambda: o.not_([])),
    ('o.truth([1])', lambda: o.truth([1])),
    ('o.index(7)', lambda: o.index(7)),
    ('o.is_(None, None)', lambda: o.is_(None, None)),
    ('o.is_not(1, None)', lambda: o.is_not(1, None)),
    ('o.lt(1, 2)', lambda: o.lt(1, 2)),
    ('o.le(2, 2)', lambda: o.le(2, 2)),
    ('o.eq(1, 1.0)', lambda: o.eq(1, 1.0)),
    ('o.ne(1, 2)', lambda: o.ne(1, 2)),
    ('o.gt(1, 2)', lambda: o.gt(1, 2)),
    ('o.ge(3, 2)', lambda: o.ge(3, 2)),
    ('o.concat([1], [2])', lambda: o.concat([1], [2])),
    ('o.contains([1, 2], 2)', lambda: o.contains([1, 2], 2)),
    ('o.countOf([1, 2, 1, 1.0], 1)', lambda: o.countOf([1, 2, 1, 1.0], 1)),
    ('o.indexOf("abc", "c")', lambda: o.indexOf("abc", "c")),
    ('o.getitem({"a": 1}, "a")', lambda: o.getitem({"a": 1}, "a")),
    ('o.length_hint([1, 2, 3])', lambda: o.length_hint([1, 2, 3])),
    ('o.length_hint(5, 7)', lambda: o.length_hint(5, 7)),
    ('o.call(max, 3, 4, key=lambda x: -x)', lambda: o.call(max, 3, 4, key=lambda x: -x)),
    ('o.itemgetter(1)([5, 6])', lambda: o.itemgetter(1)([5, 6])),
    ('o.itemgetter(0, -1)("hello")', lambda: o.itemgetter(0, -1)("hello")),
    ('o.itemgetter(slice(1, 3))([1, 2, 3])', lambda: o.itemgetter(slice(1, 3))([1, 2, 3])),
    ('o.attrgetter("real")(3)', lambda: o.attrgetter("real")(3)),
    ('o.attrgetter("real", "imag")(complex(3, 4))', lambda: o.attrgetter("real", "imag")(complex(3, 4))),
    ('o.methodcaller("upper")("abc")', lambda: o.methodcaller("upper")("abc")),
    ('o.methodcaller("split", ",", maxsplit=1)("a,b,c")', lambda: o.methodcaller("split", ",", maxsplit=1)("a,b,c")),
    ('o.itemgetter(1)()', lambda: o.itemgetter(1)()),
    ('o.lt(1, "a")', lambda: o.lt(1, "a")),
    ('o._compare_digest(b"abc", b"abc")', lambda: o._compare_digest(b"abc", b"abc")),
    ('o._compare_digest("abc", "abd")', lambda: o._compare_digest("abc", "abd")),
    ('o.iconcat([1], "ab")', lambda: o.iconcat([1], "ab")),
    ('o.iconcat(1, 2)', lambda: o.iconcat(1, 2)),
    ('o.matmul(1, 2)', lambda: o.matmul(1, 2)),
    ('o.ipow(2, 3)', lambda: o.ipow(2, 3)),
    ('o.imatmul(1,2)', lambda: o.imatmul(1,2)),
]
for t, f in tests:
    try:
        print(t, '->', repr(f()))
    except Exception as e:
        print(t, '->', type(e).__name__, e)

print(repr(o.itemgetter(1, 'a')), repr(o.attrgetter('a', 'b.c')), repr(o.methodcaller('f', 1, k=2)))
print(o.itemgetter(1).__reduce__(), o.attrgetter('a.b').__reduce__(), o.methodcaller('f', 1).__reduce__())
print(type(o.itemgetter(1)), type(o.attrgetter('x')).__name__, o.__doc__[:40])

class C:
    def __length_hint__(self):
        return -1
class D:
    def __length_hint__(self):
        return NotImplemented
class E:
    def __index__(self):
        return 4
try:
    o.length_hint(C())
except Exception as e:
    print(type(e).__name__, e)
print(o.length_hint(D(), 9), o.index(E()))
l = [1, 2]
o.setitem(l, 0, 9)
o.delitem(l, 1)
print(l, o.iadd(l, [3]), l)

class P:
    def __init__(self):
        self.x = self
        self.y = 5
p = P()
print(o.attrgetter("x.x.y")(p), sorted([(1, "b"), (0, "c"), (2, "a")], key=o.itemgetter(1)))
print(o.__lt__(1, 2), o.__add__(1, 2), o.__not__(0))
