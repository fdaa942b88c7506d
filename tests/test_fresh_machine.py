"""Every external program the compiler, the tests and the tools run is accounted for: either
tools/bootstrap.sh installs it, or it is optional and its users do without it.

A fresh clone once failed on a test that ran a program only the developer's machine had. This
test reads the project's Python sources, finds each program they run (`subprocess.*([...])`
with a literal program name, `which("name")`), and checks it against PROGRAMS below, so a new
dependency cannot slip in without a bootstrap step or a decision that it is optional."""
from __future__ import annotations

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCES = ["pybc2wasm", "backends", "frontend_bytecode", "tir", "opcode_matrix", "tests", "tools"]

# program -> ("apt", Debian package tools/bootstrap.sh installs), ("optional", why it may be
# absent) or ("base", the Essential Debian package that provides it on every installation)
PROGRAMS: dict[str, tuple[str, str]] = {
    "rustc": ("apt", "rustc"),
    "rust-lld": ("apt", "lld"),
    "wasm-ld": ("apt", "lld"),
    "cc": ("apt", "gcc"),
    "cargo": ("apt", "cargo"),
    "wasm-opt": ("apt", "binaryen"),
    "clang-14": ("apt", "clang-14"),
    "chromium": ("apt", "chromium"),
    "sh": ("base", "dash: runs tools/get_pythons.sh for the slow version tests"),
    "node": ("optional", "a third host: tests and `run --host node` skip or fail clearly without it"),
    "valgrind": ("optional", "only tools/bench_profile.py --callgrind, which refuses to start without it"),
}

SUBPROCESS_CALLS = {"run", "Popen", "check_output", "check_call", "call"}


def _literal_program(node: ast.Call) -> str | None:
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if not node.args:
        return None
    first = node.args[0]
    if name in SUBPROCESS_CALLS and isinstance(first, (ast.List, ast.Tuple)) and first.elts:
        first = first.elts[0]
    elif name != "which":
        return None
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return Path(first.value).name
    return None


def programs_run_by_the_project() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for top in SOURCES:
        for path in sorted((REPO / top).rglob("*.py")):
            if any(part.startswith("programs") for part in path.parts[len(REPO.parts):-1]):
                continue        # differential programs run under the compiler, not on the host
            tree = ast.parse(path.read_text(), str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.Call):
                    prog = _literal_program(node)
                    if prog and prog not in ("python", "python3", "sys.executable"):
                        found.setdefault(prog, []).append(f"{path.relative_to(REPO)}:{node.lineno}")
    return found


def bootstrap_apt_packages() -> set[str]:
    text = (REPO / "tools" / "bootstrap.sh").read_text()
    packages: set[str] = set()
    for group in re.findall(r"missing\+=\(([^)]*)\)", text):
        packages.update(group.split())
    return packages


def test_the_scan_sees_the_toolchain():
    found = programs_run_by_the_project()
    assert "rustc" in found and "cargo" in found, found


def test_every_program_is_installed_or_optional():
    unknown = {p: where for p, where in programs_run_by_the_project().items() if p not in PROGRAMS}
    assert not unknown, ("programs run without a bootstrap step or a decision that they are "
                         f"optional (add them to tools/bootstrap.sh and PROGRAMS): {unknown}")


def test_bootstrap_installs_every_required_program():
    apt = bootstrap_apt_packages()
    missing = {p: pkg for p, (kind, pkg) in PROGRAMS.items() if kind == "apt" and pkg not in apt}
    assert not missing, f"tools/bootstrap.sh does not install: {missing}"
