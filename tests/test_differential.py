"""Differential tests: every program gives byte-for-byte CPython's stdout, stderr and exit
status, on every host.

For each ``tests/programs/*.py`` (and ``examples/*.py``, ``tests/programs_large/*.py``):
  1. copy it into a temp dir and ``py_compile`` it with ``dfile="<name>.py"``, so tracebacks
     name the same file whoever prints them; then DELETE the .py, so CPython cannot print source
     lines in tracebacks either (the compiled module never has them);
  2. run ``sys.executable <name>.pyc ARGS`` there: the expected stdout, stderr, exit status;
  3. compile the .pyc with pybc2wasm and run it in the embedded wasmtime, under Node, and as a
     native executable, with the same argv (``argv[0]`` = ``<name>.pyc``) and stdin /dev/null.

A program's first line may be ``# args: a b c`` (shell-quoted) for its argv. Never hand-write
an expectation: CPython produces it.

Each (program, host) is one test. Builds are cached by content, so a program is compiled once
per target and the wasm is shared by the wasmtime and node tests (also across xdist workers).
"""
from __future__ import annotations

import difflib
import os
import py_compile
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from compile_helpers import write_interactive_pyc
from conftest import REPO, requires_core, requires_runtime

# programs_interactive: one statement each, compiled in the interactive mode ("single")
INTERACTIVE_DIR = REPO / "tests" / "programs_interactive"
PROGRAM_DIRS = [REPO / "tests" / "programs", REPO / "examples", REPO / "tests" / "programs_large",
                INTERACTIVE_DIR]
HOSTS = ["wasmtime", "node", "native"]
TIMEOUT = 120


def programs() -> list[Path]:
    out = []
    for d in PROGRAM_DIRS:
        out.extend(sorted(d.glob("*.py")))
    return out


def program_id(p: Path) -> str:
    return p.stem if p.parent.name == "programs" else f"{p.parent.name}/{p.stem}"


def program_args(src: Path) -> list[str]:
    first = src.read_text().split("\n", 1)[0]
    if first.startswith("# args:"):
        return shlex.split(first[len("# args:"):])
    return []


def prepare(src: Path, tmp: Path) -> Path:
    """Copy, compile with a fixed dfile, delete the source; return the .pyc path."""
    name = src.stem
    if src.parent == INTERACTIVE_DIR:
        return write_interactive_pyc(tmp, src.read_text(), name)
    copy = tmp / f"{name}.py"
    shutil.copyfile(src, copy)
    pyc = tmp / f"{name}.pyc"
    py_compile.compile(str(copy), cfile=str(pyc), dfile=f"{name}.py", doraise=True)
    copy.unlink()
    return pyc


def cpython_env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def expected(pyc: Path, args: list[str]) -> tuple[bytes, bytes, int]:
    res = subprocess.run([sys.executable, pyc.name, *args], cwd=pyc.parent, capture_output=True,
                         stdin=subprocess.DEVNULL, env=cpython_env(), timeout=TIMEOUT)
    return res.stdout, res.stderr, res.returncode


def actual(pyc: Path, args: list[str], host: str, tmp: Path) -> tuple[bytes, bytes, int]:
    from compile_helpers import build_program
    from pybc2wasm import runner

    target = "native" if host == "native" else "wasm32-wasi"
    built = build_program([pyc], None, target)
    out, err = tmp / f"{host}.stdout", tmp / f"{host}.stderr"
    status = runner.run(built, host, [pyc.name, *args], stdin=Path(os.devnull), stdout=out,
                        stderr=err, timeout=TIMEOUT)
    return out.read_bytes(), err.read_bytes(), status


def _diff(name: str, want: bytes, got: bytes) -> str:
    w = want.decode("utf-8", "replace").splitlines(keepends=True)
    g = got.decode("utf-8", "replace").splitlines(keepends=True)
    d = "".join(difflib.unified_diff(w, g, f"{name} (CPython)", f"{name} (pybc2wasm)"))
    return d or f"{name}: same text, different bytes: {want!r} vs {got!r}"


def mismatches(host: str, want: tuple[bytes, bytes, int], got: tuple[bytes, bytes, int]) -> list[str]:
    """How (stdout, stderr, exit status) of a run differ from CPython's; empty when equal."""
    (want_out, want_err, want_status), (got_out, got_err, got_status) = want, got
    problems = []
    if got_out != want_out:
        problems.append(_diff("stdout", want_out, got_out))
    if got_err != want_err:
        problems.append(_diff("stderr", want_err, got_err))
    if got_status != want_status:
        problems.append(f"exit status: CPython {want_status}, pybc2wasm/{host} {got_status}")
    return problems


@requires_core
@requires_runtime
@pytest.mark.parametrize("host", HOSTS)
@pytest.mark.parametrize("src", programs(), ids=program_id)
def test_program(src: Path, host: str, tmp_path: Path, toolchain, runtimes):
    if host == "node" and toolchain.node is None:
        pytest.skip("node >= 20 not found (optional host)")
    args = program_args(src)
    pyc = prepare(src, tmp_path)
    want_out, want_err, want_status = expected(pyc, args)
    got_out, got_err, got_status = actual(pyc, args, host, tmp_path)
    problems = mismatches(host, (want_out, want_err, want_status), (got_out, got_err, got_status))
    assert not problems, "\n".join(problems)
