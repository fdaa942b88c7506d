"""The opcode matrix: per-version opcode tables mapped onto version-neutral operations.

`table(version)` gives a version's opcode table; `SUPPORTED_VERSIONS` lists the versions that
have one. The frontend's decoder, the reports and the tests all read these tables.
"""
from __future__ import annotations

import importlib

from .operations import OPERATIONS, Operation  # noqa: F401

SUPPORTED_VERSIONS = ("3.11", "3.12", "3.13", "3.14")


def table(version: str):
    """The opcode table module (`OPCODES`, `VERSION`) for a bytecode version like "3.11"."""
    if version not in SUPPORTED_VERSIONS:
        raise KeyError(version)
    return importlib.import_module(f".v{version.replace('.', '_')}", __name__)
