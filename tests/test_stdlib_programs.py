"""Differential tests of programs that import stdlib modules: ``tests/programs_stdlib/*.py``.

Each program is compiled as users compile theirs: the module graph follows its imports into
CPython's own stdlib bytecode (natives only where CPython has C). Expected stdout, stderr and
exit status come from running CPython on the program's ``.pyc``. Never hand-write an
expectation: CPython produces it.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, requires_core, requires_runtime
from test_differential import TIMEOUT, expected, mismatches, prepare, program_args

PROGRAMS = REPO / "tests" / "programs_stdlib"
HOSTS = ["wasmtime", "node", "native"]


def actual(pyc: Path, args: list[str], host: str, tmp: Path):
    from compile_helpers import build_program
    from pybc2wasm import runner

    target = "native" if host == "native" else "wasm32-wasi"
    built = build_program([pyc], None, target)
    out, err = tmp / f"{host}.stdout", tmp / f"{host}.stderr"
    status = runner.run(built, host, [pyc.name, *args], stdin=Path("/dev/null"), stdout=out,
                        stderr=err, timeout=TIMEOUT)
    return out.read_bytes(), err.read_bytes(), status


@requires_core
@requires_runtime
@pytest.mark.parametrize("host", HOSTS)
@pytest.mark.parametrize("src", sorted(PROGRAMS.glob("*.py")), ids=lambda p: p.stem)
def test_stdlib_program(src: Path, host: str, tmp_path: Path, toolchain, runtimes):
    if host == "node" and toolchain.node is None:
        pytest.skip("node >= 20 not found (optional host)")
    args = program_args(src)
    pyc = prepare(src, tmp_path)
    want = expected(pyc, args)
    got = actual(pyc, args, host, tmp_path)
    problems = mismatches(host, want, got)
    assert not problems, "\n".join(problems)
