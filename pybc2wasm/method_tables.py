"""Builtin method tables linked per program (issue 9): which builtin methods a program keeps.

The runtime's core builtin types start with empty method tables; the printed `main` installs
them (see the runtime's `src/method_tables.rs`, whose `core!` lines this module reads, as
`natives.py` reads `registry.rs`). A program keeps
- everything (`install_all_methods()`) when its bytecode can reach an attribute by a name it
  does not spell: it names one of `DYNAMIC` anywhere (getattr/hasattr/setattr/delattr with any
  argument, dir, vars, `__dict__`, `__getattribute__`, eval/exec/compile, `__builtins__`,
  operator's attrgetter/methodcaller, str.format/format_map: a replacement field such as
  "{0.upper}" reads an attribute, and the format string may come from data);
- else, of each core type's table and of the builtin functions, the entries whose name is
  a dunder (the runtime looks those up by name everywhere), a name the program spells (the
  names of every code object, the identifiers inside its string constants), or a string
  literal inside one of the runtime's by-name lookups (`call_method(x, "keys")`,
  `getattr_str(f, "write")`, ...) in a runtime source file the program can link
  (`runtime_names`).
The linker drops the functions of the entries left out. `report` says which case a program
is in, for the build report.
"""
from __future__ import annotations

import functools
import json
import re
import sys
from dataclasses import dataclass

from . import cache
from .runtime_build import runtime_source_dir, sources_digest

# Names through which a program reaches attributes by a computed name.
# (str.format and format_map: a replacement field reads attributes, "{0.upper}", and the
# format string may come from data; the builtin format() has the same name, and counts too.)
DYNAMIC = frozenset({
    "getattr", "hasattr", "setattr", "delattr", "dir", "vars", "__dict__", "__getattribute__",
    "eval", "exec", "compile", "__builtins__", "attrgetter", "methodcaller", "format",
    "format_map", "Formatter",
})

_CORE = re.compile(r"core!\((\w+)::(\w+), (\w+)::(\w+)\)")
_ENTRY = re.compile(r'\(\s*"(\w+)"\s*,\s*(\w+)\s*\)')
_IDENT = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")


def _table(text: str, name: str) -> str:
    m = re.search(r"static " + name + r": &\[\(&(?:'static )?str, *[\w:]+\)\]\s*=\s*&\[(.*?)\n?\];", text, re.S)
    if m is None:
        raise RuntimeError(f"runtime table {name} not found: its format changed?")
    return m.group(1)


@dataclass(frozen=True)
class CoreType:
    type_path: str                          # pyrt::objects::str::STR_TYPE
    entries: tuple[tuple[str, str], ...]    # (attribute name, Rust path of the function)


@functools.lru_cache(maxsize=None)
def _pub_fns() -> dict[str, dict[str, str]]:
    """objects module -> {function name: Rust path} of its `pub fn`s."""
    out = {}
    for p in sorted((runtime_source_dir() / "src" / "objects").glob("*.rs")):
        out[p.stem] = {f: f"pyrt::objects::{p.stem}::{f}"
                       for f in re.findall(r"(?m)^\s*pub fn (\w+)", p.read_text())}
    return out


def _resolve(module: str, fn: str) -> str:
    fns = _pub_fns()
    if fn in fns.get(module, {}):
        return fns[module][fn]
    for mod_fns in fns.values():       # imported from a sibling (`use super::generator::g_send`)
        if fn in mod_fns:
            return mod_fns[fn]
    raise RuntimeError(f"runtime method function {module}::{fn} is not a pub fn of pyrt::objects")


@functools.lru_cache(maxsize=None)
def core_types() -> tuple[CoreType, ...]:
    src = runtime_source_dir() / "src"
    text = (src / "method_tables.rs").read_text()
    found = []
    for tmod, ty, fmod, table in _CORE.findall(text):
        body = _table((src / "objects" / f"{fmod}.rs").read_text(), table)
        entries = tuple((n, _resolve(fmod, f)) for n, f in _ENTRY.findall(body))
        if len(entries) != body.count('("'):
            raise RuntimeError(f"runtime table {table}: an entry is not (\"name\", function)")
        found.append(CoreType(f"pyrt::objects::{tmod}::{ty}", entries))
    if not found:
        raise RuntimeError("runtime method_tables.rs lists no core types: its format changed?")
    return tuple(found)


@functools.lru_cache(maxsize=None)
def builtin_fns() -> tuple[tuple[str, str], ...]:
    body = _table((runtime_source_dir() / "src" / "builtins.rs").read_text(), "BUILTIN_FNS")
    found = tuple((n, f"pyrt::builtins::{f}") for n, f in _ENTRY.findall(body))
    if len(found) != body.count('("'):
        raise RuntimeError("runtime table BUILTIN_FNS: an entry is not (\"name\", function)")
    return found


# a call of one of the runtime's by-name lookups: getattr_str, call_method, type_lookup,
# lookup_special, find_method, has_attr_str, builtins_value, textio_delegate, ...
_LOOKUP_CALL = re.compile(r"\b\w*(attr|method|lookup|special|builtin|delegate)\w*\s*\(")


# a by-name lookup only code reached through one attribute name runs: the lookup's line ends
# with `// pybc2wasm: only via read_text` (imp.rs's BundledPath.read_text calls bytes.decode):
# its name counts only when that name does (the program spells it, or the runtime looks it up)
_ONLY_VIA = re.compile(r"//\s*pybc2wasm: only via (\w+)")


# bump when the scans below change what they find
_SCAN_VERSION = "runtime-scan-v1"


def _file_names() -> dict[str, frozenset]:
    return _runtime_scan()[0]


def _module_refs() -> dict[str, frozenset[str]]:
    return _runtime_scan()[1]


@functools.lru_cache(maxsize=None)
def _runtime_scan() -> tuple[dict[str, frozenset], dict[str, frozenset[str]]]:
    """(`_scan_file_names()`, `_scan_module_refs()`), kept in the cache per runtime source
    digest: the regex scans take a few tenths of a second, every compile needs them."""
    path = cache.subdir("scan") / f"runtime-{cache.key_of(_SCAN_VERSION, sources_digest())[:24]}.json"
    try:
        names, refs = json.loads(path.read_text())
        cache.mark_used(path)
        return ({f: frozenset(n if isinstance(n, str) else tuple(n) for n in v) for f, v in names.items()},
                {f: frozenset(v) for f, v in refs.items()})
    except (OSError, ValueError):
        pass
    names, refs = _scan_file_names(), _scan_module_refs()
    data = [{f: sorted(v, key=str) for f, v in names.items()}, {f: sorted(v) for f, v in refs.items()}]
    cache.store(path, json.dumps(data))
    return names, refs


def _scan_file_names() -> dict[str, frozenset]:
    """Per runtime source file (path under src/): the identifiers it looks up by name, i.e.
    string literals in the arguments of a by-name lookup call (the statement's text before the
    literal names one), outside the method tables and the builtin-function table; a lookup
    marked `only via NAME` is the pair (identifier, NAME)."""
    out = {}
    table_re = re.compile(r"static \w+: &\[\(&(?:'static )?str, *[\w:]*(?:MethodFn|BuiltinFn)\)\]\s*=\s*&\[.*?\];", re.S)
    src = runtime_source_dir() / "src"
    for p in sorted(src.rglob("*.rs")):
        text = table_re.sub("", p.read_text())
        names = set()
        for m in re.finditer(r'"([A-Za-z_][A-Za-z_0-9]*)"', text):
            start = max(text.rfind(";", 0, m.start()), text.rfind("{", 0, m.start()),
                        text.rfind("}", 0, m.start()))
            if _LOOKUP_CALL.search(text, start + 1, m.start()):
                eol = text.find("\n", m.end())
                via = _ONLY_VIA.search(text, m.end(), eol if eol >= 0 else len(text))
                names.add(m.group(1) if via is None else (m.group(1), via.group(1)))
        out[p.relative_to(src).as_posix()] = frozenset(names)
    return out


# `use super::{a, b::c, ...}` / `use crate::modules::{...}`: the names up to the first `}`
_USE_GROUP = re.compile(r"(?m)^\s*(?:pub )?use (?:super|crate::modules)::\{([^}]*)")


def _scan_module_refs() -> dict[str, frozenset[str]]:
    """Per runtime source file: the `modules/X.rs` files it names (`modules::X::`,
    `super::X::`, `use super::X`)."""
    src = runtime_source_dir() / "src"
    mods = {p.stem for p in (src / "modules").glob("*.rs")}
    out = {}
    for p in sorted(src.rglob("*.rs")):
        text = p.read_text()
        found = set(re.findall(r"\bmodules::(\w+)", text))
        for group in re.findall(r"\bmodules::\{([^}]*)\}", text):
            found |= set(re.findall(r"\w+", group))
        if p.parent.name == "modules":
            found |= set(re.findall(r"\bsuper::(\w+)", text))
            for group in _USE_GROUP.findall(text):
                found |= set(re.findall(r"\w+", group))
        out[p.relative_to(src).as_posix()] = frozenset(f"modules/{m}.rs" for m in found & mods)
    return out


def _linked_files(natives: tuple[str, ...] | None) -> frozenset[str]:
    """The runtime source files a program reaching `natives` can link (all when None)."""
    files = _file_names()
    if natives is None:
        return frozenset(files)
    todo = [f for f in files if not f.startswith("modules/")] + ["modules/mod.rs", "modules/registry.rs"]
    todo += [f"modules/{make.split('::')[0]}.rs" for make in natives if "::" in make]
    seen: set[str] = set()
    refs = _module_refs()
    while todo:
        f = todo.pop()
        if f in seen or f not in files:
            continue
        seen.add(f)
        todo.extend(refs.get(f, ()))
    return frozenset(seen)


def runtime_names(natives: tuple[str, ...] | None = None,
                  program: set[str] | None = None) -> frozenset[str]:
    """Identifiers the runtime itself may look up by name. With `natives` (the constructor
    paths of the native modules a program reaches, `gcmod::make_module`), only the files such
    a program can link count: every file outside `modules/`, the reached natives' files and the
    `modules/` files those name (transitively); a native's file no linked code names (`_io`
    when the program does not import it) is left out with its lookups. With `program` (the
    names the program spells), a lookup marked `only via NAME` counts only when NAME is one of
    those or an unconditional runtime name; without it, always."""
    files = _file_names()
    found = frozenset().union(*(files[f] for f in _linked_files(natives)))
    plain = frozenset(n for n in found if isinstance(n, str))
    via = {n for n in found if not isinstance(n, str)}
    if program is None:
        return plain | {n for n, _ in via}
    return plain | {n for n, v in via if v in program or v in plain}


# co_flags of the code objects whose calls make generators, coroutines, async generators
CO_GENERATOR, CO_COROUTINE, CO_ITERABLE_COROUTINE, CO_ASYNC_GENERATOR = 0x20, 0x80, 0x100, 0x200


@dataclass(frozen=True)
class Gate:
    """What lets a program reach a gated part of the runtime (any one is enough): a name it
    spells, a code object flag, an instruction (opname), a `BINARY_OP` symbol, a linked
    runtime source file (a native module that makes such objects). A program with dynamic
    names (`DYNAMIC`) or naming one of `OPEN_GATES` reaches every gate."""
    names: frozenset = frozenset()
    flags: int = 0
    opcodes: frozenset = frozenset()
    binops: frozenset = frozenset()
    files: frozenset = frozenset()


# names through which a program can reach objects or types it does not make itself
# (`BaseException.__subclasses__()` lists BaseExceptionGroup; gc hands out any object)
OPEN_GATES = frozenset({"__subclasses__", "get_objects", "get_referrers", "get_referents"})

# Core types whose objects only some programs can make: a program no gate lets in gets an
# empty table for them (dunders too: without such an object nothing looks them up).
TYPE_GATES = {
    # made only by calling a generator function (a code object with CO_GENERATOR)
    "pyrt::objects::generator::GENERATOR_TYPE": Gate(flags=CO_GENERATOR),
    # `async def` (CO_COROUTINE; types.coroutine marks generators CO_ITERABLE_COROUTINE), and
    # the native asyncio's own coroutines
    "pyrt::objects::coroutine::COROUTINE_TYPE": Gate(flags=CO_COROUTINE | CO_ITERABLE_COROUTINE,
                                                     files=frozenset({"modules/asyncio.rs"})),
    "pyrt::objects::coroutine::ASYNC_GENERATOR_TYPE": Gate(flags=CO_ASYNC_GENERATOR),
    # groups are made by the classes' names (builtins) or by `except*` (CHECK_EG_MATCH wraps
    # a naked exception, PREP_RERAISE_STAR gathers what the handlers raised)
    "pyrt::objects::exc_types::BASE_EXCEPTION_GROUP": Gate(
        names=frozenset({"ExceptionGroup", "BaseExceptionGroup"}),
        opcodes=frozenset({"CHECK_EG_MATCH", "PREP_RERAISE_STAR"})),
}

# Single entries of every core type's table, and of the builtin functions, gated by name: a
# program no gate lets in gets the entry in none of the tables (the dunder rule keeps it
# otherwise).
ENTRY_GATES = {
    # the builtin `__build_class__` (17 KB with the class-statement machinery only it reaches):
    # the printed code of a class statement (LOAD_BUILD_CLASS) looks it up in builtins by
    # name; the runtime never does (exec'd class statements: exec is a dynamic name)
    "__build_class__": Gate(names=frozenset({"__build_class__"}),
                            opcodes=frozenset({"LOAD_BUILD_CLASS"})),
    # the builtin `__import__` (11 KB): IMPORT_NAME calls the importer itself; only a program
    # spelling `__import__` (importlib's sources do) or exec'd statements (exec is a dynamic
    # name) call it
    "__import__": Gate(names=frozenset({"__import__"})),
    # `int.__format__`, `float.__format__`, `str.__format__`, `object.__format__`: only
    # format() looks them up (format.rs's format_obj, for instances of classes deriving a
    # builtin type), which the printed code reaches through a FORMAT_VALUE (3.11/3.12) or
    # FORMAT_SIMPLE/FORMAT_WITH_SPEC (3.13+) instruction; the builtin format(), str.format,
    # format_map, Formatter and eval/exec reach it too, and are dynamic names. Without them
    # the value formatting these reach (format_builtin: int/float/str format specs, 19 KB)
    # is not linked.
    "__format__": Gate(names=frozenset({"__format__"}),
                       opcodes=frozenset({"FORMAT_VALUE", "FORMAT_SIMPLE", "FORMAT_WITH_SPEC"})),
    # `type.__dir__`, `object.__dir__`: only dir() looks them up (a dynamic name); 6 KB
    "__dir__": Gate(names=frozenset({"__dir__"})),
    # `object.__reduce_ex__`/`__reduce__` (copyreg's protocol): copy and pickle call them by
    # name (their Python sources spell them); the runtime never does
    "__reduce_ex__": Gate(names=frozenset({"__reduce_ex__", "__reduce__"})),
    "__reduce__": Gate(names=frozenset({"__reduce_ex__", "__reduce__"})),
    # `type.__subclasses__`: spelled, or _abc's subclass checks (abcmod.rs calls it by name)
    "__subclasses__": Gate(names=frozenset({"__subclasses__"}),
                           files=frozenset({"modules/abcmod.rs"})),
}

# Runtime hooks (`runtime/src/hooks.rs`) a program's `main` installs when a gate lets it in:
# (gate, the line installing it).
HOOK_GATES = (
    # `str % x`, `bytes % x` (ops.rs's `%` calls the hook): a `%`/`%=` instruction, or a name
    # reaching the operator without one: `x.__mod__(y)`, operator.mod/imod (`_operator`)
    (Gate(names=frozenset({"__mod__", "__rmod__", "__imod__", "mod", "imod"}),
          binops=frozenset({"%", "%="})),
     "    pyrt::hooks::PERCENT.install(&pyrt::format::PERCENT_HOOKS);"),
    # importlib's module specs and meta path (hooks::IMP): `_imp` installs it when made, which
    # importlib/__init__ does first; this covers a program putting its own
    # "importlib._bootstrap" into sys.modules
    (Gate(names=frozenset({"_bootstrap"})),
     "    pyrt::hooks::IMP.install(&pyrt::modules::imp::HOOKS);"),
    # abstract classes' instantiation error (hooks::ABSTRACT): a class is abstract once
    # `__abstractmethods__` is set on it; `_abc` installs the hook when made
    (Gate(names=frozenset({"__abstractmethods__"})),
     "    pyrt::hooks::ABSTRACT.install(&pyrt::objects::typeobj::ABSTRACT_HOOKS);"),
    # the builtin types' class methods (dict.fromkeys, int.from_bytes, str/bytes.maketrans,
    # bytes/float.fromhex; 13 KB): an attribute lookup of one of these names
    (Gate(names=frozenset({"fromkeys", "from_bytes", "maketrans", "fromhex"})),
     "    pyrt::hooks::CLASSMETHODS.install(&pyrt::objects::typeobj::CLASSMETHOD_HOOKS);"),
)


@functools.lru_cache(maxsize=None)
def slot_names() -> frozenset:
    """The dunder names of the builtin types' slots (the runtime's typesmod.rs: the name lists
    from `const SEQ` to `layout_slots`, and that function's own literals)."""
    text = (runtime_source_dir() / "src" / "modules" / "typesmod.rs").read_text()
    start, end = text.find("const SEQ: &[&str]"), text.find("pub fn builtin_slot_on_mro")
    if start < 0 or end < start:
        raise RuntimeError("runtime typesmod.rs: the slot name lists not found: its format changed?")
    return frozenset(re.findall(r'"(__\w+__)"', text[start:end]))


# The builtin types' slot wrappers (`int.__add__`, `[].__len__`, `super().__setitem__` in a
# dict subclass, a builtin type's `__dict__`; hooks::SLOTS, 26 KB): made only by an attribute
# lookup of a slot's name, which the program spells (the runtime's own by-name lookups
# through getattr never name one: tests/test_size.py checks that), or by a dynamic name.
SLOTS_HOOK = "    pyrt::hooks::SLOTS.install(&pyrt::modules::typesmod::SLOT_HOOKS);"


def hook_gates() -> tuple:
    """HOOK_GATES and the slot wrappers' gate (its names read from the runtime)."""
    return HOOK_GATES + ((Gate(names=slot_names()), SLOTS_HOOK),)


@dataclass
class Facts:
    """What a program's bytecode can reach, for the gates."""
    names: set
    flags: int = 0
    opcodes: set = None
    binops: set = None

    def opens(self, gate: Gate, files: frozenset) -> bool:
        return bool(DYNAMIC & self.names or OPEN_GATES & self.names or gate.names & self.names
                    or gate.flags & self.flags or gate.opcodes & self.opcodes
                    or gate.binops & self.binops or gate.files & files)


def merge_facts(parts) -> Facts:
    """The facts of a program whose modules have the facts `parts`."""
    out = Facts(set(), 0, set(), set())
    for f in parts:
        out.names |= f.names
        out.flags |= f.flags
        out.opcodes |= f.opcodes
        out.binops |= f.binops
    return out


def _host_version() -> str:
    return f"{sys.version_info.major}.{sys.version_info.minor}"


def program_facts(codes, version: str | None = None) -> Facts:
    """The names, code flags, instructions and `BINARY_OP` symbols of the code objects (and
    of those nested in their constants); `version` is the bytecode's (the host's if None)."""
    from .opcode_matrix.tables import op_table
    tab = op_table(version or _host_version())
    names, flags, ops, binargs = set(), 0, set(), set()
    binary_op = tab.opmap.get("BINARY_OP")
    for co in _all_codes(codes):
        names.update(co.co_names)
        names.update(_const_idents(co))
        flags |= co.co_flags
        raw = co.co_code
        opbytes = raw[0::2]
        ops.update(opbytes)          # CACHE entries read as opcode 0: harmless
        if binary_op is not None and binary_op in opbytes:
            binargs.update(a for o, a in zip(opbytes, raw[1::2]) if o == binary_op)
    opname = tab.opname
    return Facts(names, flags, {opname.get(o, "") for o in ops},
                 {tab.nb_ops[a][1] for a in binargs if a < len(tab.nb_ops)})


def _all_codes(codes):
    stack = list(codes)
    seen = set()
    while stack:
        co = stack.pop()
        if id(co) in seen:
            continue
        seen.add(id(co))
        yield co
        stack.extend(c for c in co.co_consts if hasattr(c, "co_code"))


def _const_idents(co) -> set:
    names = set()
    consts = [c for c in co.co_consts if not hasattr(c, "co_code")]
    while consts:
        c = consts.pop()
        if isinstance(c, str):
            names.update(_IDENT.findall(c))
        elif isinstance(c, (tuple, frozenset)):
            consts.extend(c)
    return names


def report(graph) -> dict:
    """The build report's `builtin_methods`: "full" or "filtered" tables, and for full ones
    which modules name what (the names in `DYNAMIC` each one's code spells)."""
    why = {}
    for n in sorted(graph.compiled(), key=lambda n: n.name):
        if n.summary is not None:
            found = sorted(DYNAMIC & set(n.summary.names))
            if found:
                why[n.name] = found
    return {"tables": "full" if why else "filtered", "dynamic_names": why}


def _keep(name: str, names: set[str], runtime: frozenset[str]) -> bool:
    return (name.startswith("__") and name.endswith("__")) or name in names or name in runtime


def print_install(codes, natives: tuple[str, ...] | None = None,
                  version: str | None = None) -> tuple[list[str], list[str]]:
    """(items, main lines) of the printed `main` crate that install the method tables, the
    builtin functions and the gated hooks; `natives` as for `runtime_names`, `version` the
    bytecode's (the host's if None)."""
    return print_install_for(program_facts(codes, version), natives)


def print_install_for(facts: Facts, natives: tuple[str, ...] | None = None) -> tuple[list[str], list[str]]:
    """`print_install` from the program's `Facts` (`merge_facts` of its modules')."""
    names = facts.names
    if DYNAMIC & names:
        return [], ["    install_all_methods();", *(line for _, line in hook_gates())]
    files = _linked_files(natives)
    runtime = runtime_names(natives, names)
    items, pairs = [], []
    closed = {n for n, gate in ENTRY_GATES.items() if not facts.opens(gate, files)}
    for i, t in enumerate(core_types()):
        gate = TYPE_GATES.get(t.type_path)
        reached = gate is None or facts.opens(gate, files)
        kept = [f'("{n}", {f})' for n, f in t.entries
                if reached and n not in closed and _keep(n, names, runtime)]
        items.append(f"static METHODS_{i}: Methods = &[{', '.join(kept)}];")
        pairs.append(f"(&{t.type_path}, METHODS_{i})")
    fns = [f'("{n}", {f})' for n, f in builtin_fns() if n not in closed and _keep(n, names, runtime)]
    items.append("static BUILTIN_FNS: &[(&str, pyrt::objects::builtin_fn::BuiltinFn)] = "
                 f"&[{', '.join(fns)}];")
    hooks = [line for gate, line in hook_gates() if facts.opens(gate, files)]
    return items, [f"    install_methods(&[{', '.join(pairs)}]);", "    install_builtin_fns(BUILTIN_FNS);", *hooks]
