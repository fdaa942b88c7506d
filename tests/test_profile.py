"""Profile-guided speculation (docs/profile.md): `compile --profile-run` / `--profile FILE`.

Differential: the compiled program's output must equal CPython's, with the profile of its own
run, with a profile whose types are wrong for the run (the guards fail, at entry or mid-loop
after stores, and the generic code finishes the work), and the clones must follow the profile
(`--emit tir`). A profile from another program, from a changed .pyc or of another format
version is refused with one `error:` line.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from compile_helpers import write_pyc
from conftest import REPO, requires_core, requires_runtime

PROGRAM = REPO / "tests" / "programs" / "profile_guided.py"


def pybc2wasm(*args, timeout=600):
    return subprocess.run([sys.executable, "-m", "pybc2wasm", *map(str, args)], capture_output=True,
                          text=True, cwd=REPO, timeout=timeout, stdin=subprocess.DEVNULL)


def cpython(*args) -> str:
    return subprocess.run([sys.executable, str(PROGRAM), *args], capture_output=True, text=True,
                          check=True, timeout=120).stdout


def make_pyc(tmp_path: Path, source: str, name: str = "profile_guided") -> Path:
    return write_pyc(tmp_path, source, name)


def speculated(tir: str) -> dict[str, tuple]:
    """qualname → (parameter types, return type) of the functions with an unboxed clone."""
    found = {}
    for m in re.finditer(r"function f\d+ kind=generic \{'name': '[^']*', 'qualname': '([^']*)'.*"
                         r"'speculation': \{'unboxed': \d+, 'params': \(([^)]*)\), 'returns': '(\w+)'", tir):
        found[m.group(1)] = (tuple(re.findall(r"'(\w+)'", m.group(2))), m.group(3))
    return found


def run_native(exe: Path, *args) -> str:
    res = subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    return res.stdout


@requires_core
@requires_runtime
def test_profile_run_types_the_clones_and_output_equals_cpython(tmp_path):
    pyc = make_pyc(tmp_path, PROGRAM.read_text())
    exe, prof = tmp_path / "prog", tmp_path / "profile.json"
    res = pybc2wasm("compile", pyc, "--target", "native", "-o", exe, "-j", "1", "--profile-run",
                    "--profile-out", prof)
    assert res.returncode == 0, res.stderr
    assert cpython() in res.stderr          # the profiling run's output goes to stderr
    assert run_native(exe) == cpython()
    data = json.loads(prof.read_text())
    assert (data["format"], data["version"], data["entry"]) == ("pybc2wasm-profile", 1, "profile_guided")
    fns = {f["qualname"]: f for f in data["modules"]["profile_guided"]["functions"]}
    assert fns["horner"]["calls"] == 300 and fns["horner"]["params"] == [{"types": ["float"]}]
    assert fns["scale"]["params"] == [{"types": ["list"], "elements": ["float"]}, {"types": ["float"]}]

    guessed = speculated(pybc2wasm("compile", pyc, "--emit", "tir").stdout)
    res = pybc2wasm("compile", pyc, "--emit", "tir", "--profile", prof)
    assert res.returncode == 0, res.stderr
    profiled = speculated(res.stdout)
    # without a profile: int tried first, list elements guessed int (no float constant)
    assert guessed["horner"] == (("int",), "float") and guessed["spread"][1] == "int"
    assert profiled["horner"] == (("float",), "float")
    assert profiled["spread"] == (("list",), "float")
    assert profiled["scale"] == (("list", "float"), "int")
    # never called in the profiling run (class bodies, <module> aside): no clone
    assert set(profiled) <= {f for f in fns}


@requires_core
@requires_runtime
def test_wrong_profile_still_gives_cpython_output(tmp_path):
    """A profile is a hint: floats-only recorded, then ints slipped in mid-list (the clones
    deopt after stores and the generic code resumes) or types edited to the wrong ones (the
    guards fail at entry)."""
    pyc = make_pyc(tmp_path, PROGRAM.read_text())
    prof = tmp_path / "profile.json"
    res = pybc2wasm("compile", pyc, "--target", "native", "-o", tmp_path / "prog", "-j", "1",
                    "--profile-run", "--profile-out", prof)
    assert res.returncode == 0, res.stderr
    assert run_native(tmp_path / "prog", "mixed") == cpython("mixed")

    data = json.loads(prof.read_text())
    for f in data["modules"]["profile_guided"]["functions"]:
        if f["qualname"] in ("horner", "scale"):
            f["params"][-1] = {"types": ["int"]}
        if f["qualname"] == "spread":
            f["params"] = [{"types": ["list"], "elements": ["int"]}]
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps(data))
    tir = speculated(pybc2wasm("compile", pyc, "--emit", "tir", "--profile", wrong).stdout)
    assert tir["horner"] == (("int",), "float") and tir["scale"] == (("list", "int"), "int")
    exe = tmp_path / "wrong"
    res = pybc2wasm("compile", pyc, "--target", "native", "-o", exe, "-j", "1", "--profile", wrong)
    assert res.returncode == 0, res.stderr
    assert run_native(exe) == cpython()
    assert run_native(exe, "mixed") == cpython("mixed")


@requires_core
def test_stale_foreign_and_unknown_profiles_are_refused(tmp_path):
    source = PROGRAM.read_text()
    pyc = make_pyc(tmp_path, source)
    fns = [{"qualname": "horner", "firstlineno": 9, "calls": 3, "params": [{"types": ["float"]}]}]
    import hashlib
    good = {"format": "pybc2wasm-profile", "version": 1, "entry": "profile_guided",
            "run": {"args": [], "status": 0},
            "modules": {"profile_guided": {"pyc_sha256": hashlib.sha256(pyc.read_bytes()).hexdigest(),
                                           "functions": fns}}}
    prof = tmp_path / "p.json"
    prof.write_text(json.dumps(good))
    res = pybc2wasm("compile", pyc, "--emit", "tir", "--profile", prof)
    assert res.returncode == 0, res.stderr

    def refused(profile_path, pyc_path, words):
        res = pybc2wasm("compile", pyc_path, "--emit", "tir", "--profile", profile_path)
        assert res.returncode == 2, (res.returncode, res.stderr)
        lines = res.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in res.stderr
        assert words in lines[0], lines[0]

    # the same module changed since the profile was recorded
    make_pyc(tmp_path, source + "print('one more line')\n")
    refused(prof, pyc, "stale")
    # another program
    other = make_pyc(tmp_path, "print('hi')\n", name="other")
    refused(prof, other, "another program")
    # another format version, not a profile at all
    prof.write_text(json.dumps(dict(good, version=2)))
    refused(prof, other, "version 2")
    prof.write_text(json.dumps({"hello": 1}))
    refused(prof, other, "not a pybc2wasm profile")
    # the flags that only make sense together
    res = pybc2wasm("compile", other, "--emit", "tir", "--profile-out", prof)
    assert res.returncode == 2 and "--profile-run" in res.stderr


@requires_core
@requires_runtime
def test_profile_run_arguments_after_double_dash(tmp_path):
    pyc = make_pyc(tmp_path, PROGRAM.read_text())
    prof = tmp_path / "profile.json"
    res = pybc2wasm("compile", pyc, "--emit", "tir", "-j", "1", "--profile-run", "--profile-out", prof,
                    "--", "mixed")
    assert res.returncode == 0, res.stderr
    assert cpython("mixed") in res.stderr
    assert json.loads(prof.read_text())["run"] == {"args": ["mixed"], "status": 0}
    assert speculated(res.stdout)["horner"] == (("float",), "float")
