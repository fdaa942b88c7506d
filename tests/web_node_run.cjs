// Runs a module through the browser shim (pybc2wasm/web/pybc2wasm-web.js) under Node, as the
// page would, for tests/test_web_host.py:
//   node web_node_run.cjs SHIM.js MODULE.wasm ARGV0 [ARGS...]
// stdout/stderr bytes go to this process's; the exit status is the module's. Also checks that
// the shim's import object defines exactly its WASI_FUNCTIONS list (status 3 if not).
'use strict';
const fs = require('fs');

const [shimPath, wasmPath, ...args] = process.argv.slice(2);
const shim = require(require('path').resolve(shimPath));

const defined = Object.keys(shim.wasiImports(() => null, {})).sort();
const listed = [...shim.WASI_FUNCTIONS].sort();
if (JSON.stringify(defined) !== JSON.stringify(listed)) {
  fs.writeSync(2, `shim mismatch: defines ${defined} but lists ${listed}\n`);
  process.exit(3);
}

(async () => {
  const module = await WebAssembly.compile(fs.readFileSync(wasmPath));
  const status = await shim.runModule(module, {
    args,
    env: {},
    stdout: (b) => fs.writeSync(1, b),
    stderr: (b) => fs.writeSync(2, b),
  });
  process.exitCode = status;
})();
