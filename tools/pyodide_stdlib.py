"""Pyodide's standard library as a sourceless installation for the module search path.

Run inside Pyodide by tools/get_pythons.sh (there is no native CPython 3.12 package to fetch):
    PYRUN_MOUNT=DIR node tools/pyodide_run.mjs pyodide312 run tools/pyodide_stdlib.py DIR
It unpacks the interpreter's own stdlib archive into DIR/lib, compiles it to
`__pycache__/*.cpython-3XY.pyc` with that interpreter, and writes DIR/installation.json in the
shape of pybc2wasm.search_path's probe (version, micro, builtin module names, extension
suffixes), the paths being DIR/lib. Pyodide's own packages (pyodide, _pyodide) are left out.
"""
import compileall
import importlib.machinery
import json
import os
import sys
import zipfile

dest = sys.argv[1]
lib = os.path.join(dest, "lib")
archive = next(p for p in sys.path if p.endswith(".zip"))
with zipfile.ZipFile(archive) as z:
    members = [m for m in z.namelist() if m.split("/", 1)[0] not in ("pyodide", "_pyodide")]
    z.extractall(lib, members)
if not compileall.compile_dir(lib, quiet=1, workers=1):
    sys.exit("compileall failed")
with open(os.path.join(dest, "installation.json"), "w") as fh:
    json.dump({"executable": "",
               "version": "%d.%d" % sys.version_info[:2],
               "micro": sys.version_info[2],
               "path": [lib],
               "stdlib": lib,
               "builtins": sorted(sys.builtin_module_names),
               "ext_suffixes": importlib.machinery.EXTENSION_SUFFIXES}, fh)
print("stdlib of Pyodide's Python %s in %s: %d files" % (
    sys.version.split()[0], lib, len(members)))
