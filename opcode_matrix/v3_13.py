"""CPython 3.13: each opcode mapped onto a version-neutral operation (see later.py)."""
from .later import table_3_13

VERSION = "3.13"
OPCODES = table_3_13()
STACK_EFFECT_SHIFT: dict = {}
