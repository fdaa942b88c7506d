"""Differential tests of programs that import stdlib modules: each
``tests/programs_stdlib/NAME.py`` is compiled together with CPython's OWN bytecode of the
stdlib modules named on its ``# stdlib: a b.c ...`` line (copied from their ``__pycache__``
into the program's directory, so they shadow the runtime's hand-written replacements); the C
modules they import come from the runtime's native modules. CPython running the same program
gives the expected stdout, stderr and exit status. (A stand-in until the driver follows
imports into the stdlib by itself.)
"""
from __future__ import annotations

import importlib.util
import py_compile
import shutil
import subprocess
import sys
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
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.origin and spec.origin.endswith(".py"), name
    pyc = Path(importlib.util.cache_from_source(spec.origin))
    if not pyc.exists():
        py_compile.compile(spec.origin, cfile=str(pyc))
    parts = name.split(".")
    dest = tree.joinpath(*parts, "__init__.pyc") if spec.submodule_search_locations else tree.joinpath(*parts[:-1], parts[-1] + ".pyc")
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pyc, dest)


def cases():
    for prog in sorted(PROGRAMS.glob("*.py")):
        for host in HOSTS:
            yield pytest.param(prog, host, id=f"{prog.stem}-{host}")


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
