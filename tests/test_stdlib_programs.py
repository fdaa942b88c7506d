"""Differential tests of programs that import the standard library: each
``tests/programs_stdlib/*.py`` runs under CPython (the expectation: stdout, stderr, exit status)
and is compiled the way ``pybc2wasm compile`` does it (the module graph follows its imports into
CPython's own stdlib ``.pyc`` files; the runtime's native modules stand in for C modules), then
runs under wasmtime (the working directory preopened as ".") and natively, each in a scratch
working directory so programs can create files.

A program's first line ``# original: name ...`` compiles those stdlib modules from CPython's
own ``.pyc`` (copied beside the program, so the search path finds them before the runtime's
native Replacement of the same name): the compiled original is the Replacement's oracle.
A program's first line ``# include: name ...`` names modules no analysis can see (the codecs
that ``encodings`` imports by computed name); ``# xfail: reason`` marks a program that needs
work elsewhere (the test still runs and reports when it starts passing). Never hand-write an
expectation: CPython produces it.
"""
from __future__ import annotations

import py_compile
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, requires_core, requires_runtime
from test_differential import TIMEOUT, cpython_env, mismatches

PROGRAMS = REPO / "tests" / "programs_stdlib"
HOSTS = ["wasmtime", "native"]


def header(src: Path, key: str) -> str | None:
    first = src.read_text().split("\n", 1)[0]
    return first[len(key):].strip() if first.startswith(key) else None


def includes_of(src: Path) -> list[str]:
    return shlex.split(header(src, "# include:") or "")


def cases():
    for src in sorted(PROGRAMS.glob("*.py")):
        reason = header(src, "# xfail:")
        marks = [pytest.mark.xfail(reason=reason, strict=False)] if reason else []
        for host in HOSTS:
            yield pytest.param(src, host, marks=marks, id=f"{src.stem}-{host}")


def compile_app(src: Path, tmp: Path) -> Path:
    prog = tmp / "prog"
    prog.mkdir()
    pyc = prog / f"{src.stem}.pyc"
    py_compile.compile(str(src), cfile=str(pyc), dfile=src.name, doraise=True)
    for name in shlex.split(header(src, "# original:") or ""):
        shutil.copyfile(original_pyc(name), prog / f"{name}.pyc")
    return pyc


def original_pyc(name: str) -> Path:
    """The stdlib's compiled module `name` (a plain module, not a package)."""
    import importlib.util
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.origin and spec.origin.endswith(".py"), name
    return Path(importlib.util.cache_from_source(spec.origin))


def expected(pyc: Path, tmp: Path) -> tuple[bytes, bytes, int]:
    work = tmp / "work-cpython"
    work.mkdir()
    res = subprocess.run([sys.executable, str(pyc)], cwd=work, capture_output=True,
                         stdin=subprocess.DEVNULL, env=cpython_env(), timeout=TIMEOUT)
    return res.stdout, res.stderr, res.returncode


def actual(pyc: Path, includes: list[str], host: str, tmp: Path) -> tuple[bytes, bytes, int]:
    from compile_helpers import build_program, run_in_scratch_dir

    target = "native" if host == "native" else "wasm32-wasi"
    built = build_program([pyc], None, target, include=includes)
    return run_in_scratch_dir(built, pyc.name, host, tmp, TIMEOUT)


@requires_core
@requires_runtime
@pytest.mark.parametrize("src,host", list(cases()))
def test_stdlib_program(src: Path, host: str, tmp_path: Path, toolchain, runtimes):
    pyc = compile_app(src, tmp_path)
    want = expected(pyc, tmp_path)
    got = actual(pyc, includes_of(src), host, tmp_path)
    problems = mismatches(host, want, got)
    assert not problems, "\n".join(problems)
