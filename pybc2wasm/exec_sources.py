"""Source text a library hands to `exec`, compiled ahead of time.

A compiled program has no Python compiler at run time. What a library `exec`s is nearly always
a string constant of its own (six defines `raise_from` that way, from a string in six.pyc): a
code object that mentions `exec` (as a name, or as the string of `getattr(builtins, "exec")`)
and holds a string constant that compiles to statements (not a lone expression) is compiled
here with the host CPython, when it runs the bytecode's version, into a module of its own
named after the FNV-1a hash of the text. At run time `exec(text)` runs that module's code in
the globals it is given (runtime/src/builtins.rs), and any other text raises
NotImplementedError as before.
"""
from __future__ import annotations

import ast
import importlib.util
import marshal
import sys
from pathlib import Path

from . import cache

PREFIX = "__exec__"


def fnv1a64(text: str) -> int:
    h = 0xCBF29CE484222325
    for b in text.encode("utf-8", "surrogatepass"):
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def module_name(text: str) -> str:
    return f"{PREFIX}{fnv1a64(text):016x}"


def _mentions_exec(co) -> bool:
    return "exec" in co.co_names or "exec" in co.co_consts


def _statements(text: str) -> bool:
    """Whether `text` parses as statements, at least one of them not a bare expression."""
    if "\n" not in text.strip() and not text.lstrip().startswith(("def ", "class ", "import ", "from ")):
        return False
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return False
    return any(not isinstance(s, ast.Expr) for s in tree.body)


def exec_sources(code) -> list[str]:
    """String constants that code objects mentioning `exec` may run as statements."""
    found = []
    stack = [code]
    while stack:
        co = stack.pop()
        stack.extend(c for c in co.co_consts if hasattr(c, "co_code"))
        if not _mentions_exec(co):
            continue
        for c in co.co_consts:
            if isinstance(c, str) and c not in found and _statements(c):
                found.append(c)
    return found


def write_pyc(text: str, version: str) -> Path | None:
    """A cached .pyc of `text` compiled as a module named "<string>" (None when the host
    CPython is not the bytecode's version, or the text does not compile)."""
    if f"{sys.version_info.major}.{sys.version_info.minor}" != version:
        return None
    try:
        code = compile(text, "<string>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return None
    path = cache.subdir("exec") / f"{module_name(text)}-{cache.key_of(text)[:16]}.pyc"
    if not path.exists():
        data = importlib.util.MAGIC_NUMBER + b"\0" * 12 + marshal.dumps(code)
        tmp = path.with_suffix(f".{id(path)}.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    return path
