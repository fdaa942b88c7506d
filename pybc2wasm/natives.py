"""The runtime's native modules, as the compiler sees them.

The one list is the runtime's `src/modules/registry.rs` (`native!("name", Origin, path)`
lines); this module reads it so the driver knows which imports the runtime supplies and how
the printed `main` names their constructors. Nothing here restates that list.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .runtime_build import runtime_source_dir

_LINE = re.compile(r'^\s*native!\("(?P<name>[\w.]+)",\s*(?P<origin>\w+),\s*(?P<make>[\w:]+)\),', re.M)


@dataclass(frozen=True)
class NativeModule:
    name: str
    origin: str            # "C" (CPython writes it in C) or "Replacement"
    make: str              # constructor path inside pyrt::modules

    @property
    def rust_entry(self) -> str:
        make = self.make
        if "::" not in make:
            make = f"registry::{make}"   # a wrapper defined in registry.rs itself
        return (f'Native {{ name: "{self.name}", origin: Origin::{self.origin}, '
                f'make: pyrt::modules::{make} }}')


@functools.lru_cache(maxsize=None)
def native_modules() -> dict[str, NativeModule]:
    text = (runtime_source_dir() / "src" / "modules" / "registry.rs").read_text()
    found = {m["name"]: NativeModule(m["name"], m["origin"], m["make"]) for m in _LINE.finditer(text)}
    if "sys" not in found or "builtins" not in found:
        raise RuntimeError("runtime registry.rs lists no sys/builtins: its format changed?")
    return found
