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

const [prepareFn, statusFn, compileFn] = py.runPython(`
import sys
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
def _prepare(name, argv):
    # what \`python3.12 NAME ARGS\` has before the program's first instruction: a fresh
    # __main__ (PyRun_SimpleFile runs the file in sys.modules['__main__']), sys.argv, no
    # garbage of the runner's (a program's first gc.collect() finds none of Pyodide's start-up
    # cycles or the loop setup's)
    import builtins, gc, types
    _plain_event_loop()
    sys.argv = [name] + list(argv)
    main = types.ModuleType("__main__")
    main.__builtins__ = builtins
    main.__loader__ = sys.modules["__main__"].__dict__.get("__loader__")
    sys.modules["__main__"] = main
    sys.excepthook = _excepthook
    gc.collect()
_exit_status = None
def _excepthook(typ, value, tb):
    # Pyodide runs with sys.flags.inspect set, so PyErr_Print shows a SystemExit instead of
    # ending the process (Py_Exit) as \`python3.12 prog.pyc\` does: _Py_HandleSystemExit's part
    global _exit_status
    if not issubclass(typ, SystemExit):
        return sys.__excepthook__(typ, value, tb)
    code = value.code
    if code is None:
        _exit_status = 0
    elif isinstance(code, int):
        _exit_status = code
    else:
        sys.stderr.write(str(code) + "\\n")
        _exit_status = 1
def _status(rc):
    return rc if _exit_status is None else _exit_status
def _compile(src, dst):
    import os, py_compile
    py_compile.compile(src, cfile=dst, dfile=os.path.basename(src), doraise=True,
                       invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
_prepare, _status, _compile`).toJs({ depth: 1 });

const put = (host, inner) => {
  py.FS.mkdirTree(path.posix.dirname(inner));
  py.FS.writeFile(inner, fs.readFileSync(host));
};

let rc = 0;
if (mode === "run") {
  // CPython's own \`python3.12 prog.pyc\`: PyRun_SimpleFileExFlags runs the .pyc as __main__
  // (no frames of a runner below the program's: the recursion limit, sys._getframe and
  // tracebacks see what a real interpreter shows), PyErr_Print shows an uncaught exception
  // and keeps it in sys.last_*, a SystemExit ends the process through Py_Exit (finalizing),
  // otherwise the interpreter is finalized here: atexit callbacks, __main__'s objects' __del__,
  // the standard streams flushed
  const [prog, ...args] = rest;
  const name = path.basename(prog);
  put(prog, "/work/" + name);
  py.FS.chdir("/work");
  prepareFn(name, py.toPy(args));
  const m = py._module;
  const file = m.stringToNewUTF8(name);
  const fp = m._fopen(file, m.stringToNewUTF8("rb"));
  try {
    rc = statusFn(m._PyRun_SimpleFileExFlags(fp, file, 1, 0) === 0 ? 0 : 1);
    if (m._Py_FinalizeEx() < 0) rc = 120;
  } catch (e) {
    if (e && e.name === "ExitStatus") rc = e.status;
    else throw e;
  }
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
