"""Writes each CPython version's opcode data to opcode_matrix/opcodes_3_XX.json.

Runs the real interpreter of each version once (3.11: this host's; 3.13, 3.14: the native
builds of tools/get_pythons.sh; 3.12: Pyodide) with `--dump`, which prints the running
interpreter's own `opcode`/`dis` data as JSON: opmap, the has* lists, inline cache entries,
binary-op and intrinsic tables, comparison operators, the magic number, and dis.stack_effect
for every opcode and argument 0..16 and 256 (fall-through and jump). The JSON is committed;
the decoders and tests read it, never the interpreters.

    python tools/gen_opcode_tables.py [3.11 3.12 3.13 3.14]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "opcode_matrix"
SAMPLE_ARGS = list(range(17)) + [256]


def dump() -> dict:
    import dis
    import importlib.util
    import opcode
    d = {"version": list(sys.version_info[:3]), "magic": importlib.util.MAGIC_NUMBER.hex()}
    d["opmap"] = {k: v for k, v in opcode.opmap.items()}
    for k in ("hasarg", "hasconst", "hasname", "hasjrel", "hasjabs", "hasjump", "haslocal",
              "hasfree", "hasexc", "hascompare"):
        v = getattr(dis, k, getattr(opcode, k, None))
        d[k] = sorted(opcode.opname[i] if isinstance(i, int) and i < len(opcode.opname) else i
                      for i in v) if v is not None else None
    if d["hasarg"] is None:   # 3.11: every opcode from HAVE_ARGUMENT on
        d["hasarg"] = sorted(n for n, i in opcode.opmap.items() if i >= opcode.HAVE_ARGUMENT)
    ice = getattr(opcode, "_inline_cache_entries", None)
    if isinstance(ice, dict):
        d["inline_cache_entries"] = {k: v for k, v in ice.items() if v}
    else:                     # 3.11/3.12: a list indexed by opcode
        d["inline_cache_entries"] = {opcode.opname[i]: v for i, v in enumerate(ice) if v}
    d["nb_ops"] = [list(p) for p in getattr(opcode, "_nb_ops", [])]
    d["intrinsic1"] = getattr(opcode, "_intrinsic_1_descs", None)
    d["intrinsic2"] = getattr(opcode, "_intrinsic_2_descs", None)
    d["special_method_names"] = getattr(opcode, "_special_method_names", None)
    d["common_constants"] = [getattr(c, "__name__", repr(c))
                             for c in getattr(opcode, "_common_constants", [])] or None
    d["cmp_op"] = list(opcode.cmp_op)
    d["HAVE_ARGUMENT"] = opcode.HAVE_ARGUMENT
    d["EXTENDED_ARG"] = opcode.opmap["EXTENDED_ARG"]
    d["stack_effect"] = {name: _effects(dis, num, name in d["hasarg"])
                         for name, num in sorted(opcode.opmap.items()) if num < 256}
    return d


def _effects(dis, num: int, has_arg: bool) -> dict:
    def one(arg, jump):
        try:
            return dis.stack_effect(num, arg, jump=jump)
        except (ValueError, TypeError):
            return None
    if not has_arg:
        return {"fall": one(None, False), "jump": one(None, True)}
    return {"args": SAMPLE_ARGS, "fall": [one(a, False) for a in SAMPLE_ARGS],
            "jump": [one(a, True) for a in SAMPLE_ARGS]}


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
    out = OUT / f"opcodes_{version.replace('.', '_')}.json"
    out.write_text(json.dumps(data, indent=0, sort_keys=True) + "\n")
    return out


if __name__ == "__main__":
    if sys.argv[1:] == ["--dump"]:
        json.dump(dump(), sys.stdout)
    else:
        for v in sys.argv[1:] or ["3.11", "3.12", "3.13", "3.14"]:
            print(v, generate(v))
