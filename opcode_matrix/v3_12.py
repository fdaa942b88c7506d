"""CPython 3.12: each opcode mapped onto a version-neutral operation (see later.py)."""
from .later import table_3_12

VERSION = "3.12"
OPCODES = table_3_12()
STACK_EFFECT_SHIFT: dict = {}
