"""Headless Chromium driven over the DevTools protocol (--remote-debugging-pipe), for
tests/test_web_host.py: open a page, wait until the program it runs has ended, read what the
page wrote into its DOM.

Why not `chromium --dump-dom`: it dumps at the load event, before the page's asynchronous
fetch + instantiate have run, and with --virtual-time-budget (which waits for them) the clocks
stop while a task runs, so a program that sleeps (poll_oneoff waits on the clock) never ends.

The pipe protocol: Chromium reads JSON commands from fd 3 and writes JSON replies and events
to fd 4, each message ending in a NUL byte.
"""
from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import tempfile
import time

# Resolves once #status carries the exit status; returns what the page wrote into its DOM.
READ_PAGE = """
new Promise((resolve) => {
  const read = () => ({
    stdout: [...document.querySelectorAll('#output span.stdout')].map((s) => s.textContent).join(''),
    stderr: [...document.querySelectorAll('#output span.stderr')].map((s) => s.textContent).join(''),
    status: Number(document.getElementById('status').dataset.exitStatus),
  });
  if (document.getElementById('status').dataset.exitStatus !== undefined) resolve(read());
  else document.addEventListener('pybc2wasm-exit', () => resolve(read()));
})
"""


class BrowserError(Exception):
    pass


def chromium_path() -> str | None:
    return shutil.which("chromium")


class Chromium:
    """One headless browser; `run_page(url)` opens a tab per page."""

    def __init__(self, timeout: float = 60):
        exe = chromium_path()
        if exe is None:
            raise BrowserError("chromium is not installed (tools/bootstrap.sh installs it)")
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="pybc2wasm-chromium-")
        cmd_r, self._cmd_w = os.pipe()
        self._reply_r, reply_w = os.pipe()

        def child_fds():
            # The protocol's fixed descriptors, commands 3 and replies 4, made with dup2, whose
            # copies are inheritable (every other descriptor Python opens is not, so
            # close_fds=False leaks nothing else). Copy first so neither dup2 clobbers the other.
            a, b = os.dup(cmd_r), os.dup(reply_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        # root needs --no-sandbox; no GPU, no first-run UI, nothing fetched from the network
        self.proc = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-extensions", "--disable-background-networking", "--disable-sync",
             "--remote-debugging-pipe", f"--user-data-dir={self.profile}", "about:blank"],
            executable=exe, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, preexec_fn=child_fds, close_fds=False)
        os.close(cmd_r)
        os.close(reply_w)
        self._next_id = 0
        self._buf = b""

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except (BrowserError, OSError):
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._cmd_w)
        os.close(self._reply_r)
        shutil.rmtree(self.profile, ignore_errors=True)

    def _read_message(self, deadline: float) -> dict:
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._reply_r], [], [], left)[0]:
                raise BrowserError("chromium did not answer in time")
            chunk = os.read(self._reply_r, 1 << 16)
            if not chunk:
                raise BrowserError("chromium closed the DevTools pipe")
            self._buf += chunk
        msg, self._buf = self._buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float | None = None, until_event: str | None = None) -> dict:
        """Send a command and return its result (after `until_event` too, when given)."""
        self._next_id += 1
        msg = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._cmd_w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + (timeout or self.timeout)
        result, seen_event = None, until_event is None
        while result is None or not seen_event:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                result = reply["result"]
            elif until_event and reply.get("method") == until_event and reply.get("sessionId") == session:
                seen_event = True
        return result

    def run_page(self, url: str) -> dict:
        """Open `url`, wait until its program ends; {stdout, stderr, status} from the DOM."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        try:
            session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            self.send("Page.enable", session=session)
            self.send("Page.navigate", {"url": url}, session=session, until_event="Page.loadEventFired")
            res = self.send("Runtime.evaluate", {"expression": READ_PAGE, "awaitPromise": True,
                                                 "returnByValue": True}, session=session)
            if "exceptionDetails" in res:
                raise BrowserError(f"reading the page failed: {res['exceptionDetails']}")
            return res["result"]["value"]
        finally:
            self.send("Target.closeTarget", {"targetId": target})
