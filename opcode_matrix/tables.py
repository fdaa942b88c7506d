"""Each version's opcode data, as its real interpreter reported it (opcodes_3_XX.json, written
by tools/gen_opcode_tables.py): numbers, argument kinds, inline caches, operator tables."""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent


@dataclass(frozen=True)
class OpTable:
    version: str
    raw: dict

    @functools.cached_property
    def opname(self) -> dict[int, str]:
        return {n: name for name, n in self.raw["opmap"].items() if n < 256}

    @property
    def opmap(self) -> dict[str, int]:
        return {name: n for name, n in self.raw["opmap"].items() if n < 256}

    @functools.cached_property
    def caches(self) -> dict[str, int]:
        return dict(self.raw["inline_cache_entries"])

    def has(self, kind: str) -> frozenset:
        return frozenset(self.raw.get(kind) or ())

    @functools.cached_property
    def jumps(self) -> frozenset:
        return self.has("hasjrel") | self.has("hasjabs") | self.has("hasjump")

    @property
    def magic(self) -> bytes:
        return bytes.fromhex(self.raw["magic"])

    @property
    def nb_ops(self) -> list:
        return self.raw["nb_ops"]

    @property
    def cmp_op(self) -> list:
        return self.raw["cmp_op"]


@functools.lru_cache(maxsize=None)
def op_table(version: str) -> OpTable:
    path = DATA / f"opcodes_{version.replace('.', '_')}.json"
    if not path.exists():
        raise KeyError(f"no opcode data for Python {version} (expected {path})")
    return OpTable(version, json.loads(path.read_text()))
