#!/usr/bin/env bash
# Set up everything pybc2wasm needs on a Debian (12, bookworm) machine. Idempotent: a second
# run changes nothing and does not touch the network when everything is present.
#
#   apt:  rustc (1.63, the only rustc with a wasm32-wasi std here), libstd-rust-dev-wasm32,
#         lld (rust-lld / wasm-ld), gcc (cc, the native linker), python3-venv;
#         clang-14 + lld-14 + wasi-libc + libclang-rt-14-dev-wasm32 (C -> wasm32-wasi, for the
#         C baselines of tools/bench_programs.py --c); chromium (tests/test_web_host.py runs the
#         pages of `compile --target web` in it, headless)
#   venv: .venv in the repository, with `pip install -e '.[test,versions]'`
#
# Run as root (or with sudo available). Override the Python with PYTHON=/path/to/python3.11.
set -euo pipefail

cd "$(dirname "$0")/.."
REPO=$(pwd)
say() { echo "bootstrap: $*"; }

SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
fi

# ---------------------------------------------------------------------------------- apt
have_wasm_rustc() {
  [ -x /usr/bin/rustc ] || return 1
  local sysroot
  sysroot=$(/usr/bin/rustc --print sysroot 2>/dev/null) || return 1
  [ -d "$sysroot/lib/rustlib/wasm32-wasi" ] || [ -d "$sysroot/lib/rustlib/wasm32-wasip1" ]
}
have_wasm_linker() {
  command -v rust-lld >/dev/null 2>&1 || command -v wasm-ld >/dev/null 2>&1
}
have_c_wasm() {
  command -v clang-14 >/dev/null 2>&1 && command -v wasm-ld-14 >/dev/null 2>&1 \
    && [ -f /usr/lib/wasm32-wasi/libc.a ] \
    && ls /usr/lib/llvm-14/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a >/dev/null 2>&1
}
have_python() {
  local py="$1"
  "$py" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info[:2] != (3, 11))' >/dev/null 2>&1
}

PYTHON=${PYTHON:-}
if [ -z "$PYTHON" ]; then
  for cand in python3.11 python3 /usr/bin/python3.11; do
    if command -v "$cand" >/dev/null 2>&1 && have_python "$(command -v "$cand")"; then
      PYTHON=$(command -v "$cand"); break
    fi
  done
fi

missing=()
have_wasm_rustc || missing+=(rustc libstd-rust-dev-wasm32)
have_wasm_linker || missing+=(lld)
command -v cc >/dev/null 2>&1 || missing+=(gcc)
command -v cargo >/dev/null 2>&1 || missing+=(cargo)   # runtime unit tests (cargo test)
command -v wasm-opt >/dev/null 2>&1 || missing+=(binaryen)   # optional: compile --optimize-size
have_c_wasm || missing+=(clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32)   # C baselines (bench --c)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)   # tests of --target web (headless)
if [ -z "$PYTHON" ] && [ ! -x .venv/bin/python ]; then missing+=(python3 python3-venv); fi

if [ ${#missing[@]} -eq 0 ]; then
  say "system packages: all present (rustc with wasm32-wasi, wasm linker, cc, python 3.11)"
else
  if [ "$(id -u)" != 0 ] && [ -z "$SUDO" ]; then
    echo "bootstrap: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
  say "apt-get update"
  $SUDO apt-get update -q
  say "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
  if [ -z "$PYTHON" ] && have_python /usr/bin/python3; then PYTHON=/usr/bin/python3; fi
fi

# ---------------------------------------------------------------------------------- venv
if [ ! -x .venv/bin/python ]; then
  if [ -z "$PYTHON" ]; then
    echo "bootstrap: no Python 3.11 with venv found (set PYTHON=...)" >&2
    exit 1
  fi
  say "creating .venv with $PYTHON"
  "$PYTHON" -m venv .venv
else
  say ".venv exists ($(.venv/bin/python --version 2>&1))"
fi

# Skip pip (and the network) when the package is already installed editable from this
# checkout with every dependency importable.
if .venv/bin/python - "$REPO" >/dev/null 2>&1 <<'EOF'
import sys, pathlib
import pybc2wasm, click, llvmlite, wasmtime, pytest, xdist, hypothesis, xdis  # noqa: F401
repo = pathlib.Path(sys.argv[1]).resolve()
sys.exit(pathlib.Path(pybc2wasm.__file__).resolve().parent != repo / "pybc2wasm")
EOF
then
  say "python packages: pybc2wasm (editable) and its test dependencies already installed"
else
  say "pip install -e '.[test,versions]'"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test,versions]'
fi

# The pinned pure-Python packages tests/test_site_packages.py compiles (sourceless, in the build
# cache); the test installs them itself when this could not.
if site=$(.venv/bin/python tools/site_packages.py 2>/dev/null); then
  say "site-packages for the tests: $site"
else
  say "site-packages for the tests not installed now (no network?); the tests will retry"
fi

say "done; checking the toolchain:"
.venv/bin/pybc2wasm doctor
