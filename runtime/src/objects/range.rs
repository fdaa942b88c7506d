//! The `range` type and its iterator. Bounds are i64; a range whose bounds or length do not
//! fit (CPython's "longrange") keeps them as int objects in `big` and iterates with
//! `longrange_iterator`.
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
    pub big: Option<Box<BigRange>>,
}

/// start, stop, step and length of a range beyond i64, as int objects.
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

crate::static_type!(RANGE_TYPE, "range", &super::typeobj::OBJECT_TYPE, Range, &[]);
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
    Ok(alloc(&RANGE_TYPE, RangeObj { start, stop, step, len: range_len(start, stop, step), big: None }))
}

fn arith(a: &Obj, b: &Obj, op: crate::BinOp) -> PyResult {
    ops::binary_op(a, b, op)
}

/// A range of int objects: an i64 range when everything fits, else a big one.
fn new_range_obj(start: Obj, stop: Obj, step: Obj) -> PyResult {
    if let (Some(a), Some(b), Some(c)) = (start.as_i64(), stop.as_i64(), step.as_i64()) {
        if c == 0 || (range_len(a, b, c) >= 0 && (range_len(a, b, c) as i128) == big_len_i128(a, b, c)) {
            return new_range(a, b, c);
        }
    }
    let zero = Obj::int(0);
    if ops::eq(&step, &zero)? {
        return Err(value_error("range() arg 3 must not be zero"));
    }
    let pos = ops::compare_bool(&step, &zero, crate::CmpOp::Gt)?;
    let (lo, hi, st) = if pos { (start.clone(), stop.clone(), step.clone()) } else { (stop.clone(), start.clone(), ops::unary_neg(&step)?) };
    let len = if ops::compare_bool(&lo, &hi, crate::CmpOp::Ge)? {
        zero
    } else {
        let span = arith(&arith(&hi, &lo, crate::BinOp::Sub)?, &Obj::int(1), crate::BinOp::Sub)?;
        arith(&arith(&span, &st, crate::BinOp::FloorDiv)?, &Obj::int(1), crate::BinOp::Add)?
    };
    let big = BigRange { start, stop, step, len };
    Ok(alloc(&RANGE_TYPE, RangeObj { start: 0, stop: 0, step: 1, len: 0, big: Some(Box::new(big)) }))
}

fn big_len_i128(start: i64, stop: i64, step: i64) -> i128 {
    let (lo, hi, st) = if step > 0 { (start as i128, stop as i128, step as i128) } else { (stop as i128, start as i128, -(step as i128)) };
    if lo >= hi {
        0
    } else {
        (hi - lo - 1) / st + 1
    }
}

/// len(range): OverflowError past ssize_t, as CPython.
pub fn range_length(r: &RangeObj) -> PyResult<usize> {
    match &r.big {
        None => Ok(r.len as usize),
        Some(b) => match b.len.as_i64() {
            Some(n) => Ok(n as usize),
            None => Err(super::exceptions::overflow_error("Python int too large to convert to C ssize_t")),
        },
    }
}

pub fn range_is_true(r: &RangeObj) -> PyResult<bool> {
    match &r.big {
        None => Ok(r.len != 0),
        Some(b) => ops::is_true(&b.len),
    }
}

/// start, stop, step as objects (the `range` attributes).
pub fn range_attr(r: &RangeObj, name: &str) -> Option<Obj> {
    Some(match (&r.big, name) {
        (Some(b), "start") => b.start.clone(),
        (Some(b), "stop") => b.stop.clone(),
        (Some(b), "step") => b.step.clone(),
        (None, "start") => Obj::int(r.start),
        (None, "stop") => Obj::int(r.stop),
        (None, "step") => Obj::int(r.step),
        _ => return None,
    })
}

crate::native_type!(LONGRANGE_ITER_TYPE, "builtins", "longrange_iterator", LONGRANGE_ITER_METHODS);

struct LongRangeIter {
    cur: std::cell::RefCell<Obj>,
    step: Obj,
    left: std::cell::RefCell<Obj>,
}
impl super::native::NativeData for LongRangeIter {}

fn longrange_iter(b: &BigRange, reverse: bool) -> PyResult {
    let (cur, step) = if reverse {
        let last = arith(&b.start, &arith(&arith(&b.len, &Obj::int(1), crate::BinOp::Sub)?, &b.step, crate::BinOp::Mul)?, crate::BinOp::Add)?;
        (last, ops::unary_neg(&b.step)?)
    } else {
        (b.start.clone(), b.step.clone())
    };
    let it = LongRangeIter { cur: std::cell::RefCell::new(cur), step, left: std::cell::RefCell::new(b.len.clone()) };
    Ok(super::native::new_native(&LONGRANGE_ITER_TYPE, it))
}

fn longrange_next(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let it = super::native::expect::<LongRangeIter>(this, "longrange_iterator")?;
    let left = it.left.borrow().clone();
    if !ops::compare_bool(&left, &Obj::int(0), crate::CmpOp::Gt)? {
        return Err(super::exceptions::stop_iteration());
    }
    *it.left.borrow_mut() = arith(&left, &Obj::int(1), crate::BinOp::Sub)?;
    let v = it.cur.borrow().clone();
    *it.cur.borrow_mut() = arith(&v, &it.step, crate::BinOp::Add)?;
    Ok(v)
}

fn longrange_self(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(this.clone())
}

static LONGRANGE_ITER_METHODS: &[(&str, MethodFn)] = &[("__next__", longrange_next), ("__iter__", longrange_self)];

pub fn as_range(o: &Obj) -> Option<&RangeObj> {
    o.payload::<RangeObj>(Layout::Range)
}

/// A range argument as an int object (`__index__` applied).
fn range_arg(o: &Obj) -> PyResult {
    if super::int::as_int(o).is_some() {
        return Ok(o.clone());
    }
    if !ops::has_index(o) {
        return Err(type_error(format!("'{}' object cannot be interpreted as an integer", o.type_name())));
    }
    match ops::call_special(o, "__index__", &[]) {
        Some(r) => range_arg(&r?),
        None => Ok(Obj::int(ops::index_value(o)?)),
    }
}

/// range(stop) / range(start, stop[, step])
pub fn range_new(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    super::str::no_kw("range", kw)?;
    match args.len() {
        1 => new_range_obj(Obj::int(0), range_arg(&args[0])?, Obj::int(1)),
        2 => new_range_obj(range_arg(&args[0])?, range_arg(&args[1])?, Obj::int(1)),
        3 => new_range_obj(range_arg(&args[0])?, range_arg(&args[1])?, range_arg(&args[2])?),
        0 => Err(type_error("range expected at least 1 argument, got 0")),
        n => Err(type_error(format!("range expected at most 3 arguments, got {}", n))),
    }
}

pub fn range_iter(r: &RangeObj) -> PyResult {
    if let Some(b) = &r.big {
        return longrange_iter(b, false);
    }
    Ok(alloc(&RANGE_ITER_TYPE, RangeIter { cur: Cell::new(r.start), step: r.step, left: Cell::new(r.len) }))
}

pub fn range_reversed(r: &RangeObj) -> PyResult {
    if let Some(b) = &r.big {
        return longrange_iter(b, true);
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
    if let Some(b) = &r.big {
        let (a, z) = (ops::repr_string(&b.start)?, ops::repr_string(&b.stop)?);
        if b.step.as_i64() == Some(1) {
            return Ok(format!("range({}, {})", a, z));
        }
        return Ok(format!("range({}, {}, {})", a, z, ops::repr_string(&b.step)?));
    }
    Ok(if r.step == 1 {
        format!("range({}, {})", r.start, r.stop)
    } else {
        format!("range({}, {}, {})", r.start, r.stop, r.step)
    })
}

pub fn range_getitem(o: &Obj, key: &Obj) -> PyResult {
    let r = as_range(o).unwrap();
    if let Some(b) = &r.big {
        return big_getitem(b, key);
    }
    if let Some(sl) = super::slice::as_slice(key) {
        let (start, _stop, step, len) = sl.indices(r.len)?;
        let nstart = r.start + start * r.step;
        let nstep = r.step * step;
        return new_range(nstart, nstart + len * nstep, nstep);
    }
    // CPython compares as ints: an index beyond i64 is simply out of range
    let i = match super::int::as_int(key) {
        Some(super::int::IntVal::Big(_)) => return Err(index_error("range object index out of range")),
        _ => ops::index_value(key)?,
    };
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

pub fn range_index(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let r = as_range(this).unwrap();
    if let Some(b) = &r.big {
        if super::int::as_int(&a[0]).is_some() && big_contains(r, &a[0])? {
            let off = arith(&a[0], &b.start, crate::BinOp::Sub)?;
            return arith(&off, &b.step, crate::BinOp::FloorDiv);
        }
    } else if let Some(v) = super::int::int_as_i64(&a[0]) {
        if range_contains(r, v) {
            return Ok(Obj::int((v - r.start) / r.step));
        }
    }
    Err(value_error(format!("{} is not in range", ops::repr_string(&a[0])?)))
}
pub fn range_count(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let r = as_range(this).unwrap();
    let found = if r.big.is_some() {
        super::int::as_int(&a[0]).is_some() && big_contains(r, &a[0])?
    } else {
        matches!(super::int::int_as_i64(&a[0]), Some(v) if range_contains(r, v))
    };
    Ok(Obj::int(found as i64))
}
pub static RANGE_METHODS: &[(&str, MethodFn)] = &[("index", range_index), ("count", range_count)];

/// r[i] of a big range (integer indexes only).
fn big_getitem(b: &BigRange, key: &Obj) -> PyResult {
    if super::slice::as_slice(key).is_some() {
        return Err(super::exceptions::overflow_error("Python int too large to convert to C ssize_t"));
    }
    let mut i = range_arg(key)?;
    let zero = Obj::int(0);
    if ops::compare_bool(&i, &zero, crate::CmpOp::Lt)? {
        i = arith(&i, &b.len, crate::BinOp::Add)?;
    }
    if ops::compare_bool(&i, &zero, crate::CmpOp::Lt)? || ops::compare_bool(&i, &b.len, crate::CmpOp::Ge)? {
        return Err(index_error("range object index out of range"));
    }
    arith(&b.start, &arith(&i, &b.step, crate::BinOp::Mul)?, crate::BinOp::Add)
}

fn len_obj(r: &RangeObj) -> Obj {
    match &r.big {
        Some(b) => b.len.clone(),
        None => Obj::int(r.len),
    }
}

/// range == range (either big): equal lengths, and the same start and step where they matter.
pub fn range_eq(x: &RangeObj, y: &RangeObj) -> PyResult<bool> {
    let (lx, ly) = (len_obj(x), len_obj(y));
    if !ops::eq(&lx, &ly)? {
        return Ok(false);
    }
    if lx.as_i64() == Some(0) {
        return Ok(true);
    }
    let f = |r: &RangeObj, n: &str| range_attr(r, n).unwrap();
    if !ops::eq(&f(x, "start"), &f(y, "start"))? {
        return Ok(false);
    }
    Ok(lx.as_i64() == Some(1) || ops::eq(&f(x, "step"), &f(y, "step"))?)
}

/// `v in r` for a big range and an int `v`.
pub fn big_contains(r: &RangeObj, v: &Obj) -> PyResult<bool> {
    let b = match &r.big {
        Some(b) => b,
        None => return Ok(false),
    };
    let zero = Obj::int(0);
    let pos = ops::compare_bool(&b.step, &zero, crate::CmpOp::Gt)?;
    let inside = if pos {
        ops::compare_bool(v, &b.start, crate::CmpOp::Ge)? && ops::compare_bool(v, &b.stop, crate::CmpOp::Lt)?
    } else {
        ops::compare_bool(v, &b.start, crate::CmpOp::Le)? && ops::compare_bool(v, &b.stop, crate::CmpOp::Gt)?
    };
    if !inside {
        return Ok(false);
    }
    let off = arith(v, &b.start, crate::BinOp::Sub)?;
    ops::eq(&arith(&off, &b.step, crate::BinOp::Mod)?, &zero)
}
