# io.StringIO: write/read/seek/tell/readline/iteration/newline modes/getvalue/closed errors,
# print(file=...), subclassing
import io

s = io.StringIO()
print(s.write("hello\n"), s.write("wörld\n"), s.tell())
print(repr(s.getvalue()))
s.seek(0)
print(repr(s.readline()), repr(s.read(3)), repr(s.read()), repr(s.read()))
s.seek(0)
print([line for line in s])
s.seek(2)
s.write("XY")
print(repr(s.getvalue()), s.tell())
s.seek(20)
s.write("!")
print(repr(s.getvalue()))
print(s.truncate(5), repr(s.getvalue()), s.tell())
print(s.readable(), s.writable(), s.seekable(), s.closed, s.line_buffering, s.newlines)
s.close()
print(s.closed)
for op in [s.getvalue, s.read, lambda: s.write("x"), lambda: s.seek(0)]:
    try:
        op()
    except ValueError as e:
        print(type(e).__name__, e)

t = io.StringIO("a\r\nb\rc\nd")
print(repr(t.read()), t.newlines)
t = io.StringIO("a\r\nb\rc\nd", newline=None)
print(repr(t.getvalue()), [l for l in t], t.newlines)
t = io.StringIO("a\r\nb\rc\nd", newline="")
print([l for l in t])
t = io.StringIO(newline="\r\n")
t.write("x\ny\n")
print(repr(t.getvalue()))
try:
    io.StringIO(newline="xx")
except ValueError as e:
    print(e)
try:
    io.StringIO().write(b"x")
except TypeError as e:
    print(e)
try:
    io.StringIO("abc").seek(1, 1)
except OSError as e:
    print(type(e).__name__, e)
try:
    io.StringIO("abc").fileno()
except io.UnsupportedOperation as e:
    print(type(e).__name__, e, isinstance(e, OSError), isinstance(e, ValueError))

buf = io.StringIO()
print("a", "b", sep="-", end="!\n", file=buf)
print(42, file=buf)
print(repr(buf.getvalue()))
with io.StringIO("x\ny\n") as f:
    print(f.readlines())
print(f.closed)

class Upper(io.StringIO):
    def write(self, s):
        return super().write(s.upper())

u = Upper()
u.write("shout")
print(u.getvalue(), isinstance(u, io.StringIO), isinstance(u, io.TextIOBase), type(u).__mro__[1].__name__)
u.extra = 5
print(u.extra)
print(io.StringIO("abc\ndef").readline(2), repr(io.StringIO("abc").readline(-1)))
sio = io.StringIO("line1\nline2\n")
print(sio.readlines(), sio.tell(), sio.seek(0, 2))
