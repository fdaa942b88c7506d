"""Differential tests of programs using CPython's own pure-Python stdlib modules, compiled
from CPython's .pyc files (until the compiler follows imports into the stdlib by itself).

Each ``tests/programs_stdlib/NAME.py`` starts with ``# stdlib: mod mod.sub ...``: the stdlib
modules to compile with it (their ``__pycache__`` .pyc files are copied beside the program in
package layout, shadowing the runtime's hand-written replacements). CPython runs the program
itself for the expectation; the compiled tree must give the same stdout, stderr and status.
"""
from __future__ import annotations

import py_compile
import shutil
import sys
import sysconfig
from pathlib import Path

import pytest

from conftest import REPO, requires_core, requires_runtime
from test_differential import HOSTS, TIMEOUT, cpython_env, mismatches

PROGRAMS = REPO / "tests" / "programs_stdlib"
STDLIB = Path(sysconfig.get_paths()["stdlib"])


def programs() -> list[Path]:
    return sorted(PROGRAMS.glob("*.py"))


def stdlib_modules(src: Path) -> list[str]:
    for line in src.read_text().splitlines():
        if line.startswith("# stdlib:"):
            return line[len("# stdlib:"):].split()
    return []


def stdlib_pyc(name: str) -> tuple[Path, Path]:
    """(CPython's cached .pyc of module `name`, its path in the tree)."""
    tag = sys.implementation.cache_tag
    parts = name.split(".")
    pkg = STDLIB.joinpath(*parts)
    if (pkg / "__init__.py").exists():
        return pkg / "__pycache__" / f"__init__.{tag}.pyc", Path(*parts) / "__init__.pyc"
    src = STDLIB.joinpath(*parts[:-1], parts[-1] + ".py")
    assert src.exists(), f"no stdlib module {name}"
    return src.parent / "__pycache__" / f"{parts[-1]}.{tag}.pyc", Path(*parts[:-1], parts[-1] + ".pyc")


def build_tree(src: Path, tree: Path) -> Path:
    tree.mkdir(parents=True)
    for mod in stdlib_modules(src):
        cached, rel = stdlib_pyc(mod)
        if not cached.exists():
            py_compile.compile(str(cached.parent.parent / (rel.stem + ".py")) if rel.name != "__init__.pyc"
                               else str(cached.parent.parent / "__init__.py"), doraise=True)
        (tree / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, tree / rel)
    copy = tree / "app.py"
    shutil.copyfile(src, copy)
    py_compile.compile(str(copy), cfile=str(tree / "app.pyc"), dfile="app.py", doraise=True)
    copy.unlink()
    return tree


def expected(src: Path, tmp: Path) -> tuple[bytes, bytes, int]:
    import subprocess

    d = tmp / "cpython"
    d.mkdir()
    shutil.copyfile(src, d / "app.py")
    py_compile.compile(str(d / "app.py"), cfile=str(d / "app.pyc"), dfile="app.py", doraise=True)
    (d / "app.py").unlink()
    res = subprocess.run([sys.executable, "app.pyc"], cwd=d, capture_output=True, stdin=subprocess.DEVNULL,
                         env=cpython_env(), timeout=TIMEOUT)
    return res.stdout, res.stderr, res.returncode


def actual(tree: Path, host: str, tmp: Path) -> tuple[bytes, bytes, int]:
    from pybc2wasm import link, project, runner
    from pybc2wasm.pipeline import compile_project

    program = compile_project(project.from_directory(tree, "app"))
    target = "native" if host == "native" else "wasm32-wasi"
    built = link.build(program, target, quiet=True)
    out, err = tmp / f"{host}.stdout", tmp / f"{host}.stderr"
    status = runner.run(built, host, ["app.pyc"], stdin=Path("/dev/null"), stdout=out, stderr=err, timeout=TIMEOUT)
    return out.read_bytes(), err.read_bytes(), status


@requires_core
@requires_runtime
@pytest.mark.parametrize("host", HOSTS)
@pytest.mark.parametrize("src", programs(), ids=lambda p: p.stem)
def test_stdlib_program(src: Path, host: str, tmp_path: Path, toolchain, runtimes):
    if host == "node" and toolchain.node is None:
        pytest.skip("node >= 20 not found (optional host)")
    tree = build_tree(src, tmp_path / "tree")
    want = expected(src, tmp_path)
    got = actual(tree, host, tmp_path)
    problems = mismatches(host, want, got)
    assert not problems, "\n".join(problems)
