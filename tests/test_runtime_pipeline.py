"""The runtime build's pipelining (`runtime_build.RuntimeBuild`), driven by a stand-in rustc:
units get the crate's metadata while its code generation still runs, their cache keys name the
rlib the link will use, and a failed build reports rustc's rendered diagnostics."""
from __future__ import annotations

import json
import sys
import textwrap
import time
from pathlib import Path

import pytest

from pybc2wasm.runtime_build import RuntimeBuild, RuntimeBuildError, rlib_identity
from pybc2wasm.toolchain import Rustc

# Writes the metadata, announces it as rustc does (--json=artifacts), then waits for the test's
# go-ahead file before writing the rlib: the window in which units compile against the metadata.
FAKE_RUSTC = textwrap.dedent('''\
    #!{python}
    import json, os, sys, time
    args = sys.argv[1:]
    out = args[args.index("--out-dir") + 1]
    go = os.environ["FAKE_RUSTC_GO"]
    if os.environ.get("FAKE_RUSTC_FAIL"):
        print(json.dumps({{"rendered": "error[E0425]: cannot find value `x`\\n"}}), file=sys.stderr)
        sys.exit(1)
    with open(os.path.join(out, "libpyrt.rmeta"), "wb") as f:
        f.write(b"metadata " + os.environ["FAKE_RUSTC_TAG"].encode())
    print(json.dumps({{"artifact": os.path.join(out, "libpyrt.rmeta"), "emit": "metadata"}}),
          file=sys.stderr, flush=True)
    deadline = time.time() + 60
    while not os.path.exists(go) and time.time() < deadline:
        time.sleep(0.02)
    with open(os.path.join(out, "libpyrt.rlib"), "wb") as f:
        f.write(b"rlib")
    print(json.dumps({{"artifact": os.path.join(out, "libpyrt.rlib"), "emit": "link"}}),
          file=sys.stderr, flush=True)
''')


@pytest.fixture
def fake_rustc(tmp_path, monkeypatch) -> Rustc:
    exe = tmp_path / "rustc"
    exe.write_text(FAKE_RUSTC.format(python=sys.executable))
    exe.chmod(0o755)
    monkeypatch.setenv("PYBC2WASM_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("FAKE_RUSTC_GO", str(tmp_path / "go"))
    monkeypatch.setenv("FAKE_RUSTC_TAG", str(tmp_path))
    return Rustc(str(exe), "rustc 0.0.0-fake", f"rustc 0.0.0-fake {tmp_path}", "x86_64-unknown-linux-gnu",
                 str(tmp_path), ("x86_64-unknown-linux-gnu",))


def test_units_get_the_metadata_before_the_rlib_exists(fake_rustc, tmp_path):
    build = RuntimeBuild("native", rustc=fake_rustc, quiet=True)
    try:
        meta = build.metadata()
        assert meta.read_bytes() == b"metadata " + str(tmp_path).encode()
        assert not build._done.is_set(), "the rlib was waited for"
        identity = build.identity()
        (tmp_path / "go").touch()
        rlib = build.rlib()
    finally:
        build.close()
    assert rlib.read_bytes() == b"rlib" and rlib.with_name("libpyrt.rmeta").exists()
    assert identity == rlib_identity(rlib)      # units keyed before the link find their rlib
    again = RuntimeBuild("native", rustc=fake_rustc, quiet=True)     # now from the cache
    try:
        assert again.rlib() == rlib and again.identity() == identity
    finally:
        again.close()


def test_a_failed_runtime_build_reports_rustcs_diagnostics(fake_rustc, monkeypatch):
    monkeypatch.setenv("FAKE_RUSTC_FAIL", "1")
    build = RuntimeBuild("native", rustc=fake_rustc, quiet=True)
    try:
        with pytest.raises(RuntimeBuildError, match=r"cannot find value `x`"):
            build.metadata()
    finally:
        build.close()


def test_close_stops_a_runtime_build_still_running(fake_rustc):
    build = RuntimeBuild("native", rustc=fake_rustc, quiet=True)
    build.metadata()
    started = time.monotonic()
    build.close()           # what a build whose units failed does: no waiting for codegen
    assert time.monotonic() - started < 30
    with pytest.raises(RuntimeBuildError):
        build.rlib()
