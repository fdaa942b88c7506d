//! Cell objects for closures (free/cell variables).
use crate::object::{alloc, Layout, Obj};
use std::cell::RefCell;

pub struct CellObj {
    pub v: RefCell<Option<Obj>>,
}

crate::static_type!(CELL_TYPE, "cell", &super::typeobj::OBJECT_TYPE, Cell, &[]);

pub fn new_cell(v: Option<Obj>) -> Obj {
    alloc(&CELL_TYPE, CellObj { v: RefCell::new(v) })
}

#[inline]
pub fn as_cell(o: &Obj) -> Option<&CellObj> {
    o.payload::<CellObj>(Layout::Cell)
}
