# stdlib: array
# The native array module (CPython's Modules/arraymodule.c): typecodes, construction from
# lists/bytes/str/arrays, item access, slices, methods, comparisons and CPython's errors.
import array

a = array.array('i', [1, 2, 3])
a.append(4)
print(a, a.tobytes()[:4], sum(a), len(a), a.itemsize, a.typecode)
print(array.typecodes, array.ArrayType is array.array, repr(array.array('d')))
print(a[1], a[-1], a[1:3], a[::-1], a[::2], 3 in a, 9 in a)
a[0] = 10
a[1:3] = array.array('i', [7])
print(a, a.tolist(), list(reversed(a)))
a.extend([5, 6])
a.insert(0, -1)
a.insert(100, 99)
print(a, a.pop(), a.pop(0), a.index(5), a.count(7))
a.remove(7)
a.reverse()
print(a)
del a[0]
del a[::2]
print(a)
b = array.array('b', b'\x01\xff')
print(b, array.array('h', [1, -2]).tobytes(), array.array('B', [255]).tolist())
print(array.array('u', 'hé'), array.array('u', 'ab').tounicode(), array.array('f', [1.1])[0])
print(array.array('d', [0.5, 2.0]) * 2, array.array('i', [1]) + array.array('i', [2]), 2 * array.array('b', [3]))
c = array.array('i', [1, 2])
c += array.array('i', [3])
c *= 2
print(c, c == array.array('i', [1, 2, 3, 1, 2, 3]), c < array.array('i', [1, 3]), c != c)
print(array.array('i', array.array('b', [1, 2])), array.array('q', [2**62]), array.array('Q', [2**64 - 1]))
c.frombytes(array.array('i', [8]).tobytes())
c.fromlist([9])
print(c[-2:], c.buffer_info()[1])
s = array.array('H', [1, 2])
s.byteswap()
print(s)

def err(f, *args):
    try:
        f(*args)
    except Exception as e:
        print(type(e).__name__, e)

for code, v in [('b', 200), ('b', -200), ('B', 300), ('B', -1), ('h', 40000), ('H', -1),
                ('i', 2**31), ('i', -2**31 - 1), ('I', -1), ('I', 2**32), ('q', 2**63),
                ('Q', -1), ('Q', 2**64), ('i', 'x'), ('i', 1.5), ('d', 'x'), ('u', 1)]:
    err(array.array, code, [v])
err(array.array, 1)
err(array.array, 'z')
err(array.array, 'ii')
err(array.array, 'i', 'abc')
err(a.index, 1000)
err(a.remove, 1000)
err(a.__getitem__, 100)
err(a.__setitem__, 100, 1)
err(a.__add__, array.array('d'))
err(a.__add__, [1])
err(array.array('d').pop)
err(a.frombytes, b'abc')
err(a.extend, array.array('b'))
err(a.tounicode)
err(hash, a)
