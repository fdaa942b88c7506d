//! `_thread` for a single-threaded runtime: locks that count (acquiring a held lock without
//! blocking fails; blocking on it would deadlock forever, so it raises), RLock, get_ident,
//! _local. Enough for functools, reprlib, threading-free stdlib code.
use crate::object::{MethodFn, Obj};
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::exceptions::runtime_error;
use crate::objects::native::{self, new_native, posonly, unpack, NativeData};
use crate::{ops, PyResult};
use std::cell::Cell;

crate::native_type!(LOCK_TYPE, "_thread", "_thread.lock", LOCK_METHODS);
crate::native_type!(RLOCK_TYPE, "_thread", "_thread.RLock", RLOCK_METHODS);
crate::native_type!(LOCAL_TYPE, "_thread", "_thread._local", LOCAL_METHODS);

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

fn local_new(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(new_native(native::new_type(this)?, Local))
}

static LOCK_METHODS: &[(&str, MethodFn)] = &[
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

static RLOCK_METHODS: &[(&str, MethodFn)] = &[
    ("__new__", rlock_new),
    ("acquire", acquire),
    ("__enter__", acquire),
    ("release", release),
    ("__exit__", exit),
    ("_is_owned", is_owned),
    ("__repr__", lock_repr),
];

static LOCAL_METHODS: &[(&str, MethodFn)] = &[("__new__", local_new)];

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
        ("_set_sentinel", set_sentinel),
        ("stack_size", stack_size),
    ];
    for (n, g) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *g))?;
    }
    dict_set(&d, Obj::str("LockType"), LOCK_TYPE.obj())?;
    dict_set(&d, Obj::str("RLock"), RLOCK_TYPE.obj())?;
    dict_set(&d, Obj::str("_local"), LOCAL_TYPE.obj())?;
    dict_set(&d, Obj::str("error"), crate::objects::exceptions::RUNTIME_ERROR.obj())?;
    dict_set(&d, Obj::str("TIMEOUT_MAX"), Obj::float(9223372036.0))?;
    Ok(crate::objects::module::new_module("_thread", d))
}
