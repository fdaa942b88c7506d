//! `_bisect` (CPython's Modules/_bisectmodule.c): bisect_left/right and insort_left/right
//! with lo, hi and key=.
use crate::object::Obj;
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::exceptions::value_error;
use crate::objects::list::as_list;
use crate::objects::native::unpack;
use crate::{call, ops, CmpOp, PyResult};

const NAMES: &[&str] = &["a", "x", "lo", "hi", "key"];

struct Args {
    a: Obj,
    x: Obj,
    lo: i64,
    hi: Option<i64>,
    key: Option<Obj>,
}

fn parse(name: &str, a: &[Obj], kw: Option<&Obj>) -> PyResult<Args> {
    if a.len() > 5 {
        return Err(crate::objects::exceptions::type_error(format!("{}() takes at most 5 arguments ({} given)", name, a.len())));
    }
    let v = unpack(name, a, kw, NAMES, 2, 4, 0)?;
    let lo = match &v[2] {
        Some(l) => ops::index_value(l)?,
        None => 0,
    };
    if lo < 0 {
        return Err(value_error("lo must be non-negative"));
    }
    let hi = match &v[3] {
        Some(h) if !h.is_none() => Some(ops::index_value(h)?),
        _ => None,
    };
    let key = v[4].clone().filter(|k| !k.is_none());
    Ok(Args { a: v[0].clone().unwrap(), x: v[1].clone().unwrap(), lo, hi, key })
}

fn item(a: &Obj, i: i64) -> PyResult<Obj> {
    if let Some(l) = as_list(a) {
        if !a.ty().heap {
            if let Some(v) = l.borrow().get(i as usize) {
                return Ok(v.clone());
            }
        }
    }
    ops::getitem(a, &Obj::int(i))
}

/// The insertion point for x (right: after equal items).
fn search(p: &Args, x: &Obj, right: bool) -> PyResult<i64> {
    let mut lo = p.lo;
    let mut hi = match p.hi {
        Some(h) => h,
        None => ops::len(&p.a)? as i64,
    };
    while lo < hi {
        let mid = ((lo as u64 + hi as u64) / 2) as i64;
        let mut v = item(&p.a, mid)?;
        if let Some(k) = &p.key {
            v = call(k, vec![v], None)?;
        }
        let go_left = if right { ops::compare_bool(x, &v, CmpOp::Lt)? } else { !ops::compare_bool(&v, x, CmpOp::Lt)? };
        if go_left {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(lo)
}

fn bisect_right(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let p = parse("bisect_right", a, kw)?;
    search(&p, &p.x, true).map(Obj::int)
}
fn bisect_left(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let p = parse("bisect_left", a, kw)?;
    search(&p, &p.x, false).map(Obj::int)
}

fn insort(name: &str, a: &[Obj], kw: Option<&Obj>, right: bool) -> PyResult {
    let p = parse(name, a, kw)?;
    let i = match &p.key {
        None => search(&p, &p.x, right)?,
        Some(k) => {
            let kx = call(k, vec![p.x.clone()], None)?;
            search(&p, &kx, right)?
        }
    };
    if let Some(l) = as_list(&p.a) {
        if p.a.is_type(&crate::objects::list::LIST_TYPE) {
            let mut v = l.borrow_mut();
            let j = (i as usize).min(v.len());
            v.insert(j, p.x.clone());
            return Ok(Obj::none());
        }
    }
    ops::call_method(&p.a, "insert", vec![Obj::int(i), p.x.clone()], None)?;
    Ok(Obj::none())
}
fn insort_right(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    insort("insort_right", a, kw, true)
}
fn insort_left(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    insort("insort_left", a, kw, false)
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("_bisect"))?;
    let fns: &[(&'static str, BuiltinFn)] =
        &[("bisect_right", bisect_right), ("bisect_left", bisect_left), ("insort_right", insort_right), ("insort_left", insort_left)];
    for (n, g) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *g))?;
    }
    Ok(crate::objects::module::new_module("_bisect", d))
}
