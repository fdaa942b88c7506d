#!/usr/bin/env python3
"""Time a built .wasm's `_start` inside one wasmtime process, or count its instructions.

    .venv/bin/python tools/wasm_time.py PROGRAM.wasm [N] [--valgrind-safe] [--perfmap] [FLAG=VALUE ...]

Runs the module N times (default 5) in the embedded wasmtime with the runner's engine settings
(big stacks, no epoch checks) and prints the best wall time and the best CPU time of the thread
that ran it (CPU time is what to compare on a loaded machine; wall time is not). stdout goes to
/dev/null. Compiled machine code is kept in /tmp (keyed by the file, its mtime and the flags).

- FLAG=VALUE sets a `wasmtime.Config` attribute (`cranelift_opt_level="speed"`) or, written
  `cl:NAME=VALUE`, a Cranelift flag (`cl:enable_heap_access_spectre_mitigation=false`).
- `--valgrind-safe`: compile without AVX-512 (valgrind's CPU has none) so the same run can be
  counted: `valgrind --tool=callgrind --dump-instr=no python tools/wasm_time.py P.wasm 1
  --valgrind-safe` (run it once outside valgrind first: compiling under valgrind takes minutes).
  The total includes ~255M instructions of Python and wasmtime start-up.
- `--perfmap`: wasmtime writes /tmp/perf-PID.map, so `perf record -e cpu-clock` (or callgrind,
  mapping its addresses through that file) names the wasm functions. Give it a module linked
  without `-C strip=symbols` (the build dir's command.txt, minus that flag and with
  `--strip-debug` for `--compress-relocations`) to get the runtime's function names.
"""
from __future__ import annotations

import hashlib
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from pybc2wasm.runner import set_wasm_stack  # noqa: E402

NO_AVX512 = ["has_avx512bitalg", "has_avx512dq", "has_avx512vl", "has_avx512vbmi", "has_avx512f",
             "has_avx512vnni", "has_avx_vnni"]


def main(argv: list[str]) -> int:
    import wasmtime
    args = [a for a in argv if not a.startswith("--")]
    opts = {a for a in argv if a.startswith("--")}
    wasm, n = args[0], int(args[1]) if len(args) > 1 and "=" not in args[1] else 5
    settings = [a for a in args[1:] if "=" in a]
    cfg = wasmtime.Config()
    if "--valgrind-safe" in opts:
        settings += [f"cl:{f}=false" for f in NO_AVX512]
    if "--perfmap" in opts:
        settings.append('profiler="perfmap"')
    for kv in settings:
        k, v = kv.split("=", 1)
        if k.startswith("cl:"):
            cfg.cranelift_flag_set(k[3:], v)
            continue
        try:
            v = eval(v)
        except Exception:
            pass
        setattr(cfg, k, v)
    set_wasm_stack(cfg)     # the stack limit compiled programs run with (pybc2wasm run)
    engine = wasmtime.Engine(cfg)
    st = os.stat(wasm)
    tag = hashlib.sha1(repr((os.path.abspath(wasm), st.st_mtime_ns, st.st_size, settings)).encode())
    cwasm = f"/tmp/wasm_time-{tag.hexdigest()[:16]}.cwasm"
    if os.path.exists(cwasm):
        module = wasmtime.Module.deserialize_file(engine, cwasm)
    else:
        module = wasmtime.Module(engine, open(wasm, "rb").read())
        with open(cwasm + ".tmp", "wb") as f:
            f.write(module.serialize())
        os.replace(cwasm + ".tmp", cwasm)
    walls: list[float] = []
    cpus: list[float] = []

    def go():
        for _ in range(n):
            linker = wasmtime.Linker(engine)
            linker.define_wasi()
            store = wasmtime.Store(engine)
            wasi = wasmtime.WasiConfig()
            wasi.argv = [os.path.basename(wasm)]
            wasi.stdout_file = "/dev/null"
            wasi.inherit_stderr()
            store.set_wasi(wasi)
            t, c = time.perf_counter(), time.thread_time()
            instance = linker.instantiate(store, module)
            try:
                instance.exports(store)["_start"](store)
            except wasmtime.ExitTrap:
                pass
            walls.append(time.perf_counter() - t)
            cpus.append(time.thread_time() - c)
            del store

    threading.stack_size(64 << 20)
    th = threading.Thread(target=go)
    th.start()
    th.join()
    print(f"{os.path.basename(wasm)}: best wall {min(walls):.3f} s, best cpu {min(cpus):.3f} s "
          f"(median cpu {sorted(cpus)[len(cpus) // 2]:.3f} s) over {n} runs"
          + (f"  [{' '.join(settings)}]" if settings else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
