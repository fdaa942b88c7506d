"""A panic in the runtime (a bug, or a limit it cannot report as an exception) must not lose
what the program already printed: the panic hook flushes stdout, prints one line saying why,
and aborts: a trap (status 134) in wasm, SIGABRT (134) natively."""
from __future__ import annotations

import pytest

from pybc2wasm import link, runner

PANICKING_MAIN = r'''
fn main() {
    pyrt::io::install_panic_hook();
    pyrt::io::write_stdout(b"line one\n");
    pyrt::io::write_stdout(b"a partial line");
    let v: Vec<u8> = Vec::new();
    let i = std::env::args().count() + 4;
    pyrt::io::write_stdout(format!("{}", v[i]).as_bytes());
}
'''

HOSTS = {"wasmtime": "wasm32-wasi", "native": "native"}


@pytest.mark.parametrize("host", sorted(HOSTS))
def test_panic_flushes_stdout_and_says_why(host, runtimes, tmp_path):
    target = HOSTS[host]
    exe = link.build_from_parts(PANICKING_MAIN, None, target, tmp_path / "panics",
                                rlib=runtimes[target], quiet=True)
    out, err = tmp_path / "out", tmp_path / "err"
    status = runner.run(exe, host, ["panics"], stdout=out, stderr=err, timeout=60)
    assert out.read_text() == "line one\na partial line"
    first = err.read_text().splitlines()[0]
    assert first.startswith("pybc2wasm runtime: fatal error: index out of bounds"), first
    assert status == runner.TRAP_STATUS == 134
