"""The compiler's stages as one object: .pyc → TIR → (Rust source, LLVM numeric core).

The driver (CLI, link, run) only talks to `compile_pyc` and the `Program` it returns.
"""
from __future__ import annotations

from pathlib import Path


class Program:
    """A compiled module. Lazily produces each artifact the driver may ask for."""

    def tir_text(self) -> str: ...
    def rust_source(self) -> str: ...
    def llvm_ir(self) -> str | None: ...
    def llvm_object(self, triple: str) -> bytes | None: ...


def compile_pyc(path: Path) -> Program:
    """Load, decode, build TIR and run the passes; raises CompileError on refusal."""
    raise NotImplementedError
