"""The web target: `pybc2wasm compile --target web` writes a directory (module, index.html,
pybc2wasm-web.js) whose page runs the program in a browser.

Each program is compiled with the CLI, served by a local http.server thread and opened in
headless Chromium (tests/web_browser.py); what the page wrote into its DOM (stdout and stderr
runs of #output, the exit status on #status) must equal what CPython prints for the same .pyc,
computed at test time. The same site's shim also runs under Node (tests/web_node_run.cjs), a
cheap second check that compares bytes. Compile-time refusal of a module importing what the
shim lacks, the fallbacks of the loader, and the shim's answers for files and sockets are
tested too.
"""
from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import sys
import threading
import urllib.parse
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO, requires_core, requires_runtime
from test_differential import expected, prepare, program_args, program_id, programs
from web_browser import Chromium, chromium_path

PROGRAMS = REPO / "tests" / "programs"
# random_class builds most of the stdlib's random module graph: slow, outside the default suite
WEB_PROGRAMS = ["hello", "sys_argv", "zero_division", "recursion_limit", "time_clocks_random",
                pytest.param("random_class", marks=pytest.mark.slow)]
NODE_RUN = REPO / "tests" / "web_node_run.cjs"
SITE_FILES = {"index.html", "pybc2wasm-web.js"}


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the sites; under /plain/ a .wasm comes as application/octet-stream (a server
    that does not know the wasm type: the loader must fall back from streaming compilation)."""

    def translate_path(self, path):
        if path.startswith("/plain/"):
            path = path[len("/plain"):]
        return super().translate_path(path)

    def guess_type(self, path):
        if self.path.startswith("/plain/") and str(path).endswith(".wasm"):
            return "application/octet-stream"
        return super().guess_type(path)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(root directory, base URL) of an http.server thread."""
    root = tmp_path_factory.mktemp("sites")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    if chromium_path() is None:
        pytest.fail("chromium is not installed: run tools/bootstrap.sh (it installs Debian's chromium)")
    b = Chromium()
    yield b
    b.close()


def compile_site(pyc: Path, site: Path):
    """`pybc2wasm compile --target web PYC -o SITE`, in this process (the command line itself
    is run in test_site_layout_and_default_output)."""
    from pybc2wasm import cli
    return CliRunner().invoke(cli.main, ["compile", "--target", "web", "-q", "-j", "1", str(pyc),
                                         "-o", str(site)])


@pytest.fixture(scope="module")
def sites(served):
    """site(NAME): tests/programs/NAME.py's bytecode compiled into the served directory
    NAME/ (once per module): (pyc, args, site)."""
    root, _ = served
    built: dict[str, tuple[Path, list[str], Path]] = {}

    def site(name: str):
        if name not in built:
            work = root / f"{name}-src"
            work.mkdir()
            src = PROGRAMS / f"{name}.py"
            pyc = prepare(src, work)
            res = compile_site(pyc, root / name)
            assert res.exit_code == 0, res.stderr
            built[name] = (pyc, program_args(src), root / name)
        return built[name]
    return site


def page_url(base: str, site: str, args: list[str]) -> str:
    query = urllib.parse.urlencode([("arg", a) for a in args])
    return f"{base}/{site}/index.html" + (f"?{query}" if query else "")


def text(b: bytes) -> str:
    return b.decode("utf-8", "replace")


# ------------------------------------------------------------------------------- the page

@requires_core
@requires_runtime
@pytest.mark.parametrize("name", WEB_PROGRAMS)
def test_page_output_equals_cpython(name, served, sites, browser):
    pyc, args, _ = sites(name)
    want_out, want_err, want_status = expected(pyc, args)
    got = browser.run_page(page_url(served[1], name, args))
    assert (got["stdout"], got["stderr"], got["status"]) == \
        (text(want_out), text(want_err), want_status)


@requires_core
@requires_runtime
def test_site_layout_and_default_output(tmp_path):
    pyc = prepare(PROGRAMS / "hello.py", tmp_path)
    res = subprocess.run([sys.executable, "-m", "pybc2wasm", "compile", "--target", "web", "-j", "1",
                          pyc.name], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    site = tmp_path / "hello-web"
    assert {p.name for p in site.iterdir()} == SITE_FILES | {"hello.wasm"}
    assert "hello-web/hello.wasm" in res.stderr            # the summary names the site's module
    page = (site / "index.html").read_text()
    assert 'data-wasm="hello.wasm"' in page and 'data-argv0="hello.pyc"' in page
    from pybc2wasm.web import SHIM
    assert (site / "pybc2wasm-web.js").read_bytes() == SHIM.read_bytes()
    # the same module --target wasm32-wasi builds
    from pybc2wasm import cli
    plain = tmp_path / "plain.wasm"
    res = CliRunner().invoke(cli.main, ["compile", "-q", "-j", "1", str(pyc), "-o", str(plain)])
    assert res.exit_code == 0, res.stderr
    assert plain.read_bytes() == (site / "hello.wasm").read_bytes()


@requires_core
@requires_runtime
def test_loader_fallbacks(served, sites, browser):
    """A server without the wasm MIME type still works (compiled from the bytes); a page
    opened as file:// cannot fetch, and says how to serve it."""
    _, _, site = sites("hello")
    got = browser.run_page(f"{served[1]}/plain/hello/index.html")
    assert (got["status"], got["stderr"]) == (0, ""), got
    assert got["stdout"].startswith("hello, world\n")
    got = browser.run_page((site / "index.html").as_uri())
    assert got["status"] == 134 and got["stdout"] == ""
    assert "python3 -m http.server" in got["stderr"], got["stderr"]


# ------------------------------------------------------------------------- compile-time check

@requires_core
@requires_runtime
def test_module_importing_what_the_shim_lacks_is_refused(tmp_path, monkeypatch):
    """With a shim that lacks fd_write (every module imports it), `compile --target web` fails
    with exit 2 and names the import, and writes no site."""
    from pybc2wasm import cli, web

    shim = tmp_path / "reduced.js"
    original = web.SHIM.read_text()
    reduced = original.replace('"fd_write"', '"fd_write_absent"', 1)
    assert reduced != original
    shim.write_text(reduced)
    monkeypatch.setattr(web, "SHIM", shim)
    pyc = prepare(PROGRAMS / "hello.py", tmp_path)
    site = tmp_path / "site"
    res = CliRunner().invoke(
        cli.main, ["compile", "--target", "web", "-q", "-j", "1", str(pyc), "-o", str(site)])
    assert res.exit_code == 2, (res.output, res.stderr)
    assert "wasi_snapshot_preview1.fd_write (func)" in res.stderr
    assert "pybc2wasm-web.js does not provide" in res.stderr
    assert not site.exists()


def test_output_that_is_a_file_is_refused(tmp_path):
    from pybc2wasm import cli
    pyc = prepare(PROGRAMS / "hello.py", tmp_path)
    taken = tmp_path / "site"
    taken.write_text("not a directory")
    res = CliRunner().invoke(cli.main, ["compile", "--target", "web", "-q", str(pyc), "-o", str(taken)])
    assert res.exit_code == 2 and "writes a directory" in res.stderr, res.stderr
    assert taken.read_text() == "not a directory"


def _wasm_with_imports(imports: list[tuple[str, str, bytes]]) -> bytes:
    """A module with one function type () -> () and the given (module, name, descriptor)."""
    def uleb(n: int) -> bytes:
        out = bytearray()
        while True:
            out.append((n & 0x7F) | (0x80 if n >> 7 else 0))
            n >>= 7
            if not n:
                return bytes(out)

    def name(s: str) -> bytes:
        return uleb(len(s)) + s.encode()

    def section(sid: int, body: bytes) -> bytes:
        return bytes([sid]) + uleb(len(body)) + body
    types = section(1, b"\x01\x60\x00\x00")
    body = uleb(len(imports)) + b"".join(name(m) + name(n) + d for m, n, d in imports)
    return b"\0asm\x01\0\0\0" + types + section(2, body)


def test_unprovided_imports_of_a_module():
    from pybc2wasm.wasm_sections import Import, imports_of
    from pybc2wasm.web import shim_functions, unprovided_imports

    wasm = _wasm_with_imports([
        ("wasi_snapshot_preview1", "fd_write", b"\x00\x00"),       # func, type 0
        ("env", "memory", b"\x02\x01\x01\x02"),                    # memory, min 1 max 2
        ("wasi_snapshot_preview1", "sock_open", b"\x00\x00"),      # not in preview1's shim
        ("wasi_snapshot_preview1", "args_get", b"\x03\x7f\x00"),   # a global, not a function
        ("wasi_snapshot_preview1", "random_get", b"\x01\x70\x00\x01"),  # a table
    ])
    assert [i.kind for i in imports_of(wasm)] == ["func", "memory", "func", "global", "table"]
    assert unprovided_imports(wasm, shim_functions()) == [
        Import("env", "memory", "memory"), Import("wasi_snapshot_preview1", "sock_open", "func"),
        Import("wasi_snapshot_preview1", "args_get", "global"),
        Import("wasi_snapshot_preview1", "random_get", "table")]


# ----------------------------------------------------------------------------- under Node

def _node():
    node = shutil.which("node")
    if node is None:
        pytest.skip("node not found (optional host)")
    return node


@requires_core
@requires_runtime
@pytest.mark.parametrize("name", ["hello", "sys_argv", "zero_division", "recursion_limit",
                                  "time_clocks_random"])
def test_shim_under_node_equals_cpython(name, sites):
    node = _node()
    pyc, args, site = sites(name)
    res = subprocess.run([node, str(NODE_RUN), str(site / "pybc2wasm-web.js"), str(site / f"{name}.wasm"),
                          pyc.name, *args], capture_output=True, stdin=subprocess.DEVNULL, timeout=120)
    assert (res.stdout, res.stderr, res.returncode) == expected(pyc, args)


@requires_core
@requires_runtime
def test_import_reader_agrees_with_the_engine(sites):
    """wasm_sections.imports_of lists what V8's WebAssembly.Module.imports lists."""
    from pybc2wasm.wasm_sections import imports_of
    node = _node()
    _, _, site = sites("time_clocks_random")
    wasm = site / "time_clocks_random.wasm"
    script = ("const m = new WebAssembly.Module(require('fs').readFileSync(process.argv[1]));"
              "console.log(JSON.stringify(WebAssembly.Module.imports(m)));")
    res = subprocess.run([node, "-e", script, str(wasm)], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    kinds = {"function": "func", "memory": "memory", "table": "table", "global": "global"}
    engine = [(i["module"], i["name"], kinds[i["kind"]]) for i in json.loads(res.stdout)]
    ours = [(i.module, i.name, i.kind) for i in imports_of(wasm.read_bytes())]
    assert ours == engine and len(ours) > 10


# errno values of WASI preview1
SUCCESS, EBADF, EINVAL, ENOSYS, ENOTDIR, ENOTSOCK, ESPIPE = 0, 8, 28, 52, 54, 57, 70

SHIM_CALLS = """
const shim = require(process.argv[1]);
const memory = new WebAssembly.Memory({ initial: 2 });
const w = shim.wasiImports(() => memory, { args: ['a.pyc', 'xy'], env: { K: 'v' } });
const v = new DataView(memory.buffer);
const out = {
  prestat3: w.fd_prestat_get(3, 0),
  path_open_fd3: w.path_open(3, 0, 0, 0, 0, 0n, 0n, 0, 100),
  path_open_stdin: w.path_open(0, 0, 0, 0, 0, 0n, 0n, 0, 100),
  read_stdin: [w.fd_read(0, 0, 0, 200), v.getUint32(200, true)],
  read_fd3: w.fd_read(3, 0, 0, 200),
  write_stdin: w.fd_write(0, 0, 0, 200),
  seek_stdout: w.fd_seek(1, 0n, 0, 200),
  sock_send_fd5: w.sock_send(5, 0, 0, 0, 200),
  sock_send_stdout: w.sock_send(1, 0, 0, 0, 200),
  clock_bad: w.clock_time_get(9, 0n, 200),
  args_sizes: [w.args_sizes_get(300, 304), v.getUint32(300, true), v.getUint32(304, true)],
  env_sizes: [w.environ_sizes_get(300, 304), v.getUint32(300, true), v.getUint32(304, true)],
  random: w.random_get(1000, 70000),
  proc_raise: w.proc_raise(6),
};
console.log(JSON.stringify(out));
"""


def test_shim_answers_for_files_sockets_and_stdio():
    """No preopens, no files, no sockets: EBADF for fds that are not open, stdio's own errors
    for what it cannot do; stdin is at end of file; argv and environ sizes as given."""
    from pybc2wasm.web import SHIM
    node = _node()
    res = subprocess.run([node, "-e", SHIM_CALLS, str(SHIM)], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout) == {
        "prestat3": EBADF, "path_open_fd3": EBADF,
        "path_open_stdin": ENOTDIR, "read_stdin": [SUCCESS, 0], "read_fd3": EBADF,
        "write_stdin": EBADF, "seek_stdout": ESPIPE, "sock_send_fd5": EBADF,
        "sock_send_stdout": ENOTSOCK, "clock_bad": EINVAL,
        "args_sizes": [SUCCESS, 2, len("a.pyc\0xy\0")], "env_sizes": [SUCCESS, 1, len("K=v\0")],
        "random": SUCCESS, "proc_raise": ENOSYS}


@requires_core
@requires_runtime
@pytest.mark.slow
@pytest.mark.parametrize("src", programs(), ids=program_id)
def test_every_differential_program_under_the_shim(src, tmp_path):
    """The whole differential corpus through the browser's loader (under Node, main thread:
    the browser's stack, not the node runner's 64 MiB worker)."""
    from compile_helpers import build_program
    from pybc2wasm.web import SHIM, check_imports
    node = _node()
    args = program_args(src)
    pyc = prepare(src, tmp_path)
    wasm = build_program([pyc], None, "wasm32-wasi")
    check_imports(wasm.read_bytes())
    res = subprocess.run([node, str(NODE_RUN), str(SHIM), str(wasm), pyc.name, *args],
                         capture_output=True, stdin=subprocess.DEVNULL, timeout=120)
    assert (res.stdout, res.stderr, res.returncode) == expected(pyc, args)
