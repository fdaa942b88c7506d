"""Data files of compiled packages, bundled into the program.

A package's non-code files are part of it: `pkgutil.get_data(__name__, "data.bin")` (as
text_unidecode reads its table) asks the package's loader for the file beside its modules.
Every file under the directory of a package compiled from the program's inputs, `--path` or
site-packages is bundled — except bytecode, sources, stubs and C extension builds, and the
contents of subdirectories that are packages of their own (bundled when they are in the
program) — and the runtime's loader returns it from `get_data(path)` at the path
`dirname(__file__)/relative/name` the program computes. Stdlib packages are not bundled
(their data is test data or tools).

A distribution's metadata is bundled with the modules it installed: for each top-level module or
package compiled from the inputs, `--path` or site-packages, the `*.dist-info` beside it whose `RECORD` (or
`top_level.txt`) names it gives its `METADATA` and `entry_points.txt`, at the path
`dir/NAME-VERSION.dist-info/METADATA` the program sees, where `importlib.metadata`'s
`version()` and `entry_points()` find them through the runtime's finder.
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
    for path, f in dist_info_files(graph):
        found.setdefault(path, f)
    return sorted(found.items())


DIST_INFO_FILES = ("METADATA", "entry_points.txt")


def _owns(dist: Path, top: str) -> bool:
    """Whether the installed distribution `dist` (a *.dist-info directory) has module `top`."""
    top_level = dist / "top_level.txt"
    if top_level.exists() and top in top_level.read_text(errors="replace").split():
        return True
    record = dist / "RECORD"
    if not record.exists():
        return False
    for line in record.read_text(errors="replace").splitlines():
        entry = line.split(",", 1)[0]
        if entry.startswith(f"{top}/") or entry in (f"{top}.py", f"{top}.pyc") or \
                entry.startswith(f"{top}.cpython-"):
            return True
    return False


def dist_info_files(graph: Graph) -> list[tuple[str, Path]]:
    """(path the program sees, file on disk) of the metadata of each distribution that
    installed a top-level module of the program (from its inputs, --path or site-packages)."""
    found: dict[str, Path] = {}
    for node in graph.compiled():
        if node.kind != COMPILED or "." in node.name or node.origin not in ORIGINS \
                or not node.file:
            continue
        # where the program sees the directory (from __file__, relative for its inputs) and
        # where it is on disk
        base = os.path.dirname(node.file)
        if node.is_package:
            base = os.path.dirname(base)
            where = node.dirs[0].parent if node.dirs else None
        else:
            where = node.pyc.parent if node.pyc else None
            if where is not None and where.name == "__pycache__":
                where = where.parent
        if where is None or not where.is_dir():
            continue
        for dist in sorted(where.glob("*.dist-info")):
            if not _owns(dist, node.name):
                continue
            for name in DIST_INFO_FILES:
                if (dist / name).is_file():
                    seen = f"{base}/{dist.name}/{name}" if base else f"{dist.name}/{name}"
                    found.setdefault(seen, (dist / name).resolve())
    return sorted(found.items())


def digest(files: list[tuple[str, Path]]) -> list[tuple[str, str]]:
    """What the linked program's cache key needs of the files: their paths and contents."""
    return [(path, hashlib.sha256(f.read_bytes()).hexdigest()) for path, f in files]
