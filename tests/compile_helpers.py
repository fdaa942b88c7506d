"""Shared helpers for compiler-side tests: compile Python source text the way users do."""
import py_compile
from pathlib import Path


def write_pyc(tmp_path: Path, source: str, name: str = "prog") -> Path:
    py = tmp_path / f"{name}.py"
    py.write_text(source)
    pyc = tmp_path / f"{name}.pyc"
    py_compile.compile(str(py), cfile=str(pyc), dfile=f"{name}.py", doraise=True)
    return pyc
