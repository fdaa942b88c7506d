"""`pybc2wasm run --max-memory`: a program over its memory limit gets MemoryError where the
runtime can raise it; where it cannot, it ends with status 134 and what it printed before is
not lost. (No CPython oracle: CPython has no such limit; the behaviour is the product's.)"""
from __future__ import annotations

import pytest

from conftest import requires_core, requires_runtime
from test_cli import assert_clean_error, make_pyc, pybc2wasm

PROGRAM = '''
print("start")
try:
    big = [0] * 100_000_000   # 400 MB in wasm32, 800 MB natively
    print("allocated", len(big))
except MemoryError:
    print("MemoryError caught")
keep = []
print("growing")
while True:
    keep.append(bytearray(1 << 20))
'''


@requires_core
@requires_runtime
@pytest.mark.parametrize("host", ["wasmtime", "native"])
def test_max_memory(tmp_path, host):
    pyc = make_pyc(tmp_path, PROGRAM)
    res = pybc2wasm("run", "--host", host, "--max-memory", "256M", "--timeout", "120", pyc, cwd=tmp_path,
                    timeout=1800)
    assert res.stdout == "start\nMemoryError caught\ngrowing\n", (res.stdout, res.stderr)
    assert res.returncode == 134, res.stderr
    assert "Traceback" not in res.stderr


@pytest.mark.parametrize("size", ["lots", "0", "12X"])
def test_max_memory_rejects_bad_sizes(tmp_path, size):
    res = pybc2wasm("run", "--max-memory", size, tmp_path / "x.pyc")
    assert res.returncode == 2 and "--max-memory" in res.stderr, res.stderr
