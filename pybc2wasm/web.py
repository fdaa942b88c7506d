"""The web target: a directory a browser can run the program from.

`pybc2wasm compile --target web app.pyc -o site/` builds the same wasm32-wasi module as
`--target wasm32-wasi` and writes beside it the page (`index.html`, from web/index.html) and the
loader (`pybc2wasm-web.js`, a WASI preview1 shim in plain JavaScript). The module's imports are
checked against the functions the shim provides (its WASI_FUNCTIONS list), so a module the page
could not instantiate is refused at compile time rather than in the browser.
"""
from __future__ import annotations

import html
import json
import re
import urllib.parse
from pathlib import Path

from . import cache
from .diagnostics import CompileError
from .wasm_sections import Import, imports_of

WEB_DIR = Path(__file__).with_name("web")
SHIM = WEB_DIR / "pybc2wasm-web.js"
PAGE = WEB_DIR / "index.html"
SHIM_NAME = "pybc2wasm-web.js"
WASI_MODULE = "wasi_snapshot_preview1"


def shim_functions(shim: Path | None = None) -> frozenset[str]:
    """The WASI preview1 functions the shim provides (its WASI_FUNCTIONS array)."""
    shim = shim or SHIM
    m = re.search(r"const WASI_FUNCTIONS = (\[.*?\]);", shim.read_text(), re.DOTALL)
    if m is None:
        raise RuntimeError(f"{shim} has no `const WASI_FUNCTIONS = [...];` list")
    return frozenset(json.loads(m.group(1)))


def unprovided_imports(wasm: bytes, provided: frozenset[str]) -> list[Import]:
    """The module's imports the shim cannot satisfy."""
    return [i for i in imports_of(wasm)
            if i.module != WASI_MODULE or i.kind != "func" or i.name not in provided]


def check_imports(wasm: bytes, shim: Path | None = None) -> None:
    missing = unprovided_imports(wasm, shim_functions(shim))
    if missing:
        names = ", ".join(f"{i.module}.{i.name} ({i.kind})" for i in missing)
        raise CompileError(f"--target web: the module imports what the browser shim "
                           f"{SHIM_NAME} does not provide: {names}")


def site_wasm_name(argv0: str) -> str:
    """hello.pyc, hello.cpython-311.pyc -> hello.wasm; a directory app -> app.wasm."""
    return f"{argv0.split('.')[0] or 'main'}.wasm"


def write_site(wasm_path: Path, site: Path, argv0: str, shim: Path | None = None) -> Path:
    """Check the module and write `site/`: NAME.wasm, index.html and the shim. Returns the
    path of index.html."""
    shim = shim or SHIM
    check_imports(wasm_path.read_bytes(), shim)
    site = Path(site)
    if site.exists() and not site.is_dir():
        raise CompileError(f"--target web writes a directory, and {site} is a file")
    wasm_name = site_wasm_name(argv0)
    stem = wasm_name[:-len(".wasm")]
    cache.copy_atomic(wasm_path, site / wasm_name)
    cache.copy_atomic(shim, site / SHIM_NAME)
    page = PAGE.read_text().format(title=html.escape(stem), wasm=html.escape(urllib.parse.quote(wasm_name)),
                                   argv0=html.escape(argv0))
    index = site / "index.html"
    index.write_text(page)
    return index
