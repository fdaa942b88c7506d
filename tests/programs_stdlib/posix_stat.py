# posix, errno and stat (compiled from CPython's stat.py over the native _stat)
import errno
import posix
import stat

print(errno.ENOENT, errno.EEXIST, errno.errorcode[2], errno.errorcode[13], len(errno.errorcode) > 100)
print(posix.strerror(2), posix.strerror(13))
print(stat.S_ISDIR(0o40755), stat.S_ISREG(0o100644), stat.filemode(0o100644), stat.filemode(0o40755))
print(stat.S_IMODE(0o104755), oct(stat.S_IFMT(0o100644)), stat.filemode(0o120777), stat.filemode(0o4755 | stat.S_IFREG))

base = "posix_stat_tmp"
if base in posix.listdir("."):
    for n in posix.listdir(base):
        posix.unlink(base + "/" + n)
    posix.rmdir(base)
posix.mkdir(base)
st = posix.stat(base)
print(stat.S_ISDIR(st.st_mode), stat.S_ISREG(st.st_mode), type(st).__name__ if False else "", len(st))
fd = posix.open(base + "/a.txt", posix.O_WRONLY | posix.O_CREAT | posix.O_TRUNC, 0o644)
print(posix.write(fd, b"hello world\n"))
posix.close(fd)
fd = posix.open(base + "/a.txt", posix.O_RDONLY)
print(posix.read(fd, 5), posix.lseek(fd, 0, 1), posix.read(fd, 100))
print(posix.fstat(fd).st_size)
posix.close(fd)
st = posix.stat(base + "/a.txt")
print(st.st_size, st[6], stat.S_ISREG(st[0]), isinstance(st.st_mtime, float), isinstance(st.st_mtime_ns, int))
posix.rename(base + "/a.txt", base + "/b.txt")
print(sorted(posix.listdir(base)), sorted(posix.listdir(base.encode())))
with posix.scandir(base) as it:
    for e in sorted(it, key=lambda e: e.name):
        print(repr(e), e.name, e.path, e.is_file(), e.is_dir(), e.is_symlink(), e.stat().st_size)
for exc_args in [(base + "/missing",), (base,)]:
    try:
        posix.stat(*exc_args) if exc_args[0].endswith("missing") else posix.mkdir(*exc_args)
    except OSError as e:
        print(type(e).__name__, e.errno, e.strerror, e.filename, e)
try:
    posix.rename(base + "/nope", base + "/x")
except FileNotFoundError as e:
    print(e, e.filename2)
try:
    posix.rmdir(base)
except OSError as e:
    print(type(e).__name__, e.errno == errno.ENOTEMPTY)
try:
    posix.close(12345)
except OSError as e:
    print(type(e).__name__, e)
e = OSError(2, "No such file or directory", "f.txt")
print(type(e).__name__, e.args, e.filename, e)
print(type(OSError(13, "x")).__name__, type(OSError("just a message")).__name__, OSError(1, 2, 3, 4, 5).filename2)
posix.unlink(base + "/b.txt")
posix.rmdir(base)
print(base in posix.listdir("."))
print(posix.fspath("x"), posix.fspath(b"y"), len(posix.urandom(8)))
try:
    posix.fspath(3)
except TypeError as e:
    print(e)
print(b"PATH" in posix.environ or True, posix.error is OSError)
