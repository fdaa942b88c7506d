#!/usr/bin/env python3
"""Which stdlib modules import and work when compiled: one small program per module.

For each module, a program `import MODULE` plus a small use of it (the EVERYDAY table; a module
without one prints its name) is compiled from its .pyc (following imports into CPython's own
stdlib .pyc, natives where CPython has C), run under wasmtime (or natively), and its stdout,
stderr and exit status compared with CPython's running the same .pyc. Each module gets one of:

    ok           same output as CPython
    import-fail  the compiled program raised at import; the cause is the exception line
    wrong        it ran, but its output differs from CPython's
    compile-fail the compiler refused or failed (the message)

Usage:
    tools/stdlib_sweep.py                      # the everyday list, wasm
    tools/stdlib_sweep.py --all                # every top-level stdlib module that makes sense under WASI
    tools/stdlib_sweep.py --host native -j 2 re json
    tools/stdlib_sweep.py --md out.md --json out.json
    tools/stdlib_sweep.py --time-budget 1200       # start no module after 20 minutes ("not-run")
"""
from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import py_compile
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

# A small use of each everyday module; its output must be deterministic and the same on
# every platform (no addresses, times, random state without a seed, or hash order).
EVERYDAY: dict[str, str] = {
    "__future__": "print(__future__.annotations.compiler_flag > 0)",
    "abc": "class A(abc.ABC):\n    @abc.abstractmethod\n    def f(self): ...\ntry:\n    A()\nexcept TypeError as e:\n    print(e)",
    "argparse": "p = argparse.ArgumentParser(prog='x')\np.add_argument('--n', type=int, default=1)\np.add_argument('names', nargs='*')\nprint(p.parse_args(['--n', '3', 'a', 'b']))",
    "array": "a = array.array('i', [1, 2, 3])\na.append(4)\nprint(a, a.tobytes()[:4], sum(a))",
    "ast": "print(ast.dump(ast.parse('1 + 2 * x', mode='eval')), ast.literal_eval('[1, (2, 3)]'))",
    "asyncio": "async def f():\n    await asyncio.sleep(0)\n    return 3\nprint(asyncio.run(f()))",
    "atexit": "atexit.register(print, 'bye')\nprint('main')",
    "base64": "print(base64.b64encode(b'hello'), base64.b64decode(b'aGVsbG8='), base64.b32encode(b'hi'))",
    "binascii": "print(binascii.hexlify(b'ab'), binascii.crc32(b'hello'))",
    "bisect": "a = [1, 3, 5]\nbisect.insort(a, 4)\nprint(a, bisect.bisect_left(a, 3))",
    "calendar": "print(calendar.isleap(2024), calendar.monthrange(2024, 2))\nprint(calendar.month(2024, 1))",
    "cmath": "print(cmath.sqrt(-1), cmath.phase(1j))",
    "codecs": "print(codecs.encode('hi', 'rot13'), codecs.lookup('utf-8').name)",
    "collections": "c = collections.Counter('abracadabra')\nprint(c.most_common(2))\nP = collections.namedtuple('P', 'x y')\nprint(P(1, 2), collections.OrderedDict(a=1), collections.deque([1, 2], maxlen=2))",
    "collections.abc": "print(isinstance([], collections.abc.Sequence), issubclass(dict, collections.abc.Mapping))",
    "colorsys": "print(colorsys.rgb_to_hsv(0.2, 0.4, 0.4))",
    "contextlib": "@contextlib.contextmanager\ndef cm():\n    print('in')\n    yield 1\n    print('out')\nwith cm() as v:\n    print(v)\nwith contextlib.suppress(KeyError):\n    {}['x']\nprint('done')",
    "contextvars": "v = contextvars.ContextVar('v', default=1)\nv.set(2)\nprint(v.get())",
    "copy": "a = [[1], {'k': [2]}]\nb = copy.deepcopy(a)\nb[0].append(3)\nprint(a, b, copy.copy(a) == a)",
    "copyreg": "print(copyreg.__name__, callable(copyreg.pickle))",
    "csv": "import io\nr = csv.reader(io.StringIO('a,b\\n1,\"x,y\"\\n'))\nprint(list(r))\nout = io.StringIO()\ncsv.writer(out).writerow(['a', 'b c', 'd,e'])\nprint(repr(out.getvalue()))",
    "dataclasses": "@dataclasses.dataclass(order=True)\nclass P:\n    x: int\n    y: int = 0\nprint(P(1), P(1) < P(2), dataclasses.asdict(P(3, 4)))",
    "datetime": "d = datetime.date(2024, 2, 29)\nprint(d + datetime.timedelta(days=1), d.isoformat(), d.weekday())\nprint(datetime.datetime(2024, 1, 2, 3, 4, 5).strftime('%Y-%m-%d %H:%M:%S'))",
    "decimal": "print(decimal.Decimal('1.1') + decimal.Decimal('2.2'), decimal.Decimal(1) / decimal.Decimal(7))",
    "difflib": "print(list(difflib.unified_diff(['a\\n', 'b\\n'], ['a\\n', 'c\\n'])))",
    "enum": "class C(enum.Enum):\n    RED = 1\n    GREEN = 2\nprint(C.RED, C(2), list(C), C['GREEN'].value)\nclass F(enum.IntFlag):\n    A = 1\n    B = 2\nprint(F.A | F.B)",
    "errno": "print(errno.ENOENT, errno.errorcode[errno.EEXIST])",
    "fnmatch": "print(fnmatch.fnmatch('a.py', '*.py'), fnmatch.filter(['a.c', 'b.py'], '*.py'))",
    "fractions": "print(fractions.Fraction(1, 3) + fractions.Fraction(1, 6), fractions.Fraction('0.25'))",
    "functools": "@functools.lru_cache(maxsize=None)\ndef fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nprint(fib(50), functools.reduce(lambda a, b: a * b, range(1, 6)), functools.partial(int, base=2)('101'))",
    "gc": "print(gc.isenabled(), gc.collect() >= 0)",
    "getopt": "print(getopt.getopt(['-a', '-b', 'x', 'rest'], 'ab:'))",
    "glob": "print(glob.escape('a*b'))",
    "graphlib": "ts = graphlib.TopologicalSorter({'b': {'a'}, 'c': {'b'}})\nprint(list(ts.static_order()))",
    "hashlib": "print(hashlib.sha256(b'abc').hexdigest(), hashlib.md5(b'abc').hexdigest())",
    "heapq": "h = [5, 1, 4]\nheapq.heapify(h)\nprint(heapq.heappop(h), heapq.nsmallest(2, [3, 1, 2]))",
    "hmac": "print(hmac.new(b'k', b'msg', 'sha256').hexdigest())",
    "html": "print(html.escape('<a href=\"x\">'), html.unescape('&lt;&amp;&gt;'))",
    "html.parser": "class P(html.parser.HTMLParser):\n    def handle_starttag(self, tag, attrs):\n        print('start', tag, attrs)\nP().feed('<p class=\"x\">hi</p>')",
    "inspect": "def f(a, b=2, *c, d, **e):\n    pass\nprint(inspect.signature(f), inspect.isfunction(f))",
    "io": "s = io.StringIO()\ns.write('hello\\n')\nprint(repr(s.getvalue()))\nb = io.BytesIO(b'abc')\nprint(b.read(2))",
    "ipaddress": "print(ipaddress.ip_address('192.168.0.1') in ipaddress.ip_network('192.168.0.0/24'))",
    "itertools": "print(list(itertools.accumulate([1, 2, 3])), list(itertools.pairwise('abc')))",
    "json": "print(json.dumps({'a': [1, 2.5, None]}, sort_keys=True), json.loads('[1, \"x\"]'))",
    "keyword": "print(keyword.iskeyword('def'), len(keyword.kwlist) > 30)",
    "linecache": "print(linecache.getline('/nonexistent', 1) == '')",
    "locale": "print(locale.getlocale(locale.LC_NUMERIC) is not None)",
    "logging": "logging.basicConfig(level=logging.INFO, format='%(levelname)s:%(name)s:%(message)s')\nlogging.getLogger('x').info('hello %d', 3)\nlogging.warning('warned')",
    "math": "print(math.sqrt(2), math.gcd(12, 18), math.isqrt(99), math.comb(5, 2))",
    "numbers": "print(isinstance(3, numbers.Integral), isinstance(1.5, numbers.Real))",
    "operator": "print(operator.itemgetter(1)([1, 2]), operator.attrgetter('real')(3), operator.add(1, 2))",
    "os": "print(os.sep, os.path.join('a', 'b'), os.fspath('x'), os.getcwd() != '')",
    "os.path": "print(os.path.splitext('a/b.c'), os.path.basename('/x/y'), os.path.normpath('a/./b/../c'))",
    "pathlib": "p = pathlib.PurePosixPath('/a/b/c.txt')\nprint(p.name, p.suffix, p.parent, p.with_suffix('.py'))",
    "pickle": "print(pickle.loads(pickle.dumps({'a': [1, 2, (3, 'x')]})))",
    "pprint": "pprint.pprint({'b': list(range(30)), 'a': 'x' * 20}, width=40)",
    "queue": "q = queue.Queue()\nq.put(1)\nq.put(2)\nprint(q.get(), q.qsize())",
    "random": "r = random.Random(42)\nprint(r.random(), r.randint(1, 100), r.choice('abc'))",
    "re": "print(re.findall(r'(?<=a)b+', 'abbb ab b'), re.sub(r'(\\w+)@(\\w+)', r'\\2 at \\1', 'me@host'))",
    "reprlib": "print(reprlib.repr(list(range(100))))",
    "sched": "s = sched.scheduler()\nprint(s.empty())",
    "secrets": "print(len(secrets.token_hex(8)))",
    "shlex": "print(shlex.split('a \"b c\" d'), shlex.quote('x y'))",
    "shutil": "print(shutil.which('definitely-not-a-program') is None)",
    "signal": "print(signal.SIGINT, signal.Signals(2).name)",
    "stat": "print(stat.S_ISDIR(0o040755), stat.filemode(0o100644))",
    "statistics": "print(statistics.mean([1, 2, 3, 4]), statistics.median([3, 1, 2]), statistics.stdev([1, 2, 3, 4]))",
    "string": "print(string.ascii_letters[:5], string.Template('$x!').substitute(x='hi'), string.capwords('a b'))",
    "struct": "print(struct.pack('<ihd', 1, 2, 3.0), struct.unpack('>I', b'\\x00\\x00\\x01\\x00'), struct.calcsize('@id'))",
    "sys": "print(sys.version_info[:2], sys.maxsize > 2**31)",
    "tempfile": "print(callable(tempfile.mkdtemp))",
    "textwrap": "print(textwrap.fill('hello world ' * 8, width=30))\nprint(textwrap.dedent('    a\\n    b'))",
    "threading": "t = threading.Thread(target=print, args=('in thread',))\nprint(threading.current_thread().name)",
    "time": "print(time.gmtime(0).tm_year, time.strftime('%Y', time.gmtime(86400 * 366)))",
    "timeit": "print(timeit.timeit('1 + 1', number=10) >= 0)",
    "token": "print(token.tok_name[token.NAME])",
    "tokenize": "import io\nfor t in tokenize.generate_tokens(io.StringIO('x = 1\\n').readline):\n    print(tokenize.tok_name[t.type], repr(t.string))",
    "traceback": "try:\n    1 / 0\nexcept ZeroDivisionError as e:\n    print(traceback.format_exception_only(type(e), e))",
    "types": "print(types.SimpleNamespace(a=1), isinstance(len, types.BuiltinFunctionType))",
    "typing": "T = typing.TypeVar('T')\ndef f(x: typing.List[int]) -> typing.Optional[str]: ...\nprint(typing.get_type_hints(f), typing.Union[int, str])",
    "unicodedata": "print(unicodedata.name('A'), unicodedata.category('a'), unicodedata.normalize('NFD', '\\u00e9') == 'e\\u0301')",
    "urllib.parse": "print(urllib.parse.urlparse('http://a.b/c?d=1#e'), urllib.parse.quote('a b/c'))",
    "uuid": "print(uuid.UUID('12345678123456781234567812345678'), uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org'))",
    "warnings": "warnings.simplefilter('error')\ntry:\n    warnings.warn('w', UserWarning)\nexcept UserWarning as e:\n    print('caught', e)",
    "weakref": "class A: pass\na = A()\nr = weakref.ref(a)\nprint(r() is a)\ndel a\nprint(r())",
    "zipfile": "import io\nb = io.BytesIO()\nwith zipfile.ZipFile(b, 'w') as z:\n    z.writestr('a.txt', 'hello')\nwith zipfile.ZipFile(b) as z:\n    print(z.namelist(), z.read('a.txt'))",
    "zlib": "d = zlib.compress(b'hello ' * 10)\nprint(zlib.decompress(d), zlib.crc32(b'abc'), zlib.adler32(b'abc'))",
    "dis": "print(dis.opname[100])",
    "gettext": "print(gettext.gettext('hello'))",
    "optparse": "p = optparse.OptionParser()\np.add_option('-n', type='int')\nopts, rest = p.parse_args(['-n', '3', 'x'])\nprint(opts.n, rest)",
    "platform": "print(platform.python_implementation())",
    "numbers_fractions": "",
}
EVERYDAY.pop("numbers_fractions")

# Top-level stdlib modules that make no sense under WASI or in a compiled program.
NOT_UNDER_WASI = {
    "antigravity", "this", "idlelib", "tkinter", "turtle", "turtledemo", "curses", "ensurepip",
    "venv", "lib2to3", "test", "pydoc_data", "msilib", "winreg", "winsound", "_winapi", "nt",
    "msvcrt", "multiprocessing", "concurrent", "subprocess", "pty", "tty", "crypt", "spwd",
    "nis", "ossaudiodev", "readline", "rlcompleter", "site", "sitecustomize", "usercustomize",
    "webbrowser", "xxsubtype", "xxlimited", "xxlimited_35", "pdb", "bdb", "code", "codeop",
    "cProfile", "profile", "pstats", "trace", "tracemalloc", "faulthandler", "idle", "pydoc",
    "smtpd", "asynchat", "asyncore", "imaplib", "poplib", "smtplib", "ftplib", "telnetlib",
    "nntplib", "socketserver", "http", "xmlrpc", "ssl", "socket", "selectors", "select",
    "mailcap", "sndhdr", "audioop", "aifc", "sunau", "wave", "chunk", "ossaudiodev", "dbm",
    "sqlite3", "ctypes", "mmap", "resource", "syslog", "termios", "fcntl", "grp", "pwd",
    "posix", "getpass", "pipes", "imghdr", "cgi", "cgitb", "wsgiref", "uu", "xdrlib",
    "zipapp", "zipimport", "compileall", "py_compile", "modulefinder", "pkgutil", "runpy",
    "importlib", "sre_compile", "sre_parse", "sre_constants", "symtable", "tabnanny",
    "pyclbr", "filecmp", "netrc", "mailbox", "imp", "distutils", "unittest", "doctest",
}


def stdlib_modules() -> list[str]:
    import sysconfig
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    names = set()
    for p in stdlib.iterdir():
        name = p.stem if p.suffix == ".py" else (p.name if (p / "__init__.py").exists() else None)
        if name and name.isidentifier() and not name.startswith("_"):
            names.add(name)
    dyn = stdlib / "lib-dynload"
    if dyn.is_dir():
        names |= {p.name.split(".")[0] for p in dyn.iterdir() if not p.name.startswith("_")}
    names |= {n for n in sys.builtin_module_names if not n.startswith("_")}
    return sorted(n for n in names - NOT_UNDER_WASI)


def program_text(module: str) -> str:
    use = EVERYDAY.get(module, f"print({module}.__name__)")
    return f"import {module}\n{use}\n"


def cpython(pyc: Path) -> tuple[bytes, bytes, int]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONIOENCODING"] = "utf-8"
    res = subprocess.run([sys.executable, pyc.name], cwd=pyc.parent, capture_output=True,
                         stdin=subprocess.DEVNULL, env=env, timeout=120)
    return res.stdout, res.stderr, res.returncode


def sweep_one(module: str, work: Path, host: str, jobs: int) -> dict:
    from compile_helpers import build_program
    from pybc2wasm import runner
    from pybc2wasm.diagnostics import CompileError

    d = work / module.replace(".", "_")
    d.mkdir(parents=True, exist_ok=True)
    src = d / "prog.py"
    src.write_text(program_text(module))
    pyc = d / "prog.pyc"
    py_compile.compile(str(src), cfile=str(pyc), dfile="prog.py", doraise=True)
    src.unlink()
    want = cpython(pyc)
    started = time.monotonic()
    target = "native" if host == "native" else "wasm32-wasi"
    try:
        built = build_program([pyc], None, target, jobs=jobs)
    except CompileError as e:
        return {"module": module, "status": "compile-fail", "cause": str(e).splitlines()[0][:300]}
    except Exception as e:     # an internal error is a result here, not a crash of the sweep
        return {"module": module, "status": "compile-fail",
                "cause": f"{type(e).__name__}: {str(e).splitlines()[0][:300] if str(e) else ''}"}
    build_s = time.monotonic() - started
    out, err = d / "out", d / "err"
    status = runner.run(built, host, ["prog.pyc"], stdin=Path(os.devnull), stdout=out,
                        stderr=err, timeout=120)
    got = (out.read_bytes(), err.read_bytes(), status)
    result = {"module": module, "build_seconds": round(build_s, 1), "wasm_bytes": built.stat().st_size}
    if got == want:
        result["status"] = "ok"
    elif got[2] != 0 and want[2] == 0:
        lines = [ln for ln in got[1].decode("utf-8", "replace").splitlines() if ln.strip()]
        result["status"] = "import-fail" if any("import" in ln or "<module>" in ln for ln in lines) else "wrong"
        result["cause"] = lines[-1][:300] if lines else f"exit status {got[2]}"
    else:
        result["status"] = "wrong"
        result["cause"] = _first_difference(want, got)
    return result


def _first_difference(want, got) -> str:
    for label, w, g in (("stdout", want[0], got[0]), ("stderr", want[1], got[1])):
        if w != g:
            wl, gl = w.decode("utf-8", "replace").splitlines(), g.decode("utf-8", "replace").splitlines()
            for i in range(max(len(wl), len(gl))):
                a = wl[i] if i < len(wl) else "<end>"
                b = gl[i] if i < len(gl) else "<end>"
                if a != b:
                    return f"{label} line {i + 1}: CPython {a[:120]!r}, compiled {b[:120]!r}"
    return f"exit status: CPython {want[2]}, compiled {got[2]}"


def markdown(results: list[dict], host: str) -> str:
    ok = sum(1 for r in results if r["status"] == "ok")
    lines = [f"# Stdlib sweep ({host})", "",
             f"{ok} of {len(results)} modules import and work as in CPython.", "",
             "| module | status | cause |", "|---|---|---|"]
    for r in results:
        cause = r.get("cause", "").replace("|", "\\|")
        lines.append(f"| {r['module']} | {r['status']} | {cause} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("modules", nargs="*", help="modules to try (default: the everyday list)")
    ap.add_argument("--all", action="store_true", help="every top-level stdlib module that makes sense under WASI")
    ap.add_argument("--host", choices=["wasmtime", "native"], default="wasmtime")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                    help="programs built and run at once")
    ap.add_argument("--md", type=Path, help="write the table as markdown here")
    ap.add_argument("--json", type=Path, help="write the results as JSON here")
    ap.add_argument("--time-budget", type=float, metavar="SECONDS",
                    help="start no module after this long; the rest are reported as not-run")
    args = ap.parse_args()
    modules = args.modules or (stdlib_modules() if args.all else sorted(EVERYDAY))
    results = []
    deadline = time.monotonic() + args.time_budget if args.time_budget else None

    def attempt(module: str, work: Path) -> dict:
        if deadline is not None and time.monotonic() > deadline:
            return {"module": module, "status": "not-run", "cause": "time budget exhausted"}
        return sweep_one(module, work, args.host, 1)

    with tempfile.TemporaryDirectory(prefix="stdlib-sweep-") as tmp:
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            futures = {pool.submit(attempt, m, Path(tmp)): m for m in modules}
            for fut in concurrent.futures.as_completed(futures):
                r = fut.result()
                results.append(r)
                print(f"{r['module']:<16} {r['status']:<12} {r.get('cause', '')}", file=sys.stderr, flush=True)
    results.sort(key=lambda r: r["module"])
    table = markdown(results, args.host)
    if args.md:
        args.md.write_text(table)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
