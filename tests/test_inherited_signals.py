"""A native program started with signals ignored (`nohup`, a shell's background job) reports
them as CPython does: SIGINT stays SIG_IGN instead of default_int_handler, SIGHUP is SIG_IGN.
The program runs under CPython and natively with the same inherited dispositions."""
from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import requires_core, requires_runtime
from test_differential import TIMEOUT, cpython_env

PROGRAM = """\
import signal
def name(h):
    return {signal.SIG_IGN: 'SIG_IGN', signal.SIG_DFL: 'SIG_DFL'}.get(h, getattr(h, '__name__', repr(h)))
for s in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM, signal.SIGPIPE, signal.SIGUSR1):
    print(signal.Signals(s).name, name(signal.getsignal(s)))
"""


def ignoring(*signums):
    def start():
        for s in signums:
            signal.signal(s, signal.SIG_IGN)
    return start


@requires_core
@requires_runtime
@pytest.mark.parametrize("ignored", [(), (signal.SIGINT, signal.SIGHUP)], ids=["none", "int_hup"])
def test_inherited_ignored_signals(ignored, tmp_path: Path, runtimes):
    import py_compile

    from compile_helpers import build_program

    src = tmp_path / "sigs.py"
    src.write_text(PROGRAM)
    pyc = tmp_path / "sigs.pyc"
    py_compile.compile(str(src), cfile=str(pyc), doraise=True)
    built = build_program([pyc], None, "native")
    run = dict(capture_output=True, stdin=subprocess.DEVNULL, timeout=TIMEOUT, cwd=tmp_path,
               preexec_fn=ignoring(*ignored))
    want = subprocess.run([sys.executable, str(pyc)], env=cpython_env(), **run)
    got = subprocess.run([str(built)], **run)
    assert want.returncode == 0, want.stderr.decode()
    assert (got.stdout.decode(), got.returncode) == (want.stdout.decode(), 0), got.stderr.decode()
