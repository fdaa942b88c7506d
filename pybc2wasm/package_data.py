"""Data files of compiled packages, bundled into the program.

A package's non-code files are part of it: `pkgutil.get_data(__name__, "data.bin")` (as
text_unidecode reads its table) asks the package's loader for the file beside its modules.
Every file under the directory of a package compiled from the program's inputs, `--path` or
site-packages is bundled — except bytecode, sources, stubs and C extension builds, and the
contents of subdirectories that are packages of their own (bundled when they are in the
program) — and the runtime's loader returns it from `get_data(path)` at the path
`dirname(__file__)/relative/name` the program computes. Stdlib packages are not bundled
(their data is test data or tools).
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .modgraph import COMPILED, Graph

CODE_SUFFIXES = (".py", ".pyc", ".pyo", ".pyi", ".so", ".pyd", ".dll", ".dylib", ".c", ".h")
ORIGINS = ("input", "path", "site")


def _is_package_dir(d: Path) -> bool:
    return any((d / f"__init__{s}").exists() for s in (".py", ".pyc")) or \
        any((d / "__pycache__").glob("__init__.*.pyc"))


def package_files(graph: Graph) -> list[tuple[str, Path]]:
    """(path the program sees, file on disk) of every bundled data file, sorted."""
    found: dict[str, Path] = {}
    for node in graph.compiled():
        if node.kind != COMPILED or not node.is_package or node.origin not in ORIGINS or not node.file:
            continue
        base = os.path.dirname(node.file)
        for d in node.dirs:
            for sub, dirnames, filenames in os.walk(d):
                subdir = Path(sub)
                dirnames[:] = sorted(n for n in dirnames
                                     if n != "__pycache__" and not _is_package_dir(subdir / n))
                for f in sorted(filenames):
                    if f.endswith(CODE_SUFFIXES):
                        continue
                    rel = (subdir / f).relative_to(d).as_posix()
                    found.setdefault(f"{base}/{rel}", (subdir / f).resolve())
    return sorted(found.items())


def digest(files: list[tuple[str, Path]]) -> list[tuple[str, str]]:
    """What the linked program's cache key needs of the files: their paths and contents."""
    return [(path, hashlib.sha256(f.read_bytes()).hexdigest()) for path, f in files]
