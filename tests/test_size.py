"""Hello world's size (issue 9; tools/measure_size.py reports all the budgets).

- a build report's `code_bytes` counts code and data of a unit's objects, not object-file
  overhead (hello world's unit is about a kilobyte);
- hello world links none of the native modules' code (not even _io: it does not name open):
  it stays under HELLO_CEILING, a little above what it measured (1,127,772 bytes: the
  core's eval() expression evaluator, the constant-table decoder, bytes %-formatting and
  builtin slot wrappers on instances added 77 KB since 1,026,528; shared runtime helpers
  took 21 KB off, exec of constants, 3.14 annotations and version messages put 17 KB on;
  1,159,534 since: the printable-ranges table for repr (6 KB), gc callbacks, the inline
  caches for builtin-derived objects and super(), and parameter substitution in
  GenericAlias/UnionType reached through `type.__or__` (26 KB together));
- builtin method tables are linked per program (`pybc2wasm/method_tables.py`): hello world
  keeps only the dunder methods and the names the runtime looks up itself (1,167,486 ->
  997,286 bytes; --optimize-size 753,614 -> 632,154); a program that can name attributes
  dynamically keeps them all;
- parts of the runtime only some programs reach are gated the same way (method_tables.py's
  TYPE_GATES and HOOK_GATES: %-formatting, generator/coroutine/exception-group methods,
  importlib's specs, abstract classes, _io's codecs): 1,014,558 -> 829,996 bytes; then
  (ENTRY_GATES: __format__, __dir__, __reduce_ex__, __subclasses__; hooks SLOTS and
  CLASSMETHODS, the builtins __build_class__ and __import__) 902,954 -> 765,916 bytes;
- `--optimize-size` (opt-level z, LTO, wasm-opt -Oz) gives a smaller module that behaves the
  same, under HELLO_SMALL_CEILING (531,619 bytes after size4, 487,028 after size5, 507,123 on 7 Dec 2026); marked slow: it builds a second runtime
  (opt-level z, about 75 s of CPU once per cache);
- the issue's budget, 300 KB, is not met yet: a strict xfail that fails once it is;
- each unit of printed code calls the runtime's one copy of its helpers instead of carrying a
  copy of its own (a `#[inline]` runtime function LLVM declines to inline is emitted in every
  crate that calls it: 66 copies of `is_true` in the ten-module program, 7 % of its code).
"""
from __future__ import annotations

import collections
import json
import py_compile
import shutil
import subprocess
import sys

import pytest

from pathlib import Path

from conftest import REPO, requires_core, requires_runtime

CLI = [sys.executable, "-m", "pybc2wasm"]


def _hello(tmp_path):
    (tmp_path / "hello.py").write_text('print("hello, world")\n')
    pyc = tmp_path / "hello.pyc"
    py_compile.compile(str(tmp_path / "hello.py"), cfile=str(pyc), doraise=True)
    return pyc


def test_objsize_counts_code_and_data():
    from pybc2wasm import objsize
    # a wasm module: a 3-byte Code section and a 4-byte Data section, and a custom section
    module = (b"\0asm\1\0\0\0" + bytes([10, 3]) + b"abc" + bytes([11, 4]) + b"defg"
              + bytes([0, 3]) + b"\1xy")
    assert objsize.wasm_sizes(module) == (3, 4)
    assert objsize.object_code_bytes(module) == 7


def test_objsize_leaves_out_bss_segments():
    """A wasm object's `.bss.*` segments are zeros the linker does not write: not data."""
    from pybc2wasm import objsize

    def seg(payload):                       # an active segment at i32.const 0
        return bytes([0, 0x41, 0, 0x0B, len(payload)]) + payload
    data = bytes([2]) + seg(b"defg") + seg(bytes(5))
    info = bytes([2, 9]) + b".rodata.a" + bytes([0, 0]) + bytes([7]) + b".bss.ic" + bytes([0, 0])
    linking = bytes([7]) + b"linking" + bytes([2]) + bytes([5, len(info)]) + info
    module = (b"\0asm\1\0\0\0" + bytes([10, 3]) + b"abc" + bytes([11, len(data)]) + data
              + bytes([0, len(linking)]) + linking)
    assert objsize.wasm_sizes(module) == (3, len(data) - 5)


# measured 829,996 bytes (--optimize-size 531,619) on 6 Dec 2026 (size4: %-formatting, generator,
# coroutine and exception-group methods, importlib's specs, abstract-class checks and _io's
# codecs gated per program), +1.5 %; then 858,105 on 6 Dec 2026 after "Did you mean" name
# suggestions in uncaught NameErrors (CPython's output for every program: the edit distance,
# the builtins' names), +1.5 %; then 903,002 on 6 Dec 2026 after merging method loads without
# bound methods and polymorphic inline caches, _thread by version, the statement interpreter's
# generators, sys.exc_info's traceback with per-entry frames, the builtin types' __format__
# (+5.2 %: the builtin types' __format__ entries, which the dunder rule kept in every program,
# with the format-spec machinery they reach), +1.5 %; then 765,916 on 6 Dec 2026 (size5:
# __format__, __dir__, __reduce_ex__, __subclasses__ entries, __build_class__, __import__, the slot
# wrappers and the class methods fromkeys/from_bytes/maketrans/fromhex gated per program), +1.5 %;
# then 783,205 (stop 23: the fixed-arity call entry shared by every caller, wasm-only inline
# allocation and getitem/iter_next, warnings.warn finding its caller's frame), +1.5 %; then
# 796,018 on 7 Dec 2026 (stop 31: str ==/!= inline in compare_bool, format()'s machine-int
# digits, the classmethod call record, generator steps without an exception swap), +1.5 %;
# then 808,147 on 8 Dec 2026 (formatting into one String with CPython's spec errors, char
# searches for one-character needles, pair/triple tuple constructors at 63 runtime sites, the
# subclass __hash__ check; the str and tuple method tables reach them all), +1.5 %
HELLO_CEILING = 820_000
# 487,028 measured after size5, 500,110 after size8, 505,389 after size10 (README), 507,123
# on 7 Dec 2026 (the ceiling had stayed at 494,300 since size5): 507,123 + 1.5 %
HELLO_SMALL_CEILING = 515_000
HELLO_BUDGET = 300 * 1024


def _compile(pyc, out, *extra):
    res = subprocess.run(CLI + ["compile", str(pyc), "-o", str(out), "-q", *extra],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    return out.stat().st_size


def _runs(wasm):
    run = subprocess.run([sys.executable, "-m", "pybc2wasm.runner", "wasmtime", str(wasm)],
                         capture_output=True, text=True)
    return (run.returncode, run.stdout) == (0, "hello, world\n")


@requires_core
@requires_runtime
def test_hello_world_size(tmp_path, runtimes):
    pyc = _hello(tmp_path)
    out, report = tmp_path / "hello.wasm", tmp_path / "report.json"
    size = _compile(pyc, out, "--report", str(report))
    rep = json.loads(report.read_text())
    assert 0 < rep["modules"][0]["code_bytes"] < 10_000
    assert [m["name"] for m in rep["modules"] if m["kind"] != "compiled"] == []
    assert rep["builtin_methods"] == {"tables": "filtered", "dynamic_names": {}}
    assert size < HELLO_CEILING
    assert _runs(out)


def _small_hello(tmp_path):
    if shutil.which("wasm-opt") is None:
        pytest.skip("wasm-opt (binaryen) not installed")
    pyc = _hello(tmp_path)
    small = tmp_path / "hello.oz.wasm"
    return small, _compile(pyc, small, "--optimize-size")


@pytest.mark.slow
@requires_core
@requires_runtime
def test_hello_world_optimize_size(tmp_path, runtimes):
    small, size = _small_hello(tmp_path)
    assert size < HELLO_SMALL_CEILING
    assert _runs(small)


@requires_core
@requires_runtime
@pytest.mark.xfail(strict=True, reason="issue 9: hello world is about 770 KB (490 KB with "
                   "--optimize-size): the core builtin types and what the generic operations "
                   "(repr, operators, attribute lookup) reach; the budget is 300 KB")
def test_hello_world_budget(tmp_path, runtimes):
    out = tmp_path / "hello.wasm"
    assert _compile(_hello(tmp_path), out) <= HELLO_BUDGET


# Runtime functions the printed code calls everywhere; each must be linked once, however many
# units call it (a copy per unit is what `#[inline]` on a large body, or a generic helper
# monomorphised per arity, gives).
SHARED_HELPERS = ("pyrt::ops::is_true", "pyrt::ops::binary_op", "pyrt::ops::compare_bool",
                  "pyrt::ops::iter_next", "pyrt::object::decref",
                  "pyrt::printer_support::move_first")


def _named_functions(wasm: Path) -> collections.Counter:
    """Function names of a linked program: its cached build relinked with a name section."""
    from pybc2wasm import cache
    sys.path.insert(0, str(REPO / "tools"))
    import wasm_breakdown
    data = wasm.read_bytes()
    builds = sorted(cache.subdir("build").glob("wasm32-wasi-p*/main.wasm"),
                    key=lambda p: p.stat().st_mtime, reverse=True)
    build = next(p.parent for p in builds if p.stat().st_size == len(data) and p.read_bytes() == data)
    named = wasm.with_name("named.wasm")
    wasm_breakdown.relink(build, named)
    return collections.Counter(n for _, n in wasm_breakdown.function_sizes(named.read_bytes()))


@requires_core
@requires_runtime
def test_units_share_runtime_helpers(tmp_path, runtimes):
    app = tmp_path / "app"
    app.mkdir()
    body = ("def f{i}(xs):\n"
            "    n = 0\n"
            "    for x in xs:\n"
            "        if x and x < 10:\n"
            "            n = n + x\n"
            "    a, b = divmod(n, 3)\n"
            "    return a, b\n")
    (app / "helper.py").write_text("".join(body.format(i=i) for i in range(3)))
    (app / "__main__.py").write_text("import helper\n" + body.format(i=9)
                                     + "print(f9([1, 2, 30]), helper.f0([4, 0, 5]))\n")
    import compileall
    assert compileall.compile_dir(str(app), quiet=1, legacy=True)
    out = tmp_path / "app.wasm"
    _compile(app, out)
    run = subprocess.run([sys.executable, "-m", "pybc2wasm.runner", "wasmtime", str(out)],
                         capture_output=True, text=True)
    assert run.stdout == "(1, 0) (3, 0)\n", run.stderr
    names = _named_functions(out)
    # the names are there: two units (four functions' and two module bodies' fixed-arity
    # entries; their generic entry is the runtime's entry_fast)
    assert sum(n.startswith("pym_") for n in names) >= 6
    assert names["pyrt::printer_support::entry_fast"] == 1
    copies = {h: names[h] for h in SHARED_HELPERS if names[h] > 1}
    assert copies == {}
    assert not [n for n in names if n.startswith(("pyrt::printer_support::take_params",
                                                  "pyrt::printer_support::unpack_array"))]


def _install(src: str):
    from pybc2wasm import method_tables
    return method_tables.print_install([compile(src, "<test>", "exec")])


def test_method_tables_filtered_to_the_program():
    items, lines = _install('print("hello, world".upper())\n')
    text = "\n".join(items)
    assert lines[0].startswith("    install_methods(") and "install_all_methods" not in lines[0]
    assert "str_upper" in text            # spelled by the program
    assert "str_swapcase" not in text     # never spelled: dropped
    assert '"__repr__"' in text           # dunders stay (the runtime looks them up by name)
    assert '"__format__"' not in text     # ... but __format__ only with formatting (ENTRY_GATES)
    assert "pyrt::builtins::print" in text and "b_sorted" not in text
    # spelled inside a string constant only
    assert "str_swapcase" in "\n".join(_install('print(x.__class__, "swapcase")\n')[0])


@pytest.mark.parametrize("src", ["getattr('a', n)", "hasattr(x, 'y')", "print(dir(str))",
                                 "vars(o)", "x.__dict__", "eval(s)", "exec(s)",
                                 "object.__getattribute__(s, n)", "import operator\noperator.methodcaller(n)",
                                 "print(t.format(s))", "print(t.format_map(d))"])
def test_method_tables_kept_whole_for_dynamic_names(src):
    items, lines = _install(src + "\n")
    assert items == [] and lines[0] == "    install_all_methods();"
    # and every gated hook: such a program may reach them by names it does not spell
    assert all(any(hook in line for line in lines) for hook in ("PERCENT", "IMP", "ABSTRACT"))


def test_method_tables_in_the_build_report(tmp_path, runtimes):
    (tmp_path / "p.py").write_text('print(getattr("a", "upper")())\n')
    pyc = tmp_path / "p.pyc"
    py_compile.compile(str(tmp_path / "p.py"), cfile=str(pyc), doraise=True)
    report = tmp_path / "r.json"
    _compile(pyc, tmp_path / "p.wasm", "--report", str(report))
    rep = json.loads(report.read_text())["builtin_methods"]
    assert rep == {"tables": "full", "dynamic_names": {"p": ["getattr"]}}


def test_method_tables_runtime_lookups_of_linked_files_only():
    from pybc2wasm import method_tables
    # a native module's own lookups count only when the program links that module's file
    # (_thread's lock.acquire(); _io's codec calls encode/decode: the core reaches _io only
    # through the hook _io installs, so a program that does not import it has no codecs)
    everything = method_tables.runtime_names()
    core = method_tables.runtime_names(("make_builtins", "make_sys"))
    assert core < everything and "keys" in core
    assert "acquire" in everything and "acquire" not in core     # _thread locks
    assert "encode" in everything and "encode" not in core
    # a lookup marked `only via NAME` counts when the program (or the runtime) spells NAME:
    # the bundled-resource path's read_text() calls bytes.decode
    # (and _imp's file is linked only by programs reaching importlib, hooks::IMP)
    imp = ("make_builtins", "imp::make_module")
    assert "decode" not in method_tables.runtime_names(imp, {"print"})
    assert "decode" in method_tables.runtime_names(imp, {"read_text"})
    assert "find_spec" in method_tables.runtime_names(imp) and "find_spec" not in core


def _gates(src: str, natives=()):
    """Which gated parts a program's `main` links: the % hook, generator, coroutine, async
    generator and exception-group methods."""
    from pybc2wasm import method_tables
    items, lines = method_tables.print_install([compile(src, "<test>", "exec")], natives)
    text = "\n".join(items + lines)
    return {name for name, mark in [("percent", "PERCENT"), ("importlib", "IMP."), ("abstract", "ABSTRACT"),
                                    ("generator", "g_next"),
                                    ("coroutine", "coro_await"), ("agen", "ag_anext"),
                                    ("group", "split_m"), ("format", '"__format__"'),
                                    ("slots", "SLOTS"), ("classmethods", "CLASSMETHODS"),
                                    ("reduce", '"__reduce_ex__"'), ("dir", '"__dir__"'),
                                    ("class", "b_build_class"), ("import", "b_import")] if mark in text}


@pytest.mark.parametrize("src, gates", [
    ('print("hello, world")', set()),
    ('print("%d" % 3)', {"percent"}),
    ('s = "%d"\ns %= 3', {"percent"}),
    ('print("%d".__mod__(3))', {"percent", "slots"}),
    ('import operator\nprint(operator.mod)', {"percent"}),
    ('print(f"{3:5d}", 7 // 2)', {"format"}),
    ('print(f"{x}")', {"format"}),
    ('print(int.__format__(3, "x"))', {"format"}),
    ('print(str(3), repr(2.5), "%s")', set()),
    ('print(sum(x for x in range(3)))', {"generator"}),
    ('def g():\n    yield 1', {"generator"}),
    ('async def f():\n    pass', {"coroutine"}),
    ('async def f():\n    yield 1', {"agen"}),
    ('try:\n    pass\nexcept* ValueError:\n    pass', {"group"}),
    ('print(ExceptionGroup)', {"group"}),
    ('print(BaseException.__subclasses__())', {"percent", "generator", "coroutine", "agen", "group",
                                                 "importlib", "abstract", "format", "slots",
                                                 "classmethods", "reduce", "dir", "class",
                                                 "import"}),
    ('print(dict.fromkeys("ab"))', {"classmethods"}),
    ('print(object().__reduce_ex__(2))', {"reduce"}),
    ('print(int.__dir__(3))', {"dir"}),
    ('class A:\n    pass\nprint(A.__subclasses__())', {"percent", "generator", "coroutine", "agen",
                                                     "group", "importlib", "abstract", "format",
                                                     "slots", "classmethods", "reduce", "dir", "class", "import"}),
    ('print(float.fromhex("0x1p0"), 2.5.hex())', {"classmethods"}),
    ('print(int.__add__(1, 2))', {"slots"}),
    ('class D(dict):\n    def __setitem__(self, k, v):\n        super().__setitem__(k, v)', {"slots", "class"}),
    ('class A:\n    def __init__(self):\n        self.x = 1', {"class"}),
    ('import builtins\nprint(builtins.__build_class__)', {"class"}),
    ('import math\nfrom os import path', set()),
    ('m = __import__("math")', {"import"}),
    ('class A:\n    pass\nA.__abstractmethods__ = {"f"}', {"abstract", "class"}),
    ('import sys\nsys.modules["importlib._bootstrap"] = sys', {"importlib"}),
])
def test_gated_runtime_parts(src, gates):
    """A program links %-formatting, generator, coroutine and exception-group methods only
    when its bytecode can reach them (tests/programs/gated_*.py run each route)."""
    assert _gates(src + "\n") == gates


def test_slot_wrappers_not_reached_by_runtime_getattr():
    """The slot wrappers' gate opens on slot names the program spells: the runtime itself
    must not look one up through a generic getattr (getattr_str, call_method, has_attr_str,
    ...) on objects it did not get from such a lookup. Its type-level lookups (lookup_special,
    call_special, type_lookup, ...) never make slot wrappers."""
    import re
    from pybc2wasm import method_tables
    from pybc2wasm.runtime_build import runtime_source_dir
    slots = method_tables.slot_names()
    assert {"__add__", "__len__", "__setitem__", "__next__"} <= slots
    type_level = {"lookup_special", "call_special", "type_lookup", "find_method", "type_setattr",
                  "new_builtin_method", "builtin", "builtin_fn_obj", "lookup_method"}
    allowed = {
        ("evalexpr.rs", "__getitem__"),             # eval's locals check: eval is a dynamic name
        # entries of ctyping's method tables, after a closure calling attr(t, "__origin__")
        ("modules/ctyping.rs", "__eq__"), ("modules/ctyping.rs", "__getitem__"),
        ("modules/ctyping.rs", "__or__"), ("modules/ctyping.rs", "__ror__"),
    }
    call = re.compile(r"\b(\w*(?:attr|method|lookup|special|builtin|delegate)\w*)\s*\(")
    src = runtime_source_dir() / "src"
    found = set()
    for p in sorted(src.rglob("*.rs")):
        text = p.read_text()
        for m in re.finditer(r'"(__\w+__)"', text):
            if m.group(1) not in slots:
                continue
            start = max(text.rfind(";", 0, m.start()), text.rfind("{", 0, m.start()),
                        text.rfind("}", 0, m.start()))
            calls = [c.group(1).split("::")[-1] for c in call.finditer(text, start + 1, m.start())]
            if calls and calls[-1] not in type_level:
                found.add((p.relative_to(src).as_posix(), m.group(1)))
    assert found <= allowed, sorted(found - allowed)


def test_gated_coroutines_of_the_native_asyncio():
    # the native asyncio makes coroutine objects itself (asyncio.sleep): no `async def` needed
    assert _gates("import asyncio\n", ("asyncio::make_module",)) == {"coroutine"}


def test_method_tables_runtime_lookups_kept():
    from pybc2wasm import method_tables
    names = method_tables.runtime_names()
    # dict(m) and dict.update(m) call m.keys(); print(file=f) calls f.write
    assert {"keys", "write"} <= names
    # every core table entry resolves to a public runtime function
    assert all(f.startswith("pyrt::objects::") for t in method_tables.core_types() for _, f in t.entries)


def test_library_units_printed_for_size(tmp_path):
    """A cold (library) unit calls the out-of-line forms of the always-inline wasm32 fast
    paths; a hot one keeps them."""
    from pybc2wasm import build
    (tmp_path / "m.py").write_text("def f(xs):\n    n = 0\n    for x in xs:\n        n = n + xs[x]\n"
                                   "    return n\n")
    pyc = tmp_path / "m.pyc"
    py_compile.compile(str(tmp_path / "m.py"), cfile=str(pyc), doraise=True)
    hot, _ = build.unit_source("m", str(pyc), "0" * 24)
    cold, _ = build.unit_source("m", str(pyc), "0" * 24, cold=True)
    assert "getitem(" in hot and "iter_next(" in hot and "ops::" not in hot
    assert "oref(" not in hot and "or_pending(" not in hot
    # the register forms (backends/rust/cold_abi.py) of the out-of-line operations, tested in
    # place by `r!` (no handler here): the one error exit takes the parked exception back
    assert "r!('b, getitemr(oref(&" in cold and "r!('b, iter_nextr(oref(&" in cold
    assert "r!('b, binary_opr(oref(&" in cold and "r!('b, get_iterr(oref(&" in cold
    assert "getitem(" not in cold and "iter_next(" not in cold and "ops::" not in cold
    assert "'b: loop {" in cold and "frame_at(pending()," in cold and "let e: Exc" not in cold
    assert "let e: Exc = 'b: loop {" in hot and "r!(" not in hot and "pending()" not in hot


def test_register_forms():
    """A cold unit's operation in its register form: borrowed objects as `oref`, the result
    unwrapped inline; anything but one whole call of such an operation is left as printed."""
    from pybc2wasm.backends.rust.cold_abi import REGISTER_FORMS, register_call, register_form
    assert register_form("getattr_ic(&v1, k(137), aic(75))") == "or_pending(getattr_icr(oref(&v1), k(137), aic(75)))"
    assert register_form("store_global(&globals, k(3), v5.clone())") == \
        "unit_or_pending(store_globalr(oref(&globals), k(3), v5.clone()))"
    assert register_form("call_meth1(&v10, &v12)") == "or_pending(call_meth1r(mref(&v10), oref(&v12)))"
    assert register_form("load_method_ic(&v3, k(4), aic(5))") == \
        "meth_or_pending(load_method_icr(oref(&v3), k(4), aic(5)))"
    assert register_form("is_true(c(2))") == "bool_or_pending(is_truer(oref(c(2))))"
    assert register_form("format_value(&v30, b's', None)") == "or_pending(format_valuer(oref(&v30), b's', None))"
    for same in ("call1(&a, &b).map(f)", "f(call1(&a, &b))", "call1(&v, \"a, b\")", "format_value(&v, b'x', 'c')",
                 "call1(&a)", "getattr(&v1, k(2))"):
        assert register_form(same) == same
    # what `r!` tests in place: the register call, also of an expression printed unwrapped
    assert register_call("getattr_ic(&v1, k(137), aic(75))") == "getattr_icr(oref(&v1), k(137), aic(75))"
    assert register_call('or_pending(cell_getr(oref(&v2), "x", false))') == 'cell_getr(oref(&v2), "x", false)'
    assert register_call("getattr(&v1, k(2))") is None
    runtime = (REPO / "runtime" / "src" / "cold.rs").read_text()
    for name, unwrap, kinds in REGISTER_FORMS.values():
        assert f"pub fn {name}(" in runtime and f"pub fn {unwrap}(" in runtime


@requires_core
@requires_runtime
def test_library_units_built_for_size(tmp_path, runtimes):
    """stdlib units are cold (built for size) unless --hot-libraries; the program's own are
    hot; both builds print what CPython prints."""
    src = ("import colorsys\nxs = [0.25, 0.5, 0.75]\n"
           "print([colorsys.rgb_to_hsv(x, xs[1], 0.1) for x in xs], colorsys.hls_to_rgb(0.3, 0.4, 0.5))\n")
    (tmp_path / "p.py").write_text(src)
    pyc = tmp_path / "p.pyc"
    py_compile.compile(str(tmp_path / "p.py"), cfile=str(pyc), doraise=True)
    expected = subprocess.run([sys.executable, str(pyc)], capture_output=True, text=True).stdout
    sizes = {}
    for extra in ([], ["--hot-libraries"]):
        out, report = tmp_path / "p.wasm", tmp_path / "r.json"
        _compile(pyc, out, "--report", str(report), *extra)
        run = subprocess.run([sys.executable, "-m", "pybc2wasm.runner", "wasmtime", str(out)],
                             capture_output=True, text=True)
        assert (run.returncode, run.stdout) == (0, expected), run.stderr
        mods = {m["name"]: m for m in json.loads(report.read_text())["modules"]}
        assert mods["p"]["cold"] is False
        assert mods["colorsys"]["cold"] is (not extra)
        sizes[bool(extra)] = mods["colorsys"]["code_bytes"]
    assert sizes[False] < sizes[True]


def _archive_objects(rlib: Path) -> list[bytes]:
    """The wasm object files of an rlib (a Unix `ar` archive; its `lib.rmeta` left out)."""
    data, out, i = rlib.read_bytes(), [], 8
    assert data[:8] == b"!<arch>\n"
    while i + 60 <= len(data):
        size = int(data[i + 48:i + 58])
        if data[i + 60:i + 64] == b"\0asm":
            out.append(data[i + 60:i + 60 + size])
        i += 60 + size + (size & 1)
    return out


def test_cold_unit_drops_by_value(tmp_path, runtime_wasm):
    """A cold unit drops an `Obj` by value: `drop_in_place::<Obj>` (a load of the slot and a
    call of the unit's `decref_inline`, which `cold_abi.COLD_MACROS` keeps out of it) is
    inlined at every drop, so no copy of it is left in the unit's object. Before, it was
    called with the address of each value live at an error exit (argparse's unit: 4,540 calls)."""
    sys.path.insert(0, str(REPO / "tools"))
    import unit_times
    from pybc2wasm import build
    from pybc2wasm.toolchain import discover
    (tmp_path / "m.py").write_text("def f(a, b):\n    x = a.p\n    y = b.q(x)\n    return a[y] + x.r\n")
    pyc = tmp_path / "m.pyc"
    py_compile.compile(str(tmp_path / "m.py"), cfile=str(pyc), doraise=True)
    rustc = discover().rustc_for("wasm32-wasi")
    flags = build.unit_flags(build._flags(discover(), "wasm32-wasi", False), True, False, library=True)
    row = unit_times.measure("m", pyc, rustc.path, str(runtime_wasm), flags, None,
                             tmp_path / "keep", cold=True, keep_rlib=True)
    assert "error" not in row, row.get("error")
    objects = b"".join(_archive_objects(tmp_path / "keep" / "m.rlib"))
    assert b"decref_inline" in objects
    assert b"drop_in_place$LT$pyrt..object..Obj$GT$" not in objects
