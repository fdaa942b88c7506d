"""TIR: the text format round-trips, the verifier catches broken IR, passes keep it valid."""
from pathlib import Path

import pytest

from compile_helpers import write_pyc
from pybc2wasm.frontend_bytecode.build import build_module
from pybc2wasm.frontend_bytecode.loader import load_pyc
from pybc2wasm.tir.passes import run_pipeline
from pybc2wasm.tir.text import parse_module, print_module
from pybc2wasm.tir.verify import VerifyError, verify_module

PROGRAMS = sorted((Path(__file__).parent / "programs").glob("*.py"))


def built(tmp_path, path: Path, passes: bool):
    pyc = write_pyc(tmp_path, path.read_text(), path.stem)
    module = build_module(load_pyc(pyc).code, "3.11")
    return run_pipeline(module) if passes else module


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: p.stem)
@pytest.mark.parametrize("passes", [False, True], ids=["built", "optimized"])
def test_text_round_trip(tmp_path, path, passes):
    module = built(tmp_path, path, passes)
    text = print_module(module)
    reparsed = parse_module(text)
    verify_module(reparsed)
    assert print_module(reparsed) == text


FIB = """\
module "m.py" python=3.11 entry=f0
function f0 kind=generic {'name': '<module>', 'qualname': '<module>', 'filename': 'm.py', 'firstlineno': 1, 'argcount': 0, 'posonlyargcount': 0, 'kwonlyargcount': 0, 'flags': 0, 'varnames': ()}
block0():
    v0:int = const {'value': 1}
    jump -> block1(v0)
block1(v1:int):
    return v1
end
"""


def test_verifier_accepts_valid_text():
    verify_module(parse_module(FIB))


@pytest.mark.parametrize("mutation,message", [
    (("jump -> block1(v0)", "jump -> block1()"), "takes 1 arguments"),
    (("    return v1\n", "    v2:object = const {'value': 2}\n"), "terminator"),
    (("return v1", "return v7"), "never defined"),
    (("v0:int = const {'value': 1}", "v0:int = binop {'op': 'add'}"), "expects 2 operands"),
])
def test_verifier_rejects_broken_ir(mutation, message):
    text = FIB.replace(*mutation)
    with pytest.raises(VerifyError, match=message):
        verify_module(parse_module(text))


def test_verifier_rejects_use_not_dominated():
    text = FIB.replace("block1(v1:int):\n    return v1", "block1(v1:int):\n    return v0") \
              .replace("jump -> block1(v0)", "v5:bool = const {'value': True}\n    brif v5 -> block1(v0), block2()") \
              .replace("end\n", "block2():\n    v0:int = const {'value': 3}\n    return v0\nend\n")
    with pytest.raises(VerifyError):
        verify_module(parse_module(text))


def test_numeric_core_is_found_for_pure_int_recursion(tmp_path):
    module = built(tmp_path, Path(__file__).parent / "programs" / "fib_recursive.py", True)
    unboxed = [f for f in module.functions if f.kind == "unboxed"]
    assert [f.name for f in unboxed] == ["fib"]
    generic = module.function(unboxed[0].meta["generic"])
    assert generic.meta["speculation"]["params"] == ("int",)
    assert all(v.repr == "i64" for v in unboxed[0].entry.params)


def test_functions_no_call_site_types_are_speculated_from_their_body(tmp_path):
    """fib/poly/grow/ratio are called only through `call(f, *args)`: their parameters are
    guessed (int, then float) and kept when the body fits the numeric core."""
    module = built(tmp_path, Path(__file__).parent / "programs" / "speculation_by_value.py", True)
    specs = {f.name: f.meta["speculation"]["params"] for f in module.functions
             if f.kind == "generic" and "speculation" in f.meta}
    assert specs["grow"] == ("int",) and "ratio" not in specs   # one division: not worth a guard
    assert specs["poly"] == ("int", "int")
    assert "call" not in specs and "run" not in specs
