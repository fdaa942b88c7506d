#!/usr/bin/env python3
"""What a linked .wasm is made of: code bytes per function, or summed per Rust path prefix.

    python tools/wasm_breakdown.py WASM [--depth N] [--top N]
    python tools/wasm_breakdown.py --relink BUILD_DIR [--depth N] [--top N]

Reads the module's `name` section (function names) and its Code section (body sizes). The
modules pybc2wasm writes have no names (linked with -C strip=symbols): `--relink` reruns the
link of a cached program (`<cache>/build/<target>-p<key>/command.txt`, the newest build of a
program is the newest such folder) keeping the names (strip=debuginfo) into a temporary file.
`--depth 3` sums `pyrt::objects::str::...` under `pyrt::objects::str`; `--depth 0` lists the
largest functions themselves.
"""
from __future__ import annotations

import argparse
import collections
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from pybc2wasm.wasm_sections import _uleb as _leb  # noqa: E402

_ESCAPES = [("$LT$", "<"), ("$GT$", ">"), ("$u20$", " "), ("$u7b$", "{"), ("$u7d$", "}"),
            ("$RF$", "&"), ("$C$", ","), ("$BP$", "*"), ("$u27$", "'"), ("$u5b$", "["),
            ("$u5d$", "]"), ("$u3b$", ";"), ("$u21$", "!"), ("..", "::")]


def demangle(n: str) -> str:
    """Rust's legacy mangling (`_ZN...E`) to a path, without the hash."""
    if not n.startswith("_ZN"):
        return n
    i, parts = 3, []
    while i < len(n) and n[i].isdigit():
        j = i
        while n[j].isdigit():
            j += 1
        length = int(n[i:j])
        parts.append(n[j:j + length])
        i = j + length
    if parts and re.fullmatch(r"h[0-9a-f]{16}", parts[-1]):
        parts.pop()
    s = "::".join(parts)
    for a, b in _ESCAPES:
        s = s.replace(a, b)
    return s


def function_sizes(wasm: bytes) -> list[tuple[int, str]]:
    """(body bytes, demangled name) of every defined function, largest first."""
    i, imported, bodies, names = 8, 0, [], {}
    while i < len(wasm):
        sid = wasm[i]
        size, i = _leb(wasm, i + 1)
        end = i + size
        if sid == 2:                                   # imports: functions shift the index
            n, j = _leb(wasm, i)
            for _ in range(n):
                for _ in range(2):
                    length, j = _leb(wasm, j)
                    j += length
                kind = wasm[j]
                j += 1
                if kind == 0:
                    imported += 1
                    _, j = _leb(wasm, j)
                elif kind in (1, 2):                   # table (reftype + limits) / memory
                    j += kind == 1
                    flags, j = _leb(wasm, j)
                    _, j = _leb(wasm, j)
                    if flags & 1:
                        _, j = _leb(wasm, j)
                else:                                  # global: type, mutability
                    j += 2
        elif sid == 10:
            n, j = _leb(wasm, i)
            for _ in range(n):
                length, j = _leb(wasm, j)
                bodies.append(length)
                j += length
        elif sid == 0:
            length, j = _leb(wasm, i)
            if wasm[j:j + length] == b"name":
                j += length
                while j < end:
                    sub = wasm[j]
                    sz, j = _leb(wasm, j + 1)
                    if sub == 1:
                        n, k = _leb(wasm, j)
                        for _ in range(n):
                            idx, k = _leb(wasm, k)
                            ln, k = _leb(wasm, k)
                            names[idx] = wasm[k:k + ln].decode(errors="replace")
                            k += ln
                    j += sz
        i = end
    rows = [(sz, demangle(names.get(imported + k, f"<function {imported + k}>")))
            for k, sz in enumerate(bodies)]
    return sorted(rows, reverse=True)


def group(rows: list[tuple[int, str]], depth: int) -> list[tuple[int, str]]:
    sums: collections.Counter = collections.Counter()
    for size, name in rows:
        name = re.sub(r"^<(.*?) as .*", r"\1", name)   # `<T as Trait>::f` counts under T
        sums["::".join(name.split("::")[:depth])] += size
    return [(v, k) for k, v in sums.most_common()]


def relink(build_dir: Path, out: Path) -> None:
    cmd = (build_dir / "command.txt").read_text().split()
    cmd = ["strip=debuginfo" if a == "strip=symbols" else a for a in cmd]
    cmd[cmd.index("-o") + 1] = str(out)
    res = subprocess.run(cmd, capture_output=True, text=True, cwd=build_dir)
    if res.returncode != 0:
        sys.exit(f"relink failed:\n{res.stderr[-3000:]}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("wasm", nargs="?", type=Path)
    ap.add_argument("--relink", type=Path, metavar="BUILD_DIR")
    ap.add_argument("--depth", type=int, default=3)
    ap.add_argument("--top", type=int, default=40)
    args = ap.parse_args(argv)
    if (args.wasm is None) == (args.relink is None):
        ap.error("give a .wasm or --relink BUILD_DIR")
    with tempfile.TemporaryDirectory() as tmp:
        wasm = args.wasm
        if args.relink is not None:
            wasm = Path(tmp) / "named.wasm"
            relink(args.relink, wasm)
        rows = function_sizes(wasm.read_bytes())
    if not any(not n.startswith("<function") for _, n in rows):
        print("(no name section: every function is unnamed; see --relink)", file=sys.stderr)
    shown = rows if args.depth == 0 else group(rows, args.depth)
    for size, name in shown[:args.top]:
        print(f"{size:9,}  {name}")
    print(f"{sum(s for s, _ in rows):9,}  code bytes in {len(rows):,} functions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
