"""Rust programs built against the cached runtime rlib, for the runtime's own tests.

- the runtime's cargo test files (`runtime/tests/*.rs`) as wasm32-wasi test binaries
  (`rustc --test`), run in the embedded wasmtime;
- native helper binaries (the property-test driver `runtime/testing/prop_driver.rs`).

The rlib comes from `runtime_build.build_runtime` (cached by the runtime's source hash); each
binary is cached next to it by the hash of its source, the rlib's key, the rustc and the flags,
under a file lock, like `link.build_from_parts` does for compiled programs.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from pybc2wasm import cache
from pybc2wasm.link import _target_flags
from pybc2wasm.runtime_build import build_runtime, rlib_identity
from pybc2wasm.toolchain import discover

RUNTIME = Path(__file__).resolve().parent.parent / "runtime"


def build_against_runtime(src: Path, target: str, *, test: bool = False) -> Path:
    """The executable (or .wasm) built from `src` with `--extern pyrt=<runtime rlib>`.

    Test files read data through `env!("CARGO_MANIFEST_DIR")`, set to the runtime folder."""
    tc = discover()
    rustc = tc.rustc_for(target)
    rlib = build_runtime(target, rustc=rustc, quiet=True)
    flags = ["--edition", "2021", "-O", "-C", "debuginfo=0", *(["--test"] if test else [])]
    flags += _target_flags(tc, target)
    key = cache.key_of("rt-bin-v1", Path(src).read_bytes(), str(RUNTIME), rlib_identity(rlib),
                       rustc.path, rustc.verbose_version, target, flags)
    root = cache.subdir("runtime-bins")
    bdir = root / f"{Path(src).stem}-{target}-{key[:20]}"
    out = bdir / (Path(src).stem + (".wasm" if target == "wasm32-wasi" else ""))
    if out.exists():
        return out
    with cache.file_lock(root / f"{bdir.name}.lock"):
        if out.exists():
            return out
        tmp = cache.temp_dir_next_to(bdir)
        cmd = [rustc.path, *flags, "--extern", f"pyrt={rlib}", "-L", f"dependency={rlib.parent}",
               "--cap-lints", "allow", str(src), "-o", str(tmp / out.name)]
        env = dict(os.environ, CARGO_MANIFEST_DIR=str(RUNTIME))
        res = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if res.returncode != 0:
            shutil.rmtree(tmp, ignore_errors=True)
            raise RuntimeError(f"{' '.join(cmd)}\n{res.stderr[-6000:]}")
        cache.publish_dir(tmp, bdir)
    return out
