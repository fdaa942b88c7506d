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

crate::static_type!(MODULE_TYPE, "module", &super::typeobj::OBJECT_TYPE, Module, &[]);
crate::static_type!(PROPERTY_TYPE, "property", &super::typeobj::OBJECT_TYPE, Property, &[]);
crate::static_type!(STATICMETHOD_TYPE, "staticmethod", &super::typeobj::OBJECT_TYPE, Property, &[]);
crate::static_type!(CLASSMETHOD_TYPE, "classmethod", &super::typeobj::OBJECT_TYPE, Property, &[]);

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
