"""Differential tests of programs that import the standard library: each
``tests/programs_stdlib/*.py`` runs under CPython (the expectation: stdout, stderr, exit status)
and is compiled together with the stdlib modules it imports — CPython's own ``.pyc`` files, found
by running the program once under CPython (``tools/stdlib_closure.py``) — then run under wasmtime
(the working directory preopened as ".") and natively, in a scratch working directory.

Modules that the runtime still replaces by hand-written Rust modules are left native; a
program's first line ``# native: name ...`` overrides that list. Never hand-write an
expectation: CPython produces it.
"""
from __future__ import annotations

import py_compile
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, requires_core, requires_runtime
from test_differential import TIMEOUT, cpython_env, mismatches

sys.path.insert(0, str(REPO / "tools"))
import stdlib_closure  # noqa: E402

PROGRAMS = REPO / "tests" / "programs_stdlib"
HOSTS = ["wasmtime", "native"]
# hand-written Rust replacements of Python modules the compiled originals cannot replace yet
DEFAULT_NATIVE = ["abc", "io", "typing", "string", "heapq", "bisect", "copy", "os", "re", "json", "enum",
                  "dataclasses", "functools", "operator", "collections", "random", "asyncio"]


def native_of(src: Path) -> list[str]:
    first = src.read_text().split("\n", 1)[0]
    if first.startswith("# native:"):
        return shlex.split(first[len("# native:"):])
    return DEFAULT_NATIVE


def expected(src: Path, tmp: Path) -> tuple[bytes, bytes, int]:
    prog = tmp / "cpython"
    work = tmp / "work-cpython"
    prog.mkdir()
    work.mkdir()
    pyc = prog / "app.pyc"
    py_compile.compile(str(src), cfile=str(pyc), dfile=src.name, doraise=True)
    res = subprocess.run([sys.executable, str(pyc)], cwd=work, capture_output=True,
                         stdin=subprocess.DEVNULL, env=cpython_env(), timeout=TIMEOUT)
    return res.stdout, res.stderr, res.returncode


def actual(src: Path, host: str, tmp: Path) -> tuple[bytes, bytes, int]:
    from pybc2wasm import link, project, runner
    from pybc2wasm.pipeline import compile_project

    tree = tmp / "app"
    scratch = tmp / "closure"
    scratch.mkdir()
    stdlib_closure.build_dir(src, tree, native_of(src), cwd=scratch)
    program = compile_project(project.from_directory(tree, "app"))
    target = "native" if host == "native" else "wasm32-wasi"
    built = link.build(program, target, quiet=True)
    work = tmp / f"work-{host}"
    work.mkdir()
    out, err = tmp / f"{host}.stdout", tmp / f"{host}.stderr"
    if host == "native":
        with open(out, "wb") as fo, open(err, "wb") as fe:
            status = subprocess.run(["app.pyc"], executable=str(Path(built).resolve()), cwd=work,
                                    stdin=subprocess.DEVNULL, stdout=fo, stderr=fe,
                                    timeout=TIMEOUT).returncode
    else:
        status = runner.run_wasmtime(built, ["app.pyc"], stdin=Path("/dev/null"), stdout=out,
                                     stderr=err, timeout=TIMEOUT, preopens={str(work): "."})
    return out.read_bytes(), err.read_bytes(), status


@requires_core
@requires_runtime
@pytest.mark.parametrize("host", HOSTS)
@pytest.mark.parametrize("src", sorted(PROGRAMS.glob("*.py")), ids=lambda p: p.stem)
def test_stdlib_program(src: Path, host: str, tmp_path: Path, toolchain, runtimes):
    want = expected(src, tmp_path)
    got = actual(src, host, tmp_path)
    problems = mismatches(host, want, got)
    assert not problems, "\n".join(problems)
