"""Builds the runtime and its cargo tests for wasm32-wasi with Debian's rustc 1.63 and runs
them in wasmtime (the same checks `cargo test` runs natively).

    python3 runtime/tests/run_wasm_tests.py        (needs the project's .venv with wasmtime: tools/bootstrap.sh)
"""
import os
import subprocess
import sys
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
RT = os.path.dirname(HERE)
VENV_PY = os.path.join(os.path.dirname(RT), ".venv", "bin", "python")
RUSTC = "/usr/bin/rustc"

RUNNER = r'''
import ctypes, sys, threading, wasmtime
def main():
    cfg = wasmtime.Config()
    # max_wasm_stack may not exceed async_stack_size, which wasmtime-py sets only via the C API
    fn = wasmtime._ffi.dll.wasmtime_config_async_stack_size_set
    fn.restype = None
    fn.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
    fn(ctypes.cast(cfg.ptr(), ctypes.c_void_p), (48 << 20) + (1 << 20))
    cfg.max_wasm_stack = 48 << 20
    engine = wasmtime.Engine(cfg)
    module = wasmtime.Module.from_file(engine, sys.argv[1])
    linker = wasmtime.Linker(engine); linker.define_wasi()
    store = wasmtime.Store(engine)
    wc = wasmtime.WasiConfig(); wc.inherit_stdout(); wc.inherit_stderr()
    wc.argv = [sys.argv[1], "--test-threads=1", "--nocapture"]
    wc.preopen_dir(sys.argv[2], sys.argv[2]); wc.preopen_dir("/tmp", "/tmp")
    store.set_wasi(wc)
    inst = linker.instantiate(store, module)
    code = 0
    try:
        inst.exports(store)["_start"](store)
    except wasmtime.ExitTrap as e:
        code = e.code
    except Exception as e:
        print("TRAP:", str(e).splitlines()[0]); code = 99
    sys.stdout.flush()
    import os; os._exit(code)
threading.stack_size(64 << 20)
t = threading.Thread(target=main); t.start(); t.join()
'''


def main():
    out = tempfile.mkdtemp()
    rlib = os.path.join(out, "libpyrt.rlib")
    subprocess.run([RUSTC, "--edition", "2021", "--crate-type", "rlib", "--crate-name", "pyrt", "-O",
                    "--target", "wasm32-wasi", os.path.join(RT, "src", "lib.rs"), "-o", rlib], check=True)
    runner = os.path.join(out, "runner.py")
    with open(runner, "w") as f:
        f.write(RUNNER)
    env = dict(os.environ, CARGO_MANIFEST_DIR=RT)
    failed = 0
    for name in sorted(os.listdir(HERE)):
        if not name.endswith(".rs"):
            continue
        wasm = os.path.join(out, name[:-3] + ".wasm")
        subprocess.run([RUSTC, "--edition", "2021", "--test", "-O", "--target", "wasm32-wasi",
                        "-C", "link-arg=-zstack-size=16777216", os.path.join(HERE, name),
                        "--extern", "pyrt=" + rlib, "-L", out, "-o", wasm], check=True, env=env)
        p = subprocess.run([VENV_PY, runner, wasm, RT], capture_output=True, text=True)
        summary = [l for l in p.stdout.splitlines() if l.startswith("test result") or "TRAP" in l or "FAILED" in l]
        print("%-16s %s" % (name[:-3], " | ".join(summary) or p.stdout[-300:] + p.stderr[-300:]))
        failed += p.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
