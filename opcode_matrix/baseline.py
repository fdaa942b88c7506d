"""The coverage gate: figures that may not go down, compared with the committed baseline.

`baseline.json` holds the figures CI must reach (raising one is a deliberate commit) and the
fixed part of the host stdlib that CI sweeps (`sweep_subset`, module or package names under
the stdlib folder). `figures` extracts the gated figures from an opcode report and a sweep
report; `check` lists every figure below its baseline.
"""
from __future__ import annotations

import json
from pathlib import Path

BASELINE = Path(__file__).resolve().parent / "baseline.json"
GATED = ("opcodes_tir", "sweep_code_objects_tir_ok_percent")


def load(path: Path = BASELINE) -> dict:
    return json.loads(Path(path).read_text())


def figures(opcode_report: dict | None = None, sweep_report: dict | None = None) -> dict:
    """The gated figures found in the given reports (`report.build_report`, `sweep.sweep`)."""
    result = {}
    if opcode_report is not None:
        result["opcodes_tir"] = opcode_report["coverage"]["tir"]
    if sweep_report is not None:
        result["sweep_code_objects_tir_ok_percent"] = \
            sweep_report["summary"]["code_objects_tir_ok_percent"]
    return result


def check(current: dict, baseline: dict, versions: list[str] = ()) -> list[str]:
    """One message per gated figure that is missing or below its baseline (empty: pass); the
    baseline's `versions` entries (other bytecode versions) for those of `versions` reported."""
    problems = _check(current, baseline, "")
    for version in versions:
        problems += _check(current.get("versions", {}).get(version, {}),
                           baseline.get("versions", {}).get(version, {}), f"Python {version}: ")
    return problems


def _check(current: dict, baseline: dict, prefix: str) -> list[str]:
    problems = []
    for name in GATED:
        if name not in baseline:
            continue
        if name not in current:
            problems.append(f"{prefix}{name}: not measured (baseline {baseline[name]})")
        elif current[name] < baseline[name]:
            problems.append(f"{prefix}{name}: {current[name]} is below the baseline {baseline[name]}")
    return problems


def raised(current: dict, baseline: dict) -> dict:
    """The baseline with every gated figure set to the current one where that is higher (the
    other versions' too)."""
    new = _raised(current, baseline)
    for version, figures in current.get("versions", {}).items():
        new.setdefault("versions", {})[version] = _raised(figures, baseline.get("versions", {}).get(version, {}))
    return new


def _raised(current: dict, baseline: dict) -> dict:
    new = dict(baseline)
    for name in GATED:
        if name in current and current[name] > new.get(name, float("-inf")):
            new[name] = current[name]
    return new


def stdlib_paths(stdlib: Path, subset: list[str]) -> list[Path]:
    """The files and folders of `subset` in the stdlib folder: a package's folder, else
    the module's .py file. Names that do not exist are an error: the subset is fixed."""
    paths = []
    for name in subset:
        folder, module = stdlib / name, stdlib / f"{name}.py"
        if folder.is_dir():
            paths.append(folder)
        elif module.is_file():
            paths.append(module)
        else:
            raise FileNotFoundError(f"stdlib module {name!r} of the CI sweep subset not found in {stdlib}")
    return paths
