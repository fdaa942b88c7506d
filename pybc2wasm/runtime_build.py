"""Build the runtime crate (`pyrt`) as an rlib, once per toolchain and target, into the cache.

The crate's sources ship inside the package (`pybc2wasm.runtime`: ``src/lib.rs`` and friends)
and are compiled with plain rustc, no cargo (see runtime/API.md):

    rustc --edition 2021 --crate-type rlib --crate-name pyrt -O -C debuginfo=0 -C embed-bitcode=no \
          [--target T] src/lib.rs

The result lives at ``<cache>/runtime/<target>-<key>/libpyrt.rlib`` (with its metadata,
``libpyrt.rmeta``) where the key hashes every runtime source file, the rustc (path and ``-vV``),
the target and the flags. Builds happen in a temporary directory that is renamed into place,
under a file lock, so parallel processes (pytest-xdist workers, two shells) build it once and
never see a half-written rlib.

`RuntimeBuild` pipelines a build the way cargo does: rustc writes the crate's metadata a few
seconds in, long before its code generation ends, and units only need the metadata to compile;
only the link waits for the rlib.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Callable

from . import cache
from .toolchain import Rustc, ToolchainError, discover

RUNTIME_FLAGS = ["--edition", "2021", "--crate-type", "rlib", "--crate-name", "pyrt",
                 "-O", "-C", "debuginfo=0", "-C", "embed-bitcode=no"]  # `link.NO_BITCODE`


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
        from .link import NATIVE_CODEGEN
        return NATIVE_CODEGEN
    t = rustc.wasm_target()
    assert t is not None
    from .link import WASM_CODEGEN
    return ["--target", t, *WASM_CODEGEN]


def runtime_flags(optimize_size: bool = False) -> list[str]:
    from .link import size_flags
    return size_flags(RUNTIME_FLAGS) if optimize_size else RUNTIME_FLAGS


def runtime_key(rustc: Rustc, target: str, src_dir: Path | None = None,
                optimize_size: bool = False) -> str:
    return cache.key_of("pyrt-rlib-v2", sources_digest(src_dir), rustc.path, rustc.verbose_version,
                        target, rustc_target_args(rustc, target), runtime_flags(optimize_size))


_identities: dict[tuple, str] = {}


def rlib_identity(rlib: Path) -> str:
    """The cache key part of everything compiled against `rlib`: its directory's name and a
    hash of its metadata (``libpyrt.rmeta`` beside it; the rlib's own bytes where there is
    none). Rebuilding an rlib (after the cache pruned it, or from another checkout, whose path
    rustc records in the crate's hash) gives crates that units built against the old one
    cannot link with, so their keys must change with it."""
    meta = rlib.with_name("libpyrt.rmeta")
    return _identity(rlib.parent.name, meta if meta.exists() else rlib)


def _identity(dir_name: str, hashed: Path) -> str:
    st = hashed.stat()
    memo = (dir_name, str(hashed), st.st_ino, st.st_size, st.st_mtime_ns)
    if memo not in _identities:
        _identities[memo] = f"{dir_name}-{hashlib.sha256(hashed.read_bytes()).hexdigest()[:24]}"
    return _identities[memo]


def build_runtime(target: str = "wasm32-wasi", *, rustc: Rustc | None = None,
                  src_dir: Path | None = None, quiet: bool = False, optimize_size: bool = False,
                  on_metadata: Callable[[Path], None] | None = None,
                  on_start: Callable[[subprocess.Popen], None] | None = None) -> Path:
    """Return the path of libpyrt.rlib for `target`, building it if the cache has none
    (`optimize_size`: a second rlib built for size, see `link.size_flags`). When this call
    runs rustc, `on_metadata(path)` is called as soon as the crate's metadata is written (the
    file is removed with the temporary build directory: copy it) and `on_start(process)` with
    the rustc process."""
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
               "--emit=metadata,link", "--error-format=json", "--json=artifacts",
               str(lib_rs), "--out-dir", str(tmp)]
        try:
            status, errors = _run_rustc(cmd, on_metadata, on_start)
        except OSError as e:
            shutil.rmtree(tmp, ignore_errors=True)
            raise ToolchainError(f"cannot run {rustc.path}: {e}") from e
        (tmp / "command.txt").write_text(" ".join(cmd) + "\n")
        if status != 0 or not (tmp / "libpyrt.rlib").exists():
            (tmp / "rustc-stderr.txt").write_text(errors)
            failed = final.with_name(final.name + ".failed")  # kept for inspection, one per key
            shutil.rmtree(failed, ignore_errors=True)
            os.rename(tmp, failed)
            raise RuntimeBuildError(
                f"internal error: the runtime crate failed to build for {target} with "
                f"{rustc.version} (this is a bug in pybc2wasm's runtime).\n"
                f"build dir (command.txt, rustc-stderr.txt): {failed}\n{_tail(errors)}")
        cache.publish_dir(tmp, final)
    return rlib


def _run_rustc(cmd: list[str], on_metadata, on_start) -> tuple[int, str]:
    """Run rustc with JSON diagnostics and artifact notices: (exit status, the diagnostics as
    rustc renders them); `on_metadata` gets the .rmeta's path when rustc announces it."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if on_start is not None:
        on_start(proc)
    rendered = []
    assert proc.stderr is not None
    for line in proc.stderr:
        try:
            msg = json.loads(line)
        except ValueError:
            rendered.append(line)       # not JSON: rustc's own crash output, say
            continue
        if msg.get("emit") == "metadata" and on_metadata is not None:
            on_metadata(Path(msg["artifact"]))
        elif msg.get("rendered"):
            rendered.append(msg["rendered"])
    return proc.wait(), "".join(rendered)


class RuntimeBuild:
    """The runtime of one build, built (or found in the cache) on a background thread:
    `metadata()` is what units compile against, `identity()` what their cache keys name,
    `rlib()` what the link needs. `close()` stops a rustc still running (a failed build)."""

    def __init__(self, target: str, *, rustc: Rustc | None = None, quiet: bool = False,
                 optimize_size: bool = False):
        self._private = Path(tempfile.mkdtemp(prefix="pybc2wasm-pyrt-meta-"))
        self._meta_ready = threading.Event()
        self._done = threading.Event()
        self._meta: Path | None = None
        self._rlib: Path | None = None
        self._error: BaseException | None = None
        self._proc: subprocess.Popen | None = None
        if rustc is None:
            rustc = discover().rustc_for(target)
        self._final_name = f"{target}-{runtime_key(rustc, target, None, optimize_size)[:24]}"
        self._thread = threading.Thread(target=self._run, daemon=True,
                                        args=(target, rustc, quiet, optimize_size))
        self._thread.start()

    def _run(self, target, rustc, quiet, optimize_size) -> None:
        try:
            self._rlib = build_runtime(target, rustc=rustc, quiet=quiet, optimize_size=optimize_size,
                                       on_metadata=self._got_metadata, on_start=self._started)
        except BaseException as e:      # handed to the caller by metadata() / rlib()
            self._error = e
        finally:
            self._done.set()
            self._meta_ready.set()

    def _started(self, proc: subprocess.Popen) -> None:
        self._proc = proc

    def _got_metadata(self, path: Path) -> None:
        copy = self._private / "libpyrt.rmeta"
        shutil.copyfile(path, copy)
        self._meta = copy
        self._meta_ready.set()

    def metadata(self) -> Path:
        """The runtime's .rmeta: units compile against it (`--extern pyrt=`)."""
        self._meta_ready.wait()
        if self._meta is not None:
            return self._meta
        return self.rlib().with_name("libpyrt.rmeta")

    def identity(self) -> str:
        """`rlib_identity` of the rlib this build will link with, known from its metadata."""
        return _identity(self._final_name, self.metadata())

    def rlib(self) -> Path:
        self._done.wait()
        if self._error is not None:
            raise self._error
        assert self._rlib is not None
        return self._rlib

    def close(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
        self._thread.join()
        shutil.rmtree(self._private, ignore_errors=True)


def _tail(text: str, lines: int = 60) -> str:
    ls = text.rstrip().splitlines()
    if len(ls) > lines:
        ls = [f"... ({len(ls) - lines} lines cut)"] + ls[-lines:]
    return "\n".join(ls)


def remap_paths(directory: Path, name: str) -> list[str]:
    """rustc flags that record paths under `directory` (panic locations, symbols) as `name/…`,
    so that the output does not depend on where the checkout or the cache is."""
    return [f"--remap-path-prefix={Path(directory).resolve()}={name}"]
