// Run a WASI command module under Node >= 20 (node:wasi), like pybc2wasm's wasmtime host:
//   node --no-warnings node_runner.mjs MODULE.wasm ARGV0 [ARGS...]
// stdio inherited, no environment, no preopened directories; the exit status is the module's
// (0 when _start returns); a trap prints "error: wasm trap: ..." and exits 134.
//
// The module runs in a Worker with a 64 MiB thread stack: wasm frames live on V8's machine
// stack (~1 MiB on the main thread), too small for 1000 nested Python calls of printed code.
//
// Exit status 71 (EX_OSERR) comes from wasi-libc's startup code when fd_prestat_get (the
// preopen scan), args_*_get or environ_*_get fail before main; see runner.py. The options
// below (version 'preview1', string args, an env object, no preopens, returnOnExit) give a
// clean start under Node 20.
import { Worker, isMainThread, workerData } from 'node:worker_threads';
import { readFileSync, writeSync } from 'node:fs';
import { WASI } from 'node:wasi';

const TRAP_STATUS = 134;
const STACK_MB = 64;

if (isMainThread) {
  const [wasmPath, ...argv] = process.argv.slice(2);
  if (!wasmPath) {
    writeSync(2, 'usage: node node_runner.mjs MODULE.wasm ARGV0 [ARGS...]\n');
    process.exit(2);
  }
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { wasmPath, argv: argv.length ? argv : [wasmPath] },
    resourceLimits: { stackSizeMb: STACK_MB },
    stdin: false, stdout: false, stderr: false, // the module writes fds 0-2 directly
  });
  worker.on('message', (code) => { process.exitCode = code; });
  worker.on('error', (e) => {
    writeSync(2, `error: node runner: ${e && e.stack || e}\n`);
    process.exitCode = TRAP_STATUS;
  });
} else {
  const { wasmPath, argv } = workerData;
  const wasi = new WASI({ version: 'preview1', args: argv, env: {}, returnOnExit: true });
  let code;
  try {
    const module = new WebAssembly.Module(readFileSync(wasmPath));
    const instance = new WebAssembly.Instance(module, wasi.getImportObject());
    code = wasi.start(instance);
  } catch (e) {
    const msg = (e instanceof WebAssembly.RuntimeError || e instanceof RangeError)
      ? `error: wasm trap: ${e.message}\n`
      : `error: node runner: ${e && e.stack || e}\n`;
    writeSync(2, msg);
    code = TRAP_STATUS;
  }
  (await import('node:worker_threads')).parentPort.postMessage(code);
}
