"""The opcode matrix: statuses derived from the code, the corpus helpers, the report formats,
the `opcodes` command and the coverage gate."""
from __future__ import annotations

import dis
import json
import opcode
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from pybc2wasm.backends.rust.printer import FunctionPrinter
from pybc2wasm.cli import main
from pybc2wasm.frontend_bytecode import build
from pybc2wasm.opcode_matrix import baseline, corpus, coverage, report, status, table
from pybc2wasm.tir.ops import OPS

OPCODES = table("3.11").OPCODES


def by_name(statuses):
    return {s.opname: s for s in statuses}


def an_unsupported_opcode(monkeypatch) -> str:
    """An opcode outside the table: the first the host version has that the table lacks, else
    (every opcode is supported) one taken out of the table for the test."""
    name = next((n for n in opcode.opmap if n not in OPCODES), None)
    if name is None:
        name = "PRINT_EXPR"
        monkeypatch.delitem(OPCODES, name)
    return name


def test_matrix_covers_every_opcode_once():
    statuses = status.matrix()
    assert [s.opname for s in statuses] == list(status.all_opcodes())
    assert set(by_name(statuses)) == set(opcode.opmap)


def test_opcode_in_table_is_decoded_and_one_outside_is_not(monkeypatch):
    missing = an_unsupported_opcode(monkeypatch)
    statuses = by_name(status.matrix())
    for name in OPCODES:
        assert statuses[name].stages["decode"] == status.YES
    assert statuses[missing].stages == {"decode": status.NO, "tir": status.BLOCKED,
                                        "rust": status.BLOCKED, "llvm": status.BLOCKED}


def test_removing_a_table_entry_changes_decode(monkeypatch):
    monkeypatch.delitem(OPCODES, "BINARY_OP")
    assert by_name(status.matrix())["BINARY_OP"].stages["decode"] == status.NO


def test_removing_a_builder_handler_changes_tir(monkeypatch):
    monkeypatch.delitem(build.HANDLERS, "BinaryOp")
    s = by_name(status.matrix())["BINARY_OP"]
    assert s.stages == {"decode": status.YES, "tir": status.NO,
                        "rust": status.BLOCKED, "llvm": status.BLOCKED}


def test_a_handler_that_refuses_some_forms_is_partial(monkeypatch):
    def refusing(b, op):
        b.unsupported("this form")
    monkeypatch.setitem(build.HANDLERS, "BinaryOp", build.Handler(refusing, ("binop",)))
    assert by_name(status.matrix())["BINARY_OP"].stages["tir"] == status.PARTIAL


def test_removing_a_printer_method_changes_rust(monkeypatch):
    monkeypatch.delattr(FunctionPrinter, "op_getattr")
    s = by_name(status.matrix())["LOAD_ATTR"]
    assert s.stages["rust"] == status.NO
    assert s.missing["rust"] == ["getattr"]


def test_printer_terminators_are_found_in_its_dispatch():
    found = status._dispatched_terminators(FunctionPrinter._terminator)
    terminators = {name for name, spec in OPS.items() if spec.terminator}
    assert found == terminators


def test_a_handler_emitting_nothing_is_supported_by_every_backend():
    statuses = by_name(status.matrix())
    silent = [name for name, (operation, _) in OPCODES.items()
              if operation in build.HANDLERS and not build.HANDLERS[operation].emits]
    assert silent
    for name in silent:
        assert statuses[name].stages["rust"] == statuses[name].stages["llvm"] == status.YES


def test_coverage_counts_match_the_statuses():
    statuses = status.matrix()
    cov = status.coverage(statuses)
    assert cov["total"] == len(opcode.opmap)
    assert cov["decode"] == len(OPCODES)
    assert cov["tir"] == sum(s.stages["tir"] in status.SUPPORTED for s in statuses)


def test_unknown_version_has_no_opcode_data():
    with pytest.raises(KeyError):
        status.all_opcodes("2.7")


# ------------------------------------------------------------------ corpus helpers

SAMPLE = """
def f(a, *, k=1):
    return [x + k for x in range(a)]
class C:
    def m(self):
        return lambda: self
"""


def test_count_opcodes_agrees_with_dis():
    code = compile(SAMPLE, "<sample>", "exec")
    expected = Counter(ins.opname for c in corpus.code_objects(code) for ins in dis.get_instructions(c))
    assert corpus.count_opcodes(code) == expected


def test_tests_by_opcode_maps_each_test_to_its_opcodes():
    mapping = corpus.tests_by_opcode()
    files = corpus.test_files()
    assert files
    for path in files:
        code = compile(path.read_text(), str(path), "exec")
        rel = path.relative_to(corpus.REPO).as_posix()
        for name in corpus.count_opcodes(code):
            assert rel in mapping[name]


# ------------------------------------------------------------------ differential coverage

def test_opnames_sees_caches_and_extended_args_that_dis_shows():
    body = "\n".join(f"    x = x + {i}" for i in range(300))
    code = compile(f"def f(x):\n{body}\n    return x\n", "<big>", "exec")
    expected = {ins.opname for c in corpus.code_objects(code)
                for ins in dis.get_instructions(c, show_caches=True)}
    assert coverage.opnames(code) == expected
    assert {"CACHE", "EXTENDED_ARG", "RESUME"} <= expected


def test_programs_by_opcode_reads_the_differential_programs(tmp_path):
    (tmp_path / "tests" / "programs").mkdir(parents=True)
    (tmp_path / "tests" / "programs" / "a.py").write_text("print(-x)\n")
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "b.py").write_text("x = 1\n")
    (tmp_path / "tests" / "filetests").mkdir()
    (tmp_path / "tests" / "filetests" / "c.py").write_text("del y\n")
    mapping = coverage.programs_by_opcode(tmp_path)
    assert mapping["UNARY_NEGATIVE"] == ["tests/programs/a.py"]
    assert mapping["STORE_NAME"] == ["examples/b.py"]
    assert mapping["RESUME"] == ["examples/b.py", "tests/programs/a.py"]
    assert "DELETE_NAME" not in mapping


def test_untested_lists_supported_opcodes_without_a_program(monkeypatch):
    unsupported = an_unsupported_opcode(monkeypatch)
    statuses = status.matrix()
    mapping = {s.opname: ["p.py"] for s in statuses}
    assert coverage.untested(statuses, mapping) == []
    del mapping["BINARY_OP"]
    del mapping[unsupported]
    assert coverage.untested(statuses, mapping) == ["BINARY_OP"]


def test_every_supported_opcode_is_exercised_by_a_differential_program():
    """The issue's rule: each opcode the compiler supports (TIR and rust stages) has a test."""
    missing = coverage.untested(status.matrix(), coverage.programs_by_opcode())
    assert not missing, (
        f"supported opcodes that no differential program ({', '.join(coverage.PROGRAM_GLOBS)}) "
        f"exercises: {', '.join(missing)} — add a program under tests/programs that uses them")


def test_describe_gives_a_count_and_the_first_programs():
    paths = ["examples/fib.py", "tests/programs/a.py", "tests/programs/b.py", "tests/programs_large/c.py"]
    assert coverage.describe(paths) == "4: examples/fib, a, b, …"
    assert coverage.describe(paths[3:]) == "1: programs_large/c"
    assert coverage.describe([]) == "0"


# ------------------------------------------------------------------ formats and command

@pytest.fixture(scope="module")
def small_report():
    counts = corpus.count_opcodes(compile(SAMPLE, "<sample>", "exec"))
    return report.build_report(counts=counts, corpus_name="a sample")


def test_json_format_round_trips(small_report):
    data = json.loads(report.render(small_report, "json"))
    assert len(data["opcodes"]) == len(opcode.opmap)
    assert data["coverage"] == small_report["coverage"]


def test_report_says_which_differential_programs_exercise_each_opcode(small_report):
    rows = by_name_rows(small_report)
    assert "tests/programs/hello.py" in rows["RESUME"]["tested_by"]
    assert rows["RESUME"]["tested_by_count"] == len(rows["RESUME"]["tested_by"])
    text = report.render(small_report, "md")
    assert f"| {coverage.describe(rows['RESUME']['tested_by'])} |" in text
    assert small_report["untested"] == coverage.untested(status.matrix(), coverage.programs_by_opcode())


def test_markdown_lists_every_opcode(small_report):
    text = report.render(small_report, "md")
    rows = [line for line in text.splitlines() if line.startswith("| ") and "|---" not in line]
    assert len(rows) == len(opcode.opmap) + 1   # the header
    for name in opcode.opmap:
        assert f"| {name} |" in text


def test_html_grid_has_a_coloured_cell_per_stage_and_working_test_links(small_report, tmp_path):
    text = report.render(small_report, "html", link_base=tmp_path)
    assert text.count('<td class="s"') == len(opcode.opmap) * len(status.STAGES)
    for r in small_report["opcodes"]:
        for t in r["tests"]:
            link = report._link(t, tmp_path)
            assert f'href="{link}"' in text
            assert (tmp_path / link).resolve().exists()


def test_opcodes_command_writes_each_format(tmp_path):
    runner = CliRunner()
    for fmt in report.FORMATS:
        out = tmp_path / f"m.{fmt}"
        res = runner.invoke(main, ["opcodes", "--format", fmt, "-o", str(out)])
        assert res.exit_code == 0, res.output
        assert "BINARY_OP" in out.read_text()


def test_opcodes_command_reads_frequencies_from_a_sweep(tmp_path):
    sweep_json = tmp_path / "sweep.json"
    sweep_json.write_text(json.dumps({"summary": {"files": 1}, "opcode_counts": {"NOP": 3}}))
    res = CliRunner().invoke(main, ["opcodes", "--format", "json", "--corpus-json", str(sweep_json)])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["corpus_instructions"] == 3
    assert by_name_rows(data)["NOP"]["share"] == 1.0


def by_name_rows(data):
    return {r["opcode"]: r for r in data["opcodes"]}


def test_opcodes_command_refuses_a_version_without_data():
    res = CliRunner().invoke(main, ["opcodes", "--python", "2.7"])
    assert res.exit_code == 2
    assert "2.7" in res.output


# ------------------------------------------------------------------ the gate

def test_gate_passes_at_or_above_the_baseline_and_fails_below():
    base = {"opcodes_tir": 10, "sweep_code_objects_tir_ok_percent": 50.0}
    assert baseline.check({"opcodes_tir": 10, "sweep_code_objects_tir_ok_percent": 50.0}, base) == []
    assert baseline.check({"opcodes_tir": 11, "sweep_code_objects_tir_ok_percent": 60.0}, base) == []
    problems = baseline.check({"opcodes_tir": 9, "sweep_code_objects_tir_ok_percent": 60.0}, base)
    assert len(problems) == 1 and problems[0].startswith("opcodes_tir")
    assert len(baseline.check({"opcodes_tir": 10}, base)) == 1   # a figure not measured


def test_raising_the_baseline_never_lowers_it():
    base = {"opcodes_tir": 10, "sweep_code_objects_tir_ok_percent": 50.0, "sweep_subset": ["json"]}
    new = baseline.raised({"opcodes_tir": 12, "sweep_code_objects_tir_ok_percent": 40.0}, base)
    assert new == {"opcodes_tir": 12, "sweep_code_objects_tir_ok_percent": 50.0, "sweep_subset": ["json"]}


def test_figures_come_from_the_reports(small_report):
    sweep_report = {"summary": {"code_objects_tir_ok_percent": 12.5}}
    assert baseline.figures(small_report, sweep_report) == {
        "opcodes_tir": small_report["coverage"]["tir"], "sweep_code_objects_tir_ok_percent": 12.5}


def test_current_matrix_meets_the_committed_opcode_baseline(small_report):
    base = baseline.load()
    assert baseline.check(baseline.figures(small_report), {"opcodes_tir": base["opcodes_tir"]}) == []


def test_committed_sweep_subset_exists_in_the_host_stdlib():
    import sysconfig
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    assert len(baseline.stdlib_paths(stdlib, baseline.load()["sweep_subset"])) == \
        len(baseline.load()["sweep_subset"])


def test_gate_checks_each_other_version_reported():
    base = {"opcodes_tir": 10, "versions": {"3.13": {"opcodes_tir": 20}, "3.14": {"opcodes_tir": 30}}}
    ok = {"opcodes_tir": 10, "versions": {"3.13": {"opcodes_tir": 20}, "3.14": {"opcodes_tir": 31}}}
    assert baseline.check(ok, base, ["3.13", "3.14"]) == []
    low = {"opcodes_tir": 10, "versions": {"3.13": {"opcodes_tir": 19}, "3.14": {}}}
    problems = baseline.check(low, base, ["3.13", "3.14"])
    assert [p.split(":")[0] for p in problems] == ["Python 3.13", "Python 3.14"]
    assert "not measured" in problems[1]
    assert baseline.check(low, base, []) == []          # versions not asked for are not gated
    raised = baseline.raised(ok, base)
    assert raised["versions"] == {"3.13": {"opcodes_tir": 20}, "3.14": {"opcodes_tir": 31}}


def test_versions_side_by_side():
    reports = [report.build_report(v) for v in ("3.11", "3.14")]
    md = report.render_versions(reports, "md")
    rows = {line.split(" | ")[0].strip("| "): line for line in md.splitlines() if line.startswith("| ")}
    # UNARY_POSITIVE is gone in 3.12+ (an intrinsic); LOAD_SMALL_INT is new in 3.14
    assert rows["UNARY_POSITIVE"].rstrip(" |").endswith("—")
    assert rows["LOAD_SMALL_INT"].split(" | ")[1] == "—"
    html = report.render_versions(reports, "html")
    assert "Python 3.11" in html and "Python 3.14" in html and html.count("<tr>") == len(rows) + 1
    res = CliRunner().invoke(main, ["opcodes", "--python", "3.11,3.14"])
    assert res.exit_code == 0, res.output
    assert res.output == md
