"""The build cache: where it lives, content keys, and a cross-process file lock.

Everything pybc2wasm builds (runtime rlibs, linked modules, precompiled wasmtime code) goes
under one directory outside the source tree: ``$PYBC2WASM_CACHE``, else
``$XDG_CACHE_HOME/pybc2wasm``, else ``~/.cache/pybc2wasm``. Entries are immutable and named by
a hash of everything that went into them, so they never need invalidating; deleting the
directory is always safe (when nothing is building).
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
from pathlib import Path

try:  # the builtin SHA-256 module: the same digests as hashlib's without loading OpenSSL's
    from _sha256 import sha256 as _sha256     # libcrypto (2 ms of every wasm run's start-up)
except ImportError:  # pragma: no cover - 3.12+ names it _sha2; else whatever hashlib has
    try:
        from _sha2 import sha256 as _sha256
    except ImportError:
        from hashlib import sha256 as _sha256


def cache_root() -> Path:
    env = os.environ.get("PYBC2WASM_CACHE")
    if env:
        root = Path(env)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        root = Path(xdg) / "pybc2wasm" if xdg else Path.home() / ".cache" / "pybc2wasm"
    root.mkdir(parents=True, exist_ok=True)
    return root


def subdir(name: str) -> Path:
    d = cache_root() / name
    d.mkdir(parents=True, exist_ok=True)
    return d


def mark_used(entry: Path) -> None:
    """Record that a cached entry was reused (its mtime), for least-recently-used pruning."""
    try:
        os.utime(entry)
    except OSError:
        pass


def key_of(*parts: object) -> str:
    """A stable hex key for JSON-able parts and bytes."""
    h = _sha256()
    for p in parts:
        if isinstance(p, (bytes, bytearray)):
            h.update(b"b%d:" % len(p))
            h.update(p)
        else:
            s = json.dumps(p, sort_keys=True, default=str).encode()
            h.update(b"j%d:" % len(s))
            h.update(s)
    return h.hexdigest()


@contextlib.contextmanager
def file_lock(path: Path):
    """An exclusive advisory lock (flock) held for the `with` block; blocks until free.

    flock locks are released by the kernel when the process dies, so a crashed build never
    leaves a stale lock behind.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def temp_dir_next_to(final: Path) -> Path:
    """A fresh directory on the same filesystem as `final`, so a rename publishes it atomically."""
    final.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # shutil and tempfile load lazily: the wasm runner's start-up needs neither
    tmp = Path(tempfile.mkdtemp(prefix=f".{final.name}.tmp-", dir=final.parent))
    os.chmod(tmp, 0o755)
    return tmp


def publish_dir(tmp: Path, final: Path) -> None:
    """Atomically move a finished build directory into place (losing a race is fine)."""
    try:
        os.rename(tmp, final)
    except OSError:
        if final.exists():  # someone else published the same content first
            import shutil
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            raise


def store(path: Path, data: str | bytes | bytearray) -> None:
    """Write a cache entry so that readers never see it half-written; best effort (a cache
    that cannot be written only costs the next run the work again)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if isinstance(data, (bytes, bytearray)):
            tmp.write_bytes(data)
        else:
            tmp.write_text(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def copy_atomic(src: Path, dst: Path) -> None:
    """Copy a file so that `dst` is never seen half-written (keeps the executable bit)."""
    dst = Path(dst)
    dst.parent.mkdir(parents=True, exist_ok=True)
    import shutil, tempfile
    fd, tmp = tempfile.mkstemp(prefix=f".{dst.name}.", dir=dst.parent)
    os.close(fd)
    try:
        shutil.copyfile(src, tmp)
        shutil.copymode(src, tmp)
        os.replace(tmp, dst)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
