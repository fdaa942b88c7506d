"""Bounded memory under cycle churn: tools/benchmarks/cycles/cycles.py builds and drops reference
cycles (lists, tuples, dicts; most iterations call no Python function) N times. Compiled
natively and to wasm, the peak RSS / final linear memory must not grow with N (10x more cycles
may not double it). The measurement helpers are tools/bench_runtime.py's (`--cycles` reports
the same figures for millions of cycles)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parent.parent / "tools"
sys.path.insert(0, str(TOOLS))

from bench_common import build, make_pyc  # noqa: E402
from bench_runtime import CYCLES, peak_rss_kib, wasm_memory_bytes  # noqa: E402

pytestmark = [pytest.mark.requires_core, pytest.mark.requires_runtime]
needs_gnu_time = pytest.mark.skipif(not Path("/usr/bin/time").exists(),
                                    reason="peak RSS is measured with GNU time (/usr/bin/time)")


@pytest.fixture(scope="module")
def cycles_pyc(tmp_path_factory) -> Path:
    return make_pyc(CYCLES, tmp_path_factory.mktemp("cycles"))


@needs_gnu_time
def test_native_memory_stays_bounded(cycles_pyc, runtime_native):
    exe = cycles_pyc.with_name("cycles")
    res = build(cycles_pyc, "native", exe)
    assert res.returncode == 0, res.stderr
    small, out_small = peak_rss_kib([str(exe), "200000"])
    big, out_big = peak_rss_kib([str(exe), "2000000"])
    assert out_big.strip() == "4000", out_big
    assert big < 2 * small, f"peak RSS {small} KiB for 200k cycles, {big} KiB for 2M"


def test_wasm_memory_stays_bounded(cycles_pyc, runtime_wasm):
    wasm = cycles_pyc.with_name("cycles.wasm")
    res = build(cycles_pyc, "wasm32-wasi", wasm)
    assert res.returncode == 0, res.stderr
    small, _ = wasm_memory_bytes(wasm, ["cycles", "100000"])
    big, out = wasm_memory_bytes(wasm, ["cycles", "1000000"])
    assert out.strip() == "2000", out
    assert big < 2 * small, f"linear memory {small} bytes for 100k cycles, {big} for 1M"
