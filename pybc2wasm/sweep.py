"""The corpus sweep: how much of a body of .pyc files compiles, and why the rest does not.

Every code object of every file goes through loader, decoder, flow, TIR builder and the pass
pipeline (which runs the verifier after each pass) on its own — nested code objects are opaque
there (`build_code_object`) — so one unsupported lambda does not hide its enclosing function.
With `backends`, each file whose code objects all passed is compiled whole and handed to the
Rust printer (and rustc, `--emit=metadata` against the runtime rlib) and/or the LLVM lowering.

Nothing stops a sweep: a refusal (CompileError) is a cause, and any other exception is a cause
too ("internal error: ..."), as is a worker process that dies. Files are spread over processes;
results are sorted by file so the report does not depend on scheduling.
"""
from __future__ import annotations

import concurrent.futures as cf
import importlib.metadata
import importlib.util
import py_compile
import re
import subprocess
import sys
import tempfile
import time
import traceback
import types
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import CompileError, PycError
from .opcode_matrix.corpus import code_objects, count_opcodes

BACKENDS = ("none", "rust", "llvm", "all")
CHUNK = 8


@dataclass(frozen=True)
class SweepInput:
    display: str                  # how the report names the file
    pyc: str | None = None        # an existing .pyc to load
    source: str | None = None     # a .py to compile first (when there is no .pyc)


@dataclass
class Options:
    backends: tuple[str, ...] = ()          # "rust", "llvm"
    tmpdir: str = ""                        # where sources are compiled to .pyc
    rustc: list[str] | None = None          # rustc command for the metadata check
    rust_flags: list[str] = field(default_factory=list)


class SweepUsageError(Exception):
    """A PATH that is neither a file, a directory nor an installed distribution."""


# ------------------------------------------------------------------ collecting inputs

def collect(paths: list[str], compile_missing: bool = False) -> list[SweepInput]:
    """The files to sweep, in a stable order. A directory gives its .pyc files (a .opt-N.pyc
    only when its plain .pyc is absent); .py files without a cached .pyc are compiled when
    `compile_missing` or when the directory holds no .pyc at all. A name that is not a path
    is looked up as an installed distribution."""
    inputs: dict[str, SweepInput] = {}
    for raw in paths:
        for inp in _collect_one(raw, compile_missing):
            inputs.setdefault(inp.display, inp)
    return sorted(inputs.values(), key=lambda i: i.display)


def _collect_one(raw: str, compile_missing: bool) -> list[SweepInput]:
    path = Path(raw)
    if path.is_file():
        return [_file_input(path)]
    if path.is_dir():
        return _dir_inputs(path, compile_missing)
    try:
        dist = importlib.metadata.distribution(raw)
    except importlib.metadata.PackageNotFoundError:
        raise SweepUsageError(f"{raw}: no such file, directory or installed distribution") from None
    return _dist_inputs(dist)


def _file_input(path: Path) -> SweepInput:
    if path.suffix == ".py":
        cached = Path(importlib.util.cache_from_source(str(path)))
        return SweepInput(str(path), pyc=str(cached)) if cached.exists() else \
            SweepInput(str(path), source=str(path))
    return SweepInput(str(path), pyc=str(path))


def _dir_inputs(root: Path, compile_missing: bool) -> list[SweepInput]:
    pycs = sorted(root.rglob("*.pyc"))
    present = set(pycs)
    result = [SweepInput(str(p), pyc=str(p)) for p in pycs if not _shadowed_opt(p, present)]
    if compile_missing or not pycs:
        for src in sorted(root.rglob("*.py")):
            if Path(importlib.util.cache_from_source(str(src))) not in present:
                result.append(SweepInput(str(src), source=str(src)))
    return result


def _shadowed_opt(pyc: Path, present: set[Path]) -> bool:
    """An optimized .opt-N.pyc whose plain .pyc is there too."""
    m = re.match(r"(.*)\.opt-\d+\.pyc$", pyc.name)
    return bool(m) and pyc.with_name(m.group(1) + ".pyc") in present


def _dist_inputs(dist) -> list[SweepInput]:
    result = []
    files = [Path(dist.locate_file(f)) for f in dist.files or ()]
    sources = {f for f in files if f.suffix == ".py" and f.exists()}
    for src in sorted(sources):
        result.append(_file_input(src))
    for f in sorted(files):
        if f.suffix == ".pyc" and f.exists() and "__pycache__" not in f.parts:
            result.append(SweepInput(str(f), pyc=str(f)))   # sourceless distributions
    return result


# ------------------------------------------------------------------ one file (in a worker)

def sweep_file(inp: SweepInput, options: Options, index: int = 0) -> dict:
    """Everything the sweep learns from one file. Never raises."""
    result = _empty_result(inp)
    try:
        loaded = _load(inp, options, index)
    except Exception as e:   # noqa: BLE001 — a broken input is a cause, not the end
        cause, stage, example = _file_cause(e)
        _add_cause(result, cause, stage, inp.display, example)
        return result
    result["loaded"] = True
    result["opcodes"] = dict(count_opcodes(loaded.code))
    for code in code_objects(loaded.code):
        _sweep_code(result, code, loaded.version, inp.display)
    if options.backends and result["tir_ok"] == result["code_objects"]:
        _sweep_backends(result, loaded, options, inp.display)
    return result


def _load(inp: SweepInput, options: Options, index: int):
    from .frontend_bytecode.loader import load_pyc
    pyc = inp.pyc
    if pyc is None:
        pyc = str(Path(options.tmpdir or tempfile.gettempdir()) / f"sweep-{index}.pyc")
        try:
            py_compile.compile(inp.source, cfile=pyc, dfile=inp.source, doraise=True)
        except py_compile.PyCompileError as e:
            raise SourceError(f"source does not compile: {e.exc_type_name}") from None
    return load_pyc(Path(pyc))


class SourceError(Exception):
    """A .py input that CPython itself cannot compile."""


def _file_cause(e: Exception) -> tuple[str, str, dict]:
    if isinstance(e, SourceError):
        return str(e), "source", {}
    if isinstance(e, PycError):
        return _pyc_cause(e.message), "load", {"detail": e.message}
    return _internal_cause(e)


def _pyc_cause(message: str) -> str:
    """A PycError message without its path and the numbers that vary per file."""
    text = message.split(": ", 1)[1] if ": " in message else message
    text = re.sub(r"\d+ bytes", "N bytes", text)
    text = re.sub(r"magic( number)? [0-9a-f]{8}", r"magic\1", text)
    return "bad .pyc: " + re.sub(r" \(.*\)$", "", text)


def _internal_cause(e: BaseException) -> tuple[str, str, dict]:
    frame = traceback.extract_tb(e.__traceback__)[-1] if e.__traceback__ else None
    where = f" in {Path(frame.filename).name}:{frame.lineno} ({frame.name})" if frame else ""
    return (f"internal error: {type(e).__name__}{where}", "internal",
            {"detail": f"{type(e).__name__}: {str(e)[:300]}"})


def _sweep_code(result: dict, code: types.CodeType, version: str, display: str) -> None:
    from .frontend_bytecode.build import build_code_object
    from .tir.passes import run_pipeline
    result["code_objects"] += 1
    try:
        run_pipeline(build_code_object(code, version))
    except CompileError as e:
        decoded = not _raised_by_decoder(e)
        result["decoded"] += decoded
        loc = e.location
        example = {"qualname": loc.qualname if loc else code.co_qualname,
                   "line": loc.line if loc else code.co_firstlineno}
        _add_cause(result, e.message, "tir" if decoded else "decode", display, example)
        return
    except Exception as e:   # noqa: BLE001 — a compiler crash is a cause
        result["decoded"] += _decodes(code, version)
        cause, stage, example = _internal_cause(e)
        example.update(qualname=code.co_qualname, line=code.co_firstlineno)
        _add_cause(result, cause, stage, display, example)
        return
    result["decoded"] += 1
    result["tir_ok"] += 1


def _raised_by_decoder(e: BaseException) -> bool:
    """Whether the decoder itself refused (the deepest frame is in decode.py)."""
    from .frontend_bytecode import decode
    frames = list(traceback.walk_tb(e.__traceback__))
    return bool(frames) and frames[-1][0].f_code.co_filename == decode.__file__


def _decodes(code: types.CodeType, version: str) -> bool:
    from .frontend_bytecode.decode import decode
    try:
        decode(code, version)
    except Exception:   # noqa: BLE001
        return False
    return True


def _add_cause(result: dict, cause: str, stage: str, display: str, example: dict | None = None):
    example = dict(example or {})
    line = example.pop("line", None)
    example["where"] = f"{display}:{line}" if line is not None else display
    entry = result["causes"].setdefault(cause, {"stage": stage, "count": 0, "example": example})
    entry["count"] += 1


# ------------------------------------------------------------------ backends (whole files)

def _sweep_backends(result: dict, loaded, options: Options, display: str) -> None:
    from .pipeline import compile_code
    try:
        program = compile_code(loaded.code, loaded.version)
    except Exception as e:   # noqa: BLE001
        for backend in options.backends:
            result["backends"][backend] = "blocked"
        cause, stage, example = (f"whole module: {e.message}", "tir", {}) \
            if isinstance(e, CompileError) else _internal_cause(e)
        _add_cause(result, cause, stage, display, example)
        return
    for backend in options.backends:
        check = _check_rust if backend == "rust" else _check_llvm
        try:
            result["backends"][backend] = check(program, options)
        except BackendFailure as e:
            result["backends"][backend] = "failed"
            _add_cause(result, e.cause, backend, display, {"detail": e.detail})
        except Exception as e:   # noqa: BLE001
            result["backends"][backend] = "failed"
            cause, _, example = _internal_cause(e)
            _add_cause(result, f"{backend}: {cause}", backend, display, example)


class BackendFailure(Exception):
    def __init__(self, cause: str, detail: str = ""):
        super().__init__(cause)
        self.cause, self.detail = cause, detail


def _check_rust(program, options: Options) -> str:
    try:
        source = program.rust_source()
    except CompileError as e:
        raise BackendFailure(e.message, str(e)) from None
    if not options.rustc:
        return "printed"
    with tempfile.TemporaryDirectory(dir=options.tmpdir or None) as d:
        main = Path(d) / "main.rs"
        main.write_text(source)
        cmd = [*options.rustc, *options.rust_flags, "--emit=metadata", "--crate-name", "main",
               "--cap-lints", "allow", str(main), "-o", str(Path(d) / "main.rmeta")]
        res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        first = next((ln for ln in res.stderr.splitlines() if ln.startswith("error")), "error")
        raise BackendFailure(f"rustc rejected the printed Rust: {first}", res.stderr[:2000])
    return "ok"


def _check_llvm(program, options: Options) -> str:
    from .toolchain import host_triple
    try:
        if program.llvm_ir() is None:
            return "none"
        program.llvm_object(host_triple())
    except CompileError as e:
        raise BackendFailure(e.message, str(e)) from None
    return "ok"


def rust_check_setup() -> tuple[list[str], list[str]]:
    """The rustc command and flags for `--emit=metadata` against the host runtime rlib
    (built and cached on first use)."""
    from .link import COMMON_FLAGS
    from .runtime_build import build_runtime
    from .toolchain import discover
    rustc = discover().rustc_for("native")
    rlib = build_runtime("native", rustc=rustc)
    flags = [f for f in COMMON_FLAGS if f != "-O"] + [
        "--extern", f"pyrt={rlib}", "-L", f"dependency={rlib.parent}"]
    return [rustc.path], flags


# ------------------------------------------------------------------ running many files

def _sweep_chunk(chunk: list[tuple[int, SweepInput]], options: Options) -> list[dict]:
    return [_sweep_guarded(inp, options, index) for index, inp in chunk]


def _sweep_guarded(inp: SweepInput, options: Options, index: int) -> dict:
    """`sweep_file`, and should the sweep itself fail on a file, that failure as its cause."""
    try:
        return sweep_file(inp, options, index)
    except Exception as e:   # noqa: BLE001
        result = _empty_result(inp)
        cause, stage, example = _internal_cause(e)
        _add_cause(result, cause, stage, inp.display, example)
        return result


def run_files(inputs: list[SweepInput], options: Options, jobs: int, progress=None) -> list[dict]:
    """Sweeps `inputs` on `jobs` processes (in this process when jobs is 1)."""
    indexed = list(enumerate(inputs))
    results: list[dict] = []
    tick = progress or (lambda n: None)
    if jobs <= 1:
        for index, inp in indexed:
            results.append(_sweep_guarded(inp, options, index))
            tick(1)
        return results
    chunks = [indexed[i:i + CHUNK] for i in range(0, len(indexed), CHUNK)]
    while chunks:
        done, broken = _run_pool(chunks, options, jobs, tick)
        results += done
        chunks = []
        for chunk in broken:   # a worker died: narrow it down, then report the culprit
            if len(chunk) > 1:
                half = len(chunk) // 2
                chunks += [chunk[:half], chunk[half:]]
                continue
            alone, still_broken = _run_pool([chunk], options, 1, tick)  # maybe a bystander
            results += alone
            if still_broken:
                results.append(_died(chunk[0][1]))
                tick(1)
    return results


def _run_pool(chunks, options, jobs, tick) -> tuple[list[dict], list]:
    done, broken = [], []
    with cf.ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(_sweep_chunk, chunk, options): chunk for chunk in chunks}
        for future in cf.as_completed(futures):
            try:
                part = future.result()
            except cf.process.BrokenProcessPool:
                broken.append(futures[future])
                continue
            done += part
            tick(len(part))
    return done, broken


def _empty_result(inp: SweepInput) -> dict:
    return {"file": inp.display, "loaded": False, "code_objects": 0, "decoded": 0,
            "tir_ok": 0, "causes": {}, "opcodes": {}, "backends": {}}


def _died(inp: SweepInput) -> dict:
    result = _empty_result(inp)
    _add_cause(result, "internal error: the compiler process died", "internal", inp.display)
    return result


# ------------------------------------------------------------------ the report

def summarize(results: list[dict], backends: tuple[str, ...]) -> dict:
    results = sorted(results, key=lambda r: r["file"])
    loaded = [r for r in results if r["loaded"]]
    s = {"files": len(results), "files_loaded": len(loaded),
         "files_tir_ok": sum(r["loaded"] and r["tir_ok"] == r["code_objects"] for r in results),
         "code_objects": sum(r["code_objects"] for r in results),
         "code_objects_decoded": sum(r["decoded"] for r in results),
         "code_objects_tir_ok": sum(r["tir_ok"] for r in results)}
    for backend in backends:
        states = Counter(r["backends"].get(backend) for r in results)
        s[f"files_{backend}_ok"] = states["ok"] + states["printed"]
        if backend == "llvm":
            s["files_llvm_no_core"] = states["none"]
    s["files_tir_ok_percent"] = _percent(s["files_tir_ok"], s["files"])
    s["code_objects_tir_ok_percent"] = _percent(s["code_objects_tir_ok"], s["code_objects"])
    s["code_objects_decoded_percent"] = _percent(s["code_objects_decoded"], s["code_objects"])
    return s


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 2) if whole else 0.0


def rank_causes(results: list[dict]) -> list[dict]:
    """Causes by count (then name); the example is the first file's, in file order."""
    merged: dict[str, dict] = {}
    for r in sorted(results, key=lambda r: r["file"]):
        for cause, entry in r["causes"].items():
            m = merged.setdefault(cause, {"cause": cause, "stage": entry["stage"], "count": 0,
                                          "example": entry["example"]})
            m["count"] += entry["count"]
    return sorted(merged.values(), key=lambda m: (-m["count"], m["cause"]))


def build_report(paths, results: list[dict], backends, jobs: int, seconds: float) -> dict:
    counts: Counter = Counter()
    for r in results:
        counts.update(r["opcodes"])
    return {"paths": [str(p) for p in paths], "python": f"{sys.version_info.major}.{sys.version_info.minor}",
            "backends": list(backends), "jobs": jobs, "wall_seconds": round(seconds, 1),
            "summary": summarize(results, backends), "causes": rank_causes(results),
            "opcode_counts": dict(sorted(counts.items())),
            "files": [{"file": r["file"], "loaded": r["loaded"], "code_objects": r["code_objects"],
                       "tir_ok": r["tir_ok"], "backends": r["backends"],
                       "causes": sorted(r["causes"])} for r in sorted(results, key=lambda r: r["file"])]}


def render_summary(report: dict, top: int = 25) -> str:
    """The human-readable summary: figures, then the ranked causes (Markdown)."""
    s = report["summary"]
    lines = [f"Swept {s['files']} files, {s['code_objects']} code objects "
             f"in {report['wall_seconds']} s on {report['jobs']} process(es).", "",
             f"- files loaded: {s['files_loaded']} ({_percent(s['files_loaded'], s['files'])}%)",
             f"- files OK through TIR: {s['files_tir_ok']} ({s['files_tir_ok_percent']}%)",
             f"- code objects decoded: {s['code_objects_decoded']} ({s['code_objects_decoded_percent']}%)",
             f"- code objects OK through TIR: {s['code_objects_tir_ok']} "
             f"({s['code_objects_tir_ok_percent']}%)"]
    for backend in report["backends"]:
        ok = s[f"files_{backend}_ok"]
        extra = f", {s['files_llvm_no_core']} with no numeric core" if backend == "llvm" else ""
        lines.append(f"- files OK through {backend}: {ok} of {s['files_tir_ok']} TIR-OK files{extra}")
    causes = report["causes"]
    lines += ["", f"Failure causes ({len(causes)}; top {min(top, len(causes))}):", "",
              "| # | count | stage | cause | example |", "|---|---|---|---|---|"]
    for n, c in enumerate(causes[:top], 1):
        ex = c["example"]
        where = f"{ex.get('qualname', '')} at {ex['where']}".strip()
        lines.append(f"| {n} | {c['count']} | {c['stage']} | {c['cause']} | {where} |")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ progress

class Progress:
    """A progress bar on a terminal; elsewhere a line every 10% (or every 30 s)."""

    def __init__(self, total: int, stream=None, enabled: bool = True):
        self.total, self.done, self.stream = total, 0, stream or sys.stderr
        self.enabled = enabled and total > 0
        self.tty = self.enabled and self.stream.isatty()
        self.start = self.last = time.monotonic()
        self.next_step = 10

    def __call__(self, n: int) -> None:
        self.done += n
        if not self.enabled:
            return
        now = time.monotonic()
        pct = 100 * self.done / self.total
        if self.tty:
            if now - self.last >= 0.1 or self.done == self.total:
                filled = int(30 * self.done / self.total)
                self.stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total} "
                                  f"files {pct:3.0f}% {now - self.start:5.0f}s")
                self.stream.flush()
                self.last = now
        elif pct >= self.next_step or now - self.last >= 30 or self.done == self.total:
            self.stream.write(f"sweep: {self.done}/{self.total} files ({pct:.0f}%) "
                              f"after {now - self.start:.0f}s\n")
            self.stream.flush()
            self.last = now
            while self.next_step <= pct:
                self.next_step += 10

    def finish(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()


def sweep(paths: list[str], jobs: int = 1, backends: tuple[str, ...] = (),
          compile_missing: bool = False, show_progress: bool = True) -> dict:
    """Collects, sweeps and reports (the `pybc2wasm sweep` command without its printing)."""
    inputs = collect(paths, compile_missing)
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="pybc2wasm-sweep-") as tmp:
        options = Options(backends=tuple(backends), tmpdir=tmp)
        if "rust" in backends:
            options.rustc, options.rust_flags = rust_check_setup()
        progress = Progress(len(inputs), enabled=show_progress)
        results = run_files(inputs, options, jobs, progress)
        progress.finish()
    return build_report(paths, results, backends, jobs, time.monotonic() - start)
