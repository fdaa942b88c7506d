"""Turn a compiled `Program` into a wasm32-wasi module or a native executable.

    main.rs   = program.rust_source()              (the Rust printer's output, `use pyrt::*;`)
    numeric.o = program.llvm_object(triple)        (LLVM numeric core; may be absent)
    rustc --edition 2021 -O -C debuginfo=0 --extern pyrt=<rlib> -L <rlib dir>
          [-C link-arg=numeric.o] main.rs -o out

wasm32-wasi adds ``--target wasm32-wasi -C target-feature=+bulk-memory,... -C strip=symbols
-C link-arg=-zstack-size=16777216`` (the features: see ``WASM_FEATURES``);
wasm has no guard page, the shadow stack lives at the bottom of linear memory and rustc's
default is only 1 MiB, too little for CPython's recursion limit (1000 frames) of printed code.
rust-lld (lld 14) reads ``-zstack-size=N`` as ``-z stack-size=N``; it comes after rustc's own
``-z stack-size=1048576`` so it wins (checked: ``__stack_pointer`` starts at 16 MiB).

Native: a linker argument cannot enlarge the *main thread's* stack on Linux (the kernel sizes it
from ``ulimit -s``, 8 MiB by default); deep recursion there depends on the runtime running the
module on a thread of its own with a big stack. Native code is built with
``-C relocation-model=static`` (``NATIVE_CODEGEN``): a non-PIE executable, whose code reaches
the runtime's statics without the GOT.

Builds are cached: ``<cache>/build/<target>-<key>/`` where the key hashes the Rust source, the
object, the runtime rlib's key, rustc and the flags. The same program is built once and the
output copied to where the user asked.

A rustc failure here is a compiler bug (the printed Rust should always compile): it raises
`LinkError` naming the build directory, which is kept for inspection.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from . import cache
from .runtime_build import build_runtime, remap_paths, rlib_identity
from .toolchain import Toolchain, ToolchainError, discover, llvm_triple_for

WASM_STACK_SIZE = 16 * 1024 * 1024
# Post-MVP wasm features every host we run on has (wasmtime; Node >= 20; browsers since
# 2020-21), enabled for the runtime and all printed code: memcpy/memmove/memset of Rust code
# become `memory.copy`/`memory.fill` instead of calls to wasi-libc's byte loops, i8/i16 sign
# extension and float-to-int `as` casts are single instructions. Debian's rustc 1.63 links its
# (MVP-built) std with them. Not `multivalue`: LLVM 14 crashes on the runtime with it (it
# would return `PyResult`s in registers instead of through the shadow stack).
WASM_FEATURES = ("bulk-memory", "sign-ext", "mutable-globals", "nontrapping-fptoint")
WASM_CODEGEN = ["-C", "target-feature=" + ",".join("+" + f for f in WASM_FEATURES)]
# binaryen's names for them (wasm-opt must be told: the linked module has no target_features section)
WASM_OPT_FEATURES = ["--enable-bulk-memory", "--enable-sign-ext", "--enable-mutable-globals",
                     "--enable-nontrapping-float-to-int"]
# No LLVM bitcode in the rlibs of a default build (what cargo does without LTO): nothing links
# them with LTO; the runtime's rlib is 16 MB instead of 33 MB, its build a few % less CPU.
NO_BITCODE = ["-C", "embed-bitcode=no"]
NATIVE_CODEGEN = ["-C", "relocation-model=static"]
COMMON_FLAGS = ["--edition", "2021", "-O", "-C", "debuginfo=0", *NO_BITCODE]


def size_flags(flags: list[str]) -> list[str]:
    """`--optimize-size`: the same flags with `-O` (opt-level 2) made `-C opt-level=z`, and
    bitcode kept in the rlibs for its link-time optimization."""
    out: list[str] = []
    for f in flags:
        if f == NO_BITCODE[1] and out[-1:] == ["-C"]:
            out.pop()
            continue
        out += ["-C", "opt-level=z"] if f == "-O" else [f]
    return out


class LinkError(Exception):
    """rustc/the linker rejected generated code: an internal error of pybc2wasm."""


def _target_flags(tc: Toolchain, target: str) -> list[str]:
    if target == "native":
        # a non-PIE executable: printed code reaches the runtime's statics (None, small ints,
        # caches, the frame state) directly instead of through the GOT (callgrind: -4 to -7 %
        # instructions on expr_interpreter, ray_tracer, bytecode_vm)
        return NATIVE_CODEGEN
    rustc = tc.rustc_for(target)
    flags = ["--target", rustc.wasm_target(), *WASM_CODEGEN, "-C", "strip=symbols",
             "-C", f"link-arg=-zstack-size={WASM_STACK_SIZE}"]
    if tc.wasm_linker and not tc.wasm_linker_is_rust_lld:
        # No rust-lld: drive wasm-ld directly (rustc only infers the flavour from the name
        # "wasm-ld", not "wasm-ld-14").
        flags += ["-C", f"linker={tc.wasm_linker}", "-C", "linker-flavor=wasm-ld"]
    return flags


def output_name(target: str) -> str:
    return "main.wasm" if target == "wasm32-wasi" else "main"


def build(program, target: str, output: Path | None = None, *, quiet: bool = False) -> Path:
    """Build `program` for `target` and return the path of the result.

    With `output`, the result is copied there (atomically); without, the cached file itself is
    returned (don't modify it).
    """
    tc = discover()
    rustc = tc.rustc_for(target)
    rlib = build_runtime(target, rustc=rustc, quiet=quiet)
    source = program.rust_source()
    if target == "wasm32-wasi":
        tc.require_llvm_wasm()
    obj = program.llvm_object(llvm_triple_for(target))
    return build_from_parts(source, obj, target, output, rlib=rlib, tc=tc)


def build_from_parts(source: str, obj: bytes | None, target: str, output: Path | None = None,
                     *, rlib: Path | None = None, tc: Toolchain | None = None,
                     quiet: bool = False) -> Path:
    tc = tc or discover()
    rustc = tc.rustc_for(target)
    if rlib is None:
        rlib = build_runtime(target, rustc=rustc, quiet=quiet)
    flags = COMMON_FLAGS + _target_flags(tc, target)
    key = cache.key_of("link-v1", source, obj or b"", rlib_identity(rlib), rustc.path,
                       rustc.verbose_version, target, flags)
    root = cache.subdir("build")
    bdir = root / f"{target}-{key[:24]}"
    out = bdir / output_name(target)
    if out.exists():
        cache.mark_used(bdir)
    else:
        with cache.file_lock(root / f"{target}-{key[:24]}.lock"):
            if not out.exists():
                _compile(bdir, out, source, obj, rlib, rustc.path, flags, target)
    if output is None:
        return out
    output = Path(output)
    cache.copy_atomic(out, output)
    return output


def _compile(bdir: Path, out: Path, source: str, obj: bytes | None, rlib: Path,
             rustc: str, flags: list[str], target: str) -> None:
    if bdir.exists():  # a failed earlier attempt: start clean
        shutil.rmtree(bdir)
    bdir.mkdir(parents=True)
    (bdir / "main.rs").write_text(source)
    cmd = [rustc, *flags, "--extern", f"pyrt={rlib}", "-L", f"dependency={rlib.parent}",
           "-L", str(rlib.parent)]
    if obj is not None:
        (bdir / "numeric.o").write_bytes(obj)
        cmd += ["-C", f"link-arg={bdir / 'numeric.o'}"]
    tmp_out = bdir / (out.name + ".tmp")
    cmd += ["--cap-lints", "allow", *remap_paths(bdir, "main"), "--crate-name", "main",
            str(bdir / "main.rs"), "-o", str(tmp_out)]
    (bdir / "command.txt").write_text(" ".join(cmd) + "\n")
    try:
        res = subprocess.run(cmd, capture_output=True, text=True, cwd=bdir)
    except OSError as e:
        raise ToolchainError(f"cannot run {rustc}: {e}") from e
    if res.returncode != 0:
        (bdir / "rustc-stderr.txt").write_text(res.stderr)
        raise LinkError(
            f"internal error: rustc rejected the code generated for {target} "
            f"(this is a bug in pybc2wasm, not in your program).\n"
            f"build dir (main.rs, command.txt, rustc-stderr.txt): {bdir}\n{_head(res.stderr)}")
    tmp_out.rename(out)


def _head(text: str, lines: int = 40) -> str:
    ls = text.rstrip().splitlines()
    if len(ls) > lines:
        ls = ls[:lines] + [f"... ({len(ls) - lines} more lines in rustc-stderr.txt)"]
    return "\n".join(ls)


def _main(argv: list[str]) -> int:  # python -m pybc2wasm.link SRC.rs OUT [target] (debugging aid)
    src, out = Path(argv[0]), Path(argv[1])
    target = argv[2] if len(argv) > 2 else "wasm32-wasi"
    print(build_from_parts(src.read_text(), None, target, out))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
