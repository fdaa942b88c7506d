"""Toolchain discovery, the runtime build cache, linking and the three hosts.

Linking and running are checked with a hand-written Rust `main` against a tiny stand-in `pyrt`
crate plus an llvmlite object, so these tests do not depend on the compiler core or on the real
runtime's state; `test_real_runtime_*` then check the real runtime crate builds and links.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pybc2wasm import link, runner, runtime_build, wasm_sections
from pybc2wasm import toolchain as tc_mod

FAKE_LIB_RS = 'pub fn hello() -> &\'static str { "hello from fake pyrt" }\n'

NUMERIC_IR = r"""
define i64 @numeric_add(i64 %a, i64 %b) {
  %r = add i64 %a, %b
  ret i64 %r
}
"""

MAIN_RS = r"""
use pyrt::*;
extern "C" { fn numeric_add(a: i64, b: i64) -> i64; }
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n = unsafe { numeric_add(40, 2) };
    if args.get(1).map(|s| s.as_str()) == Some("abort") { std::process::abort(); }
    if args.get(1).map(|s| s.as_str()) == Some("loop") { let mut i = 0u64; loop { i = bb(i + 1); } }
    if args.get(1).map(|s| s.as_str()) == Some("deep") {
        let depth: u64 = args[2].parse().unwrap();
        println!("deep {}", rec(depth, &mut Vec::new()));
        return;
    }
    println!("{} {:?} {}", hello(), args, n);
    eprintln!("to stderr");
    std::process::exit(args.len() as i32 + 10);
}
// std::hint::black_box is not stable in rustc 1.63 (the wasm32-wasi rustc)
fn bb<T: Copy>(x: T) -> T { unsafe { std::ptr::read_volatile(&x) } }
#[inline(never)]
fn rec(n: u64, v: &mut Vec<u64>) -> u64 {
    let pad = bb([n; 32]);   // 256 bytes of shadow stack per level
    v.push(n);
    if n == 0 { return 0; }
    let r = rec(n - 1, v) + 1;
    v.push(r);
    r + (v.len() as u64 % 3) * pad[5] % 2
}
"""


def llvm_object(triple: str) -> bytes:
    import llvmlite.binding as llvm
    llvm.initialize_all_targets()
    llvm.initialize_all_asmprinters()
    mod = llvm.parse_assembly(NUMERIC_IR)
    mod.triple = triple
    tm = llvm.Target.from_triple(triple).create_target_machine(reloc="pic", codemodel="default")
    return tm.emit_object(mod)


@pytest.fixture(scope="module")
def fake_runtime(tmp_path_factory):
    d = tmp_path_factory.mktemp("fake_pyrt")
    (d / "src").mkdir()
    (d / "src" / "lib.rs").write_text(FAKE_LIB_RS)
    return d


@pytest.fixture(scope="module")
def built(fake_runtime, toolchain):
    """The hand-written program linked for both targets: {target: path}."""
    out = {}
    for target in ("wasm32-wasi", "native"):
        rlib = runtime_build.build_runtime(target, src_dir=fake_runtime, quiet=True)
        obj = llvm_object(tc_mod.llvm_triple_for(target))
        out[target] = link.build_from_parts(MAIN_RS, obj, target, rlib=rlib)
    return out


def run_host(host, built, argv, tmp_path, timeout=60):
    path = built["native" if host == "native" else "wasm32-wasi"]
    out, err = tmp_path / f"{host}.out", tmp_path / f"{host}.err"
    status = runner.run(path, host, argv, stdin=Path(os.devnull), stdout=out, stderr=err, timeout=timeout)
    return status, out.read_text(), err.read_text()


def skip_without_node(host, toolchain):
    if host == "node" and toolchain.node is None:
        pytest.skip("node >= 20 not found (optional host)")


# ------------------------------------------------------------------------------ discovery

def test_required_pieces_found(toolchain):
    missing = [p.line() for p in toolchain.pieces if p.required and not p.found]
    assert not missing, "\n".join(missing)
    assert toolchain.llvm_wasm_ok
    assert toolchain.wasm_rustc.wasm_target() in tc_mod.WASM_TARGET_NAMES
    assert toolchain.host_rustc.has_host_std()


def test_doctor_cli_lists_every_piece():
    res = subprocess.run([sys.executable, "-m", "pybc2wasm", "doctor"], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
    for name in ("llvmlite", "rustc (wasm32-wasi)", "rustc (native)", "wasm linker",
                 "C linker", "wasmtime", "node", "chromium"):
        assert any(line.startswith(name) for line in res.stdout.splitlines()), (name, res.stdout)


def test_doctor_reports_unusable_override():
    """$PYBC2WASM_RUSTC pointing at a rustc without wasm32-wasi: missing, exit 1, hint."""
    env = dict(os.environ, PYBC2WASM_RUSTC="/nonexistent/rustc")
    res = subprocess.run([sys.executable, "-m", "pybc2wasm", "doctor"], capture_output=True,
                         text=True, env=env)
    assert res.returncode == 1
    line = next(l for l in res.stdout.splitlines() if l.startswith("rustc (wasm32-wasi)"))
    assert "missing" in line and "bash tools/bootstrap.sh" in line


# ------------------------------------------------------------------------------ runtime cache

def test_runtime_build_is_cached_and_keyed_by_sources(tmp_path, monkeypatch, capfd):
    monkeypatch.setenv("PYBC2WASM_CACHE", str(tmp_path / "cache"))
    src = tmp_path / "rt"
    (src / "src").mkdir(parents=True)
    (src / "src" / "lib.rs").write_text(FAKE_LIB_RS)
    a = runtime_build.build_runtime("wasm32-wasi", src_dir=src)
    assert "building runtime for wasm32-wasi" in capfd.readouterr().err
    assert a.exists() and a.is_relative_to(tmp_path / "cache")
    b = runtime_build.build_runtime("wasm32-wasi", src_dir=src)
    assert b == a and capfd.readouterr().err == ""          # cached: no rebuild, no message
    (src / "src" / "extra.rs").write_text("// a new file changes the key\n")
    c = runtime_build.build_runtime("wasm32-wasi", src_dir=src)
    assert c != a and c.exists()
    assert not list((tmp_path / "cache" / "runtime").glob(".*tmp*")), "temp dirs left behind"


def test_runtime_build_concurrent(tmp_path):
    """Two processes asking at once: one builds, both get the same complete rlib."""
    src = tmp_path / "rt"
    (src / "src").mkdir(parents=True)
    (src / "src" / "lib.rs").write_text(FAKE_LIB_RS + "pub fn concurrent() {}\n")
    env = dict(os.environ, PYBC2WASM_CACHE=str(tmp_path / "cache"))
    code = ("import sys; from pathlib import Path; from pybc2wasm.runtime_build import build_runtime;"
            f"print(build_runtime('wasm32-wasi', src_dir=Path({str(src)!r})))")
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env) for _ in range(3)]
    results = [p.communicate() + (p.returncode,) for p in procs]
    assert all(rc == 0 for _, _, rc in results), results
    paths = {out.strip() for out, _, _ in results}
    assert len(paths) == 1 and Path(paths.pop()).exists()
    assert sum("building runtime" in err for _, err, _ in results) == 1, results


def test_broken_runtime_is_an_internal_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PYBC2WASM_CACHE", str(tmp_path / "cache"))
    src = tmp_path / "rt"
    (src / "src").mkdir(parents=True)
    (src / "src" / "lib.rs").write_text("pub fn broken( {\n")
    with pytest.raises(runtime_build.RuntimeBuildError, match="(?s)internal error.*build dir"):
        runtime_build.build_runtime("wasm32-wasi", src_dir=src, quiet=True)


# ------------------------------------------------------------------------------ link

def test_wasm_has_big_shadow_stack(built):
    """-zstack-size reached rust-lld: the stack pointer starts at 16 MiB."""
    import wasmtime
    eng = wasmtime.Engine()
    mod = wasmtime.Module.from_file(eng, str(built["wasm32-wasi"]))
    assert any(e.name == "_start" for e in mod.exports)
    data = built["wasm32-wasi"].read_bytes()
    assert data[:4] == b"\0asm"
    assert wasm_sections.stack_pointer_init(data) == link.WASM_STACK_SIZE


def test_link_cache_reuses_output(fake_runtime, toolchain, tmp_path):
    rlib = runtime_build.build_runtime("wasm32-wasi", src_dir=fake_runtime, quiet=True)
    obj = llvm_object("wasm32-unknown-wasi")
    a = link.build_from_parts(MAIN_RS, obj, "wasm32-wasi", rlib=rlib)
    mtime = a.stat().st_mtime_ns
    out = link.build_from_parts(MAIN_RS, obj, "wasm32-wasi", tmp_path / "copy.wasm", rlib=rlib)
    assert a.stat().st_mtime_ns == mtime
    assert out.read_bytes() == a.read_bytes()


def test_rustc_failure_is_internal_error_with_build_dir(fake_runtime, tmp_path, monkeypatch):
    monkeypatch.setenv("PYBC2WASM_CACHE", str(tmp_path / "cache"))
    rlib = runtime_build.build_runtime("wasm32-wasi", src_dir=fake_runtime, quiet=True)
    with pytest.raises(link.LinkError) as ei:
        link.build_from_parts("fn main() { let x: i32 = \"no\"; }", None, "wasm32-wasi", rlib=rlib)
    msg = str(ei.value)
    assert msg.startswith("internal error") and "build dir" in msg
    bdir = Path(msg.split("rustc-stderr.txt): ", 1)[1].splitlines()[0])
    assert (bdir / "main.rs").exists() and (bdir / "rustc-stderr.txt").exists()


# ------------------------------------------------------------------------------ hosts

@pytest.mark.parametrize("host", ["wasmtime", "node", "native"])
def test_run_argv_stdio_status(host, built, toolchain, tmp_path):
    skip_without_node(host, toolchain)
    status, out, err = run_host(host, built, ["prog.pyc", "a", "b c"], tmp_path)
    assert out == 'hello from fake pyrt ["prog.pyc", "a", "b c"] 42\n'
    assert err == "to stderr\n"
    assert status == 13


@pytest.mark.parametrize("host", ["wasmtime", "node", "native"])
def test_trap_is_134(host, built, toolchain, tmp_path):
    skip_without_node(host, toolchain)
    status, out, err = run_host(host, built, ["prog.pyc", "abort"], tmp_path)
    assert status == runner.TRAP_STATUS
    if host != "native":
        assert "error: wasm trap:" in err


@pytest.mark.parametrize("host", ["wasmtime", "node", "native"])
def test_deep_recursion_fits(host, built, toolchain, tmp_path):
    """50000 nested Rust calls with ~300-byte frames: more than both wasm hosts allow by default
    (wasmtime stops near 10000, Node near 20000), so this checks the big host stacks.
    Native: this hand-written main runs on the main thread, whose stack (ulimit -s, 8 MiB) no
    linker flag changes; 50000 levels overflow it, so native checks 10000. Printed code gets
    more from the runtime running the module on a big-stack thread."""
    skip_without_node(host, toolchain)
    depth = "10000" if host == "native" else "50000"
    status, out, err = run_host(host, built, ["prog.pyc", "deep", depth], tmp_path)
    assert (status, out.split(" ")[0]) == (0, "deep"), err


@pytest.mark.parametrize("host", ["wasmtime", "node"])
def test_timeout(host, built, toolchain, tmp_path):
    skip_without_node(host, toolchain)
    status, out, err = run_host(host, built, ["prog.pyc", "loop"], tmp_path, timeout=1)
    assert status == runner.TRAP_STATUS
    assert "timed out" in err


def test_node_runner_has_no_exit_71(built, toolchain):
    """The startup of a Rust wasm32-wasi command under node:wasi (see runner.py on status 71)."""
    if toolchain.node is None:
        pytest.skip("node >= 20 not found (optional host)")
    res = subprocess.run(runner.node_command(built["wasm32-wasi"], ["p.pyc"]), capture_output=True, text=True)
    assert res.returncode == 11, res.stderr
    assert res.stderr == "to stderr\n"     # no ExperimentalWarning noise either


# ------------------------------------------------------------------------------ the real runtime

REAL_MAIN = "#[allow(unused_imports)]\nuse pyrt::*;\nfn main() { println!(\"linked\"); }\n"


@pytest.mark.parametrize("target", ["wasm32-wasi", "native"])
def test_real_runtime_builds_and_links(target, runtimes, tmp_path):
    exe = link.build_from_parts(REAL_MAIN, None, target, rlib=runtimes[target])
    host = "wasmtime" if target == "wasm32-wasi" else "native"
    out = tmp_path / "out"
    assert runner.run(exe, host, ["x"], stdout=out, stdin=Path(os.devnull)) == 0
    assert out.read_text() == "linked\n"


def test_epoch_checks_only_with_a_timeout(built, tmp_path):
    """Epoch interruption costs every loop and call a check: a run without a timeout gets an
    engine without it, a run with one still stops (test_timeout), both give the output."""
    runner._engines.clear()
    for timeout in (None, 60):
        status, out, err = run_host("wasmtime", built, ["prog.pyc"], tmp_path, timeout=timeout)
        assert (status, out) == (11, 'hello from fake pyrt ["prog.pyc"] 42\n'), err
    assert {k: d["epoch"] for k, (_, d) in runner._engines.items()} == {False: False, True: True}


def test_version_queries_are_remembered_per_binary(tmp_path, monkeypatch):
    """A tool's answer to a version question is asked once per build of the binary: the
    second discovery does not run it again, and a replaced binary is asked anew."""
    monkeypatch.setenv("PYBC2WASM_CACHE", str(tmp_path / "cache"))
    calls = tmp_path / "calls"
    tool = tmp_path / "bin" / "fake-tool"
    tool.parent.mkdir()

    def install(version: str) -> None:
        tool.write_text(f"#!/bin/sh\necho run >> {calls}\necho '{version}'\n")
        tool.chmod(0o755)

    install("fake-tool 1.0")
    first = tc_mod._run_query([str(tool), "--version"])
    again = tc_mod._run_query([str(tool), "--version"])
    assert (first.stdout, again.stdout) == ("fake-tool 1.0\n", "fake-tool 1.0\n")
    assert calls.read_text().count("run") == 1

    install("fake-tool 2.0 (a longer version line)")   # another size: another binary
    assert tc_mod._run_query([str(tool), "--version"]).stdout.startswith("fake-tool 2.0")
    assert calls.read_text().count("run") == 2

    failing = tmp_path / "bin" / "failing-tool"
    failing.write_text(f"#!/bin/sh\necho run >> {calls}\nexit 3\n")
    failing.chmod(0o755)
    assert tc_mod._run_query([str(failing), "--version"]).returncode == 3
    assert tc_mod._run_query([str(failing), "--version"]).returncode == 3
    assert calls.read_text().count("run") == 4   # failures are not remembered
