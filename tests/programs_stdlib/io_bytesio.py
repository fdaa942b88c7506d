# io.BytesIO and the binary layers
import io

b = io.BytesIO(b"hello\nworld\n")
print(b.read(3), b.tell(), b.readline(), b.readline(), b.readline())
b.seek(0)
print(list(b))
b.seek(0, 2)
print(b.write(b"more"), b.getvalue(), b.tell())
b.seek(-2, 2)
print(b.read(), b.seek(100), b.write(b"!"), len(b.getvalue()), b.getvalue()[-5:])
print(b.truncate(4), b.getvalue(), b.tell())
print(b.readable(), b.writable(), b.seekable(), b.closed, b.isatty())
b.writelines([b"a", b"b"])
print(b.getvalue())
try:
    b.write("str")
except TypeError as e:
    print(e)
try:
    b.seek(-1)
except ValueError as e:
    print(e)
b.close()
try:
    b.read()
except ValueError as e:
    print(e)
with io.BytesIO() as w:
    w.write(b"abc")
    print(w.getvalue(), w.read1(), w.seek(0), w.read1(2))
print(w.closed)

r = io.BufferedReader(io.BytesIO(b"line one\nline two\nrest"), buffer_size=4)
print(r.peek(1)[:1], r.read(4), r.readline(), r.read1(3), r.tell(), r.read(), r.read())
print(r.readable(), r.writable(), r.seekable(), r.closed)
raw = io.BytesIO()
wr = io.BufferedWriter(raw)
wr.write(b"abc")
wr.write(b"def")
print(raw.getvalue(), wr.tell())
wr.flush()
print(raw.getvalue())
rnd = io.BufferedRandom(io.BytesIO(b"0123456789"))
print(rnd.read(3), rnd.write(b"abc"), rnd.tell(), rnd.seek(0), rnd.read())
t = io.TextIOWrapper(io.BytesIO("héllo\nwörld\n".encode("utf-8")), encoding="utf-8")
print(t.readline(), t.read(), t.encoding, t.errors)
t = io.TextIOWrapper(io.BytesIO(), encoding="latin-1", newline="\r\n")
t.write("a\nb\n")
t.flush()
print(t.buffer.getvalue())
try:
    io.BufferedReader(io.BytesIO(b""), buffer_size=0)
except ValueError as e:
    print(e)
print(io.DEFAULT_BUFFER_SIZE, io.SEEK_END)
