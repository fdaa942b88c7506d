"""Module-granular builds of a whole program (a `modgraph.Graph`).

Each compiled module is a unit of its own: its TIR, its printed Rust compiled by rustc into an
rlib (a crate named after the module and its key), and its LLVM numeric core as an object. A
unit is cached under ``<cache>/units/<target>-<key>/``, the key hashing the `.pyc`'s bytes, the
module name, the compiler's own sources, the runtime rlib, rustc and the flags, so the stdlib
modules a program reaches are built once per machine and a rebuild recompiles only the
modules that changed. Units build in parallel (`jobs` worker processes). The program's `main`
crate then registers every unit, installs a table of only the natives the program reaches
(the linker drops the rest of the runtime's modules) and runs the entry as `__main__`.
"""
from __future__ import annotations

import concurrent.futures
import functools
import json
import multiprocessing
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from . import cache, method_tables, objsize
from .link import COMMON_FLAGS, WASM_OPT_FEATURES, LinkError, _target_flags, output_name, size_flags
from .modgraph import COMPILED, NAMESPACE, Graph, Node
from .package_data import digest, package_files
from .runtime_build import RuntimeBuild, remap_paths, rlib_identity
from .toolchain import ToolchainError, discover, llvm_triple_for

UNIT_FLAGS = ["--crate-type", "rlib"]
# Library units (the stdlib's and site-packages' modules, `cold_unit`) are built for size: LLVM
# inlines only what costs (almost) nothing (`#[inline]` is no hint there), so `Obj`'s drop and
# clone, `load_global_ic`'s hit and the runtime's other wasm32 fast paths are calls instead of a
# copy at every site (docs/modules.md, "Library units are built for size"). The threshold is 5,
# not 0: `drop_in_place::<Obj>` (a load and a call of `decref_inline`, `cold_abi.COLD_MACROS`)
# costs just above 0; inlined, a dropped value is passed by value instead of by the address of
# its slot, so values live at an error exit stay out of the shadow stack (argparse's unit
# -13 %; at 15 it is larger again, measured with tools/unit_times.py --cold).
COLD_FLAGS = ["-C", "llvm-args=-inline-threshold=5", "-C", "llvm-args=-inlinehint-threshold=5"]
LIBRARY_ORIGINS = ("stdlib", "site")
# Library units are many and built side by side (-j), so each is one codegen unit: rustc's
# default of 16 per crate has each re-optimise the inline functions it uses (measured with
# tools/unit_times.py: ~10 % less rustc CPU, 0.6 % less code). The program's own units keep
# parallel codegen: a rebuild after an edit compiles them alone.
LIBRARY_FLAGS = ["-C", "codegen-units=1"]
# stdlib modules whose Python functions programs call in their inner loops (`random.randint`):
# built for speed even in wasm builds. Not heapq or bisect: their inner-loop functions are the
# runtime's `_heapq` and `_bisect` (their modules end `from _heapq import *`), and a hot heapq
# cost every program importing collections 90 KB
HOT_STDLIB = frozenset({"random"})


def cold_unit(node: Node, hot_libraries: bool = False) -> bool:
    """Whether `node`'s unit is printed and built for size: a module of the stdlib or of
    site-packages, unless the build asked for hot libraries or it is one of `HOT_STDLIB`. The
    program's own modules (its inputs, --path directories) are built for speed."""
    if node.origin == "stdlib" and node.name in HOT_STDLIB:
        return False
    return not hot_libraries and node.origin in LIBRARY_ORIGINS


def unit_flags(flags: list, cold: bool, optimize_size: bool = False, library: bool = False) -> list:
    """A unit's rustc flags: `COLD_FLAGS` added for a cold unit (opt-level z, `--optimize-size`,
    already ignores inline hints), `LIBRARY_FLAGS` for a library module's (`LIBRARY_ORIGINS`)."""
    out = flags + COLD_FLAGS if cold and not optimize_size else flags
    return out + LIBRARY_FLAGS if library else out


@dataclass
class UnitResult:
    name: str
    crate: str
    dir: str
    key: str
    cached: bool
    seconds: float
    code_bytes: int          # code + data of the rlib's objects (+ the numeric object)
    rust_lines: int
    rustc_cpu: float = 0.0   # user+sys seconds of rustc on the printed code
    cold: bool = False       # printed and built for size (`cold_unit`)


@functools.lru_cache(maxsize=None)
def compiler_fingerprint() -> str:
    """A hash of the compiler's sources that shape a unit's code (frontend, TIR, backends,
    opcode table): a changed compiler rebuilds every unit; the driver's own files do not."""
    from . import backends, frontend_bytecode, opcode_matrix, tir
    parts: list[object] = [Path(__file__).read_bytes()]
    for pkg in (frontend_bytecode, tir, backends, opcode_matrix):
        root = Path(pkg.__file__).parent
        for p in sorted(root.rglob("*.py")):
            parts.append(p.name)
            parts.append(p.read_bytes())
    return cache.key_of("compiler", *parts)


def crate_name(module: str, key: str) -> str:
    return "pym_" + re.sub(r"\W", "_", module)[:40] + "_" + key[:10]


def unit_key(node: Node, target: str, runtime_key: str, rustc_id: list, flags: list,
             cold: bool = False, pgo=None) -> str:
    """`cold`: printed and built for size (`cold_unit`); `pgo`: "instrument" (a profiling
    build) or the module's part of a profile; a unit built with either is cached apart."""
    parts = ["unit-v1", node.name, node.pyc.read_bytes(), compiler_fingerprint(),
             runtime_key, rustc_id, target, flags, cold]
    return cache.key_of(*parts, pgo) if pgo is not None else cache.key_of(*parts)


def _compile_unit(name: str, pyc: str, key: str, target: str, rlib: str, rustc: str,
                  flags: list, unit_dir: str, cold: bool = False, pgo=None) -> UnitResult:
    """Runs in a worker process: .pyc → TIR → Rust (+ LLVM object) → rlib, published into
    `unit_dir` atomically, under a lock so concurrent builds of one unit run it once."""
    final = Path(unit_dir)
    with cache.file_lock(final.with_name(final.name + ".lock")):
        meta = final / "unit.json"
        if meta.exists():            # another process built it while we waited
            r = UnitResult(**json.loads(meta.read_text()))
            r.cached, r.seconds = True, 0.0
            return r
        return _compile_unit_locked(name, pyc, key, target, rlib, rustc, flags, final, cold, pgo)


def unit_source(name: str, pyc: str, key: str, cold: bool = False, pgo=None):
    """(printed Rust of the module's unit, its LLVM numeric module or None); `cold`: printed
    for size (`cold_unit`); `pgo`: see `unit_key` (docs/profile.md)."""
    from .profile import numeric_view
    from .backends.llvm import lower
    from .backends.rust import printer
    from .frontend_bytecode.build import build_module
    from .frontend_bytecode.loader import load_pyc
    from .tir.passes import run_pipeline

    loaded = load_pyc(Path(pyc))
    module = build_module(loaded.code, loaded.version)
    module.symbol_prefix = f"{key[:12]}_"
    if pgo == "instrument":
        # no clones (an empty profile: nothing was called): every call enters a generic
        # function and is counted, also those a clone would make to another clone
        module.instrument = name
        run_pipeline(module, {}, hot=not cold)
    else:
        run_pipeline(module, numeric_view(pgo), hot=not cold)
    symbols = {f.id: lower.symbol(f.id, module.symbol_prefix) for f in lower.unboxed_functions(module)}
    return printer.print_unit(module, symbols, cold=cold), lower.lower_module(module)


def rustc_unit(rustc: str, flags: list, rlib: str, crate: str, tmp: Path, timeout: float | None = None):
    """rustc on `tmp/unit.rs` → `tmp/lib<crate>.rlib`: (result, CPU seconds of rustc). `rlib`:
    the runtime's rlib or its .rmeta (what a unit needs of it).
    Raises subprocess.TimeoutExpired after `timeout` seconds (rustc is killed)."""
    cmd = [rustc, *flags, *UNIT_FLAGS, "--extern", f"pyrt={rlib}", "-L", f"dependency={Path(rlib).parent}",
           "--cap-lints", "allow", *remap_paths(tmp, crate), "--crate-name", crate, str(tmp / "unit.rs"),
           "-o", str(tmp / f"lib{crate}.rlib")]
    (tmp / "command.txt").write_text(" ".join(cmd) + "\n")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    res = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp, timeout=timeout)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return res, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _compile_unit_locked(name, pyc, key, target, rlib, rustc, flags, final: Path, cold=False,
                         pgo=None) -> UnitResult:
    from .backends.llvm import emit

    start = time.monotonic()
    crate = crate_name(name, key)
    source, llvm = unit_source(name, pyc, key, cold, pgo)
    tmp = cache.temp_dir_next_to(final)
    (tmp / "unit.rs").write_text(source)
    res, cpu = rustc_unit(rustc, flags, rlib, crate, tmp)
    if res.returncode != 0:
        (tmp / "rustc-stderr.txt").write_text(res.stderr)
        failed = final.with_name(final.name + ".failed")
        shutil.rmtree(failed, ignore_errors=True)
        os.rename(tmp, failed)
        raise LinkError(f"internal error: rustc rejected the printed code of module {name} "
                        f"(a bug in pybc2wasm).\nbuild dir: {failed}\n{res.stderr[-3000:]}")
    code_bytes = objsize.archive_code_bytes(tmp / f"lib{crate}.rlib")
    if llvm is not None:
        obj = emit.compile_object(str(llvm), llvm_triple_for(target))
        (tmp / "numeric.o").write_bytes(obj)
        code_bytes += objsize.object_code_bytes(obj)
    result = UnitResult(name, crate, str(final), key, False, time.monotonic() - start, code_bytes,
                        source.count("\n"), round(cpu, 3), cold)
    (tmp / "unit.json").write_text(json.dumps(asdict(result)))
    cache.publish_dir(tmp, final)
    return result


class Progress:
    def __init__(self, total: int, quiet: bool):
        self.total, self.done, self.quiet = total, 0, quiet
        self.started = time.monotonic()

    def step(self, text: str) -> None:
        self.done += 1
        if not self.quiet:
            print(f"[{self.done}/{self.total}] {text}", file=sys.stderr, flush=True)


def _flags(tc, target: str, optimize_size: bool) -> list[str]:
    flags = COMMON_FLAGS + _target_flags(tc, target)
    return size_flags(flags) if optimize_size else flags


def runtime_for(target: str, quiet: bool, optimize_size: bool = False) -> RuntimeBuild:
    """The runtime a build compiles its units against and links with, started on a background
    thread: units compile against its metadata while rustc still generates its code. Resolved
    once per build, so a runtime edited while units compile cannot give a link against
    another one."""
    tc = discover()
    return RuntimeBuild(target, rustc=tc.rustc_for(target), quiet=quiet, optimize_size=optimize_size)


def build_units(graph: Graph, target: str, jobs: int, quiet: bool, runtime: RuntimeBuild,
                optimize_size: bool = False, hot_libraries: bool = False,
                pgo: dict | None = None) -> dict[str, UnitResult]:
    """`pgo`: module name → "instrument" or its part of a profile (`pybc2wasm.profile`).
    Units compile against the runtime's metadata (`RuntimeBuild.metadata`)."""
    pgo = pgo or {}
    rlib, identity = runtime.metadata(), runtime.identity()
    tc = discover()
    rustc = tc.rustc_for(target)
    flags = _flags(tc, target, optimize_size)
    rustc_id = [rustc.path, rustc.verbose_version]
    root = cache.subdir("units")
    results: dict[str, UnitResult] = {}
    todo = []
    for node in graph.compiled():
        if node.kind != COMPILED:
            continue
        cold = cold_unit(node, hot_libraries)
        nflags = unit_flags(flags, cold, optimize_size, node.origin in LIBRARY_ORIGINS)
        key = unit_key(node, target, identity, rustc_id, nflags, cold, pgo.get(node.name))
        unit_dir = root / f"{target}-{key[:24]}"
        meta = unit_dir / "unit.json"
        if meta.exists():
            cache.mark_used(unit_dir)
            r = UnitResult(**json.loads(meta.read_text()))
            r.cached, r.seconds, r.dir = True, 0.0, str(unit_dir)
            results[node.name] = r
        else:
            todo.append((node, key, unit_dir, nflags, cold))
    if not todo:
        return results
    progress = Progress(len(todo), quiet)
    todo.sort(key=lambda t: -t[0].pyc.stat().st_size)     # the biggest first: less idle at the end
    args = [(node.name, str(node.pyc), key, target, str(rlib), rustc.path, nflags, str(unit_dir), cold,
             pgo.get(node.name))
            for node, key, unit_dir, nflags, cold in todo]
    if jobs == 1 or len(todo) == 1:
        for (node, *_), a in zip(todo, args):
            results[node.name] = r = _compile_unit(*a)
            progress.step(f"compiled {node.name} ({node.origin}, {r.seconds:.1f}s)")
        return results
    ctx = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        futures = {pool.submit(_compile_unit, *a): node for (node, *_), a in zip(todo, args)}
        for fut in concurrent.futures.as_completed(futures):
            node = futures[fut]
            results[node.name] = r = fut.result()
            progress.step(f"compiled {node.name} ({node.origin}, {r.seconds:.1f}s)")
    return results


def link_program(graph: Graph, units: dict[str, UnitResult], target: str,
                 output: Path | None, quiet: bool, rlib: Path, optimize_size: bool = False) -> Path:
    from .backends.rust import printer
    tc = discover()
    rustc = tc.rustc_for(target)
    flags = _flags(tc, target, optimize_size)
    if target == "wasm32-wasi":
        # calls and addresses in the objects are 5-byte LEBs awaiting relocation: shrink them
        flags += ["-C", "link-arg=--compress-relocations"]
    if optimize_size:
        flags += ["-C", "lto=fat"]      # whole-program: drops what no path reaches, inlines for size
    entry = graph.entry
    registered = []
    for node in sorted(graph.compiled(), key=lambda n: n.name):
        if node.name == "__main__" and node.name == entry:
            continue
        crate = units[node.name].crate if node.kind == COMPILED else ""
        registered.append((node.name, crate, node.is_package, node.file))
    natives = sorted(n.native.rust_entry for n in graph.natives())
    entry_node = graph.nodes[entry]
    data = package_files(graph)
    facts = method_tables.merge_facts(n.summary.facts() for n in graph.compiled() if n.summary is not None)
    install = method_tables.print_install_for(facts, tuple(sorted(n.native.make for n in graph.natives())))
    # "Did you mean" for AttributeError / ImportError needs dir(): only when the bytecode has
    # attribute operations, imports, classes or names the builtins that reach attributes
    attributes = bool(natives) or any(w in o for o in facts.opcodes
                                      for w in ("ATTR", "METHOD", "IMPORT", "SUPER", "CLASS")) \
        or bool(facts.names & printer._ATTRIBUTE_BUILTINS)
    source = printer.print_program_main(graph.version, registered, natives, units[entry].crate,
                                        entry_node.file, graph.package,
                                        [(path, str(f)) for path, f in data], install, attributes)
    used = sorted(units.values(), key=lambda u: u.name)
    key = cache.key_of("program-v1", source, digest(data), [u.key for u in used], rlib_identity(rlib),
                       rustc.path, rustc.verbose_version, target, flags)
    root = cache.subdir("build")
    bdir = root / f"{target}-p{key[:24]}"
    out = bdir / output_name(target)
    if out.exists():
        cache.mark_used(bdir)
    else:
        with cache.file_lock(root / f"{target}-p{key[:24]}.lock"):
            if not out.exists():
                _link(bdir, out, source, used, rlib, rustc.path, flags)
    if optimize_size and target == "wasm32-wasi":
        out = _wasm_opt(out, tc, quiet)
    if output is None:
        return out
    cache.copy_atomic(out, Path(output))
    return Path(output)


def _wasm_opt(wasm: Path, tc, quiet: bool) -> Path:
    """`wasm-opt -Oz` of a linked module (cached beside it), or the module itself with a
    warning when binaryen is not installed. It takes seconds per megabyte: opt-in."""
    if tc.wasm_opt is None:
        print("warning: --optimize-size: wasm-opt (binaryen) not found; the module is not "
              "shrunk", file=sys.stderr)
        return wasm
    small = wasm.with_name(wasm.stem + ".oz.wasm")
    if small.exists():
        return small
    tmp = small.with_name(small.name + ".tmp")
    res = subprocess.run([tc.wasm_opt, "-Oz", *WASM_OPT_FEATURES, str(wasm), "-o", str(tmp)], capture_output=True, text=True)
    if res.returncode != 0:
        raise LinkError(f"internal error: wasm-opt failed on {wasm}:\n{res.stderr[-3000:]}")
    os.replace(tmp, small)
    return small


def _link(bdir: Path, out: Path, source: str, units: list[UnitResult], rlib: Path,
          rustc: str, flags: list) -> None:
    if bdir.exists():
        shutil.rmtree(bdir)
    bdir.mkdir(parents=True)
    (bdir / "main.rs").write_text(source)
    cmd = [rustc, *flags, "--extern", f"pyrt={rlib}", "-L", f"dependency={rlib.parent}"]
    for u in units:
        cmd += ["--extern", f"{u.crate}={Path(u.dir) / f'lib{u.crate}.rlib'}",
                "-L", f"dependency={u.dir}"]
        numeric = Path(u.dir) / "numeric.o"
        if numeric.exists():
            cmd += ["-C", f"link-arg={numeric}"]
    tmp_out = bdir / (out.name + ".tmp")
    cmd += ["--cap-lints", "allow", "--crate-name", "main", str(bdir / "main.rs"), "-o", str(tmp_out)]
    (bdir / "command.txt").write_text(" ".join(cmd) + "\n")
    try:
        res = subprocess.run(cmd, capture_output=True, text=True, cwd=bdir)
    except OSError as e:
        raise ToolchainError(f"cannot run {rustc}: {e}") from e
    if res.returncode != 0:
        (bdir / "rustc-stderr.txt").write_text(res.stderr)
        raise LinkError(f"internal error: linking the program failed (a bug in pybc2wasm).\n"
                        f"build dir: {bdir}\n{res.stderr[-3000:]}")
    os.replace(tmp_out, out)
