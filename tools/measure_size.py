#!/usr/bin/env python3
"""The size and build-time budgets (issue 9): measures, never asserts.

    python tools/measure_size.py [--target wasm32-wasi] [--skip-build-times] [--json FILE]

Reports
- hello world (`print("hello, world")`): bytes of the output (for wasm also its Code and
  Data sections: function bodies, initialized memory);
- bytes of output per bytecode instruction of stdlib modules: a unit's `code_bytes` (build
  report: code + data of its objects) over the instructions in its .pyc (all code objects,
  without CACHE entries);
- the ten-module program (tools/benchmarks/tenmods.py): output bytes; first build with an empty
  cache (a fresh `PYBC2WASM_CACHE`, so the runtime is built too: its share is shown apart),
  and the rebuild after editing the program's own module. Times are wall and CPU (user+sys of
  pybc2wasm and every process it ran): the machine may be shared, CPU time is the steady one.
- hello world with --optimize-size too, when binaryen's wasm-opt is installed.
"""
from __future__ import annotations

import argparse
import dis
import json
import marshal
import os
import py_compile
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TENMODS = ROOT / "tools" / "benchmarks" / "tenmods.py"
PER_INSTRUCTION = ("argparse", "typing", "enum", "dataclasses", "json.decoder", "pathlib", "datetime",
                   "functools", "collections")


def instructions(pyc: Path) -> int:
    with open(pyc, "rb") as f:
        f.read(16)
        code = marshal.load(f)

    def count(co) -> int:
        n = sum(1 for i in dis.get_instructions(co) if i.opname != "CACHE")
        return n + sum(count(c) for c in co.co_consts if isinstance(c, types.CodeType))
    return count(code)


def code_and_data(path: Path) -> str:
    """`code N, data M` of a wasm module (empty for a native executable)."""
    from pybc2wasm.wasm_sections import WasmFormatError, sections
    try:
        secs = dict(sections(path.read_bytes()))
    except WasmFormatError:
        return ""
    return f" (code {len(secs.get(10, b'')):,}, data {len(secs.get(11, b'')):,})"


def run_timed(cmd: list[str], env: dict) -> tuple[float, float, subprocess.CompletedProcess]:
    """(wall seconds, CPU seconds of the command and its children, result)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    res = subprocess.run(cmd, capture_output=True, text=True, env=env)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if res.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{res.stderr[-4000:]}")
    return wall, cpu, res


def compile_cmd(pyc: Path, out: Path, target: str, report: Path | None = None) -> list[str]:
    cmd = [sys.executable, "-m", "pybc2wasm", "compile", str(pyc), "-o", str(out), "-q"]
    if target != "wasm32-wasi":
        cmd += ["--target", target]
    if report is not None:
        cmd += ["--report", str(report)]
    return cmd


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--target", default="wasm32-wasi")
    ap.add_argument("--skip-build-times", action="store_true",
                    help="use the usual cache (no empty-cache build, no rebuild timing)")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="pybc2wasm-measure-"))
    env = dict(os.environ)
    if not args.skip_build_times:
        env["PYBC2WASM_CACHE"] = str(work / "cache")
    figures: dict = {"target": args.target}
    try:
        # hello world (builds the runtime when the cache is empty: that is its build time)
        (work / "hello.py").write_text('print("hello, world")\n')
        hello_pyc = work / "hello.pyc"
        py_compile.compile(str(work / "hello.py"), cfile=str(hello_pyc), doraise=True)
        wall, cpu, _ = run_timed(compile_cmd(hello_pyc, work / "hello.out", args.target), env)
        figures["hello_bytes"] = (work / "hello.out").stat().st_size
        figures["runtime_and_hello_build"] = {"wall": round(wall, 1), "cpu": round(cpu, 1)}
        print(f"hello world: {figures['hello_bytes']:,} bytes{code_and_data(work / 'hello.out')} "
              f"(runtime + hello build: {wall:.1f}s wall, {cpu:.1f}s CPU)")
        if shutil.which("wasm-opt") and args.target == "wasm32-wasi":
            cmd = compile_cmd(hello_pyc, work / "hello.oz", args.target) + ["--optimize-size"]
            run_timed(cmd, env)
            figures["hello_bytes_optimize_size"] = (work / "hello.oz").stat().st_size
            print(f"hello world --optimize-size: {figures['hello_bytes_optimize_size']:,} bytes")

        # the ten-module program, first build: the runtime is cached now, so also measure the
        # program alone; empty-cache total = runtime + program
        src = work / "tenmods.py"
        shutil.copy(TENMODS, src)
        pyc = work / "tenmods.pyc"
        py_compile.compile(str(src), cfile=str(pyc), doraise=True)
        report = work / "report.json"
        out = work / "tenmods.out"
        wall, cpu, _ = run_timed(compile_cmd(pyc, out, args.target, report), env)
        rep = json.loads(report.read_text())
        figures["tenmods_bytes"] = out.stat().st_size
        figures["tenmods_first_build"] = {"wall": round(wall, 1), "cpu": round(cpu, 1)}
        compiled = [m for m in rep["modules"] if m["kind"] == "compiled"]
        total_insts = total_code = 0
        rows = []
        for m in compiled:
            n = instructions(Path(m["pyc"]))
            total_insts += n
            total_code += m["code_bytes"]
            rows.append((m["name"], n, m["code_bytes"], m.get("compile_seconds", 0.0)))
        figures["tenmods_modules"] = len(compiled)
        figures["tenmods_instructions"] = total_insts
        figures["tenmods_code_bytes"] = total_code
        print(f"ten-module program: {figures['tenmods_bytes']:,} bytes{code_and_data(out)}, "
              f"{len(compiled)} compiled modules, "
              f"{total_insts:,} instructions, {total_code:,} bytes of unit code+data "
              f"({total_code / max(total_insts, 1):.1f} per instruction)")
        if args.skip_build_times:
            print(f"  build: {wall:.1f}s wall, {cpu:.1f}s CPU (cache as it was)")
        else:
            print(f"  first build, runtime already built: {wall:.1f}s wall, {cpu:.1f}s CPU; "
                  f"with the runtime (empty cache): "
                  f"{wall + figures['runtime_and_hello_build']['wall']:.1f}s wall, "
                  f"{cpu + figures['runtime_and_hello_build']['cpu']:.1f}s CPU")
        print("  bytes per instruction:")
        per = {}
        for name, n, code, secs in sorted(rows, key=lambda r: -r[1]):
            if name in PER_INSTRUCTION or name == "tenmods":
                per[name] = {"instructions": n, "code_bytes": code, "per_instruction": round(code / max(n, 1), 1),
                             "compile_seconds": secs}
                print(f"    {name:14} {n:6,} instructions {code:9,} bytes {code / max(n, 1):6.1f}/instruction"
                      f"  (compiled in {secs:.1f}s wall)")
        figures["per_instruction"] = per

        # rebuild after editing the program's own module
        if not args.skip_build_times:
            src.write_text(src.read_text().replace('VERSION = "v1"', 'VERSION = "v2"'))
            py_compile.compile(str(src), cfile=str(pyc), doraise=True)
            wall, cpu, _ = run_timed(compile_cmd(pyc, out, args.target), env)
            figures["tenmods_rebuild"] = {"wall": round(wall, 1), "cpu": round(cpu, 1)}
            print(f"  rebuild after editing tenmods.py: {wall:.1f}s wall, {cpu:.1f}s CPU")
    finally:
        if args.keep:
            print(f"(kept {work})")
        else:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
