"""Differential fuzzing of the whole compiler: random programs (pybc2wasm/program_fuzz.py) must
print, compiled, exactly what CPython prints. A few programs run in the default suite; the slow
run tries more on both hosts; tools/fuzz_programs.py runs for as long as you let it. Every
mismatch found becomes a program under tests/programs/ (e.g. index_bounds_bigint.py)."""
from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import requires_core, requires_runtime
from pybc2wasm import program_fuzz


def test_generated_programs_are_valid_and_deterministic(tmp_path):
    """The generator's own contract, checked with CPython alone: every program compiles, and
    its output does not depend on the hash seed (so a mismatch is the compiler's)."""
    for seed in range(25):
        source = program_fuzz.generate(random.Random(seed))
        compile(source, f"seed{seed}", "exec")
        path = tmp_path / f"p{seed}.py"
        path.write_text(source)
        outs = set()
        for hash_seed in ("1", "2"):
            env = dict(program_fuzz.cpython_env(), PYTHONHASHSEED=hash_seed)
            res = subprocess.run([sys.executable, str(path)], capture_output=True, env=env, timeout=60)
            outs.add((res.stdout, res.stderr, res.returncode))
        assert len(outs) == 1, f"seed {seed}: output depends on the hash seed"


def test_reduce_cases_keeps_only_failing_cases():
    source = program_fuzz.generate(random.Random(3), cases=5)
    target = program_fuzz.split_cases(source)[2][1]
    reduced = program_fuzz.reduce_cases(source, lambda s: target in s)
    assert [src for _, src in program_fuzz.split_cases(reduced)] == [target]


def _check(seed: int, hosts, tmp_path):
    source = program_fuzz.generate(random.Random(seed))
    work = tempfile.mkdtemp(prefix=f"seed{seed}-", dir=tmp_path)   # hypothesis may repeat a seed
    result = program_fuzz.run_differential(source, work, hosts)
    problems = [f"{host}: {p}" for host, ps in result.items() for p in ps]
    assert not problems, (f"seed {seed} (tools/fuzz_programs.py --show {seed}):\n" + "\n".join(problems))


# The default suite's run: a fixed seed and budget, so CI tries the same programs every time
# (PYBC2WASM_FUZZ_SEED / PYBC2WASM_FUZZ_CI_PROGRAMS move or widen it); the slow run below and
# tools/fuzz_programs.py explore new seeds.
CI_SEED = int(os.environ.get("PYBC2WASM_FUZZ_SEED", "20261205"))
CI_PROGRAMS = int(os.environ.get("PYBC2WASM_FUZZ_CI_PROGRAMS", "4"))


@requires_core
@requires_runtime
@pytest.mark.parametrize("seed", [CI_SEED + i for i in range(CI_PROGRAMS)])
def test_random_program_matches_cpython(seed, tmp_path, runtimes):
    _check(seed, ["wasmtime"], tmp_path)


@pytest.mark.slow
@requires_core
@requires_runtime
@settings(max_examples=int(os.environ.get("PYBC2WASM_FUZZ_PROGRAMS", "25")), deadline=None,
          database=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(seed=st.integers(0, 2**31))
def test_random_program_matches_cpython_on_both_hosts(seed, tmp_path, runtimes):
    _check(seed, ["wasmtime", "native"], tmp_path)
