"""Keeps the build cache within a size limit: the least recently used entries go first.

Each cached product — a runtime rlib directory, a compiled unit, a linked program, precompiled
wasmtime code — is one child of a section directory (`SECTIONS`); each checkout's `cargo test`
target directory is one entry too. A build marks every entry it reuses (`cache.mark_used` sets
its mtime), so mtime order is recency order. Entries used within `MIN_AGE` are never removed:
another process may still be linking against them. Downloaded
interpreters (`pythons/`) and installed test packages (`site/`) are not pruned: they are slow
to fetch again and do not grow with use. Lock files are left alone (empty, and a process may
hold one).

After a build, `maybe_prune` checks at most once per `CHECK_INTERVAL` whether the cache
exceeds `$PYBC2WASM_CACHE_LIMIT` (default 10G; `0` turns automatic pruning off);
`pybc2wasm cache prune` does it on request.
"""
from __future__ import annotations

import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .cache import cache_root

SECTIONS = ("build", "units", "wasmtime", "runtime", "exec", "runtime-bins", "scan", "summaries", "toolchain")
# the runtime's `cargo test` target directories, one per checkout (tests/test_runtime_cargo.py)
CARGO_TARGETS = "cargo-target-*"
DEFAULT_LIMIT = 10 * 1024 ** 3
MIN_AGE = 3600.0
CHECK_INTERVAL = 3600.0
STAMP = ".last-prune"


@dataclass
class Entry:
    path: Path
    size: int
    mtime: float


@dataclass
class PruneResult:
    removed: int
    freed: int
    remaining: int


def parse_size(text: str) -> int:
    """Bytes from '1048576', '512K', '64M', '2G', '1T' (powers of 1024); ValueError otherwise."""
    t = text.strip().upper().removesuffix("B").removesuffix("I")
    unit = 1
    if t and t[-1] in "KMGT":
        unit = 1024 ** ("KMGT".index(t[-1]) + 1)
        t = t[:-1]
    if not t.strip().isdigit():
        raise ValueError(f"{text!r} is not a size such as 1048576, 512K, 64M or 10G")
    return int(t) * unit


def configured_limit() -> int:
    """$PYBC2WASM_CACHE_LIMIT in bytes (0: no automatic pruning), else the default."""
    env = os.environ.get("PYBC2WASM_CACHE_LIMIT")
    if env is None or not env.strip():
        return DEFAULT_LIMIT
    try:
        return parse_size(env)
    except ValueError:
        print(f"warning: PYBC2WASM_CACHE_LIMIT={env!r} is not a size; using "
              f"{DEFAULT_LIMIT // 1024 ** 3}G", file=sys.stderr)
        return DEFAULT_LIMIT


def tree_size(path: Path) -> int:
    try:
        st = path.lstat()
    except OSError:
        return 0
    if not path.is_dir() or path.is_symlink():
        return st.st_size
    total = 0
    for dirpath, _dirs, files in os.walk(path):
        for f in files:
            try:
                total += os.lstat(os.path.join(dirpath, f)).st_size
            except OSError:
                pass
    return total


def entries(root: Path) -> list[Entry]:
    """Every prunable entry under `root`, oldest first."""
    found = []
    children = [c for s in SECTIONS if (root / s).is_dir() for c in (root / s).iterdir()]
    for child in children + sorted(root.glob(CARGO_TARGETS)):
        if child.name.endswith(".lock"):
            continue
        try:
            mtime = child.lstat().st_mtime
        except OSError:
            continue
        found.append(Entry(child, tree_size(child), mtime))
    found.sort(key=lambda e: e.mtime)
    return found


def section_sizes(root: Path) -> dict[str, int]:
    return {p.name: tree_size(p) for p in sorted(root.iterdir()) if p.is_dir()}


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            path.unlink()
        except OSError:
            pass


def prune(limit: int, root: Path | None = None, min_age: float = MIN_AGE,
          now: float | None = None) -> PruneResult:
    """Remove the oldest entries until the prunable total is at most `limit` bytes, never one
    used within `min_age` seconds."""
    root = root or cache_root()
    now = time.time() if now is None else now
    found = entries(root)
    total = sum(e.size for e in found)
    removed = freed = 0
    for e in found:
        if total <= limit:
            break
        if now - e.mtime < min_age:
            break  # sorted by age: everything after this one is younger still
        remove(e.path)
        total -= e.size
        freed += e.size
        removed += 1
    return PruneResult(removed, freed, total)


def maybe_prune(quiet: bool) -> None:
    """The automatic prune after a build: at most once per CHECK_INTERVAL per cache."""
    limit = configured_limit()
    if limit <= 0:
        return
    root = cache_root()
    stamp = root / STAMP
    try:
        if time.time() - stamp.stat().st_mtime < CHECK_INTERVAL:
            return
    except OSError:
        pass
    stamp.touch()
    result = prune(limit, root)
    if result.removed and not quiet:
        print(f"cache: removed {result.removed} least recently used entries "
              f"({human(result.freed)}); {human(result.remaining)} kept in {root}", file=sys.stderr)


def human(n: int) -> str:
    for unit in ("B", "K", "M", "G"):
        if n < 1024 or unit == "G":
            return f"{n:.0f}{unit}" if unit == "B" else f"{n:.1f}{unit}"
        n /= 1024
    return f"{n}"
