//! The `bool` type: a subclass of int with the two singletons True and False.
use super::int::{IntVal, INT_TYPE};
use crate::object::{Obj, PyBox, PyObjectHeader, TypeObject, IMMORTAL};
use std::cell::Cell;

crate::static_type!(BOOL_TYPE, "bool", &INT_TYPE, Int, &[]);

pub static TRUE: PyBox<IntVal> = PyBox {
    ob: PyObjectHeader { refcnt: Cell::new(IMMORTAL), ty: &BOOL_TYPE as *const TypeObject },
    data: IntVal::Small(1),
};
pub static FALSE: PyBox<IntVal> = PyBox {
    ob: PyObjectHeader { refcnt: Cell::new(IMMORTAL), ty: &BOOL_TYPE as *const TypeObject },
    data: IntVal::Small(0),
};

impl Obj {
    #[inline]
    pub fn bool(b: bool) -> Obj {
        Obj::from_static(if b { &TRUE } else { &FALSE })
    }
    #[inline]
    pub fn is_true_obj(&self) -> bool {
        std::ptr::eq(self.as_ptr() as *const PyObjectHeader, &TRUE.ob)
    }
    #[inline]
    pub fn is_false_obj(&self) -> bool {
        std::ptr::eq(self.as_ptr() as *const PyObjectHeader, &FALSE.ob)
    }
    #[inline]
    pub fn is_bool(&self) -> bool {
        self.is_type(&BOOL_TYPE)
    }
}
