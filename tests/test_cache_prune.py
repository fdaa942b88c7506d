"""The build cache stays within its limit: least recently used entries go first, recent ones
and downloads never do (pybc2wasm/cache_prune.py, `pybc2wasm cache`)."""
import os
import subprocess
import sys
import time

import pytest

from pybc2wasm import cache, cache_prune

HOUR = 3600


def make_entry(root, rel, size, age_hours, now):
    path = root / rel
    if rel.endswith(".cwasm"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * size)
    else:
        path.mkdir(parents=True)
        (path / "main.wasm").write_bytes(b"x" * size)
    t = now - age_hours * HOUR
    os.utime(path, (t, t))
    return path


@pytest.fixture
def root(tmp_path, monkeypatch):
    monkeypatch.setenv("PYBC2WASM_CACHE", str(tmp_path))
    return tmp_path


def test_prune_removes_oldest_first_until_within_limit(root):
    now = time.time()
    oldest = make_entry(root, "build/wasm32-wasi-aaa", 4000, 30, now)
    old = make_entry(root, "units/native-bbb", 3000, 20, now)
    cwasm = make_entry(root, "wasmtime/ccc.cwasm", 2000, 10, now)
    recent = make_entry(root, "runtime/native-ddd", 1000, 2, now)
    cargo = make_entry(root, "cargo-target-eee", 500, 5, now)
    python = make_entry(root, "pythons/3.13", 9000, 100, now)
    (root / "build" / "wasm32-wasi-aaa.lock").touch()

    result = cache_prune.prune(4000, root, now=now)
    assert not oldest.exists() and not old.exists()
    assert cwasm.exists() and recent.exists() and cargo.exists()
    assert python.exists(), "downloaded interpreters are not build products"
    assert (root / "build" / "wasm32-wasi-aaa.lock").exists(), "lock files stay"
    assert (result.removed, result.freed, result.remaining) == (2, 7000, 3500)


def test_prune_never_removes_recently_used_entries(root):
    now = time.time()
    used = make_entry(root, "build/wasm32-wasi-aaa", 5000, 0.5, now)
    assert cache_prune.prune(0, root, now=now).removed == 0
    assert used.exists()
    assert cache_prune.prune(0, root, min_age=60, now=now).removed == 1
    assert not used.exists()


def test_mark_used_makes_an_entry_recent(root):
    now = time.time()
    a = make_entry(root, "units/native-a", 100, 30, now)
    b = make_entry(root, "units/native-b", 100, 20, now)
    cache.mark_used(a)
    cache_prune.prune(100, root, min_age=0)
    assert a.exists() and not b.exists()


def test_automatic_prune_runs_at_most_once_an_interval(root, monkeypatch):
    now = time.time()
    monkeypatch.setenv("PYBC2WASM_CACHE_LIMIT", "1K")
    first = make_entry(root, "build/native-a", 5000, 30, now)
    cache_prune.maybe_prune(quiet=True)
    assert not first.exists()
    second = make_entry(root, "build/native-b", 5000, 30, now)
    cache_prune.maybe_prune(quiet=True)
    assert second.exists(), "checked again within the interval"
    monkeypatch.setenv("PYBC2WASM_CACHE_LIMIT", "0")
    os.utime(root / cache_prune.STAMP, (0, 0))
    cache_prune.maybe_prune(quiet=True)
    assert second.exists(), "PYBC2WASM_CACHE_LIMIT=0 turns automatic pruning off"


@pytest.mark.parametrize("text,size", [("1048576", 1 << 20), ("512K", 512 << 10), ("64M", 64 << 20),
                                       ("10G", 10 << 30), ("2GiB", 2 << 30), ("0", 0)])
def test_parse_size(text, size):
    assert cache_prune.parse_size(text) == size


def test_parse_size_refuses_nonsense():
    with pytest.raises(ValueError, match="not a size"):
        cache_prune.parse_size("lots")


def test_cache_command_reports_and_prunes(root):
    now = time.time()
    make_entry(root, "build/native-a", 5000, 30, now)
    env = dict(os.environ, PYBC2WASM_CACHE=str(root))
    cli = [sys.executable, "-m", "pybc2wasm"]
    info = subprocess.run(cli + ["cache", "info"], env=env, capture_output=True, text=True)
    assert info.returncode == 0, info.stderr
    assert str(root) in info.stdout and "build" in info.stdout and "limit: 10.0G" in info.stdout
    pruned = subprocess.run(cli + ["cache", "prune", "--max-size", "1K"], env=env,
                            capture_output=True, text=True)
    assert pruned.returncode == 0, pruned.stderr
    assert "removed 1 entries" in pruned.stdout
    assert not (root / "build" / "native-a").exists()
    bad = subprocess.run(cli + ["cache", "prune", "--max-size", "lots"], env=env,
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "not a size" in bad.stderr


def test_units_are_keyed_on_the_runtime_rlibs_bytes(tmp_path):
    """A pruned runtime rlib that is built again may differ (rustc records the checkout's path
    in the crate hash), and units compiled against the old one no longer link: what is keyed
    on the rlib must change with its bytes, not only with its directory's name."""
    from pybc2wasm.runtime_build import rlib_identity
    rlib = tmp_path / "wasm32-wasi-0123" / "libpyrt.rlib"
    rlib.parent.mkdir()
    rlib.write_bytes(b"first build")
    first = rlib_identity(rlib)
    assert first.startswith("wasm32-wasi-0123-") and rlib_identity(rlib) == first
    rlib.unlink()
    rlib.write_bytes(b"another build")     # the memo is per (inode, size, mtime)
    assert rlib_identity(rlib) != first


def test_a_reused_exec_pyc_is_marked_used(root):
    """exec_sources.write_pyc hands out a cached .pyc that the unit build reads later: reusing
    it must make it recent, or a prune by another process in between removes it (a unit build
    once failed with 'cannot read' that way)."""
    from pybc2wasm import exec_sources
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    path = exec_sources.write_pyc("x = 1\n", version)
    old = time.time() - 30 * HOUR
    os.utime(path, (old, old))
    assert exec_sources.write_pyc("x = 1\n", version) == path
    assert time.time() - path.stat().st_mtime < cache_prune.MIN_AGE
    cache_prune.prune(1, root)
    assert path.exists()
