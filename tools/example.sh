#!/usr/bin/env bash
# Set up (tools/bootstrap.sh), compile examples/hello.py to bytecode, then compile that .pyc to
# WebAssembly and run it in the embedded wasmtime. Extra arguments go to the program.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/bootstrap.sh
mkdir -p out
.venv/bin/python -c "import py_compile; py_compile.compile('examples/hello.py', cfile='out/hello.pyc', dfile='hello.py', doraise=True)"
echo "+ pybc2wasm compile out/hello.pyc -o out/hello.wasm"
.venv/bin/pybc2wasm compile out/hello.pyc -o out/hello.wasm
echo "+ pybc2wasm run out/hello.pyc $*"
exec .venv/bin/pybc2wasm run out/hello.pyc "$@"
