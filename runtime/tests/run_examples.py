"""Builds runtime/examples/*.rs for wasm32-wasi and natively, runs them, and compares stdout,
stderr and exit status with CPython running the Python program in the example's doc comment
(compiled to a .pyc and run without its source, as the differential tests do).

    python3 runtime/tests/run_examples.py        (needs the project's .venv with wasmtime: tools/bootstrap.sh)
"""
import os
import py_compile
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
RT = os.path.dirname(HERE)
VENV_PY = os.path.join(os.path.dirname(RT), ".venv", "bin", "python")
RUN_WASM = r'''
import sys, wasmtime
engine = wasmtime.Engine()
module = wasmtime.Module.from_file(engine, sys.argv[1])
linker = wasmtime.Linker(engine)
linker.define_wasi()
store = wasmtime.Store(engine)
cfg = wasmtime.WasiConfig()
cfg.inherit_stdout(); cfg.inherit_stderr(); cfg.argv = sys.argv[1:]
store.set_wasi(cfg)
inst = linker.instantiate(store, module)
code = 0
try:
    inst.exports(store)["_start"](store)
except wasmtime.ExitTrap as e:
    code = e.code
sys.stdout.flush(); sys.stderr.flush()
import os; os._exit(code)
'''


def python_source(rs_path):
    lines, inside = [], False
    for line in open(rs_path):
        if line.startswith("//! ```python"):
            inside = True
        elif line.startswith("//! ```") and inside:
            break
        elif inside:
            lines.append(line[4:] if line.startswith("//! ") else "\n")
    return "".join(lines)


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    return p.stdout, p.stderr, p.returncode


def main():
    out = tempfile.mkdtemp()
    subprocess.run([os.path.join(RT, "build.sh"), out], check=True, capture_output=True)
    failures = 0
    for name in sorted(os.listdir(os.path.join(RT, "examples"))):
        if not name.endswith(".rs"):
            continue
        stem = name[:-3]
        src = python_source(os.path.join(RT, "examples", name))
        py = os.path.join(out, "prog.py")
        with open(py, "w") as f:
            f.write(src)
        pyc = os.path.join(out, stem + ".pyc")
        py_compile.compile(py, cfile=pyc, dfile="prog.py", doraise=True)
        os.remove(py)
        want = run([sys.executable, pyc])
        results = {"native": run([os.path.join(out, "native", stem)])}
        if os.path.exists(VENV_PY):
            script = os.path.join(out, "runwasm.py")
            with open(script, "w") as f:
                f.write(RUN_WASM)
            results["wasm"] = run([VENV_PY, script, os.path.join(out, "wasm", stem + ".wasm")])
        for kind, got in results.items():
            ok = got == want
            failures += not ok
            print("%-8s %-6s %s" % (stem, kind, "ok" if ok else "MISMATCH\n  got:  %r\n  want: %r" % (got, want)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
