"""Where opcodes occur: in the project's tests, and how often in a corpus of bytecode.

- `tests_by_opcode`: compiles every tests/programs/*.py and tests/filetests/*.py at report time
  and maps each opcode to the test files whose code objects (nested ones included) use it;
- `count_opcodes`: occurrences of each opcode in a code object tree, as `dis` lists them
  (inline CACHE entries are not instructions);
- `stdlib_sample_counts`: those counts over a fast default sample of the host stdlib, the
  top-level modules' cached .pyc files.
"""
from __future__ import annotations

import marshal
import opcode as host_opcode
import sysconfig
import types
from collections import Counter
from pathlib import Path

from ..frontend_bytecode.code_record import CodeRecord, is_code
from .tables import op_table

from ..frontend_bytecode.loader import HEADER_SIZE

REPO = Path(__file__).resolve().parent.parent
TEST_GLOBS = ("tests/programs/*.py", "tests/filetests/*.py")


def code_objects(code: types.CodeType):
    """`code` and every code object nested in its constants, depth first."""
    stack = [code]
    while stack:
        c = stack.pop()
        yield c
        stack.extend(k for k in reversed(c.co_consts) if is_code(k))


def count_opcodes(code: types.CodeType, counts: Counter | None = None) -> Counter:
    """Adds the opcode occurrences of `code` and its nested code objects to `counts`.
    Reads the bytes directly (much faster than dis.get_instructions); host version only."""
    counts = Counter() if counts is None else counts
    names, caches = host_opcode.opname, host_opcode._inline_cache_entries
    if isinstance(code, CodeRecord):            # another version: its own opcode data
        tab = op_table(code.version)
        names = [tab.opname.get(i, f"<{i}>") for i in range(256)]
        caches = [tab.caches.get(n, 0) for n in names]
    for c in code_objects(code):
        raw = c.co_code
        i, n = 0, len(raw)
        while i < n:
            op = raw[i]
            counts[names[op]] += 1
            i += 2 * (1 + caches[op])
    return counts


def test_files(repo: Path = REPO) -> list[Path]:
    return sorted(p for pattern in TEST_GLOBS for p in repo.glob(pattern))


def tests_by_opcode(repo: Path = REPO) -> dict[str, list[str]]:
    """opname → repo-relative paths of the test programs that use it (sorted)."""
    result: dict[str, set[str]] = {}
    for path in test_files(repo):
        try:
            code = compile(path.read_text(), str(path), "exec", dont_inherit=True)
        except SyntaxError:
            continue
        for name in count_opcodes(code):
            result.setdefault(name, set()).add(path.relative_to(repo).as_posix())
    return {name: sorted(paths) for name, paths in sorted(result.items())}


def stdlib_sample(limit: int | None = None) -> list[Path]:
    """The cached .pyc files of the host stdlib's top-level modules (sorted)."""
    cache = Path(sysconfig.get_paths()["stdlib"]) / "__pycache__"
    tag = f".{__import__('sys').implementation.cache_tag}.pyc"
    files = sorted(p for p in cache.glob(f"*{tag}"))
    return files[:limit] if limit else files


def pyc_code(path: Path) -> types.CodeType | None:
    """The code object of a host-version .pyc, or None if it is not one."""
    try:
        data = path.read_bytes()
        code = marshal.loads(data[HEADER_SIZE:]) if len(data) > HEADER_SIZE else None
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return code if isinstance(code, types.CodeType) else None


def stdlib_sample_counts(files: list[Path] | None = None) -> tuple[Counter, str]:
    """Opcode counts over `files` (default: `stdlib_sample()`) and a description of them."""
    files = stdlib_sample() if files is None else files
    counts: Counter = Counter()
    used = 0
    for path in files:
        code = pyc_code(path)
        if code is not None:
            count_opcodes(code, counts)
            used += 1
    return counts, f"{used} .pyc files of the host stdlib's top-level modules"
