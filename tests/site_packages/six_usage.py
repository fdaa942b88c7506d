# slow: the first build compiles ~40-110 modules (site and stdlib)
import six
from six.moves import range, zip_longest, reduce
from six.moves import urllib_parse


class Meta(type):
    def __new__(mcls, name, bases, ns):
        ns["tag"] = name.lower()
        return super().__new__(mcls, name, bases, ns)


@six.add_metaclass(Meta)
class Tagged(object):
    pass


class Base(six.with_metaclass(Meta, object)):
    pass


print(six.PY2, six.PY3, six.string_types, six.integer_types, six.text_type, six.binary_type)
print(Tagged.tag, type(Tagged).__name__, Base.tag)
print(list(range(3)), list(zip_longest("ab", "xyz", fillvalue="-")))
print(reduce(lambda a, b: a * b, [1, 2, 3, 4]))
print(six.b("bytes"), six.u("text"), six.int2byte(65), six.byte2int(b"Z"), six.indexbytes(b"abc", 1))
print(list(six.iterbytes(b"hi")), six.unichr(0x263A))
d = {"a": 1, "b": 2}
print(sorted(six.iterkeys(d)), sorted(six.itervalues(d)), sorted(six.iteritems(d)))
print(urllib_parse.urlparse("https://example.com/a/b?x=1#frag"))
print(urllib_parse.quote("a b/c"), urllib_parse.urlencode({"q": "x y"}))
print(six.ensure_str(b"abc"), six.ensure_binary("\xe9"), six.ensure_text(b"\xc3\xa9"))
try:
    six.raise_from(ValueError("outer"), KeyError("inner"))
except ValueError as e:
    print("raise_from:", repr(e), repr(e.__cause__))
try:
    try:
        raise KeyError("k")
    except KeyError:
        six.reraise(*__import__("sys").exc_info())
except KeyError as e:
    print("reraise:", repr(e))
it = iter([1, 2])
print(six.next(it), six.advance_iterator(it), six.callable(len))
print(six.get_function_code(lambda x: x).co_argcount)
buf = six.StringIO()
six.print_("a", "b", sep="-", file=buf)
print(repr(buf.getvalue()))


@six.python_2_unicode_compatible
class Greeting(object):
    def __str__(self):
        return "hello"


print(str(Greeting()))
print(six.moves.builtins.len([1, 2]))
