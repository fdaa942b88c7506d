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


# ------------------------------------------------------------------------------ multi-module input

def make_tree(root: Path, files: dict[str, str], legacy: bool = True) -> Path:
    """Writes `files` (relative path → source) under root and compiles each to a .pyc beside
    it (`compileall -b` layout) or into __pycache__/, deleting the sources."""
    for rel, source in files.items():
        py = root / rel
        py.parent.mkdir(parents=True, exist_ok=True)
        py.write_text(source)
        if legacy:
            py_compile.compile(str(py), cfile=str(py.with_suffix(".pyc")), dfile=rel, doraise=True)
        else:
            py_compile.compile(str(py), dfile=rel, doraise=True)
        py.unlink()
    return root


def test_help_explains_directories_and_entry():
    for cmd in ("compile", "run"):
        res = pybc2wasm(cmd, "--help")
        assert res.returncode == 0 and "--entry" in res.stdout and "directory" in res.stdout


@requires_core
@pytest.mark.parametrize("files,args,message", [
    ({}, [], "holds no compiled modules"),
    ({"a.py": "", "b.py": ""}, [], "ambiguous entry"),
    ({"pkg/__init__.py": ""}, [], "no entry found"),
    ({"a.py": "", "b.py": ""}, ["--entry", "zz"], "no module 'zz'"),
    ({"a.py": "", "pkg/__init__.py": ""}, ["--entry", "pkg"], "pkg is a package and has no __main__"),
])
def test_directory_entry_errors(files, args, message, tmp_path):
    root = make_tree(tmp_path / "prog", files) if files else tmp_path
    for cmd in ("compile", "run"):
        res = pybc2wasm(cmd, *args, root, cwd=tmp_path)
        assert_clean_error(res)
        assert message in res.stderr, res.stderr


@requires_core
def test_several_files_errors(tmp_path):
    make_tree(tmp_path, {"a.py": "", "b.py": "", "sub/a.py": ""})
    res = pybc2wasm("compile", "a.pyc", "b.pyc", "--emit", "rust", cwd=tmp_path)
    assert_clean_error(res)
    assert "ambiguous entry" in res.stderr and "a, b" in res.stderr
    res = pybc2wasm("compile", "a.pyc", "sub/a.pyc", "--entry", "a", cwd=tmp_path)
    assert_clean_error(res)
    assert "given twice" in res.stderr
    res = pybc2wasm("compile", "a.pyc", tmp_path / "sub", cwd=tmp_path)
    assert_clean_error(res)
    assert "is a directory; give it alone" in res.stderr
    (tmp_path / "c.py").write_text("")
    res = pybc2wasm("compile", "a.pyc", "c.py", cwd=tmp_path)
    assert_clean_error(res)
    assert "compileall -b" in res.stderr


@requires_core
@requires_runtime
def test_run_directory_and_files(tmp_path):
    files = {"__main__.py": "import sys\nfrom util import twice\nprint(twice(21), sys.argv[1:])\n",
             "util.py": "def twice(x):\n    return 2 * x\n"}
    legacy = make_tree(tmp_path / "legacy", files)
    cached = make_tree(tmp_path / "cached", files, legacy=False)
    assert (cached / "__pycache__").is_dir() and not list(cached.glob("*.pyc"))
    for root in (legacy, cached):
        res = pybc2wasm("run", root, "x", "--y")
        assert (res.returncode, res.stdout) == (0, "42 ['x', '--y']\n"), res.stderr
    res = pybc2wasm("run", "--with", "util.pyc", "__main__.pyc", "z", cwd=legacy)
    assert (res.returncode, res.stdout) == (0, "42 ['z']\n"), res.stderr
    res = pybc2wasm("compile", "__main__.pyc", "util.pyc", "-o", tmp_path / "p.wasm", cwd=legacy)
    assert res.returncode == 0 and (tmp_path / "p.wasm").read_bytes()[:4] == b"\0asm", res.stderr
    res = pybc2wasm("compile", legacy, "--emit", "tir")
    assert res.returncode == 0 and "; module util (util.pyc)" in res.stdout, res.stderr
