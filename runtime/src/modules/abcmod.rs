//! `_abc`: the C accelerator of `abc.ABCMeta` (CPython's Modules/_abc.c). Each ABC keeps an
//! `_abc_impl` (`_abc_data`) holding its registry, positive and negative subclass caches and
//! the negative cache's version. Classes are immortal here, so the caches hold plain sets
//! of classes instead of weak sets.
use crate::object::{Layout, Obj};
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::dict::{dict_get_str, dict_pop, dict_set, new_dict};
use crate::objects::exceptions::{runtime_error, type_error};
use crate::objects::set::{new_set, set_add, set_contains};
use crate::objects::str::nargs;
use crate::objects::typeobj::{instance_dict, issubclass, new_instance, type_setattr};
use crate::{call, ops, PyResult};
use std::cell::RefCell;

thread_local! {
    static ABC_DATA: RefCell<Option<Obj>> = RefCell::new(None);
}

// ABCMeta.register() bumps this; negative caches older than it are stale.
static mut INVALIDATION_COUNTER: i64 = 0;

fn counter() -> i64 {
    unsafe { INVALIDATION_COUNTER }
}

fn abc_data_class() -> PyResult {
    if let Some(c) = ABC_DATA.with(|s| s.borrow().clone()) {
        return Ok(c);
    }
    let c = super::typesmod::native_class("_abc_data", "_abc", vec![], &[], &[])?;
    ABC_DATA.with(|s| *s.borrow_mut() = Some(c.clone()));
    Ok(c)
}

const REGISTRY: &str = "\u{0}registry";
const CACHE: &str = "\u{0}cache";
const NEGATIVE: &str = "\u{0}negative";
const VERSION: &str = "\u{0}version";

fn new_abc_data() -> PyResult {
    let o = new_instance(abc_data_class()?.as_type());
    let d = instance_dict(&o).unwrap();
    dict_set(&d, Obj::str(REGISTRY), new_set(false))?;
    dict_set(&d, Obj::str(CACHE), new_set(false))?;
    dict_set(&d, Obj::str(NEGATIVE), new_set(false))?;
    dict_set(&d, Obj::str(VERSION), Obj::int(counter()))?;
    Ok(o)
}

/// The `_abc_impl` dict of an ABC.
fn impl_of(cls: &Obj) -> PyResult {
    let imp = ops::getattr_str(cls, "_abc_impl")?;
    let ok = ABC_DATA.with(|s| s.borrow().as_ref().map(|c| imp.is_instance_of(c.as_type())).unwrap_or(false));
    if !ok {
        return Err(type_error("_abc_impl is set to a wrong type"));
    }
    Ok(instance_dict(&imp).unwrap())
}

fn field(d: &Obj, k: &str) -> Obj {
    dict_get_str(d, &Obj::str(k)).unwrap()
}

fn is_abstract(v: &Obj) -> PyResult<bool> {
    match ops::getattr_str(v, "__isabstractmethod__") {
        Ok(x) => ops::is_true(&x),
        Err(e) if e.is_instance(&crate::objects::exceptions::ATTRIBUTE_ERROR) => Ok(false),
        Err(e) => Err(e),
    }
}

/// `_abc_init(cls)`: computes `cls.__abstractmethods__` and creates `cls._abc_impl`.
fn abc_init(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("_abc_init", a, 1, 1)?;
    let cls = &a[0];
    compute_abstract_methods(cls)?;
    ops::setattr(cls, &Obj::str("_abc_impl"), new_abc_data()?)?;
    if cls.layout() == Layout::Type && cls.as_type().heap {
        // collections.abc's pattern-matching flags: nothing to record here
        let d = cls.as_type().dict.borrow().clone().unwrap();
        crate::objects::typeobj::bump_type_version();
        dict_pop(&d, &Obj::str("__abc_tpflags__"))?;
    }
    Ok(Obj::none())
}

fn compute_abstract_methods(cls: &Obj) -> PyResult<()> {
    let abstracts = new_set(true);
    let ns = ops::getattr_str(cls, "__dict__")?;
    let items = ops::call_method(&ns, "items", vec![], None)?;
    for kv in ops::collect_iterable(&items)? {
        let pair = ops::collect_iterable(&kv)?;
        if is_abstract(&pair[1])? {
            set_add(&abstracts, pair[0].clone())?;
        }
    }
    let bases = ops::getattr_str(cls, "__bases__")?;
    for b in ops::collect_iterable(&bases)? {
        let names = match ops::getattr_str(&b, "__abstractmethods__") {
            Ok(n) => n,
            Err(e) if e.is_instance(&crate::objects::exceptions::ATTRIBUTE_ERROR) => continue,
            Err(e) => return Err(e),
        };
        for name in ops::collect_iterable(&names)? {
            let v = match ops::getattr(cls, &name) {
                Ok(v) => v,
                Err(e) if e.is_instance(&crate::objects::exceptions::ATTRIBUTE_ERROR) => continue,
                Err(e) => return Err(e),
            };
            if is_abstract(&v)? {
                set_add(&abstracts, name)?;
            }
        }
    }
    type_setattr(cls, "__abstractmethods__", abstracts)
}

/// `_abc_register(cls, subclass)`
fn abc_register(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("_abc_register", a, 2, 2)?;
    let (cls, sub) = (&a[0], &a[1]);
    if sub.layout() != Layout::Type {
        return Err(type_error("Can only register classes"));
    }
    if issubclass(sub, cls)? {
        return Ok(sub.clone());
    }
    if issubclass(cls, sub)? {
        return Err(runtime_error("Refusing to create an inheritance cycle"));
    }
    let d = impl_of(cls)?;
    set_add(&field(&d, REGISTRY), sub.clone())?;
    unsafe { INVALIDATION_COUNTER += 1 };
    Ok(sub.clone())
}

/// `_abc_instancecheck(cls, instance)`
fn abc_instancecheck(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("_abc_instancecheck", a, 2, 2)?;
    let (cls, inst) = (&a[0], &a[1]);
    let d = impl_of(cls)?;
    let subclass = ops::getattr_str(inst, "__class__")?;
    if set_contains(&field(&d, CACHE), &subclass)? {
        return Ok(Obj::bool(true));
    }
    let subtype = inst.ty().obj();
    if subtype.is(&subclass) {
        if ops::index_value(&field(&d, VERSION))? == counter() && set_contains(&field(&d, NEGATIVE), &subclass)? {
            return Ok(Obj::bool(false));
        }
        return ops::call_method(cls, "__subclasscheck__", vec![subclass], None);
    }
    let r = ops::call_method(cls, "__subclasscheck__", vec![subclass], None)?;
    if ops::is_true(&r)? {
        return Ok(r);
    }
    ops::call_method(cls, "__subclasscheck__", vec![subtype], None)
}

/// `_abc_subclasscheck(cls, subclass)`: cache, negative cache, `__subclasshook__`, the MRO,
/// the registry, then the subclasses, recursively.
fn abc_subclasscheck(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("_abc_subclasscheck", a, 2, 2)?;
    let (cls, sub) = (&a[0], &a[1]);
    if sub.layout() != Layout::Type {
        return Err(type_error("issubclass() arg 1 must be a class"));
    }
    let d = impl_of(cls)?;
    let cache = field(&d, CACHE);
    if set_contains(&cache, sub)? {
        return Ok(Obj::bool(true));
    }
    if ops::index_value(&field(&d, VERSION))? < counter() {
        dict_set(&d, Obj::str(NEGATIVE), new_set(false))?;
        dict_set(&d, Obj::str(VERSION), Obj::int(counter()))?;
    } else if set_contains(&field(&d, NEGATIVE), sub)? {
        return Ok(Obj::bool(false));
    }
    let ok = ops::call_method(cls, "__subclasshook__", vec![sub.clone()], None)?;
    if !ok.is_not_implemented() {
        if !ok.is_bool() {
            return Err(crate::objects::exceptions::new_exc(
                &crate::objects::exceptions::ASSERTION_ERROR,
                "__subclasshook__ must return either False, True, or NotImplemented",
            ));
        }
        set_add(&field(&d, if ok.is_true_obj() { CACHE } else { NEGATIVE }), sub.clone())?;
        return Ok(ok);
    }
    let found = || -> PyResult<bool> {
        if sub.as_type().mro_list().iter().any(|t| t.obj().is(cls)) {
            return Ok(true);
        }
        for r in crate::objects::set::items(&field(&d, REGISTRY)) {
            if issubclass(sub, &r)? {
                return Ok(true);
            }
        }
        let subs = ops::call_method(cls, "__subclasses__", vec![], None)?;
        for s in ops::collect_iterable(&subs)? {
            if issubclass(sub, &s)? {
                return Ok(true);
            }
        }
        Ok(false)
    }()?;
    set_add(&field(&d, if found { CACHE } else { NEGATIVE }), sub.clone())?;
    Ok(Obj::bool(found))
}

fn get_dump(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("_get_dump", a, 1, 1)?;
    let d = impl_of(&a[0])?;
    let copy = |k: &str| crate::objects::set::set_from_iter(&field(&d, k), false);
    Ok(Obj::tuple(vec![copy(REGISTRY)?, copy(CACHE)?, copy(NEGATIVE)?, field(&d, VERSION)]))
}

fn reset_registry(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("_reset_registry", a, 1, 1)?;
    dict_set(&impl_of(&a[0])?, Obj::str(REGISTRY), new_set(false))?;
    Ok(Obj::none())
}

fn reset_caches(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("_reset_caches", a, 1, 1)?;
    let d = impl_of(&a[0])?;
    dict_set(&d, Obj::str(CACHE), new_set(false))?;
    dict_set(&d, Obj::str(NEGATIVE), new_set(false))?;
    Ok(Obj::none())
}

fn get_cache_token(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("get_cache_token", a, 0, 0)?;
    Ok(Obj::int(counter()))
}

pub fn make_module() -> PyResult {
    crate::hooks::ABSTRACT.install(&crate::objects::typeobj::ABSTRACT_HOOKS);
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("_abc"))?;
    let fns: &[(&'static str, BuiltinFn)] = &[
        ("_abc_init", abc_init),
        ("_abc_register", abc_register),
        ("_abc_instancecheck", abc_instancecheck),
        ("_abc_subclasscheck", abc_subclasscheck),
        ("_get_dump", get_dump),
        ("_reset_registry", reset_registry),
        ("_reset_caches", reset_caches),
        ("get_cache_token", get_cache_token),
    ];
    for (n, f) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *f))?;
    }
    let _ = call;
    Ok(crate::objects::module::new_module("_abc", d))
}
