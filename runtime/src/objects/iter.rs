//! Iterator objects: sequence iterators (list/tuple/str), and `DynIter`, an iterator driven by
//! a Rust closure (enumerate, zip, map, filter, reversed, ...), each with its own type name.
use crate::object::{alloc, Layout, Obj, TypeObject};
use crate::PyResult;
use std::cell::{Cell, RefCell};

pub struct SeqIter {
    pub seq: Obj,
    /// item index (list/tuple) or byte offset (str)
    pub idx: Cell<usize>,
}

pub struct DynIter {
    pub next: RefCell<Option<Box<dyn FnMut() -> PyResult<Option<Obj>>>>>,
}

crate::static_type!(LIST_ITER_TYPE, "list_iterator", &super::typeobj::OBJECT_TYPE, SeqIter, &[]);
crate::static_type!(TUPLE_ITER_TYPE, "tuple_iterator", &super::typeobj::OBJECT_TYPE, SeqIter, &[]);
crate::static_type!(STR_ITER_TYPE, "str_ascii_iterator", &super::typeobj::OBJECT_TYPE, SeqIter, &[]);
crate::static_type!(ENUMERATE_TYPE, "enumerate", &super::typeobj::OBJECT_TYPE, DynIter, &[]);
crate::static_type!(ZIP_TYPE, "zip", &super::typeobj::OBJECT_TYPE, DynIter, &[]);
crate::static_type!(MAP_TYPE, "map", &super::typeobj::OBJECT_TYPE, DynIter, &[]);
crate::static_type!(FILTER_TYPE, "filter", &super::typeobj::OBJECT_TYPE, DynIter, &[]);
crate::static_type!(REVERSED_TYPE, "reversed", &super::typeobj::OBJECT_TYPE, DynIter, &[]);
crate::static_type!(LIST_REVITER_TYPE, "list_reverseiterator", &super::typeobj::OBJECT_TYPE, DynIter, &[]);
crate::static_type!(GENERIC_ITER_TYPE, "iterator", &super::typeobj::OBJECT_TYPE, DynIter, &[]);
crate::static_type!(CALLABLE_ITER_TYPE, "callable_iterator", &super::typeobj::OBJECT_TYPE, DynIter, &[]);

pub fn seq_iter(ty: &'static TypeObject, seq: Obj) -> Obj {
    alloc(ty, SeqIter { seq, idx: Cell::new(0) })
}

pub fn dyn_iter(ty: &'static TypeObject, f: Box<dyn FnMut() -> PyResult<Option<Obj>>>) -> Obj {
    alloc(ty, DynIter { next: RefCell::new(Some(f)) })
}

pub fn seq_iter_next(it: &SeqIter) -> Option<Obj> {
    let i = it.idx.get();
    match it.seq.layout() {
        Layout::List => {
            let v = super::list::as_list(&it.seq).unwrap().borrow();
            let r = v.get(i).cloned();
            if r.is_some() {
                it.idx.set(i + 1);
            } else {
                it.idx.set(usize::MAX / 2);
            }
            r
        }
        Layout::Tuple => {
            let r = super::tuple::tuple_items(&it.seq).get(i).cloned();
            if r.is_some() {
                it.idx.set(i + 1);
            }
            r
        }
        Layout::Str => {
            let s = it.seq.as_str().unwrap();
            if i >= s.len() {
                return None;
            }
            let c = s[i..].chars().next().unwrap();
            it.idx.set(i + c.len_utf8());
            Some(Obj::str(&s[i..i + c.len_utf8()]))
        }
        _ => None,
    }
}

pub fn dyn_iter_next(it: &DynIter) -> PyResult<Option<Obj>> {
    // take the closure out while running it, so re-entrant calls see an exhausted iterator
    let f = it.next.borrow_mut().take();
    match f {
        None => Ok(None),
        Some(mut f) => {
            let r = f();
            match &r {
                Ok(Some(_)) => *it.next.borrow_mut() = Some(f),
                _ => {}
            }
            r
        }
    }
}
