"""Where imported modules are found: CPython's `sys.path`, for the bytecode's version.

An `Installation` describes a CPython of some version (its `sys.path` without the script
directory, its builtin module names, its extension suffixes), read once by running that
interpreter. A `Finder` looks a dotted module name up along a list of roots, the way
CPython's PathFinder/FileFinder do, but sourceless: per directory, a package directory
(`NAME/__init__` as `.pyc` or `__pycache__/__init__.cpython-3XY.pyc`) wins over an extension
module (`NAME.cpython-3XY-*.so`), which wins over a module's `__pycache__/NAME.cpython-3XY.pyc`,
which wins over a legacy `NAME.pyc`; a directory without `__init__` is a namespace package
only if no root has a module of that name. `.py` sources are never read.
"""
from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import CompileError

_PROBE = r"""
import sys, json, sysconfig, importlib.machinery as m
print(json.dumps({"executable": sys.executable,
                  "version": "%d.%d" % sys.version_info[:2],
                  "micro": sys.version_info[2],
                  "path": [p for p in sys.path if p],
                  "stdlib": sysconfig.get_paths()["stdlib"],
                  "builtins": sorted(sys.builtin_module_names),
                  "ext_suffixes": m.EXTENSION_SUFFIXES}))
"""


@dataclass(frozen=True)
class Installation:
    executable: str
    version: str                  # "3.11"
    micro: int
    path: tuple[str, ...]         # sys.path without the script directory
    stdlib: str
    builtins: frozenset[str]      # sys.builtin_module_names
    ext_suffixes: tuple[str, ...]

    def is_stdlib(self, path: Path) -> bool:
        try:
            rel = Path(path).resolve().relative_to(Path(self.stdlib).resolve())
        except ValueError:
            return False
        return "site-packages" not in rel.parts and "dist-packages" not in rel.parts


class InstallationError(CompileError):
    """No usable Python installation for the bytecode's version."""


@functools.lru_cache(maxsize=None)
def probe(executable: str) -> Installation:
    try:
        res = subprocess.run([executable, "-E", "-s", "-c", _PROBE], capture_output=True,
                             text=True, timeout=60)
    except OSError as e:
        raise InstallationError(f"--python {executable}: cannot run it: {e}") from None
    if res.returncode != 0:
        raise InstallationError(f"--python {executable}: it failed: {res.stderr.strip()[-300:]}")
    d = json.loads(res.stdout)
    script_dir = os.path.dirname(os.path.abspath(__file__))
    path = tuple(p for p in d["path"] if os.path.abspath(p) != script_dir)
    return Installation(d["executable"], d["version"], d["micro"], path, d["stdlib"],
                        frozenset(d["builtins"]), tuple(d["ext_suffixes"]))


def find_installation(version: str, python: str | None = None) -> Installation:
    """The installation given by `--python`, else this interpreter when its version is
    `version`, else `python3.X` on PATH, else tools/get_pythons.sh's copy (for 3.12: Pyodide's
    stdlib compiled to .pyc, no interpreter). Raises InstallationError naming what to do."""
    if python is not None:
        inst = probe(python)
        if inst.version != version:
            raise InstallationError(f"--python {python} is Python {inst.version}, but the bytecode "
                                    f"is Python {version}; give a Python {version} interpreter")
        return inst
    if "%d.%d" % sys.version_info[:2] == version:
        return probe(sys.executable)
    found = shutil.which(f"python{version}")
    try:
        if found is None:
            raise InstallationError(f"no Python {version} found on PATH for the standard library "
                                    f"and site-packages; give one with --python PATH")
        return probe(found)
    except InstallationError:
        private = _private_python(version)     # tools/get_pythons.sh's copy, if any
        if private is not None:
            return probe(private)
        from . import pythons
        d = pythons.pyodide_stdlib(version)    # its Pyodide stdlib (3.12), if any
        if d is None or d["version"] != version:
            raise
        return Installation(d["executable"], d["version"], d["micro"], tuple(d["path"]),
                            d["stdlib"], frozenset(d["builtins"]), tuple(d["ext_suffixes"]))


def _private_python(version: str) -> str | None:
    from . import pythons
    python = pythons.native(version)
    return python.argv[0] if python is not None else None


# ------------------------------------------------------------------------------ the finder

@dataclass(frozen=True)
class Root:
    path: Path
    origin: str          # "input", "path" (--path), "stdlib", "site" (site-packages etc.)


@dataclass(frozen=True)
class Found:
    name: str
    kind: str                     # "module", "package", "namespace", "extension"
    pyc: Path | None              # the bytecode (module, package); the .so for an extension
    dirs: tuple[Path, ...] = ()   # a package's __path__
    origin: str = ""              # the root's origin
    file: str = ""                # what `__file__` says (CPython's view: the source path)


@dataclass
class Finder:
    roots: list[Root]
    version: str
    ext_suffixes: tuple[str, ...] = ()
    _cache: dict = field(default_factory=dict)

    @property
    def tag(self) -> str:
        return "cpython-" + self.version.replace(".", "")

    def find(self, name: str, parent: Found | None = None) -> Found | None:
        """The module `name` (dotted); for a submodule, `parent` is its package's Found."""
        key = (name, parent.dirs if parent else None)
        if key not in self._cache:
            self._cache[key] = self._find(name, parent)
        return self._cache[key]

    def _find(self, name: str, parent: Found | None) -> Found | None:
        leaf = name.rpartition(".")[2]
        if parent is not None:
            places = [Root(d, parent.origin) for d in parent.dirs]
        else:
            places = self.roots
        namespace_dirs = []
        for root in places:
            found = self._in_directory(root, name, leaf)
            if found is None:
                continue
            if found.kind == "namespace":
                namespace_dirs.extend(found.dirs)
                continue
            return found
        if namespace_dirs:
            return Found(name, "namespace", None, tuple(namespace_dirs),
                         places[0].origin if places else "", "")
        return None

    def _in_directory(self, root: Root, name: str, leaf: str) -> Found | None:
        d = root.path / leaf
        if d.is_dir() and leaf.isidentifier():
            init = self._pyc_of(d, "__init__")
            if init is not None:
                return Found(name, "package", init, (d,), root.origin,
                             self._file_of(d, "__init__", init))
        for suffix in self.ext_suffixes:
            so = root.path / (leaf + suffix)
            if so.is_file():
                return Found(name, "extension", so, (), root.origin, str(so))
        pyc = self._pyc_of(root.path, leaf)
        if pyc is not None:
            return Found(name, "module", pyc, (), root.origin, self._file_of(root.path, leaf, pyc))
        if d.is_dir() and leaf.isidentifier():
            return Found(name, "namespace", None, (d,), root.origin, "")
        return None

    def _pyc_of(self, directory: Path, stem: str) -> Path | None:
        cached = directory / "__pycache__" / f"{stem}.{self.tag}.pyc"
        if cached.is_file():
            return cached
        legacy = directory / f"{stem}.pyc"
        return legacy if legacy.is_file() else None

    @staticmethod
    def _file_of(directory: Path, stem: str, pyc: Path) -> str:
        """`__file__` as CPython reports it: the source path when the bytecode sits in
        `__pycache__`, the `.pyc` itself for legacy sourceless bytecode."""
        if pyc.parent.name == "__pycache__":
            return str(directory / f"{stem}.py")
        return str(pyc)
