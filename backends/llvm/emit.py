"""LLVM IR text → optimized object file for a target triple (llvmlite's bundled LLVM)."""
from __future__ import annotations

import functools

import llvmlite.binding as llvm

WASM_TRIPLE = "wasm32-unknown-wasi"


@functools.cache
def _initialize() -> None:
    llvm.initialize_all_targets()
    llvm.initialize_all_asmprinters()


def host_triple() -> str:
    _initialize()
    return llvm.get_process_triple()


def target_machine(triple: str):
    _initialize()
    target = llvm.Target.from_triple(triple)
    reloc = "default" if triple.startswith("wasm") else "pic"
    return target.create_target_machine(opt=3, reloc=reloc, codemodel="default")


def compile_object(ir_text: str, triple: str) -> bytes:
    _initialize()
    module = llvm.parse_assembly(ir_text)
    module.triple = triple
    module.verify()
    tm = target_machine(triple)
    module.data_layout = str(tm.target_data)
    tuning = llvm.create_pipeline_tuning_options(speed_level=3)
    builder = llvm.create_pass_builder(tm, tuning)
    builder.getModulePassManager().run(module, builder)
    return tm.emit_object(module)
