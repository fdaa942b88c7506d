# The C modules subprocess imports (select, _posixsubprocess) are natives: importing
# subprocess and selectors works, select's constants and error are CPython's, and a select()
# with nothing to wait on returns after its timeout (starting a process cannot work: not run).
import select
import selectors
import subprocess

print(select.error is OSError, select.POLLIN, select.POLLPRI, select.POLLOUT, select.POLLERR,
      select.POLLHUP, select.POLLNVAL, select.PIPE_BUF)
print(select.select([], [], [], 0), select.select((), [], [], 0.01))
for bad in [(1, [], []), ([], [], [], -1), ([], [], [], "x")]:
    try:
        select.select(*bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(issubclass(selectors.DefaultSelector, selectors.BaseSelector), subprocess.PIPE,
      subprocess.STDOUT, subprocess.DEVNULL, issubclass(subprocess.CalledProcessError, subprocess.SubprocessError))
print(subprocess.list2cmdline(["a b", "c"]))
import os

print(os.waitstatus_to_exitcode(0), os.waitstatus_to_exitcode(3 << 8), os.waitstatus_to_exitcode(9),
      os.WIFSTOPPED(0x137f), os.WSTOPSIG(0x137f), os.WIFSTOPPED(0), os.WNOHANG)
try:
    os.waitpid(-1, os.WNOHANG)
except ChildProcessError as e:
    print("ChildProcessError", e.errno)
