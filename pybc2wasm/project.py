"""Multi-module programs: which compiled modules make up a program, and which one it runs.

A program is a directory of bytecode or a list of .pyc files. In a directory, module names
come from the layout, as CPython's import system would see it with the directory on
sys.path: `pkg/sub/mod.pyc` (what `compileall -b` writes beside the sources) or
`pkg/sub/__pycache__/mod.cpython-311.pyc` is module `pkg.sub.mod`; `__init__` makes its
directory a regular package, and a directory holding modules without one is a namespace
package. Where both layouts give the same module, the `.pyc` beside the source wins. Source
files are never read. Files given one by one are top-level modules named by their stem.

The entry (the module run as `__main__`) is `--entry NAME`, else `__main__` when there is
one, else the only module there is; anything else is an error saying what to do.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import CompileError

_CACHED = re.compile(r"^(?P<stem>[^.]+)\.[a-z]+-\d+(\.opt-\d+)?\.pyc$")   # mod.cpython-311.pyc


class ProjectError(CompileError):
    """The input does not make a program: no entry, an ambiguous one, a bad directory."""


@dataclass(frozen=True)
class ModuleFile:
    name: str              # dotted module name; a package's is that of its directory
    path: Path | None      # the .pyc; None for a namespace package
    is_package: bool
    file: str              # `__file__` relative to the program's root ("" if none)


@dataclass(frozen=True)
class Project:
    modules: tuple[ModuleFile, ...]
    entry: str                    # the module run as __main__
    package: str | None           # its __package__: None = script, "" = top level

    def module(self, name: str) -> ModuleFile:
        return next(m for m in self.modules if m.name == name)


def _module_stem(path: Path) -> str | None:
    """`mod` for `mod.pyc` or `__pycache__/mod.cpython-311.pyc`; None for other files."""
    if path.parent.name == "__pycache__":
        m = _CACHED.match(path.name)
        return m.group("stem") if m and m.group(2) is None else None
    if path.suffix == ".pyc" and path.name.count(".") == 1:
        return path.stem
    return None


def _scan(root: Path, directory: Path, prefix: tuple[str, ...], found: dict) -> bool:
    """Records the modules under `directory` into `found` (name → ModuleFile); returns
    whether there were any."""
    entries = sorted(directory.iterdir())
    files = [p for p in entries if p.is_file()]
    cache = directory / "__pycache__"
    cached = sorted(p for p in cache.iterdir() if p.is_file()) if cache.is_dir() else []
    stems: dict[str, Path] = {}
    for path in cached + files:      # a .pyc beside the sources overrides __pycache__
        stem = _module_stem(path)
        if stem is not None and stem.isidentifier():
            stems[stem] = path
    any_module = False
    for stem, path in sorted(stems.items()):
        # __file__: the .pyc beside the sources, or the source path of a __pycache__ one
        # (what CPython reports for it, the source being there)
        rel = path.relative_to(root).as_posix()
        if path.parent.name == "__pycache__":
            rel = (path.parent.parent / f"{stem}.py").relative_to(root).as_posix()
        if stem == "__init__":
            if prefix:
                name = ".".join(prefix)
                found[name] = ModuleFile(name, path, True, rel)
        else:
            name = ".".join(prefix + (stem,))
            found[name] = ModuleFile(name, path, False, rel)
        any_module = True
    for sub in entries:
        if sub.is_dir() and sub.name != "__pycache__" and sub.name.isidentifier():
            if _scan(root, sub, prefix + (sub.name,), found):
                any_module = True
                name = ".".join(prefix + (sub.name,))
                if name not in found:       # no __init__: a namespace package
                    found[name] = ModuleFile(name, None, True, "")
    return any_module


def discover_directory(root: Path) -> dict[str, ModuleFile]:
    found: dict[str, ModuleFile] = {}
    _scan(root, root, (), found)
    if not found:
        raise ProjectError(f"{root} holds no compiled modules (.pyc files beside their sources, "
                           f"as `python -m compileall -b` writes them, or in __pycache__/)")
    return dict(sorted(found.items()))


def discover_files(paths: list[Path]) -> dict[str, ModuleFile]:
    found: dict[str, ModuleFile] = {}
    for path in paths:
        stem = _module_stem(path)
        if stem is None or not stem.isidentifier():
            raise ProjectError(f"{path}: cannot tell a module name from this file name "
                               f"(expected NAME.pyc or __pycache__/NAME.cpython-311.pyc)")
        if stem in found:
            raise ProjectError(f"module {stem!r} is given twice: {found[stem].path} and {path}")
        found[stem] = ModuleFile(stem, path, False, path.name)
    return found


def _choose_entry(modules: dict[str, ModuleFile], entry: str | None, where: str) -> str:
    runnable = [n for n, m in modules.items() if not m.is_package]
    if entry is not None:
        if entry in modules and modules[entry].is_package:
            if f"{entry}.__main__" in modules:
                return f"{entry}.__main__"
            raise ProjectError(f"--entry {entry}: {entry} is a package and has no __main__ module")
        if entry not in modules:
            raise ProjectError(f"--entry {entry}: no module {entry!r} in {where} "
                               f"(modules: {', '.join(runnable) or 'none'})")
        return entry
    if "__main__" in modules:
        return "__main__"
    if len(runnable) == 1:
        return runnable[0]
    if not runnable:
        raise ProjectError(f"no entry found: {where} has no module to run, only packages "
                           f"({', '.join(modules)}); add a __main__ module or give --entry")
    raise ProjectError(f"ambiguous entry: {where} has several modules and no __main__; choose "
                       f"the one to run with --entry (one of: {', '.join(runnable)})")


def from_directory(root: Path, entry: str | None = None) -> Project:
    modules = discover_directory(root)
    name = _choose_entry(modules, entry, str(root))
    package = name.rpartition(".")[0]    # run like `python -m NAME` (`python DIR` for __main__)
    return Project(tuple(modules.values()), name, package)


def from_files(paths: list[Path], entry: str | None = None) -> Project:
    modules = discover_files(paths)
    name = _choose_entry(modules, entry, "the given files")
    return Project(tuple(modules.values()), name, None)
