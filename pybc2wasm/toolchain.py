"""Discovery of the external pieces pybc2wasm needs, and `pybc2wasm doctor`.

Pieces (see DESIGN.md, "Toolchain facts"):

- llvmlite, and whether its LLVM has the WebAssembly target (it emits the numeric core);
- a rustc for wasm: one whose sysroot has ``lib/rustlib/wasm32-wasi`` (or ``wasm32-wasip1``).
  Tried in order: ``$PYBC2WASM_RUSTC``, ``rustc`` on PATH, ``/usr/bin/rustc`` (Debian's, with
  ``libstd-rust-dev-wasm32``), then every rustup toolchain;
- a rustc for native builds: ``$PYBC2WASM_HOST_RUSTC``, then ``rustc`` on PATH, then
  ``/usr/bin/rustc`` (needs the host target's std in its sysroot);
- a wasm linker (rust-lld, or wasm-ld) and a C linker (cc) for native executables;
- the ``wasmtime`` Python package (the embedded host) and, optionally, Node (a second host).

Everything is discovered once per process (``discover()`` is cached).
"""
from __future__ import annotations

import functools
import glob
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

BOOTSTRAP_HINT = "bash tools/bootstrap.sh"

WASM_TARGET_NAMES = ("wasm32-wasi", "wasm32-wasip1")
LLVM_WASM_TRIPLE = "wasm32-unknown-wasi"
TARGETS = ("wasm32-wasi", "native")


class ToolchainError(Exception):
    """A required external tool is missing or unusable. `str()` is a one-line message."""


def _run(cmd: list[str], timeout: float = 30) -> subprocess.CompletedProcess | None:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except (OSError, subprocess.SubprocessError):
        return None


def _binary_identity(path: str) -> list | None:
    """What identifies an installed binary's build without running it; None for a rustup
    proxy, which answers for whatever toolchain the directory or environment selects."""
    if "/.cargo/bin/" in path:
        return None
    real = os.path.realpath(path)
    try:
        st = os.stat(real)
    except OSError:
        return None
    return [real, st.st_size, st.st_mtime_ns, st.st_ino]


def _run_query(cmd: list[str]) -> subprocess.CompletedProcess | None:
    """`_run` of a question whose answer only depends on the binary (`--version`,
    `--print sysroot`): remembered in the build cache by the binary's identity, since
    asking the eight tools every compile costs ~0.5 s."""
    ident = _binary_identity(cmd[0])
    if ident is None:
        return _run(cmd)
    from . import cache
    try:
        entry = cache.subdir("toolchain") / (cache.key_of("query-v1", cmd, ident) + ".json")
    except OSError:   # no cache directory: ask every time
        return _run(cmd)
    try:
        known = json.loads(entry.read_text())
        return subprocess.CompletedProcess(cmd, known["returncode"], known["stdout"], "")
    except (OSError, ValueError, KeyError, TypeError):
        pass
    res = _run(cmd)
    if res is not None and res.returncode == 0:
        cache.store(entry, json.dumps({"returncode": 0, "stdout": res.stdout}))   # best effort
    return res


@dataclass(frozen=True)
class Rustc:
    path: str
    version: str          # first line of `rustc -vV`, e.g. "rustc 1.63.0"
    verbose_version: str  # all of `rustc -vV` (goes into cache keys)
    host: str             # host triple
    sysroot: str
    targets: tuple[str, ...]  # targets with a std in the sysroot

    def wasm_target(self) -> str | None:
        for t in WASM_TARGET_NAMES:
            if t in self.targets:
                return t
        return None

    def has_host_std(self) -> bool:
        return self.host in self.targets

    def default_linker(self) -> str | None:
        """rust-lld as rustc itself looks for it: in the sysroot first, then on PATH."""
        p = Path(self.sysroot) / "lib" / "rustlib" / self.host / "bin" / "rust-lld"
        if p.exists():
            return str(p)
        return shutil.which("rust-lld")


@functools.lru_cache(maxsize=None)
def probe_rustc(path: str) -> Rustc | None:
    """Ask one rustc binary what it is; None if it does not run."""
    vv = _run_query([path, "-vV"])
    if vv is None or vv.returncode != 0:
        return None
    sr = _run_query([path, "--print", "sysroot"])
    if sr is None or sr.returncode != 0:
        return None
    sysroot = sr.stdout.strip()
    host = ""
    for line in vv.stdout.splitlines():
        if line.startswith("host:"):
            host = line.split(":", 1)[1].strip()
    rustlib = Path(sysroot) / "lib" / "rustlib"
    targets = tuple(sorted(
        p.name for p in rustlib.glob("*") if p.is_dir() and (p / "lib").is_dir()
        and any((p / "lib").glob("libstd-*.rlib"))
    )) if rustlib.is_dir() else ()
    return Rustc(
        path=path,
        version=vv.stdout.splitlines()[0].strip() if vv.stdout else "rustc ?",
        verbose_version=vv.stdout.strip(),
        host=host,
        sysroot=sysroot,
        targets=targets,
    )


def _rustup_toolchain_rustcs() -> list[str]:
    home = os.environ.get("RUSTUP_HOME") or os.path.expanduser("~/.rustup")
    return sorted(glob.glob(os.path.join(home, "toolchains", "*", "bin", "rustc")))


def _candidates(env_var: str) -> list[tuple[str, str]]:
    """(path, where-it-came-from) in the documented order, duplicates removed."""
    out: list[tuple[str, str]] = []
    override = os.environ.get(env_var)
    if override:
        out.append((shutil.which(override) or override, f"${env_var}"))
    on_path = shutil.which("rustc")
    if on_path:
        out.append((on_path, "PATH"))
    if os.path.exists("/usr/bin/rustc"):
        out.append(("/usr/bin/rustc", "/usr/bin"))
    for p in _rustup_toolchain_rustcs():
        out.append((p, "rustup"))
    seen: set[str] = set()
    uniq = []
    for p, why in out:
        key = os.path.realpath(p) if "/.cargo/bin/" not in p else p  # rustup proxies differ by cwd
        if key not in seen:
            seen.add(key)
            uniq.append((p, why))
    return uniq


def find_wasm_rustc() -> Rustc | None:
    override = os.environ.get("PYBC2WASM_RUSTC")
    for path, why in _candidates("PYBC2WASM_RUSTC"):
        r = probe_rustc(path)
        if r is not None and r.wasm_target():
            return r
        if why == "$PYBC2WASM_RUSTC" and override:
            # An explicit choice that does not work is an error, not something to skip quietly.
            return None
    return None


def find_host_rustc() -> Rustc | None:
    override = os.environ.get("PYBC2WASM_HOST_RUSTC")
    for path, why in _candidates("PYBC2WASM_HOST_RUSTC"):
        r = probe_rustc(path)
        if r is not None and r.has_host_std():
            return r
        if why == "$PYBC2WASM_HOST_RUSTC" and override:
            return None
    return None


@dataclass
class Piece:
    """One line of `doctor`."""
    name: str
    required: bool
    found: bool
    path: str = ""
    version: str = ""
    detail: str = ""
    missing_hint: str = ""

    def line(self) -> str:
        if self.found:
            bits = [b for b in (self.path, f"({self.version})" if self.version else "", self.detail) if b]
            return f"{self.name}: found {' '.join(bits)}"
        what = "missing" if self.required else "missing (optional)"
        return f"{self.name}: {what}: {self.missing_hint}; run: {BOOTSTRAP_HINT}"


@dataclass
class Toolchain:
    llvmlite_version: str | None = None
    llvm_version: str | None = None
    llvm_wasm_ok: bool = False
    llvm_error: str = ""
    wasm_rustc: Rustc | None = None
    host_rustc: Rustc | None = None
    wasm_linker: str | None = None    # rust-lld or wasm-ld
    wasm_linker_is_rust_lld: bool = True
    cc: str | None = None
    cc_version: str = ""
    wasmtime_version: str | None = None
    node: str | None = None
    node_version: str = ""
    wasm_opt: str | None = None       # binaryen's wasm-opt (optional: --optimize-size)
    wasm_opt_version: str = ""
    pieces: list[Piece] = field(default_factory=list)

    # -- what the driver asks for -----------------------------------------------------------
    def rustc_for(self, target: str) -> Rustc:
        if target == "native":
            if self.host_rustc is None:
                raise ToolchainError(
                    f"no rustc with the host target's std found (tried $PYBC2WASM_HOST_RUSTC, "
                    f"rustc on PATH, /usr/bin/rustc); run: {BOOTSTRAP_HINT}")
            if self.cc is None:
                raise ToolchainError(f"no C linker `cc` found for native builds; run: {BOOTSTRAP_HINT}")
            return self.host_rustc
        if target == "wasm32-wasi":
            if self.wasm_rustc is None:
                raise ToolchainError(
                    "no rustc with a wasm32-wasi std found (tried $PYBC2WASM_RUSTC, rustc on PATH, "
                    f"/usr/bin/rustc, rustup toolchains); run: {BOOTSTRAP_HINT}")
            if self.wasm_linker is None:
                raise ToolchainError(f"no wasm linker (rust-lld or wasm-ld) found; run: {BOOTSTRAP_HINT}")
            return self.wasm_rustc
        raise ToolchainError(f"unknown target {target!r} (choose from {', '.join(TARGETS)})")

    def require_llvm_wasm(self) -> None:
        if not self.llvm_wasm_ok:
            raise ToolchainError(f"llvmlite with the WebAssembly target is unavailable: {self.llvm_error}; "
                                 f"run: {BOOTSTRAP_HINT}")

    @property
    def ok(self) -> bool:
        return all(p.found for p in self.pieces if p.required)


def _probe_llvmlite(tc: Toolchain) -> None:
    try:
        import llvmlite
        import llvmlite.binding as llvm
    except Exception as e:  # ImportError, or a broken shared library
        tc.llvm_error = f"cannot import llvmlite ({e})"
        return
    tc.llvmlite_version = getattr(llvmlite, "__version__", "?")
    try:
        tc.llvm_version = ".".join(map(str, llvm.llvm_version_info))
        llvm.initialize_all_targets()
        llvm.initialize_all_asmprinters()
        llvm.Target.from_triple(LLVM_WASM_TRIPLE).create_target_machine()
        tc.llvm_wasm_ok = True
    except Exception as e:
        tc.llvm_error = f"its LLVM has no {LLVM_WASM_TRIPLE} target ({e})"


def host_triple() -> str:
    """The LLVM triple of this machine, for the native numeric-core object."""
    import llvmlite.binding as llvm
    llvm.initialize_native_target()
    return llvm.get_default_triple()


def llvm_triple_for(target: str) -> str:
    return LLVM_WASM_TRIPLE if target == "wasm32-wasi" else host_triple()


@functools.lru_cache(maxsize=None)
def discover() -> Toolchain:
    tc = Toolchain()
    P = tc.pieces

    _probe_llvmlite(tc)
    P.append(Piece("llvmlite", True, tc.llvm_wasm_ok,
                   path=_module_path("llvmlite"),
                   version=f"llvmlite {tc.llvmlite_version}, LLVM {tc.llvm_version}",
                   detail=f"target {LLVM_WASM_TRIPLE}: ok",
                   missing_hint=tc.llvm_error or "llvmlite >= 0.50 with the WebAssembly target"))

    tc.wasm_rustc = find_wasm_rustc()
    r = tc.wasm_rustc
    P.append(Piece("rustc (wasm32-wasi)", True, r is not None,
                   path=r.path if r else "", version=r.version if r else "",
                   detail=f"sysroot {r.sysroot}, target {r.wasm_target()}" if r else "",
                   missing_hint=_wasm_rustc_hint()))

    tc.host_rustc = find_host_rustc()
    r = tc.host_rustc
    P.append(Piece("rustc (native)", True, r is not None,
                   path=r.path if r else "", version=r.version if r else "",
                   detail=f"target {r.host}" if r else "",
                   missing_hint="a rustc with the host std (Debian package rustc)"))

    if tc.wasm_rustc is not None:
        tc.wasm_linker = tc.wasm_rustc.default_linker()
    if tc.wasm_linker is None:
        tc.wasm_linker = shutil.which("rust-lld")
    if tc.wasm_linker is None:
        for name in ("wasm-ld", *(f"wasm-ld-{v}" for v in range(22, 12, -1))):
            p = shutil.which(name)
            if p:
                tc.wasm_linker, tc.wasm_linker_is_rust_lld = p, False
                break
    lv = ""
    if tc.wasm_linker:
        res = _run_query([tc.wasm_linker, "-flavor", "wasm", "--version"] if tc.wasm_linker_is_rust_lld
                   else [tc.wasm_linker, "--version"])
        lv = res.stdout.strip().splitlines()[0] if res and res.stdout.strip() else ""
    P.append(Piece("wasm linker", True, tc.wasm_linker is not None, path=tc.wasm_linker or "",
                   version=lv, missing_hint="rust-lld or wasm-ld (Debian package lld)"))

    tc.cc = shutil.which("cc")
    if tc.cc:
        res = _run_query([tc.cc, "--version"])
        tc.cc_version = res.stdout.splitlines()[0].strip() if res and res.stdout else ""
    P.append(Piece("C linker (native)", True, tc.cc is not None, path=tc.cc or "",
                   version=tc.cc_version, missing_hint="cc (Debian package gcc)"))

    try:
        import wasmtime  # noqa: F401
        from importlib.metadata import version
        tc.wasmtime_version = version("wasmtime")
    except Exception as e:
        tc.wasmtime_version = None
        wt_err = str(e)
    else:
        wt_err = ""
    P.append(Piece("wasmtime (python)", True, tc.wasmtime_version is not None,
                   path=_module_path("wasmtime"), version=f"wasmtime {tc.wasmtime_version}",
                   missing_hint=f"the wasmtime Python package ({wt_err or 'pip install wasmtime'})"))

    tc.node = shutil.which("node")
    if tc.node:
        res = _run_query([tc.node, "--version"])
        tc.node_version = res.stdout.strip() if res else ""
        m = re.match(r"v(\d+)", tc.node_version)
        if not m or int(m.group(1)) < 20:
            P.append(Piece("node (optional host)", False, False,
                           missing_hint=f"{tc.node} is {tc.node_version or 'unknown'}, need Node >= 20"))
            tc.node = None
        else:
            P.append(Piece("node (optional host)", False, True, path=tc.node, version=tc.node_version))
    else:
        P.append(Piece("node (optional host)", False, False, missing_hint="Node >= 20 (second wasm host)"))

    tc.wasm_opt = shutil.which("wasm-opt")
    if tc.wasm_opt:
        res = _run_query([tc.wasm_opt, "--version"])
        tc.wasm_opt_version = res.stdout.strip() if res else ""
        P.append(Piece("wasm-opt (optional, --optimize-size)", False, True, path=tc.wasm_opt,
                       version=tc.wasm_opt_version))
    else:
        P.append(Piece("wasm-opt (optional, --optimize-size)", False, False,
                       missing_hint="binaryen's wasm-opt (Debian package binaryen)"))

    # only looked up (running it costs a tenth of a second on every build)
    chromium = shutil.which("chromium")
    P.append(Piece("chromium (optional, tests of --target web)", False, chromium is not None,
                   path=chromium or "",
                   missing_hint="Debian package chromium (tests/test_web_host.py opens the pages "
                                "`compile --target web` writes in headless Chromium)"))
    return tc


def _wasm_rustc_hint() -> str:
    ov = os.environ.get("PYBC2WASM_RUSTC")
    if ov:
        return f"$PYBC2WASM_RUSTC={ov} has no wasm32-wasi std in its sysroot"
    return "a rustc with a wasm32-wasi std (Debian packages rustc + libstd-rust-dev-wasm32)"


def _module_path(name: str) -> str:
    try:
        mod = __import__(name)
        return str(Path(mod.__file__).parent)
    except Exception:
        return ""


def doctor(out=None) -> int:
    """Print one line per piece; 0 if every required piece is there, else 1."""
    out = out or sys.stdout
    tc = discover()
    for p in tc.pieces:
        print(p.line(), file=out)
    if tc.ok:
        print("all required pieces found", file=out)
        return 0
    print(f"some required pieces are missing; run: {BOOTSTRAP_HINT}", file=out)
    return 1
