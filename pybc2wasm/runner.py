"""Run a built module: a .wasm in the embedded wasmtime or under Node, or a native executable.

Every host gets the same contract: ``argv`` is the full argument vector (``argv[0]`` becomes
``sys.argv[0]``), stdin/stdout/stderr are inherited (or redirected to files), no environment
variables and no preopened directories are passed, and the return value is the exit status:
the module's ``proc_exit`` code, 0 when ``_start`` returns, and ``TRAP_STATUS`` (134, what a
shell shows for SIGABRT) after a trap, whose message goes to stderr as ``error: wasm trap: ...``.

Stack: a wasm module has two stacks. The shadow stack in linear memory is sized at link time
(16 MiB, see link.py). Wasm frames themselves run on the host's machine stack, which both hosts
limit far below what 1000 nested Python calls need: wasmtime allows 512 KiB by default and
Node/V8 ~1 MiB. So wasmtime code runs on a thread with a 64 MiB stack and ``max_wasm_stack``
of 48 MiB, and the Node runner starts the module in a Worker with a 64 MiB stack.

Node exit status 71: that is wasi-libc's ``EX_OSERR``. Before ``main`` runs, the startup code
of a Rust wasm32-wasi command (``_start`` in crt1-command.o → ``__wasm_call_ctors`` →
``__wasilibc_populate_preopens``, then ``__main_void``) asks the host for the preopened
directories (``fd_prestat_get`` on fd 3, 4, ... until ``EBADF``), the argument vector
(``args_sizes_get``/``args_get``) and the environment (``environ_sizes_get``/``environ_get``).
Any error other than the ``EBADF`` that ends the preopen scan makes it call ``_Exit(71)``
without printing anything. Rust's std links the preopen scan in whenever the module can touch
the filesystem. With Node 20.20 and this file's settings (``version: 'preview1'``, plain string
``args``, an ``env`` object, no ``preopens``, ``returnOnExit: true``, the import object from
``wasi.getImportObject()`` and ``wasi.start(instance)``) no startup call fails and the status
is the module's own; we could not make 71 happen again with Node 20 (tried preopens of '/', '.',
a missing or non-directory path (those throw in the WASI constructor instead), missing
``args``/``env``, ``process.env``, calling ``_start`` without ``wasi.start``, which throws
ERR_WASI_NOT_STARTED). Older Nodes' uvwasi got ``fd_prestat_get``/``fd_prestat_dir_name``
wrong for preopens, which is the known way to get 71 from a module that only prints.
If it comes back, look at the preopens first.
"""
from __future__ import annotations

import ctypes
import os
import re
import signal
import sys
import threading
from pathlib import Path

from . import cache

TRAP_STATUS = 134
HOSTS = ("wasmtime", "node", "native")
NODE_RUNNER = Path(__file__).with_name("node_runner.mjs")

THREAD_STACK = 64 << 20       # host thread that runs wasmtime code
MAX_WASM_STACK = 48 << 20     # wasmtime's limit for wasm frames on that stack


class RunError(Exception):
    """The module could not be started at all (not a trap of the program)."""


# ---------------------------------------------------------------------------------- wasmtime

_engines: dict = {}            # interruptible? → (Engine, description)
_engine_lock = threading.Lock()


def set_wasm_stack(cfg) -> int:
    """Gives `cfg` (a wasmtime.Config) MAX_WASM_STACK for wasm frames, or wasmtime's default
    512 KiB when it cannot; returns the limit set. max_wasm_stack may not exceed
    async_stack_size (2 MiB by default), which wasmtime-py does not expose: it is set through
    the C API when that is there."""
    import wasmtime
    stack = 512 << 10
    try:
        fn = wasmtime._ffi.dll.wasmtime_config_async_stack_size_set
        fn.restype = None
        fn.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
        fn(ctypes.cast(cfg.ptr(), ctypes.c_void_p), MAX_WASM_STACK + (1 << 20))
        stack = MAX_WASM_STACK
    except Exception:
        pass
    cfg.max_wasm_stack = stack
    return stack


def _engine_and_desc(interruptible: bool = True):
    """One Engine per process and kind (compiled modules are tied to the engine's
    configuration). An interruptible engine compiles an epoch check into every loop header
    and function entry, which costs a sixth of a call-heavy program's time; it is used only
    when the run has a timeout, so each kind has its own machine-code cache entries."""
    with _engine_lock:
        if interruptible not in _engines:
            import wasmtime
            cfg = wasmtime.Config()
            cfg.epoch_interruption = interruptible
            stack = set_wasm_stack(cfg)
            desc = {"wasmtime": _wasmtime_version(wasmtime), "epoch": interruptible,
                    "max_wasm_stack": stack}
            _engines[interruptible] = (wasmtime.Engine(cfg), desc)
    return _engines[interruptible]


def _wasmtime_version(wasmtime) -> str:
    """The installed wasmtime's version, from its dist-info folder's name (importlib.metadata
    costs 15 ms of start-up, more than the rest of a small program's run)."""
    for info in Path(wasmtime.__file__).parent.parent.glob("wasmtime-*.dist-info"):
        return info.name[len("wasmtime-"):-len(".dist-info")]
    from importlib.metadata import version
    return version("wasmtime")


def _module_key(desc: dict, wasm: Path) -> tuple[str, bytes | None]:
    """The machine-code cache key of a module: the hash of its bytes, remembered per file by
    (path, size, mtime, inode) so a re-run does not hash megabytes again. Returns the key and
    the bytes when they had to be read."""
    st = wasm.stat()
    stamp = cache.key_of("cwasm-stamp-v1", desc, str(wasm.resolve()), st.st_size, st.st_mtime_ns, st.st_ino)
    memo = cache.subdir("wasmtime") / f"{stamp[:32]}.key"
    try:
        return memo.read_text(), None
    except OSError:
        pass
    data = wasm.read_bytes()
    key = cache.key_of("cwasm-v1", desc, data)
    cache.store(memo, key)
    return key, data


def _load_module(engine, desc: dict, wasm: Path):
    """Compile with Cranelift once per (module bytes, wasmtime, config); reuse the machine code."""
    import wasmtime
    key, data = _module_key(desc, Path(wasm))
    path = cache.subdir("wasmtime") / f"{key[:32]}.cwasm"
    if path.exists():
        cache.mark_used(path)
        try:
            return wasmtime.Module.deserialize_file(engine, str(path))
        except Exception:
            pass  # stale or damaged entry: recompile below
    if data is None:
        data = Path(wasm).read_bytes()
    module = wasmtime.Module(engine, data)
    cache.store(path, module.serialize())
    return module


def run_wasmtime(wasm: Path, argv: list[str], *, stdin: Path | None = None,
                 stdout: Path | None = None, stderr: Path | None = None,
                 timeout: float | None = None, preopens: dict[str, str] | None = None,
                 max_memory: int | None = None) -> int:
    """Run a WASI command module in the embedded wasmtime; returns its exit status.

    stdin/stdout/stderr: None = inherit this process's, else a file path (stdout/stderr are
    truncated). Trap messages are written to the same stderr. `preopens` (host dir → guest
    path) is for test binaries only: compiled programs get no directories.
    """
    import wasmtime

    interruptible = bool(timeout)
    engine, desc = _engine_and_desc(interruptible)
    module = _load_module(engine, desc, Path(wasm))
    result: dict = {}

    def go():
        try:
            result["status"] = _run_in_store(wasmtime, engine, module, argv, stdin, stdout, stderr,
                                             timeout, result, preopens, max_memory)
        except BaseException as e:  # re-raised in the caller's thread
            result["error"] = e

    for f in (sys.stdout, sys.stderr):
        f.flush()
    old = threading.stack_size()
    threading.stack_size(THREAD_STACK)
    try:
        t = threading.Thread(target=go, name="pybc2wasm-wasm", daemon=True)
        t.start()
    finally:
        threading.stack_size(old)
    try:
        while t.is_alive():
            t.join(0.25)
    except KeyboardInterrupt:
        # Ctrl-C: bump the epoch so the module stops at its next check, like SIGINT would.
        # Without a timeout the engine has no epoch checks: the daemon thread is abandoned
        # and ends with the process.
        result["interrupted"] = True
        if interruptible:
            engine.increment_epoch()
            t.join(5)
        return 130
    if "error" in result:
        raise result["error"]
    return result["status"]


def _run_in_store(wasmtime, engine, module, argv, stdin, stdout, stderr, timeout, state,
                  preopens=None, max_memory=None) -> int:
    linker = wasmtime.Linker(engine)
    linker.define_wasi()
    store = wasmtime.Store(engine)
    if max_memory:
        store.set_limits(memory_size=max_memory)
    wasi = wasmtime.WasiConfig()
    wasi.argv = list(argv)
    if stdin is None:
        wasi.inherit_stdin()
    else:
        wasi.stdin_file = str(stdin)
    if stdout is None:
        wasi.inherit_stdout()
    else:
        wasi.stdout_file = str(stdout)
    if stderr is None:
        wasi.inherit_stderr()
    else:
        wasi.stderr_file = str(stderr)
    for host, guest in (preopens or {}).items():
        wasi.preopen_dir(host, guest)
    store.set_wasi(wasi)
    timer = None
    if timeout:
        store.set_epoch_deadline(1)
        timer = threading.Timer(timeout, engine.increment_epoch)
        timer.daemon = True
        timer.start()
    try:
        try:
            instance = linker.instantiate(store, module)
        except wasmtime.ExitTrap as e:  # a start function that exits
            return e.code
        except wasmtime.Trap as e:
            return _report_trap(e, stderr)
        except wasmtime.WasmtimeError as e:
            raise RunError(f"cannot instantiate the module: {e}") from e
        start = instance.exports(store).get("_start")
        if start is None:
            raise RunError("the module has no _start export (not a WASI command)")
        try:
            start(store)
        except wasmtime.ExitTrap as e:
            return e.code
        except wasmtime.Trap as e:
            if e.trap_code == wasmtime.TrapCode.INTERRUPT:
                if state.get("interrupted"):
                    return 130
                if timeout:
                    _write_err(f"error: timed out after {timeout:g}s\n", stderr)
                    return TRAP_STATUS
            return _report_trap(e, stderr)
        except wasmtime.WasmtimeError as e:
            return _report_trap(e, stderr)
        return 0
    finally:
        if timer:
            timer.cancel()
        # Drop the store now so wasmtime closes the stdout/stderr files before we append.
        del store


def _report_trap(e, stderr: Path | None) -> int:
    """One line, e.g. `error: wasm trap: unreachable` (a Rust panic has printed its message
    already); the wasm backtrace too with PYBC2WASM_TRACEBACK=1."""
    full = str(getattr(e, "message", None) or e).strip()
    lines = [l.strip() for l in full.splitlines() if l.strip()]
    short = re.sub(r"^\d+:\s*", "", lines[-1]) if lines else "unknown trap"
    for prefix in ("wasm trap: ", "error: "):
        if short.startswith(prefix):
            short = short[len(prefix):]
    msg = f"error: wasm trap: {short}\n"
    if os.environ.get("PYBC2WASM_TRACEBACK"):
        msg += full + "\n"
    _write_err(msg, stderr)
    return TRAP_STATUS


def _write_err(msg: str, stderr: Path | None) -> None:
    if stderr is None:
        sys.stderr.write(msg)
        sys.stderr.flush()
    else:
        with open(stderr, "a") as f:
            f.write(msg)


# ---------------------------------------------------------------------------------- node

def node_command(wasm: Path, argv: list[str], node: str | None = None) -> list[str]:
    if node is None:
        from .toolchain import discover
        node = discover().node
        if node is None:
            raise RunError("Node >= 20 was not found (it is an optional host); "
                           "use the default host wasmtime, or install nodejs")
    return [node, "--no-warnings", str(NODE_RUNNER), str(wasm), *argv]


def run_node(wasm: Path, argv: list[str], *, stdin: Path | None = None, stdout: Path | None = None,
             stderr: Path | None = None, timeout: float | None = None) -> int:
    return _run_subprocess(node_command(wasm, argv), None, stdin, stdout, stderr, timeout)


# ---------------------------------------------------------------------------------- native

def run_native(exe: Path, argv: list[str], *, stdin: Path | None = None, stdout: Path | None = None,
               stderr: Path | None = None, timeout: float | None = None,
               max_memory: int | None = None) -> int:
    limit = None
    if max_memory:
        def limit():
            import resource
            resource.setrlimit(resource.RLIMIT_AS, (max_memory, max_memory))
    return _run_subprocess(list(argv), str(Path(exe).resolve()), stdin, stdout, stderr, timeout,
                           limit)


def _run_subprocess(cmd, executable, stdin, stdout, stderr, timeout, preexec=None) -> int:
    import subprocess  # lazily: the wasmtime host's start-up does not need it
    for f in (sys.stdout, sys.stderr):
        f.flush()
    files = []
    try:
        def op(p, mode):
            if p is None:
                return None
            f = open(p, mode)
            files.append(f)
            return f
        fin, fout, ferr = op(stdin, "rb"), op(stdout, "wb"), op(stderr, "wb")
        proc = subprocess.Popen(cmd, executable=executable, stdin=fin, stdout=fout, stderr=ferr,
                                env=_child_env(), preexec_fn=preexec)
        try:
            rc = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            if ferr is not None:
                ferr.flush()
            _write_err(f"error: timed out after {timeout:g}s\n", stderr)
            return TRAP_STATUS
        except KeyboardInterrupt:
            proc.send_signal(signal.SIGINT)
            rc = proc.wait()
    finally:
        for f in files:
            f.close()
    return 128 - rc if rc < 0 else rc  # killed by signal N → 128+N, as a shell reports it


def _child_env() -> dict:
    env = dict(os.environ)
    env.pop("NODE_OPTIONS", None)  # keep the node host deterministic
    return env


# ---------------------------------------------------------------------------------- dispatch

def run(path: Path, host: str, argv: list[str], **kw) -> int:
    if host == "wasmtime":
        return run_wasmtime(path, argv, **kw)
    if host == "node":
        if kw.pop("max_memory", None):
            raise RunError("--max-memory is not supported by the node host (node:wasi cannot "
                           "limit a module's own memory); use wasmtime or native")
        return run_node(path, argv, **kw)
    if host == "native":
        return run_native(path, argv, **kw)
    raise ValueError(f"unknown host {host!r} (choose from {', '.join(HOSTS)})")


def _main(args: list[str]) -> int:
    """python -m pybc2wasm.runner HOST FILE [ARGV0 ARGS...] (used by tests; a debugging aid)."""
    if len(args) < 2:
        print("usage: python -m pybc2wasm.runner wasmtime|node|native FILE [ARGV0 ARGS...]", file=sys.stderr)
        return 2
    host, path, rest = args[0], Path(args[1]), args[2:]
    return run(path, host, rest or [path.name])


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
