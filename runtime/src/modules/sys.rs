//! The `sys` module: argv, stdout/stderr objects (write/flush through the runtime's buffered
//! I/O), exit, recursion limit, maxsize, platform, modules.
use crate::object::{MethodFn, Obj, PyBox, PyObjectHeader, TypeObject, IMMORTAL};
use crate::objects::builtin_fn::new_builtin;
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::exceptions::{new_exc_obj, type_error, Exc, SYSTEM_EXIT};
use crate::objects::function::{get_recursion_limit, set_recursion_limit};
use crate::objects::str::nargs;
use crate::{io, ops, PyResult};
use std::cell::Cell;

crate::static_type!(TEXTIO_TYPE, "TextIOWrapper", &crate::objects::typeobj::OBJECT_TYPE, Unit, TEXTIO_METHODS);

pub static STDOUT: PyBox<()> =
    PyBox { ob: PyObjectHeader { refcnt: Cell::new(IMMORTAL), ty: &TEXTIO_TYPE as *const TypeObject }, data: () };
pub static STDERR: PyBox<()> =
    PyBox { ob: PyObjectHeader { refcnt: Cell::new(IMMORTAL), ty: &TEXTIO_TYPE as *const TypeObject }, data: () };
pub static STDIN: PyBox<()> =
    PyBox { ob: PyObjectHeader { refcnt: Cell::new(IMMORTAL), ty: &TEXTIO_TYPE as *const TypeObject }, data: () };

pub fn stdout_obj() -> Obj {
    Obj::from_static(&STDOUT)
}
pub fn stderr_obj() -> Obj {
    Obj::from_static(&STDERR)
}
pub fn is_stdout(o: &Obj) -> bool {
    std::ptr::eq(o.as_ptr() as *const PyObjectHeader, &STDOUT.ob)
}
pub fn is_stderr(o: &Obj) -> bool {
    std::ptr::eq(o.as_ptr() as *const PyObjectHeader, &STDERR.ob)
}

fn tio_write(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("write", a, 1, 1)?;
    let s = a[0].as_str().ok_or_else(|| type_error(format!("write() argument must be str, not {}", a[0].type_name())))?;
    if is_stderr(this) {
        io::write_stderr(s.as_bytes());
    } else {
        io::write_stdout(s.as_bytes());
    }
    Ok(Obj::int(s.chars().count() as i64))
}
fn tio_flush(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    if is_stdout(this) {
        io::flush_stdout();
    }
    Ok(Obj::none())
}
fn tio_readline(_this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    io::flush_stdout();
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
    Ok(Obj::string(line))
}
fn tio_read(_this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    use std::io::Read;
    io::flush_stdout();
    let mut s = String::new();
    let _ = std::io::stdin().read_to_string(&mut s);
    Ok(Obj::string(s))
}
fn is_stdin(o: &Obj) -> bool {
    std::ptr::eq(o.as_ptr() as *const PyObjectHeader, &STDIN.ob)
}
fn std_fd(o: &Obj) -> i64 {
    if is_stdin(o) {
        0
    } else if is_stdout(o) {
        1
    } else {
        2
    }
}
fn tio_fileno(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::int(std_fd(this)))
}
fn tio_isatty(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::bool(crate::modules::posix::isatty_fd(std_fd(this))))
}
fn tio_readable(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::bool(is_stdin(this)))
}
fn tio_writable(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::bool(!is_stdin(this)))
}
fn tio_false(_this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::bool(false))
}
fn tio_none(_this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::none())
}
fn tio_self(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(this.clone())
}
fn tio_next(this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let l = tio_readline(this, a, k)?;
    if l.as_str().map(|s| s.is_empty()).unwrap_or(true) {
        return Err(crate::objects::exceptions::stop_iteration());
    }
    Ok(l)
}
fn tio_readlines(this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let mut out = Vec::new();
    loop {
        let l = tio_readline(this, a, k)?;
        if l.as_str().map(|s| s.is_empty()).unwrap_or(true) {
            return Ok(crate::objects::list::new_list(out));
        }
        out.push(l);
    }
}
fn tio_writelines(this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    nargs("writelines", a, 1, 1)?;
    for l in ops::collect_iterable(&a[0])? {
        tio_write(this, &[l], k)?;
    }
    Ok(Obj::none())
}
fn tio_repr(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let (name, mode) = match std_fd(this) {
        0 => ("<stdin>", "r"),
        1 => ("<stdout>", "w"),
        _ => ("<stderr>", "w"),
    };
    Ok(Obj::string(format!("<_io.TextIOWrapper name='{}' mode='{}' encoding='utf-8'>", name, mode)))
}
static TEXTIO_METHODS: &[(&str, MethodFn)] = &[
    ("write", tio_write),
    ("flush", tio_flush),
    ("readline", tio_readline),
    ("read", tio_read),
    ("readlines", tio_readlines),
    ("writelines", tio_writelines),
    ("fileno", tio_fileno),
    ("isatty", tio_isatty),
    ("readable", tio_readable),
    ("writable", tio_writable),
    ("seekable", tio_false),
    ("close", tio_none),
    ("reconfigure", tio_none),
    ("__enter__", tio_self),
    ("__exit__", tio_none),
    ("__iter__", tio_self),
    ("__next__", tio_next),
    ("__repr__", tio_repr),
];

thread_local! {
    static STD_BUFFERS: std::cell::RefCell<Vec<Option<Obj>>> = std::cell::RefCell::new(vec![None, None, None]);
}

/// `sys.stdout.buffer` & co: a BufferedWriter/Reader over FileIO(fd, closefd=False); its
/// writes go through the runtime's stdout buffer (in order with print()).
fn std_buffer(fd: i64) -> Option<Obj> {
    if let Some(b) = STD_BUFFERS.with(|s| s.borrow()[fd as usize].clone()) {
        return Some(b);
    }
    let io = crate::modules::importer::find_and_load("_io").ok()?;
    let fileio = ops::getattr_str(&io, "FileIO").ok()?;
    let mode = if fd == 0 { "rb" } else { "wb" };
    let kw = Obj::tuple(vec![Obj::str("closefd")]);
    let raw = crate::call(&fileio, vec![Obj::int(fd), Obj::str(mode), Obj::bool(false)], Some(&kw)).ok()?;
    let cls = ops::getattr_str(&io, if fd == 0 { "BufferedReader" } else { "BufferedWriter" }).ok()?;
    // size 1: every write goes straight to the runtime's (already buffered) stdout
    let b = crate::call(&cls, vec![raw, Obj::int(if fd == 0 { 8192 } else { 1 })], None).ok()?;
    let _ = crate::setattr(&b, &Obj::str("name"), Obj::str(match fd {
        0 => "<stdin>",
        1 => "<stdout>",
        _ => "<stderr>",
    }));
    STD_BUFFERS.with(|s| s.borrow_mut()[fd as usize] = Some(b.clone()));
    Some(b)
}

/// Data attributes of sys.stdin/stdout/stderr (CPython's TextIOWrapper's).
pub fn textio_getattr(o: &Obj, name: &str) -> Option<Obj> {
    let fd = std_fd(o);
    Some(match name {
        "encoding" => Obj::str("utf-8"),
        "errors" => Obj::str(if fd == 2 { "backslashreplace" } else { "strict" }),
        "name" => Obj::str(match fd {
            0 => "<stdin>",
            1 => "<stdout>",
            _ => "<stderr>",
        }),
        "mode" => Obj::str(if fd == 0 { "r" } else { "w" }),
        "closed" => Obj::bool(false),
        "line_buffering" => Obj::bool(crate::modules::posix::isatty_fd(fd) || fd == 2),
        "write_through" => Obj::bool(false),
        "newlines" => Obj::none(),
        "buffer" => return std_buffer(fd),
        _ => return None,
    })
}

fn sys_getfilesystemencoding(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::str("utf-8"))
}
fn sys_getfilesystemencodeerrors(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::str("surrogateescape"))
}

fn sys_exit(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("exit", a, 0, 1)?;
    // PyErr_SetObject(SystemExit, None) makes SystemExit() without arguments
    let args = if a.len() == 1 && a[0].is_none() { vec![] } else { a.to_vec() };
    Err(Exc::from_value(new_exc_obj(&SYSTEM_EXIT, args)))
}
fn sys_getrecursionlimit(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::int(get_recursion_limit() as i64))
}
fn sys_setrecursionlimit(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("setrecursionlimit", a, 1, 1)?;
    let n = ops::index_value(&a[0])?;
    if n < 1 {
        return Err(crate::objects::exceptions::value_error("recursion limit must be greater or equal than 1"));
    }
    set_recursion_limit(n.min(u32::MAX as i64) as u32);
    Ok(Obj::none())
}
fn sys_get_int_max_str_digits(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::int(crate::objects::int::max_str_digits() as i64))
}
fn sys_set_int_max_str_digits(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("set_int_max_str_digits", a, 1, 1)?;
    let n = ops::index_value(&a[0])?;
    if n != 0 && n < 640 {
        return Err(crate::objects::exceptions::value_error("maxdigits must be 0 or larger than 640"));
    }
    crate::objects::int::set_max_str_digits(n as usize);
    Ok(Obj::none())
}
fn sys_intern(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("intern", a, 1, 1)?;
    Ok(a[0].clone())
}
fn sys_getsizeof(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("getsizeof", a, 1, 2)?;
    Ok(Obj::int(64))
}

static PY_MAJOR: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(3);
static PY_MINOR: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(11);
static PY_MICRO: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// The bytecode's Python version (what `sys.version_info` reports); printed `main`s set it
/// before running any module code.
pub fn set_python_version(major: u32, minor: u32, micro: u32) {
    PY_MAJOR.store(major, std::sync::atomic::Ordering::Relaxed);
    PY_MINOR.store(minor, std::sync::atomic::Ordering::Relaxed);
    PY_MICRO.store(micro, std::sync::atomic::Ordering::Relaxed);
}

/// The bytecode's minor version: the runtime behaves as that CPython where versions differ.
pub fn python_minor() -> u32 {
    PY_MINOR.load(std::sync::atomic::Ordering::Relaxed)
}

fn python_version() -> (u32, u32, u32) {
    use std::sync::atomic::Ordering::Relaxed;
    (PY_MAJOR.load(Relaxed), PY_MINOR.load(Relaxed), PY_MICRO.load(Relaxed))
}

/// `sys.version_info`: a named tuple printing as `sys.version_info(major=3, ...)`.
fn version_info(major: u32, minor: u32, micro: u32) -> PyResult {
    let ns = crate::objects::dict::new_dict();
    let fields = ["major", "minor", "micro", "releaselevel", "serial"].iter().map(|f| Obj::str(f)).collect();
    dict_set(&ns, Obj::str("_fields"), Obj::tuple(fields))?;
    dict_set(&ns, Obj::str("_field_defaults_list"), Obj::tuple(vec![]))?;
    let tuple_type = crate::objects::tuple::TUPLE_TYPE.obj();
    let cls = crate::objects::typeobj::new_class("sys.version_info", vec![tuple_type], ns, "sys")?;
    let args = vec![Obj::int(major as i64), Obj::int(minor as i64), Obj::int(micro as i64), Obj::str("final"), Obj::int(0)];
    crate::call(&cls, args, None)
}

/// `sys.excepthook(type, value, traceback)`: prints the exception as an uncaught one.
fn sys_excepthook(a: &[Obj], k: Option<&Obj>) -> PyResult {
    crate::objects::str::no_kw("excepthook", k)?;
    crate::objects::str::nargs("excepthook", a, 3, 3)?;
    crate::io::write_stderr(crate::main_entry::format_exception(&a[1]).as_bytes());
    Ok(Obj::none())
}

/// `sys.audit(event, *args)`: no audit hooks can be installed in a compiled program, so
/// raising an event does nothing (`sys.addaudithook` accepts and ignores a hook likewise).
fn sys_audit(a: &[Obj], k: Option<&Obj>) -> PyResult {
    crate::objects::str::no_kw("audit", k)?;
    // without hooks CPython returns before it looks at the event
    if a.is_empty() {
        return Err(type_error("audit() missing 1 required positional argument: 'event'"));
    }
    Ok(Obj::none())
}

fn sys_addaudithook(a: &[Obj], k: Option<&Obj>) -> PyResult {
    crate::objects::str::no_kw("addaudithook", k)?;
    nargs("addaudithook", a, 1, 1)?;
    Ok(Obj::none())
}

/// `sys.hash_info`: the runtime hashes numbers as CPython's 64-bit builds do (on wasm32 too)
/// and strings with unseeded FNV-1a.
fn hash_info() -> PyResult {
    let fields = ["width", "modulus", "inf", "nan", "imag", "algorithm", "hash_bits", "seed_bits", "cutoff"];
    let i = Obj::int;
    let values = vec![i(64), i((1i64 << 61) - 1), i(314159), i(0), i(1000003), Obj::str("fnv"), i(64), i(0), i(0)];
    super::posix::structseq("sys.hash_info", &fields, values, vec![])
}

/// `sys.float_info`: IEEE 754 binary64, as on every CPython platform.
fn float_info() -> PyResult {
    let fields = ["max", "max_exp", "max_10_exp", "min", "min_exp", "min_10_exp", "dig", "mant_dig", "epsilon", "radix", "rounds"];
    let (f, i) = (Obj::float, Obj::int);
    let values = vec![f(f64::MAX), i(1024), i(308), f(f64::MIN_POSITIVE), i(-1021), i(-307), i(15), i(53), f(f64::EPSILON), i(2), i(1)];
    super::posix::structseq("sys.float_info", &fields, values, vec![])
}

/// `sys.int_info`: CPython's 30-bit digits (what the runtime's str/int conversion limits follow).
fn int_info() -> PyResult {
    let fields = ["bits_per_digit", "sizeof_digit", "default_max_str_digits", "str_digits_check_threshold"];
    let values = vec![Obj::int(30), Obj::int(4), Obj::int(4300), Obj::int(640)];
    super::posix::structseq("sys.int_info", &fields, values, vec![])
}

/// `sys.flags`: the command-line flags of a plain `python` run (what importlib's verbose
/// messages and warnings consult).
fn flags() -> PyResult {
    let fields = [
        "debug", "inspect", "interactive", "optimize", "dont_write_bytecode", "no_user_site", "no_site",
        "ignore_environment", "verbose", "bytes_warning", "quiet", "hash_randomization", "isolated", "dev_mode",
        "utf8_mode", "warn_default_encoding", "safe_path", "int_max_str_digits",
    ];
    let mut values: Vec<Obj> = (0..11).map(|_| Obj::int(0)).collect();
    values.extend([Obj::int(1), Obj::int(0), Obj::bool(false), Obj::int(0), Obj::int(0), Obj::bool(false), Obj::int(-1)]);
    // named only (not in the tuple): 3.13's gil, 3.14's thread_inherit_context and
    // context_aware_warnings (3.14's warnings module reads it at import)
    let mut hidden = vec![];
    if python_minor() >= 13 {
        hidden.push(("gil", Obj::int(1)));
    }
    if python_minor() >= 14 {
        hidden.push(("thread_inherit_context", Obj::int(0)));
        hidden.push(("context_aware_warnings", Obj::int(0)));
    }
    super::posix::structseq("sys.flags", &fields, values, hidden)
}

pub fn make_module(modules: &Obj) -> PyResult {
    let d = new_dict();
    let set = |k: &str, v: Obj| dict_set(&d, Obj::str(k), v);
    set("__name__", Obj::str("sys"))?;
    let argv: Vec<Obj> = std::env::args().map(Obj::string).collect();
    set("argv", crate::objects::list::new_list(argv))?;
    set("stdout", stdout_obj())?;
    set("stderr", stderr_obj())?;
    set("stdin", Obj::from_static(&STDIN))?;
    set("__stdout__", stdout_obj())?;
    set("__stderr__", stderr_obj())?;
    set("maxsize", Obj::int(i64::MAX))?;
    set("maxunicode", Obj::int(0x10ffff))?;
    set("byteorder", Obj::str("little"))?;
    set("warnoptions", crate::objects::list::new_list(Vec::new()))?;
    set("platform", Obj::str(if cfg!(target_os = "wasi") { "wasi" } else { "linux" }))?;
    // a compiled program has no Python installation: its prefixes name the root, as an
    // embedded CPython without a home does, and sys.executable is empty (CPython's "unknown")
    for k in ["prefix", "base_prefix", "exec_prefix", "base_exec_prefix"] {
        set(k, Obj::str("/"))?;
    }
    set("executable", Obj::str(""))?;
    set("platlibdir", Obj::str("lib"))?;
    let (major, minor, micro) = python_version();
    set("version_info", version_info(major, minor, micro)?)?;
    // CPython's layout "X.Y.Z (buildno, builddate) [compiler]", which platform parses
    set("version", Obj::string(format!("{}.{}.{} (main, pybc2wasm) [rustc]", major, minor, micro)))?;
    let hex = ((major as i64) << 24) | ((minor as i64) << 16) | ((micro as i64) << 8) | 0xf0;
    set("hexversion", Obj::int(hex))?;
    set("modules", modules.clone())?;
    set("hash_info", hash_info()?)?;
    set("float_info", float_info()?)?;
    set("int_info", int_info()?)?;
    set("flags", flags()?)?;
    let cache_tag = format!("cpython-{}{}", major, minor);
    set(
        "implementation",
        super::typesmod::simple_namespace(&[
            ("name", Obj::str("cpython")),
            ("cache_tag", Obj::string(cache_tag)),
            ("version", version_info(major, minor, micro)?),
            ("hexversion", Obj::int(hex)),
            ("_multiarch", Obj::str("")),
        ])?,
    )?;
    set("path", crate::objects::list::new_list(vec![]))?;
    // `_imp` puts its finder of compiled-in modules here when importlib imports it
    set("meta_path", crate::objects::list::new_list(vec![]))?;
    set("path_hooks", crate::objects::list::new_list(vec![]))?;
    set("path_importer_cache", new_dict())?;
    set("pycache_prefix", Obj::none())?;
    // CPython 3.11's builtin modules that this program has natively
    const CPYTHON_BUILTINS: &[&str] = &[
        "_abc", "_ast", "_codecs", "_collections", "_functools", "_imp", "_io", "_locale", "_operator", "_signal",
        "_sre", "_stat", "_string", "_symtable", "_thread", "_tokenize", "_tracemalloc", "_warnings", "_weakref",
        "atexit", "builtins", "errno", "faulthandler", "gc", "itertools", "marshal", "posix", "pwd", "sys", "time",
        "xxsubtype",
    ];
    let names: Vec<Obj> = CPYTHON_BUILTINS.iter().filter(|n| super::registry::find_native(n).is_some()).map(|n| Obj::str(n)).collect();
    set("builtin_module_names", Obj::tuple(names))?;
    set("__stdin__", Obj::from_static(&STDIN))?;
    set("warnoptions", crate::objects::list::new_list(vec![]))?;
    for (n, f) in [
        ("exit", sys_exit as crate::objects::builtin_fn::BuiltinFn),
        ("getrecursionlimit", sys_getrecursionlimit),
        ("setrecursionlimit", sys_setrecursionlimit),
        ("intern", sys_intern),
        ("get_int_max_str_digits", sys_get_int_max_str_digits),
        ("set_int_max_str_digits", sys_set_int_max_str_digits),
        ("getsizeof", sys_getsizeof),
        ("exception", crate::exc_state::sys_exception),
        ("exc_info", crate::exc_state::sys_exc_info),
        ("getfilesystemencoding", sys_getfilesystemencoding),
        ("getfilesystemencodeerrors", sys_getfilesystemencodeerrors),
        ("getdefaultencoding", sys_getfilesystemencoding),
        ("_getframe", super::typesmod::sys_getframe),
        ("excepthook", sys_excepthook),
        ("audit", sys_audit),
        ("addaudithook", sys_addaudithook),
    ] {
        set(n, new_builtin(n, f))?;
    }
    set("__excepthook__", crate::objects::dict::dict_get_str(&d, &Obj::str("excepthook")).unwrap())?;
    Ok(crate::objects::module::new_module("sys", d))
}

/// `__name__` of the globals of the innermost running compiled code.
pub fn caller_module_name() -> Option<String> {
    let g = crate::objects::function::current_globals()?;
    crate::objects::dict::dict_get_str(&g, &Obj::str("__name__")).and_then(|n| n.as_str().map(|s| s.to_string()))
}
