//! The `range` type (i64 bounds) and its iterator.
use super::exceptions::{index_error, type_error, value_error};
use crate::object::{alloc, Layout, MethodFn, Obj};
use crate::ops;
use crate::PyResult;
use std::cell::Cell;

pub struct RangeObj {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
    pub len: i64,
}

pub struct RangeIter {
    pub cur: Cell<i64>,
    pub step: i64,
    pub left: Cell<i64>,
}

crate::static_type!(RANGE_TYPE, "range", &super::typeobj::OBJECT_TYPE, Range, RANGE_METHODS);
crate::static_type!(RANGE_ITER_TYPE, "range_iterator", &super::typeobj::OBJECT_TYPE, RangeIter, &[]);

pub fn range_len(start: i64, stop: i64, step: i64) -> i64 {
    let (lo, hi, st) = if step > 0 { (start as i128, stop as i128, step as i128) } else { (stop as i128, start as i128, -(step as i128)) };
    if lo >= hi {
        0
    } else {
        ((hi - lo - 1) / st + 1) as i64
    }
}

pub fn new_range(start: i64, stop: i64, step: i64) -> PyResult {
    if step == 0 {
        return Err(value_error("range() arg 3 must not be zero"));
    }
    Ok(alloc(&RANGE_TYPE, RangeObj { start, stop, step, len: range_len(start, stop, step) }))
}

pub fn as_range(o: &Obj) -> Option<&RangeObj> {
    o.payload::<RangeObj>(Layout::Range)
}

fn range_arg(o: &Obj) -> PyResult<i64> {
    if super::int::as_int(o).is_none() && !ops::has_index(o) {
        return Err(type_error(format!("'{}' object cannot be interpreted as an integer", o.type_name())));
    }
    ops::index_value(o)
}

/// range(stop) / range(start, stop[, step])
pub fn range_new(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    super::str::no_kw("range", kw)?;
    match args.len() {
        1 => new_range(0, range_arg(&args[0])?, 1),
        2 => new_range(range_arg(&args[0])?, range_arg(&args[1])?, 1),
        3 => new_range(range_arg(&args[0])?, range_arg(&args[1])?, range_arg(&args[2])?),
        0 => Err(type_error("range expected at least 1 argument, got 0")),
        n => Err(type_error(format!("range expected at most 3 arguments, got {}", n))),
    }
}

pub fn range_iter(r: &RangeObj) -> Obj {
    alloc(&RANGE_ITER_TYPE, RangeIter { cur: Cell::new(r.start), step: r.step, left: Cell::new(r.len) })
}

pub fn range_reversed(r: &RangeObj) -> Obj {
    let last = r.start + (r.len - 1) * r.step;
    alloc(&RANGE_ITER_TYPE, RangeIter { cur: Cell::new(last), step: -r.step, left: Cell::new(r.len) })
}

#[inline]
pub fn range_iter_next(it: &RangeIter) -> Option<Obj> {
    let left = it.left.get();
    if left <= 0 {
        return None;
    }
    it.left.set(left - 1);
    let v = it.cur.get();
    it.cur.set(v.wrapping_add(it.step));
    Some(Obj::int(v))
}

pub fn range_repr(r: &RangeObj) -> String {
    if r.step == 1 {
        format!("range({}, {})", r.start, r.stop)
    } else {
        format!("range({}, {}, {})", r.start, r.stop, r.step)
    }
}

pub fn range_getitem(o: &Obj, key: &Obj) -> PyResult {
    let r = as_range(o).unwrap();
    if let Some(sl) = super::slice::as_slice(key) {
        let (start, _stop, step, len) = sl.indices(r.len)?;
        let nstart = r.start + start * r.step;
        let nstep = r.step * step;
        return new_range(nstart, nstart + len * nstep, nstep);
    }
    let i = ops::index_value(key)?;
    let j = if i < 0 { i + r.len } else { i };
    if j < 0 || j >= r.len {
        return Err(index_error("range object index out of range"));
    }
    Ok(Obj::int(r.start + j * r.step))
}

pub fn range_contains(r: &RangeObj, v: i64) -> bool {
    if r.step > 0 {
        v >= r.start && v < r.stop && (v - r.start) % r.step == 0
    } else {
        v <= r.start && v > r.stop && (r.start - v) % (-r.step) == 0
    }
}

fn range_index(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let r = as_range(this).unwrap();
    if let Some(v) = super::int::int_as_i64(&a[0]) {
        if range_contains(r, v) {
            return Ok(Obj::int((v - r.start) / r.step));
        }
    }
    Err(value_error(format!("{} is not in range", ops::repr_string(&a[0])?)))
}
fn range_count(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let r = as_range(this).unwrap();
    Ok(Obj::int(match super::int::int_as_i64(&a[0]) {
        Some(v) if range_contains(r, v) => 1,
        _ => 0,
    }))
}
static RANGE_METHODS: &[(&str, MethodFn)] = &[("index", range_index), ("count", range_count)];
