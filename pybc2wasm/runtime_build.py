"""Build the runtime crate (`pyrt`) as an rlib, once per toolchain and target, into the cache.

The crate's sources ship inside the package (`pybc2wasm.runtime`: ``src/lib.rs`` and friends)
and are compiled with plain rustc, no cargo (see runtime/API.md):

    rustc --edition 2021 --crate-type rlib --crate-name pyrt -O -C debuginfo=0 [--target T] src/lib.rs

The result lives at ``<cache>/runtime/<target>-<key>/libpyrt.rlib`` where the key hashes every
runtime source file, the rustc (path and ``-vV``), the target and the flags. Builds happen in
a temporary directory that is renamed into place, under a file lock, so parallel processes
(pytest-xdist workers, two shells) build it once and never see a half-written rlib.
"""
from __future__ import annotations

import hashlib

import os
import shutil
import subprocess
import sys
from pathlib import Path

from . import cache
from .toolchain import Rustc, ToolchainError, discover

RUNTIME_FLAGS = ["--edition", "2021", "--crate-type", "rlib", "--crate-name", "pyrt",
                 "-O", "-C", "debuginfo=0"]


class RuntimeBuildError(Exception):
    """rustc failed on the runtime crate: a bug in pybc2wasm's runtime, not in the user's code."""


def runtime_source_dir() -> Path:
    """The crate shipped in the package, or $PYBC2WASM_RUNTIME_SRC (a folder with src/lib.rs;
    handy to build against another checkout of the runtime)."""
    env = os.environ.get("PYBC2WASM_RUNTIME_SRC")
    if env:
        return Path(env)
    import pybc2wasm.runtime
    return Path(pybc2wasm.runtime.__file__).parent


def runtime_sources(src_dir: Path | None = None) -> list[Path]:
    """Every file under the runtime's src/: the .rs sources and the data they include_bytes!
    (unicodedata.deflate), so that regenerating the data rebuilds the runtime."""
    src_dir = src_dir or runtime_source_dir()
    return sorted(p for p in (src_dir / "src").rglob("*") if p.is_file())


def sources_digest(src_dir: Path | None = None) -> str:
    src_dir = src_dir or runtime_source_dir()
    parts: list[object] = []
    for p in runtime_sources(src_dir):
        parts.append(str(p.relative_to(src_dir)))
        parts.append(p.read_bytes())
    return cache.key_of(*parts)


def rustc_target_args(rustc: Rustc, target: str) -> list[str]:
    if target == "native":
        return []
    t = rustc.wasm_target()
    assert t is not None
    from .link import WASM_CODEGEN
    return ["--target", t, *WASM_CODEGEN]


def runtime_flags(optimize_size: bool = False) -> list[str]:
    from .link import size_flags
    return size_flags(RUNTIME_FLAGS) if optimize_size else RUNTIME_FLAGS


def runtime_key(rustc: Rustc, target: str, src_dir: Path | None = None,
                optimize_size: bool = False) -> str:
    return cache.key_of("pyrt-rlib-v1", sources_digest(src_dir), rustc.path, rustc.verbose_version,
                        target, rustc_target_args(rustc, target), runtime_flags(optimize_size))


_identities: dict[tuple, str] = {}


def rlib_identity(rlib: Path) -> str:
    """The cache key part of everything compiled against `rlib`: its directory's name and a
    hash of its bytes. Rebuilding an rlib (after the cache pruned it, or from another checkout,
    whose path rustc records in the crate's hash) gives crates that units built against the
    old one cannot link with, so their keys must change with it."""
    st = rlib.stat()
    memo = (str(rlib), st.st_ino, st.st_size, st.st_mtime_ns)
    if memo not in _identities:
        _identities[memo] = f"{rlib.parent.name}-{hashlib.sha256(rlib.read_bytes()).hexdigest()[:24]}"
    return _identities[memo]


def build_runtime(target: str = "wasm32-wasi", *, rustc: Rustc | None = None,
                  src_dir: Path | None = None, quiet: bool = False, optimize_size: bool = False) -> Path:
    """Return the path of libpyrt.rlib for `target`, building it if the cache has none
    (`optimize_size`: a second rlib built for size, see `link.size_flags`)."""
    src_dir = src_dir or runtime_source_dir()
    lib_rs = src_dir / "src" / "lib.rs"
    if not lib_rs.exists():
        raise RuntimeBuildError(f"runtime sources not found: {lib_rs} does not exist")
    if rustc is None:
        rustc = discover().rustc_for(target)
    key = runtime_key(rustc, target, src_dir, optimize_size)
    root = cache.subdir("runtime")
    final = root / f"{target}-{key[:24]}"
    rlib = final / "libpyrt.rlib"
    if rlib.exists():
        cache.mark_used(final)
        return rlib
    with cache.file_lock(root / f"{target}-{key[:24]}.lock"):
        if rlib.exists():  # another process built it while we waited
            return rlib
        if not quiet:
            print(f"building runtime for {target} with {rustc.version} ...", file=sys.stderr, flush=True)
        tmp = cache.temp_dir_next_to(final)
        cmd = [rustc.path, *runtime_flags(optimize_size), *rustc_target_args(rustc, target),
               "--cap-lints", "allow", *remap_paths(lib_rs.parent.parent, "pyrt"),
               str(lib_rs), "-o", str(tmp / "libpyrt.rlib")]
        try:
            res = subprocess.run(cmd, capture_output=True, text=True)
        except OSError as e:
            shutil.rmtree(tmp, ignore_errors=True)
            raise ToolchainError(f"cannot run {rustc.path}: {e}") from e
        if res.returncode != 0:
            (tmp / "rustc-stderr.txt").write_text(res.stderr)
            (tmp / "command.txt").write_text(" ".join(cmd) + "\n")
            failed = final.with_name(final.name + ".failed")  # kept for inspection, one per key
            shutil.rmtree(failed, ignore_errors=True)
            os.rename(tmp, failed)
            raise RuntimeBuildError(
                f"internal error: the runtime crate failed to build for {target} with "
                f"{rustc.version} (this is a bug in pybc2wasm's runtime).\n"
                f"build dir (command.txt, rustc-stderr.txt): {failed}\n{_tail(res.stderr)}")
        (tmp / "command.txt").write_text(" ".join(cmd) + "\n")
        cache.publish_dir(tmp, final)
    return rlib


def _tail(text: str, lines: int = 60) -> str:
    ls = text.rstrip().splitlines()
    if len(ls) > lines:
        ls = [f"... ({len(ls) - lines} lines cut)"] + ls[-lines:]
    return "\n".join(ls)


def remap_paths(directory: Path, name: str) -> list[str]:
    """rustc flags that record paths under `directory` (panic locations, symbols) as `name/…`,
    so that the output does not depend on where the checkout or the cache is."""
    return [f"--remap-path-prefix={Path(directory).resolve()}={name}"]
