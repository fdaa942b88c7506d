"""Finds the other CPython versions that `tools/get_pythons.sh` unpacks (oracles and .pyc
producers for 3.12–3.14 bytecode). Every finder returns None when the piece is absent, so
tests can skip with a reason; nothing here downloads.

A `PythonCommand` runs a script under one version: a native CPython (3.13, 3.14 from Debian
packages) or Pyodide (3.12, through node and tools/pyodide_run.mjs).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .cache import cache_root

REPO = Path(__file__).resolve().parent.parent
PYODIDE_RUNNER = REPO / "tools" / "pyodide_run.mjs"
SETUP_HINT = "sh tools/get_pythons.sh"
PYODIDE_PACKAGES = {"3.12": "pyodide312"}
VERSIONS = ("3.11", "3.12", "3.13", "3.14")


def pythons_root() -> Path:
    env = os.environ.get("PYBC2WASM_PYTHONS")
    return Path(env) if env else cache_root() / "pythons"


@dataclass(frozen=True)
class PythonCommand:
    version: str
    argv: tuple[str, ...]   # prefix: append a script path (or -c CODE) and its arguments
    pyodide: bool = False   # 32-bit, no threads/subprocess; `-c` is not available

    def run(self, args: list[str], timeout: float = 120, **kw) -> subprocess.CompletedProcess:
        return subprocess.run([*self.argv, *map(str, args)], capture_output=True,
                              timeout=timeout, **kw)


def native(version: str) -> PythonCommand | None:
    """The real CPython `version` (a native executable), or None."""
    if version == "3.11" and sys.version_info[:2] == (3, 11):
        return PythonCommand("3.11", (sys.executable,))
    wrapper = pythons_root() / f"python{version}"
    if wrapper.is_file() and os.access(wrapper, os.X_OK):
        return PythonCommand(version, (str(wrapper),))
    return None


def pyodide(version: str) -> PythonCommand | None:
    """Pyodide's CPython `version` driven by node (`run PROG ARGS` / `compile SRC OUT`)."""
    package = PYODIDE_PACKAGES.get(version)
    node = shutil.which("node")
    modules = pythons_root() / "pyodide" / "node_modules"
    if package is None or node is None or not (modules / package).is_dir():
        return None
    return PythonCommand(version, (node, str(PYODIDE_RUNNER), package, "run"), pyodide=True)


def pyodide_stdlib(version: str) -> dict | None:
    """The sourceless stdlib get_pythons.sh made from Pyodide's (3.12, which has no native
    build here): search_path's probe fields, or None."""
    probe = pythons_root() / f"stdlib{version}" / "installation.json"
    if not probe.is_file():
        return None
    import json
    return json.loads(probe.read_text())


def find(version: str) -> PythonCommand | None:
    """The best interpreter for `version`: native if present, else Pyodide."""
    return native(version) or pyodide(version)


def missing_reason(version: str) -> str:
    return f"CPython {version} not found under {pythons_root()} (run `{SETUP_HINT}`)"


def compile_pyc(python: PythonCommand, src: Path, pyc: Path, timeout: float = 300) -> None:
    """`src` compiled by `python` into `pyc`, its co_filename the source's base name (as
    the differential tests compile for the host)."""
    if python.pyodide:
        argv = [*python.argv[:-1], "compile", str(src), str(pyc)]
    else:
        code = ("import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], "
                "dfile=sys.argv[3], doraise=True)")
        argv = [*python.argv, "-c", code, str(src), str(pyc), src.name]
    proc = subprocess.run(argv, capture_output=True, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"compiling {src} with Python {python.version} failed: "
                           f"{proc.stderr.decode(errors='replace')[-2000:]}")
