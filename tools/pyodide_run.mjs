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
def _run(path, argv):
    import os, runpy
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
        traceback.print_exception(type(e), e, tb or e.__traceback__); rc = 1
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
