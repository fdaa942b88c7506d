"""Mutated .pyc files (truncated, bit flips, random bytes, zeroed runs, spliced bytes, damaged
instructions) never make the compiler fail internally or hang: every one is compiled or
refused with a CompileError (see pybc2wasm/pyc_fuzz.py; tools/fuzz_pyc.py runs it unbounded)."""
from __future__ import annotations

import py_compile
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from pybc2wasm import pyc_fuzz

PROGRAMS = Path(__file__).parent / "programs"
SOURCES = ["fib_recursive.py", "closures_mixed.py", "exc_try_except.py", "generators_basic.py",
           "classes_basic.py", "comprehensions.py", "pattern_matching.py", "exc_star.py"]
EXAMPLES = 2000
tally: dict[str, int] = {}


@pytest.fixture(scope="module")
def pycs(tmp_path_factory) -> list[bytes]:
    out = tmp_path_factory.mktemp("pycs")
    names = [n for n in SOURCES if (PROGRAMS / n).exists()]
    assert len(names) >= 3, "the mutation corpus lost its programs"
    return [Path(py_compile.compile(str(PROGRAMS / n), cfile=str(out / (n + "c")), doraise=True)).read_bytes()
            for n in names]


def test_unmutated_corpus_compiles(pycs):
    for data in pycs:
        assert pyc_fuzz.outcome(data).kind == "compiled"


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(which=st.integers(0, 1000), kind=st.sampled_from(pyc_fuzz.KINDS), seed=st.integers(0, 2**32))
def test_mutated_pyc_is_compiled_or_refused(pycs, which, kind, seed):
    data = pyc_fuzz.mutate(pycs[which % len(pycs)], kind, random.Random(seed))
    result = pyc_fuzz.outcome(data, timeout=120)   # generous: CI machines are busy
    tally[result.kind] = tally.get(result.kind, 0) + 1
    assert result.kind in ("compiled", "refused"), f"{kind} mutation: {result.kind}: {result.detail}"


def test_mutations_reached_both_outcomes():
    """Guards the test above against a corpus or mutator that stopped producing either
    accepted or refused files (it must exercise the verifier, not only the loader)."""
    if sum(tally.values()) < EXAMPLES // 2:
        pytest.skip("the mutation test did not run in this process")
    assert tally.get("refused", 0) > 0 and tally.get("compiled", 0) > 0, tally
