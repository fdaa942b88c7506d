"""The compiler's stages as one object: .pyc → TIR → (Rust source, LLVM numeric core).

The driver (CLI, link, run) only talks to `compile_pyc` and the `Program` it returns.
"""
from __future__ import annotations

import functools
from pathlib import Path

from .backends.llvm import emit, lower
from .backends.rust import printer
from .diagnostics import CompileError
from .frontend_bytecode.build import build_module
from .frontend_bytecode.loader import load_pyc
from .tir.ir import Module
from .tir.passes import run_pipeline
from .tir.text import print_module


class Program:
    """A compiled module. Lazily produces each artifact the driver may ask for."""

    def __init__(self, module: Module):
        self.module = module

    def tir_text(self) -> str:
        return print_module(self.module)

    @functools.cached_property
    def _llvm(self):
        return lower.lower_module(self.module)

    def llvm_ir(self) -> str | None:
        return None if self._llvm is None else str(self._llvm)

    def llvm_object(self, triple: str) -> bytes | None:
        text = self.llvm_ir()
        return None if text is None else emit.compile_object(text, triple)

    def rust_source(self) -> str:
        symbols = {f.id: lower.symbol(f.id) for f in lower.unboxed_functions(self.module)}
        return printer.print_module(self.module, symbols)


def compile_code(code, version: str, profile: dict | None = None) -> Program:
    """Build TIR from a code object and run the pass pipeline; raises CompileError.
    `profile`: the module's part of a profile (docs/profile.md)."""
    from .profile import numeric_view
    module = build_module(code, version)
    run_pipeline(module, numeric_view(profile))
    return Program(module)


class MultiProgram(Program):
    """A program of several modules compiled into one unit (see `project.py`): `module`
    holds every function of every module, their ids unique across modules."""

    def __init__(self, project, units: list):
        self.project = project
        self.units = units     # (ModuleFile, TIR Module or None for a namespace package)
        entry = next(m for f, m in units if f.name == project.entry)
        functions = [fn for _, m in units if m is not None for fn in m.functions]
        super().__init__(Module(filename=entry.filename, python=entry.python,
                                functions=functions, entry=entry.entry))

    def tir_text(self) -> str:
        parts = []
        for f, m in self.units:
            if m is not None:
                parts.append(f"; module {f.name} ({f.file})\n{print_module(m)}")
        return "\n".join(parts)

    def rust_source(self) -> str:
        symbols = {f.id: lower.symbol(f.id) for f in lower.unboxed_functions(self.module)}
        units = [(f.name, m, f.is_package, f.file) for f, m in self.units]
        return printer.print_program(self.module, units, self.project.entry,
                                     self.project.package, symbols)


def compile_project(project, profiles: dict | None = None) -> MultiProgram:
    """Compile every module of a `project.Project`; raises CompileError. `profiles`: module
    name → its part of a profile."""
    from .profile import numeric_view
    units = []
    next_id = 0
    versions = set()
    for f in project.modules:
        if f.path is None:
            units.append((f, None))
            continue
        loaded = load_pyc(f.path)
        versions.add(loaded.version)
        module = build_module(loaded.code, loaded.version, first_id=next_id)
        run_pipeline(module, numeric_view((profiles or {}).get(f.name)))
        next_id = max(fn.id for fn in module.functions) + 1
        units.append((f, module))
    if len(versions) > 1:
        raise CompileError(f"the modules are bytecode of different Python versions "
                           f"({', '.join(sorted(versions))}); compile them all with one")
    return MultiProgram(project, units)


def compile_pyc(path: Path, profile: dict | None = None) -> Program:
    """Load, decode, build TIR and run the passes; raises CompileError on refusal."""
    loaded = load_pyc(Path(path))
    return compile_code(loaded.code, loaded.version, profile)
