"""Writes the names CPython's "Did you mean" suggestions need, per version, to
opcode_matrix/names_3_XX.json: the builtins module's names in its dict order (NameError
candidates; ties go to the earlier name) and `sys.stdlib_module_names` (3.12+: "Did you
forget to import 'x'?"). Runs each real interpreter once (as tools/gen_opcode_tables.py does);
the JSON is committed and read by the printer and the tests, never the interpreters.

    python tools/gen_name_data.py [3.11 3.12 3.13 3.14]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "opcode_matrix"
# Pyodide's own additions to its builtins (not in a `python3.12` build)
PYODIDE_ONLY = {"___EvalCodeResultException"}


def dump() -> dict:
    import builtins
    return {"version": list(sys.version_info[:3]),
            "builtins": [n for n in vars(builtins) if n not in PYODIDE_ONLY],
            "stdlib_module_names": sorted(getattr(sys, "stdlib_module_names", ()))}


def generate(version: str) -> Path:
    sys.path.insert(0, str(REPO))
    from pybc2wasm import pythons
    python = pythons.find(version)
    if python is None:
        raise SystemExit(pythons.missing_reason(version))
    proc = python.run([Path(__file__).resolve(), "--dump"], timeout=300)
    if proc.returncode != 0:
        raise SystemExit(f"{version}: {proc.stderr.decode()}")
    data = json.loads(proc.stdout)
    assert ".".join(map(str, data["version"][:2])) == version, data["version"]
    del data["version"]
    out = OUT / f"names_{version.replace('.', '_')}.json"
    out.write_text(json.dumps(data, indent=0) + "\n")
    return out


if __name__ == "__main__":
    if sys.argv[1:] == ["--dump"]:
        json.dump(dump(), sys.stdout)
    else:
        for v in sys.argv[1:] or ["3.11", "3.12", "3.13", "3.14"]:
            print(v, generate(v))
