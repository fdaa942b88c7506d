#!/bin/sh
# Other CPython versions as oracles and .pyc producers, unpacked privately (nothing installed
# system-wide). Idempotent: what is present is not fetched again.
#   CPython 3.13 (Debian trixie) and 3.14 (Debian sid, which moves): the packages plus that
#     suite's own libc, through a private apt configuration reusing the system's mirror;
#     wrappers DEST/python3.13 and DEST/python3.14 start them through their own loader.
#   CPython 3.12 (and 3.13/3.14 again): Pyodide from npm under DEST/pyodide, driven by node
#     through tools/pyodide_run.mjs. Skipped with a message when npm is absent. Its stdlib,
#     compiled to .pyc by Pyodide, goes to DEST/stdlib3.12 (the search path of 3.12 bytecode;
#     tools/pyodide_stdlib.py).
#   sh tools/get_pythons.sh [DEST]     (DEST defaults to $PYBC2WASM_PYTHONS, else the build
#   cache's pythons/: $PYBC2WASM_CACHE or ~/.cache/pybc2wasm, where pybc2wasm/pythons.py looks)
set -eu
CACHE=${PYBC2WASM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pybc2wasm}  # as pybc2wasm/cache.py
DEST=${1:-${PYBC2WASM_PYTHONS:-$CACHE/pythons}}
mkdir -p "$DEST"
say() { echo "get_pythons: $*"; }

apt_setup() {
  A=$DEST/apt
  [ -f "$A/apt.conf" ] && return 0
  mkdir -p "$A/lists/partial" "$A/cache/archives/partial" "$A/none"
  MIRROR=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$MIRROR" ] || MIRROR=http://deb.debian.org/debian
  printf 'deb %s trixie main\ndeb %s sid main\n' "$MIRROR" "$MIRROR" > "$A/sources.list"
  cat > "$A/apt.conf" <<C
Dir::Etc::SourceList "$A/sources.list";
Dir::Etc::SourceParts "$A/none";
Dir::State::Lists "$A/lists";
Dir::Cache "$A/cache";
Dir::State::status "/var/lib/dpkg/status";
C
  APT_CONFIG=$A/apt.conf apt-get update -qq
}

unpack() {  # $1 = 3.13|3.14  $2 = suite
  V=$1; R=$DEST/root$V
  if [ -x "$DEST/python$V" ] && "$DEST/python$V" -c 'pass' 2>/dev/null; then
    [ -d "$R/usr/lib/python$V/__pycache__" ] ||
      "$DEST/python$V" -m compileall -q "$R/usr/lib/python$V" >/dev/null 2>&1 || true
    say "python$V present"; return 0
  fi
  apt_setup
  D=$DEST/debs$V; rm -rf "$D" "$R"; mkdir -p "$D" "$R"
  ( cd "$D" && export APT_CONFIG=$DEST/apt/apt.conf &&
    { apt-get download -qq python$V-minimal/$2 libpython$V-minimal/$2 libpython$V-stdlib/$2 \
        libc6/$2 libexpat1/$2 zlib1g/$2 libffi8/$2 libmpdec4/$2 2>/dev/null ||
      apt-get download -qq python$V-minimal/$2 libpython$V-minimal/$2 libpython$V-stdlib/$2 \
        libc6/$2 libexpat1/$2 zlib1g/$2; } )
  for f in "$D"/*.deb; do dpkg-deb -x "$f" "$R"; done
  rm -rf "$D"
  LD=$(ls "$R"/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2)
  printf '#!/bin/sh\nexec "%s" --library-path "%s" "%s" "$@"\n' \
    "$LD" "$R/usr/lib/x86_64-linux-gnu" "$R/usr/bin/python$V" > "$DEST/python$V"
  chmod +x "$DEST/python$V"
  # Debian ships no .pyc: compile the stdlib (the programs' imports are compiled from them)
  "$DEST/python$V" -m compileall -q "$R/usr/lib/python$V" >/dev/null 2>&1 || true
  say "$("$DEST/python$V" -c 'import sys; print(sys.executable, sys.version.split()[0])')"
}

pyodide() {
  P=$DEST/pyodide
  if [ -d "$P/node_modules/pyodide312" ]; then say "pyodide present"; return 0; fi
  command -v npm >/dev/null 2>&1 || { say "npm not found: no Pyodide 3.12"; return 0; }
  mkdir -p "$P"
  [ -f "$P/package.json" ] || echo '{"private": true}' > "$P/package.json"
  ( cd "$P" && npm install --no-audit --no-fund --silent pyodide312@npm:pyodide@0.27.7 )
  say "pyodide 3.12 in $P"
}

pyodide_stdlib() {  # 3.12's stdlib for the module search path: Pyodide's, compiled by Pyodide
  S=$DEST/stdlib3.12
  if [ -f "$S/installation.json" ]; then say "stdlib3.12 present"; return 0; fi
  [ -d "$DEST/pyodide/node_modules/pyodide312" ] && command -v node >/dev/null 2>&1 || return 0
  HERE=$(cd "$(dirname "$0")" && pwd)
  rm -rf "$S"; mkdir -p "$S"
  PYRUN_MOUNT=$S node "$HERE/pyodide_run.mjs" pyodide312 run "$HERE/pyodide_stdlib.py" "$S" ||
    { rm -rf "$S"; say "could not prepare Pyodide's stdlib"; return 0; }
}

unpack 3.13 trixie
unpack 3.14 sid
pyodide
pyodide_stdlib
