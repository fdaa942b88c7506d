//! The `itertools` module (iterators driven by Rust closures; results match CPython's order).
use crate::object::{Obj, TypeObject};
use crate::objects::builtin_fn::{new_builtin, new_native_fn, BuiltinFn, NATIVE_FN_TYPE};
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::exceptions::{type_error, value_error};
use crate::objects::iter::dyn_iter;
use crate::objects::str::nargs;
use crate::{builtins::split_kw, call, ops, BinOp, PyResult};

macro_rules! iter_types {
    ($($id:ident = $name:expr;)*) => { $(crate::static_type!($id, $name, &crate::objects::typeobj::OBJECT_TYPE, DynIter, &[]);)* };
}
iter_types! {
    COUNT = "count"; CYCLE = "cycle"; REPEAT = "repeat"; CHAIN = "chain"; ISLICE = "islice";
    ACCUMULATE = "accumulate"; PRODUCT = "product"; PERMUTATIONS = "permutations";
    COMBINATIONS = "combinations"; COMBINATIONS_WR = "combinations_with_replacement"; GROUPBY = "groupby";
    ZIP_LONGEST = "zip_longest"; STARMAP = "starmap"; TAKEWHILE = "takewhile"; DROPWHILE = "dropwhile";
    FILTERFALSE = "filterfalse"; COMPRESS = "compress"; PAIRWISE = "pairwise"; TEE = "_tee";
}

fn it(ty: &'static TypeObject, f: impl FnMut() -> PyResult<Option<Obj>> + 'static) -> PyResult {
    Ok(dyn_iter(ty, Box::new(f)))
}

fn count(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(a, kw);
    let mut start = pos.get(0).cloned().unwrap_or_else(|| Obj::int(0));
    let mut step = pos.get(1).cloned().unwrap_or_else(|| Obj::int(1));
    for (k, v) in kws {
        match k {
            "start" => start = v.clone(),
            "step" => step = v.clone(),
            _ => return Err(type_error(format!("count() got an unexpected keyword argument '{}'", k))),
        }
    }
    let mut cur = start;
    it(&COUNT, move || {
        let v = cur.clone();
        cur = ops::binary_op(&cur, &step, BinOp::Add)?;
        Ok(Some(v))
    })
}
fn cycle(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("cycle", a, 1, 1)?;
    let src = ops::get_iter(&a[0])?;
    let mut saved: Vec<Obj> = Vec::new();
    let mut exhausted = false;
    let mut i = 0;
    it(&CYCLE, move || {
        if !exhausted {
            if let Some(v) = ops::iter_next(&src)? {
                saved.push(v.clone());
                return Ok(Some(v));
            }
            exhausted = true;
        }
        if saved.is_empty() {
            return Ok(None);
        }
        let v = saved[i % saved.len()].clone();
        i += 1;
        Ok(Some(v))
    })
}
fn repeat(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(a, kw);
    nargs("repeat", pos, 1, 2)?;
    let v = pos[0].clone();
    let mut times = match pos.get(1).or_else(|| kws.iter().find(|(k, _)| *k == "times").map(|(_, v)| *v)) {
        Some(t) => Some(ops::index_value(t)?.max(0)),
        None => None,
    };
    it(&REPEAT, move || match &mut times {
        None => Ok(Some(v.clone())),
        Some(0) => Ok(None),
        Some(n) => {
            *n -= 1;
            Ok(Some(v.clone()))
        }
    })
}
fn chain_iters(srcs: Obj) -> PyResult {
    let outer = ops::get_iter(&srcs)?;
    let mut cur: Option<Obj> = None;
    it(&CHAIN, move || loop {
        if let Some(c) = &cur {
            if let Some(v) = ops::iter_next(c)? {
                return Ok(Some(v));
            }
            cur = None;
        }
        match ops::iter_next(&outer)? {
            Some(next) => cur = Some(ops::get_iter(&next)?),
            None => return Ok(None),
        }
    })
}
fn chain(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    chain_iters(Obj::tuple(a.to_vec()))
}
fn chain_from_iterable(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("from_iterable", a, 1, 1)?;
    chain_iters(a[0].clone())
}
fn islice(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("islice", a, 2, 4)?;
    let src = ops::get_iter(&a[0])?;
    let arg = |o: Option<&Obj>, d: i64| -> PyResult<Option<i64>> {
        match o {
            None => Ok(Some(d)),
            Some(x) if x.is_none() => Ok(None),
            Some(x) => {
                let v = ops::index_value(x).map_err(|_| value_error("Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize."))?;
                if v < 0 {
                    return Err(value_error("Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize."));
                }
                Ok(Some(v))
            }
        }
    };
    let (start, stop, step) = if a.len() == 2 {
        (0, arg(Some(&a[1]), 0)?, 1)
    } else {
        (arg(a.get(1), 0)?.unwrap_or(0), arg(a.get(2), 0)?, arg(a.get(3), 1)?.unwrap_or(1))
    };
    if step == 0 {
        return Err(value_error("Step for islice() must be a positive integer or None."));
    }
    let mut pos = 0i64;
    let mut next_idx = start;
    it(&ISLICE, move || {
        if let Some(s) = stop {
            if next_idx >= s {
                // consume up to stop like CPython
                while pos < s {
                    if ops::iter_next(&src)?.is_none() {
                        break;
                    }
                    pos += 1;
                }
                return Ok(None);
            }
        }
        loop {
            let v = match ops::iter_next(&src)? {
                Some(v) => v,
                None => return Ok(None),
            };
            pos += 1;
            if pos - 1 == next_idx {
                next_idx += step;
                return Ok(Some(v));
            }
        }
    })
}
fn accumulate(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(a, kw);
    nargs("accumulate", pos, 1, 2)?;
    let src = ops::get_iter(&pos[0])?;
    let mut func = pos.get(1).cloned().filter(|f| !f.is_none());
    let mut acc: Option<Obj> = None;
    let mut initial_pending = false;
    for (k, v) in kws {
        match k {
            "func" => func = Some(v.clone()).filter(|f| !f.is_none()),
            "initial" if !v.is_none() => {
                acc = Some(v.clone());
                initial_pending = true;
            }
            _ => {}
        }
    }
    it(&ACCUMULATE, move || {
        if initial_pending {
            initial_pending = false;
            return Ok(acc.clone());
        }
        let v = match ops::iter_next(&src)? {
            Some(v) => v,
            None => return Ok(None),
        };
        let next = match &acc {
            None => v,
            Some(cur) => match &func {
                Some(f) => call(f, vec![cur.clone(), v], None)?,
                None => ops::binary_op(cur, &v, BinOp::Add)?,
            },
        };
        acc = Some(next.clone());
        Ok(Some(next))
    })
}
/// Yields tuples of `pools` items for successive index vectors produced by `advance`.
fn index_iter(ty: &'static TypeObject, pool: Vec<Obj>, first: Option<Vec<usize>>, advance: fn(&mut Vec<usize>, usize) -> bool) -> PyResult {
    let mut idx = first;
    let n = pool.len();
    it(ty, move || {
        let cur = match &mut idx {
            None => return Ok(None),
            Some(v) => v.clone(),
        };
        let out = Obj::tuple(cur.iter().map(|&i| pool[i].clone()).collect());
        let mut next = cur;
        idx = if advance(&mut next, n) { Some(next) } else { None };
        Ok(Some(out))
    })
}
fn combinations(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("combinations", a, 2, 2)?;
    let pool = ops::collect_iterable(&a[0])?;
    let r = ops::index_value(&a[1])?;
    if r < 0 {
        return Err(value_error("r must be non-negative"));
    }
    let r = r as usize;
    let first = if r <= pool.len() { Some((0..r).collect()) } else { None };
    index_iter(&COMBINATIONS, pool, first, |v, n| {
        let r = v.len();
        let mut i = r;
        while i > 0 {
            i -= 1;
            if v[i] != i + n - r {
                v[i] += 1;
                for j in i + 1..r {
                    v[j] = v[j - 1] + 1;
                }
                return true;
            }
        }
        false
    })
}
fn combinations_wr(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("combinations_with_replacement", a, 2, 2)?;
    let pool = ops::collect_iterable(&a[0])?;
    let r = ops::index_value(&a[1])?;
    if r < 0 {
        return Err(value_error("r must be non-negative"));
    }
    let r = r as usize;
    let first = if !pool.is_empty() || r == 0 { Some(vec![0; r]) } else { None };
    index_iter(&COMBINATIONS_WR, pool, first, |v, n| {
        let r = v.len();
        let mut i = r;
        while i > 0 {
            i -= 1;
            if v[i] != n - 1 {
                let x = v[i] + 1;
                for j in i..r {
                    v[j] = x;
                }
                return true;
            }
        }
        false
    })
}
fn permutations(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("permutations", a, 1, 2)?;
    let pool = ops::collect_iterable(&a[0])?;
    let n = pool.len();
    let r = match a.get(1).filter(|r| !r.is_none()) {
        Some(r) => {
            let r = ops::index_value(r)?;
            if r < 0 {
                return Err(value_error("r must be non-negative"));
            }
            r as usize
        }
        None => n,
    };
    // CPython's algorithm with indices + cycles
    let mut indices: Vec<usize> = (0..n).collect();
    let mut cycles: Vec<usize> = (0..r).map(|i| n - i).collect();
    let mut first = true;
    let mut done = r > n;
    it(&PERMUTATIONS, move || {
        if done {
            return Ok(None);
        }
        if first {
            first = false;
            return Ok(Some(Obj::tuple(indices[..r].iter().map(|&i| pool[i].clone()).collect())));
        }
        let mut i = r;
        while i > 0 {
            i -= 1;
            cycles[i] -= 1;
            if cycles[i] == 0 {
                let x = indices.remove(i);
                indices.push(x);
                cycles[i] = n - i;
            } else {
                let j = cycles[i];
                let len = indices.len();
                indices.swap(i, len - j);
                return Ok(Some(Obj::tuple(indices[..r].iter().map(|&i| pool[i].clone()).collect())));
            }
        }
        done = true;
        Ok(None)
    })
}
fn product(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(a, kw);
    let mut rep = 1;
    for (k, v) in kws {
        if k == "repeat" {
            rep = ops::index_value(v)?.max(0) as usize;
        }
    }
    let mut pools: Vec<Vec<Obj>> = Vec::new();
    let base: Vec<Vec<Obj>> = pos.iter().map(ops::collect_iterable).collect::<PyResult<_>>()?;
    for _ in 0..rep {
        pools.extend(base.iter().cloned());
    }
    let mut idx: Option<Vec<usize>> = if pools.iter().any(|p| p.is_empty()) { None } else { Some(vec![0; pools.len()]) };
    it(&PRODUCT, move || {
        let cur = match &idx {
            None => return Ok(None),
            Some(v) => v.clone(),
        };
        let out = Obj::tuple(cur.iter().enumerate().map(|(k, &i)| pools[k][i].clone()).collect());
        let mut next = cur;
        let mut k = next.len();
        let mut advanced = false;
        while k > 0 {
            k -= 1;
            next[k] += 1;
            if next[k] < pools[k].len() {
                advanced = true;
                break;
            }
            next[k] = 0;
        }
        idx = if advanced { Some(next) } else { None };
        Ok(Some(out))
    })
}
fn groupby(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(a, kw);
    nargs("groupby", pos, 1, 2)?;
    let src = ops::get_iter(&pos[0])?;
    let key = pos.get(1).cloned().or_else(|| kws.iter().find(|(k, _)| *k == "key").map(|(_, v)| (*v).clone())).filter(|k| !k.is_none());
    let mut pending: Option<(Obj, Obj)> = None; // (key, value) read ahead
    let mut started = false;
    it(&GROUPBY, move || {
        if !started {
            started = true;
            if let Some(v) = ops::iter_next(&src)? {
                let k = match &key {
                    Some(f) => call(f, vec![v.clone()], None)?,
                    None => v.clone(),
                };
                pending = Some((k, v));
            }
        }
        let (k, v) = match pending.take() {
            Some(p) => p,
            None => return Ok(None),
        };
        let mut group = vec![v];
        while let Some(v) = ops::iter_next(&src)? {
            let k2 = match &key {
                Some(f) => call(f, vec![v.clone()], None)?,
                None => v.clone(),
            };
            if ops::eq(&k2, &k)? {
                group.push(v);
            } else {
                pending = Some((k2, v));
                break;
            }
        }
        let g = ops::get_iter(&crate::objects::list::new_list(group))?;
        Ok(Some(Obj::tuple(vec![k, g])))
    })
}
fn zip_longest(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(a, kw);
    let fill = kws.iter().find(|(k, _)| *k == "fillvalue").map(|(_, v)| (*v).clone()).unwrap_or_else(Obj::none);
    let its: Vec<Obj> = pos.iter().map(ops::get_iter).collect::<PyResult<_>>()?;
    let mut active: Vec<bool> = vec![true; its.len()];
    it(&ZIP_LONGEST, move || {
        if its.is_empty() {
            return Ok(None);
        }
        let mut out = Vec::with_capacity(its.len());
        for (i, t) in its.iter().enumerate() {
            if active[i] {
                match ops::iter_next(t)? {
                    Some(v) => {
                        out.push(v);
                        continue;
                    }
                    None => active[i] = false,
                }
            }
            out.push(fill.clone());
        }
        if active.iter().all(|a| !a) {
            return Ok(None);
        }
        Ok(Some(Obj::tuple(out)))
    })
}
fn starmap(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("starmap", a, 2, 2)?;
    let f = a[0].clone();
    let src = ops::get_iter(&a[1])?;
    it(&STARMAP, move || match ops::iter_next(&src)? {
        Some(args) => Ok(Some(call(&f, ops::collect_iterable(&args)?, None)?)),
        None => Ok(None),
    })
}
fn takewhile(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("takewhile", a, 2, 2)?;
    let f = a[0].clone();
    let src = ops::get_iter(&a[1])?;
    let mut done = false;
    it(&TAKEWHILE, move || {
        if done {
            return Ok(None);
        }
        match ops::iter_next(&src)? {
            Some(v) => {
                if ops::is_true(&call(&f, vec![v.clone()], None)?)? {
                    Ok(Some(v))
                } else {
                    done = true;
                    Ok(None)
                }
            }
            None => Ok(None),
        }
    })
}
fn dropwhile(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("dropwhile", a, 2, 2)?;
    let f = a[0].clone();
    let src = ops::get_iter(&a[1])?;
    let mut dropping = true;
    it(&DROPWHILE, move || loop {
        match ops::iter_next(&src)? {
            Some(v) => {
                if dropping && ops::is_true(&call(&f, vec![v.clone()], None)?)? {
                    continue;
                }
                dropping = false;
                return Ok(Some(v));
            }
            None => return Ok(None),
        }
    })
}
fn filterfalse(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("filterfalse", a, 2, 2)?;
    let f = a[0].clone();
    let src = ops::get_iter(&a[1])?;
    it(&FILTERFALSE, move || loop {
        match ops::iter_next(&src)? {
            Some(v) => {
                let t = if f.is_none() { ops::is_true(&v)? } else { ops::is_true(&call(&f, vec![v.clone()], None)?)? };
                if !t {
                    return Ok(Some(v));
                }
            }
            None => return Ok(None),
        }
    })
}
fn compress(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("compress", a, 2, 2)?;
    let d = ops::get_iter(&a[0])?;
    let s = ops::get_iter(&a[1])?;
    it(&COMPRESS, move || loop {
        let v = match ops::iter_next(&d)? {
            Some(v) => v,
            None => return Ok(None),
        };
        match ops::iter_next(&s)? {
            Some(sel) => {
                if ops::is_true(&sel)? {
                    return Ok(Some(v));
                }
            }
            None => return Ok(None),
        }
    })
}
fn pairwise(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("pairwise", a, 1, 1)?;
    let src = ops::get_iter(&a[0])?;
    let mut prev: Option<Obj> = None;
    it(&PAIRWISE, move || {
        if prev.is_none() {
            prev = ops::iter_next(&src)?;
            if prev.is_none() {
                return Ok(None);
            }
        }
        match ops::iter_next(&src)? {
            Some(v) => {
                let p = prev.replace(v.clone()).unwrap();
                Ok(Some(Obj::tuple(vec![p, v])))
            }
            None => Ok(None),
        }
    })
}
fn tee(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("tee", a, 1, 2)?;
    let n = match a.get(1) {
        Some(n) => ops::index_value(n)?,
        None => 2,
    };
    let items = ops::collect_iterable(&a[0])?;
    let mut out = Vec::new();
    for _ in 0..n.max(0) {
        let v = items.clone();
        let mut i = 0;
        out.push(dyn_iter(&TEE, Box::new(move || {
            let r = v.get(i).cloned();
            i += 1;
            Ok(r)
        })));
    }
    Ok(Obj::tuple(out))
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("itertools"))?;
    let fns: &[(&'static str, BuiltinFn)] = &[
        ("count", count),
        ("cycle", cycle),
        ("repeat", repeat),
        ("islice", islice),
        ("accumulate", accumulate),
        ("product", product),
        ("permutations", permutations),
        ("combinations", combinations),
        ("combinations_with_replacement", combinations_wr),
        ("groupby", groupby),
        ("zip_longest", zip_longest),
        ("starmap", starmap),
        ("takewhile", takewhile),
        ("dropwhile", dropwhile),
        ("filterfalse", filterfalse),
        ("compress", compress),
        ("pairwise", pairwise),
        ("tee", tee),
    ];
    for (n, f) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *f))?;
    }
    let chain_obj = new_native_fn(&NATIVE_FN_TYPE, "chain", Box::new(chain));
    let cd = new_dict();
    dict_set(&cd, Obj::str("from_iterable"), new_builtin("from_iterable", chain_from_iterable))?;
    *crate::objects::builtin_fn::as_native_fn(&chain_obj).unwrap().dict.borrow_mut() = Some(cd);
    dict_set(&d, Obj::str("chain"), chain_obj)?;
    Ok(crate::objects::module::new_module("itertools", d))
}
