# eval() of Python's expression grammar: operators and their precedence, comparisons,
# boolean operators, conditional expressions, displays, slices, calls with */**, literals of
# every kind, and the SyntaxErrors CPython reports for malformed text
g = {'a': 7, 'b': 3, 'xs': [5, 1, 4], 'd': {'k': 1}, 'f': lambda *p, **k: (p, sorted(k.items()))}
for src in [
    '1 + 2 * 3 - 4 / 8', '2 ** 3 ** 2', '-2 ** 2', '2 ** -1', '(1 + 2) * 3', '7 // 2 % 3',
    'a << 2 | b & 6 ^ 1', '~a + -b + +a', 'a > b > 1', '1 < a < b', 'a == 7 != b', 'b in xs or a not in xs',
    'xs is xs and None is not xs', 'not a', 'not 0 and 5', '0 or "" or []', 'a and b and 0 and 1/0',
    '"yes" if a > b else "no"', '1 if 0 else 2 if 0 else 3', 'xs[1:]', 'xs[::-1]', 'xs[:2]', 'xs[0:3:2]',
    'xs[-1]', 'd["k"]', '{1: 2, **d, "z": 0}', '{1, 2, *xs}', '{}', '[*xs, *"ab"]', '(*xs, 9)', '()',
    'f(1, *xs, k=2, **{"z": 3})', 'f()', '0x_ff + 0o17 + 0b101 + 1_000', '10**20 + 1', '1.5e3 + .25 + 3.',
    '2j * 2', '1e-3', "'a' 'b' \"c\"", 'b"x\\x41" + rb"\\n"', "r'\\n' + '\\t\\x41\\101\\u00e9'",
    "'''tri\nple'''", 'u"u-string"', '[1,\n 2,\n 3]', 'a if a else b  # comment', '...', 'None, True, False',
    '(lambda x, y=2: x * y)(4)', 'type(1.0).__name__', '"%s-%d" % ("x", 4)', '[1, 2] * 2 + [3]',
    'sorted({3, 1, 2})', 'str(1) + str(2)', '"abc"[1]', 'len(xs) > 2 == True',
]:
    print(repr(src), '->', repr(eval(src, g)))
print(eval('\t  a + 1', g), eval(b'a * 2', g), eval(compile('a - 1', '<c>', 'eval'), g))
print(eval('x + y', {'x': 1}, {'y': 2}))
for bad in ['1 +', '1 2', 'x = 1', 'f(a=1, 2)', '0777', '(1, 2', '1)', '[1, 2)', "'abc", '', 'a.1', 'lambda x: ']:
    try:
        eval(bad, {})
    except SyntaxError as e:
        print(repr(bad), 'SyntaxError:', e.msg, e.lineno, e.offset, repr(e.text), '|', e)
for bad, exc in [('1/0', ZeroDivisionError), ('nosuch', NameError), ('xs[9]', IndexError), ('f(**{1: 2})', TypeError)]:
    try:
        eval(bad, g)
    except exc as e:
        print(repr(bad), type(e).__name__, e)
e = SyntaxError('m', ('file.py', 3, 4, 'text\n', 3, 5))
print(e, e.msg, e.filename, e.lineno, e.offset, e.text, e.end_lineno, e.end_offset, SyntaxError('x'), SyntaxError())
eval('1 +\n')
