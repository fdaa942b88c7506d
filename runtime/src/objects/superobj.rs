//! `super(cls, obj)`: attribute lookup continuing along type(obj).__mro__ after `cls`.
use super::exceptions::{attribute_error, type_error};
use super::typeobj::OBJECT_TYPE;
use crate::object::{alloc, Layout, Obj, TypeObject};
use crate::ops;
use crate::PyResult;

pub struct SuperObj {
    pub cls: &'static TypeObject,
    pub obj: Obj,
}

crate::static_type!(SUPER_TYPE, "super", &OBJECT_TYPE, Super, &[]);

/// super(cls, obj); `obj` may be an instance or (in classmethods / __new__) a class.
pub fn new_super(cls: &Obj, obj: &Obj) -> PyResult {
    if cls.layout() != Layout::Type {
        return Err(type_error(format!("super() argument 1 must be a type, not {}", cls.type_name())));
    }
    let c = cls.as_type();
    let ok = (obj.layout() == Layout::Type && obj.as_type().is_subtype(c)) || obj.ty().is_subtype(c);
    if !ok {
        return Err(type_error("super(type, obj): obj must be an instance or subtype of type"));
    }
    Ok(alloc(&SUPER_TYPE, SuperObj { cls: c, obj: obj.clone() }))
}

pub fn as_super(o: &Obj) -> Option<&SuperObj> {
    o.payload::<SuperObj>(Layout::Super)
}

/// The plain function `super(cls, obj).name` binds to an instance `obj`: found in a class dict
/// along type(obj).__mro__ after `cls` before any builtin type that defines the name, which
/// `super_getattr` would bind (what the method-call inline cache may call with `obj`
/// prepended). None for anything else: a class as `obj`, a builtin's method, other values.
pub fn super_method(o: &Obj, name: &Obj) -> Option<Obj> {
    let s = as_super(o)?;
    let n = name.as_str()?;
    if !std::ptr::eq(o.ty(), &SUPER_TYPE) || s.obj.layout() == Layout::Type || n == "__class__" {
        return None;
    }
    let mro = s.obj.ty().mro_list();
    let pos = mro.iter().position(|t| std::ptr::eq(*t, s.cls))? + 1;
    for t in &mro[pos..] {
        if t.heap {
            let d = t.dict.borrow().clone()?;
            if let Some(v) = super::dict::dict_get_str(&d, name) {
                return if v.layout() == Layout::Function { Some(v) } else { None };
            }
        } else if t.methods.get().iter().any(|(m, _)| *m == n)
            || (n.starts_with("__") && crate::modules::typesmod::layout_slots(t).0.contains(&n))
        {
            return None;
        }
    }
    None
}

pub fn super_getattr(o: &Obj, name: &str) -> PyResult {
    let s = as_super(o).unwrap();
    // super(C, cls) with cls a subclass of C looks along cls's MRO; otherwise (an instance,
    // or a class in a metaclass method) along type(obj)'s
    let obj_is_type = s.obj.layout() == Layout::Type && s.obj.as_type().is_subtype(s.cls);
    let start = if obj_is_type { s.obj.as_type() } else { s.obj.ty() };
    let mro = start.mro_list();
    let pos = mro.iter().position(|t| std::ptr::eq(*t, s.cls)).map(|p| p + 1).unwrap_or(mro.len());
    let key = crate::object::intern_dyn(name);
    for t in &mro[pos..] {
        if t.heap {
            let d = t.dict.borrow().clone();
            if let Some(d) = d {
                if let Some(v) = super::dict::dict_get_str(&d, &key) {
                    if obj_is_type {
                        if let Some(m) = ops::static_or_class_method(&v, &s.obj) {
                            return Ok(m);
                        }
                        if name == "__new__" || v.layout() == Layout::Function {
                            return Ok(v);
                        }
                        if let Some(get) = ops::lookup_special(&v, "__get__") {
                            return crate::call(&get, vec![v.clone(), Obj::none(), s.obj.clone()], None);
                        }
                        return Ok(v);
                    }
                    if let Some(m) = ops::static_or_class_method(&v, &s.obj.ty().obj()) {
                        return Ok(m);
                    }
                    return ops::bind_attr(v, &s.obj);
                }
            }
        } else {
            for (n, f) in t.methods.get() {
                if *n == name {
                    if name == "__new__" {
                        // a static method: the class is passed explicitly
                        return Ok(super::builtin_fn::new_unbound_method(n, *f));
                    }
                    return Ok(super::builtin_fn::new_builtin_method(n, s.obj.clone(), *f));
                }
            }
            if name.starts_with("__") && !obj_is_type {
                // a slot of the builtin base (dict.__setitem__, int.__eq__, ...) bound to obj
                let (slots, _) = crate::modules::typesmod::layout_slots(t);
                if slots.contains(&name) {
                    let w = crate::modules::typesmod::slot_wrapper(t, slots.into_iter().find(|n| *n == name).unwrap());
                    return Ok(super::function::new_method(w, s.obj.clone()));
                }
            }
        }
    }
    Err(attribute_error(format!("'super' object has no attribute '{}'", name)))
}
