"""Size guards (not the budgets themselves: tools/measure_size.py reports those).

- a build report's `code_bytes` counts code and data of a unit's objects, not object-file
  overhead (hello world's unit is about a kilobyte);
- hello world links none of the native modules' code: it stays well under the size it had
  when the core named them (about 1.1 MB);
- `--optimize-size` gives a smaller module that behaves the same (when wasm-opt is installed).
"""
from __future__ import annotations

import json
import py_compile
import shutil
import subprocess
import sys

import pytest

from conftest import requires_core, requires_runtime

CLI = [sys.executable, "-m", "pybc2wasm"]


def _hello(tmp_path):
    (tmp_path / "hello.py").write_text('print("hello, world")\n')
    pyc = tmp_path / "hello.pyc"
    py_compile.compile(str(tmp_path / "hello.py"), cfile=str(pyc), doraise=True)
    return pyc


def test_objsize_counts_code_and_data():
    from pybc2wasm import objsize
    # a wasm module: a 3-byte Code section and a 4-byte Data section, and a custom section
    module = (b"\0asm\1\0\0\0" + bytes([10, 3]) + b"abc" + bytes([11, 4]) + b"defg"
              + bytes([0, 3]) + b"\1xy")
    assert objsize.wasm_sizes(module) == (3, 4)
    assert objsize.object_code_bytes(module) == 7


@requires_core
@requires_runtime
def test_hello_world_size(tmp_path, runtimes):
    pyc = _hello(tmp_path)
    out, report = tmp_path / "hello.wasm", tmp_path / "report.json"
    res = subprocess.run(CLI + ["compile", str(pyc), "-o", str(out), "-q", "--report", str(report)],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    unit = json.loads(report.read_text())["modules"][0]
    assert 0 < unit["code_bytes"] < 10_000
    assert out.stat().st_size < 1_000_000
    if shutil.which("wasm-opt") is None:
        pytest.skip("wasm-opt (binaryen) not installed")
    small = tmp_path / "hello.oz.wasm"
    res = subprocess.run(CLI + ["compile", str(pyc), "-o", str(small), "-q", "--optimize-size"],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert small.stat().st_size < out.stat().st_size
    run = subprocess.run([sys.executable, "-m", "pybc2wasm.runner", "wasmtime", str(small)],
                         capture_output=True, text=True)
    assert (run.returncode, run.stdout) == (0, "hello, world\n")
