#!/usr/bin/env python3
"""Per-unit build cost: printed-Rust lines, rustc CPU seconds and object bytes of each module's
unit, built afresh in a scratch directory (the unit cache is neither read nor written).

    python tools/unit_times.py locale html.entities            # stdlib modules by name
    python tools/unit_times.py --site idna.uts46data tabulate  # + the pinned site-packages
    python tools/unit_times.py --report r.json                 # every compiled module of a build report
    python tools/unit_times.py --timeout 300 --json out.json MOD ...
    python tools/unit_times.py --rustc-flag=-Copt-level=s MOD ...  # the cost of other flags
    python tools/unit_times.py --cold MOD ...              # printed and built cold (for size)
    python tools/unit_times.py --keep-rust D --keep-rlib MOD  # keep unit.rs and the rlib in D

CPU is user+sys of rustc alone (the machine may be shared: wall time is not steady). A unit
whose rustc runs past --timeout is killed and reported as "> timeout".
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pybc2wasm import build, objsize  # noqa: E402
from pybc2wasm.runtime_build import build_runtime  # noqa: E402
from pybc2wasm.search_path import Finder, Root, find_installation  # noqa: E402
from pybc2wasm.toolchain import discover  # noqa: E402


def find_pyc(name: str, finder: Finder) -> Path:
    parent = None
    parts = name.split(".")
    for i in range(len(parts)):
        found = finder.find(".".join(parts[:i + 1]), parent)
        if found is None:
            sys.exit(f"unit_times: cannot find module {name!r}")
        parent = found
    if parent.kind not in ("module", "package"):
        sys.exit(f"unit_times: {name!r} is a {parent.kind}, not bytecode")
    return parent.pyc


def measure(name: str, pyc: Path, rustc: str, rlib: str, flags: list, timeout: float | None,
            keep: Path | None, cold: bool = False, keep_rlib: bool = False) -> dict:
    key = build.cache.key_of("unit-times", name, pyc.read_bytes(), time.time())
    crate = build.crate_name(name, key)
    start = time.process_time()
    source, _ = build.unit_source(name, str(pyc), key, cold)
    row = {"name": name, "pyc": str(pyc), "rust_lines": source.count("\n"),
           "print_cpu": round(time.process_time() - start, 2)}
    tmp = Path(tempfile.mkdtemp(prefix="unit-times-"))
    try:
        (tmp / "unit.rs").write_text(source)
        try:
            res, cpu = build.rustc_unit(rustc, flags, rlib, crate, tmp, timeout)
        except subprocess.TimeoutExpired:
            row.update(rustc_cpu=None, timeout=timeout)
            return row
        if res.returncode != 0:
            row.update(error=res.stderr[-2000:])
            return row
        row.update(rustc_cpu=round(cpu, 2), code_bytes=objsize.archive_code_bytes(tmp / f"lib{crate}.rlib"),
                   rlib_bytes=(tmp / f"lib{crate}.rlib").stat().st_size)
        return row
    finally:
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(tmp / "unit.rs", keep / f"{name}.rs")
            if keep_rlib and (tmp / f"lib{crate}.rlib").exists():
                shutil.copy(tmp / f"lib{crate}.rlib", keep / f"{name}.rlib")
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("modules", nargs="*")
    ap.add_argument("--report", type=Path, help="measure every compiled module of this --report JSON")
    ap.add_argument("--path", action="append", default=[], type=Path, help="another search root")
    ap.add_argument("--site", action="store_true", help="add the pinned site-packages (tools/site_packages.py)")
    ap.add_argument("--target", default="wasm32-wasi")
    ap.add_argument("--optimize-size", action="store_true")
    ap.add_argument("--rustc-flag", action="append", default=[], metavar="FLAG",
                    help="append to the units' rustc flags (experiments: --rustc-flag=-Copt-level=1)")
    ap.add_argument("--cold", action="store_true",
                    help="print and build the units cold, as a wasm build does the stdlib's (build.cold_unit)")
    ap.add_argument("--timeout", type=float, default=None, help="seconds before rustc is killed")
    ap.add_argument("--keep-rust", type=Path, help="copy each printed unit.rs into this directory")
    ap.add_argument("--keep-rlib", action="store_true", help="with --keep-rust: also copy each unit's rlib")
    ap.add_argument("--json", type=Path, help="also write the rows as JSON")
    args = ap.parse_args(argv)

    inst = find_installation("3.11")
    roots = [Root(p, "path") for p in args.path]
    if args.site:
        sys.path.insert(0, str(ROOT / "tools"))
        import site_packages
        roots.append(Root(site_packages.site_dir(), "path"))
    roots += [Root(Path(p), "stdlib") for p in inst.path]
    finder = Finder(roots, "3.11", inst.ext_suffixes)
    todo = [(m, find_pyc(m, finder)) for m in args.modules]
    if args.report:
        rep = json.loads(args.report.read_text())
        todo += [(m["name"], Path(m["pyc"])) for m in rep["modules"] if m["kind"] == "compiled"]

    tc = discover()
    rustc = tc.rustc_for(args.target)
    rlib = str(build_runtime(args.target, rustc=rustc, quiet=True, optimize_size=args.optimize_size))
    flags = build.unit_flags(build._flags(tc, args.target, args.optimize_size), args.cold,
                             args.optimize_size, library=True) + args.rustc_flag
    rows = []
    print(f"{'module':28} {'lines':>7} {'rustc CPU s':>11} {'code bytes':>11}", flush=True)
    for name, pyc in todo:
        r = measure(name, pyc, rustc.path, rlib, flags, args.timeout, args.keep_rust, args.cold, args.keep_rlib)
        rows.append(r)
        cpu = (f"> {r['timeout']:.0f}" if "timeout" in r else "error" if "error" in r
               else f"{r['rustc_cpu']:.1f}")
        print(f"{name:28} {r['rust_lines']:7,} {cpu:>11} {r.get('code_bytes', 0):11,}", flush=True)
        if "error" in r:
            print(r["error"], file=sys.stderr)
    done = [r for r in rows if r.get("rustc_cpu") is not None]
    print(f"{'total':28} {sum(r['rust_lines'] for r in rows):7,} "
          f"{sum(r['rustc_cpu'] for r in done):11.1f} {sum(r.get('code_bytes', 0) for r in rows):11,}")
    if args.json:
        args.json.write_text(json.dumps({"flags": flags, "units": rows}, indent=1) + "\n")
    return 1 if any("error" in r for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
