//! Objects of types defined by native modules (`_functools.partial`, `_struct.Struct`, hash
//! objects, ...): layout `Native`, a payload implementing `NativeData`. The type's Rust method
//! table holds its Python-visible methods and special methods (`__call__`, `__repr__`,
//! `__get__`, `__eq__`, ...): `ops::lookup_special` finds them like a class's, so every
//! protocol works without per-type code in ops. `__new__` in the table (called with the type
//! as `this`) constructs; classes deriving from such a type get the payload their base's
//! `__new__` makes (it must allocate with the class it is given).
use crate::object::{alloc, GcHead, Layout, Obj, TypeObject};
use crate::objects::builtin_fn::new_builtin_method;
use crate::objects::dict::{dict_get_str, dict_set, new_dict};
use crate::objects::exceptions::{attribute_error, type_error};
use crate::PyResult;
use std::any::Any;
use std::cell::RefCell;

pub trait AsAny {
    fn as_any(&self) -> &dyn Any;
}
impl<T: Any> AsAny for T {
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The Rust state of a native object.
pub trait NativeData: AsAny {
    /// Visits the objects it holds (for the cycle collector); false if they are borrowed.
    fn traverse(&self, _visit: &mut dyn FnMut(&Obj)) -> bool {
        true
    }
    /// Drops the references it holds (breaking a garbage cycle).
    fn clear(&self) {}
    /// A data attribute (`partial.func`, `Struct.size`, ...).
    fn getattr(&self, _this: &Obj, _name: &str) -> Option<PyResult> {
        None
    }
    /// Sets a writable data attribute (`_tuplegetter.__doc__`); None if `name` is not one.
    fn setattr(&self, _name: &str, _v: &Obj) -> Option<PyResult<()>> {
        None
    }
    /// Instances have a `__dict__` (arbitrary attributes).
    fn has_dict(&self) -> bool {
        false
    }
}

pub struct NativeObj {
    pub gc: GcHead,
    pub dict: RefCell<Option<Obj>>,
    pub data: Box<dyn NativeData>,
}

/// Defines a static native type; `$name` is CPython's tp_name ("functools.partial"; `__name__` is its last part).
#[macro_export]
#[doc(hidden)]
macro_rules! native_type {
    ($id:ident, $module:expr, $name:expr, $methods:expr) => {
        $crate::native_type!($id, $module, $name, &$crate::objects::typeobj::OBJECT_TYPE, Native, $methods);
    };
    ($id:ident, $module:expr, $name:expr, $base:expr, $layout:ident, $methods:expr) => {
        pub static $id: $crate::object::TypeObject = $crate::object::TypeObject {
            ob: $crate::object::PyObjectHeader {
                refcnt: ::std::cell::Cell::new($crate::object::IMMORTAL),
                ty: &$crate::objects::typeobj::TYPE_TYPE,
            },
            name: $name,
            base: $base,
            layout: $crate::object::Layout::$layout,
            methods: ::std::cell::Cell::new($methods),
            dict: ::std::cell::RefCell::new(None),
            mro: ::std::cell::RefCell::new(Vec::new()),
            heap: false,
            module: $module,
        };
    };
}

/// A new native object of type `ty` (tracked by the collector).
pub fn new_native<T: NativeData + 'static>(ty: &'static TypeObject, data: T) -> Obj {
    crate::gc::track(alloc(ty, NativeObj { gc: GcHead::new(), dict: RefCell::new(None), data: Box::new(data) }))
}

pub fn native_obj(o: &Obj) -> Option<&NativeObj> {
    o.payload::<NativeObj>(Layout::Native)
}

/// The payload of `o` if it is a `T`.
pub fn native_ref<T: 'static>(o: &Obj) -> Option<&T> {
    native_obj(o).and_then(|n| (*n.data).as_any().downcast_ref::<T>())
}

/// The payload as `T` or a TypeError naming the expected type.
pub fn expect<'a, T: 'static>(o: &'a Obj, what: &str) -> PyResult<&'a T> {
    native_ref::<T>(o).ok_or_else(|| type_error(format!("descriptor requires a '{}' object but received a '{}'", what, o.type_name())))
}

/// The type's class (from `this` given to `__new__`): a static native type or a class
/// deriving from one.
pub fn new_type(this: &Obj) -> PyResult<&'static TypeObject> {
    if this.layout() != Layout::Type {
        return Err(type_error("__new__(X): X is not a type object"));
    }
    Ok(this.as_type())
}

fn has_dict(o: &Obj, n: &NativeObj) -> bool {
    o.ty().heap || n.data.has_dict()
}

/// Attribute lookup hook (attr.rs): data attributes, then the instance dict.
pub fn getattr(o: &Obj, name: &str) -> Option<PyResult> {
    let n = native_obj(o)?;
    if let Some(r) = n.data.getattr(o, name) {
        return Some(r);
    }
    if has_dict(o, n) {
        if name == "__dict__" {
            return Some(Ok(instance_dict(o, n)));
        }
        if let Some(d) = &*n.dict.borrow() {
            if let Some(v) = dict_get_str(d, &Obj::str(name)) {
                return Some(Ok(v));
            }
        }
    }
    None
}

fn instance_dict(_o: &Obj, n: &NativeObj) -> Obj {
    n.dict.borrow_mut().get_or_insert_with(new_dict).clone()
}

/// setattr hook: into the instance dict if the type has one.
pub fn setattr(o: &Obj, name: &Obj, v: Option<Obj>) -> PyResult<()> {
    let n = native_obj(o).unwrap();
    let s = name.as_str().unwrap_or("");
    if let Some(v) = &v {
        if let Some(r) = n.data.setattr(s, v) {
            return r;
        }
    }
    if n.data.getattr(o, s).is_some() {
        return Err(attribute_error(format!("readonly attribute")));
    }
    if has_dict(o, n) {
        if s == "__dict__" {
            if let Some(v) = v {
                if v.layout() != Layout::Dict {
                    return Err(type_error(format!("__dict__ must be set to a dictionary, not a '{}'", v.type_name())));
                }
                *n.dict.borrow_mut() = Some(v);
                return Ok(());
            }
        }
        let d = instance_dict(o, n);
        return match v {
            Some(v) => dict_set(&d, name.clone(), v),
            None => match crate::objects::dict::dict_pop(&d, name)? {
                Some(_) => Ok(()),
                None => Err(attribute_error(format!("'{}' object has no attribute '{}'", o.type_name(), s))),
            },
        };
    }
    if o.ty().find_method(s).is_some() {
        return Err(attribute_error(format!("'{}' object attribute '{}' is read-only", o.type_name(), s)));
    }
    Err(attribute_error(format!("'{}' object has no attribute '{}'", o.type_name(), s)))
}

/// Special-method lookup for native types (ops::lookup_special).
/// `object`'s own methods are not special methods here (the builtin fallbacks apply).
pub fn lookup_method(t: &'static TypeObject, name: &str) -> Option<Obj> {
    let mut ty = Some(t);
    while let Some(x) = ty {
        if std::ptr::eq(x, &crate::objects::typeobj::OBJECT_TYPE) {
            return None;
        }
        if let Some((n, f)) = x.methods.get().iter().find(|(n, _)| *n == name) {
            return Some(crate::objects::builtin_fn::new_unbound_method_of(Some(x), n, *f));
        }
        ty = x.base();
    }
    None
}

/// Calling a static type with its own `__new__` (type_call hook).
pub fn own_new(t: &'static TypeObject) -> Option<crate::object::MethodFn> {
    t.methods.get().iter().find(|(n, _)| *n == "__new__").map(|(_, f)| *f)
}

/// A class deriving from a native type: the payload from the base's `__new__` (given the
/// class), then the class's `__init__` if it defines one.
pub fn subclass_new(t: &'static TypeObject, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let mut b = Some(t);
    while let Some(x) = b {
        if !x.heap {
            if let Some(f) = own_new(x) {
                return f(&t.obj(), args, kw);
            }
        }
        b = x.base();
    }
    Err(type_error(format!("cannot create '{}' instances", t.name)))
}

/// Bound method object for a method of the native table (used for `getattr`).
pub fn bound(o: &Obj, name: &'static str, f: crate::object::MethodFn) -> Obj {
    new_builtin_method(name, o.clone(), f)
}

// collector hooks
pub unsafe fn gc_traverse(p: *mut crate::object::PyObjectHeader, visit: &mut dyn FnMut(*mut crate::object::PyObjectHeader)) -> bool {
    let n = &(*(p as *const crate::object::PyBox<NativeObj>)).data;
    match n.dict.try_borrow() {
        Ok(d) => d.iter().for_each(|o| visit(o.as_ptr())),
        Err(_) => return false,
    }
    n.data.traverse(&mut |o| visit(o.as_ptr()))
}

pub unsafe fn gc_clear(p: *mut crate::object::PyObjectHeader) {
    let n = &(*(p as *const crate::object::PyBox<NativeObj>)).data;
    if let Ok(mut d) = n.dict.try_borrow_mut() {
        let old = d.take();
        drop(d);
        drop(old);
    }
    n.data.clear();
}

pub unsafe fn gc_head(p: *mut crate::object::PyObjectHeader) -> &'static GcHead {
    &(*(p as *const crate::object::PyBox<NativeObj>)).data.gc
}

// ---------------------------------------------------------------- argument parsing
// CPython's Argument Clinic helpers and their messages.

/// `_PyArg_CheckPositional`: "NAME expected at least 1 argument, got 0" (positional-only).
pub fn check_positional(name: &str, n: usize, min: usize, max: usize) -> PyResult<()> {
    if n < min {
        let pre = if min == max { "" } else { "at least " };
        return Err(type_error(format!("{} expected {}{} argument{}, got {}", name, pre, min, if min == 1 { "" } else { "s" }, n)));
    }
    if n > max {
        let pre = if min == max { "" } else { "at most " };
        return Err(type_error(format!("{} expected {}{} argument{}, got {}", name, pre, max, if max == 1 { "" } else { "s" }, n)));
    }
    Ok(())
}

/// Rejects keywords: "NAME() takes no keyword arguments".
pub fn no_keywords(name: &str, kw: Option<&Obj>) -> PyResult<()> {
    if let Some(k) = kw {
        if !k.is_none() && crate::objects::tuple::tuple_len(k) > 0 {
            return Err(type_error(format!("{}() takes no keyword arguments", name)));
        }
    }
    Ok(())
}

/// Positional-only arguments without keywords: checks the count, returns them.
pub fn posonly<'a>(name: &str, args: &'a [Obj], kw: Option<&Obj>, min: usize, max: usize) -> PyResult<&'a [Obj]> {
    no_keywords(name, kw)?;
    check_positional(name, args.len(), min, max)?;
    Ok(args)
}

/// `_PyArg_UnpackKeywords`: binds `args`/`kw` to `names` (the first `posonly` positional-only,
/// the first `required` required, positional up to `maxpos`); None for an omitted optional.
pub fn unpack(fname: &str, args: &[Obj], kw: Option<&Obj>, names: &[&str], required: usize, maxpos: usize, posonly: usize) -> PyResult<Vec<Option<Obj>>> {
    let (pos, kws) = crate::builtins::split_kw(args, kw);
    let total = pos.len() + kws.len();
    if total > names.len() {
        return Err(type_error(format!(
            "{}() takes at most {} {}argument{} ({} given)",
            fname,
            names.len(),
            if pos.is_empty() { "keyword " } else { "" },
            if names.len() == 1 { "" } else { "s" },
            total
        )));
    }
    if pos.len() > maxpos {
        if maxpos == 0 {
            return Err(type_error(format!("{}() takes no positional arguments", fname)));
        }
        return Err(type_error(format!(
            "{}() takes {} {} positional argument{} ({} given)",
            fname,
            if required < maxpos { "at most" } else { "exactly" },
            maxpos,
            if maxpos == 1 { "" } else { "s" },
            pos.len()
        )));
    }
    let mut out: Vec<Option<Obj>> = vec![None; names.len()];
    for (i, v) in pos.iter().enumerate() {
        out[i] = Some(v.clone());
    }
    // CPython's order of complaints: a missing argument, then one given twice, then an unknown name
    for i in pos.len()..names.len() {
        if i >= posonly {
            out[i] = kws.iter().find(|(k, _)| *k == names[i]).map(|(_, v)| (*v).clone());
        }
        if out[i].is_none() && i < required {
            if i < posonly {
                return Err(type_error(format!("{}() takes at least {} positional argument{} ({} given)", fname, posonly.min(required), if required == 1 { "" } else { "s" }, pos.len())));
            }
            return Err(type_error(format!("{}() missing required argument '{}' (pos {})", fname, names[i], i + 1)));
        }
    }
    for (k, _) in &kws {
        match names.iter().position(|n| n == k) {
            Some(i) if i >= posonly && i < pos.len() => {
                return Err(type_error(format!("argument for {}() given by name ('{}') and position ({})", fname, k, i + 1)));
            }
            Some(i) if i >= posonly => {}
            _ => return Err(crate::objects::exceptions::unexpected_keyword(k, fname)),
        }
    }
    Ok(out)
}

/// METH_O functions: "cmath.sqrt() takes exactly one argument (0 given)" (`qual` is
/// module.name).
pub fn meth_o<'a>(qual: &str, args: &'a [Obj], kw: Option<&Obj>) -> PyResult<&'a Obj> {
    no_keywords(qual, kw)?;
    if args.len() != 1 {
        return Err(type_error(format!("{}() takes exactly one argument ({} given)", qual, args.len())));
    }
    Ok(&args[0])
}
