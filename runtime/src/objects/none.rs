//! None, Ellipsis and NotImplemented singletons and their types.
use crate::object::{Obj, PyBox, PyObjectHeader, TypeObject, IMMORTAL};
use std::cell::Cell;

crate::static_type!(NONE_TYPE, "NoneType", &super::typeobj::OBJECT_TYPE, Unit, &[]);
crate::static_type!(ELLIPSIS_TYPE, "ellipsis", &super::typeobj::OBJECT_TYPE, Unit, &[]);
crate::static_type!(NOT_IMPLEMENTED_TYPE, "NotImplementedType", &super::typeobj::OBJECT_TYPE, Unit, &[]);

pub static NONE: PyBox<()> =
    PyBox { ob: PyObjectHeader { refcnt: Cell::new(IMMORTAL), ty: &NONE_TYPE as *const TypeObject }, data: () };
pub static ELLIPSIS: PyBox<()> =
    PyBox { ob: PyObjectHeader { refcnt: Cell::new(IMMORTAL), ty: &ELLIPSIS_TYPE as *const TypeObject }, data: () };
pub static NOT_IMPLEMENTED: PyBox<()> = PyBox {
    ob: PyObjectHeader { refcnt: Cell::new(IMMORTAL), ty: &NOT_IMPLEMENTED_TYPE as *const TypeObject },
    data: (),
};

impl Obj {
    #[inline]
    pub fn none() -> Obj {
        Obj::from_static(&NONE)
    }
    #[inline]
    pub fn is_none(&self) -> bool {
        std::ptr::eq(self.as_ptr() as *const PyObjectHeader, &NONE.ob)
    }
    pub fn ellipsis() -> Obj {
        Obj::from_static(&ELLIPSIS)
    }
    pub fn not_implemented() -> Obj {
        Obj::from_static(&NOT_IMPLEMENTED)
    }
    pub fn is_not_implemented(&self) -> bool {
        std::ptr::eq(self.as_ptr() as *const PyObjectHeader, &NOT_IMPLEMENTED.ob)
    }
}
