# re.error messages and positions, and the TypeErrors of mixing str and bytes
import re

bad = [r'(', r')', r'a**', r'[a', r'(?P<1>a)', r'(?P<a>x)(?P<a>y)', r'\1', r'(?<=a+)b', r'a{3,2}',
       r'(?z)', r'\p', r'x{', r'(?P=nope)', r'*', r'[z-a]', r'(?<!a|bc)', r'abc\\', '\\', r'(?i', '(?#x',
       r'(?P<a', r'a++?', r'(?(2)a)', "a\n(", r'[\d-z]']
for pat in bad:
    try:
        re.compile(pat)
        print('ok', pat)
    except re.error as e:
        print(repr(pat), '->', e, '|', e.msg, e.pos, e.lineno, e.colno)

try:
    re.compile('(?x)\n  a\n  (')
except re.error as e:
    print(e)
for f, args in [(re.match, ('a', b'a')), (re.match, (b'a', 'a')), (re.search, ('a', 1)),
                (re.sub, ('a', 1, 'a')), (re.compile, (1,)), (re.compile('a').match, ()),
                (re.compile('a').match, ('a', 'x'))]:
    try:
        f(*args)
    except (TypeError, re.error) as e:
        print(type(e).__name__, e)
m = re.match(r'(a)(?P<n>b)?', 'a')
for g in [3, 'x', -1, 1.5]:
    try:
        m.group(g)
    except IndexError as e:
        print('IndexError', e)
try:
    re.sub(r'(a)', r'\2', 'a')
except re.error as e:
    print(e)
try:
    re.sub(r'(a)', r'\g<x>', 'a')
except IndexError as e:
    print('IndexError', e)
try:
    re.compile('a', re.A | re.L)
except ValueError as e:
    print('ValueError', e)
try:
    re.compile(re.compile('a'), re.I)
except ValueError as e:
    print('ValueError', e)
try:
    re.sub('a', lambda m: 1, 'a')
except TypeError as e:
    print('TypeError', e)
print(issubclass(re.error, Exception), re.error.__module__, re.error.__name__)
