"""What the driver needs of one module's bytecode, without its code objects.

Following imports (`modgraph`) and choosing the method tables (`method_tables`) read every
module of a program: its import sites, the codec modules its constants name, the strings it
may `exec`, and the names, flags, instructions and operators its code spells. Decoding that
takes longer than the rest of a cached build, so a module's `Summary` is kept in the cache
under the hash of its .pyc's bytes and of the sources that compute it: a rebuild, or a
`pybc2wasm run` of a built program, reads one small JSON file per module instead.

Assumes a .pyc's content alone decides its summary (the bytecode version is in its header) and
that a cached summary was written only after `load_pyc` accepted those bytes.
"""
from __future__ import annotations

import functools
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from . import cache

_VERSION = "module-summary-v1"


@dataclass
class Summary:
    version: str                      # the bytecode's Python version
    sites: list                       # its import sites (`ImportSite`)
    codecs: list[str]                 # codec modules named by its constants (any alias)
    codecs_own: list[str]             # the same, spelled as the codec module's own name
    exec_texts: list[str]             # strings it may exec as statements
    names: list[str]                  # `Facts` of its code objects (method_tables)
    flags: int
    opcodes: list[str]
    binops: list[str]

    def facts(self):
        from .method_tables import Facts
        return Facts(set(self.names), self.flags, set(self.opcodes), set(self.binops))


def summarize(pyc: Path) -> Summary:
    """The summary of the module in `pyc`, from the cache or computed (and cached)."""
    data = Path(pyc).read_bytes()
    path = cache.subdir("summaries") / f"{cache.key_of(_VERSION, _sources_digest(), data)[:32]}.json"
    try:
        summary = _from_json(json.loads(path.read_text()))
        cache.mark_used(path)
        return summary
    except (OSError, ValueError, TypeError, KeyError):
        pass
    summary = compute(pyc)
    cache.store(path, json.dumps(asdict(summary)))
    return summary


def compute(pyc: Path) -> Summary:
    """Loads `pyc` (raising `PycError` / `CompileError` as `load_pyc` and the import scan do)."""
    from .exec_sources import exec_sources
    from .frontend_bytecode.imports import find_imports
    from .frontend_bytecode.loader import load_pyc
    from .method_tables import program_facts
    from .modgraph import codec_modules

    loaded = load_pyc(pyc)
    facts = program_facts([loaded.code], loaded.version)
    return Summary(loaded.version, find_imports(loaded.code, loaded.version),
                   sorted(codec_modules(loaded.code, aliases=True)),
                   sorted(codec_modules(loaded.code, aliases=False)),
                   exec_sources(loaded.code), sorted(facts.names), facts.flags,
                   sorted(facts.opcodes), sorted(facts.binops))


def _from_json(d: dict) -> Summary:
    from .frontend_bytecode.imports import ImportSite
    d["sites"] = [ImportSite(**{**s, "fromlist": tuple(s["fromlist"])}) for s in d["sites"]]
    return Summary(**d)


@functools.lru_cache(maxsize=None)
def _sources_digest() -> str:
    """The compiler's fingerprint and the driver files whose code decides a summary."""
    from .build import compiler_fingerprint
    here = Path(__file__).parent
    parts = [here.joinpath(f).read_bytes()
             for f in ("module_summary.py", "modgraph.py", "exec_sources.py", "method_tables.py")]
    # codec aliases come from the host's `encodings` package
    return cache.key_of(compiler_fingerprint(), sys.version, *parts)
