// Runs Pyodide's CPython from node, as an oracle and .pyc producer for versions without a
// native build here (3.12). Installed by tools/get_pythons.sh under <pythons>/pyodide.
//
//   node pyodide_run.mjs PACKAGE run PROG.py [ARGS...]   stdout/stderr passed through; exit status
//                                                       = SystemExit code, 1 after a traceback
//   node pyodide_run.mjs PACKAGE compile SRC.py OUT.pyc  py_compile inside Pyodide (unchecked hash,
//                                                       co_filename = the source's base name)
//
// PACKAGE is the npm alias (pyodide312). PYRUN_MOUNT=/dir[:/dir2] exposes host directories
// inside Pyodide at the same path. Nothing is fetched from the network.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const [pkg, mode, ...rest] = process.argv.slice(2);
const root = process.env.PYBC2WASM_PYTHONS ||
  path.join(process.env.PYBC2WASM_CACHE || path.join(process.env.HOME, ".cache", "pybc2wasm"), "pythons");
const require = createRequire(path.join(root, "pyodide", "package.json"));
const mod = await import(require.resolve(pkg));
const loadPyodide = mod.loadPyodide || mod.default.loadPyodide;
const env = { HOME: "/home/pyodide" };
if (process.env.PYTHONHASHSEED !== undefined) env.PYTHONHASHSEED = process.env.PYTHONHASHSEED;
const py = await loadPyodide({ env, stdout: () => {}, stderr: () => {} });
const out = (fd) => (buf) => {
  try { fs.writeSync(fd, buf); } catch (e) { if (e.code !== "EPIPE") throw e; }
  return buf.length;
};
py.setStdout({ write: out(1), isatty: false });
py.setStderr({ write: out(2), isatty: false });
py.setStdin({ error: true });
for (const d of (process.env.PYRUN_MOUNT || "").split(":").filter(Boolean)) {
  py.FS.mkdirTree(d);
  py.mountNodeFS(d, d);
}

const [runFn, compileFn] = py.runPython(`
import sys, traceback
def _exit_code(e):
    c = e.code
    if c is None: return 0
    if isinstance(c, int): return c
    print(c, file=sys.stderr); return 1
def _plain_event_loop():
    # Pyodide replaces asyncio.run and the loop policy with its WebLoop, whose
    # run_until_complete needs JS stack switching (absent under node): a program that sleeps
    # would fail. Run programs on CPython's own selector loop instead, with a selector that
    # only waits for timers (no I/O, no self-pipe: Pyodide has no socketpair).
    import asyncio, selectors, time
    import pyodide.webloop as webloop
    class NoIOSelector(selectors.BaseSelector):
        def __init__(self): self._map = {}
        def register(self, fileobj, events, data=None):
            raise NotImplementedError("the Pyodide oracle's event loop has no I/O")
        def unregister(self, fileobj): raise KeyError(fileobj)
        def select(self, timeout=None):
            if timeout is None: raise RuntimeError("event loop would wait forever")
            if timeout > 0: time.sleep(timeout)
            return []
        def close(self): pass
        def get_map(self): return self._map
    class TimerLoop(asyncio.SelectorEventLoop):
        def __init__(self): super().__init__(NoIOSelector())
        def _make_self_pipe(self): pass
        def _close_self_pipe(self): pass
        def _write_to_self(self): pass
    class Policy(asyncio.DefaultEventLoopPolicy):
        _loop_factory = TimerLoop
    asyncio.run = webloop._orig_run
    asyncio.events._set_running_loop(None)
    asyncio.set_event_loop_policy(Policy())
_runner_depth = None
def _own_frames_off_the_limit():
    # The runner's frames below the program's module frame (_run, runpy's run_path,
    # _run_module_code, _run_code) count toward the recursion limit; under
    # \`python3.12 prog.pyc\` the module frame is the first. Measure them once by running a probe
    # the same way, then raise the limit by that many, and report the program's view of it
    # through sys.getrecursionlimit/setrecursionlimit, so the program recurses exactly as deep.
    global _runner_depth
    import os, runpy
    if _runner_depth is not None:
        return
    probe = "/tmp/_pybc2wasm_depth_probe.py"
    with open(probe, "w") as f:
        f.write("import sys\\nf = sys._getframe(); n = 0\\n"
                "while f is not None:\\n    n += 1; f = f.f_back\\nDEPTH = n\\n")
    # the probe's frames: its module's, runpy's three, this function's and _run's; the
    # program's: runpy's three and _run's
    _runner_depth = runpy.run_path(probe)["DEPTH"] - 2
    os.remove(probe)
    orig_get, orig_set = sys.getrecursionlimit, sys.setrecursionlimit
    def getrecursionlimit():
        return orig_get() - _runner_depth
    def setrecursionlimit(limit):
        if isinstance(limit, int) and limit >= 1:
            return orig_set(limit + _runner_depth)
        return orig_set(limit)
    sys.getrecursionlimit, sys.setrecursionlimit = getrecursionlimit, setrecursionlimit
    orig_set(orig_get() + _runner_depth)
class _KeepMain:
    # runpy's _TempModule puts the runner's __main__ back when the program ends; under
    # \`python3.12 prog.pyc\` the program's module stays __main__ until the interpreter is
    # finalized (its objects' __del__ run then), so leave it in sys.modules
    def __init__(self, inner): self.inner = inner
    def __enter__(self): return self.inner.__enter__()
    def __exit__(self, *exc): self.inner._saved_module = []
def _run(path, argv):
    import os, runpy
    _plain_event_loop()
    _own_frames_off_the_limit()
    temp_module = runpy._TempModule
    runpy._TempModule = lambda name: _KeepMain(temp_module(name))
    # the runner's own cycles (Pyodide's start-up, the loop setup above) are not the
    # program's: a program's first gc.collect() under \`python3.12 prog.pyc\` finds none of them
    import gc; gc.collect()
    sys.argv = [os.path.basename(path)] + list(argv)    # run from its directory, as natively
    own = (path, os.path.splitext(os.path.basename(path))[0] + ".py")   # a .pyc's dfile
    rc = 0
    try:
        runpy.run_path(path, run_name="__main__")
    except SystemExit as e:
        rc = _exit_code(e)
    except BaseException as e:
        tb = e.__traceback__          # drop the runner's and runpy's frames
        while tb is not None and tb.tb_frame.f_code.co_filename not in own:
            tb = tb.tb_next
        # the interpreter's own display (sys.__excepthook__ is PyErr_Display, C code in 3.12),
        # not the traceback module, whose exception-group layout differs until 3.13 uses it
        e = e.with_traceback(tb or e.__traceback__)
        # PyErr_Print's sys.last_* (they keep the exception, and its frames' locals, alive
        # until the interpreter is finalized)
        sys.last_exc, sys.last_type, sys.last_value, sys.last_traceback = e, type(e), e, e.__traceback__
        sys.__excepthook__(type(e), e, e.__traceback__); rc = 1
    finally:
        sys.stdout.flush(); sys.stderr.flush()
    return rc
def _compile(src, dst):
    import os, py_compile
    py_compile.compile(src, cfile=dst, dfile=os.path.basename(src), doraise=True,
                       invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
_run, _compile`).toJs({ depth: 1 });

const put = (host, inner) => {
  py.FS.mkdirTree(path.posix.dirname(inner));
  py.FS.writeFile(inner, fs.readFileSync(host));
};

let rc = 0;
if (mode === "run") {
  const [prog, ...args] = rest;
  const inner = "/work/" + path.basename(prog);
  put(prog, inner);
  py.FS.chdir("/work");
  rc = runFn(inner, py.toPy(args));
  // as the interpreter does when \`python3.12 prog.pyc\` ends: atexit callbacks, the modules'
  // (__main__ first of them) objects finalized, the standard streams flushed
  py._module._Py_FinalizeEx();
} else if (mode === "compile") {
  for (let i = 0; i < rest.length; i += 2) {
    const inner = "/work/src/" + path.basename(rest[i]);
    put(rest[i], inner);
    compileFn(inner, "/work/out.pyc");
    fs.writeFileSync(rest[i + 1], py.FS.readFile("/work/out.pyc"));
  }
} else {
  console.error("usage: node pyodide_run.mjs PACKAGE run|compile ...");
  rc = 2;
}
process.exit(rc);
