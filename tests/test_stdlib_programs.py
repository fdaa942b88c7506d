"""Differential tests of programs that import stdlib modules: each
``tests/programs_stdlib/NAME.py`` is compiled together with CPython's OWN bytecode of the
stdlib modules named on its ``# stdlib: a b.c ...`` line (copied from their ``__pycache__``
into the program's directory, so they shadow the runtime's hand-written replacements); the C
modules they import come from the runtime's native modules. CPython running the same program
gives the expected stdout, stderr and exit status. (A stand-in until the driver follows
imports into the stdlib by itself.) A ``# xfail: why`` line marks a program that needs
runtime features other branches are adding (metaclasses, `types`, bytearray, exec).
"""
from __future__ import annotations

import importlib.util
import py_compile
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from conftest import REPO, requires_core, requires_runtime
from test_differential import TIMEOUT, cpython_env, mismatches

PROGRAMS = REPO / "tests" / "programs_stdlib"
HOSTS = ["native", "wasmtime"]


def stdlib_modules(prog: Path) -> list[str]:
    for line in prog.read_text().splitlines()[:5]:
        if line.startswith("# stdlib:"):
            return line.split(":", 1)[1].split()
    return []


def copy_stdlib(name: str, tree: Path) -> None:
    parts = name.split(".")
    base = Path(sysconfig.get_paths()["stdlib"]).joinpath(*parts)
    package = (base / "__init__.py").exists()
    src = base / "__init__.py" if package else base.with_suffix(".py")
    assert src.exists(), name  # (frozen modules such as _collections_abc have their source too)
    pyc = Path(importlib.util.cache_from_source(str(src)))
    if not pyc.exists():
        py_compile.compile(str(src), cfile=str(pyc))
    dest = tree.joinpath(*parts, "__init__.pyc") if package else tree.joinpath(*parts[:-1], parts[-1] + ".pyc")
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pyc, dest)


def xfail_reason(prog: Path) -> str | None:
    """A `# xfail: why` line: the program needs runtime features still missing."""
    for line in prog.read_text().splitlines()[:5]:
        if line.startswith("# xfail:"):
            return line.split(":", 1)[1].strip()
    return None


def cases():
    for prog in sorted(PROGRAMS.glob("*.py")):
        reason = xfail_reason(prog)
        marks = [pytest.mark.xfail(reason=reason, strict=False)] if reason else []
        for host in HOSTS:
            yield pytest.param(prog, host, id=f"{prog.stem}-{host}", marks=marks)


@requires_core
@requires_runtime
@pytest.mark.parametrize("prog,host", list(cases()))
def test_stdlib_program(prog: Path, host: str, tmp_path: Path, toolchain, runtimes):
    from pybc2wasm import link, project, runner
    from pybc2wasm.pipeline import compile_project

    solo = tmp_path / "cpython"
    solo.mkdir()
    py_compile.compile(str(prog), cfile=str(solo / "app.pyc"), dfile="app.py", doraise=True)
    res = subprocess.run([sys.executable, "app.pyc"], cwd=solo, capture_output=True,
                         stdin=subprocess.DEVNULL, env=cpython_env(), timeout=TIMEOUT)
    want = (res.stdout, res.stderr, res.returncode)

    tree = tmp_path / "app"
    tree.mkdir()
    shutil.copyfile(solo / "app.pyc", tree / "app.pyc")
    for name in stdlib_modules(prog):
        copy_stdlib(name, tree)
    program = compile_project(project.from_directory(tree, "app"))
    target = "native" if host == "native" else "wasm32-wasi"
    built = link.build(program, target, quiet=True)
    out, err = tmp_path / "stdout", tmp_path / "stderr"
    status = runner.run(built, host, ["app.pyc"], stdin=Path("/dev/null"), stdout=out,
                        stderr=err, timeout=TIMEOUT)
    got = (out.read_bytes(), err.read_bytes(), status)
    problems = mismatches(host, want, got)
    assert not problems, "\n".join(problems)
