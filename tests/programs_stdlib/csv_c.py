# stdlib: csv
# csv.py compiled from CPython's bytecode over the native _csv (Modules/_csv.c): reader state
# machine (quotes, doubled quotes, escapes, newlines in fields), writer quoting, dialects,
# DictReader/DictWriter, field_size_limit and CPython's errors.
import csv
import io

print(list(csv.reader(io.StringIO('a,b\n1,"x,y"\n'))))
print(list(csv.reader(['a,"b""c",d\r\n', '"x', 'y",z', 'a, b', 'a,"b"c'])))
print(list(csv.reader(['a;b;"c;d"'], delimiter=';')), list(csv.reader([' a, b'], skipinitialspace=True)))
print(list(csv.reader(['a\\,b,c'], escapechar='\\')), list(csv.reader(['1,2.5,"x"'], quoting=csv.QUOTE_NONNUMERIC)))
print(list(csv.reader(['a,"b,c"'], quoting=csv.QUOTE_NONE)), list(csv.reader(['', 'a'])))
out = io.StringIO()
w = csv.writer(out)
w.writerow(['a', 'b c', 'd,e', 'q"q', None, 1.5, 'x\ny', ''])
w.writerows([[1], [''], []])
print(repr(out.getvalue()))
for q in (csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC, csv.QUOTE_MINIMAL):
    out = io.StringIO()
    csv.writer(out, quoting=q, lineterminator='\n').writerow(['a', 1, 2.5, None])
    print(repr(out.getvalue()))
out = io.StringIO()
csv.writer(out, quoting=csv.QUOTE_NONE, escapechar='\\').writerow(['a,b', 'c"d'])
csv.writer(out, doublequote=False, escapechar='\\').writerow(['c"d'])
print(repr(out.getvalue()))
r = csv.reader(['a,b', 'c'])
print(r.line_num, next(r), r.line_num, r.dialect.delimiter, r.dialect.quoting, r.dialect.lineterminator == '\r\n')
print(list(csv.DictReader(io.StringIO('x,y\n1,2\n3,4\n'))))
csv.register_dialect('semi', delimiter=';', quoting=csv.QUOTE_ALL)
print(sorted(csv.list_dialects()), csv.get_dialect('semi').delimiter, list(csv.reader(['"a";b'], 'semi')))
csv.unregister_dialect('semi')
d = csv.get_dialect('excel-tab')
print(repr(d.delimiter), d.doublequote, d.escapechar, d.quotechar, d.skipinitialspace, d.strict)
print(csv.field_size_limit(), csv.field_size_limit(10), csv.field_size_limit())


class Pipe(csv.Dialect):
    delimiter = '|'
    quotechar = "'"
    lineterminator = '\n'
    quoting = csv.QUOTE_MINIMAL
    doublequote = True
    skipinitialspace = False


out = io.StringIO()
csv.writer(out, Pipe).writerow(["a|b", "c'd"])
print(repr(out.getvalue()), list(csv.reader(["'a|b'|c"], Pipe)))
print(csv.Sniffer().sniff('a;b;c\n1;2;3\n').delimiter)


def err(f, *args, **kw):
    try:
        f(*args, **kw)
    except (csv.Error, TypeError, ValueError) as e:
        print(type(e).__name__, e)


err(lambda: list(csv.reader(['12345678901'])))
csv.field_size_limit(131072)
err(csv.get_dialect, 'nope')
err(csv.unregister_dialect, 'nope')
err(csv.reader, ['a'], delimiter='')
err(csv.reader, ['a'], delimiter=1)
err(csv.reader, ['a'], quotechar='ab')
err(csv.reader, ['a'], quoting=9)
err(csv.reader, ['a'], lineterminator=1)
err(csv.reader, ['a'], bogus=1)
err(csv.reader, ['a'], quotechar=None)
err(lambda: list(csv.reader(['a,"b"c'], strict=True)))
err(lambda: list(csv.reader(['"abc'], strict=True)))
err(lambda: list(csv.reader(['a\0b'])))
err(lambda: list(csv.reader([b'a'])))
err(lambda: list(csv.reader(['a\rb'])))
err(csv.writer(io.StringIO(), quoting=csv.QUOTE_NONE).writerow, ['a,b'])
err(csv.writer(io.StringIO(), quoting=csv.QUOTE_NONE).writerow, [''])
err(csv.writer(io.StringIO()).writerow, 1)
err(csv.writer, 1)
err(csv.register_dialect, 1)
