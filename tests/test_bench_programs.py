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
