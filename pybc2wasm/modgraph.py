"""The module graph: a program is the closure of its imports.

From the program's own modules (a `project.Project`) and `--include` names, follows every
import the bytecode shows (`frontend_bytecode.imports`) and resolves it like CPython would
for the bytecode's version: modules CPython builds into the interpreter come from the
runtime's natives; everything else is searched along the input directories, `--path`, then
the installation's `sys.path` (stdlib, lib-dynload, site-packages). A stdlib module the
runtime replaces natively (registry `Replacement`) is native; a C extension is native when the
runtime has it. What cannot be found is a `missing` node (a warning, not an error: the import
may be optional; at run time it raises ModuleNotFoundError as in CPython). Names under
`--exclude` are `excluded` nodes and raise ModuleNotFoundError at run time too.

A from-import's names are tried as submodules of a package (`from p import sub`); a name that
is not a submodule is an attribute, and nothing is recorded for it.

Every import of the program's own modules is followed. In library modules (stdlib,
site-packages, --path), imports that run when the module is imported (module level, class
bodies) are followed transitively; imports inside functions ("lazy": they run only if that
function is called) are followed one step: a module reached only through a library's lazy
import gets its eager imports followed, not its own lazy ones (CPython's stdlib defers
rarely used machinery that way; following it all would pull in half the stdlib for any
program). Not followed either: imports under `if __name__ == "__main__":` of a library, and
lazy imports of developer tools (DEV_TOOLS: doctest, unittest, pdb, ... — what a library's
`_test()` or `main()` pulls in), nor lazy imports of modules a compiled program cannot use
(UNUSABLE_LAZY: subprocess cannot start processes). Whatever is not followed is
listed as `skipped` in the build report, and `--include` adds it back.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import CompileError
from .exec_sources import module_name as exec_module_name, write_pyc as write_exec_pyc
from .frontend_bytecode.imports import ImportSite
from .module_summary import Summary, summarize
from .natives import NativeModule, native_modules
from .project import ModuleFile, Project
from .search_path import Finder, Found, Installation, Root

COMPILED, NATIVE, NAMESPACE, MISSING, EXCLUDED = "compiled", "native", "namespace", "missing", "excluded"

# Developer tools a library imports lazily for its self-test or command-line entry point.
DEV_TOOLS = frozenset({
    "doctest", "unittest", "pdb", "bdb", "pydoc", "pydoc_data", "cProfile", "profile", "pstats",
    "trace", "tracemalloc", "tkinter", "idlelib", "turtle", "turtledemo", "test", "lib2to3",
    "ensurepip", "venv", "webbrowser", "code", "codeop", "rlcompleter", "readline",
})

# Library modules that import a C module unconditionally on every platform CPython runs on,
# WASI included (subprocess: `select`). While the runtime has no native of that name the
# module cannot import in a compiled program, so a library's lazy import of it (os.popen's
# `import subprocess`) is not followed: what it would bring (subprocess, threading, selectors:
# 0.9 MB of the ten-module program) could never run. It still raises ModuleNotFoundError when
# reached, naming the module instead of the C module; `--include` or the program's own
# import follows it as before.
# Library modules whose lazy imports are not followed because a compiled program cannot use
# them: subprocess imports (select, _posixsubprocess) but cannot start a process (fork_exec
# raises OSError, as subprocess itself does on WASI), and brings threading, selectors, signal.
UNUSABLE_LAZY = {
    "subprocess": "a compiled program cannot start processes",
}

# What a native module imports when it runs, as its C original does: CPython's codec registry
# (`_codecs`) imports `encodings` on first use, and CPython starts with `encodings.utf_8` loaded.
NATIVE_IMPORTS = {
    "_codecs": ("encodings", "encodings.utf_8"),
    # importlib._bootstrap(_external) under the names CPython freezes them as (registry.rs)
    "_frozen_importlib": ("importlib",),
    "_frozen_importlib_external": ("importlib",),
}


# Calls that take a codec name: a string constant beside one of these in the program's own
# code names a codec, whose module `encodings` imports by computed name at run time.
CODEC_CALLS = frozenset({"encode", "decode", "lookup", "getencoder", "getdecoder", "getreader",
                         "getwriter", "getincrementalencoder", "getincrementaldecoder",
                         "iterencode", "iterdecode", "open", "TextIOWrapper", "EncodedFile"})


def codec_modules(code, aliases: bool = True) -> set[str]:
    """`encodings.X` modules named by codec-name constants in code objects that call a codec
    function (`codecs.encode(s, 'rot13')`, `b.decode('latin-1')`). Without `aliases`, only
    names spelled as the codec module's own name count ('cp437', 'latin-1': the stdlib's
    constants such as shutil's 'zip' are also aliases of codecs it never uses)."""
    import encodings
    import encodings.aliases
    found = set()
    for co in _codec_callers(code):
        for c in co.co_consts:
            if not isinstance(c, str) or not 0 < len(c) < 40:
                continue
            norm = encodings.normalize_encoding(c).lower()
            mod = None
            if aliases:
                mod = encodings.aliases.aliases.get(norm) or encodings.aliases.aliases.get(norm.replace(".", "_"))
            if mod is None and (Path(encodings.__file__).parent / f"{norm}.py").exists():
                mod = norm
            if mod and mod != "utf_8":
                found.add(f"encodings.{mod}")
    return found


def _codec_callers(code) -> list:
    """The code objects that call a codec function themselves or in a function nested in them
    (3.14's tokenize.detect_encoding keeps 'utf-8-sig' and calls `lookup` in its inner
    `check`)."""
    callers = []

    def walk(co) -> bool:
        calls = bool(CODEC_CALLS.intersection(co.co_names))
        for c in co.co_consts:
            if hasattr(c, "co_code"):
                calls = walk(c) or calls
        if calls:
            callers.append(co)
        return calls
    walk(code)
    return callers


@dataclass
class Node:
    name: str
    kind: str                       # one of the kinds above
    origin: str = ""                # input / path / stdlib / site / C / Replacement
    pyc: Path | None = None
    is_package: bool = False
    file: str = ""                  # __file__
    dirs: tuple[Path, ...] = ()     # a package's __path__ directories
    native: NativeModule | None = None
    reason: str = ""                # why missing
    importers: dict[str, int | None] = field(default_factory=dict)   # importer -> line
    skipped: list[tuple[str, int | None, str]] = field(default_factory=list)  # (name, line, why)
    summary: Summary | None = None  # what a compiled module's bytecode shows (module_summary)
    lazy_depth: int = 0             # library lazy imports on the way here (see above)
    parent_sets: bool = False       # a "submodule" of a plain module (os.path): only the
                                    # parent can put it in sys.modules, at run time

    def found(self) -> Found:
        kind = "namespace" if self.kind == NAMESPACE else ("package" if self.is_package else "module")
        return Found(self.name, kind, self.pyc, self.dirs, self.origin, self.file)


@dataclass
class Graph:
    nodes: dict[str, Node]
    entry: str                      # the module run as __main__
    package: str | None             # its __package__
    version: str

    def compiled(self) -> list[Node]:
        return [n for n in self.nodes.values() if n.kind in (COMPILED, NAMESPACE)]

    def natives(self) -> list[Node]:
        return [n for n in self.nodes.values() if n.kind == NATIVE]

    def missing(self) -> list[Node]:
        return [n for n in self.nodes.values() if n.kind == MISSING]


@dataclass
class Options:
    paths: list[Path] = field(default_factory=list)       # --path
    include: list[str] = field(default_factory=list)      # --include
    exclude: list[str] = field(default_factory=list)      # --exclude


class _Resolver:
    def __init__(self, project: Project, roots: list[Root], inst: Installation | None,
                 version: str, options: Options):
        self.inst = inst
        self.version = version
        self.options = options
        self.natives = native_modules()
        self.builtins = inst.builtins if inst else frozenset()
        self.finder = Finder(roots, version, inst.ext_suffixes if inst else ())
        self.nodes: dict[str, Node] = {}
        self.queue: deque[str] = deque()
        self.own = {m.name: m for m in project.modules}

    # -------------------------------------------------------------- resolution
    def request(self, name: str, importer: str | None, line: int | None, optional=False,
                depth: int = 0) -> Node | None:
        """The node for `name` (and its parent packages), created and queued if new, or
        queued again when reached with a smaller lazy depth. `optional`: a fromlist name that
        may be an attribute; no node if not a module."""
        parent = None
        if "." in name:
            parent = self.request(name.rpartition(".")[0], importer, line, depth=depth)
        node = self.nodes.get(name)
        if node is None:
            node = self._resolve(name, parent)
            if node is None or (optional and node.kind == MISSING):
                return None
            node.lazy_depth = depth
            self.nodes[name] = node
            if node.kind == COMPILED:
                self.queue.append(name)
            elif node.kind == NATIVE:
                for implied in NATIVE_IMPORTS.get(name, ()):
                    self.request(implied, name, None, optional=True, depth=depth)
        elif depth < node.lazy_depth:
            node.lazy_depth = depth
            if node.kind == COMPILED:
                node.skipped.clear()
                self.queue.append(name)
        if importer is not None and importer != name:
            node.importers.setdefault(importer, line)
        return node

    def _resolve(self, name: str, parent: Node | None) -> Node | None:
        if self._excluded(name):
            return Node(name, EXCLUDED)
        if name in self.own:
            return self._own(self.own[name])
        top = "." not in name
        if top and (name in self.builtins or name in ("sys", "builtins")):
            return self._native(name) or Node(name, MISSING, reason=(
                f"CPython builds {name} into the interpreter; pybc2wasm has no native {name} yet"))
        if parent is not None and parent.kind not in (COMPILED, NAMESPACE):
            native = self._native(name)
            if native is not None:
                return native
            sub = self._replaced_package_member(name, parent)
            if sub is not None:
                return sub
            why = "its package is not available" if parent.kind in (MISSING, EXCLUDED) else \
                f"{parent.name} is native and has no submodule {name.rpartition('.')[2]}"
            return Node(name, MISSING, reason=why)
        found = self.finder.find(name, parent.found() if parent else None)
        if found is None or found.origin == "stdlib" or found.kind == "extension":
            native = self._native(name)
            if native is not None and (found is None or found.kind == "extension" or
                                       native.native.origin == "Replacement"):
                return native
        if found is None and parent is not None and parent.kind == COMPILED and not parent.is_package:
            return Node(name, MISSING, parent_sets=True, reason=(
                f"{parent.name} is not a package: the name resolves only if {parent.name} puts it "
                f"in sys.modules when it runs, as os does for os.path"))
        if found is None:
            return Node(name, MISSING, reason="not found on the search path")
        if found.kind == "extension":
            return Node(name, MISSING, origin=found.origin, reason=(
                f"a C extension module ({found.pyc.name}); pybc2wasm has no native {name} yet"))
        if found.kind == "namespace":
            return Node(name, NAMESPACE, found.origin, None, True, "", found.dirs)
        return Node(name, COMPILED, found.origin, found.pyc, found.kind == "package",
                    found.file, found.dirs)

    def _replaced_package_member(self, name: str, parent: Node) -> Node | None:
        """A submodule of a stdlib package the runtime replaces natively (`collections.abc`
        under the `collections` replacement): compiled from the original package."""
        if parent.kind != NATIVE or parent.origin != "Replacement":
            return None
        original = self.finder.find(parent.name, None)
        if original is None or original.kind != "package":
            return None
        found = self.finder.find(name, original)
        if found is None or found.kind not in ("module", "package"):
            return None
        return Node(name, COMPILED, found.origin, found.pyc, found.kind == "package",
                    found.file, found.dirs)

    def _own(self, m: ModuleFile) -> Node:
        kind = NAMESPACE if m.path is None else COMPILED
        dirs = (m.path.parent if m.path.parent.name != "__pycache__" else m.path.parent.parent,) \
            if m.is_package and m.path is not None else ()
        return Node(m.name, kind, "input", m.path, m.is_package, m.file, dirs)

    def _native(self, name: str) -> Node | None:
        nat = self.natives.get(name)
        if nat is None:
            return None
        return Node(name, NATIVE, nat.origin, native=nat, is_package=False)

    def _excluded(self, name: str) -> bool:
        return any(name == x or name.startswith(x + ".") for x in self.options.exclude)

    # -------------------------------------------------------------- following imports
    def follow(self, name: str) -> None:
        node = self.nodes[name]
        if node.summary is None:
            summary = summarize(node.pyc)
            if summary.version != self.version:
                raise CompileError(f"{node.pyc}: Python {summary.version} bytecode in a program of "
                                   f"Python {self.version} bytecode; compile them all with one version")
            node.summary = summary
        for site in node.summary.sites:
            self._follow_site(node, site)
        own = node.origin in ("input", "path", "site")
        for codec in node.summary.codecs if own else node.summary.codecs_own:
            self.request(codec, node.name, None, optional=True, depth=1)
        for text in node.summary.exec_texts:
            self._exec_source(node, text)

    def _exec_source(self, node: Node, text: str) -> None:
        """A string the module may `exec`, compiled ahead of time as a module of its own."""
        name = exec_module_name(text)
        if name not in self.nodes:
            pyc = write_exec_pyc(text, self.version, self.inst.executable if self.inst else None)
            if pyc is None:
                return
            self.nodes[name] = Node(name, COMPILED, "exec", pyc, file="<string>",
                                    lazy_depth=node.lazy_depth)
            self.queue.append(name)
        self.nodes[name].importers.setdefault(node.name, None)

    def _follow_site(self, node: Node, site: ImportSite) -> None:
        target = self._absolute(node, site)
        if target is None:
            return
        own = node.origin == "input"
        depth = node.lazy_depth + (0 if site.eager or own else 1)
        why = self._skip_reason(node, site, target, depth)
        if why:
            node.skipped.append((target, site.line, why))
            return
        if site.name or site.level == 0:
            self.request(target, node.name, site.line, depth=depth)
        target_node = self.nodes.get(target)
        if site.level and not site.name and target_node is None:
            target_node = self.request(target, node.name, site.line, depth=depth)
        if target_node is not None and target_node.is_package:
            for item in site.fromlist:
                if item != "*":
                    self.request(f"{target}.{item}", node.name, site.line, optional=True, depth=depth)

    def _skip_reason(self, node: Node, site: ImportSite, target: str, depth: int) -> str:
        if node.origin == "input" or target in self.options.include:
            return ""
        if target in self.nodes and self.nodes[target].lazy_depth <= depth:
            return ""                         # already in the program anyway
        if site.main_guard:
            return 'under if __name__ == "__main__"'
        if not site.eager and target.partition(".")[0] in DEV_TOOLS:
            return "a developer tool imported inside a function"
        if depth > 1:
            return "a lazy import (inside a function) of a module only lazily imported itself"
        unusable = UNUSABLE_LAZY.get(target)
        if not site.eager and unusable is not None:
            return f"a lazy import of a module a compiled program cannot use: {unusable}"
        return ""

    def _absolute(self, node: Node, site: ImportSite) -> str | None:
        if site.level == 0:
            return site.name
        package = node.name if node.is_package else node.name.rpartition(".")[0]
        if node.name == "__main__" and not node.is_package:
            package = self.main_package or ""
        bits = package.split(".") if package else []
        if site.level > len(bits) or not package:
            return None                       # an ImportError at run time, as in CPython
        base = ".".join(bits[:len(bits) - site.level + 1])
        return f"{base}.{site.name}" if site.name else base

    main_package: str | None = None


def build_graph(project: Project, version: str, inst: Installation | None,
                input_roots: list[Path], options: Options) -> Graph:
    """Follows the imports of every module of `project` (and `--include`) to a closed graph."""
    roots = [Root(p, "input") for p in input_roots]
    roots += [Root(p, "path") for p in options.paths]
    if inst is not None:
        for p in inst.path:
            path = Path(p)
            if path.is_dir():
                roots.append(Root(path, "stdlib" if inst.is_stdlib(path) else "site"))
    r = _Resolver(project, roots, inst, version, options)
    r.main_package = project.package
    for m in project.modules:
        r.request(m.name, None, None)
    for name in options.include:
        node = r.request(name, None, None)
        if node is not None and node.kind == MISSING:
            raise CompileError(f"--include {name}: {node.reason}")
    while r.queue:
        r.follow(r.queue.popleft())
    return Graph(r.nodes, project.entry, project.package, version)
