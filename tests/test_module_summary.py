"""Module summaries (pybc2wasm/module_summary.py): what the driver reads of a module, cached per
.pyc — the cached copy must equal a fresh computation, and bad input must never be cached."""
import py_compile

import pytest

from pybc2wasm import module_summary
from pybc2wasm.frontend_bytecode.loader import PycError

SOURCE = '''
import json, os.path
from collections import abc as _abc
def later():
    import decimal
    return "x".encode("rot13")
exec("import fractions")
class K:
    def __getattr__(self, name):
        return getattr(json, name)
print(1 + 2, 3 << 4)
'''


@pytest.fixture
def pyc(tmp_path, monkeypatch):
    monkeypatch.setenv("PYBC2WASM_CACHE", str(tmp_path / "cache"))
    src = tmp_path / "prog.py"
    src.write_text(SOURCE)
    out = tmp_path / "prog.pyc"
    py_compile.compile(str(src), cfile=str(out), doraise=True)
    return out


def test_cached_summary_equals_a_fresh_one(pyc, monkeypatch):
    fresh = module_summary.compute(pyc)
    assert module_summary.summarize(pyc) == fresh
    names = {s.name for s in fresh.sites}
    assert {"json", "os.path", "collections", "decimal"} <= names
    assert "import fractions" in fresh.exec_texts
    assert "encodings.rot_13" in fresh.codecs
    assert {"__getattr__", "getattr"} <= set(fresh.names)

    def no_compute(_):
        raise AssertionError("the summary was computed again")
    monkeypatch.setattr(module_summary, "compute", no_compute)
    assert module_summary.summarize(pyc) == fresh


def test_a_damaged_cache_entry_is_computed_again(pyc, tmp_path):
    first = module_summary.summarize(pyc)
    entries = list((tmp_path / "cache" / "summaries").glob("*.json"))
    assert len(entries) == 1
    entries[0].write_text('{"version": "3.11"')
    assert module_summary.summarize(pyc) == first


def test_a_corrupt_pyc_raises_and_is_not_cached(pyc, tmp_path):
    pyc.write_bytes(pyc.read_bytes()[:40])
    with pytest.raises(PycError):
        module_summary.summarize(pyc)
    assert not list((tmp_path / "cache" / "summaries").glob("*.json"))
