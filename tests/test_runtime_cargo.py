"""The runtime crate's own Rust tests (`cargo test`), run natively with the host toolchain.

Release mode with big thread stacks: the tests recurse to the 1000-frame recursion limit, as
CPython's C stack must allow; debug frames on a default 2 MiB test thread do not."""
import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

RUNTIME = Path(__file__).resolve().parent.parent / "runtime"


def test_cargo_test_passes(tmp_path_factory):
    cargo = shutil.which("cargo")
    assert cargo, "cargo not found: run `bash tools/bootstrap.sh`"
    cache = Path(os.environ.get("PYBC2WASM_CACHE", Path.home() / ".cache" / "pybc2wasm"))
    # one target dir per checkout: cargo would otherwise reuse another checkout's test build
    checkout = hashlib.sha256(str(RUNTIME).encode()).hexdigest()[:12]
    env = dict(os.environ, CARGO_TARGET_DIR=str(cache / f"cargo-target-{checkout}"),
               RUST_MIN_STACK=str(64 << 20), CARGO_NET_OFFLINE="true")
    proc = subprocess.run([cargo, "test", "--release", "--quiet"], cwd=RUNTIME, env=env,
                          capture_output=True, text=True, timeout=900)
    os.utime(env["CARGO_TARGET_DIR"])  # used now: `pybc2wasm cache prune` removes the oldest first
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    assert "test result: ok" in proc.stdout


def test_every_cargo_test_is_leak_checked():
    """Each `#[test]` in runtime/tests/*.rs runs its body under `pyrt::gc::assert_no_leaks`
    (zero live objects left after a collection, see runtime/README.md), unless a
    `// no leak check: <why>` comment right above it says why not (creating classes, which
    this runtime never frees)."""
    import re
    unchecked = []
    for src in sorted((RUNTIME / "tests").glob("*.rs")):
        text = src.read_text()
        for m in re.finditer(r"(?m)^(// no leak check: .+\n)?#\[test\]\nfn (\w+)\(\) \{\n(.*)\n", text):
            exempt, name, first = m.group(1), m.group(2), m.group(3)
            if not exempt and f"pyrt::gc::assert_no_leaks({name}_body)" not in first:
                unchecked.append(f"{src.name}: {name}")
    assert not unchecked, ("wrap these tests' bodies with pyrt::gc::assert_no_leaks (see "
                           "runtime/tests/api.rs) or mark them `// no leak check: <why>`: "
                           + ", ".join(unchecked))
