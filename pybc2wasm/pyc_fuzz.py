"""Mutated .pyc files through the compiler's front half: the compiler must refuse bad input
with a CompileError (exit 2), never an internal error (exit 3), never a hang.

`mutate` applies one of the damage kinds seen in the wild (truncation, bit flips, random
bytes, zeroed runs, a byte spliced in or cut out) to a .pyc's bytes; `outcome` runs the bytes
through loading, verification, TIR building and the passes, the stages that read untrusted
bytecode, and classifies the result. Used by tests/test_pyc_mutation.py (a bounded hypothesis
run) and tools/fuzz_pyc.py (for as long as you let it).
"""
from __future__ import annotations

import random
import signal
import tempfile
import traceback
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import CompileError

KINDS = ("truncate", "bitflip", "random_bytes", "zero_run", "insert", "delete", "code_bytes")
HEADER = 16
MEMORY_CAP = 2 << 30      # bytes a mutant's compilation may add to the process


def mutate(data: bytes, kind: str, rng: random.Random) -> bytes:
    b = bytearray(data)
    n = len(b)
    if kind == "truncate":
        return bytes(b[:rng.randrange(n)])
    if kind == "bitflip":
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(HEADER, n)
            b[i] ^= 1 << rng.randrange(8)
        return bytes(b)
    if kind == "random_bytes":
        start = rng.randrange(HEADER, n)
        length = min(rng.randint(1, 16), n - start)
        b[start:start + length] = bytes(rng.randrange(256) for _ in range(length))
        return bytes(b)
    if kind == "zero_run":
        start = rng.randrange(HEADER, n)
        b[start:start + rng.randint(1, 32)] = bytes(min(32, n - start))
        return bytes(b[:n])
    if kind == "insert":
        i = rng.randrange(HEADER, n)
        return bytes(b[:i] + bytes([rng.randrange(256)]) + b[i:])
    if kind == "delete":
        i = rng.randrange(HEADER, n)
        return bytes(b[:i] + b[i + 1:])
    if kind == "code_bytes":
        return _mutate_code_bytes(data, rng)
    raise ValueError(kind)


def _mutate_code_bytes(data: bytes, rng: random.Random) -> bytes:
    """Damage inside a code object's instructions (the marshal stream stays valid), which
    random byte damage rarely reaches: this is what the verifier is for. The bytes are changed
    in place in the stream: building the damaged code object here and dumping it would run
    CPython's own code on invalid bytecode."""
    import marshal
    code = marshal.loads(data[HEADER:])
    raw = rng.choice([code, *_nested(code)]).co_code
    at = data.find(raw, HEADER)
    b = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        b[at + rng.randrange(len(raw))] = rng.randrange(256)
    return bytes(b)


def _nested(code):
    import types
    for c in code.co_consts:
        if isinstance(c, types.CodeType):
            yield c
            yield from _nested(c)


@dataclass
class Outcome:
    kind: str          # "compiled", "refused", "internal", "hang"
    detail: str = ""


class _Timeout(Exception):
    pass


@contextmanager
def _memory_cap(extra: int):
    """Caps the address space at its present size plus `extra` bytes, so a mutant that makes the
    compiler allocate without bound ends in a MemoryError (an internal error, reported) rather
    than in the kernel's out-of-memory kill of the whole test process."""
    try:
        import resource
        with open("/proc/self/status") as f:
            size = next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmSize:"))
    except (ImportError, OSError, StopIteration):
        yield
        return
    old = resource.getrlimit(resource.RLIMIT_AS)
    cap = size + extra if old[1] == resource.RLIM_INFINITY else min(size + extra, old[1])
    resource.setrlimit(resource.RLIMIT_AS, (cap, old[1]))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, old)


@contextmanager
def _deadline(seconds: float):
    def on_alarm(signum, frame):
        raise _Timeout()
    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def outcome(data: bytes, timeout: float = 20.0) -> Outcome:
    """Loads `data` as a .pyc and builds it to TIR with the passes run."""
    from .frontend_bytecode.build import build_module
    from .frontend_bytecode.loader import load_pyc
    from .tir.passes import run_pipeline
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mutant.pyc"
        path.write_bytes(data)
        try:
            with _deadline(timeout), _memory_cap(MEMORY_CAP):
                loaded = load_pyc(path)
                run_pipeline(build_module(loaded.code, loaded.version))
        except _Timeout:
            return Outcome("hang", f"no result after {timeout} s")
        except CompileError as e:
            return Outcome("refused", str(e).splitlines()[0])
        except (Exception, MemoryError) as e:   # what the CLI would report as an internal error
            tb = traceback.extract_tb(e.__traceback__)[-1]
            return Outcome("internal", f"{type(e).__name__}: {e} ({Path(tb.filename).name}:{tb.lineno})")
    return Outcome("compiled")
