"""tools/bench_programs.py in its quick mode (one run per column): a compiled program gets times
and ratios, one that does not compile is reported with its diagnostic. Slow: it builds and runs
real modules, so it is outside the default suite (`pytest -m slow`)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import REPO, requires_core, requires_runtime

SCRIPT = REPO / "tools" / "bench_programs.py"


def bench(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), "--repeat", "1", *args],
                          capture_output=True, text=True, timeout=600)


@pytest.mark.slow
@requires_core
@requires_runtime
def test_quick_run_times_one_program_and_reports_a_refusal(tmp_path, runtime_wasm):
    refused = tmp_path / "gen.py"
    refused.write_text("print(sum(x for x in range(3)))\n")
    res = bench(str(REPO / "tests" / "programs" / "long_function.py"), str(refused))
    assert res.returncode == 0, res.stdout + res.stderr
    rows = {line.split()[0]: line for line in res.stdout.splitlines() if line.strip()}
    assert rows["long_function"].endswith("x")        # seconds, then the CPython / wasm ratio
    assert "does not compile (wasm32-wasi): error:" in rows["gen"]
    assert "(1 of 2 programs)" in rows["geomean"]


def test_help_explains_the_script():
    res = subprocess.run([sys.executable, str(SCRIPT), "--help"], capture_output=True, text=True)
    assert res.returncode == 0
    assert "--repeat" in res.stdout and "geometric mean" in res.stdout


def load_tools():
    sys.path.insert(0, str(REPO / "tools"))
    try:
        import bench_common
        import bench_programs
    finally:
        sys.path.remove(str(REPO / "tools"))
    return bench_common, bench_programs


def test_a_difference_names_the_first_differing_line_or_the_status():
    common, _ = load_tools()
    want = common.Timing([1.0], "a\nb\n", "", 0)
    assert common.Timing([2.0], "a\nb\n", "", 0).difference(want) is None
    assert common.Timing([2.0], "a\nc\n", "", 0).difference(want) == "stdout line 2: 'c' instead of 'b'"
    assert common.Timing([2.0], "a\n", "", 0).difference(want) == "stdout line 2: None instead of 'b'"
    assert common.Timing([2.0], "a\nb\n", "", 1).difference(want) == "exit status 1 instead of 0"


def test_table_gives_ratios_and_their_geometric_mean():
    _, bench = load_tools()
    results = [bench.Result("fast", {"cpython": 2.0, "wasm": 0.5}),
               bench.Result("slow", {"cpython": 1.0, "wasm": 4.0}),
               bench.Result("broken", problem="does not compile (wasm32-wasi): error: X")]
    lines = bench.table(results, ["cpython", "wasm"]).splitlines()
    assert lines[2].split() == ["fast", "2.000", "0.500", "4.00x"]
    assert lines[3].split() == ["slow", "1.000", "4.000", "0.25x"]
    assert lines[4].endswith("does not compile (wasm32-wasi): error: X")
    assert lines[5].split()[:2] == ["geomean", "1.00x"] and "(2 of 3 programs)" in lines[5]


def test_the_c_column_is_empty_for_programs_without_a_c_twin():
    _, bench = load_tools()
    results = [bench.Result("nbody", {"cpython": 1.0, "wasm": 2.0, "c": 0.1}),
               bench.Result("dicts", {"cpython": 1.0, "wasm": 0.5})]
    lines = bench.table(results, ["cpython", "wasm", "c"]).splitlines()
    assert lines[2].split() == ["nbody", "1.000", "2.000", "0.100", "0.50x", "10.00x"]
    assert lines[3].split() == ["dicts", "1.000", "0.500", "-", "2.00x", "-"]
    assert lines[4].split()[:3] == ["geomean", "1.00x", "10.00x"]


def test_every_c_twin_has_its_python_program():
    c_dir = REPO / "tools" / "benchmarks" / "c"
    twins = sorted(c_dir.glob("*.c"))
    assert twins, "the numeric kernels' C twins are missing"
    for c in twins:
        assert (REPO / "tests" / "programs_large" / f"{c.stem}.py").exists(), c
