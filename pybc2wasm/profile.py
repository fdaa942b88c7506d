"""Profiles for profile-guided speculation (docs/profile.md).

`record` builds the program natively with its own modules instrumented
(`backends/rust/instrument.py`), runs it with the given arguments and reads what the run saw
into a profile: per function of the program's own modules (keyed by module, qualname and first
line) the calls and each parameter's exact types, and for lists the kinds of their elements.
`check` validates a profile file against the program being compiled (format, version, entry
module, every module's .pyc hash) and `numeric_view` gives the numeric pass one module's part.
A profile is a hint: the clones it chooses are still guarded at every call.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from .diagnostics import CompileError

FORMAT = "pybc2wasm-profile"
VERSION = 1
ENV = "PYBC2WASM_PROFILE_OUT"


def pyc_sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def own_modules(graph) -> dict[str, Path]:
    """The program's own compiled modules (from its inputs): those a profiling build
    instruments and a profile describes; the stdlib's are left as they are."""
    from .modgraph import COMPILED
    return {n.name: n.pyc for n in graph.nodes.values() if n.kind == COMPILED and n.origin == "input"}


def _decode(mask: int) -> dict:
    from .backends.rust import instrument as I
    types = [k for k, bit in I.KINDS.items() if mask & bit]
    types = ["None" if t == "NoneType" else t for t in types]
    if mask & I.OTHER:
        types.append("other")
    entry: dict = {"types": types}
    if mask & I.KINDS["list"]:
        elements = [k for k, bit in I.ELEMENT_KINDS.items() if mask & bit]
        if mask & I.ELEMENT_OTHER:
            elements.append("other")
        if mask & I.ELEMENT_EMPTY:
            elements.append("empty")
        entry["elements"] = elements
    return entry


def parse_dump(text: str, entry: str, modules: dict[str, Path], argv: list[str], status: int) -> dict:
    """The profile for the lines the instrumented units wrote at exit."""
    found: dict[str, list] = {name: [] for name in sorted(modules)}
    for line in text.splitlines():
        module, qualname, first, calls, masks = line.split("\t")
        if module not in found:
            continue
        params = [_decode(int(m)) for m in masks.split(",")] if masks else []
        found[module].append({"qualname": qualname, "firstlineno": int(first),
                              "calls": int(calls), "params": params})
    return {
        "format": FORMAT, "version": VERSION, "entry": entry,
        "run": {"args": list(argv), "status": status},
        "modules": {name: {"pyc_sha256": pyc_sha256(modules[name]),
                           "functions": sorted(fns, key=lambda f: (f["firstlineno"], f["qualname"]))}
                    for name, fns in found.items()},
    }


def record(graph, opts, argv: list[str], timeout: float | None = None) -> dict:
    """Build the instrumented native program, run it with `argv` (its stdout and stderr go to
    this process's stderr: the compile's stdout stays for --emit) and return its profile."""
    from dataclasses import replace

    from .driver import build_graph_program
    modules = own_modules(graph)
    if not modules:
        raise CompileError("--profile-run: the program has no modules of its own to profile")
    with tempfile.TemporaryDirectory(prefix="pybc2wasm-profile-") as tmp:
        exe = Path(tmp) / "instrumented"
        popts = replace(opts, report=None, optimize_size=False,
                        pgo={name: "instrument" for name in modules})
        build_graph_program(graph, "native", exe, popts, label="profiling build")
        dump = Path(tmp) / "profile.tsv"
        env = dict(os.environ, **{ENV: str(dump)})
        if not opts.quiet:
            print(f"profiling run: {exe.name} {' '.join(argv)}", file=sys.stderr, flush=True)
        res = subprocess.run([str(exe), *argv], stdout=sys.stderr.fileno(), stderr=sys.stderr.fileno(),
                             env=env, timeout=timeout)
        if res.returncode != 0:
            print(f"warning: the profiling run exited with status {res.returncode}; its profile is "
                  f"used as far as it got", file=sys.stderr)
        text = dump.read_text() if dump.exists() else ""
    return parse_dump(text, graph.entry, modules, argv, res.returncode)


def write(profile: dict, path: Path) -> None:
    Path(path).write_text(json.dumps(profile, indent=1) + "\n")


def load(path: Path) -> dict:
    try:
        data = json.loads(Path(path).read_text())
    except (OSError, ValueError) as e:
        raise CompileError(f"--profile {path}: cannot read it as JSON ({e})")
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CompileError(f"--profile {path}: not a pybc2wasm profile (no \"format\": \"{FORMAT}\")")
    if data.get("version") != VERSION:
        raise CompileError(f"--profile {path}: profile format version {data.get('version')!r}; "
                           f"this pybc2wasm reads version {VERSION} (record it again with --profile-run)")
    return data


def check(profile: dict, entry: str, modules: dict[str, Path], source: str = "the profile") -> dict:
    """The profile's modules, after checking it was recorded from this program: the same entry
    module and, for every module it describes, the same .pyc bytes (a stale profile is refused,
    never misapplied)."""
    if profile.get("entry") != entry:
        raise CompileError(f"{source} was recorded from another program (entry module "
                           f"{profile.get('entry')!r}, this program's is {entry!r})")
    described = profile.get("modules", {})
    for name, info in sorted(described.items()):
        if name not in modules:
            raise CompileError(f"{source} was recorded from another program: it describes "
                               f"module {name!r}, which this program does not have")
        if info.get("pyc_sha256") != pyc_sha256(modules[name]):
            raise CompileError(f"{source} is stale: module {name!r} ({modules[name]}) has changed "
                               f"since it was recorded; record it again with --profile-run")
    return described


def numeric_view(module_profile: dict | None) -> dict | None:
    """(qualname, first line) → that function's record, as `tir.passes.numeric.run` takes it."""
    if module_profile is None:
        return None
    return {(f["qualname"], f["firstlineno"]): f for f in module_profile.get("functions", [])}
