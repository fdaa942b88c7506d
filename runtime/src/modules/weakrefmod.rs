//! `_weakref`: weak references (CPython's Objects/weakrefobject.c and Modules/_weakref.c).
//! A `ReferenceType` instance keeps its referent's address in a hidden field; a registry maps
//! addresses of referents to their weakrefs. When a referent is freed, `object_freed` marks
//! its weakrefs dead and queues their callbacks, which run once the deallocation is over.
//! The registry holds its weakrefs strongly until their referent dies (a weakref dropped
//! earlier lingers until then; its callback then still runs, which the stdlib's callbacks
//! tolerate).
use crate::object::{Layout, Obj, PyObjectHeader};
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::dict::{dict_get_str, dict_set, new_dict};
use crate::objects::exceptions::{new_exc, type_error, REFERENCE_ERROR};
use crate::objects::str::nargs;
use crate::objects::typeobj::{instance_dict, new_instance};
use crate::{ops, PyResult};
use std::cell::RefCell;
use std::collections::HashMap;

thread_local! {
    static REF_CLASS: RefCell<Option<Obj>> = RefCell::new(None);
    static PROXY_CLASS: RefCell<Option<Obj>> = RefCell::new(None);
    static CALLABLE_PROXY_CLASS: RefCell<Option<Obj>> = RefCell::new(None);
    /// referent address -> its weak references (and proxies), oldest first
    static REGISTRY: RefCell<HashMap<usize, Vec<Obj>>> = RefCell::new(HashMap::new());
    /// (callback, weakref) pairs waiting for the deallocation that killed them to end
    static PENDING: RefCell<Vec<(Obj, Obj)>> = RefCell::new(Vec::new());
}

// Set once a weak reference exists: deallocation then asks the registry.
static mut ANY_WEAKREFS: bool = false;

pub fn any_weakrefs() -> bool {
    unsafe { ANY_WEAKREFS }
}

const ADDR: &str = "\u{0}addr";
const ALIVE: &str = "\u{0}alive";
const CALLBACK: &str = "\u{0}callback";
const HASH: &str = "\u{0}hash";

fn field(r: &Obj, k: &str) -> Option<Obj> {
    instance_dict(r).and_then(|d| dict_get_str(&d, &Obj::str(k)))
}

/// The referent of a weakref or proxy, None once it is dead.
pub fn referent(r: &Obj) -> Option<Obj> {
    let alive = field(r, ALIVE)?;
    if !alive.is_true_obj() {
        return None;
    }
    let addr = ops::index_value(&field(r, ADDR)?).ok()? as usize;
    Some(unsafe { Obj::from_static_ptr(addr as *const PyObjectHeader) })
}

/// Which objects can be weakly referenced (CPython: those with a `__weakref__` slot).
fn weakrefable(o: &Obj) -> bool {
    match o.layout() {
        Layout::Instance => !o.is_type(&crate::objects::typeobj::OBJECT_TYPE),
        Layout::Type | Layout::Function | Layout::Set | Layout::Generator | Layout::Coroutine | Layout::Module | Layout::NativeFn | Layout::Method | Layout::Property => true,
        Layout::Dict | Layout::List | Layout::Float | Layout::Complex | Layout::Deque | Layout::Random => o.ty().heap,
        _ => false,
    }
}

/// Whether freeing an object of this layout must clear weak references to it.
pub fn may_be_referent(l: Layout) -> bool {
    matches!(
        l,
        Layout::Instance | Layout::Function | Layout::Set | Layout::Generator | Layout::Coroutine | Layout::Module | Layout::NativeFn
            | Layout::Method | Layout::Property | Layout::Dict | Layout::List | Layout::Float | Layout::Complex | Layout::Deque | Layout::Random
    )
}

fn register(o: &Obj, r: &Obj) {
    unsafe { ANY_WEAKREFS = true };
    REGISTRY.with(|m| m.borrow_mut().entry(o.addr()).or_insert_with(Vec::new).push(r.clone()));
}

fn init_ref(r: &Obj, o: &Obj, callback: Option<Obj>) -> PyResult<()> {
    let d = instance_dict(r).unwrap();
    dict_set(&d, Obj::str(ADDR), Obj::int(o.addr() as i64))?;
    dict_set(&d, Obj::str(ALIVE), Obj::bool(true))?;
    dict_set(&d, Obj::str(CALLBACK), callback.unwrap_or_else(Obj::none))?;
    register(o, r);
    Ok(())
}

/// Called by deallocation for objects that may be weakly referenced.
pub fn object_freed(addr: usize) {
    // try_with: objects freed while thread-locals are torn down at exit
    let refs = match REGISTRY.try_with(|m| m.try_borrow_mut().ok().and_then(|mut m| m.remove(&addr))) {
        Ok(Some(r)) => r,
        _ => return,
    };
    for r in refs.iter().rev() {
        if let Some(d) = instance_dict(r) {
            let _ = dict_set(&d, Obj::str(ALIVE), Obj::bool(false));
            if let Some(cb) = dict_get_str(&d, &Obj::str(CALLBACK)) {
                if !cb.is_none() {
                    let _ = PENDING.try_with(|p| p.borrow_mut().push((cb, r.clone())));
                }
            }
        }
    }
}

/// Runs queued weakref callbacks (after the deallocation that queued them).
pub fn run_pending_callbacks() {
    loop {
        let next = PENDING.with(|p| {
            let mut p = p.borrow_mut();
            if p.is_empty() {
                None
            } else {
                Some(p.remove(0))
            }
        });
        let (cb, r) = match next {
            Some(x) => x,
            None => return,
        };
        if let Err(e) = crate::call(&cb, vec![r], None) {
            let what = ops::repr_string(&cb).unwrap_or_else(|_| "<callback>".into());
            let tb = crate::main_entry::format_exception(e.value());
            crate::io::write_stderr(format!("Exception ignored in: {}\n{}", what, tb).as_bytes());
        }
    }
}

pub fn has_pending_callbacks() -> bool {
    PENDING.try_with(|p| !p.borrow().is_empty()).unwrap_or(false)
}

fn cached(slot: &'static std::thread::LocalKey<RefCell<Option<Obj>>>, make: fn() -> PyResult) -> PyResult {
    if let Some(c) = slot.with(|s| s.borrow().clone()) {
        return Ok(c);
    }
    let c = make()?;
    slot.with(|s| *s.borrow_mut() = Some(c.clone()));
    Ok(c)
}

fn type_name_of(o: &Obj) -> String {
    o.ty().name.to_string()
}

fn make_ref_class() -> PyResult {
    use super::typesmod::native_class;
    native_class(
        "ReferenceType",
        "weakref",
        vec![],
        &[
            ("__new__", |cls, a, _k| {
                nargs("__new__", a, 1, 2)?;
                if !weakrefable(&a[0]) {
                    return Err(type_error(format!("cannot create weak reference to '{}' object", a[0].type_name())));
                }
                let cb = a.get(1).cloned().filter(|c| !c.is_none());
                let base = cached(&REF_CLASS, make_ref_class)?;
                if cb.is_none() && cls.is(&base) {
                    // an existing callback-less weakref of the exact type is shared
                    let existing = REGISTRY.with(|m| {
                        m.borrow().get(&a[0].addr()).and_then(|v| {
                            v.iter().find(|r| r.ty().obj().is(&base) && field(r, CALLBACK).map(|c| c.is_none()).unwrap_or(false)).cloned()
                        })
                    });
                    if let Some(r) = existing {
                        return Ok(r);
                    }
                }
                let r = new_instance(cls.as_type());
                init_ref(&r, &a[0], cb)?;
                Ok(r)
            }),
            ("__init__", |_t, _a, _k| Ok(Obj::none())),
            ("__call__", |t, a, _k| {
                nargs("__call__", a, 0, 0)?;
                Ok(referent(t).unwrap_or_else(Obj::none))
            }),
            ("__hash__", |t, _a, _k| {
                if let Some(h) = field(t, HASH) {
                    return Ok(h);
                }
                let o = referent(t).ok_or_else(|| type_error("weak object has gone away"))?;
                let h = Obj::int(ops::hash(&o)?);
                dict_set(&instance_dict(t).unwrap(), Obj::str(HASH), h.clone())?;
                Ok(h)
            }),
            ("__eq__", |t, a, _k| ref_compare(t, &a[0], true)),
            ("__ne__", |t, a, _k| ref_compare(t, &a[0], false)),
            ("__repr__", |t, _a, _k| {
                Ok(Obj::string(match referent(t) {
                    Some(o) => format!("<weakref at 0x{:x}; to '{}' at 0x{:x}>", t.addr(), type_name_of(&o), o.addr()),
                    None => format!("<weakref at 0x{:x}; dead>", t.addr()),
                }))
            }),
            ("__class_getitem__", |t, a, _k| super::typesmod::generic_alias(t, &a[0])),
        ],
        &[("__callback__", |t| Ok(field(t, CALLBACK).unwrap_or_else(Obj::none)))],
    )
}

fn ref_compare(t: &Obj, other: &Obj, eq: bool) -> PyResult {
    let base = cached(&REF_CLASS, make_ref_class)?;
    if !other.is_instance_of(base.as_type()) {
        return Ok(Obj::not_implemented());
    }
    match (referent(t), referent(other)) {
        (Some(a), Some(b)) => ops::compare(&a, &b, if eq { ops::CmpOp::Eq } else { ops::CmpOp::Ne }),
        _ => Ok(Obj::bool(t.is(other) == eq)),
    }
}

fn proxy_target(t: &Obj) -> PyResult {
    referent(t).ok_or_else(|| new_exc(&REFERENCE_ERROR, "weakly-referenced object no longer exists"))
}

fn make_proxy_class(name: &str) -> PyResult {
    super::typesmod::native_class(
        name,
        "weakref",
        vec![],
        &[
            ("__getattr__", |t, a, _k| ops::getattr(&proxy_target(t)?, &a[0])),
            // proxy_setattr: attributes are set on (and deleted from) the referent
            ("__setattr__", |t, a, _k| {
                crate::setattr(&proxy_target(t)?, &a[0], a[1].clone())?;
                Ok(Obj::none())
            }),
            ("__delattr__", |t, a, _k| {
                crate::delattr(&proxy_target(t)?, &a[0])?;
                Ok(Obj::none())
            }),
            ("__ne__", |t, a, _k| ops::compare(&proxy_target(t)?, &a[0], ops::CmpOp::Ne)),
            ("__repr__", |t, _a, _k| {
                let o = proxy_target(t)?;
                Ok(Obj::string(format!("<weakproxy at 0x{:x}; to '{}' at 0x{:x}>", t.addr(), type_name_of(&o), o.addr())))
            }),
            ("__str__", |t, _a, _k| ops::to_str(&proxy_target(t)?)),
            ("__len__", |t, _a, _k| Ok(Obj::int(ops::len(&proxy_target(t)?)? as i64))),
            ("__iter__", |t, _a, _k| ops::get_iter(&proxy_target(t)?)),
            ("__getitem__", |t, a, _k| ops::getitem(&proxy_target(t)?, &a[0])),
            ("__contains__", |t, a, _k| Ok(Obj::bool(ops::contains(&proxy_target(t)?, &a[0])?))),
            ("__eq__", |t, a, _k| ops::compare(&proxy_target(t)?, &a[0], ops::CmpOp::Eq)),
            ("__bool__", |t, _a, _k| Ok(Obj::bool(ops::is_true(&proxy_target(t)?)?))),
            ("__call__", |t, a, k| crate::call(&proxy_target(t)?, a.to_vec(), k)),
        ],
        &[],
    )
}

fn proxy(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("proxy", a, 1, 2)?;
    if !weakrefable(&a[0]) {
        return Err(type_error(format!("cannot create weak reference to '{}' object", a[0].type_name())));
    }
    let cls = if crate::builtins::is_callable(&a[0]) {
        cached(&CALLABLE_PROXY_CLASS, || make_proxy_class("CallableProxyType"))?
    } else {
        cached(&PROXY_CLASS, || make_proxy_class("ProxyType"))?
    };
    let p = new_instance(cls.as_type());
    init_ref(&p, &a[0], a.get(1).cloned().filter(|c| !c.is_none()))?;
    Ok(p)
}

fn live_refs(o: &Obj) -> Vec<Obj> {
    REGISTRY.with(|m| m.borrow().get(&o.addr()).cloned().unwrap_or_default())
}

fn getweakrefcount(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("getweakrefcount", a, 1, 1)?;
    Ok(Obj::int(live_refs(&a[0]).len() as i64))
}

fn getweakrefs(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("getweakrefs", a, 1, 1)?;
    Ok(crate::objects::list::new_list(live_refs(&a[0])))
}

/// `_remove_dead_weakref(dict, key)`: deletes `dict[key]` if it is a dead weakref.
fn remove_dead_weakref(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("_remove_dead_weakref", a, 2, 2)?;
    if let Some(v) = crate::objects::dict::dict_get(&a[0], &a[1])? {
        if field(&v, ALIVE).map(|x| !x.is_true_obj()).unwrap_or(false) {
            crate::objects::dict::dict_delitem(&a[0], &a[1])?;
        }
    }
    Ok(Obj::none())
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("_weakref"))?;
    let fns: &[(&'static str, BuiltinFn)] = &[
        ("getweakrefcount", getweakrefcount),
        ("getweakrefs", getweakrefs),
        ("proxy", proxy),
        ("_remove_dead_weakref", remove_dead_weakref),
    ];
    for (n, f) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *f))?;
    }
    let r = cached(&REF_CLASS, make_ref_class)?;
    dict_set(&d, Obj::str("ref"), r.clone())?;
    dict_set(&d, Obj::str("ReferenceType"), r)?;
    dict_set(&d, Obj::str("ProxyType"), cached(&PROXY_CLASS, || make_proxy_class("ProxyType"))?)?;
    dict_set(&d, Obj::str("CallableProxyType"), cached(&CALLABLE_PROXY_CLASS, || make_proxy_class("CallableProxyType"))?)?;
    Ok(crate::objects::module::new_module("_weakref", d))
}
