//! Module objects (a name + namespace dict), and property / staticmethod / classmethod
//! wrappers (descriptor objects) used by classes.
use crate::object::{alloc, Layout, Obj};

pub struct ModuleObj {
    pub name: String,
    pub dict: Obj,
}

/// kind: 0 property, 1 staticmethod, 2 classmethod
pub struct PropertyObj {
    pub kind: u8,
    pub fget: Obj,
    pub fset: Option<Obj>,
    pub fdel: Option<Obj>,
}

crate::static_type!(MODULE_TYPE, "module", &super::typeobj::OBJECT_TYPE, Module, MODULE_METHODS);

static MODULE_METHODS: &[(&str, crate::object::MethodFn)] = &[("__init__", module_init)];

fn module_args(a: &[Obj], k: Option<&Obj>) -> crate::PyResult<(Obj, Obj)> {
    let v = crate::modules::native_class::bind("module", a, k, &["name", "doc"], 2, 1)?;
    let name = v[0].clone().unwrap();
    if name.as_str().is_none() {
        return Err(super::exceptions::type_error(format!("module.__init__() argument 'name' must be str, not {}", name.type_name())));
    }
    Ok((name, v[1].clone().unwrap_or_else(Obj::none)))
}

/// `types.ModuleType(name, doc=None)` (module_new + module_init).
pub fn module_call(a: &[Obj], k: Option<&Obj>) -> crate::PyResult {
    let (name, doc) = module_args(a, k)?;
    let d = super::dict::new_dict();
    for (key, v) in [("__name__", name.clone()), ("__doc__", doc), ("__package__", Obj::none()), ("__loader__", Obj::none()), ("__spec__", Obj::none())] {
        super::dict::dict_set(&d, Obj::str(key), v)?;
    }
    Ok(new_module(name.as_str().unwrap(), d))
}

/// `module.__init__(self, name, doc=None)`: (re)sets `__name__` and `__doc__`.
fn module_init(this: &Obj, a: &[Obj], k: Option<&Obj>) -> crate::PyResult {
    let (name, doc) = module_args(a, k)?;
    let m = as_module(this).ok_or_else(|| super::exceptions::type_error("descriptor '__init__' requires a 'module' object"))?;
    super::dict::dict_set(&m.dict, Obj::str("__name__"), name)?;
    super::dict::dict_set(&m.dict, Obj::str("__doc__"), doc)?;
    Ok(Obj::none())
}
crate::static_type!(PROPERTY_TYPE, "property", &super::typeobj::OBJECT_TYPE, Property, PROPERTY_METHODS);
crate::static_type!(STATICMETHOD_TYPE, "staticmethod", &super::typeobj::OBJECT_TYPE, Property, DESCR_METHODS);
crate::static_type!(CLASSMETHOD_TYPE, "classmethod", &super::typeobj::OBJECT_TYPE, Property, DESCR_METHODS);

static PROPERTY_METHODS: &[(&str, crate::object::MethodFn)] = &[
    ("__get__", descr_get),
    ("__set__", property_set),
    ("__delete__", property_delete),
    ("__init__", descr_init),
];
static DESCR_METHODS: &[(&str, crate::object::MethodFn)] = &[("__get__", descr_get), ("__init__", descr_init)];

fn descr_init(_this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> crate::PyResult {
    Ok(Obj::none())
}

/// `descr.__get__(obj, type=None)` for property, staticmethod and classmethod.
fn descr_get(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> crate::PyResult {
    super::str::nargs("__get__", a, 1, 2)?;
    let d = as_descr(this).ok_or_else(|| super::exceptions::type_error("descriptor '__get__' requires a property"))?;
    let obj = &a[0];
    let ty = a.get(1).filter(|t| !t.is_none()).cloned().unwrap_or_else(|| obj.ty().obj());
    match d.kind {
        0 => {
            if obj.is_none() {
                return Ok(this.clone());
            }
            if d.fget.is_none() {
                return Err(super::exceptions::attribute_error("unreadable attribute"));
            }
            crate::call(&d.fget, vec![obj.clone()], None)
        }
        1 => Ok(d.fget.clone()),
        _ => Ok(super::function::new_method(d.fget.clone(), ty)),
    }
}
fn property_set(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> crate::PyResult {
    super::str::nargs("__set__", a, 2, 2)?;
    let d = as_descr(this).unwrap();
    match &d.fset {
        Some(f) => crate::call(f, vec![a[0].clone(), a[1].clone()], None),
        None => Err(super::exceptions::attribute_error("can't set attribute")),
    }
}
fn property_delete(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> crate::PyResult {
    super::str::nargs("__delete__", a, 1, 1)?;
    let d = as_descr(this).unwrap();
    match &d.fdel {
        Some(f) => crate::call(f, vec![a[0].clone()], None),
        None => Err(super::exceptions::attribute_error("can't delete attribute")),
    }
}

pub fn new_module(name: &str, dict: Obj) -> Obj {
    alloc(&MODULE_TYPE, ModuleObj { name: name.to_string(), dict })
}

pub fn as_module(o: &Obj) -> Option<&ModuleObj> {
    o.payload::<ModuleObj>(Layout::Module)
}

pub fn new_descr(kind: u8, fget: Obj, fset: Option<Obj>) -> Obj {
    let ty = match kind {
        0 => &PROPERTY_TYPE,
        1 => &STATICMETHOD_TYPE,
        _ => &CLASSMETHOD_TYPE,
    };
    alloc(ty, PropertyObj { kind, fget, fset, fdel: None })
}

/// property(fget, fset, fdel)
pub fn new_property(fget: Obj, fset: Option<Obj>, fdel: Option<Obj>) -> Obj {
    alloc(&PROPERTY_TYPE, PropertyObj { kind: 0, fget, fset, fdel })
}

pub fn as_descr(o: &Obj) -> Option<&PropertyObj> {
    o.payload::<PropertyObj>(Layout::Property)
}
