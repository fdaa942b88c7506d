# open() in text and binary modes over real files (in a scratch directory of the working
# directory), TextIOWrapper/BufferedReader/FileIO attributes, errors, sys.stdout
import io
import sys
import posix

d = "io_tw_tmp"
if d not in posix.listdir("."):
    posix.mkdir(d)
p = d + "/a.txt"

with open(p, "w") as f:
    print(type(f).__name__, f.name, f.mode, f.encoding, f.errors, f.closed, f.line_buffering)
    print(repr(f))
    print(f.write("first line\n"), f.write("second ünïcode line\n"), f.writable(), f.readable())
    f.writelines(["x\n", "y\n"])
    print(f.tell())
print(f.closed)
with open(p) as f:
    print(repr(f.readline()), repr(f.read(6)), f.tell())
    print(repr(f.read()))
    print(repr(f.read()), repr(f.readline()))
with open(p) as f:
    print([l.rstrip("\n") for l in f])
with open(p) as f:
    print(f.readlines())
with open(p, "a") as f:
    f.write("appended\n")
with open(p, "r+") as f:
    print(repr(f.read(5)))
    f.seek(0)
    f.write("FIRST")
    f.seek(0)
    print(repr(f.readline()))
with open(p, "rb") as f:
    print(type(f).__name__, f.name, f.mode, repr(f))
    print(f.read(5), f.readline(), f.tell(), f.seek(-9, 2), f.read())
    print(type(f.raw).__name__, f.raw.mode, f.raw.closefd, repr(f.raw))
with open(p, "rb", buffering=0) as f:
    print(type(f).__name__, f.read(3), f.readall()[:6])
with open(p, "wb") as f:
    print(f.write(b"a\r\nb\rc\nd"))
with open(p, newline=None) as f:
    print(repr(f.read()), f.newlines)
with open(p, newline="") as f:
    print([l for l in f])
with open(p, newline="\r") as f:
    print([l for l in f])
with open(p, "w", encoding="latin-1") as f:
    f.write("caf\xe9\n")
with open(p, "rb") as f:
    print(f.read())
with open(p, encoding="latin-1") as f:
    print(repr(f.read()), f.encoding)
try:
    with open(p, "w", encoding="ascii") as f:
        f.write("caf\xe9")
except UnicodeEncodeError as e:
    print(e)
with open(p, "w", encoding="utf-16") as f:
    f.write("hi")
with open(p, "rb") as f:
    print(f.read())
with open(p, encoding="utf-16") as f:
    print(repr(f.read()))

for args in [(d + "/missing.txt",), (d,), (p, "rw"), (p, "rbt"), (p, "wb", -1, "utf-8"), (p, "w", 0)]:
    try:
        open(*args)
    except (OSError, ValueError) as e:
        print(type(e).__name__, e)
try:
    open(p, "x")
except FileExistsError as e:
    print(type(e).__name__, e.errno, e.filename)
f = open(p)
f.close()
for op in [f.read, f.readline, lambda: f.write("x"), f.tell]:
    try:
        op()
    except ValueError as e:
        print(type(e).__name__, e)
with open(p, "w") as f:
    try:
        f.read()
    except io.UnsupportedOperation as e:
        print(type(e).__name__, e)
with open(p) as f:
    try:
        f.write("x")
    except io.UnsupportedOperation as e:
        print(type(e).__name__, e)

fd = posix.open(p, posix.O_RDONLY)
with open(fd, closefd=True) as f:
    # the number itself differs under WASI (its preopened directory holds fd 3)
    print(f.name == fd, repr(f.read()))
f = io.FileIO(p, "w")
print(f.write(b"raw"), f.mode, f.closed)
f.close()
print(f.closed, repr(f))
print(open(p, "rb").read())

print(sys.stdout.encoding, sys.stderr.errors, sys.stdout.name, sys.stdout.mode, sys.stdout.fileno())
print(sys.stdout.writable(), sys.stdout.readable(), sys.stdin.readable())
sys.stdout.write("via write\n")
sys.stdout.flush()
sys.stdout.buffer.write(b"via buffer\n")
print("after buffer")
sys.stdout.buffer.flush()
sys.stderr.write("to stderr\n")
posix.unlink(p)
posix.rmdir(d)
w = open("io_tw_unclosed.txt", "w")
w.write("flushed at exit\n")
import atexit
atexit.register(lambda: print("atexit runs"))
