# pathlib over the compiled os/posixpath/fnmatch and the native posix
from pathlib import Path, PurePosixPath

p = PurePosixPath("/usr/lib/python3.11/os.py")
print(p.name, p.stem, p.suffix, p.suffixes, p.parent, p.parts, p.anchor, p.is_absolute())
print(p.with_name("x.txt"), p.with_suffix(".pyc"), p.relative_to("/usr"), p.match("*.py"), p.match("lib/*/*.py"))
print(PurePosixPath("a") / "b" / "c", PurePosixPath("a/b/../c"), PurePosixPath("/a") / "/b", list(p.parents)[:2])
print(PurePosixPath("x.tar.gz").suffixes, PurePosixPath("a/b") == PurePosixPath("a//b"), PurePosixPath("a") < PurePosixPath("b"))
base = Path("pathlib_tmp")
base.mkdir(exist_ok=True)
(base / "sub").mkdir(exist_ok=True)
(base / "a.txt").write_text("hello\nworld\n")
(base / "b.bin").write_bytes(b"\x00\x01\x02")
(base / "sub" / "c.py").write_text("print('hi')\n")
print((base / "a.txt").read_text(), (base / "b.bin").read_bytes(), (base / "a.txt").stat().st_size)
print(sorted(x.name for x in base.iterdir()), sorted(str(x) for x in base.glob("*.txt")), sorted(str(x) for x in base.rglob("*.py")))
print((base / "a.txt").exists(), (base / "a.txt").is_file(), (base / "sub").is_dir(), (base / "nope").exists())
with (base / "a.txt").open() as f:
    print(f.readline().strip())
(base / "a.txt").rename(base / "renamed.txt")
print(sorted(x.name for x in base.iterdir()))
for x in sorted(base.rglob("*"), reverse=True):
    x.rmdir() if x.is_dir() else x.unlink()
base.rmdir()
print(base.exists(), Path("x/y").as_posix(), repr(Path("q")), str(Path.cwd() / "z") == str(Path("z").absolute()))
