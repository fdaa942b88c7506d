//! `_heapq` (CPython's Modules/_heapqmodule.c): the heap functions over a list, comparing
//! with `<` only, with CPython's errors.
use crate::object::Obj;
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::exceptions::{index_error, runtime_error, type_error};
use crate::objects::list::as_list;
use crate::objects::native::posonly;
use crate::{ops, CmpOp, PyResult};
use std::cell::RefCell;

/// The heap argument: "heappush() argument 1 must be list, not tuple".
fn heap_list<'a>(name: &str, which: &str, o: &'a Obj) -> PyResult<&'a RefCell<Vec<Obj>>> {
    as_list(o).ok_or_else(|| type_error(format!("{}() {} must be list, not {}", name, which, o.type_name())))
}

/// METH_O functions: "_heapq.heappop() takes exactly one argument (2 given)".
fn meth_o<'a>(name: &str, a: &'a [Obj], kw: Option<&Obj>) -> PyResult<&'a RefCell<Vec<Obj>>> {
    crate::objects::native::no_keywords(&format!("_heapq.{}", name), kw)?;
    if a.len() != 1 {
        return Err(type_error(format!("_heapq.{}() takes exactly one argument ({} given)", name, a.len())));
    }
    heap_list(name, "argument", &a[0])
}

/// a < b, or b < a for the max-heap variants.
fn less(a: &Obj, b: &Obj, max: bool) -> PyResult<bool> {
    if max {
        ops::compare_bool(b, a, CmpOp::Lt)
    } else {
        ops::compare_bool(a, b, CmpOp::Lt)
    }
}

fn get(h: &RefCell<Vec<Obj>>, i: usize) -> PyResult<Obj> {
    h.borrow().get(i).cloned().ok_or_else(|| runtime_error("list changed size during iteration"))
}

/// Follow the path to the root, moving parents down until finding a place for newitem.
fn siftdown(h: &RefCell<Vec<Obj>>, start: usize, mut pos: usize, max: bool) -> PyResult<()> {
    let size = h.borrow().len();
    let newitem = get(h, pos)?;
    while pos > start {
        let parentpos = (pos - 1) >> 1;
        let parent = get(h, parentpos)?;
        let lt = less(&newitem, &parent, max)?;
        if h.borrow().len() != size {
            return Err(runtime_error("list changed size during iteration"));
        }
        if !lt {
            break;
        }
        let mut v = h.borrow_mut();
        v.swap(pos, parentpos);
        pos = parentpos;
    }
    Ok(())
}

fn siftup(h: &RefCell<Vec<Obj>>, mut pos: usize, max: bool) -> PyResult<()> {
    let endpos = h.borrow().len();
    let startpos = pos;
    let limit = endpos >> 1;
    while pos < limit {
        let mut childpos = 2 * pos + 1;
        if childpos + 1 < endpos {
            let (a, b) = (get(h, childpos)?, get(h, childpos + 1)?);
            let lt = less(&a, &b, max)?;
            if h.borrow().len() != endpos {
                return Err(runtime_error("list changed size during iteration"));
            }
            if !lt {
                childpos += 1;
            }
        }
        h.borrow_mut().swap(pos, childpos);
        pos = childpos;
    }
    siftdown(h, startpos, pos, max)
}

fn push(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = posonly("heappush", a, kw, 2, 2)?;
    let h = heap_list("heappush", "argument 1", &a[0])?;
    h.borrow_mut().push(a[1].clone());
    let n = h.borrow().len();
    siftdown(h, 0, n - 1, false)?;
    Ok(Obj::none())
}

fn pop_impl(name: &str, a: &[Obj], kw: Option<&Obj>, max: bool) -> PyResult {
    let h = meth_o(name, a, kw)?;
    let last = h.borrow_mut().pop().ok_or_else(|| index_error("index out of range"))?;
    if h.borrow().is_empty() {
        return Ok(last);
    }
    let ret = std::mem::replace(&mut h.borrow_mut()[0], last);
    siftup(h, 0, max)?;
    Ok(ret)
}
fn pop(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    pop_impl("heappop", a, kw, false)
}
fn pop_max(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    pop_impl("_heappop_max", a, kw, true)
}

fn replace_impl(name: &str, a: &[Obj], kw: Option<&Obj>, max: bool) -> PyResult {
    let a = posonly(name, a, kw, 2, 2)?;
    let h = heap_list(name, "argument 1", &a[0])?;
    if h.borrow().is_empty() {
        return Err(index_error("index out of range"));
    }
    let ret = std::mem::replace(&mut h.borrow_mut()[0], a[1].clone());
    siftup(h, 0, max)?;
    Ok(ret)
}
fn replace(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    replace_impl("heapreplace", a, kw, false)
}
fn replace_max(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    replace_impl("_heapreplace_max", a, kw, true)
}

fn pushpop(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = posonly("heappushpop", a, kw, 2, 2)?;
    let h = heap_list("heappushpop", "argument 1", &a[0])?;
    let top = match h.borrow().first() {
        Some(t) => t.clone(),
        None => return Ok(a[1].clone()),
    };
    if !ops::compare_bool(&top, &a[1], CmpOp::Lt)? {
        return Ok(a[1].clone());
    }
    if h.borrow().is_empty() {
        return Err(index_error("index out of range"));
    }
    let ret = std::mem::replace(&mut h.borrow_mut()[0], a[1].clone());
    siftup(h, 0, false)?;
    Ok(ret)
}

fn heapify_impl(name: &str, a: &[Obj], kw: Option<&Obj>, max: bool) -> PyResult {
    let h = meth_o(name, a, kw)?;
    let n = h.borrow().len();
    for i in (0..n / 2).rev() {
        siftup(h, i, max)?;
    }
    Ok(Obj::none())
}
fn heapify(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    heapify_impl("heapify", a, kw, false)
}
fn heapify_max(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    heapify_impl("_heapify_max", a, kw, true)
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("_heapq"))?;
    let fns: &[(&'static str, BuiltinFn)] = &[
        ("heappush", push),
        ("heappop", pop),
        ("heapreplace", replace),
        ("heappushpop", pushpop),
        ("heapify", heapify),
        ("_heappop_max", pop_max),
        ("_heapreplace_max", replace_max),
        ("_heapify_max", heapify_max),
    ];
    for (n, g) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *g))?;
    }
    Ok(crate::objects::module::new_module("_heapq", d))
}
