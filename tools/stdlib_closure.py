"""Which stdlib modules (written in Python) a program imports when CPython runs it, and a
directory of their .pyc files in package layout beside the program: a stand-in for the
import graph while it is not on main.

    python tools/stdlib_closure.py PROG.py DIR [--native NAME ...]

Runs PROG in a child CPython after forgetting every module loaded from a .py file (so each one
the program needs is imported again and recorded), then copies the recorded modules'
__pycache__ .pyc files into DIR (DIR/pkg/__init__.pyc, DIR/mod.pyc) and PROG's bytecode as
DIR/app.pyc. Names given with --native (and their submodules) are left to the runtime.
"""
from __future__ import annotations

import py_compile
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

STDLIB = Path(sysconfig.get_paths()["stdlib"])

_RECORDER = r'''
import sys, builtins, os, importlib.util
prog = sys.argv[1]
out = sys.argv[2]
seen = {}
# the codec machinery stays (the C codec registry keeps the original encodings module):
# those modules are recorded when asked for, their own imports come from KEEP_DEPS
KEEP = {"codecs", "encodings", "encodings.aliases", "encodings.utf_8", "io", "abc"}
for name, m in list(sys.modules.items()):
    f = getattr(m, "__file__", None) or ""
    if f.endswith(".py") and name != "__main__" and name not in KEEP:
        del sys.modules[name]
real_import = builtins.__import__
def rec(name, globals=None, locals=None, fromlist=(), level=0):
    m = real_import(name, globals, locals, fromlist, level)
    if level == 0:
        parts = name.split(".")
        for i in range(1, len(parts) + 1):
            k = ".".join(parts[:i])
            if k in KEEP and k not in seen:
                seen[k] = sys.modules[k].__file__
    for k, v in list(sys.modules.items()):
        f = getattr(v, "__file__", None) or ""
        if (k not in seen and k not in KEEP and f.endswith(".py") and k != "__main__"
                and getattr(v, "__name__", k) == k):
            seen[k] = f
    return m
builtins.__import__ = rec
sys.argv = [prog]
try:
    with open(prog) as fh:
        code = compile(fh.read(), prog, "exec")
    exec(code, {"__name__": "__main__", "__builtins__": builtins})
except BaseException:
    import traceback
    traceback.print_exc()
finally:
    with open(out, "w") as fh:
        fh.write(repr(seen))
'''


def imported_modules(prog: Path, cwd: Path) -> dict[str, str]:
    out = cwd / ".closure.txt"
    subprocess.run([sys.executable, "-S", "-c", _RECORDER, str(prog), str(out)], cwd=cwd,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
    seen = eval(out.read_text()) if out.exists() else {}
    out.unlink(missing_ok=True)
    for k, deps in KEEP_DEPS.items():
        if k in seen:
            for d in deps:
                seen.setdefault(d, str(STDLIB / (d.replace(".", "/") + ".py")))
    return {k: v for k, v in seen.items() if Path(v).is_relative_to(STDLIB)
            and "site-packages" not in v}


# what the modules the recorder keeps loaded import themselves (codecs only needs _codecs)
KEEP_DEPS = {"encodings": ["codecs", "encodings.aliases", "encodings.utf_8"], "io": ["abc"],
             "encodings.utf_8": ["codecs"]}


def build_dir(prog: Path, dest: Path, native: list[str], cwd: Path | None = None) -> list[str]:
    mods = imported_modules(prog.resolve(), cwd or prog.parent)
    dest.mkdir(parents=True, exist_ok=True)
    used = []
    for name, f in sorted(mods.items()):
        if any(name == n or name.startswith(n + ".") for n in native):
            continue
        src = Path(f)
        pyc = Path(importlib_cache(src))
        rel = Path(*name.split("."))
        target = dest / rel / "__init__.pyc" if src.name == "__init__.py" else dest / rel.with_suffix(".pyc")
        target.parent.mkdir(parents=True, exist_ok=True)
        if not pyc.exists():
            py_compile.compile(str(src), cfile=str(target), dfile=str(src), doraise=True)
        else:
            shutil.copy(pyc, target)
        used.append(name)
    py_compile.compile(str(prog), cfile=str(dest / "app.pyc"), dfile=prog.name, doraise=True)
    return used


def importlib_cache(src: Path) -> str:
    import importlib.util
    return importlib.util.cache_from_source(str(src))


if __name__ == "__main__":
    args = sys.argv[1:]
    native = []
    if "--native" in args:
        i = args.index("--native")
        native = args[i + 1:]
        args = args[:i]
    print("\n".join(build_dir(Path(args[0]), Path(args[1]), native)))
