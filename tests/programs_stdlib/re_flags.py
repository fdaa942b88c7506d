# flags: IGNORECASE (ASCII and Unicode), MULTILINE, DOTALL, VERBOSE, ASCII, inline and scoped
import re

print(re.findall(r'hello', 'Hello HELLO hello', re.I), re.match(r'(?i)[a-z]+', 'AbC'))
print(re.match(r'(?i)straße', 'STRASSE'), re.match(r'(?i)ſ', 's'), re.match(r'(?i)K', 'K'))
print(re.match(r'(?i)é', 'É'), re.match(r'(?i)[à-ÿ]+', 'ÀÉÎÕÜ'), re.findall(r'(?i)σ', 'Σσς'))
print(re.match(r'(?i)[^a]', 'A'), re.match(r'(?i)\w+', 'ÄÖÜ'), re.match(r'(?ia)[k]', 'K'))
print(re.match(r'(?i)(a)\1', 'aA'), re.match(r'(?i)[i]', 'İ'), re.match(r'(?i)ǅ', 'ǆ'))
print(re.match('(?i)ﬀ', 'FF'), re.findall('(?i)[ǆ-ǈ]', 'ǄǅǆǇǈ'), re.search('(?i)ω', 'Ω'))

text = 'line one\nline two\n\nlast'
print(re.findall(r'^\w+', text), re.findall(r'^\w+', text, re.M), re.findall(r'\w+$', text, re.M))
print(re.findall(r'.+', text), len(re.findall(r'.+', text, re.S)), re.search(r'one.line', text, re.S))
print(re.search(r'$', 'a\n'), re.search(r'\Z', 'a\n'), re.findall(r'$', 'a\nb\n', re.M))

verbose = re.compile(r"""
    (?P<int> \d+ )        # integer part
    (?: \. (?P<frac>\d*) )?   # optional fraction
    \s* \# \s* x          # a literal hash
""", re.X)
print(verbose.match('3.14 # x').groupdict(), verbose.pattern.count('\n'))
print(re.match(r'(?x) a b c # comment', 'abc'), re.match(r'(?x)[ ]', ' '))

print(re.findall(r'\w+', 'café naïve', re.A), re.findall(r'\d', '1٣', re.A), re.match(r'(?a)\s', '\x1c'))
print(re.findall(r'\b\w', 'été été', re.A), re.findall(r'\b\w', 'été été'))
print(re.match(r'(?i:a)b', 'Ab'), re.match(r'(?i:a)b', 'AB'), re.match(r'a(?-i:b)', 'AB', re.I))
print(re.match(r'(?s:.)(.)', '\n\n'), re.match(r'(?m:^b)', 'b'), re.match(r'(?x: a )b', 'ab'))
print(re.compile('a', re.I).flags, re.compile(b'a').flags, re.compile('(?x)a').flags, re.compile('a', re.A).flags)
print(repr(re.compile('x', re.I | re.X)), repr(re.compile('x', re.A)), repr(re.compile(b'x', re.L | re.I)))
print(re.compile('a', re.U).flags == re.compile('a').flags, re.purge())
