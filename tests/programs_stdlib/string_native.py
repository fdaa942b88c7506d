# the C module behind string.Formatter (string_formatter.py covers the public module)
import _string

for t in ['a{0!r:>5}b{}', 'a{{b', 'x}}y', '{a.b[0]:{w}}', '}', '{', 'a{0', '{0!}', '{0!rr}', '{:{:{}}}', '{0:}',
          '{!s}', '{0[}', 'end}', '{a[x]y}', '{0!r', '{0:<{1}}x', '', '{}}', 'plain', '{0!', '{a{b}']:
    try:
        print(repr(t), list(_string.formatter_parser(t)))
    except Exception as e:
        print(repr(t), type(e).__name__, e)
for t in ['a.b[0]', '0', '0.x', 'a[1][x]', '', '.a', 'a.', 'a[', 'a]b', 'a[0]x', 'a..b', '[0]', 'a[]', '99999999999999999999999']:
    try:
        f, r = _string.formatter_field_name_split(t)
        print(repr(t), repr(f), list(r))
    except Exception as e:
        print(repr(t), type(e).__name__, e)
print(type(_string.formatter_parser('')).__name__, type(_string.formatter_field_name_split('a')[1]).__name__)

