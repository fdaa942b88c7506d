"""The runtime crate's cargo tests (`runtime/tests/*.rs`), built with the wasm32-wasi rustc
(Debian's 1.63) against the cached runtime rlib and run in the embedded wasmtime: the same
checks `cargo test` runs natively (test_runtime_cargo.py), on the target that ships.

Each test file is one test here; binaries are cached by source hash (runtime_harness.py), so
only a runtime or test change costs a rebuild."""
from __future__ import annotations

from pathlib import Path

import pytest

from pybc2wasm.runner import run_wasmtime
from runtime_harness import RUNTIME, build_against_runtime

TEST_FILES = sorted((RUNTIME / "tests").glob("*.rs"))


@pytest.mark.requires_runtime
@pytest.mark.parametrize("src", TEST_FILES, ids=[p.stem for p in TEST_FILES])
def test_runtime_tests_pass_in_wasmtime(src: Path, tmp_path, runtime_wasm):
    wasm = build_against_runtime(src, "wasm32-wasi", test=True)
    out, err = tmp_path / "stdout", tmp_path / "stderr"
    status = run_wasmtime(wasm, [src.stem, "--test-threads=1"], stdout=out, stderr=err,
                          timeout=600, preopens={str(RUNTIME): str(RUNTIME), "/tmp": "/tmp"})
    text = out.read_text()
    assert status == 0, text[-4000:] + err.read_text()[-4000:]
    assert "test result: ok" in text, text[-2000:]
