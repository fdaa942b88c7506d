# lookahead, lookbehind, atomic groups, possessive and lazy quantifiers, conditionals
import re

print(re.findall(r'\w+(?=,)', 'a, bb, ccc'), re.findall(r'\w+(?!\w|,)', 'a, bb, ccc'))
print(re.findall(r'(?<=\$)\d+', 'cost $30 or $45, not 50'), re.findall(r'(?<!\$)\b\d+', '$30 40 $5 6'))
print(re.sub(r'(?<=[a-z])(?=[A-Z])', '_', 'camelCaseString'), re.split(r'(?<=\.)\s+', 'A. B. C.'))
print(re.search(r'(?<=ab)c', 'abc'), re.search(r'(?<=(a)b)c', 'abc').groups(), re.search(r'(?<!a)c', 'ac'))
print(re.match(r'(?=(\w+))\w', 'hello').group(1), re.match(r'(?!ab)\w+', 'abc'), re.match(r'(?!ab)\w+', 'acb'))
print(re.search(r'(?<=,)x', 'a,x'), re.findall(r'(?<=\b)\w', 'one two'))
print(re.findall(r'\d+(?=(?:\d{3})+$)', '1234567'), re.sub(r'\B(?=(\d{3})+(?!\d))', ',', '1234567'))

# atomic groups and possessive quantifiers (3.11)
print(re.match(r'(?>a+)b', 'aaab'), re.match(r'(?>a+)ab', 'aaab'), re.match(r'(?>ab|a)b', 'ab'))
print(re.match(r'a++b', 'aab'), re.match(r'a++a', 'aaa'), re.match(r'(?:ab)*+c', 'ababc'))
print(re.match(r'a*+', ''), re.match(r'[ab]?+b', 'b'), re.match(r'a{1,2}+a', 'aaa'))
print(re.match(r'(?:a|b)++c', 'abac'), re.match(r'(a)++', 'aaa').group(1), re.match(r'x{2}+', 'xxx'))

# lazy quantifiers
print(re.findall(r'<.+?>', '<a><b></b>'), re.match(r'a+?', 'aaa'), re.match(r'(a+?)(a*)', 'aaa').groups())
print(re.match(r'(a|ab)(c|bcd)(d*)', 'abcd').groups(), re.match(r'(.*?)(\d+)', 'abc123').groups())
print(re.match(r'(?:a{2})*?b', 'aaaab'), re.match(r'a??b', 'ab'), re.findall(r'a{2,}?', 'aaaaa'))

# conditionals on groups and names
pat = re.compile(r'(<)?(\w+@\w+(?:\.\w+)+)(?(1)>|$)')
for s in ['<user@host.com>', 'user@host.com', '<user@host.com', 'user@host.com>']:
    print(s, pat.match(s) and pat.match(s).groups())
print(re.match(r'(?P<a>x)?(?(a)y|z)', 'z'))

# nested repeats, deep alternation, long subjects (no recursion overflow)
print(len(re.match(r'(?:a|b)*', 'ab' * 50000).group()), len(re.findall(r'(a)|b', 'ab' * 1000)))
print(re.match(r'((a)|(b))+', 'abab').groups(), re.match(r'(a*)+', 'b').groups())
print(re.match(r'(?:(\d+)-)*(\d+)', '1-22-333').groups(), re.search(r'(a|b)*?c', 'abac').groups())
print(len(re.sub(r'(x)', r'\1\1', 'x' * 30000)), re.fullmatch(r'(?:a+)+', 'a' * 1000) is not None)
print(re.match(r'(?:(?:(?:a)))+b', 'aaab'), re.search(r'(?i)(?<=ß)x', 'ßx'))
