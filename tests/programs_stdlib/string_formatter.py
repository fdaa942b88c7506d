import string
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

f = string.Formatter()
print(f.format("{0}-{1!r}-{x:>4}|{y[1]}|{z.real}", 1, "s", x=7, y=[0, 9], z=3))
print(f.format("{:{w}.{p}f}", 3.14159, w=8, p=2), f.vformat("{a}{b}", (), {"a": 1, "b": 2}))
print(list(f.parse("a{b}c")))
try:
    f.format("{0}{}", 1, 2)
except ValueError as e:
    print("ValueError", e)
try:
    f.format("{x}")
except KeyError as e:
    print("KeyError", e)
class Up(string.Formatter):
    def format_field(self, value, spec):
        return str(value).upper()
print(Up().format("{} and {}", "a", "b"))
print(string.Template("$who likes $what").substitute(who="tim", what="pie"), string.capwords(" hello  world "))
print(string.ascii_letters, string.digits, string.hexdigits, string.punctuation)
