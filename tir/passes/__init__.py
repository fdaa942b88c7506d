"""TIR passes, each in its own module, each followed by the verifier (see `run_pipeline`)."""
from __future__ import annotations

from ..ir import Module
from ..verify import verify_module


def run_pipeline(module: Module) -> Module:
    from . import numeric, simplify, typeinfer
    verify_module(module)
    for fn in module.functions:
        simplify.run(fn)
    verify_module(module)
    typeinfer.run(module)
    verify_module(module)
    numeric.run(module)
    verify_module(module)
    return module
