//! `_thread` for a single-threaded runtime: locks that count (acquiring a held lock without
//! blocking fails; blocking on it would deadlock forever, so it raises), RLock, get_ident,
//! _local. Enough for functools, reprlib, threading-free stdlib code, and for `threading`
//! of every version as long as no thread is started: 3.12's `daemon_threads_allowed` and
//! `_is_main_interpreter`, 3.13's thread handles (`_ThreadHandle`, `_make_thread_handle`,
//! `_get_main_thread_ident`, `start_joinable_thread`, `_shutdown`, a callable `lock` type), as
//! CPython's Modules/_threadmodule.c of the bytecode's version. Starting a thread is
//! RuntimeError "can't start new thread" (wasm32-wasi has no threads; the native build keeps
//! the same single thread).
use crate::modules::sys::python_minor;
use crate::object::{MethodFn, Obj};
use crate::objects::bigint::BigInt;
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::exceptions::{overflow_error, runtime_error, type_error};
use crate::objects::int::{as_int, int_from_big, IntVal};
use crate::objects::native::{self, new_native, posonly, unpack, NativeData};
use crate::{ops, PyResult};
use std::cell::Cell;

crate::native_type!(LOCK_TYPE, "_thread", "_thread.lock", LOCK_METHODS);
crate::native_type!(RLOCK_TYPE, "_thread", "_thread.RLock", RLOCK_METHODS);
crate::native_type!(LOCAL_TYPE, "_thread", "_thread._local", LOCAL_METHODS);
crate::native_type!(HANDLE_TYPE, "_thread", "_thread._ThreadHandle", HANDLE_METHODS);

/// The identity of the one thread (`get_ident`, `_get_main_thread_ident`).
const MAIN_IDENT: u64 = 1;

struct Lock {
    count: Cell<u64>,
}
impl NativeData for Lock {}
struct Local;
impl NativeData for Local {
    fn has_dict(&self) -> bool {
        true
    }
}

fn lock(o: &Obj) -> PyResult<&Lock> {
    native::expect::<Lock>(o, "_thread.lock")
}

fn acquire(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = unpack("acquire", a, kw, &["blocking", "timeout"], 0, 2, 0)?;
    let blocking = match &v[0] {
        Some(b) => ops::is_true(b)?,
        None => true,
    };
    let l = lock(this)?;
    let reentrant = this.ty().is_subtype(&RLOCK_TYPE);
    if l.count.get() > 0 && !reentrant {
        if blocking && v[1].as_ref().map(|t| ops::number_to_f64(t).map(|x| x < 0.0).unwrap_or(true)).unwrap_or(true) {
            return Err(runtime_error("deadlock: blocking acquire of a held lock in a single-threaded program"));
        }
        return Ok(Obj::bool(false));
    }
    l.count.set(l.count.get() + 1);
    Ok(Obj::bool(true))
}

fn release(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    posonly("release", a, kw, 0, 0)?;
    let l = lock(this)?;
    if l.count.get() == 0 {
        return Err(runtime_error(if this.ty().is_subtype(&RLOCK_TYPE) { "cannot release un-acquired lock" } else { "release unlocked lock" }));
    }
    l.count.set(l.count.get() - 1);
    Ok(Obj::none())
}

fn exit(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    release(this, &[], None)
}

fn locked(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::bool(lock(this)?.count.get() > 0))
}

fn lock_repr(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let l = lock(this)?;
    let state = if l.count.get() > 0 { "locked" } else { "unlocked" };
    if this.ty().is_subtype(&RLOCK_TYPE) {
        return Ok(Obj::string(format!(
            "<{} {} object owner={} count={} at 0x{:x}>",
            state,
            this.ty().qualified_name(),
            if l.count.get() > 0 { 1 } else { 0 },
            l.count.get(),
            this.addr()
        )));
    }
    Ok(Obj::string(format!("<{} {} object at 0x{:x}>", state, this.ty().qualified_name(), this.addr())))
}

fn is_owned(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    locked(this, &[], None)
}

fn rlock_new(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(new_native(native::new_type(this)?, Lock { count: Cell::new(0) }))
}

/// `_thread.lock()`: 3.13 made the lock type callable (threading.Lock is it); before, the
/// type cannot be instantiated.
fn lock_new(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let t = native::new_type(this)?;
    if python_minor() < 13 {
        return Err(type_error(format!("cannot create '{}' instances", t.name)));
    }
    posonly("lock", a, kw, 0, 0)?;
    Ok(new_native(t, Lock { count: Cell::new(0) }))
}

fn local_new(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(new_native(native::new_type(this)?, Local))
}

static LOCK_METHODS: &[(&str, MethodFn)] = &[
    ("__new__", lock_new),
    ("acquire", acquire),
    ("acquire_lock", acquire),
    ("__enter__", acquire),
    ("release", release),
    ("release_lock", release),
    ("__exit__", exit),
    ("locked", locked),
    ("locked_lock", locked),
    ("__repr__", lock_repr),
];

/// The last entry, `locked`, is 3.14's: make_module cuts it off for older bytecode.
static RLOCK_METHODS: &[(&str, MethodFn)] = &[
    ("__new__", rlock_new),
    ("acquire", acquire),
    ("__enter__", acquire),
    ("release", release),
    ("__exit__", exit),
    ("_is_owned", is_owned),
    ("__repr__", lock_repr),
    ("locked", locked),
];

static LOCAL_METHODS: &[(&str, MethodFn)] = &[("__new__", local_new)];

/// A 3.13+ thread handle (`ThreadHandle` of _threadmodule.c): not started (a `Thread` not
/// yet started), running (made by `_make_thread_handle`: the main thread's) or done.
struct Handle {
    ident: Cell<u64>,
    state: Cell<HandleState>,
}
#[derive(Clone, Copy, PartialEq)]
enum HandleState {
    NotStarted,
    Running,
    Done,
}
impl NativeData for Handle {
    fn getattr(&self, _this: &Obj, name: &str) -> Option<PyResult> {
        if name == "ident" {
            return Some(Ok(u64_obj(self.ident.get())));
        }
        None
    }
}

fn u64_obj(v: u64) -> Obj {
    if v <= i64::MAX as u64 {
        Obj::int(v as i64)
    } else {
        int_from_big(BigInt::from_u64(v))
    }
}

fn handle(o: &Obj) -> PyResult<&Handle> {
    native::expect::<Handle>(o, "_thread._ThreadHandle")
}

fn new_handle(t: &'static crate::object::TypeObject, ident: u64, state: HandleState) -> Obj {
    new_native(t, Handle { ident: Cell::new(ident), state: Cell::new(state) })
}

/// `_ThreadHandle(*args, **kwargs)`: a handle not started (the arguments are ignored, as
/// PyThreadHandleObject_tp_new does).
fn handle_new(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(new_handle(native::new_type(this)?, 0, HandleState::NotStarted))
}

fn not_started() -> crate::Exc {
    runtime_error("thread not started")
}

/// `join(timeout=None, /)`: a handle never started cannot be joined; the running one is the
/// current thread (the only one); a done one returns at once.
fn handle_join(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    posonly("join", a, kw, 0, 1)?;
    if let Some(t) = a.get(0) {
        if !t.is_none() {
            ops::number_to_f64(t)?;
        }
    }
    let h = handle(this)?;
    match h.state.get() {
        HandleState::NotStarted => Err(not_started()),
        HandleState::Running if h.ident.get() == MAIN_IDENT => Err(runtime_error("Cannot join current thread")),
        // a running handle of another identity (`_make_thread_handle(n)`): no such thread
        // exists here, and waiting for it would never end
        HandleState::Running => Err(runtime_error("deadlock: joining a thread that cannot run in a single-threaded program")),
        HandleState::Done => Ok(Obj::none()),
    }
}

fn handle_is_done(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    posonly("is_done", a, kw, 0, 0)?;
    Ok(Obj::bool(handle(this)?.state.get() == HandleState::Done))
}

fn handle_set_done(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    posonly("_set_done", a, kw, 0, 0)?;
    let h = handle(this)?;
    if h.state.get() == HandleState::NotStarted {
        return Err(not_started());
    }
    h.state.set(HandleState::Done);
    Ok(Obj::none())
}

fn handle_repr(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::string(format!("<{} object: ident={}>", this.ty().qualified_name(), handle(this)?.ident.get())))
}

static HANDLE_METHODS: &[(&str, MethodFn)] = &[
    ("__new__", handle_new),
    ("join", handle_join),
    ("is_done", handle_is_done),
    ("_set_done", handle_set_done),
    ("__repr__", handle_repr),
];

/// `_make_thread_handle(ident)`: a running handle of thread `ident` (threading makes the main
/// thread's and dummy threads' with it).
fn make_thread_handle(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = posonly("_make_thread_handle", a, kw, 1, 1)?;
    let ident = match as_int(&a[0]) {
        None => return Err(type_error("ident must be an integer")),
        Some(IntVal::Small(i)) if *i < 0 => return Err(overflow_error("can't convert negative int to unsigned")),
        Some(IntVal::Small(i)) => *i as u64,
        Some(IntVal::Big(b)) if b.neg => return Err(overflow_error("can't convert negative int to unsigned")),
        Some(IntVal::Big(b)) => b.to_u64_mag().ok_or_else(|| overflow_error("int too big to convert"))?,
    };
    Ok(new_handle(&HANDLE_TYPE, ident, HandleState::Running))
}

fn get_main_thread_ident(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    posonly("_get_main_thread_ident", a, kw, 0, 0)?;
    Ok(u64_obj(MAIN_IDENT))
}

/// `_shutdown()`: waits for the non-daemon threads; there are none.
fn shutdown(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    posonly("_shutdown", a, kw, 0, 0)?;
    Ok(Obj::none())
}

fn daemon_threads_allowed(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    posonly("daemon_threads_allowed", a, kw, 0, 0)?;
    Ok(Obj::bool(true))
}

fn is_main_interpreter(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    posonly("_is_main_interpreter", a, kw, 0, 0)?;
    Ok(Obj::bool(true))
}

/// `start_joinable_thread(function, handle=None, daemon=True)`: CPython's argument checks,
/// then the start fails as PyThread_start_joinable_thread fails where there are no threads.
fn start_joinable_thread(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = unpack("start_joinable_thread", a, kw, &["function", "handle", "daemon"], 1, 3, 0)?;
    if let Some(d) = &v[2] {
        ops::is_true(d)?;
    }
    if !crate::builtins::is_callable(v[0].as_ref().unwrap()) {
        return Err(type_error("thread function must be callable"));
    }
    if let Some(h) = &v[1] {
        if !h.is_none() {
            if !h.ty().is_subtype(&HANDLE_TYPE) || native::native_ref::<Handle>(h).is_none() {
                return Err(type_error("'handle' must be a _ThreadHandle"));
            }
            if handle(h)?.state.get() != HandleState::NotStarted {
                return Err(runtime_error("thread already started"));
            }
        }
    }
    Err(runtime_error("can't start new thread"))
}

const HOOK_ARGS: &str = "_thread._ExceptHookArgs";
const HOOK_FIELDS: &[&str] = &["exc_type", "exc_value", "exc_traceback", "thread"];

/// `_excepthook(args)`: threading.excepthook's default (thread_excepthook of
/// _threadmodule.c): "Exception in thread NAME:" and the traceback on sys.stderr (else the
/// thread's `_stderr`); SystemExit is silent. Having it spares 3.12's `threading` its
/// fallback, which imports traceback and, through linecache, 3.12's tokenize (C `_tokenize`).
fn excepthook(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = posonly("_excepthook", a, kw, 1, 1)?;
    let cls = crate::modules::posix::structseq_class("_thread._ExceptHookArgs", HOOK_FIELDS)?;
    if !a[0].ty().is_subtype(cls.as_type()) {
        return Err(type_error("_thread.excepthook argument type must be ExceptHookArgs"));
    }
    let items = crate::objects::tuple::tuple_items(&a[0]).to_vec();
    if items.len() != 4 {
        return Err(type_error("_thread.excepthook argument type must be ExceptHookArgs"));
    }
    let (exc_type, value, thread) = (&items[0], &items[1], &items[3]);
    if exc_type.addr() == crate::objects::exc_types::SYSTEM_EXIT.obj().addr() {
        return Ok(Obj::none());
    }
    let mut file = match crate::modules::load("sys")? {
        Some(sys) => ops::getattr_str(&sys, "stderr")?,
        None => crate::modules::sys::stderr_obj(),
    };
    if file.is_none() {
        if thread.is_none() {
            return Ok(Obj::none());
        }
        file = ops::getattr_str(thread, "_stderr")?;
        if file.is_none() {
            return Ok(Obj::none());
        }
    }
    let name = if !thread.is_none() && crate::attr::has_attr_str(thread, "name") {
        ops::str_string(&ops::getattr_str(thread, "name")?)?
    } else {
        MAIN_IDENT.to_string()
    };
    let mut text = format!("Exception in thread {}:\n", name);
    if value.is_instance_of(&crate::objects::exc_types::BASE_EXCEPTION) {
        text.push_str(&crate::main_entry::format_exception(value));
    }
    ops::call_method(&file, "write", vec![Obj::string(text)], None)?;
    ops::call_method(&file, "flush", vec![], None)?;
    Ok(Obj::none())
}

fn allocate_lock(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    posonly("allocate_lock", a, kw, 0, 0)?;
    Ok(new_native(&LOCK_TYPE, Lock { count: Cell::new(0) }))
}

/// `_set_sentinel()`: the lock threading holds for the main thread's lifetime.
fn set_sentinel(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    posonly("_set_sentinel", a, kw, 0, 0)?;
    Ok(new_native(&LOCK_TYPE, Lock { count: Cell::new(0) }))
}

/// `stack_size([size])`: 0 (the platform default); threads never start here.
fn stack_size(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    posonly("stack_size", a, kw, 0, 1)?;
    Ok(Obj::int(0))
}

fn get_ident(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    posonly("get_ident", a, kw, 0, 0)?;
    Ok(Obj::int(1))
}

fn count(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::int(0))
}

fn start_new_thread(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Err(runtime_error("can't start new thread"))
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("_thread"))?;
    let fns: &[(&'static str, BuiltinFn)] = &[
        ("allocate_lock", allocate_lock),
        ("allocate", allocate_lock),
        ("get_ident", get_ident),
        ("get_native_id", get_ident),
        ("_count", count),
        ("start_new_thread", start_new_thread),
        ("start_new", start_new_thread),
        ("stack_size", stack_size),
        ("_excepthook", excepthook),
    ];
    // what each version's _threadmodule.c has (threading reads them at import)
    let minor = python_minor();
    let v312: &[(&'static str, BuiltinFn)] = &[("daemon_threads_allowed", daemon_threads_allowed), ("_is_main_interpreter", is_main_interpreter)];
    let v313: &[(&'static str, BuiltinFn)] = &[
        ("start_joinable_thread", start_joinable_thread),
        ("_make_thread_handle", make_thread_handle),
        ("_get_main_thread_ident", get_main_thread_ident),
        ("_shutdown", shutdown),
    ];
    let before313: &[(&'static str, BuiltinFn)] = &[("_set_sentinel", set_sentinel)];
    let extra: Vec<&[(&'static str, BuiltinFn)]> = match minor {
        0..=11 => vec![before313],
        12 => vec![before313, v312],
        _ => vec![v312, v313],
    };
    for (n, g) in fns.iter().chain(extra.into_iter().flatten()) {
        dict_set(&d, Obj::str(n), new_builtin(n, *g))?;
    }
    dict_set(&d, Obj::str("_ExceptHookArgs"), crate::modules::posix::structseq_class(HOOK_ARGS, HOOK_FIELDS)?)?;
    if minor >= 13 {
        dict_set(&d, Obj::str("lock"), LOCK_TYPE.obj())?;
        dict_set(&d, Obj::str("_ThreadHandle"), HANDLE_TYPE.obj())?;
    }
    dict_set(&d, Obj::str("LockType"), LOCK_TYPE.obj())?;
    if minor < 14 {
        RLOCK_TYPE.methods.set(&RLOCK_METHODS[..RLOCK_METHODS.len() - 1]);
    }
    dict_set(&d, Obj::str("RLock"), RLOCK_TYPE.obj())?;
    dict_set(&d, Obj::str("_local"), LOCAL_TYPE.obj())?;
    dict_set(&d, Obj::str("error"), crate::objects::exceptions::RUNTIME_ERROR.obj())?;
    dict_set(&d, Obj::str("TIMEOUT_MAX"), Obj::float(9223372036.0))?;
    Ok(crate::objects::module::new_module("_thread", d))
}
