//! Attribute access (CPython's generic getattr/setattr): instance dicts, class attributes
//! through the MRO with descriptor binding, builtin methods, modules, functions, and
//! `call_method`.
use crate::object::{Layout, Obj};
use crate::objects::builtin_fn::{as_builtin, as_builtin_method, new_builtin_method};
use crate::objects::dict::{self, dict_get_str};
use crate::objects::exceptions::{self, attribute_error, type_error, Exc};
use crate::objects::float::as_float;
use crate::objects::function::{as_func, as_method, new_method};
use crate::objects::module::{as_descr, as_module};
use crate::objects::range::as_range;
use crate::objects::typeobj::{self, instance_dict, type_lookup};
use crate::PyResult;
use crate::ops::*;

// ---------------------------------------------------------------- attributes

#[cold]
#[inline(never)]
fn no_attr(o: &Obj, name: &str) -> Exc {
    if o.layout() == Layout::Type {
        return attribute_error(format!("type object '{}' has no attribute '{}'", o.as_type().name, name));
    }
    if let Some(m) = as_module(o) {
        return attribute_error(format!("module '{}' has no attribute '{}'", m.name, name));
    }
    attribute_error(format!("'{}' object has no attribute '{}'", o.type_name(), name))
}

/// Binds a class attribute found for instance `o` (functions become bound methods).
pub fn bind_attr(v: Obj, o: &Obj) -> PyResult {
    bind(v, o)
}

fn bind(v: Obj, o: &Obj) -> PyResult {
    match v.layout() {
        Layout::Function => Ok(new_method(v, o.clone())),
        Layout::NativeFn if v.is_type(&crate::objects::builtin_fn::NATIVE_METHOD_TYPE) => Ok(new_method(v, o.clone())),
        Layout::Property => {
            if v.ty().heap {
                if let Some(get) = lookup_special(&v, "__get__") {
                    return crate::call(&get, vec![v.clone(), o.clone(), o.ty().obj()], None);
                }
            }
            let d = as_descr(&v).unwrap();
            if d.kind == 2 && d.fget.layout() != Layout::Function {
                // classmethod wrapping another descriptor (3.11 chains __get__)
                if let Some(get) = lookup_special(&d.fget, "__get__") {
                    return crate::call(&get, vec![d.fget.clone(), o.ty().obj(), o.ty().obj()], None);
                }
            }
            match d.kind {
                // a property's getter: a compiled one through its fixed-arity entry
                0 => crate::objects::function::call_with_self::<Obj>(&d.fget, o, &[], None),
                1 => Ok(d.fget.clone()),
                _ => Ok(new_method(d.fget.clone(), o.ty().obj())),
            }
        }
        _ => match lookup_special(&v, "__get__") {
            Some(get) => crate::objects::function::call_with_self(&get, &v, &[o, &o.ty().obj()], None),
            None => Ok(v),
        },
    }
}

/// A class attribute that wins over the instance dict: a property, or an instance of a class
/// defining `__set__` or `__delete__` (a data descriptor).
pub fn is_data_descriptor(c: &Obj) -> bool {
    if c.layout() == Layout::Function && !c.ty().heap {
        // a plain function (the commonest class attribute): no `__set__`, no `__delete__`
        return false;
    }
    match as_descr(c) {
        Some(d) => d.kind == 0,
        None => lookup_special(c, "__set__").is_some() || lookup_special(c, "__delete__").is_some(),
    }
}

pub fn getattr(o: &Obj, name: &Obj) -> PyResult {
    let ty = o.ty();
    if ty.heap && o.layout() == Layout::Instance && name.is_type(&crate::objects::str::STR_TYPE) && !typeobj::overrides_getattribute(ty) {
        // fast path for instances of classes: no string allocation, cached hashes
        let cls_attr = crate::objects::typeobj::type_lookup_obj(ty, name);
        let is_data_descr = matches!(&cls_attr, Some(c) if is_data_descriptor(c));
        if !is_data_descr {
            if let Some(v) = crate::objects::typeobj::instance_dict_get(o, name) {
                return Ok(v);
            }
            if let Some(c) = cls_attr {
                return bind(c, o);
            }
        }
    }
    let n = name.as_str().ok_or_else(|| type_error("attribute name must be string"))?;
    if !ty.heap && n != "__hash__" && matches!(ty.layout, Layout::List | Layout::Dict | Layout::Set | Layout::Str | Layout::Tuple | Layout::Bytes) {
        // builtin containers have no data attributes: one scan of the method table
        if let Some((static_n, f)) = ty.find_named_method(n) {
            return Ok(new_builtin_method(static_n, o.clone(), f));
        }
    }
    // a str subclass is no lookup key, but `__getattribute__`/`__getattr__` get it as it is
    getattr_key(o, n, Some(name).filter(|k| k.is_type(&crate::objects::str::STR_TYPE)), Some(name))
}

fn iter_next_method(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    match iter_next(this)? {
        Some(v) => Ok(v),
        None => Err(exceptions::stop_iteration()),
    }
}

pub fn has_attr_str(o: &Obj, name: &str) -> bool {
    getattr_str(o, name).is_ok()
}

/// getattr(o, name): a class's `__getattribute__` override, else the generic lookup, then the
/// class's `__getattr__` on AttributeError.
pub fn getattr_str(o: &Obj, name: &str) -> PyResult {
    getattr_key(o, name, None, None)
}

/// getattr_str with `key` the interned str object of `name` when the caller has it (the
/// lookups below need one; interning again hashes the text), and `hook_name` the object a
/// class's `__getattribute__` or `__getattr__` is called with (else a new str of `name`).
fn getattr_key(o: &Obj, name: &str, key: Option<&Obj>, hook_name: Option<&Obj>) -> PyResult {
    let r = getattr_key_inner(o, name, key, hook_name);
    if let Err(e) = &r {
        exceptions::attribute_error_context_with(e, o, || hook_name.cloned().unwrap_or_else(|| Obj::str(name)));
    }
    r
}

fn getattr_key_inner(o: &Obj, name: &str, key: Option<&Obj>, hook_name: Option<&Obj>) -> PyResult {
    let ty = o.ty();
    let hook_arg = || hook_name.cloned().unwrap_or_else(|| Obj::str(name));
    if ty.heap && o.layout() != Layout::Type {
        if typeobj::has_getattribute_overrides() {
            if let Some(ga) = type_lookup(ty, "__getattribute__") {
                return typeobj::getattribute_then_getattr(o, &ga, &hook_arg());
            }
        }
        return match generic_getattr_key(o, name, key) {
            Err(e) if e.is_instance(&exceptions::ATTRIBUTE_ERROR) => match type_lookup(ty, "__getattr__") {
                Some(ga) => crate::call(&ga, vec![o.clone(), hook_arg()], None),
                None => Err(e),
            },
            r => r,
        };
    }
    generic_getattr_key(o, name, key)
}

/// `object.__getattribute__(o, name)`: instance dict, class attributes, builtin attributes.
pub fn generic_getattr_str(o: &Obj, name: &str) -> PyResult {
    generic_getattr_key(o, name, None)
}

fn generic_getattr_key(o: &Obj, name: &str, key: Option<&Obj>) -> PyResult {
    let ty = o.ty();
    if o.layout() == Layout::Type {
        return typeobj::type_getattr(o, name);
    }
    if ty.heap {
        let key = match key {
            Some(k) => k.clone(),
            None => crate::object::intern_dyn(name),
        };
        // data descriptors (properties) on the class win over the instance dict
        let cls_attr = crate::objects::typeobj::type_lookup_obj(ty, &key);
        if let Some(c) = &cls_attr {
            if is_data_descriptor(c) {
                return bind(c.clone(), o);
            }
        }
        if let Some(d) = typeobj::instance_dict_transient(o) {
            if let Some(v) = dict_get_str(&d, &key) {
                return Ok(v);
            }
        }
        if let Some(v) = exceptions::exc_getattr(o, name) {
            return Ok(v);
        }
        if let Some(r) = crate::objects::native::getattr(o, name) {
            return r;
        }
        if o.layout() == Layout::Deque {
            if let Some(v) = (crate::hooks::COLLECTIONS.installed().deque_getattr)(o, name) {
                return Ok(v);
            }
        }
        if let Some(d) = typeobj::extra_dict(o, false) {
            if let Some(v) = dict_get_str(&d, &key) {
                return Ok(v);
            }
        }
        if o.layout() == Layout::Tuple {
            if let Some(v) = crate::modules::collections::namedtuple_getattr(o, name) {
                return Ok(v);
            }
        }
        if let Some(c) = cls_attr {
            return bind(c, o);
        }
        if name == "__class__" {
            return Ok(ty.obj());
        }
        // instances of classes whose __slots__ leave out __dict__ have none to show
        if name == "__dict__" && crate::objects::typeobj::slot_allows(ty, &crate::object::intern("__dict__")) {
            if let Some(d) = instance_dict(o).or_else(|| typeobj::extra_dict(o, true)) {
                return Ok(d);
            }
        }
    }
    match o.layout() {
        Layout::Super => return crate::objects::superobj::super_getattr(o, name),
        Layout::Deque => {
            if let Some(v) = (crate::hooks::COLLECTIONS.installed().deque_getattr)(o, name) {
                return Ok(v);
            }
        }
        Layout::Native => {
            if let Some(r) = crate::objects::native::getattr(o, name) {
                return r;
            }
        }
        Layout::Bytes => {
            if let Some(v) = crate::objects::bytes::memoryview_getattr(o, name) {
                return Ok(v);
            }
        }
        Layout::Sre => {
            if let Some(v) = (crate::hooks::SRE.installed().getattr)(o, name) {
                return v;
            }
        }
        Layout::Module => {
            let m = as_module(o).unwrap();
            if let Some(v) = dict_get_str(&m.dict, &Obj::str(name)) {
                return Ok(v);
            }
            if name == "__name__" {
                return Ok(Obj::str(&m.name));
            }
            if name == "__dict__" {
                return Ok(m.dict.clone());
            }
            if name == "__class__" {
                return Ok(o.ty().obj());
            }
            if name == "__annotations__" {
                return module_annotations(&m.dict);
            }
            // PEP 562: the module's own __getattr__ (module_getattro)
            if let Some(f) = dict_get_str(&m.dict, &Obj::str("__getattr__")) {
                return crate::call(&f, vec![Obj::str(name)], None);
            }
            return Err(no_attr(o, name));
        }
        Layout::Exception => {
            if let Some(v) = exceptions::exc_getattr(o, name) {
                return Ok(v);
            }
        }
        Layout::Function => {
            let f = as_func(o).unwrap();
            match name {
                "__name__" => return Ok(f.name.borrow().clone().unwrap_or_else(|| Obj::str(f.code().name))),
                "__qualname__" => return Ok(f.qualname.borrow().clone().unwrap_or_else(|| Obj::str(f.code().qualname))),
                "__module__" => {
                    return Ok(dict_get_str(&f.globals, &Obj::str("__name__")).unwrap_or_else(Obj::none));
                }
                "__doc__" => return Ok(f.doc.borrow().clone().unwrap_or_else(Obj::none)),
                "__globals__" => return Ok(f.globals.clone()),
                "__defaults__" => return Ok(f.defaults.borrow().clone().unwrap_or_else(Obj::none)),
                "__kwdefaults__" => return Ok(f.kwdefaults.borrow().clone().unwrap_or_else(Obj::none)),
                "__closure__" => return Ok(f.closure.borrow().clone().unwrap_or_else(Obj::none)),
                "__annotations__" => {
                    let key = Obj::str("__annotations__");
                    let d = {
                        let mut d = f.dict.borrow_mut();
                        d.get_or_insert_with(dict::new_dict).clone()
                    };
                    if let Some(v) = dict_get_str(&d, &key) {
                        return Ok(v);
                    }
                    let ann = match dict_get_str(&d, &Obj::str("__annotate__")) {
                        Some(annotate) if !annotate.is_none() => call_annotate(&annotate)?,
                        _ => dict::new_dict(),
                    };
                    dict::dict_set(&d, key, ann.clone())?;
                    return Ok(ann);
                }
                // 3.14 (PEP 649): the function computing `__annotations__`, or None
                "__annotate__" if crate::modules::sys::python_minor() >= 14 => {
                    let d = f.dict.borrow().clone();
                    return Ok(d.and_then(|d| dict_get_str(&d, &Obj::str(name))).unwrap_or_else(Obj::none));
                }
                "__dict__" => {
                    let mut d = f.dict.borrow_mut();
                    if d.is_none() {
                        *d = Some(dict::new_dict());
                    }
                    return Ok(d.clone().unwrap());
                }
                "__get__" => return Ok(new_builtin_method("__get__", o.clone(), function_get)),
                "__code__" => {
                    let nfree = f.closure.borrow().as_ref().map_or(0, crate::objects::tuple::tuple_len);
                    return Ok(crate::modules::typesmod::function_code_object(f.code(), nfree));
                }
                "__builtins__" => return Ok(crate::builtins::builtins_dict()),
                _ => {
                    if let Some(d) = &*f.dict.borrow() {
                        if let Some(v) = dict_get_str(d, &Obj::str(name)) {
                            return Ok(v);
                        }
                    }
                }
            }
        }
        Layout::Cell if name == "cell_contents" => {
            return crate::objects::cell::as_cell(o).unwrap().v.borrow().clone().ok_or_else(|| crate::objects::exceptions::value_error("Cell is empty"));
        }
        Layout::Method => {
            let m = as_method(o).unwrap();
            match name {
                "__self__" => return Ok(m.this.clone()),
                "__func__" => return Ok(m.func.clone()),
                _ => return getattr_str(&m.func, name),
            }
        }
        Layout::Builtin => {
            if name == "__name__" || name == "__qualname__" {
                return Ok(Obj::str(as_builtin(o).unwrap().name));
            }
        }
        Layout::NativeFn => {
            let nf = crate::objects::builtin_fn::as_native_fn(o).unwrap();
            if let Some(d) = &*nf.dict.borrow() {
                if let Some(v) = dict_get_str(d, &Obj::str(name)) {
                    return Ok(v);
                }
            }
            if name == "__name__" || name == "__qualname__" {
                return Ok(Obj::str(&nf.name));
            }
        }
        Layout::BuiltinMethod => {
            if name == "__name__" || name == "__qualname__" {
                return Ok(Obj::str(as_builtin_method(o).unwrap().name));
            }
            if name == "__self__" {
                if let Some(t) = &as_builtin_method(o).unwrap().this {
                    return Ok(t.clone());
                }
            }
        }
        Layout::Int => match name {
            "real" | "numerator" => return unary_pos(o),
            "imag" => return Ok(Obj::int(0)),
            "denominator" => return Ok(Obj::int(1)),
            _ => {}
        },
        Layout::Complex => {
            let c = crate::objects::complex::as_complex(o).unwrap();
            match name {
                "real" => return Ok(Obj::float(c.re)),
                "imag" => return Ok(Obj::float(c.im)),
                _ => {}
            }
        }
        Layout::Float => match name {
            "real" => return Ok(Obj::float(as_float(o).unwrap())),
            "imag" => return Ok(Obj::float(0.0)),
            _ => {}
        },
        Layout::Range => {
            if let Some(v) = crate::objects::range::range_attr(as_range(o).unwrap(), name) {
                return Ok(v);
            }
        }
        Layout::Unit if o.is_type(&crate::sys::TEXTIO_TYPE) => {
            if let Some(v) = crate::sys::textio_getattr(o, name) {
                return Ok(v);
            }
        }
        Layout::Slice => {
            let s = crate::objects::slice::as_slice(o).unwrap();
            match name {
                "start" => return Ok(s.start.clone()),
                "stop" => return Ok(s.stop.clone()),
                "step" => return Ok(s.step.clone()),
                _ => {}
            }
        }
        Layout::Property => {
            let d = as_descr(o).unwrap();
            match name {
                "__func__" | "fget" => return Ok(d.fget.clone()),
                "fset" => return Ok(d.fset.clone().unwrap_or_else(Obj::none)),
                "fdel" => return Ok(d.fdel.clone().unwrap_or_else(Obj::none)),
                "setter" | "getter" | "deleter" if d.kind == 0 => {
                    let (fget, fset, fdel) = (d.fget.clone(), d.fset.clone(), d.fdel.clone());
                    let which: &'static str = match name {
                        "setter" => "setter",
                        "getter" => "getter",
                        _ => "deleter",
                    };
                    return Ok(crate::objects::builtin_fn::new_native_fn(
                        &crate::objects::builtin_fn::NATIVE_FN_TYPE,
                        which,
                        Box::new(move |a, _k| {
                            crate::objects::str::nargs(which, a, 1, 1)?;
                            let f = Some(a[0].clone());
                            Ok(match which {
                                "setter" => crate::objects::module::new_property(fget.clone(), f, fdel.clone()),
                                "getter" => crate::objects::module::new_property(a[0].clone(), fset.clone(), fdel.clone()),
                                _ => crate::objects::module::new_property(fget.clone(), fset.clone(), f),
                            })
                        }),
                    ));
                }
                "__doc__" => return getattr_str(&d.fget, "__doc__"),
                "__wrapped__" if d.kind != 0 => return Ok(d.fget.clone()),
                "__isabstractmethod__" => {
                    for f in [Some(d.fget.clone()), d.fset.clone(), d.fdel.clone()].iter().flatten() {
                        if let Ok(v) = getattr_str(f, "__isabstractmethod__") {
                            if is_true(&v)? {
                                return Ok(Obj::bool(true));
                            }
                        }
                    }
                    return Ok(Obj::bool(false));
                }
                _ => {}
            }
        }
        _ => {}
    }
    if name == "__class__" {
        return Ok(ty.obj());
    }
    if name == "__hash__" && crate::modules::typesmod::builtin_unhashable(ty) {
        return Ok(Obj::none());
    }
    if let Some((static_n, f)) = ty.find_named_method(name) {
        return Ok(new_builtin_method(static_n, o.clone(), f));
    }
    if matches!(o.layout(), Layout::SeqIter | Layout::RangeIter | Layout::DictIter | Layout::SetIter | Layout::DynIter | Layout::Generator) {
        // the iterator protocol's methods of builtin iterators (heapq.merge takes `it.__next__`)
        match name {
            "__next__" => return Ok(new_builtin_method("__next__", o.clone(), iter_next_method)),
            "__iter__" => return Ok(new_builtin_method("__iter__", o.clone(), |this, _a, _k| Ok(this.clone()))),
            _ => {}
        }
    }
    if name.starts_with("__") {
        if let Some(v) = builtin_slot_of_instance(o, name) {
            return Ok(v);
        }
    }
    if name == "__doc__" {
        return Ok(Obj::none()); // builtin objects carry no docstrings here
    }
    Err(no_attr(o, name))
}

/// `[].__setitem__`, `(1).__add__`: a slot of a builtin type on the instance's MRO, bound to
/// the instance (None for `__hash__` of an unhashable type, as CPython).
fn builtin_slot_of_instance(o: &Obj, name: &str) -> Option<Obj> {
    let w = crate::modules::typesmod::builtin_slot_on_mro(o.ty(), name)?;
    Some(if w.is_none() { w } else { new_method(w, o.clone()) })
}

/// `obj.__dict__ = d`: the instance's attributes become `d` itself (shared, not copied).
fn set_instance_dict(o: &Obj, v: Obj) -> PyResult<()> {
    if dict::as_dict(&v).is_none() {
        return Err(type_error(format!("__dict__ must be set to a dictionary, not a '{}'", v.ty().name)));
    }
    let i = unsafe { o.data::<typeobj::InstanceObj>() };
    let old = std::mem::replace(&mut *i.dict.borrow_mut(), Some(v));
    drop(old);
    Ok(())
}

pub fn setattr(o: &Obj, name: &Obj, v: Obj) -> PyResult<()> {
    let n = name.as_str().ok_or_else(|| type_error("attribute name must be string"))?;
    let ty = o.ty();
    if ty.heap {
        if let Some(c) = crate::objects::typeobj::type_lookup_obj(ty, name) {
            if let Some(d) = as_descr(&c) {
                if d.kind == 0 {
                    return match &d.fset {
                        Some(fset) => crate::call(fset, vec![o.clone(), v], None).map(|_| ()),
                        None => Err(attribute_error(format!(
                            "property '{}' of '{}' object has no setter",
                            n,
                            ty.name
                        ))),
                    };
                }
            } else if let Some(set) = lookup_special(&c, "__set__") {
                return crate::call(&set, vec![c.clone(), o.clone(), v], None).map(|_| ());
            }
        }
        if let Some(sa) = crate::objects::typeobj::type_lookup_obj(ty, &crate::object::intern("__setattr__")) {
            return crate::call(&sa, vec![o.clone(), name.clone(), v], None).map(|_| ());
        }
        if n == "__class__" {
            return typeobj::set_class(o, &v);
        }
        if n == "__dict__" && o.layout() == Layout::Instance && typeobj::slot_allows(ty, name) {
            return set_instance_dict(o, v);
        }
        if o.layout() == Layout::Instance && !crate::objects::typeobj::slot_allows(ty, name) {
            return Err(no_attr_to_set(ty.name, n));
        }
        if let Some(d) = typeobj::instance_dict_transient(o) {
            return dict::dict_set(&d, name.clone(), v);
        }
        if let Some(d) = typeobj::extra_dict(o, true) {
            return dict::dict_set(&d, name.clone(), v);
        }
    }
    if o.layout() == Layout::Native {
        return crate::objects::native::setattr(o, name, Some(v));
    }
    if n == "__class__" && !matches!(o.layout(), Layout::Type | Layout::Module) {
        return typeobj::set_class(o, &v);
    }
    match o.layout() {
        Layout::Cell if n == "cell_contents" => {
            *crate::objects::cell::as_cell(o).unwrap().v.borrow_mut() = Some(v);
            return Ok(());
        }
        Layout::Type => return typeobj::type_setattr(o, n, v),
        Layout::Exception => {
            if exceptions::exc_setattr(o, n, v)? {
                return Ok(());
            }
        }
        Layout::Module => return dict::dict_set(&as_module(o).unwrap().dict, name.clone(), v),
        Layout::NativeFn => {
            let nf = crate::objects::builtin_fn::as_native_fn(o).unwrap();
            let d = {
                let mut d = nf.dict.borrow_mut();
                if d.is_none() {
                    *d = Some(dict::new_dict());
                }
                d.clone().unwrap()
            };
            return dict::dict_set(&d, name.clone(), v);
        }
        Layout::Function => {
            let f = as_func(o).unwrap();
            match n {
                "__name__" => *f.name.borrow_mut() = Some(v),
                "__qualname__" => *f.qualname.borrow_mut() = Some(v),
                "__doc__" => *f.doc.borrow_mut() = Some(v),
                "__defaults__" => *f.defaults.borrow_mut() = if v.is_none() { None } else { Some(v) },
                "__kwdefaults__" => *f.kwdefaults.borrow_mut() = if v.is_none() { None } else { Some(v) },
                "__code__" => {
                    // another compiled function's code (read from its `__code__`), with as many
                    // free variables as this function's closure has cells
                    let (code, nfree) = match crate::modules::typesmod::code_of_object(&v) {
                        Some(c) => c,
                        None if v.type_name() == "code" => {
                            return Err(type_error("pybc2wasm: __code__ can only be set to the code of a compiled function"));
                        }
                        None => return Err(type_error("__code__ must be set to a code object")),
                    };
                    let nclosure = f.closure.borrow().as_ref().map_or(0, crate::objects::tuple::tuple_len);
                    if nfree != nclosure {
                        let name = f.name.borrow().as_ref().and_then(|n| n.as_str().map(str::to_string)).unwrap_or_else(|| f.code().name.to_string());
                        return Err(crate::objects::exceptions::value_error(format!(
                            "{}() requires a code object with {} free vars, not {}",
                            name, nclosure, nfree
                        )));
                    }
                    // the function keeps its own names (they defaulted to the old code's)
                    let old = f.code();
                    f.name.borrow_mut().get_or_insert_with(|| Obj::str(old.name));
                    f.qualname.borrow_mut().get_or_insert_with(|| Obj::str(old.qualname));
                    f.set_code(code);
                }
                "__annotate__" | "__annotations__" if crate::modules::sys::python_minor() >= 14 => {
                    return set_function_annotations(o, n, v);
                }
                _ => {
                    let d = {
                        let mut d = f.dict.borrow_mut();
                        if d.is_none() {
                            *d = Some(dict::new_dict());
                        }
                        d.clone().unwrap()
                    };
                    return dict::dict_set(&d, name.clone(), v);
                }
            }
            return Ok(());
        }
        _ => {}
    }
    if ty.find_method(n).is_some() {
        return Err(attribute_error(format!("'{}' object attribute '{}' is read-only", ty.name, n)));
    }
    Err(no_attr_to_set(ty.name, n))
}

/// Setting an attribute an object without `__dict__` does not have (3.13 says why).
fn no_attr_to_set(ty: &str, n: &str) -> Exc {
    let why = if crate::modules::sys::python_minor() >= 13 { " and no __dict__ for setting new attributes" } else { "" };
    attribute_error(format!("'{}' object has no attribute '{}'{}", ty, n, why))
}

pub fn delattr(o: &Obj, name: &Obj) -> PyResult<()> {
    let n = name.as_str().ok_or_else(|| type_error("attribute name must be string"))?;
    let ty = o.ty();
    if n == "__class__" && o.layout() != Layout::Type {
        return Err(type_error("can't delete __class__ attribute"));
    }
    if ty.heap {
        if let Some(c) = crate::objects::typeobj::type_lookup_obj(ty, name) {
            if let Some(d) = as_descr(&c) {
                if d.kind == 0 {
                    return match &d.fdel {
                        Some(fdel) => crate::call(fdel, vec![o.clone()], None).map(|_| ()),
                        None => Err(attribute_error(format!("property '{}' of '{}' object has no deleter", n, ty.name))),
                    };
                }
            } else if let Some(del) = lookup_special(&c, "__delete__") {
                return crate::call(&del, vec![c.clone(), o.clone()], None).map(|_| ());
            }
        }
        if let Some(da) = crate::objects::typeobj::type_lookup_obj(ty, &crate::object::intern("__delattr__")) {
            return crate::call(&da, vec![o.clone(), name.clone()], None).map(|_| ());
        }
    }
    if let Some(d) = typeobj::instance_dict_transient(o).or_else(|| typeobj::extra_dict(o, false)) {
        if dict::dict_pop(&d, name)?.is_some() {
            return Ok(());
        }
    }
    if o.layout() == Layout::Native {
        return crate::objects::native::setattr(o, name, None);
    }
    match o.layout() {
        Layout::Cell if n == "cell_contents" => {
            crate::objects::cell::as_cell(o).unwrap().v.borrow_mut().take();
            return Ok(());
        }
        Layout::Module => {
            if dict::dict_pop(&as_module(o).unwrap().dict, name)?.is_some() {
                return Ok(());
            }
            // CPython's generic message here, not "module 'm' has no attribute"
            return Err(attribute_error(format!("'module' object has no attribute '{}'", n)));
        }
        Layout::Function => {
            let d = as_func(o).unwrap().dict.borrow().clone();
            if let Some(d) = d {
                if dict::dict_pop(&d, name)?.is_some() {
                    return Ok(());
                }
            }
        }
        Layout::NativeFn => {
            let d = crate::objects::builtin_fn::as_native_fn(o).unwrap().dict.borrow().clone();
            if let Some(d) = d {
                if dict::dict_pop(&d, name)?.is_some() {
                    return Ok(());
                }
            }
        }
        _ => {}
    }
    if o.layout() == Layout::Type && o.as_type().heap {
        crate::objects::typeobj::bump_type_version();
        let d = o.as_type().dict.borrow().clone().unwrap();
        if dict::dict_pop(&d, name)?.is_some() {
            return Ok(());
        }
    }
    Err(no_attr(o, n))
}

/// Calls method `name` of `o` (avoids creating a bound method for builtin types).
pub fn call_method(o: &Obj, name: &str, args: Vec<Obj>, kwnames: Option<&Obj>) -> PyResult {
    let ty = o.ty();
    if !ty.heap && name != "__hash__" && !matches!(o.layout(), Layout::Type | Layout::Module | Layout::Super) {
        if let Some(f) = ty.find_method(name) {
            return f(o, &args, kwnames);
        }
    }
    let m = getattr_str(o, name)?;
    crate::call(&m, args, kwnames)
}


/// `function.__get__(obj, type=None)`: a bound method, or the function itself without an instance.
fn function_get(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    crate::objects::str::nargs("__get__", a, 1, 2)?;
    if a[0].is_none() {
        return Ok(this.clone());
    }
    Ok(new_method(this.clone(), a[0].clone()))
}

/// `annotate(1)` (VALUE format), which must give a dict (CPython 3.14's annotation getters).
pub fn call_annotate(annotate: &Obj) -> PyResult {
    let ann = crate::call(annotate, vec![Obj::int(1)], None)?;
    if dict::as_dict(&ann).is_none() {
        return Err(type_error(format!("__annotate__ returned non-dict of type '{}'", ann.type_name())));
    }
    Ok(ann)
}

/// 3.14: `__annotations__` and `__annotate__` of a function replace each other.
fn set_function_annotations(o: &Obj, n: &str, v: Obj) -> PyResult<()> {
    let f = as_func(o).unwrap();
    let d = f.dict.borrow_mut().get_or_insert_with(dict::new_dict).clone();
    let (ann, annotate) = (Obj::str("__annotations__"), Obj::str("__annotate__"));
    if n == "__annotate__" {
        if v.is_none() {
            return dict::dict_set(&d, annotate, v);
        }
        if !crate::builtins::is_callable(&v) {
            return Err(type_error("__annotate__ must be callable or None"));
        }
        dict::dict_set(&d, annotate, v)?;
        let _ = dict::dict_pop(&d, &ann)?;
        return Ok(());
    }
    if !v.is_none() && dict::as_dict(&v).is_none() {
        return Err(type_error("__annotations__ must be set to a dict object"));
    }
    let _ = dict::dict_pop(&d, &annotate)?;
    if v.is_none() {
        let _ = dict::dict_pop(&d, &ann)?;
        return Ok(());
    }
    dict::dict_set(&d, ann, v)
}

/// `module.__annotations__` when the module has none in its dict: 3.14 calls its
/// `__annotate__(1)` (PEP 649), earlier versions make an empty dict; kept in the dict unless
/// the module is still initializing (more annotations may follow).
fn module_annotations(d: &Obj) -> PyResult {
    let annotate = dict_get_str(d, &Obj::str("__annotate__"));
    let ann = match annotate {
        Some(f) if crate::modules::sys::python_minor() >= 14 && crate::builtins::is_callable(&f) => call_annotate(&f)?,
        _ => dict::new_dict(),
    };
    let initializing = match dict_get_str(d, &Obj::str("__spec__")) {
        Some(spec) if !spec.is_none() => getattr_str(&spec, "_initializing").map(|v| is_true(&v).unwrap_or(false)).unwrap_or(false),
        _ => false,
    };
    if !initializing {
        dict::dict_set(d, Obj::str("__annotations__"), ann.clone())?;
    }
    Ok(ann)
}
