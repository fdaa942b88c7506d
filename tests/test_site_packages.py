"""Differential tests of programs that use popular pure-Python PyPI packages, compiled from
bytecode only: tools/site_packages.py installs the pins of tests/site_packages/requirements.txt
into a directory of legacy ``X.pyc`` files with every ``.py`` deleted. Each
``tests/site_packages/*.py`` runs under CPython against that directory (the expectation: stdout,
stderr, exit status) and is compiled with ``--path DIR`` (C accelerators such as markupsafe's
``_speedups`` are missing, so the packages' pure-Python fallbacks run), then runs under wasmtime
and natively. Every package module must come from DIR, never from the interpreter's own
site-packages.

Headers on the first lines: ``# include: mod ...``, ``# exclude: mod ...`` (a module CPython
cannot import under ``-S`` either, such as an optional dependency that only the interpreter's
own site-packages has), ``# xfail: reason``, ``# slow`` (outside the default suite: its first
build is long).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, requires_core, requires_runtime
from test_differential import TIMEOUT, cpython_env, mismatches
from test_stdlib_programs import HOSTS, compile_app

PROGRAMS = REPO / "tests" / "site_packages"


def headers(src: Path) -> dict[str, str]:
    found = {}
    for line in src.read_text().splitlines():
        if not line.startswith("# "):
            break
        key, _, value = line[2:].partition(":")
        found[key.strip()] = value.strip()
    return found


def cases():
    for src in sorted(PROGRAMS.glob("*.py")):
        head = headers(src)
        marks = [pytest.mark.slow] if "slow" in head else []
        if "xfail" in head:
            marks.append(pytest.mark.xfail(reason=head["xfail"], strict=False))
        for host in HOSTS:
            yield pytest.param(src, host, marks=marks, id=f"{src.stem}-{host}")


@pytest.fixture(scope="session")
def site() -> Path:
    sys.path.insert(0, str(REPO / "tools"))
    from site_packages import site_dir
    return site_dir()


def expected(pyc: Path, site: Path, tmp: Path) -> tuple[bytes, bytes, int]:
    work = tmp / "work-cpython"
    work.mkdir()
    env = cpython_env()
    env["PYTHONPATH"] = str(site)
    # -S: no site-packages of the interpreter, only the sourceless directory
    res = subprocess.run([sys.executable, "-S", str(pyc)], cwd=work, capture_output=True,
                         stdin=subprocess.DEVNULL, env=env, timeout=TIMEOUT)
    return res.stdout, res.stderr, res.returncode


def build(pyc: Path, site: Path, includes: list[str], target: str,
          excludes: list[str] = ()) -> Path:
    from pybc2wasm.driver import BuildOptions, build_graph_program, load_graph

    opts = BuildOptions(quiet=True, jobs=1, paths=[site], include=includes, exclude=list(excludes))
    graph = load_graph([pyc], None, opts)
    strays = sorted(n.name for n in graph.nodes.values() if n.origin == "site")
    assert not strays, f"modules from the interpreter's site-packages, not {site}: {strays}"
    return Path(build_graph_program(graph, target, None, opts))


def actual(pyc: Path, site: Path, includes: list[str], host: str,
           tmp: Path, excludes: list[str] = ()) -> tuple[bytes, bytes, int]:
    from compile_helpers import run_in_scratch_dir

    built = build(pyc, site, includes, "native" if host == "native" else "wasm32-wasi", excludes)
    return run_in_scratch_dir(built, pyc.name, host, tmp, TIMEOUT)


@requires_core
@requires_runtime
@pytest.mark.parametrize("src,host", list(cases()))
def test_site_package(src: Path, host: str, site: Path, tmp_path: Path, toolchain, runtimes):
    pyc = compile_app(src, tmp_path)
    want = expected(pyc, site, tmp_path)
    assert want[2] == 0, f"CPython failed on {src.name}:\n{want[1].decode(errors='replace')}"
    head = headers(src)
    got = actual(pyc, site, head.get("include", "").split(), host, tmp_path,
                 head.get("exclude", "").split())
    problems = mismatches(host, want, got)
    assert not problems, "\n".join(problems)
