"""TIR passes, each in its own module, each followed by the verifier (see `run_pipeline`)."""
from __future__ import annotations

from ..ir import Module
from ..verify import verify_module


def run_pipeline(module: Module, profile: dict | None = None, hot: bool = True) -> Module:
    """`profile`: the module's functions as a profiling run saw them (see `numeric.run`);
    `hot`: printed for speed (not a cold library unit), which comprehension inlining
    is for."""
    from . import demote_cells, inline_comprehensions, numeric, simplify, typeinfer
    verify_module(module)
    for fn in module.functions:
        simplify.run(fn)
    verify_module(module)
    if hot:
        inline_comprehensions.run(module)
        for fn in module.functions:
            if fn.kind == "generic":
                demote_cells.run(fn)
        verify_module(module)
    typeinfer.run(module)
    verify_module(module)
    numeric.run(module, profile)
    verify_module(module)
    return module
