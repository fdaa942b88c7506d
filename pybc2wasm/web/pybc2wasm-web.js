// pybc2wasm-web.js: run a pybc2wasm module (a WASI preview1 command) in a browser, or in Node.
// Plain JavaScript, no dependencies. A classic script: it defines globalThis.PyBC2Wasm (and
// module.exports under Node's require).
//
// What the program gets (the same contract as `pybc2wasm run`, minus files):
//   stdout/stderr  each write goes to a callback (the page shows them in its <pre>)
//   stdin          empty: reads return end-of-file
//   argv, environ  given by the caller (the page: argv0, then ?arg=... of its URL; ?env=K=V)
//   clocks         realtime, monotonic, process/thread time (performance.now())
//   random         crypto.getRandomValues
//   files, network none: no preopened directory exists, so every path_* call fails with EBADF
//                  (the directory fd is not open); socket and other fd calls give EBADF for
//                  fds that are not open and ENOSYS for what stdio cannot do
// Exit status: proc_exit's code, 0 when _start returns, 134 after a trap ("error: wasm trap:
// ..." on stderr), like pybc2wasm's wasmtime and Node hosts.
//
// Wasm frames run on the JavaScript stack (about 1 MiB in browsers), so very deep Python
// recursion traps here sooner than under `pybc2wasm run` (which gives it 48-64 MiB).
(function (global) {
  'use strict';

  // Every function this shim provides; pybc2wasm/web.py reads this list (keep it one JSON
  // array) to refuse at compile time a module that imports anything else.
  const WASI_FUNCTIONS = [
    "args_get", "args_sizes_get", "environ_get", "environ_sizes_get",
    "clock_res_get", "clock_time_get", "random_get", "proc_exit", "proc_raise", "sched_yield",
    "poll_oneoff",
    "fd_advise", "fd_allocate", "fd_close", "fd_datasync", "fd_fdstat_get", "fd_fdstat_set_flags",
    "fd_fdstat_set_rights", "fd_filestat_get", "fd_filestat_set_size", "fd_filestat_set_times",
    "fd_pread", "fd_prestat_dir_name", "fd_prestat_get", "fd_pwrite", "fd_read", "fd_readdir",
    "fd_renumber", "fd_seek", "fd_sync", "fd_tell", "fd_write",
    "path_create_directory", "path_filestat_get", "path_filestat_set_times", "path_link",
    "path_open", "path_readlink", "path_remove_directory", "path_rename", "path_symlink",
    "path_unlink_file",
    "sock_accept", "sock_recv", "sock_send", "sock_shutdown"
  ];
  const WASI_MODULE = 'wasi_snapshot_preview1';
  const TRAP_STATUS = 134;

  // errno values of WASI preview1
  const SUCCESS = 0, EBADF = 8, EINVAL = 28, ENOSYS = 52, ENOTDIR = 54, ENOTSOCK = 57,
    ESPIPE = 70;
  const FILETYPE_UNKNOWN = 0;
  const RIGHT_FD_READ = 1n << 1n, RIGHT_FD_WRITE = 1n << 6n, RIGHT_POLL = 1n << 27n;
  const EVENT_CLOCK = 0, EVENT_FD_READ = 1, EVENT_FD_WRITE = 2, EVENT_HANGUP = 1;

  class WasiExit extends Error {
    constructor(code) { super(`exit ${code}`); this.code = code; }
  }

  const isStdio = (fd) => fd >= 0 && fd <= 2;
  // What a call that stdio cannot do returns: ENOSYS on fds 0-2, EBADF on every other fd.
  const stdioCannot = (err) => (fd) => (isStdio(fd) ? err : EBADF);

  function now() {
    return (global.performance && global.performance.now) ? global.performance.now() : Date.now();
  }
  function realtimeNs() {
    const p = global.performance;
    const ms = (p && p.timeOrigin) ? p.timeOrigin + p.now() : Date.now();
    return BigInt(Math.round(ms * 1e6));
  }
  function monotonicNs() { return BigInt(Math.round(now() * 1e6)); }

  function fillRandom(bytes) {
    const crypto = global.crypto;
    for (let i = 0; i < bytes.length; i += 65536) {    // getRandomValues' limit per call
      crypto.getRandomValues(bytes.subarray(i, Math.min(i + 65536, bytes.length)));
    }
  }

  // The import object for one instance. `opts`: args (strings, argv[0] first), env (object),
  // stdout/stderr (callbacks taking a Uint8Array, valid only during the call).
  function wasiImports(getMemory, opts) {
    const encoder = new TextEncoder();
    const args = (opts.args || ['main']).map((a) => encoder.encode(a + '\0'));
    const env = Object.entries(opts.env || {}).map(([k, v]) => encoder.encode(`${k}=${v}\0`));
    const sinks = { 1: opts.stdout || (() => {}), 2: opts.stderr || (() => {}) };
    const view = () => new DataView(getMemory().buffer);
    const bytes = (ptr, len) => new Uint8Array(getMemory().buffer, ptr, len);

    function putStrings(list, ptrs, buf) {
      const v = view();
      for (const s of list) {
        v.setUint32(ptrs, buf, true);
        bytes(buf, s.length).set(s);
        ptrs += 4;
        buf += s.length;
      }
      return SUCCESS;
    }
    function putSizes(list, countPtr, sizePtr) {
      const v = view();
      v.setUint32(countPtr, list.length, true);
      v.setUint32(sizePtr, list.reduce((n, s) => n + s.length, 0), true);
      return SUCCESS;
    }
    function iovecs(iovs, count) {
      const v = view();
      const out = [];
      for (let i = 0; i < count; i++) {
        out.push([v.getUint32(iovs + 8 * i, true), v.getUint32(iovs + 8 * i + 4, true)]);
      }
      return out;
    }
    function clockNs(id) {
      if (id === 0) return realtimeNs();
      if (id >= 1 && id <= 3) return monotonicNs();  // process/thread time: the page's time
      return null;
    }

    // poll_oneoff: stdin is always at end of file, stdout/stderr always writable; clock
    // subscriptions wait (busy: a page's main thread cannot block) until the earliest one.
    function pollOneoff(inPtr, outPtr, nsubs, neventsPtr) {
      if (nsubs === 0) return EINVAL;
      let v = view();
      const subs = [];
      for (let i = 0; i < nsubs; i++) {
        const p = inPtr + 48 * i;
        const sub = { userdata: v.getBigUint64(p, true), tag: v.getUint8(p + 8) };
        if (sub.tag === EVENT_CLOCK) {
          const id = v.getUint32(p + 16, true);
          const timeout = v.getBigUint64(p + 24, true);
          const abs = (v.getUint16(p + 40, true) & 1) !== 0;
          const t = clockNs(id);
          sub.error = t === null ? EINVAL : SUCCESS;
          sub.deadline = t === null ? 0n : (abs ? timeout : t + timeout);
          sub.clock = id;
        } else {
          sub.fd = v.getUint32(p + 16, true);
        }
        subs.push(sub);
      }
      const ready = subs.filter((s) => s.tag !== EVENT_CLOCK || s.error !== SUCCESS);
      if (ready.length === 0) {
        const first = subs.reduce((a, s) => (s.deadline < a.deadline ? s : a));
        while (clockNs(first.clock) < first.deadline) { /* wait */ }
        for (const s of subs) if (clockNs(s.clock) >= s.deadline) ready.push(s);
      }
      v = view();
      ready.forEach((s, i) => {
        const p = outPtr + 32 * i;
        bytes(p, 32).fill(0);
        v.setBigUint64(p, s.userdata, true);
        v.setUint8(p + 10, s.tag);
        if (s.tag === EVENT_CLOCK) {
          v.setUint16(p + 8, s.error, true);
        } else if ((s.tag === EVENT_FD_READ && s.fd === 0) ||
                   (s.tag === EVENT_FD_WRITE && (s.fd === 1 || s.fd === 2))) {
          if (s.fd === 0) v.setUint16(p + 24, EVENT_HANGUP, true);
        } else {
          v.setUint16(p + 8, EBADF, true);
        }
      });
      v.setUint32(neventsPtr, ready.length, true);
      return SUCCESS;
    }

    const imports = {
      args_get: (argv, buf) => putStrings(args, argv, buf),
      args_sizes_get: (count, size) => putSizes(args, count, size),
      environ_get: (environ, buf) => putStrings(env, environ, buf),
      environ_sizes_get: (count, size) => putSizes(env, count, size),
      clock_res_get(id, resPtr) {
        if (clockNs(id) === null) return EINVAL;
        view().setBigUint64(resPtr, 1000n, true);
        return SUCCESS;
      },
      clock_time_get(id, _precision, timePtr) {
        const t = clockNs(id);
        if (t === null) return EINVAL;
        view().setBigUint64(timePtr, t, true);
        return SUCCESS;
      },
      random_get(ptr, len) { fillRandom(bytes(ptr, len)); return SUCCESS; },
      proc_exit(code) { throw new WasiExit(code); },
      proc_raise: () => ENOSYS,
      sched_yield: () => SUCCESS,
      poll_oneoff: pollOneoff,

      fd_write(fd, iovs, count, nwrittenPtr) {
        const sink = sinks[fd];
        if (!sink) return EBADF;
        let n = 0;
        for (const [ptr, len] of iovecs(iovs, count)) {
          if (len) sink(bytes(ptr, len));
          n += len;
        }
        view().setUint32(nwrittenPtr, n, true);
        return SUCCESS;
      },
      fd_read(fd, _iovs, _count, nreadPtr) {
        if (fd !== 0) return EBADF;
        view().setUint32(nreadPtr, 0, true);        // stdin: end of file
        return SUCCESS;
      },
      fd_fdstat_get(fd, ptr) {
        if (!isStdio(fd)) return EBADF;
        const v = view();
        bytes(ptr, 24).fill(0);
        v.setUint8(ptr, FILETYPE_UNKNOWN);           // a pipe, not a terminal
        v.setBigUint64(ptr + 8, (fd === 0 ? RIGHT_FD_READ : RIGHT_FD_WRITE) | RIGHT_POLL, true);
        return SUCCESS;
      },
      fd_filestat_get(fd, ptr) {
        if (!isStdio(fd)) return EBADF;
        bytes(ptr, 64).fill(0);                      // filetype unknown, size 0, times 0
        return SUCCESS;
      },
      fd_close: (fd) => (isStdio(fd) ? SUCCESS : EBADF),
      fd_prestat_get: () => EBADF,                   // no preopened directories
      fd_prestat_dir_name: () => EBADF,
      fd_seek: stdioCannot(ESPIPE),
      fd_tell: stdioCannot(ESPIPE),
      fd_pread: stdioCannot(ESPIPE),
      fd_pwrite: stdioCannot(ESPIPE),
      fd_readdir: stdioCannot(ENOTDIR),
      fd_advise: stdioCannot(ESPIPE),
      fd_allocate: stdioCannot(ENOSYS),
      fd_datasync: stdioCannot(EINVAL),
      fd_sync: stdioCannot(EINVAL),
      fd_fdstat_set_flags: stdioCannot(ENOSYS),
      fd_fdstat_set_rights: stdioCannot(ENOSYS),
      fd_filestat_set_size: stdioCannot(EINVAL),
      fd_filestat_set_times: stdioCannot(ENOSYS),
      fd_renumber: stdioCannot(ENOSYS),
      sock_accept: stdioCannot(ENOTSOCK),
      sock_recv: stdioCannot(ENOTSOCK),
      sock_send: stdioCannot(ENOTSOCK),
      sock_shutdown: stdioCannot(ENOTSOCK),
    };
    // path_* calls name a directory fd, and there is none: stdio is not a directory
    for (const name of WASI_FUNCTIONS) {
      if (name.startsWith('path_')) imports[name] = stdioCannot(ENOTDIR);
    }
    return imports;
  }

  // What the module imports that this shim does not provide ("module.name" strings).
  function missingImports(module) {
    return WebAssembly.Module.imports(module)
      .filter((i) => i.module !== WASI_MODULE || i.kind !== 'function' ||
                     !WASI_FUNCTIONS.includes(i.name))
      .map((i) => `${i.module}.${i.name} (${i.kind})`);
  }

  // Run a compiled WebAssembly.Module to the end; resolves to its exit status. Instantiation
  // is asynchronous (browsers refuse to instantiate modules over 8 MB synchronously on the main
  // thread), the run itself is not: the program runs on the caller's thread.
  async function runModule(module, opts) {
    opts = opts || {};
    const stderr = opts.stderr || (() => {});
    const fail = (msg) => { stderr(new TextEncoder().encode(msg)); return TRAP_STATUS; };
    const missing = missingImports(module);
    if (missing.length) {
      return fail(`error: the module imports what this WASI shim lacks: ${missing.join(', ')}\n`);
    }
    let memory = null;
    const wasi = wasiImports(() => memory, opts);
    let instance;
    try {
      instance = await WebAssembly.instantiate(module, { [WASI_MODULE]: wasi });
    } catch (e) {
      return fail(`error: web runner: cannot instantiate the module: ${e && e.message || e}\n`);
    }
    memory = instance.exports.memory;
    try {
      instance.exports._start();
      return 0;
    } catch (e) {
      if (e instanceof WasiExit) return e.code;
      const trap = e instanceof WebAssembly.RuntimeError || e instanceof RangeError;
      return fail(trap ? `error: wasm trap: ${e.message}\n` : `error: web runner: ${e && e.stack || e}\n`);
    }
  }

  // Fetch and compile a module: streaming where the server sends application/wasm, else from
  // the bytes (any server), else tell why (file:// pages cannot fetch in most browsers).
  async function load(url) {
    try {
      return await WebAssembly.compileStreaming(fetch(url));
    } catch (streamingError) {
      let response;
      try {
        response = await fetch(url);
      } catch (e) {
        throw new Error(`cannot fetch ${url} (${e.message}); pages opened as file:// cannot ` +
                        'load their module in most browsers: serve the directory instead, ' +
                        'e.g. `python3 -m http.server` in it, then open http://localhost:8000/');
      }
      if (!response.ok) throw new Error(`cannot fetch ${url}: HTTP ${response.status}`);
      return WebAssembly.compile(await response.arrayBuffer());
    }
  }

  // The page: <body data-wasm="app.wasm" data-argv0="app.pyc"> with <pre id="output"> and
  // <p id="status">. Output goes into #output as <span class="stdout|stderr"> runs; when the
  // program ends, #status gets data-exit-status and `window.pybc2wasmResult` holds
  // {status, stdout, stderr} (text), and a "pybc2wasm-exit" event is dispatched on document.
  async function page() {
    const doc = global.document;
    const cfg = doc.body.dataset;
    const out = doc.getElementById('output');
    const status = doc.getElementById('status');
    const query = new URLSearchParams(global.location.search);
    const args = [cfg.argv0 || cfg.wasm, ...query.getAll('arg')];
    const env = {};
    for (const kv of query.getAll('env')) {
      const i = kv.indexOf('=');
      if (i > 0) env[kv.slice(0, i)] = kv.slice(i + 1);
    }
    const text = { stdout: '', stderr: '' };
    const decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
    const sink = (stream) => (chunk, final) => {
      const s = decoders[stream].decode(chunk, { stream: !final });
      if (!s) return;
      text[stream] += s;
      let last = out.lastElementChild;
      if (!last || last.className !== stream) {
        last = doc.createElement('span');
        last.className = stream;
        out.appendChild(last);
      }
      last.appendChild(doc.createTextNode(s));
    };
    let code;
    try {
      status.textContent = `loading ${cfg.wasm}…`;
      const module = await load(cfg.wasm);
      status.textContent = 'running…';
      code = await runModule(module, { args, env, stdout: sink('stdout'), stderr: sink('stderr') });
    } catch (e) {
      sink('stderr')(new TextEncoder().encode(`error: ${e.message}\n`));
      code = TRAP_STATUS;
    }
    for (const stream of ['stdout', 'stderr']) sink(stream)(new Uint8Array(0), true);
    status.dataset.exitStatus = String(code);
    status.textContent = `exit status ${code}`;
    global.pybc2wasmResult = { status: code, stdout: text.stdout, stderr: text.stderr };
    doc.dispatchEvent(new CustomEvent('pybc2wasm-exit', { detail: global.pybc2wasmResult }));
    return code;
  }

  const api = { WASI_FUNCTIONS, wasiImports, missingImports, runModule, load, page, TRAP_STATUS };
  global.PyBC2Wasm = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (global.document && global.document.body && global.document.body.dataset.wasm) page();
})(typeof globalThis !== 'undefined' ? globalThis : this);
