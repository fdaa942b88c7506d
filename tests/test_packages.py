"""Differential tests of multi-module programs: each ``tests/packages/<name>/`` directory is a
program (modules, packages, namespace packages) compiled into ONE module.

For each directory:
  1. copy it into a temp dir and compile it with ``compileall`` in the legacy layout
     (``x.pyc`` beside ``x.py``, file names in code objects relative to the directory), then
     DELETE every ``.py``;
  2. run CPython on it for the expected stdout, stderr and exit status: ``python DIR`` (which
     runs ``DIR/__main__.pyc``), or ``python -m ENTRY`` in DIR for a run with an entry;
  3. ``pybc2wasm compile DIR [--entry ENTRY]`` and run it under wasmtime, Node and natively.
     A variant compiles the ``__pycache__/x.cpython-311.pyc`` layout of the same sources
     instead (CPython itself ignores that layout without sources, so the expectation is the
     one of the legacy layout, with ``x.py`` for ``x.pyc`` as CPython names such modules).

An optional file ``RUNS`` in the directory lists one run per line: ``[--entry NAME] ARGS``
(shell-quoted); without it there is one run of ``__main__`` with no arguments. CPython prints
absolute paths (``__file__``, module reprs, ImportError messages) where the compiled program
has paths relative to DIR: the expectation has ``DIR/`` removed. Tracebacks of ``python DIR``
and ``python -m`` start with frames of CPython's launcher (``File "<frozen runpy>"``), which
are not the program's: they are removed too. Never hand-write an expectation: CPython
produces it.
"""
from __future__ import annotations

import compileall
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, requires_core, requires_runtime
from test_differential import TIMEOUT, cpython_env, mismatches

PACKAGES = REPO / "tests" / "packages"
HOSTS = ["wasmtime", "node", "native", "native-pycache"]
RUNPY_FRAME = re.compile(rb'  File "<frozen runpy>", line \d+, in \w+\n')


def runs_of(pkg: Path) -> list[tuple[str | None, list[str]]]:
    spec = pkg / "RUNS"
    lines = spec.read_text().splitlines() if spec.exists() else [""]
    runs = []
    for line in lines:
        if line.strip().startswith("#"):
            continue
        words = shlex.split(line)
        entry = None
        if words[:1] == ["--entry"]:
            entry, words = words[1], words[2:]
        runs.append((entry, words))
    return runs


def cases():
    for pkg in sorted(p for p in PACKAGES.iterdir() if p.is_dir()):
        for i, (entry, args) in enumerate(runs_of(pkg)):
            label = entry or "__main__"
            for host in HOSTS:
                yield pytest.param(pkg, entry, args, host, id=f"{pkg.name}-{i}-{label}-{host}")


def compile_tree(src: Path, dest: Path, legacy: bool = True) -> Path:
    """Copy `src` to `dest`, compile it (`compileall -b` layout, or __pycache__), delete the
    sources."""
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("__pycache__", "RUNS"))
    ok = compileall.compile_dir(str(dest), stripdir=str(dest), legacy=legacy, quiet=1)
    assert ok, f"compileall failed for {src}"
    for py in dest.rglob("*.py"):
        py.unlink()
    return dest


def expected(tree: Path, entry: str | None, args: list[str]) -> tuple[bytes, bytes, int]:
    if entry is None:
        cmd, cwd = [sys.executable, tree.name, *args], tree.parent
    else:
        cmd, cwd = [sys.executable, "-m", entry, *args], tree
    res = subprocess.run(cmd, cwd=cwd, capture_output=True, stdin=subprocess.DEVNULL,
                         env=cpython_env(), timeout=TIMEOUT)
    prefix = (str(tree) + "/").encode()
    err = RUNPY_FRAME.sub(b"", res.stderr.replace(prefix, b""))
    return res.stdout.replace(prefix, b""), err, res.returncode


def actual(tree: Path, entry: str | None, args: list[str], host: str, tmp: Path):
    from compile_helpers import build_program
    from pybc2wasm import runner

    target = "native" if host == "native" else "wasm32-wasi"
    built = build_program([tree], entry, target)
    out, err = tmp / f"{host}.stdout", tmp / f"{host}.stderr"
    status = runner.run(built, host, [tree.name, *args], stdin=Path("/dev/null"), stdout=out,
                        stderr=err, timeout=TIMEOUT)
    return out.read_bytes(), err.read_bytes(), status


@requires_core
@requires_runtime
@pytest.mark.parametrize("pkg,entry,args,host", list(cases()))
def test_package(pkg: Path, entry, args, host: str, tmp_path: Path, toolchain, runtimes):
    if host == "node" and toolchain.node is None:
        pytest.skip("node >= 20 not found (optional host)")
    tree = compile_tree(pkg, tmp_path / pkg.name)
    want_out, want_err, want_status = expected(tree, entry, args)
    if host == "native-pycache":
        # CPython names a module by its source file when its bytecode is in __pycache__
        want_out, want_err = (w.replace(b".pyc", b".py") for w in (want_out, want_err))
        tree = compile_tree(pkg, tmp_path / "pycache" / pkg.name, legacy=False)
        host = "native"
    got_out, got_err, got_status = actual(tree, entry, args, host, tmp_path)
    problems = mismatches(host, (want_out, want_err, want_status), (got_out, got_err, got_status))
    assert not problems, "\n".join(problems)
