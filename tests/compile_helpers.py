"""Shared helpers for compiler-side tests: compile Python source text the way users do."""
import importlib.util
import marshal
import py_compile
from pathlib import Path


def write_pyc(tmp_path: Path, source: str, name: str = "prog") -> Path:
    py = tmp_path / f"{name}.py"
    py.write_text(source)
    pyc = tmp_path / f"{name}.pyc"
    py_compile.compile(str(py), cfile=str(pyc), dfile=f"{name}.py", doraise=True)
    return pyc


def write_interactive_pyc(tmp_path: Path, source: str, name: str = "prog") -> Path:
    """A .pyc of `source` compiled in the interactive ('single') mode, whose expression
    statements print their value (PRINT_EXPR); py_compile cannot produce one."""
    code = compile(source, f"{name}.py", "single")
    pyc = tmp_path / f"{name}.pyc"
    header = importlib.util.MAGIC_NUMBER + b"\0" * 12   # flags 0, mtime and size unchecked
    pyc.write_bytes(header + marshal.dumps(code))
    return pyc
