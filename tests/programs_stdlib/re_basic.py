# re on CPython's own re package and a native _sre: matching, groups, Match objects, Scanner
import re

p = re.compile(r'(?P<key>\w+)\s*=\s*(?P<val>\d+)')
m = p.search('  alpha = 42; beta=7')
print(m)
print(m.group(), m.group(0), m.group(1), m.group('val'), m.group(1, 'val', 0))
print(m.groups(), m.groupdict(), m.span(), m.span('key'), m.start(2), m.end(2))
print(m[0], m['key'], m[2], m.lastindex, m.lastgroup, m.pos, m.endpos, m.regs)
print(m.string, m.re is p, m.re.pattern, p.groups, dict(p.groupindex), p.flags)
print(p.findall('a=1 b = 2 c= 3'))
print([x.groupdict() for x in p.finditer('x=1 y=2')])
print(p.match('q=9', 0), p.match('  q=9', 2), p.match('  q=9', 2, 3), p.search('q=9', 1))
print(re.match(r'a|b', 'c'), re.search(r'c', 'abc').span())

# optional groups, default values, lastindex
m = re.match(r'(a)(b)?(c)?', 'ac')
print(m.groups(), m.groups('-'), m.span(2), m.start(2), m.lastindex, m.regs)
print(re.match(r'(a)|(b)', 'b').lastindex, re.match(r'((a)|b)+', 'ab').lastindex)
print(re.match(r'(?:(a)|b)*', 'ab').groups(), re.match(r'(a|b)*', 'abba').group(1))

# fullmatch, empty matches, findall shapes
print(re.fullmatch(r'\d+', '123'), re.fullmatch(r'\d+', '123a'), re.fullmatch(r'a*?', 'aaa'))
print(re.findall(r'', 'abc'), re.findall(r'a*', 'baaac'), re.findall(r'\b\w', 'hi there you'))
print(re.findall(r'(a)(b)?', 'ab a'), re.findall(r'(\d)', '1x2'))
print([m.span() for m in re.finditer(r'\w*', 'ab cd')])

# backreferences and named backreferences
print(re.search(r'(\w)\1', 'abccd'), re.match(r'(?P<q>["\']).*?(?P=q)', '"hi" there'))
print(re.findall(r'\b(\w+) \1\b', 'the the cat sat sat down'))
print(re.match(r'(a)?(?(1)b|c)', 'ab'), re.match(r'(a)?(?(1)b|c)', 'c'))

# quantifiers
print(re.match(r'a{2,3}', 'aaaa'), re.match(r'a{2,3}?', 'aaaa'), re.match(r'a{,2}', 'aaa'))
print(re.match(r'(ab){2}', 'ababab'), re.match(r'(?:ab)+?c', 'ababc'), re.match(r'a{3}', 'aa'))
print(re.match(r'.*foo', 'xfooyfoo'), re.match(r'.*?foo', 'xfooyfoo'), re.match(r'x*', ''))
print(re.match(r'(a+)+b', 'aaab').groups(), re.match(r'(a*)*b', 'aab').groups())

# character classes and escapes
print(re.findall(r'[a-c]+', 'abxcab'), re.findall(r'[^a-c ]+', 'abx cab yz'))
print(re.findall(r'[\d.]+', 'v1.25 and 3.0'), re.findall(r'\W+', 'a, b; c'))
print(re.findall(r'\s', 'a b\tc\nd'), re.findall(r'\S+', ' x yz '), re.findall(r'[\]\-]', 'a]-b'))
print(re.findall(r'\d', '1٣x'), re.findall(r'\w+', 'héllo wörld ÿ'), re.findall(r'[α-ω]+', 'αβγ abc'))
print(re.search(r'\Aab', 'ab'), re.search(r'ab\Z', 'abab'), re.search(r'^b', 'ab'))
print(re.match(r'\x41\u0042\U00000043\101\n', 'ABCA\n'), re.escape('a.b*c?d(e) f-g#'))
print(re.findall(r'[\u4e00-\u9fff]+', '中文 and 日本語'), re.findall(r'.', 'a\nb'))

# Match repr truncation, str subclasses
print(re.match(r'.*', 'x' * 80))
class S(str):
    pass
print(re.match(r'b', S('bc')), type(re.match(r'b', S('bc')).group()))

# Scanner (re's experimental class) and pattern.scanner()
scanner = re.Scanner([
    (r'[a-zA-Z_]\w*', lambda s, t: ('NAME', t)),
    (r'\d+\.\d*', lambda s, t: ('FLOAT', float(t))),
    (r'\d+', lambda s, t: ('INT', int(t))),
    (r'[-+*/=()]', lambda s, t: ('OP', t)),
    (r'\s+', None),
])
print(scanner.scan('x1 = 3.5 * (y + 42) $ rest'))
sc = re.compile(r'\d+').scanner('12 ab 345')
print(sc.search(), sc.search(), sc.search(), sc.pattern)
sc = re.compile(r'\d').scanner('12a')
print(sc.match(), sc.match(), sc.match(), sc.match())

# patterns are cached, compared and hashed by value
print(re.compile('a+') == re.compile('a+'), re.compile('a+') == re.compile('a+', re.I))
print(hash(re.compile('x')) == hash(re.compile('x')), len({re.compile('y'), re.compile('y')}))
print(re.compile(p) is p, repr(re.compile('a.b', re.S | re.M)), repr(re.compile(b'\\d', re.I)))
import copy
print(copy.copy(p) is p, copy.deepcopy(p) is p, copy.copy(m) is m)
