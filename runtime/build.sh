#!/bin/sh
# Builds the runtime rlib for wasm32-wasi (Debian rustc 1.63) and natively (host rustc),
# then the printed-style example for both, and runs it. Usage: runtime/build.sh [outdir]
set -e
cd "$(dirname "$0")"
OUT=${1:-/tmp/pyrt-build}
mkdir -p "$OUT/wasm" "$OUT/native"
/usr/bin/rustc --edition 2021 --crate-type rlib --crate-name pyrt -O --target wasm32-wasi src/lib.rs -o "$OUT/wasm/libpyrt.rlib"
rustc --edition 2021 --crate-type rlib --crate-name pyrt -O src/lib.rs -o "$OUT/native/libpyrt.rlib"
/usr/bin/rustc --edition 2021 -O --target wasm32-wasi examples/hello.rs --extern pyrt="$OUT/wasm/libpyrt.rlib" -L "$OUT/wasm" -o "$OUT/wasm/hello.wasm"
rustc --edition 2021 -O examples/hello.rs --extern pyrt="$OUT/native/libpyrt.rlib" -L "$OUT/native" -o "$OUT/native/hello"
echo "built in $OUT"
