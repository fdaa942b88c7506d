"""Writers of the opcode matrix report: Markdown (what CI publishes), JSON and an HTML grid.

`build_report` gathers everything a report shows — the per-stage status of every opcode
(status.py), each opcode's frequency in a corpus and the tests using it (corpus.py), the
differential programs exercising it (coverage.py) — into one plain dict; `render(report, fmt)` turns that dict into text. Nothing is typed by hand.
"""
from __future__ import annotations

import html
import json
import os
from collections import Counter
from pathlib import Path

from . import corpus, coverage, status

FORMATS = ("md", "json", "html")
STAGE_TITLES = {"decode": "decode", "tir": "TIR", "rust": "rust backend", "llvm": "llvm backend"}
COLOURS = {status.YES: "#4caf50", status.PARTIAL: "#ffc107", status.NO: "#e53935",
           status.BLOCKED: "#bdbdbd"}
LEGEND = {status.YES: "supported", status.PARTIAL: "some forms refused",
          status.NO: "not supported", status.BLOCKED: "an earlier stage is missing"}


def build_report(version: str = status.HOST_VERSION, counts: Counter | None = None,
                 corpus_name: str | None = None) -> dict:
    """Everything the formats show. Without `counts`, the frequency comes from the host
    stdlib sample (only when `version` is the host's)."""
    statuses = status.matrix(version)
    if counts is None:
        counts, corpus_name = (corpus.stdlib_sample_counts() if version == status.HOST_VERSION
                               else (Counter(), "none (not the host version)"))
    tests = corpus.tests_by_opcode()
    programs = coverage.programs_by_opcode()
    total = sum(counts.values()) or 1
    rows = [{"opcode": s.opname, "number": s.number, "operation": s.operation,
             "emits": list(s.emits), "stages": s.stages, "missing": s.missing,
             "count": counts.get(s.opname, 0), "share": counts.get(s.opname, 0) / total,
             "tests": tests.get(s.opname, []), "tested_by": programs.get(s.opname, []),
             "tested_by_count": len(programs.get(s.opname, []))} for s in statuses]
    return {"python": version, "stages": list(status.STAGES), "coverage": status.coverage(statuses),
            "weighted_coverage": _weighted(rows), "corpus": corpus_name,
            "corpus_instructions": sum(counts.values()), "opcodes": rows,
            "untested": coverage.untested(statuses, programs)}


def _weighted(rows: list[dict]) -> dict[str, float]:
    """Per stage: the share of corpus instructions whose opcode the stage supports."""
    total = sum(r["count"] for r in rows) or 1
    return {stage: sum(r["count"] for r in rows if r["stages"][stage] in status.SUPPORTED) / total
            for stage in status.STAGES}


def render(report: dict, fmt: str, link_base: Path | None = None) -> str:
    """`link_base`: the folder the output goes to, so HTML links to tests are relative to it."""
    return {"md": render_markdown, "json": render_json, "html": render_html}[fmt](report, link_base)


def render_json(report: dict, link_base=None) -> str:
    return json.dumps(report, indent=1, sort_keys=True) + "\n"


def _summary_lines(report: dict) -> list[str]:
    cov, total = report["coverage"], report["coverage"]["total"]
    lines = []
    for stage in report["stages"]:
        lines.append(f"- {STAGE_TITLES[stage]}: {cov[stage]} of {total} opcodes "
                     f"({100 * cov[stage] / total:.1f}%), "
                     f"{100 * report['weighted_coverage'][stage]:.1f}% of corpus instructions")
    untested = report["untested"]
    lines.append("- supported through TIR and rust but exercised by no differential program: "
                 + (", ".join(untested) if untested else "none"))
    return lines


def render_markdown(report: dict, link_base=None) -> str:
    stages = report["stages"]
    out = [f"# Opcode matrix: Python {report['python']}", "",
           f"Corpus for the frequencies: {report['corpus']} "
           f"({report['corpus_instructions']} instructions).", ""]
    out += _summary_lines(report)
    out += ["", "Status: " + "; ".join(f"`{k}` {v}" for k, v in LEGEND.items()) + ".",
            "tests: test files using the opcode (TIR filetests included); tested by: the "
            "differential programs using it (their number, then the first few).", ""]
    out.append("| opcode | # | operation | " + " | ".join(STAGE_TITLES[s] for s in stages)
               + " | corpus % | tests | tested by | missing TIR instructions |")
    out.append("|---" * (len(stages) + 7) + "|")
    for r in report["opcodes"]:
        missing = "; ".join(f"{stage}: {', '.join(names)}" for stage, names in r["missing"].items())
        out.append(f"| {r['opcode']} | {r['number']} | {r['operation'] or ''} | "
                   + " | ".join(r["stages"][s] for s in stages)
                   + f" | {100 * r['share']:.2f} | {len(r['tests'])} | "
                   f"{coverage.describe(r['tested_by'])} | {missing} |")
    return "\n".join(out) + "\n"


def render_html(report: dict, link_base: Path | None = None) -> str:
    stages = report["stages"]
    esc = html.escape
    head = "".join(f"<th>{esc(STAGE_TITLES[s])}</th>" for s in stages)
    most = max((r["count"] for r in report["opcodes"]), default=0) or 1
    rows = [_html_row(r, stages, link_base, most) for r in report["opcodes"]]
    legend = " ".join(f'<span class="cell" style="background:{COLOURS[k]}">{esc(k)}</span> {esc(v)}'
                      for k, v in LEGEND.items())
    summary = "".join(f"<li>{esc(line[2:])}</li>" for line in _summary_lines(report))
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>pybc2wasm opcode matrix, Python {esc(report['python'])}</title>
<style>
body {{ font-family: sans-serif; margin: 1em 2em; }}
table {{ border-collapse: collapse; }} td, th {{ padding: 2px 6px; border: 1px solid #ddd; }}
td.s {{ text-align: center; color: #000; }} .cell {{ padding: 0 6px; }}
.bar {{ background: #64b5f6; height: 10px; display: inline-block; }}
</style></head><body>
<h1>Opcode matrix: Python {esc(report['python'])}</h1>
<p>Frequencies over {esc(str(report['corpus']))} ({report['corpus_instructions']} instructions).</p>
<ul>{summary}</ul>
<p>{legend}</p>
<table><tr><th>opcode</th><th>#</th><th>operation</th>{head}<th>corpus %</th><th>tests</th></tr>
{chr(10).join(rows)}
</table></body></html>
"""


def _html_row(r: dict, stages, link_base: Path | None, most: int) -> str:
    """One opcode: its stage cells, a frequency bar scaled to the most frequent opcode, links."""
    esc = html.escape
    cells = _stage_cells(r, stages)
    width = max(1, round(200 * r["count"] / most)) if r["count"] else 0
    freq = f'<span class="bar" style="width:{width}px"></span> {100 * r["share"]:.2f}'
    links = " ".join(f'<a href="{esc(_link(t, link_base))}">{esc(Path(t).stem)}</a>' for t in r["tests"])
    return (f"<tr><td>{esc(r['opcode'])}</td><td>{r['number']}</td><td>{esc(r['operation'] or '')}</td>"
            f"{cells}<td>{freq}</td><td>{links}</td></tr>")


def _stage_cells(r: dict, stages) -> str:
    """An opcode's status cells, one per stage, coloured, with what is missing as the title."""
    esc = html.escape
    return "".join(f'<td class="s" style="background:{COLOURS[r["stages"][s]]}" '
                   f'title="{esc(_cell_title(r, s))}">{esc(r["stages"][s])}</td>' for s in stages)


def _cell_title(r: dict, stage: str) -> str:
    missing = r["missing"].get(stage)
    return f"missing: {', '.join(missing)}" if missing else LEGEND[r["stages"][stage]]


def _link(test: str, link_base: Path | None) -> str:
    target = corpus.REPO / test
    base = link_base if link_base is not None else corpus.REPO
    return Path(os.path.relpath(target, base)).as_posix()


def corpus_counts_from_sweep(path: Path) -> tuple[Counter, str]:
    """Opcode counts recorded by `pybc2wasm sweep --json` and a description of that corpus."""
    data = json.loads(Path(path).read_text())
    counts = Counter(data.get("opcode_counts", {}))
    return counts, f"the sweep in {Path(path).name} ({data['summary']['files']} files)"


# ------------------------------------------------------------- every version side by side

def render_versions(reports: list[dict], fmt: str) -> str:
    """Several versions' reports (`build_report` of each) side by side: one row per opcode
    name, each version's stage statuses and corpus share in its own columns ("—" where the
    version has no such opcode)."""
    return {"md": _versions_markdown, "html": _versions_html,
            "json": lambda rs: json.dumps(rs, indent=1, sort_keys=True) + "\n"}[fmt](reports)


def _opcode_names(reports: list[dict]) -> list[str]:
    """Every opcode of any version: the first version's order, then each later version's new
    ones in its own order."""
    names: dict[str, None] = {}
    for rep in reports:
        for r in rep["opcodes"]:
            names.setdefault(r["opcode"], None)
    return list(names)


def _by_name(rep: dict) -> dict[str, dict]:
    return {r["opcode"]: r for r in rep["opcodes"]}


def _versions_summary(reports: list[dict]) -> list[str]:
    lines = []
    for rep in reports:
        cov = rep["coverage"]
        stages = ", ".join(f"{STAGE_TITLES[s]} {cov[s]}" for s in rep["stages"])
        lines.append(f"- Python {rep['python']}: {cov['total']} opcodes; {stages}; "
                     f"{100 * rep['weighted_coverage']['tir']:.1f}% of the instructions of "
                     f"{rep['corpus']} through TIR")
    return lines


def _versions_markdown(reports: list[dict]) -> str:
    stages = reports[0]["stages"]
    out = ["# Opcode matrix: Python " + ", ".join(r["python"] for r in reports), ""]
    out += _versions_summary(reports)
    out += ["", "Each version's cell: the stages " + ", ".join(STAGE_TITLES[s] for s in stages)
            + " (" + "; ".join(f"`{k}` {v}" for k, v in LEGEND.items())
            + "), then the opcode's share of that version's corpus; — the version has no such "
            "opcode.", ""]
    out.append("| opcode | " + " | ".join(r["python"] for r in reports) + " |")
    out.append("|---" * (len(reports) + 1) + "|")
    rows = [_by_name(rep) for rep in reports]
    for name in _opcode_names(reports):
        cells = []
        for rep, row in zip(reports, rows):
            r = row.get(name)
            cells.append("—" if r is None else
                         "/".join(r["stages"][s] for s in stages) + f" {100 * r['share']:.2f}%")
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def _versions_html(reports: list[dict]) -> str:
    esc = html.escape
    stages = reports[0]["stages"]
    top = "".join(f'<th colspan="{len(stages) + 1}">Python {esc(r["python"])}</th>' for r in reports)
    sub = "".join("".join(f"<th>{esc(STAGE_TITLES[s])}</th>" for s in stages) + "<th>corpus %</th>"
                  for _ in reports)
    rows = [_by_name(rep) for rep in reports]
    body = []
    for name in _opcode_names(reports):
        cells = []
        for row in rows:
            r = row.get(name)
            if r is None:
                cells.append(f'<td class="s" colspan="{len(stages) + 1}">—</td>')
                continue
            cells.append(_stage_cells(r, stages))
            cells.append(f"<td>{100 * r['share']:.2f}</td>")
        body.append(f"<tr><td>{esc(name)}</td>{''.join(cells)}</tr>")
    legend = " ".join(f'<span class="cell" style="background:{COLOURS[k]}">{esc(k)}</span> {esc(v)}'
                      for k, v in LEGEND.items())
    summary = "".join(f"<li>{esc(line[2:])}</li>" for line in _versions_summary(reports))
    title = ", ".join(esc(r["python"]) for r in reports)
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>pybc2wasm opcode matrix, Python {title}</title>
<style>
body {{ font-family: sans-serif; margin: 1em 2em; }}
table {{ border-collapse: collapse; }} td, th {{ padding: 2px 6px; border: 1px solid #ddd; }}
td.s {{ text-align: center; color: #000; }} .cell {{ padding: 0 6px; }}
</style></head><body>
<h1>Opcode matrix: Python {title}, side by side</h1>
<ul>{summary}</ul>
<p>{legend}</p>
<table><tr><th rowspan="2">opcode</th>{top}</tr><tr>{sub}</tr>
{chr(10).join(body)}
</table></body></html>
"""
