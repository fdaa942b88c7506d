# sub/subn with templates and callables, split, expand, bytes patterns and subjects
import re

print(re.sub(r'(\w+) (\w+)', r'\2 \1', 'hello world foo bar'))
print(re.sub(r'(?P<first>\w+) (?P<second>\w+)', r'\g<second> \g<first> \g<0>', 'hello world'))
print(re.sub(r'a', r'\n\t\\', 'xax'), repr(re.sub(r'a', '\\n', 'a')), re.sub('a', r'\101', 'a'))
print(re.subn(r'\d', '#', 'a1b2c3'), re.subn(r'\d', '#', 'a1b2c3', count=2), re.sub(r'\d', '#', 'a1b2', 1))
print(re.sub(r'x*', '-', 'abxd'), re.sub(r'(?:)', '|', 'ab'), re.subn(r'\b', '|', 'ab cd'))
print(re.sub(r'\d+', lambda m: str(int(m.group()) * 2), 'a1b22c333'))
print(re.sub(r'(a)|b', lambda m: m.group(1) or 'B', 'abab'), re.sub(r'(a)|b', r'[\1]', 'ab'))
print(re.sub('(?i)b+', 'x', 'aBBBc'), re.sub('b', 'x', 'abc', flags=re.I), re.sub(r'(a)(b)?', r'\2\1', 'a ab'))
print(re.compile(r'o').sub('0', 'foo boo', 3), re.compile('o').subn(lambda m: '', 'oo'))
m = re.match(r'(?P<n>\w+)-(\d+)', 'abc-42')
print(m.expand(r'\2:\g<n>:\g<1>:\\'), m.expand('plain'))

# split
print(re.split(r'\W+', 'Words, words, words.'), re.split(r'(\W+)', 'Words, words, words.'))
print(re.split(r'\W+', 'Words, words, words.', 1), re.split(r'[a-f]+', '0a3B9', flags=re.I))
print(re.split(r'(\W*)', '...words...'), re.split(r'x*', 'axbc'), re.split(r'', 'abc'))
print(re.split(r'(a)|b', 'xaybz'), re.compile(r',').split('a,b,,c', maxsplit=2))

# bytes
bp = re.compile(rb'(\d+)([a-z]*)')
print(bp.findall(b'12ab 3 456xyz'), bp.sub(rb'<\2\1>', b'12ab 3'), bp.match(b'99x').groups())
print(re.split(rb'\s+', b'a  b\tc'), re.sub(rb'[aeiou]', b'', b'education'))
print(re.match(rb'\w+', b'caf\xe9'), re.match(rb'(?i)CAF', b'caf'), re.search(rb'\xff', b'a\xff'))
print(re.fullmatch(rb'[\x00-\x7f]+', b'ascii'), re.findall(rb'.', b'a\nb', re.S))
print(re.match(rb'(?L)\w+', b'abc'), re.sub(rb'(a)', lambda m: m.group(1).upper(), b'banana'))
print(re.escape(b'a.b'), re.match(r'\w+', bytearray(b'xy z')) if False else 'skip')
print(re.sub(r'a', 'b', 'aaa', count=0), re.subn(b'a', b'', b'banana'))
