# io as CPython's Lib/io.py (compiled from its .pyc) over the native _io: the abstract base
# classes registered for the concrete classes, subclassing them, and the names io re-exports.
import io
import _io

with open("io_abcs.tmp", "wb") as f:
    f.write(b"data")
for obj, bases in [(io.StringIO(), (io.IOBase, io.TextIOBase, io.BufferedIOBase, io.RawIOBase)),
                   (io.BytesIO(), (io.IOBase, io.BufferedIOBase, io.TextIOBase)),
                   (io.FileIO("io_abcs.tmp"), (io.IOBase, io.RawIOBase, io.BufferedIOBase))]:
    print(type(obj).__name__, [isinstance(obj, b) for b in bases])
    obj.close()
print(issubclass(io.BufferedReader, io.BufferedIOBase), issubclass(io.TextIOWrapper, io.TextIOBase))
print(io.IOBase.__module__, io.TextIOBase.__name__, type(io.IOBase).__name__)
print(io.open is _io.open, io.StringIO is _io.StringIO, io.DEFAULT_BUFFER_SIZE, io.SEEK_END)
print(io.UnsupportedOperation.__mro__[1:3], issubclass(io.BlockingIOError, OSError))


class Upper(io.RawIOBase):
    def __init__(self, data):
        self.data = data

    def readable(self):
        return True

    def readinto(self, b):
        n = min(len(b), len(self.data))
        b[:n] = self.data[:n].upper()
        self.data = self.data[n:]
        return n


r = io.BufferedReader(Upper(b"hello raw io\nsecond line\n"))
print(r.readline(), r.read(), isinstance(r.raw, io.RawIOBase))


class Lines(io.TextIOBase):
    def __init__(self):
        self.parts = []

    def writable(self):
        return True

    def write(self, s):
        self.parts.append(s)
        return len(s)

    def flush(self):
        self.parts.append("<flush>")


w = Lines()
print("a", "b", file=w)
w.writelines(["x\n", "y\n"])
print("z", 1, sep="-", end="!", file=w, flush=True)
print(w.parts, w.closed, w.readable())
try:
    w.read()
except io.UnsupportedOperation as e:
    print("UnsupportedOperation:", e)
print(sorted(n for n in io.__all__ if not n.startswith("_"))[:8])
