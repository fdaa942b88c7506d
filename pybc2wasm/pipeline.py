"""The compiler's stages as one object: .pyc → TIR → (Rust source, LLVM numeric core).

The driver (CLI, link, run) only talks to `compile_pyc` and the `Program` it returns.
"""
from __future__ import annotations

import functools
from pathlib import Path

from .backends.llvm import emit, lower
from .backends.rust import printer
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


def compile_code(code, version: str) -> Program:
    """Build TIR from a code object and run the pass pipeline; raises CompileError."""
    module = build_module(code, version)
    run_pipeline(module)
    return Program(module)


def compile_pyc(path: Path) -> Program:
    """Load, decode, build TIR and run the passes; raises CompileError on refusal."""
    loaded = load_pyc(Path(path))
    return compile_code(loaded.code, loaded.version)
