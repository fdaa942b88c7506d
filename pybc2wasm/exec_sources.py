"""Source text a library hands to `exec`, compiled ahead of time.

A compiled program has no Python compiler at run time. What a library `exec`s is nearly always
a string constant of its own (six defines `raise_from` that way, from a string in six.pyc): a
code object that mentions `exec` (as a name, or as the string of `getattr(builtins, "exec")`)
and holds a string constant that compiles to statements (not a lone expression) is compiled
here by CPython of the bytecode's version (this interpreter, the installation's, or one of
tools/get_pythons.sh's), into a module of its own
named after the FNV-1a hash of the text. At run time `exec(text)` runs that module's code in
the globals it is given (runtime/src/builtins.rs), and any other text raises
NotImplementedError as before.
"""
from __future__ import annotations

import ast
import importlib.util
import marshal
import os
import subprocess
import sys
import tempfile
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


def write_pyc(text: str, version: str, python: str | None = None) -> Path | None:
    """A cached .pyc of `text` compiled as a module named "<string>" by CPython `version`: this
    interpreter when it is that version, else `python` (the installation's interpreter) or the
    one `pythons.find` knows. None when no such interpreter runs or the text does not compile."""
    path = cache.subdir("exec") / f"{module_name(text)}-{cache.key_of(version + text)[:16]}.pyc"
    try:
        os.utime(path)   # marked as used, so a concurrent prune (LRU, MIN_AGE) keeps it
        return path
    except OSError:
        pass             # not written yet, or pruned: written below
    if f"{sys.version_info.major}.{sys.version_info.minor}" == version:
        try:
            data = importlib.util.MAGIC_NUMBER + b"\0" * 12 + marshal.dumps(
                compile(text, "<string>", "exec", dont_inherit=True))
        except (SyntaxError, ValueError):
            return None
    else:
        data = _compile_elsewhere(text, version, python)
        if data is None:
            return None
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path


# run by another version's interpreter: the .pyc bytes of TEXT in hex, or nothing on SyntaxError
_COMPILE_SCRIPT = """import importlib.util, marshal
try:
    code = compile(TEXT, "<string>", "exec", dont_inherit=True)
except (SyntaxError, ValueError):
    pass
else:
    print((importlib.util.MAGIC_NUMBER + bytes(12) + marshal.dumps(code)).hex())
"""


def _compile_elsewhere(text: str, version: str, python: str | None) -> bytes | None:
    """Compiled by the installation's interpreter, else by tools/get_pythons.sh's (an
    installation's `sys.executable` may need the wrapper that found it to run)."""
    from . import pythons
    commands = [pythons.PythonCommand(version, (python,))] if python else []
    commands.append(pythons.find(version))
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "compile_exec_text.py"
        script.write_text(_COMPILE_SCRIPT.replace("TEXT", repr(text), 1))
        for command in filter(None, commands):
            try:
                res = command.run([script], timeout=300, text=True)
            except (OSError, subprocess.TimeoutExpired):
                continue
            if res.returncode == 0:
                out = res.stdout.strip()
                return bytes.fromhex(out) if out else None
    return None
