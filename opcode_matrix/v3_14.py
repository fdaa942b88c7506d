"""CPython 3.14: each opcode mapped onto a version-neutral operation (see later.py)."""
from .later import table_3_14

VERSION = "3.14"
OPCODES = table_3_14()
STACK_EFFECT_SHIFT: dict = {}
