"""The same .pyc with the same toolchain gives a byte-identical module whatever the checkout
path or the cache directory: rustc records paths (panic locations, symbol names) only through
--remap-path-prefix. Slow: builds the runtime twice from scratch."""
from __future__ import annotations

import os
import py_compile
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.slow
@pytest.mark.parametrize("target", ["wasm32-wasi"])
def test_two_checkouts_and_caches_build_identical_modules(tmp_path, target):
    src = tmp_path / "hello.py"
    src.write_text('import sys\nprint("hello", sys.argv[1:])\n')
    pyc = Path(py_compile.compile(str(src), cfile=str(tmp_path / "hello.pyc"), dfile="hello.py",
                                  doraise=True))
    outputs = []
    for name in ("first", "second-with-a-longer-path"):
        checkout = tmp_path / name / "pybc2wasm"
        shutil.copytree(REPO / "runtime", checkout / "runtime",
                        ignore=shutil.ignore_patterns("target"))
        env = dict(os.environ, PYBC2WASM_CACHE=str(tmp_path / name / "cache"),
                   PYBC2WASM_RUNTIME_SRC=str(checkout / "runtime"))
        out = tmp_path / name / "hello.wasm"
        subprocess.run([sys.executable, "-m", "pybc2wasm", "compile", "-q", str(pyc), "-o", str(out)],
                       check=True, env=env, cwd=tmp_path / name)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    for text in (str(tmp_path), str(REPO)):
        assert text.encode() not in outputs[0], f"the module embeds {text}"
