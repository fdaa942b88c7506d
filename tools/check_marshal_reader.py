"""Measures frontend_bytecode/marshal_reader against a real interpreter's marshal over that
interpreter's whole stdlib: every .py under its stdlib is compiled and marshalled BY THAT
INTERPRETER, which also records a canonical form of each code-object tree (every field of
every code object, constants type-tagged); the host then reads the marshalled bytes with
marshal_reader and compares. Prints the counts; exits 1 on any mismatch.

    python tools/check_marshal_reader.py 3.13 [--limit N]
"""
from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

FIELDS = ("co_argcount", "co_posonlyargcount", "co_kwonlyargcount", "co_stacksize", "co_flags",
          "co_code", "co_names", "co_varnames", "co_cellvars", "co_freevars", "co_filename",
          "co_name", "co_qualname", "co_firstlineno", "co_linetable", "co_exceptiontable")


def canon(o):
    """A type-tagged, hashable form of a marshalled value (code objects field by field)."""
    if hasattr(o, "co_code") and hasattr(o, "co_consts"):
        return ("code",) + tuple(canon(getattr(o, f)) for f in FIELDS) + (canon(o.co_consts),)
    if isinstance(o, (tuple, list)):
        return (type(o).__name__,) + tuple(canon(x) for x in o)
    if isinstance(o, (set, frozenset)):
        return (type(o).__name__,) + tuple(sorted((canon(x) for x in o), key=repr))
    if isinstance(o, float):
        return ("float", o.hex())
    if isinstance(o, complex):
        return ("complex", o.real.hex(), o.imag.hex())
    if isinstance(o, slice):
        return ("slice", canon(o.start), canon(o.stop), canon(o.step))
    return (type(o).__name__, ascii(o))    # ascii: repr's notion of printable moves


def count_codes(o) -> int:
    return 1 + sum(count_codes(c) for c in o.co_consts if hasattr(c, "co_code"))


def digest(code) -> str:
    return hashlib.sha256(repr(canon(code)).encode()).hexdigest()


def stdlib_sources():
    """(relative path, source bytes) of every .py in the running interpreter's stdlib
    (a directory, or Pyodide's pythonXY.zip)."""
    zips = [p for p in sys.path if p.endswith(".zip") and os.path.isfile(p)]
    if zips:
        import zipfile
        with zipfile.ZipFile(zips[0]) as z:
            for name in sorted(z.namelist()):
                if name.endswith(".py") and "site-packages/" not in name:
                    yield name, z.read(name)
        return
    root = os.path.dirname(os.__file__)
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if x not in ("__pycache__", "site-packages", "dist-packages"))
        for f in sorted(files):
            if f.endswith(".py"):
                path = os.path.join(d, f)
                try:
                    with open(path, "rb") as fh:
                        yield os.path.relpath(path, root), fh.read()
                except OSError:
                    continue            # dangling links


def produce(out: str) -> None:
    """Runs under the real interpreter: OUT/N.m (marshal bytes) and OUT/index.tsv."""
    import marshal
    rows = []
    for rel, source in stdlib_sources():
        try:
            code = compile(source, rel, "exec", dont_inherit=True)
        except (SyntaxError, ValueError):
            continue                    # deliberately broken test inputs
        n = len(rows)
        with open(os.path.join(out, f"{n}.m"), "wb") as fh:
            fh.write(marshal.dumps(code))
        rows.append(f"{n}\t{rel}\t{count_codes(code)}\t{digest(code)}")
    with open(os.path.join(out, "index.tsv"), "w") as fh:
        fh.write("\n".join(rows) + "\n")


def measure(version: str, limit: int | None = None) -> dict:
    repo = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(repo))
    from pybc2wasm import pythons
    from pybc2wasm.frontend_bytecode.marshal_reader import loads
    python = pythons.find(version)
    if python is None:
        raise SystemExit(pythons.missing_reason(version))
    with tempfile.TemporaryDirectory(prefix="marshal-check-") as out:
        env = dict(os.environ, PYRUN_MOUNT=out)
        proc = python.run([Path(__file__).resolve(), "--produce", out], timeout=1800, env=env)
        if proc.returncode != 0:
            raise SystemExit(proc.stderr.decode()[-2000:])
        files = codes = 0
        bad = []
        for line in Path(out, "index.tsv").read_text().splitlines()[:limit]:
            n, rel, ncodes, expected = line.split("\t")
            try:
                code = loads(Path(out, f"{n}.m").read_bytes(), version)
                ok = digest(code) == expected
            except ValueError as e:
                ok = False
                rel += f" ({e})"
            files += 1
            codes += int(ncodes)
            if not ok:
                bad.append(rel)
    return {"version": version, "files": files, "code_objects": codes, "mismatches": bad}


if __name__ == "__main__":
    if sys.argv[1] == "--produce":
        produce(sys.argv[2])
        sys.exit(0)
    limit = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] == "--limit" else None
    r = measure(sys.argv[1], limit)
    print(f"{r['version']}: {r['files']} files, {r['code_objects']} code objects, "
          f"{len(r['mismatches'])} mismatches")
    for m in r["mismatches"][:20]:
        print("  mismatch:", m)
    sys.exit(1 if r["mismatches"] else 0)
