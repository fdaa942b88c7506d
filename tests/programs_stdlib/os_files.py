# files in a scratch subdirectory: os.open/read/write/lseek, fdopen, listdir/scandir/walk,
# stat results, rename/remove, errors with errno and filenames
import errno
import os
import stat

d = "os_files_tmp"
os.mkdir(d)
try:
    os.mkdir(d)
except FileExistsError as e:
    print(type(e).__name__, e.errno == errno.EEXIST, e.filename)
fd = os.open(os.path.join(d, "data.bin"), os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o644)
print(os.write(fd, b"0123456789"), os.lseek(fd, 0, os.SEEK_CUR))
os.close(fd)
fd = os.open(os.path.join(d, "data.bin"), os.O_RDONLY)
print(os.read(fd, 4), os.lseek(fd, -3, os.SEEK_END), os.read(fd, 10), os.read(fd, 10), os.fstat(fd).st_size)
os.close(fd)
with os.fdopen(os.open(os.path.join(d, "t.txt"), os.O_CREAT | os.O_WRONLY), "w") as f:
    f.write("via fdopen\n")
with open(os.path.join(d, "t.txt")) as f:
    print(f.read().strip())
st = os.stat(os.path.join(d, "data.bin"))
print(st.st_size, stat.S_ISREG(st.st_mode), stat.S_ISDIR(os.stat(d).st_mode), type(st).__name__, len(tuple(st)))
for n in ["x1", "x2", "x3"]:
    open(os.path.join(d, n), "w").close()
os.makedirs(os.path.join(d, "deep", "er"))
print(sorted(os.listdir(d)))
with os.scandir(d) as it:
    print(sorted((e.name, e.is_dir(), e.is_file()) for e in it))
print([(r, sorted(ds), sorted(fs)) for r, ds, fs in sorted(os.walk(d))])
os.rename(os.path.join(d, "x1"), os.path.join(d, "y1"))
for n in ["y1", "x2", "x3", "data.bin", "t.txt"]:
    os.unlink(os.path.join(d, n))
os.rmdir(os.path.join(d, "deep", "er"))
os.rmdir(os.path.join(d, "deep"))
for bad in [lambda: os.rmdir("no_such_dir_here"), lambda: os.remove(d), lambda: os.listdir("no_such_dir")]:
    try:
        bad()
    except OSError as e:
        print(type(e).__name__, e.errno, e.strerror, e.filename)
os.rmdir(d)
print(os.path.exists(d), os.getpid() > 0, len(os.urandom(4)), os.cpu_count() is None or os.cpu_count() > 0)
