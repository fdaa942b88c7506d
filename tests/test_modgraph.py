"""The module graph: which imports the bytecode shows and where each module comes from.

No builds here: these tests resolve graphs of small programs against the real stdlib of the
interpreter running the tests and the runtime's registry of natives.
"""
from __future__ import annotations

import json
import py_compile
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pybc2wasm.driver import BuildOptions, load_graph
from pybc2wasm.frontend_bytecode.imports import find_imports
from pybc2wasm.modgraph import COMPILED, EXCLUDED, MISSING, NAMESPACE, NATIVE
from pybc2wasm.natives import native_modules


def write_tree(root: Path, files: dict[str, str]) -> Path:
    """Writes sources, compiles each beside itself (compileall -b style), deletes them."""
    for rel, src in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(src))
        py_compile.compile(str(p), cfile=str(p.with_suffix(".pyc")), dfile=rel, doraise=True)
        p.unlink()
    return root


def graph_of(inputs, **opts):
    return load_graph([Path(i) for i in inputs], None, BuildOptions(quiet=True, **opts))


def test_find_imports_shapes():
    code = compile(textwrap.dedent("""
        import a.b.c
        from . import x
        from ..p import q, r
        from m import *
        def f():
            import inner
            __import__("dyn")
            importlib.import_module("dyn2")
        """), "t.py", "exec")
    sites = {(s.name, s.level, s.fromlist, s.dynamic) for s in find_imports(code, "3.11")}
    assert sites == {("a.b.c", 0, (), False), ("", 1, ("x",), False), ("p", 2, ("q", "r"), False),
                     ("m", 0, ("*",), False), ("inner", 0, (), False), ("dyn", 0, (), True),
                     ("dyn2", 0, (), True)}


def test_open_and_buffer_reach_io(tmp_path):
    """builtins.open is _io.open and sys.stdout.buffer an _io object, made on first use: a
    program links _io only when its code names them (hello world does not)."""
    def io_sites(src):
        code = compile(textwrap.dedent(src), "t.py", "exec")
        return [s for s in find_imports(code, "3.11") if s.name == "_io"]
    assert io_sites('print("hi")\nx = f.opened') == []
    assert len(io_sites("def f(p):\n    return open(p).read()")) == 1
    assert len(io_sites("import sys\nsys.stdout.buffer.write(b'x')")) == 1
    root = write_tree(tmp_path / "app", {"hello.py": 'print("hi")\n', "cat.py": "open('x')\n"})
    assert "_io" not in graph_of([root / "hello.pyc"]).nodes
    assert graph_of([root / "cat.pyc"]).nodes["_io"].kind == NATIVE


def test_program_packages_relative_and_dynamic(tmp_path):
    root = write_tree(tmp_path / "app", {
        "__main__.py": """
            import pkg.sub
            from pkg import mod2
            __import__("dynmod")
            import definitely_not_a_module_anywhere
            """,
        "pkg/__init__.py": "from . import helper\n",
        "pkg/helper.py": "X = 1\n",
        "pkg/sub.py": "from .helper import X\nfrom .. import nothing_above\n",
        "pkg/mod2.py": "",
        "dynmod.py": "",
        "ns/only.py": "",
    })
    g = graph_of([root])
    kinds = {n: g.nodes[n].kind for n in g.nodes}
    for name in ("__main__", "pkg", "pkg.sub", "pkg.helper", "pkg.mod2", "dynmod", "ns.only"):
        assert kinds[name] == COMPILED, name
    assert kinds["ns"] == NAMESPACE
    assert kinds["definitely_not_a_module_anywhere"] == MISSING
    assert g.nodes["pkg.helper"].importers.keys() == {"pkg", "pkg.sub"}
    assert "__main__" in g.nodes["dynmod"].importers


def test_stdlib_is_compiled_from_its_pyc_and_c_modules_are_native_or_missing(tmp_path):
    root = write_tree(tmp_path, {"prog.py": "import textwrap, math, _tkinter\n"})
    g = graph_of([root / "prog.pyc"])
    tw = g.nodes["textwrap"]
    assert tw.kind == COMPILED and tw.origin == "stdlib"
    assert tw.pyc.name == "textwrap.cpython-311.pyc"
    assert g.nodes["math"].kind == NATIVE
    tk = g.nodes["_tkinter"]
    assert tk.kind == MISSING and ("C extension" in tk.reason or "interpreter" in tk.reason)


def test_replacements_follow_the_registry(tmp_path):
    """A stdlib module the runtime replaces is native exactly while registry.rs lists it."""
    root = write_tree(tmp_path, {"prog.py": "import json, keyword\n"})
    g = graph_of([root / "prog.pyc"])
    natives = native_modules()
    expected_json = NATIVE if "json" in natives else COMPILED
    assert g.nodes["json"].kind == expected_json
    assert g.nodes["keyword"].kind == (NATIVE if "keyword" in natives else COMPILED)


def test_submodules_of_a_replaced_package_come_from_the_stdlib_original(tmp_path):
    """`collections.abc` is compiled from the stdlib's collections package even while the
    runtime replaces `collections` itself; a native C module still has no submodules."""
    root = write_tree(tmp_path, {"prog.py": "import collections.abc, json.decoder, math.x\n"})
    g = graph_of([root / "prog.pyc"])
    natives = native_modules()
    for pkg, sub in (("collections", "collections.abc"), ("json", "json.decoder")):
        assert g.nodes[sub].kind == COMPILED, sub
        assert g.nodes[sub].origin == "stdlib"
        assert g.nodes[pkg].kind == (NATIVE if pkg in natives else COMPILED)
    assert g.nodes["math.x"].kind == MISSING


def test_path_shadows_stdlib_and_include_exclude(tmp_path):
    lib = write_tree(tmp_path / "lib", {"textwrap.py": "MINE = 1\n", "extra.py": ""})
    root = write_tree(tmp_path / "prog", {"prog.py": "import textwrap, colorsys\n"})
    g = graph_of([root / "prog.pyc"], paths=[lib], include=["extra"], exclude=["colorsys"])
    assert g.nodes["textwrap"].origin == "path"
    assert g.nodes["extra"].kind == COMPILED
    assert g.nodes["colorsys"].kind == EXCLUDED


def test_include_of_a_missing_module_is_an_error(tmp_path):
    from pybc2wasm.diagnostics import CompileError
    root = write_tree(tmp_path, {"prog.py": "pass\n"})
    with pytest.raises(CompileError, match="--include nosuchmodule"):
        graph_of([root / "prog.pyc"], include=["nosuchmodule"])


def test_site_packages_sourceless(tmp_path):
    """A package installed in a site-packages directory, its sources deleted, is compiled
    from its __pycache__ bytecode."""
    site = tmp_path / "site"
    pkg = site / "tinypkg"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("from .core import VALUE\n")
    (pkg / "core.py").write_text("VALUE = 42\n")
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(site)], check=True)
    (pkg / "__init__.py").unlink()
    (pkg / "core.py").unlink()
    root = write_tree(tmp_path / "prog", {"prog.py": "import tinypkg\n"})
    g = graph_of([root / "prog.pyc"], paths=[site])
    assert g.nodes["tinypkg"].kind == COMPILED and g.nodes["tinypkg"].is_package
    assert g.nodes["tinypkg.core"].pyc.parent.name == "__pycache__"


def test_cli_warns_about_unresolved_imports_and_writes_a_report(tmp_path):
    root = write_tree(tmp_path, {"prog.py": "try:\n    import nosuch_mod\nexcept ImportError:\n    pass\nprint('ok')\n"})
    report = tmp_path / "report.json"
    res = subprocess.run([sys.executable, "-m", "pybc2wasm", "compile", str(root / "prog.pyc"),
                          "-o", str(tmp_path / "prog.wasm"), "--report", str(report)],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert "warning: cannot resolve import 'nosuch_mod'" in res.stderr
    assert "imported by prog (line 2)" in res.stderr
    data = json.loads(report.read_text())
    mods = {m["name"]: m for m in data["modules"]}
    assert mods["nosuch_mod"]["kind"] == "missing"
    assert mods["prog"]["kind"] == "compiled" and mods["prog"]["code_bytes"] > 0
    assert data["output_bytes"] == (tmp_path / "prog.wasm").stat().st_size


def test_lazy_imports_of_libraries_are_followed_one_step(tmp_path):
    lib = write_tree(tmp_path / "lib", {
        "liba.py": "import libb\ndef f():\n    import libc\nif __name__ == '__main__':\n    import libe\n",
        "libb.py": "def g():\n    import doctest\n",
        "libc.py": "import libf\ndef h():\n    import libd\n",
        "libd.py": "", "libe.py": "", "libf.py": "",
    })
    root = write_tree(tmp_path / "prog", {"prog.py": "def main():\n    import liba\n"})
    g = graph_of([root / "prog.pyc"], paths=[lib])
    for name in ("liba", "libb", "libc", "libf"):
        assert g.nodes[name].kind == COMPILED, name
    for name in ("libd", "libe", "doctest"):
        assert name not in g.nodes, name
    skipped = {t: why for t, _, why in g.nodes["libc"].skipped}
    assert "lazy import" in skipped["libd"]
    assert "__main__" in {t: why for t, _, why in g.nodes["liba"].skipped}["libe"]
    assert "developer tool" in {t: w for t, _, w in g.nodes["libb"].skipped}["doctest"]
    g2 = graph_of([root / "prog.pyc"], paths=[lib], include=["libd"])
    assert g2.nodes["libd"].kind == COMPILED


def test_functions_called_at_import_time_have_eager_imports(tmp_path):
    """A function module code calls while the module imports (directly, through an alias, as
    a decorator, or called by such a function) runs its imports then: they are followed like
    module-level ones even in a lazily reached library (hashlib's __get_builtin_constructor
    imports _sha1, ... for every algorithm at import time). Functions only stored in a table,
    or called under the main guard, stay lazy."""
    lib = write_tree(tmp_path / "lib", {
        "hashy.py": """
            def _ctor(name):
                import hx_direct
                return _helper()
            def _helper():
                import hx_transitive
            def _deco(f):
                import hx_deco
                return f
            def _table():
                import hx_table
            def _main():
                import hx_main
            try:
                import hx_missing_accel
                get = hx_missing_accel.get
            except ImportError:
                get = _ctor
            for n in ("a", "b"):
                globals()[n] = get(n)
            @_deco
            def public():
                import hx_lazy
            TABLE = [_table]
            if __name__ == "__main__":
                _main()
            """,
        **{f"hx_{n}.py": "" for n in ("direct", "transitive", "deco", "table", "main", "lazy",
                                        "inner")},
        "user.py": "def use():\n    import hashy\n",
    })
    root = write_tree(tmp_path / "prog", {"prog.py": "def main():\n    import user\n"})
    g = graph_of([root / "prog.pyc"], paths=[lib])
    assert g.nodes["hashy"].lazy_depth == 1     # user's lazy import: its own lazy ones are not followed
    for name in ("hx_direct", "hx_transitive", "hx_deco"):
        assert name in g.nodes and g.nodes[name].kind == COMPILED, name
    for name in ("hx_table", "hx_main", "hx_lazy"):
        assert name not in g.nodes, name


def test_lazy_imports_of_unusable_modules_are_skipped(tmp_path):
    # os.popen imports subprocess, which a compiled program cannot use (no processes: its
    # natives select and _posixsubprocess import, fork_exec raises OSError), so os's lazy
    # import does not bring it (nor threading, selectors, ...); the program's own import of it
    # is followed as always
    root = write_tree(tmp_path / "prog", {"prog.py": "import os\n", "sub.py": "import subprocess\n"})
    g = graph_of([root / "prog.pyc"])
    assert g.nodes["os"].kind == COMPILED
    for name in ("subprocess", "selectors", "threading"):
        assert name not in g.nodes, name
    why = {t: w for t, _, w in g.nodes["os"].skipped}["subprocess"]
    assert "processes" in why
    g2 = graph_of([root / "sub.pyc"])
    assert g2.nodes["subprocess"].kind == COMPILED
    assert g2.nodes["select"].kind == NATIVE
    assert g2.nodes["_posixsubprocess"].kind == NATIVE
    assert "subprocess" in graph_of([root / "prog.pyc"], include=["subprocess"]).nodes


def test_codec_registry_brings_encodings(tmp_path):
    # `_codecs` imports `encodings` on first use and CPython starts with encodings.utf_8
    # loaded: reaching the native brings both (and encodings' own eager imports).
    root = write_tree(tmp_path / "app", {"prog.py": "import _codecs\n"})
    g = graph_of([root / "prog.pyc"])
    assert g.nodes["_codecs"].kind == NATIVE
    for name in ("encodings", "encodings.utf_8", "encodings.aliases"):
        assert g.nodes[name].kind == COMPILED, name
    assert "_codecs" in g.nodes["encodings.utf_8"].importers


def test_codec_names_in_calls_bring_their_modules(tmp_path):
    # encodings imports a codec's module by computed name: a codec name beside a codec call
    # in the program's own code brings it; a string in code that calls no codec function not
    root = write_tree(tmp_path / "app", {
        "prog.py": "import codecs\nprint(codecs.encode('hi', 'rot13'), b'x'.decode('latin-1'))\n",
        "other.py": "print('cp1252', 'utf-8')\n"})
    g = graph_of([root / "prog.pyc"])
    for name in ("encodings.rot_13", "encodings.latin_1"):
        assert g.nodes[name].kind == COMPILED, name
        assert "prog" in g.nodes[name].importers
    g2 = graph_of([root / "other.pyc"])
    assert "encodings.cp1252" not in g2.nodes


def test_codec_name_beside_a_nested_codec_call(tmp_path):
    # 3.14's tokenize.detect_encoding: the name in the outer function, the lookup in an inner one
    root = write_tree(tmp_path / "app", {
        "prog.py": "import codecs\ndef detect(b):\n    def check(e):\n        return codecs.lookup(e)\n"
                   "    return check('utf-8-sig' if b else 'cp437')\nprint(detect(1).name)\n"})
    g = graph_of([root / "prog.pyc"])
    for name in ("encodings.utf_8_sig", "encodings.cp437"):
        assert g.nodes[name].kind == COMPILED, name


def test_submodule_of_plain_module_is_left_to_it(tmp_path, capsys):
    # os.py puts os.path in sys.modules when it runs; no warning that it cannot be found
    from pybc2wasm.driver import warn_missing
    root = write_tree(tmp_path / "app", {"prog.py": "import os.path\nimport json.nosuch\n"})
    g = graph_of([root / "prog.pyc"])
    assert g.nodes["os"].kind == COMPILED
    assert g.nodes["os.path"].kind == MISSING and g.nodes["os.path"].parent_sets
    warn_missing(g)
    err = capsys.readouterr().err
    assert "'os.path'" not in err and "'json.nosuch'" in err


def test_submodule_of_replaced_package_is_compiled(tmp_path):
    # a package the runtime still replaces natively keeps its other submodules compiled
    # from the original (collections.abc under the collections replacement)
    replaced = [n for n, m in native_modules().items() if m.origin == "Replacement"]
    if "collections" not in replaced:
        pytest.skip("collections is no longer replaced")
    root = write_tree(tmp_path / "app", {"prog.py": "import collections.abc\n"})
    g = graph_of([root / "prog.pyc"])
    assert g.nodes["collections"].kind == NATIVE
    node = g.nodes["collections.abc"]
    assert node.kind == COMPILED and node.pyc.name.startswith("abc.")
    assert g.nodes["_collections_abc"].kind == COMPILED
