//! The `range` type and its iterators: i64 bounds in the fast fields; bounds or a length beyond
//! i64 (CPython's range holds ints of any size) in `big`, iterated by a `longrange_iterator`.
use super::exceptions::{index_error, type_error, value_error};
use crate::object::{alloc, Layout, MethodFn, Obj};
use crate::ops;
use crate::{BinOp, CmpOp, PyResult};
use super::iter::dyn_iter;
use std::cell::Cell;

pub struct RangeObj {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
    pub len: i64,
    pub big: Option<Box<BigRange>>,
}

/// A range whose bounds or length do not fit i64 (the i64 fields are then unused).
pub struct BigRange {
    pub start: Obj,
    pub stop: Obj,
    pub step: Obj,
    pub len: Obj,
}

pub struct RangeIter {
    pub cur: Cell<i64>,
    pub step: i64,
    pub left: Cell<i64>,
}

crate::static_type!(RANGE_TYPE, "range", &super::typeobj::OBJECT_TYPE, Range, RANGE_METHODS);
crate::static_type!(RANGE_ITER_TYPE, "range_iterator", &super::typeobj::OBJECT_TYPE, RangeIter, &[]);
crate::static_type!(LONGRANGE_ITER_TYPE, "longrange_iterator", &super::typeobj::OBJECT_TYPE, DynIter, &[]);

fn range_len_wide(start: i64, stop: i64, step: i64) -> i128 {
    let (lo, hi, st) = if step > 0 { (start as i128, stop as i128, step as i128) } else { (stop as i128, start as i128, -(step as i128)) };
    if lo >= hi {
        0
    } else {
        (hi - lo - 1) / st + 1
    }
}

pub fn range_len(start: i64, stop: i64, step: i64) -> i64 {
    range_len_wide(start, stop, step) as i64
}

pub fn new_range(start: i64, stop: i64, step: i64) -> PyResult {
    if step == 0 {
        return Err(value_error("range() arg 3 must not be zero"));
    }
    let len = range_len_wide(start, stop, step);
    if len > i64::MAX as i128 {
        return new_big_range(Obj::int(start), Obj::int(stop), Obj::int(step));
    }
    Ok(alloc(&RANGE_TYPE, RangeObj { start, stop, step, len: len as i64, big: None }))
}

fn bin(a: &Obj, b: &Obj, op: BinOp) -> PyResult {
    ops::binary_op(a, b, op)
}

fn cmp(a: &Obj, b: &Obj, op: CmpOp) -> PyResult<bool> {
    ops::compare_bool(a, b, op)
}

/// CPython's compute_range_length on ints of any size.
fn big_len(start: &Obj, stop: &Obj, step: &Obj) -> PyResult {
    let zero = Obj::int(0);
    let (lo, hi, st) = if cmp(step, &zero, CmpOp::Gt)? {
        (start.clone(), stop.clone(), step.clone())
    } else {
        (stop.clone(), start.clone(), ops::unary_neg(step)?)
    };
    if cmp(&lo, &hi, CmpOp::Ge)? {
        return Ok(zero);
    }
    let span = bin(&bin(&hi, &lo, BinOp::Sub)?, &Obj::int(1), BinOp::Sub)?;
    bin(&bin(&span, &st, BinOp::FloorDiv)?, &Obj::int(1), BinOp::Add)
}

fn new_big_range(start: Obj, stop: Obj, step: Obj) -> PyResult {
    if cmp(&step, &Obj::int(0), CmpOp::Eq)? {
        return Err(value_error("range() arg 3 must not be zero"));
    }
    let len = big_len(&start, &stop, &step)?;
    let big = Some(Box::new(BigRange { start, stop, step, len }));
    Ok(alloc(&RANGE_TYPE, RangeObj { start: 0, stop: 0, step: 1, len: 0, big }))
}

pub fn as_range(o: &Obj) -> Option<&RangeObj> {
    o.payload::<RangeObj>(Layout::Range)
}

/// start, stop, step and length as ints, whatever their size.
pub fn range_parts(r: &RangeObj) -> (Obj, Obj, Obj, Obj) {
    match &r.big {
        Some(b) => (b.start.clone(), b.stop.clone(), b.step.clone(), b.len.clone()),
        None => (Obj::int(r.start), Obj::int(r.stop), Obj::int(r.step), Obj::int(r.len)),
    }
}

fn range_arg(o: &Obj) -> PyResult<Obj> {
    if super::int::as_int(o).is_some() {
        return Ok(o.clone());
    }
    match ops::call_special(o, "__index__", vec![]) {
        Some(r) => range_arg(&r?),
        None => Err(type_error(format!("'{}' object cannot be interpreted as an integer", o.type_name()))),
    }
}

/// range(stop) / range(start, stop[, step])
pub fn range_new(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    super::str::no_kw("range", kw)?;
    let (start, stop, step) = match args.len() {
        1 => (Obj::int(0), range_arg(&args[0])?, Obj::int(1)),
        2 => (range_arg(&args[0])?, range_arg(&args[1])?, Obj::int(1)),
        3 => (range_arg(&args[0])?, range_arg(&args[1])?, range_arg(&args[2])?),
        0 => return Err(type_error("range expected at least 1 argument, got 0")),
        n => return Err(type_error(format!("range expected at most 3 arguments, got {}", n))),
    };
    let small = |o: &Obj| super::int::int_as_i64(o);
    match (small(&start), small(&stop), small(&step)) {
        (Some(a), Some(b), Some(c)) => new_range(a, b, c),
        _ => new_big_range(start, stop, step),
    }
}

fn long_iter(mut cur: Obj, step: Obj, mut left: Obj) -> Obj {
    dyn_iter(&LONGRANGE_ITER_TYPE, Box::new(move || {
        if !cmp(&left, &Obj::int(0), CmpOp::Gt)? {
            return Ok(None);
        }
        left = bin(&left, &Obj::int(1), BinOp::Sub)?;
        let v = cur.clone();
        cur = bin(&cur, &step, BinOp::Add)?;
        Ok(Some(v))
    }))
}

/// The element at `i` (0 <= i < len) of a range of any size.
fn big_item(r: &RangeObj, i: &Obj) -> PyResult {
    let (start, _, step, _) = range_parts(r);
    bin(&start, &bin(i, &step, BinOp::Mul)?, BinOp::Add)
}

pub fn range_iter(r: &RangeObj) -> Obj {
    if let Some(b) = &r.big {
        return long_iter(b.start.clone(), b.step.clone(), b.len.clone());
    }
    alloc(&RANGE_ITER_TYPE, RangeIter { cur: Cell::new(r.start), step: r.step, left: Cell::new(r.len) })
}

pub fn range_reversed(r: &RangeObj) -> PyResult {
    if let Some(b) = &r.big {
        let last = big_item(r, &bin(&b.len, &Obj::int(1), BinOp::Sub)?)?;
        return Ok(long_iter(last, ops::unary_neg(&b.step)?, b.len.clone()));
    }
    let last = r.start + (r.len - 1) * r.step;
    Ok(alloc(&RANGE_ITER_TYPE, RangeIter { cur: Cell::new(last), step: -r.step, left: Cell::new(r.len) }))
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

pub fn range_repr(r: &RangeObj) -> PyResult<String> {
    if r.big.is_some() {
        let (start, stop, step, _) = range_parts(r);
        let (a, b) = (ops::repr_string(&start)?, ops::repr_string(&stop)?);
        return Ok(if cmp(&step, &Obj::int(1), CmpOp::Eq)? {
            format!("range({}, {})", a, b)
        } else {
            format!("range({}, {}, {})", a, b, ops::repr_string(&step)?)
        });
    }
    Ok(if r.step == 1 {
        format!("range({}, {})", r.start, r.stop)
    } else {
        format!("range({}, {}, {})", r.start, r.stop, r.step)
    })
}

pub fn range_getitem(o: &Obj, key: &Obj) -> PyResult {
    let r = as_range(o).unwrap();
    if r.big.is_some() {
        return big_getitem(r, key);
    }
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

fn big_getitem(r: &RangeObj, key: &Obj) -> PyResult {
    if super::slice::as_slice(key).is_some() {
        return Err(super::exceptions::overflow_error("slicing a range beyond 64-bit bounds is not supported"));
    }
    let (_, _, _, len) = range_parts(r);
    let mut i = range_arg(key)?;
    if cmp(&i, &Obj::int(0), CmpOp::Lt)? {
        i = bin(&i, &len, BinOp::Add)?;
    }
    if cmp(&i, &Obj::int(0), CmpOp::Lt)? || cmp(&i, &len, CmpOp::Ge)? {
        return Err(index_error("range object index out of range"));
    }
    big_item(r, &i)
}

/// `v in r` for an int `v` and a range of any size.
pub fn big_contains(r: &RangeObj, v: &Obj) -> PyResult<bool> {
    let (start, stop, step, _) = range_parts(r);
    let zero = Obj::int(0);
    let inside = if cmp(&step, &zero, CmpOp::Gt)? {
        cmp(&start, v, CmpOp::Le)? && cmp(v, &stop, CmpOp::Lt)?
    } else {
        cmp(&stop, v, CmpOp::Lt)? && cmp(v, &start, CmpOp::Le)?
    };
    Ok(inside && cmp(&bin(&bin(v, &start, BinOp::Sub)?, &step, BinOp::Mod)?, &zero, CmpOp::Eq)?)
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
    if r.big.is_some() && super::int::as_int(&a[0]).is_some() && big_contains(r, &a[0])? {
        let (start, _, step, _) = range_parts(r);
        return bin(&bin(&a[0], &start, BinOp::Sub)?, &step, BinOp::FloorDiv);
    }
    if let Some(v) = super::int::int_as_i64(&a[0]).filter(|_| r.big.is_none()) {
        if range_contains(r, v) {
            return Ok(Obj::int((v - r.start) / r.step));
        }
    }
    Err(value_error(format!("{} is not in range", ops::repr_string(&a[0])?)))
}
fn range_count(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let r = as_range(this).unwrap();
    if r.big.is_some() {
        return Ok(Obj::int((super::int::as_int(&a[0]).is_some() && big_contains(r, &a[0])?) as i64));
    }
    Ok(Obj::int(match super::int::int_as_i64(&a[0]) {
        Some(v) if range_contains(r, v) => 1,
        _ => 0,
    }))
}
static RANGE_METHODS: &[(&str, MethodFn)] = &[("index", range_index), ("count", range_count)];
