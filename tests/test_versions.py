"""CPython 3.12, 3.13 and 3.14 bytecode (slow: `pytest -m slow tests/test_versions.py`).

The oracles are the real interpreters of tools/get_pythons.sh (run here when they are
missing): CPython 3.13 and 3.14 natively, 3.12 in Pyodide under node.
- the project's marshal reader against each interpreter's own marshal over its whole stdlib;
- the instruction reader against each interpreter's own `dis` on tests/programs;
- every differential program (tests/programs, tests/programs_large, tests/programs_versions):
  the .pyc made by that version, the expected output from that
  version running it, the compiled program's output compared byte for byte. Pyodide is a
  32-bit build (32-bit `hash()`), so under 3.12 programs whose output depends on hash order
  would differ for that reason alone: they are listed in HASH_ORDER and not run there.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, requires_core, requires_runtime
from test_differential import HOSTS, TIMEOUT, actual, cpython_env, mismatches, program_args, program_id

sys.path.insert(0, str(REPO / "tools"))
VERSIONS = ("3.12", "3.13", "3.14")
PROGRAMS = sorted((REPO / "tests" / "programs").glob("*.py"))
# the larger programs (object-heavy, 100-400 lines, and the benchmark shapes)
LARGE_PROGRAMS = sorted((REPO / "tests" / "programs_large").glob("*.py"))
# programs aimed at what 3.12-3.14 changed in the bytecode (run under every version)
VERSION_PROGRAMS = sorted((REPO / "tests" / "programs_versions").glob("*.py"))
# programs printing sets/dicts built from str keys in hash order (differ on 32-bit Pyodide)
HASH_ORDER: set[str] = set()
# programs printing sys.maxsize (2**31 - 1 on 32-bit Pyodide, 2**63 - 1 in `python3.12` on a
# 64-bit machine and in the compiled program on every target)
WORD_SIZE = {"sys_argv"}
# programs asking the OS about child processes: Pyodide (Emscripten) has none, its
# os.waitpid is OSError ENOSYS where `python3.12` and the compiled program raise
# ChildProcessError
NO_PROCESSES = {"select_subprocess_import"}
# programs whose output Pyodide's CPython (32-bit Emscripten, run through its own runner) makes
# differ from any 64-bit CPython's, each for the reason given (measured in docs/versions.md,
# Round 6); they run under 3.13 and 3.14 and, for 3.12, would need a 64-bit `python3.12`
PYODIDE_DIFFERS = {
    "memory_error_repeat": "a huge repeat count is OverflowError (index-sized integer) on 32-bit",
    "speculation_lists_deopt": "prints sys.maxsize + 1 and an errno (Emscripten's numbers)",
    "random_class": "seeds from hash() of a float, 32-bit on Pyodide",
    "threading_main_only": "Pyodide's threading has no get_native_id",
}
# where the compiled programs run: native by default; PYBC2WASM_VERSIONS_HOST=wasmtime (or
# node) runs the same comparisons on wasm32-wasi
VERSIONS_HOST = os.environ.get("PYBC2WASM_VERSIONS_HOST", "native")
assert VERSIONS_HOST in HOSTS, f"PYBC2WASM_VERSIONS_HOST={VERSIONS_HOST}: one of {HOSTS}"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def pythons_ready():
    from pybc2wasm import pythons
    if any(pythons.find(v) is None for v in VERSIONS):
        subprocess.run(["sh", str(REPO / "tools" / "get_pythons.sh")], timeout=1800)
    return pythons


def interpreter(pythons_ready, version):
    python = pythons_ready.find(version)
    if python is None:
        pytest.skip(pythons_ready.missing_reason(version))
    return python


@pytest.mark.parametrize("version", VERSIONS)
def test_marshal_reader_matches_each_stdlib(pythons_ready, version):
    import check_marshal_reader
    interpreter(pythons_ready, version)
    result = check_marshal_reader.measure(version)
    assert result["files"] > 400 and result["code_objects"] > 10000, result
    assert result["mismatches"] == []


@pytest.fixture(scope="session")
def lexer_harness(tmp_path_factory):
    """tools/tokenizer_harness.rs built with the host's rustc: the runtime's lexer alone."""
    exe = tmp_path_factory.mktemp("lexer") / "harness"
    proc = subprocess.run(["rustc", "-O", "--edition", "2021", "-o", str(exe),
                           str(REPO / "tools" / "tokenizer_harness.rs")], capture_output=True, timeout=600)
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    return exe


@pytest.mark.parametrize("version", VERSIONS)
def test_lexer_matches_each_c_tokenizer(pythons_ready, version, lexer_harness, tmp_path):
    """_tokenize.TokenizerIter's lexer against the version's own C tokenizer, token for token
    (type, string, positions, line; errors with their positions) over its whole stdlib."""
    python = interpreter(pythons_ready, version)
    env = dict(os.environ, PYRUN_MOUNT=f"{tmp_path}:{REPO}")
    proc = python.run([REPO / "tools" / "tokenizer_reference.py", "--stdlib", tmp_path, REPO / "tools"], env=env,
                      timeout=1800)
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    want = (tmp_path / "reference.txt").read_text(encoding="utf-8").splitlines()
    sources = sorted(tmp_path.glob("*.py"), key=lambda p: int(p.stem))
    got = subprocess.run([str(lexer_harness), *map(str, sources)], capture_output=True, timeout=600,
                         env=dict(os.environ, MINOR=version.split(".")[1])).stdout.decode().splitlines()
    assert len(sources) > 400 and len(want) > 1_000_000
    first = next((i for i, (a, b) in enumerate(zip(want, got)) if a != b), min(len(want), len(got)))
    assert want == got, f"line {first}: CPython {want[first:first + 1]} lexer {got[first:first + 1]}"


DIS_DUMP = """
import dis, json, marshal, sys, types
out = []
OPAQUE = ("FORMAT_VALUE", "CONVERT_VALUE")   # dis shows a function / tuple there
def walk(c):
    for i in dis.get_instructions(c):
        v = i.argval if isinstance(i.argval, (int, str)) and not isinstance(i.argval, bool) else None
        out.append([c.co_qualname, i.opname, i.offset, i.arg, None if i.opname in OPAQUE else v])
    for k in c.co_consts:
        if isinstance(k, types.CodeType): walk(k)
for n, p in enumerate(sys.argv[2:]):
    c = compile(open(p).read(), p, "exec")
    open(f"{sys.argv[1]}/{n}.m", "wb").write(marshal.dumps(c))
    walk(c)
json.dump(out, open(f"{sys.argv[1]}/dis.json", "w"))
"""


@pytest.mark.parametrize("version", VERSIONS)
def test_instructions_match_dis(pythons_ready, version, tmp_path):
    from pybc2wasm.frontend_bytecode.code_record import is_code
    from pybc2wasm.frontend_bytecode.instructions import get_instructions
    from pybc2wasm.frontend_bytecode.marshal_reader import loads
    python = interpreter(pythons_ready, version)
    script = tmp_path / "dump.py"
    script.write_text(DIS_DUMP)
    sources = PROGRAMS[:40]
    env = dict(os.environ, PYRUN_MOUNT=f"{tmp_path}:{REPO}")
    proc = python.run([script, tmp_path, *sources], env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    got = []

    def walk(c):
        for i in get_instructions(c, version):
            v = i.argval if isinstance(i.argval, (int, str)) and not isinstance(i.argval, bool) else None
            got.append([c.co_qualname, i.opname, i.offset, i.arg,
                        None if i.opname in ("FORMAT_VALUE", "CONVERT_VALUE") else v])
        for k in c.co_consts:
            if is_code(k):
                walk(k)
    for n in range(len(sources)):
        walk(loads((tmp_path / f"{n}.m").read_bytes(), version))
    want = json.loads((tmp_path / "dis.json").read_text())
    assert len(want) > 1000 and got == want


def _only_version(src: Path) -> str | None:
    """`# python: 3.14` on a version program's first line: syntax only that version has."""
    first = src.read_text().split("\n", 1)[0]
    return first.split(":", 1)[1].strip() if first.startswith("# python:") else None


def _run_expected(python, pyc: Path, args, work: Path):
    if python.pyodide:
        proc = python.run([pyc, *args], cwd=work, stdin=subprocess.DEVNULL, timeout=TIMEOUT)
    else:
        proc = subprocess.run([*python.argv, pyc.name, *args], cwd=work, capture_output=True,
                              stdin=subprocess.DEVNULL, env=cpython_env(), timeout=TIMEOUT)
    return proc.stdout, proc.stderr, proc.returncode


def _actual(pyc: Path, args: list[str], tmp: Path) -> tuple[bytes, bytes, int]:
    """The compiled program's run on VERSIONS_HOST, in a working directory of its own (as the
    expected run: a program may write files there; WASI preopens it as `.`)."""
    if VERSIONS_HOST == "node":
        return actual(pyc, args, VERSIONS_HOST, tmp)
    from compile_helpers import build_program, run_in_scratch_dir

    built = build_program([pyc], None, "native" if VERSIONS_HOST == "native" else "wasm32-wasi")
    return run_in_scratch_dir(built, pyc.name, VERSIONS_HOST, tmp, TIMEOUT, args)


@requires_core
@requires_runtime
@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("src", PROGRAMS + LARGE_PROGRAMS + VERSION_PROGRAMS, ids=program_id)
def test_program_under_version(pythons_ready, version, src: Path, tmp_path: Path, runtimes):
    python = interpreter(pythons_ready, version)
    only = _only_version(src)
    if only and only != version:
        pytest.skip(f"Python {only} syntax")
    if python.pyodide and src.stem in HASH_ORDER:
        pytest.skip("output depends on str hash order; Pyodide is 32-bit")
    if python.pyodide and src.stem in WORD_SIZE:
        pytest.skip("prints sys.maxsize; Pyodide is 32-bit")
    if python.pyodide and src.stem in PYODIDE_DIFFERS:
        pytest.skip(f"Pyodide's output differs from a 64-bit CPython's: {PYODIDE_DIFFERS[src.stem]}")
    if python.pyodide and src.stem in NO_PROCESSES:
        pytest.skip("asks for child processes; Pyodide has no processes (os.waitpid: ENOSYS)")
    args = program_args(src)
    copy = tmp_path / src.name
    shutil.copyfile(src, copy)
    pyc = tmp_path / f"{src.stem}.pyc"
    pythons_ready.compile_pyc(python, copy, pyc)
    copy.unlink()
    want = _run_expected(python, pyc, args, tmp_path)
    problems = mismatches(VERSIONS_HOST, want, _actual(pyc, args, tmp_path))
    assert not problems, "\n".join(problems)
