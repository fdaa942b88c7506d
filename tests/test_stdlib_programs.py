"""Differential tests of programs that import stdlib modules: ``tests/programs_stdlib/*.py``.

Until the driver follows imports into the stdlib by itself, each program is compiled together
with the CPython stdlib modules listed in ``STDLIB`` (their own ``.pyc`` files, copied from
CPython's ``__pycache__`` into the program's directory, which is how compiled modules shadow
the runtime's hand-written replacements); everything else they import comes from the
runtime's native modules. Expected stdout, stderr and exit status come from running CPython on
the program's ``.pyc``. Never hand-write an expectation: CPython produces it.
"""
from __future__ import annotations

import shutil
import sys
import sysconfig
from pathlib import Path

import pytest

from conftest import REPO, requires_core, requires_runtime
from test_differential import TIMEOUT, expected, mismatches, prepare, program_args

PROGRAMS = REPO / "tests" / "programs_stdlib"
HOSTS = ["wasmtime", "node", "native"]
# stdlib modules compiled from CPython's bytecode: `re` runs on the runtime's native `_sre`
STDLIB = ["re", "copyreg"]


def stdlib_pyc(name: str) -> list[tuple[Path, Path]]:
    """(CPython's .pyc, its relative path in the program directory) for module or package `name`."""
    lib = Path(sysconfig.get_paths()["stdlib"])
    tag = sys.implementation.cache_tag
    pkg = lib / name
    if pkg.is_dir():
        return [(pyc, Path(name) / (pyc.name.split(".")[0] + ".pyc"))
                for pyc in sorted((pkg / "__pycache__").glob(f"*.{tag}.pyc"))]
    return [(lib / "__pycache__" / f"{name}.{tag}.pyc", Path(f"{name}.pyc"))]


def build_tree(pyc: Path, tree: Path) -> Path:
    tree.mkdir()
    shutil.copyfile(pyc, tree / pyc.name)
    for name in STDLIB:
        for src, rel in stdlib_pyc(name):
            (tree / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, tree / rel)
    return tree


def actual(tree: Path, entry: str, args: list[str], host: str, tmp: Path):
    from pybc2wasm import link, project, runner
    from pybc2wasm.pipeline import compile_project

    program = compile_project(project.from_directory(tree, entry))
    target = "native" if host == "native" else "wasm32-wasi"
    built = link.build(program, target, quiet=True)
    out, err = tmp / f"{host}.stdout", tmp / f"{host}.stderr"
    status = runner.run(built, host, [f"{entry}.pyc", *args], stdin=Path("/dev/null"), stdout=out,
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
    tree = build_tree(pyc, tmp_path / "tree")
    got = actual(tree, src.stem, args, host, tmp_path)
    problems = mismatches(host, want, got)
    assert not problems, "\n".join(problems)
