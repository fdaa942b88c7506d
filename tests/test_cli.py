"""The `pybc2wasm` command: help texts, and every way bad input is refused with one line
`error: ...` on stderr, exit status 2 and no Python traceback."""
from __future__ import annotations

import os
import py_compile
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, requires_core, requires_runtime


def pybc2wasm(*args, cwd=None, timeout=300):
    return subprocess.run([sys.executable, "-m", "pybc2wasm", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=timeout, stdin=subprocess.DEVNULL)


def assert_clean_error(res, status=2):
    assert res.returncode == status, (res.returncode, res.stdout, res.stderr)
    assert "Traceback" not in res.stderr, res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), res.stderr


def make_pyc(tmp_path: Path, source: str, name: str = "prog") -> Path:
    src = tmp_path / f"{name}.py"
    src.write_text(source)
    pyc = tmp_path / f"{name}.pyc"
    py_compile.compile(str(src), cfile=str(pyc), dfile=f"{name}.py", doraise=True)
    src.unlink()
    return pyc


# ------------------------------------------------------------------------------ no core needed

@pytest.mark.parametrize("args", [["--help"], ["compile", "--help"], ["run", "--help"], ["doctor", "--help"]])
def test_help(args):
    res = pybc2wasm(*args)
    assert res.returncode == 0 and res.stdout.startswith("Usage: pybc2wasm"), res.stderr


def test_console_script_matches_module():
    exe = Path(sys.executable).with_name("pybc2wasm")
    if not exe.exists():
        pytest.skip("console script not installed next to this python")
    res = subprocess.run([str(exe), "--help"], capture_output=True, text=True)
    assert res.returncode == 0 and "compile" in res.stdout and "run" in res.stdout


def test_source_file_is_refused_with_a_hint(tmp_path):
    (tmp_path / "hello.py").write_text("print('hi')\n")
    for cmd in ("compile", "run"):
        res = pybc2wasm(cmd, "hello.py", cwd=tmp_path)
        assert_clean_error(res)
        assert ".pyc" in res.stderr and "py_compile" in res.stderr


def test_missing_file(tmp_path):
    res = pybc2wasm("compile", tmp_path / "nope.pyc", "-o", tmp_path / "x.wasm")
    assert_clean_error(res)
    assert "no such file" in res.stderr
    assert not (tmp_path / "x.wasm").exists()


def test_directory(tmp_path):
    assert_clean_error(pybc2wasm("compile", tmp_path))


def test_bad_option_value():
    res = pybc2wasm("compile", "x.pyc", "--target", "mips")
    assert res.returncode == 2 and "Traceback" not in res.stderr


# ------------------------------------------------------------------------------ bad .pyc files

def _corruptions(good: bytes) -> dict[str, bytes]:
    return {
        "empty": b"",
        "header-only": good[:16],
        "truncated": good[: len(good) // 2],
        "bad-magic": b"\x00\x00\x0d\x0a" + good[4:],
        "garbage-body": good[:16] + b"\xff\xfe\x00garbage" * 5,
        "not-a-pyc": b"print('this is text')\n",
    }


@requires_core
@pytest.mark.parametrize("kind", list(_corruptions(b"x" * 64)))
def test_corrupt_pyc_is_a_one_line_error(kind, tmp_path):
    good = make_pyc(tmp_path, "x = 1\nprint(x + 2)\n").read_bytes()
    bad = tmp_path / f"{kind}.pyc"
    bad.write_bytes(_corruptions(good)[kind])
    res = pybc2wasm("compile", bad, "-o", tmp_path / "out.wasm")
    assert_clean_error(res)
    assert not (tmp_path / "out.wasm").exists()


# ------------------------------------------------------------------------------ working input

@requires_core
@requires_runtime
def test_compile_emit_and_build(tmp_path):
    pyc = make_pyc(tmp_path, "print('hello', 6 * 7)\n")
    for emit in ("tir", "rust", "llvm"):
        res = pybc2wasm("compile", pyc, "--emit", emit)
        assert res.returncode == 0, res.stderr
        assert res.stdout.strip(), emit
    res = pybc2wasm("compile", pyc, "--emit", "rust", "-o", tmp_path / "prog.rs")
    assert res.returncode == 0 and "pyrt" in (tmp_path / "prog.rs").read_text()
    res = pybc2wasm("compile", pyc, "-o", tmp_path / "prog.wasm")
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "prog.wasm").read_bytes()[:4] == b"\0asm"
    res = pybc2wasm("compile", pyc, "--target", "native", "-o", tmp_path / "prog")
    assert res.returncode == 0, res.stderr
    assert os.access(tmp_path / "prog", os.X_OK)


@requires_core
@requires_runtime
@pytest.mark.parametrize("host", ["wasmtime", "node", "native"])
def test_run_passes_argv_and_status(host, tmp_path, toolchain):
    if host == "node" and toolchain.node is None:
        pytest.skip("node >= 20 not found (optional host)")
    pyc = make_pyc(tmp_path, "import sys\nprint(sys.argv[1:])\nsys.exit(int(sys.argv[1]))\n")
    res = pybc2wasm("run", "--host", host, pyc.name, "7", "--flag", cwd=tmp_path)
    assert res.stdout == "['7', '--flag']\n", res.stderr
    assert res.returncode == 7


@requires_core
@requires_runtime
def test_example_hello_runs(tmp_path):
    pyc = tmp_path / "hello.pyc"
    py_compile.compile(str(REPO / "examples" / "hello.py"), cfile=str(pyc), dfile="hello.py", doraise=True)
    res = pybc2wasm("run", pyc)
    assert (res.returncode, res.stdout) == (0, "Hello, WebAssembly!\nHello, WASI!\n"), res.stderr
