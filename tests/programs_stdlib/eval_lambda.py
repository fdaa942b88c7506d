# eval() of the expressions a compiled program supports: names, literals, tuples, lists,
# attributes, subscripts, calls and lambdas (what collections.namedtuple builds __new__ from)
ns = {'_tuple_new': tuple.__new__, '__builtins__': {}, '__name__': 'namedtuple_P'}
new = eval('lambda _cls, x, y: _tuple_new(_cls, (x, y))', ns)
new.__name__ = '__new__'
new.__defaults__ = (0,)
print(new(tuple, 1, 2), new(tuple, 5), new.__name__, new.__defaults__)
one = eval('lambda _cls, a,: _tuple_new(_cls, (a,))', ns)
print(one(tuple, 'z'))
print(eval('[1, 2.5, "s", None, True, (3,), ()]'))
print(eval('len("abc")'), eval("max(3, 9, key=abs)"), eval("'a' 'b'"))
g = {'x': [10, 20, 30], 'd': {'k': 'v'}}
print(eval('x[1]', g), eval("d['k'].upper()", g), eval('x', g, {'x': 'local'}))
print(eval('lambda a, b=2: (a, b)')(1), eval('  (1, 2)'), eval('1, 2'))
f = eval('lambda: y', {'y': 'global y'})
print(f())
try:
    eval('nosuch', {})
except NameError as e:
    print('NameError', e)
try:
    eval('len', {'__builtins__': {}})
except NameError as e:
    print('NameError', e)
try:
    eval('lambda: (', {})
except SyntaxError as e:
    print('SyntaxError')
