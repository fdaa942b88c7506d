"""Differential tests of programs that import stdlib modules: ``tests/programs_stdlib/*.py``.

Each program is compiled as users compile theirs: the module graph follows its imports into
CPython's own stdlib bytecode (natives only where CPython has C). Expected stdout, stderr and
exit status come from running CPython on the program's ``.pyc``. Never hand-write an
expectation: CPython produces it. A ``# xfail: why`` line marks a program that needs runtime
features other branches are still adding.
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


def xfail_reason(src: Path) -> str | None:
    """A `# xfail: why` line near the top: the program needs runtime features still missing."""
    for line in src.read_text().splitlines()[:5]:
        if line.startswith("# xfail:"):
            return line.split(":", 1)[1].strip()
    return None


def programs():
    for src in sorted(PROGRAMS.glob("*.py")):
        reason = xfail_reason(src)
        marks = [pytest.mark.xfail(reason=reason, strict=False)] if reason else []
        yield pytest.param(src, id=src.stem, marks=marks)


@requires_core
@requires_runtime
@pytest.mark.parametrize("host", HOSTS)
@pytest.mark.parametrize("src", list(programs()))
def test_stdlib_program(src: Path, host: str, tmp_path: Path, toolchain, runtimes):
    if host == "node" and toolchain.node is None:
        pytest.skip("node >= 20 not found (optional host)")
    args = program_args(src)
    pyc = prepare(src, tmp_path)
    want = expected(pyc, args)
    got = actual(pyc, args, host, tmp_path)
    problems = mismatches(host, want, got)
    assert not problems, "\n".join(problems)
