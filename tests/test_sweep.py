"""The corpus sweep: inputs, broken .pyc files and compiler crashes reported as causes, the
process pool (same report as one process; a dying worker is a cause) and the command."""
from __future__ import annotations

import importlib.util
import json
import multiprocessing
import os
import py_compile
from pathlib import Path

import pytest
from click.testing import CliRunner

from pybc2wasm import sweep
from pybc2wasm.cli import main
from pybc2wasm.diagnostics import PycError
from pybc2wasm.frontend_bytecode import build
from pybc2wasm.frontend_bytecode.loader import load_pyc
from pybc2wasm.opcode_matrix import table

GOOD = "def add(a, b):\n    return [a, b]\n\nprint(add(1, 2))\n"
REFUSED = "def f(a):\n    return a\n\nprint(f(1) - 1)\n"    # BINARY_OP at module level
MAGIC_310 = (3439).to_bytes(2, "little") + b"\r\n"   # a version the loader refuses


def compile_to(src_dir: Path, name: str, source: str, out_dir: Path) -> Path:
    src = src_dir / f"{name}.py"
    src.write_text(source)
    pyc = out_dir / f"{name}.pyc"
    py_compile.compile(str(src), cfile=str(pyc), dfile=str(src), doraise=True)
    return pyc


@pytest.fixture
def refuse_binary_op(monkeypatch):
    """Whatever the compiler supports by now, BINARY_OP is refused during these tests
    (forked workers inherit this)."""
    monkeypatch.delitem(table("3.11").OPCODES, "BINARY_OP")


@pytest.fixture
def corpus_dir(tmp_path, refuse_binary_op) -> Path:
    """Two good .pyc files, one refused, and four broken ones."""
    src, out = tmp_path / "src", tmp_path / "pyc"
    src.mkdir()
    out.mkdir()
    good = compile_to(src, "good", GOOD, out)
    compile_to(src, "good2", GOOD.replace("add", "plus"), out)
    compile_to(src, "refused", REFUSED, out)
    data = good.read_bytes()
    (out / "truncated.pyc").write_bytes(data[:10])
    (out / "bad_magic.pyc").write_bytes(b"\0\1\2\3" + data[4:])
    (out / "garbage.pyc").write_bytes(data[:16] + b"\xff\x00garbage")
    (out / "py310.pyc").write_bytes(MAGIC_310 + data[4:])
    return out


BROKEN = ("truncated", "bad_magic", "garbage", "py310")


def expected_cause(path: Path) -> str:
    """What the sweep should call this file's problem: the loader's own message, normalised."""
    with pytest.raises(PycError) as e:
        load_pyc(path)
    return sweep._pyc_cause(e.value.message)


def causes_of(report: dict) -> dict[str, dict]:
    return {c["cause"]: c for c in report["causes"]}


def test_broken_pyc_files_are_causes_not_crashes(corpus_dir):
    report = sweep.sweep([str(corpus_dir)], jobs=1, show_progress=False)
    s = report["summary"]
    assert s["files"] == 7
    assert s["files_loaded"] == 3
    assert s["files_tir_ok"] == 2
    causes = causes_of(report)
    for name in BROKEN:
        cause = expected_cause(corpus_dir / f"{name}.pyc")
        assert cause in causes, (name, sorted(causes))
        assert causes[cause]["stage"] == "load"
    assert len({expected_cause(corpus_dir / f"{n}.pyc") for n in BROKEN}) == len(BROKEN)


def test_refused_code_object_is_a_cause_with_an_example(corpus_dir):
    report = sweep.sweep([str(corpus_dir)], jobs=1, show_progress=False)
    refused = [c for c in report["causes"] if c["stage"] in ("decode", "tir")]
    assert len(refused) == 1
    example = refused[0]["example"]
    assert example["qualname"] == "<module>"
    line = next(n for n, text in enumerate(REFUSED.splitlines(), 1) if " - " in text)
    assert example["where"].endswith(f"refused.pyc:{line}")
    # the nested function of the refused module is judged on its own, and passes
    files = {Path(f["file"]).name: f for f in report["files"]}
    assert files["refused.pyc"]["code_objects"] == 2
    assert files["refused.pyc"]["tir_ok"] == 1


def test_a_compiler_crash_is_an_internal_error_cause(corpus_dir, monkeypatch):
    real = build.build_code_object

    def crashing(code, version):
        if code.co_name == "plus":
            raise TypeError("boom")
        return real(code, version)
    monkeypatch.setattr(build, "build_code_object", crashing)
    report = sweep.sweep([str(corpus_dir)], jobs=1, show_progress=False)
    internal = [c for c in report["causes"] if c["cause"].startswith("internal error: TypeError")]
    assert len(internal) == 1
    assert internal[0]["count"] == 1
    assert internal[0]["example"]["qualname"] == "plus"
    assert "boom" in internal[0]["example"]["detail"]
    assert report["summary"]["files_tir_ok"] == 1   # good.pyc still passes


def comparable(report: dict) -> dict:
    return {k: v for k, v in report.items() if k not in ("jobs", "wall_seconds")}


def test_two_processes_give_the_same_report_as_one(corpus_dir):
    one = sweep.sweep([str(corpus_dir)], jobs=1, show_progress=False)
    two = sweep.sweep([str(corpus_dir)], jobs=2, show_progress=False)
    assert comparable(one) == comparable(two)


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                    reason="workers must inherit the monkeypatch")
def test_a_dying_worker_is_reported_and_the_sweep_goes_on(corpus_dir, monkeypatch):
    real = build.build_code_object

    def dying(code, version):
        if code.co_name == "plus":
            os._exit(3)
        return real(code, version)
    monkeypatch.setattr(build, "build_code_object", dying)
    report = sweep.sweep([str(corpus_dir)], jobs=2, show_progress=False)
    causes = causes_of(report)
    died = causes["internal error: the compiler process died"]
    assert died["count"] == 1 and died["example"]["where"].endswith("good2.pyc")
    assert report["summary"]["files"] == 7
    assert report["summary"]["files_tir_ok"] == 1


def test_a_folder_of_sources_is_compiled(tmp_path, refuse_binary_op):
    (tmp_path / "ok.py").write_text(GOOD)
    (tmp_path / "broken.py").write_text("def (:\n")
    report = sweep.sweep([str(tmp_path)], jobs=1, show_progress=False)
    assert report["summary"]["files"] == 2
    assert report["summary"]["files_tir_ok"] == 1
    assert "source does not compile: SyntaxError" in causes_of(report)


def test_a_py_file_uses_its_cached_pyc(tmp_path):
    src = tmp_path / "m.py"
    src.write_text(GOOD)
    py_compile.compile(str(src), doraise=True)
    cached = importlib.util.cache_from_source(str(src))
    assert sweep.collect([str(src)]) == [sweep.SweepInput(str(src), pyc=cached)]


def test_optimized_pyc_is_skipped_when_the_plain_one_is_there(tmp_path):
    for name in ("m.cpython-311.pyc", "m.cpython-311.opt-1.pyc", "n.cpython-311.opt-2.pyc"):
        (tmp_path / name).write_bytes(b"")
    names = [Path(i.display).name for i in sweep.collect([str(tmp_path)])]
    assert names == ["m.cpython-311.pyc", "n.cpython-311.opt-2.pyc"]


def test_an_installed_distribution_is_found_by_name():
    inputs = sweep.collect(["click"])
    assert any(Path(i.display).name == "core.py" for i in inputs)


def test_an_unknown_path_is_a_usage_error():
    with pytest.raises(sweep.SweepUsageError):
        sweep.collect(["/no/such/place/and-no-such-distribution"])


def test_sweep_command_prints_the_ranked_causes_and_writes_json(corpus_dir, tmp_path):
    out = tmp_path / "s.json"
    res = CliRunner().invoke(main, ["sweep", str(corpus_dir), "--jobs", "1", "--json", str(out), "-q"])
    assert res.exit_code == 0, res.output
    report = json.loads(out.read_text())
    assert "code objects OK through TIR" in res.output
    for c in report["causes"]:
        assert c["cause"] in res.output
    counts = [c["count"] for c in report["causes"]]
    assert counts == sorted(counts, reverse=True)


def test_sweep_command_refuses_an_unknown_path():
    res = CliRunner().invoke(main, ["sweep", "/no/such/place", "-q"])
    assert res.exit_code == 2
    assert "no such file" in res.output


def test_progress_without_a_terminal_prints_every_ten_percent(capsys):
    import sys
    p = sweep.Progress(20, stream=sys.stderr)
    for _ in range(20):
        p(1)
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 10 and lines[-1].startswith("sweep: 20/20 files (100%)")


FIB = (Path(__file__).parent / "filetests" / "fib.py").read_text()


def test_llvm_backend_compiles_a_numeric_core(tmp_path):
    (tmp_path / "fib.py").write_text(FIB)
    (tmp_path / "hello.py").write_text("print('hello')\n")
    report = sweep.sweep([str(tmp_path)], jobs=1, backends=("llvm",), show_progress=False)
    s = report["summary"]
    assert s["files_tir_ok"] == 2
    assert s["files_llvm_ok"] == 1 and s["files_llvm_no_core"] == 1


def test_a_backend_refusal_is_a_cause(tmp_path, monkeypatch):
    from pybc2wasm.backends.rust.printer import FunctionPrinter
    monkeypatch.delattr(FunctionPrinter, "op_call")
    monkeypatch.setattr(sweep, "rust_check_setup", lambda: (None, []))   # the printer only
    (tmp_path / "hello.py").write_text("print('hello')\n")
    report = sweep.sweep([str(tmp_path)], jobs=1, backends=("rust",), show_progress=False)
    assert report["summary"]["files_rust_ok"] == 0
    assert [c["stage"] for c in report["causes"]] == ["rust"]
    assert "'call'" in report["causes"][0]["cause"]


@pytest.mark.slow
@pytest.mark.requires_runtime
def test_rust_backend_output_passes_rustc(tmp_path):
    (tmp_path / "fib.py").write_text(FIB)
    report = sweep.sweep([str(tmp_path)], jobs=1, backends=("rust", "llvm"), show_progress=False)
    assert report["summary"]["files_rust_ok"] == 1, report["causes"]
