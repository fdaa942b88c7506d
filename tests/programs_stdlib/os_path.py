# os and os.path compiled from CPython's os.py/posixpath.py/genericpath.py over native posix
import os
import os.path
import stat

print(os.name, os.sep, os.altsep, os.extsep, os.pathsep, os.curdir, os.pardir, repr(os.linesep), os.devnull)
for p in ["a/b/c.txt", "/abs/path/", "file.tar.gz", ".hidden", "a//b/../c", "", "/", "noext", "dir.d/file"]:
    print(repr(p), os.path.split(p), os.path.splitext(p), os.path.basename(p), os.path.dirname(p),
          os.path.isabs(p), os.path.normpath(p) if p else "")
print(os.path.join("a", "b", "c"), os.path.join("a/", "/b", "c"), os.path.join("", "x"), os.path.join(b"a", b"b"))
print(os.path.commonprefix(["/usr/lib", "/usr/local", "/usr/li"]), os.path.commonpath(["/usr/lib", "/usr/local"]))
print(os.path.relpath("/a/b/c", "/a/x"), os.path.normcase("AbC"), os.path.splitdrive("/x/y"))
print(os.path.expanduser("no_tilde"), os.path.expandvars("no_vars"), os.fspath("p"), os.fsencode("é"), os.fsdecode(b"x"))
print(os.path.exists("."), os.path.isdir("."), os.path.isfile("."), os.path.exists("does/not/exist"), os.path.islink("."))
d = "os_path_tmp"
os.makedirs(d + "/sub/deeper", exist_ok=True)
with open(d + "/f.txt", "w") as f:
    f.write("12345")
print(os.path.getsize(d + "/f.txt"), os.path.isfile(d + "/f.txt"), os.path.isdir(d + "/sub"))
print(os.path.samefile(d + "/f.txt", d + "/./f.txt"), stat.S_ISREG(os.stat(d + "/f.txt").st_mode))
print(sorted(os.listdir(d)), sorted(e.name for e in os.scandir(d)))
for root, dirs, files in os.walk(d):
    dirs.sort()
    print(root, sorted(dirs), sorted(files))
os.rename(d + "/f.txt", d + "/g.txt")
os.replace(d + "/g.txt", d + "/sub/g.txt")
print(sorted(os.listdir(d + "/sub")))
os.remove(d + "/sub/g.txt")
os.removedirs(d + "/sub/deeper")
print(os.path.exists(d))
print(isinstance(os.environ, os.__class__) or True, "PATH" in os.environ or True, os.getenv("SURELY_NOT_SET_VAR", "dflt"))
os.environ["MY_TEST_VAR"] = "value"
print(os.environ["MY_TEST_VAR"], os.environ.get("MY_TEST_VAR"), os.getenv("MY_TEST_VAR"))
del os.environ["MY_TEST_VAR"]
print(os.environ.get("MY_TEST_VAR"))
print(os.strerror(2), os.path.abspath("x") == os.path.join(os.getcwd(), "x"))
try:
    os.stat("missing_file_xyz")
except FileNotFoundError as e:
    print(e)
