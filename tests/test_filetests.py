"""Golden TIR filetests: tests/filetests/NAME.py → NAME.tir (after the pass pipeline).

Regenerate deliberately with `PYBC2WASM_UPDATE_GOLDEN=1 pytest tests/test_filetests.py` and
review the diff: the goldens are the compiler's own output, pinned so changes are seen.
"""
import os
from pathlib import Path

import pytest

from compile_helpers import write_pyc
from pybc2wasm.pipeline import compile_pyc

HERE = Path(__file__).parent / "filetests"
CASES = sorted(HERE.glob("*.py"))


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_golden_tir(tmp_path, case):
    pyc = write_pyc(tmp_path, case.read_text(), case.stem)
    text = compile_pyc(pyc).tir_text()
    golden = case.with_suffix(".tir")
    if os.environ.get("PYBC2WASM_UPDATE_GOLDEN"):
        golden.write_text(text)
    assert golden.exists(), f"no golden for {case.name}; run with PYBC2WASM_UPDATE_GOLDEN=1"
    assert text == golden.read_text()


def test_there_are_filetests():
    assert CASES
