//! The `slice` type and index normalisation (PySlice_GetIndicesEx semantics).
use super::exceptions::{type_error, value_error};
use crate::object::{alloc, Layout, Obj};
use crate::ops;
use crate::PyResult;

pub struct SliceObj {
    pub start: Obj,
    pub stop: Obj,
    pub step: Obj,
}

crate::static_type!(SLICE_TYPE, "slice", &super::typeobj::OBJECT_TYPE, Slice, &[]);

pub fn build_slice(start: Obj, stop: Obj, step: Obj) -> Obj {
    alloc(&SLICE_TYPE, SliceObj { start, stop, step })
}

/// `slice.indices(length)`: (start, stop, step) normalised for a sequence of that length.
pub fn slice_indices(this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    super::str::no_kw("slice.indices", k)?;
    if a.len() != 1 {
        return Err(type_error(format!("slice.indices() takes exactly one argument ({} given)", a.len())));
    }
    let len = ops::index_value(&a[0])?;
    if len < 0 {
        return Err(value_error("length should not be negative"));
    }
    let (start, stop, step, _) = as_slice(this).unwrap().indices(len)?;
    Ok(Obj::tuple3(Obj::int(start), Obj::int(stop), Obj::int(step)))
}

pub static SLICE_METHODS: &[(&str, crate::object::MethodFn)] = &[("indices", slice_indices)];

pub fn as_slice(o: &Obj) -> Option<&SliceObj> {
    o.payload::<SliceObj>(Layout::Slice)
}

fn slice_int(o: &Obj) -> PyResult<i64> {
    if super::int::as_int(o).is_none() && !ops::has_index(o) {
        return Err(type_error("slice indices must be integers or None or have an __index__ method"));
    }
    match ops::index_value(o) {
        Ok(v) => Ok(v),
        Err(_) => {
            // clamp huge values
            let neg = super::int::as_int(o).map(super::int::int_is_neg).unwrap_or(false);
            Ok(if neg { i64::MIN / 2 } else { i64::MAX / 2 })
        }
    }
}

impl SliceObj {
    /// (start, stop, step, slicelength) for a sequence of `len` items.
    pub fn indices(&self, len: i64) -> PyResult<(i64, i64, i64, i64)> {
        let step = if self.step.is_none() { 1 } else { slice_int(&self.step)? };
        if step == 0 {
            return Err(value_error("slice step cannot be zero"));
        }
        let (lo_default, hi_default) = if step < 0 { (len - 1, -1) } else { (0, len) };
        let adjust = |o: &Obj, d: i64| -> PyResult<i64> {
            if o.is_none() {
                return Ok(d);
            }
            let mut v = slice_int(o)?;
            if v < 0 {
                v += len;
                if v < 0 {
                    v = if step < 0 { -1 } else { 0 };
                }
            } else if v >= len {
                v = if step < 0 { len - 1 } else { len };
            }
            Ok(v)
        };
        let start = adjust(&self.start, lo_default)?;
        let stop = adjust(&self.stop, hi_default)?;
        let slen = if step < 0 {
            if stop < start {
                (start - stop - 1) / (-step) + 1
            } else {
                0
            }
        } else if start < stop {
            (stop - start - 1) / step + 1
        } else {
            0
        };
        Ok((start, stop, step, slen))
    }
}
