//! The `tuple` type: immutable fixed-size sequence.
use super::exceptions::{index_error, type_error, value_error};
use crate::object::{GcHead, Layout, MethodFn, Obj};
use crate::ops;
use crate::PyResult;
use std::mem::MaybeUninit;

pub static mut TUPLE_FREE: crate::object::FreeList<TupleObj> = crate::object::FreeList::new();

pub struct TupleObj {
    pub gc: GcHead,
    pub items: TupleItems,
}

crate::static_type!(TUPLE_TYPE, "tuple", &super::typeobj::OBJECT_TYPE, Tuple, &[]);

/// How many items a tuple keeps inside its own object.
const INLINE: usize = 3;

/// A tuple's items: pairs and triples built without a vector (`inline`) keep them
/// inside the tuple object, so such a tuple is one allocation instead of two; the items of a
/// vector stay in its buffer (`from_vec`: no copy). Dereferences to the items.
pub struct TupleItems {
    /// the number of inline items (when `heap` is empty)
    len: usize,
    inline: [MaybeUninit<Obj>; INLINE],
    heap: Box<[Obj]>,
}

impl TupleItems {
    pub fn from_vec(items: Vec<Obj>) -> TupleItems {
        TupleItems { len: 0, inline: TupleItems::uninit(), heap: items.into_boxed_slice() }
    }

    /// Up to `INLINE` items kept in the tuple object itself.
    pub fn inline<const N: usize>(items: [Obj; N]) -> TupleItems {
        assert!(N <= INLINE);
        let mut inline = TupleItems::uninit();
        for (slot, o) in inline.iter_mut().zip(items) {
            *slot = MaybeUninit::new(o);
        }
        TupleItems { len: N, inline, heap: Box::default() }
    }

    fn uninit() -> [MaybeUninit<Obj>; INLINE] {
        // an array of MaybeUninit needs no initialisation
        unsafe { MaybeUninit::uninit().assume_init() }
    }
}

impl std::ops::Deref for TupleItems {
    type Target = [Obj];
    #[inline]
    fn deref(&self) -> &[Obj] {
        if self.heap.is_empty() {
            unsafe { std::slice::from_raw_parts(self.inline.as_ptr() as *const Obj, self.len) }
        } else {
            &self.heap
        }
    }
}

// CPython's tupledealloc releases the items last to first (so finalisers run in that order)
impl Drop for TupleItems {
    fn drop(&mut self) {
        if self.heap.is_empty() {
            for i in (0..self.len).rev() {
                unsafe { std::ptr::drop_in_place(self.inline[i].as_mut_ptr()) };
            }
            return;
        }
        let mut items = std::mem::take(&mut self.heap).into_vec();
        while let Some(item) = items.pop() {
            drop(item);
        }
    }
}

impl Obj {
    pub fn tuple(items: Vec<Obj>) -> Obj {
        Obj::tuple_of(TupleItems::from_vec(items))
    }

    /// A tuple of two, without a vector.
    pub fn tuple2(a: Obj, b: Obj) -> Obj {
        Obj::tuple_of(TupleItems::inline([a, b]))
    }

    /// A tuple of three, without a vector.
    pub fn tuple3(a: Obj, b: Obj, c: Obj) -> Obj {
        Obj::tuple_of(TupleItems::inline([a, b, c]))
    }

    #[inline]
    fn tuple_of(items: TupleItems) -> Obj {
        let data = TupleObj { gc: GcHead::new(), items };
        crate::gc::track(unsafe { (*std::ptr::addr_of_mut!(TUPLE_FREE)).alloc(&TUPLE_TYPE, data) })
    }
}

/// Items of a tuple (panics if not a tuple: callers check).
#[inline]
pub fn tuple_items(o: &Obj) -> &[Obj] {
    &o.payload::<TupleObj>(Layout::Tuple).expect("tuple expected").items
}
#[inline]
pub fn try_tuple_items(o: &Obj) -> Option<&[Obj]> {
    o.payload::<TupleObj>(Layout::Tuple).map(|t| &*t.items)
}
pub fn tuple_len(o: &Obj) -> usize {
    try_tuple_items(o).map(|t| t.len()).unwrap_or(0)
}

/// Shared by list and tuple: normalised index or IndexError.
pub fn seq_index(key: &Obj, len: usize, what: &str) -> PyResult<usize> {
    let i = ops::index_value(key)?;
    let n = len as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(index_error(format!("{} index out of range", what)));
    }
    Ok(j as usize)
}

/// Elements selected by a slice.
pub fn slice_items(items: &[Obj], sl: &super::slice::SliceObj) -> PyResult<Vec<Obj>> {
    let (start, _stop, step, len) = sl.indices(items.len() as i64)?;
    let mut out = Vec::with_capacity(len as usize);
    let mut i = start;
    for _ in 0..len {
        out.push(items[i as usize].clone());
        i += step;
    }
    Ok(out)
}

pub fn tuple_getitem(o: &Obj, key: &Obj) -> PyResult {
    let items = tuple_items(o);
    if let Some(sl) = super::slice::as_slice(key) {
        return Ok(Obj::tuple(slice_items(items, sl)?));
    }
    if super::int::as_int(key).is_none() && !ops::has_index(key) {
        return Err(type_error(format!("tuple indices must be integers or slices, not {}", key.type_name())));
    }
    Ok(items[seq_index(key, items.len(), "tuple")?].clone())
}

pub fn tuple_index(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    super::str::nargs("index", a, 1, 3)?;
    for (i, it) in tuple_items(this).iter().enumerate() {
        if ops::eq(it, &a[0])? {
            return Ok(Obj::int(i as i64));
        }
    }
    Err(value_error("tuple.index(x): x not in tuple"))
}
pub fn tuple_count(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    super::str::nargs("count", a, 1, 1)?;
    let mut n = 0;
    for it in tuple_items(this) {
        if ops::eq(it, &a[0])? {
            n += 1;
        }
    }
    Ok(Obj::int(n))
}
pub static TUPLE_METHODS: &[(&str, MethodFn)] = &[("index", tuple_index), ("count", tuple_count)];
