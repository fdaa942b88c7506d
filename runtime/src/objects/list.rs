//! The `list` type: mutable sequence with stable merge sort (key/reverse).
use super::exceptions::{index_error, type_error, value_error};
use super::str::{nargs, no_kw};
use super::tuple::{seq_index, slice_items};
use crate::object::{alloc, GcHead, Layout, MethodFn, Obj};
use crate::ops;
use crate::PyResult;
use std::cell::RefCell;

pub struct ListObj {
    pub gc: GcHead,
    pub items: RefCell<Vec<Obj>>,
}

crate::static_type!(LIST_TYPE, "list", &super::typeobj::OBJECT_TYPE, List, &[]);

// CPython's list_dealloc releases the items last to first (so finalisers run in that order)
impl Drop for ListObj {
    fn drop(&mut self) {
        let items = self.items.get_mut();
        while let Some(item) = items.pop() {
            drop(item);
        }
    }
}

pub fn new_list(items: Vec<Obj>) -> Obj {
    crate::gc::track(alloc(&LIST_TYPE, ListObj { gc: GcHead::new(), items: RefCell::new(items) }))
}

#[inline]
pub fn as_list(o: &Obj) -> Option<&RefCell<Vec<Obj>>> {
    o.payload::<ListObj>(Layout::List).map(|l| &l.items)
}

pub fn list_getitem(o: &Obj, key: &Obj) -> PyResult {
    let items = as_list(o).unwrap();
    if let Some(i) = super::int::int_as_i64(key) {
        let v = items.borrow();
        let n = v.len() as i64;
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return Err(index_error("list index out of range"));
        }
        return Ok(v[j as usize].clone());
    }
    if let Some(sl) = super::slice::as_slice(key) {
        let v = items.borrow().clone();
        return Ok(new_list(slice_items(&v, sl)?));
    }
    if super::int::as_int(key).is_none() && !ops::has_index(key) {
        return Err(type_error(format!("list indices must be integers or slices, not {}", key.type_name())));
    }
    let len = items.borrow().len();
    let j = seq_index(key, len, "list")?;
    let r = items.borrow()[j].clone();
    Ok(r)
}

pub fn list_setitem(o: &Obj, key: &Obj, v: Obj) -> PyResult<()> {
    let items = as_list(o).unwrap();
    if let Some(sl) = super::slice::as_slice(key) {
        let newitems = ops::collect_iterable(&v)?;
        let len = items.borrow().len() as i64;
        let (start, stop, step, slen) = sl.indices(len)?;
        let mut vec = items.borrow_mut();
        if step == 1 {
            let stop = stop.max(start);
            let old: Vec<Obj> = vec.splice(start as usize..stop as usize, newitems).collect();
            drop(vec);
            drop(old);
            return Ok(());
        }
        if newitems.len() as i64 != slen {
            return Err(value_error(format!(
                "attempt to assign sequence of size {} to extended slice of size {}",
                newitems.len(),
                slen
            )));
        }
        let mut i = start;
        let mut old = Vec::new();
        for it in newitems {
            old.push(std::mem::replace(&mut vec[i as usize], it));
            i += step;
        }
        drop(vec);
        return Ok(());
    }
    if super::int::as_int(key).is_none() && !ops::has_index(key) {
        return Err(type_error(format!("list indices must be integers or slices, not {}", key.type_name())));
    }
    let len = items.borrow().len();
    let j = seq_index(key, len, "list assignment")?;
    let old = std::mem::replace(&mut items.borrow_mut()[j], v);
    drop(old);
    Ok(())
}

pub fn list_delitem(o: &Obj, key: &Obj) -> PyResult<()> {
    let items = as_list(o).unwrap();
    if let Some(sl) = super::slice::as_slice(key) {
        let len = items.borrow().len() as i64;
        let (start, _stop, step, slen) = sl.indices(len)?;
        let mut idx: Vec<usize> = (0..slen).map(|k| (start + k * step) as usize).collect();
        idx.sort_unstable();
        let removed: Vec<Obj>;
        {
            let mut vec = items.borrow_mut();
            let old = std::mem::take(&mut *vec);
            let mut keep = Vec::with_capacity(old.len());
            let mut rem = Vec::new();
            let mut p = 0;
            for (i, it) in old.into_iter().enumerate() {
                if p < idx.len() && idx[p] == i {
                    rem.push(it);
                    p += 1;
                } else {
                    keep.push(it);
                }
            }
            *vec = keep;
            removed = rem;
        }
        drop(removed);
        return Ok(());
    }
    let len = items.borrow().len();
    let j = seq_index(key, len, "list assignment")?;
    let old = items.borrow_mut().remove(j);
    drop(old);
    Ok(())
}

fn l(this: &Obj) -> &RefCell<Vec<Obj>> {
    as_list(this).unwrap()
}

pub fn list_append(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("append", kw)?;
    if a.len() != 1 {
        return Err(type_error(format!("list.append() takes exactly one argument ({} given)", a.len())));
    }
    l(this).borrow_mut().push(a[0].clone());
    Ok(Obj::none())
}
pub fn list_extend(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("extend", a, 1, 1)?;
    let items = ops::collect_iterable(&a[0])?;
    l(this).borrow_mut().extend(items);
    Ok(Obj::none())
}
pub fn list_pop(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("pop", a, 0, 1)?;
    // the argument first (its __index__ may run Python code), then the list
    let index = match a.get(0) {
        Some(i) => Some(ops::ssize_value(i)?),
        None => None,
    };
    let mut v = l(this).borrow_mut();
    if v.is_empty() {
        return Err(index_error("pop from empty list"));
    }
    let n = v.len() as i64;
    let i = match index {
        Some(i) if i < 0 => i + n,
        Some(i) => i,
        None => n - 1,
    };
    if i < 0 || i >= n {
        return Err(index_error("pop index out of range"));
    }
    Ok(v.remove(i as usize))
}
pub fn list_insert(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("insert", a, 2, 2)?;
    let i = ops::ssize_value(&a[0])?;
    let mut v = l(this).borrow_mut();
    let n = v.len() as i64;
    let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
    v.insert(j as usize, a[1].clone());
    Ok(Obj::none())
}
/// The item at `i` as the list holds it now (a new reference), if the list is still that
/// long: for loops whose comparisons run Python code that may change the list.
pub fn list_item(list: &Obj, i: usize) -> Option<Obj> {
    l(list).borrow().get(i).cloned()
}
pub fn list_remove(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("remove", a, 1, 1)?;
    let mut i = 0;
    while let Some(cur) = list_item(this, i) {
        if ops::eq(&cur, &a[0])? {
            let old = l(this).borrow_mut().remove(i);
            drop(old);
            return Ok(Obj::none());
        }
        i += 1;
    }
    Err(value_error("list.remove(x): x not in list"))
}
pub fn list_index(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("index", a, 1, 3)?;
    let n = l(this).borrow().len() as i64;
    let norm = |o: Option<&Obj>, d: i64| -> PyResult<i64> {
        match o {
            Some(o) => {
                let i = ops::index_value(o)?;
                Ok(if i < 0 { (i + n).max(0) } else { i.min(n) })
            }
            None => Ok(d),
        }
    };
    let start = norm(a.get(1), 0)?;
    let stop = norm(a.get(2), n)?;
    let mut i = start;
    while i < stop {
        let cur = match list_item(this, i as usize) {
            Some(x) => x,
            None => break,
        };
        if ops::eq(&cur, &a[0])? {
            return Ok(Obj::int(i));
        }
        i += 1;
    }
    if crate::modules::sys::python_minor() >= 14 {
        return Err(value_error("list.index(x): x not in list"));
    }
    Err(value_error(format!("{} is not in list", ops::repr_string(&a[0])?)))
}
pub fn list_count(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("count", a, 1, 1)?;
    // items read afresh at each index: an item's __eq__ may change the list
    let mut n = 0;
    let mut i = 0;
    while let Some(it) = list_item(this, i) {
        if ops::eq(&it, &a[0])? {
            n += 1;
        }
        i += 1;
    }
    Ok(Obj::int(n))
}
pub fn list_reverse(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    l(this).borrow_mut().reverse();
    Ok(Obj::none())
}
pub fn list_clear(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let old = std::mem::take(&mut *l(this).borrow_mut());
    drop(old);
    Ok(Obj::none())
}
pub fn list_copy(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(new_list(l(this).borrow().clone()))
}

/// Stable merge sort with a fallible less-than.
pub fn merge_sort<T: Clone>(v: &mut Vec<T>, lt: &mut dyn FnMut(&T, &T) -> PyResult<bool>) -> PyResult<()> {
    let n = v.len();
    if n < 2 {
        return Ok(());
    }
    // insertion sort small runs
    const RUN: usize = 16;
    let mut start = 0;
    while start < n {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let mut j = i;
            while j > start && lt(&v[j], &v[j - 1])? {
                v.swap(j, j - 1);
                j -= 1;
            }
        }
        start = end;
    }
    let mut width = RUN;
    let mut buf: Vec<T> = Vec::with_capacity(n);
    while width < n {
        buf.clear();
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j) = (lo, mid);
            while i < mid && j < hi {
                if lt(&v[j], &v[i])? {
                    buf.push(v[j].clone());
                    j += 1;
                } else {
                    buf.push(v[i].clone());
                    i += 1;
                }
            }
            buf.extend_from_slice(&v[i..mid]);
            buf.extend_from_slice(&v[j..hi]);
            lo = hi;
        }
        std::mem::swap(v, &mut buf);
        width *= 2;
    }
    Ok(())
}

/// Sorts `items` in place per list.sort(key=, reverse=).
pub fn sort_items(items: &mut Vec<Obj>, key: Option<&Obj>, reverse: bool) -> PyResult<()> {
    let key = key.filter(|k| !k.is_none());
    match key {
        None => {
            if reverse {
                items.reverse();
            }
            if !sort_homogeneous(items, |o| o) {
                merge_sort(items, &mut |a: &Obj, b: &Obj| ops::lt(a, b))?;
            }
        }
        Some(k) => {
            // keys are computed in the list's order, before reversing (as CPython does)
            let mut pairs: Vec<(Obj, Obj)> = Vec::with_capacity(items.len());
            for it in items.iter() {
                pairs.push((crate::printer_support::call1(k, it)?, it.clone()));
            }
            if reverse {
                pairs.reverse();
            }
            if !sort_homogeneous(&mut pairs, |p| &p.0) {
                merge_sort(&mut pairs, &mut |a: &(Obj, Obj), b: &(Obj, Obj)| ops::lt(&a.0, &b.0))?;
            }
            *items = pairs.into_iter().map(|p| p.1).collect();
        }
    }
    if reverse {
        items.reverse();
    }
    Ok(())
}

/// Sorts `v` by keys that are all exact floats (no NaN), all exact ints fitting i64, or all
/// exact strs, without calling `<` through the object protocol (CPython's unsafe_*_compare).
/// Such keys are totally ordered, so any stable sort gives CPython's result. False (and `v`
/// untouched) when the keys are of any other mix.
fn sort_homogeneous<T>(v: &mut [T], key: impl Fn(&T) -> &Obj) -> bool {
    use crate::objects::{float::FLOAT_TYPE, int::INT_TYPE, str::STR_TYPE};
    let first = match v.first() {
        Some(f) => key(f),
        None => return true,
    };
    if first.is_type(&FLOAT_TYPE) {
        if !v.iter().all(|x| matches!(key(x).as_f64(), Some(f) if !f.is_nan()) && key(x).is_type(&FLOAT_TYPE)) {
            return false;
        }
        let f = |x: &T| key(x).as_f64().unwrap_or(0.0);
        v.sort_by(|a, b| f(a).partial_cmp(&f(b)).unwrap_or(std::cmp::Ordering::Equal));
    } else if first.is_type(&INT_TYPE) {
        if !v.iter().all(|x| key(x).is_type(&INT_TYPE) && key(x).as_i64().is_some()) {
            return false;
        }
        v.sort_by_key(|x| key(x).as_i64().unwrap_or(0));
    } else if first.is_type(&STR_TYPE) {
        if !v.iter().all(|x| key(x).is_type(&STR_TYPE)) {
            return false;
        }
        // UTF-8 byte order is code point order
        v.sort_by(|a, b| key(a).as_str().unwrap_or("").cmp(key(b).as_str().unwrap_or("")));
    } else {
        return false;
    }
    true
}

/// Extracts keyword-only `key`/`reverse` for sort/sorted.
pub fn sort_kwargs<'a>(args: &'a [Obj], kw: Option<&'a Obj>, fname: &str) -> PyResult<(&'a [Obj], Option<&'a Obj>, bool)> {
    let mut key = None;
    let mut reverse = false;
    let npos = args.len() - kw.map(super::tuple::tuple_len).unwrap_or(0);
    if let Some(k) = kw {
        for (i, n) in super::tuple::tuple_items(k).iter().enumerate() {
            match n.as_str() {
                Some("key") => key = Some(&args[npos + i]),
                Some("reverse") => reverse = ops::is_true(&args[npos + i])?,
                Some(other) => {
                    return Err(crate::objects::exceptions::unexpected_keyword(other, fname))
                }
                None => {}
            }
        }
    }
    Ok((&args[..npos], key, reverse))
}

pub fn list_sort(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, key, reverse) = sort_kwargs(a, kw, "sort")?;
    if !pos.is_empty() {
        return Err(type_error("sort() takes no positional arguments"));
    }
    let mut items = std::mem::take(&mut *l(this).borrow_mut());
    let r = sort_items(&mut items, key, reverse);
    let modified = !l(this).borrow().is_empty();
    *l(this).borrow_mut() = items;
    r?;
    if modified {
        return Err(value_error("list modified during sort"));
    }
    Ok(Obj::none())
}

/// list.__init__(self, [iterable]) (for subclasses)
pub fn list_init(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("list", kw)?;
    nargs("list", a, 0, 1)?;
    let items = match a.get(0) {
        Some(x) => ops::collect_iterable(x)?,
        None => Vec::new(),
    };
    *l(this).borrow_mut() = items;
    Ok(Obj::none())
}

pub static LIST_METHODS: &[(&str, MethodFn)] = &[
    ("__init__", list_init),
    ("append", list_append),
    ("extend", list_extend),
    ("pop", list_pop),
    ("insert", list_insert),
    ("remove", list_remove),
    ("index", list_index),
    ("count", list_count),
    ("reverse", list_reverse),
    ("clear", list_clear),
    ("copy", list_copy),
    ("sort", list_sort),
];
