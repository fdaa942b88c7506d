//! Helpers for native modules: classes defined in Rust as ordinary (heap) classes whose
//! methods are Rust functions (so Python code can subclass them, mix them with ABCs, and give
//! their instances attributes), Rust state kept in a capsule in the instance, and Argument
//! Clinic-style binding of positional and keyword arguments.
use crate::object::{alloc, Layout, Obj};
use crate::objects::builtin_fn::{new_native_fn, BuiltinFn, NATIVE_FN_TYPE, NATIVE_METHOD_TYPE};
use crate::objects::dict::{dict_get_str, dict_set, new_dict};
use crate::objects::exceptions::{type_error, value_error};
use crate::objects::typeobj::instance_dict;
use crate::PyResult;
use std::any::Any;

/// An opaque holder of Rust data (like CPython's PyCapsule).
pub struct CapsuleObj {
    pub data: Box<dyn Any>,
}
crate::static_type!(CAPSULE_TYPE, "PyCapsule", &crate::objects::typeobj::OBJECT_TYPE, Capsule, &[]);

pub fn capsule<T: 'static>(v: T) -> Obj {
    alloc(&CAPSULE_TYPE, CapsuleObj { data: Box::new(v) })
}

pub fn capsule_ref<T: 'static>(o: &Obj) -> Option<&T> {
    o.payload::<CapsuleObj>(Layout::Capsule).and_then(|c| c.data.downcast_ref::<T>())
}

/// Where a native class keeps an instance's Rust state (in the instance dict).
const STATE_KEY: &str = "__native_state__";

pub fn set_state(inst: &Obj, state: Obj) -> PyResult<()> {
    match instance_dict(inst) {
        Some(d) => dict_set(&d, Obj::str(STATE_KEY), state),
        None => Err(type_error("native state on an object without __dict__")),
    }
}

/// The instance's state capsule (None before `__init__` ran).
pub fn get_state(inst: &Obj) -> Option<Obj> {
    instance_dict(inst).and_then(|d| dict_get_str(&d, &Obj::str(STATE_KEY)))
}

/// Runs `f` on the instance's state of type T; `uninit` is the error when there is none.
pub fn with_state<T: 'static, R>(inst: &Obj, uninit: &str, f: impl FnOnce(&T) -> PyResult<R>) -> PyResult<R> {
    let cap = get_state(inst).ok_or_else(|| value_error(uninit.to_string()))?;
    let s = capsule_ref::<T>(&cap).ok_or_else(|| value_error(uninit.to_string()))?;
    f(s)
}

/// A function stored in a class namespace that binds to instances like a Python function.
pub fn method(name: &str, f: BuiltinFn) -> Obj {
    new_native_fn(&NATIVE_METHOD_TYPE, name, Box::new(move |a, k| f(a, k)))
}

/// A read-only property computed by `f(self)`.
pub fn getter(name: &str, f: BuiltinFn) -> Obj {
    let g = new_native_fn(&NATIVE_FN_TYPE, name, Box::new(move |a, k| f(a, k)));
    crate::objects::module::new_descr(0, g, None)
}

/// A class `module.name` with `bases`, Rust methods, properties and other attributes.
pub fn make_class(
    name: &str,
    module: &str,
    bases: Vec<Obj>,
    methods: &[(&str, BuiltinFn)],
    props: &[(&str, BuiltinFn)],
    attrs: Vec<(&str, Obj)>,
) -> PyResult {
    let ns = new_dict();
    dict_set(&ns, Obj::str("__module__"), Obj::str(module))?;
    for (n, f) in methods {
        dict_set(&ns, Obj::str(n), method(n, *f))?;
    }
    for (n, f) in props {
        dict_set(&ns, Obj::str(n), getter(n, *f))?;
    }
    for (n, v) in attrs {
        dict_set(&ns, Obj::str(n), v)?;
    }
    crate::objects::typeobj::new_class(name, bases, ns, module)
}

/// Binds arguments like Argument Clinic: `params` are the parameter names in order; the first
/// `npos` may be given positionally; `required` of them must be given. Returns one slot per
/// parameter. Messages are CPython's.
pub fn bind(fname: &str, a: &[Obj], kw: Option<&Obj>, params: &[&str], npos: usize, required: usize) -> PyResult<Vec<Option<Obj>>> {
    let (pos, kws) = crate::builtins::split_kw(a, kw);
    if pos.len() > npos {
        return Err(type_error(if npos == 0 {
            format!("{}() takes no positional arguments", fname)
        } else {
            format!("{}() takes at most {} positional argument{} ({} given)", fname, npos, if npos == 1 { "" } else { "s" }, pos.len())
        }));
    }
    let mut out: Vec<Option<Obj>> = vec![None; params.len()];
    for (i, p) in pos.iter().enumerate() {
        out[i] = Some(p.clone());
    }
    for (k, v) in kws {
        match params.iter().position(|p| *p == k) {
            Some(i) if out[i].is_some() => {
                return Err(type_error(format!("argument for {}() given by name ('{}') and position ({})", fname, k, i + 1)))
            }
            Some(i) => out[i] = Some(v.clone()),
            None => return Err(crate::objects::exceptions::unexpected_keyword(k, fname)),
        }
    }
    for (i, p) in params.iter().enumerate().take(required) {
        if out[i].is_none() {
            return Err(type_error(format!("{}() missing required argument '{}' (pos {})", fname, p, i + 1)));
        }
    }
    Ok(out)
}

/// An optional argument that may also be None.
pub fn opt(v: &Option<Obj>) -> Option<&Obj> {
    v.as_ref().filter(|x| !x.is_none())
}
