//! The `functools` module: reduce, partial, lru_cache/cache, cmp_to_key, wraps,
//! total_ordering; and `operator` helpers used with them.
use crate::object::{alloc, GcHead, Obj};
use crate::objects::builtin_fn::{as_native_fn, new_builtin, new_native_fn, BuiltinFn, NATIVE_FN_TYPE};
use crate::objects::dict::{dict_get, dict_set, new_dict};
use crate::objects::exceptions::type_error;
use crate::objects::str::nargs;
use crate::objects::tuple::{tuple_items, TupleObj};
use crate::{builtins::split_kw, call, ops, CmpOp, PyResult};
use std::rc::Rc;

crate::static_type!(CMP_KEY_TYPE, "functools.KeyWrapper", &crate::objects::typeobj::OBJECT_TYPE, Tuple, &[]);
crate::static_type!(PARTIAL_TYPE, "functools.partial", &crate::objects::typeobj::OBJECT_TYPE, NativeFn, &[]);

fn reduce(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("reduce", a, 2, 3)?;
    let it = ops::get_iter(&a[1])?;
    let mut acc = match a.get(2) {
        Some(v) => v.clone(),
        None => match ops::iter_next(&it)? {
            Some(v) => v,
            None => return Err(type_error("reduce() of empty iterable with no initial value")),
        },
    };
    while let Some(v) = ops::iter_next(&it)? {
        acc = call(&a[0], vec![acc, v], None)?;
    }
    Ok(acc)
}

/// Merges stored and call-time positional/keyword arguments.
fn merged_call(f: &Obj, pargs: &[Obj], pkw: &[(Obj, Obj)], a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(a, kw);
    let mut args: Vec<Obj> = pargs.to_vec();
    args.extend_from_slice(pos);
    let mut names: Vec<Obj> = Vec::new();
    let mut vals: Vec<Obj> = Vec::new();
    for (k, v) in pkw {
        if !kws.iter().any(|(n, _)| Some(*n) == k.as_str()) {
            names.push(k.clone());
            vals.push(v.clone());
        }
    }
    for (k, v) in kws {
        names.push(Obj::str(k));
        vals.push(v.clone());
    }
    args.extend(vals);
    if names.is_empty() {
        call(f, args, None)
    } else {
        let kn = Obj::tuple(names);
        call(f, args, Some(&kn))
    }
}

fn partial(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(a, kw);
    if pos.is_empty() {
        return Err(type_error("type 'partial' takes at least one argument"));
    }
    let f = pos[0].clone();
    if !crate::builtins::is_callable(&f) {
        return Err(type_error("the first argument must be callable"));
    }
    let pargs: Vec<Obj> = pos[1..].to_vec();
    let pkw: Vec<(Obj, Obj)> = kws.iter().map(|(k, v)| (Obj::str(k), (*v).clone())).collect();
    let name = format!("functools.partial({})", ops::repr_string(&f)?);
    let fc = f.clone();
    let p = new_native_fn(&PARTIAL_TYPE, &name, Box::new(move |a, kw| merged_call(&fc, &pargs, &pkw, a, kw)));
    let d = new_dict();
    dict_set(&d, Obj::str("func"), f)?;
    *as_native_fn(&p).unwrap().dict.borrow_mut() = Some(d);
    Ok(p)
}

fn cache_wrapper(f: Obj, maxsize: Option<usize>) -> PyResult {
    let cache = new_dict();
    let order: Rc<std::cell::RefCell<std::collections::VecDeque<Obj>>> = Rc::new(std::cell::RefCell::new(std::collections::VecDeque::new()));
    let hits = Rc::new(std::cell::Cell::new(0i64));
    let misses = Rc::new(std::cell::Cell::new(0i64));
    let name = ops::getattr_str(&f, "__name__").ok().and_then(|n| n.as_str().map(|s| s.to_string())).unwrap_or_else(|| "wrapper".into());
    let (fc, cc, oc, hc, mc) = (f.clone(), cache.clone(), order.clone(), hits.clone(), misses.clone());
    let w = new_native_fn(
        &NATIVE_FN_TYPE,
        &name,
        Box::new(move |a, kw| {
            let mut key_items: Vec<Obj> = a.to_vec();
            if let Some(k) = kw {
                key_items.push(k.clone());
            }
            let key = Obj::tuple(key_items);
            if let Some(v) = dict_get(&cc, &key)? {
                hc.set(hc.get() + 1);
                return Ok(v);
            }
            mc.set(mc.get() + 1);
            let v = call(&fc, a.to_vec(), kw)?;
            if maxsize != Some(0) {
                dict_set(&cc, key.clone(), v.clone())?;
                if let Some(m) = maxsize {
                    oc.borrow_mut().push_back(key);
                    while oc.borrow().len() > m {
                        let old = oc.borrow_mut().pop_front().unwrap();
                        crate::objects::dict::dict_pop(&cc, &old)?;
                    }
                }
            }
            Ok(v)
        }),
    );
    let d = new_dict();
    let c2 = cache.clone();
    let o2 = order.clone();
    dict_set(
        &d,
        Obj::str("cache_clear"),
        new_native_fn(&NATIVE_FN_TYPE, "cache_clear", Box::new(move |_a, _k| {
            ops::call_method(&c2, "clear", vec![], None)?;
            o2.borrow_mut().clear();
            Ok(Obj::none())
        })),
    )?;
    let c3 = cache;
    dict_set(
        &d,
        Obj::str("cache_info"),
        new_native_fn(&NATIVE_FN_TYPE, "cache_info", Box::new(move |_a, _k| {
            Ok(Obj::string(format!(
                "CacheInfo(hits={}, misses={}, maxsize={}, currsize={})",
                hits.get(),
                misses.get(),
                maxsize.map(|m| m.to_string()).unwrap_or_else(|| "None".into()),
                crate::objects::dict::dict_len(&c3)
            )))
        })),
    )?;
    dict_set(&d, Obj::str("__wrapped__"), f.clone())?;
    dict_set(&d, Obj::str("__name__"), Obj::string(name))?;
    *as_native_fn(&w).unwrap().dict.borrow_mut() = Some(d);
    Ok(w)
}

fn lru_cache(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(a, kw);
    let mut maxsize: Option<Obj> = None;
    if let Some(first) = pos.get(0) {
        if crate::builtins::is_callable(first) && first.layout() != crate::object::Layout::Int {
            return cache_wrapper(first.clone(), Some(128));
        }
        maxsize = Some(first.clone());
    }
    for (k, v) in &kws {
        if *k == "maxsize" {
            maxsize = Some((*v).clone());
        }
    }
    let m = match maxsize.filter(|m| !m.is_none()) {
        Some(m) => Some(ops::index_value(&m)?.max(0) as usize),
        None => None,
    };
    let m = if pos.is_empty() && kws.is_empty() { Some(128) } else { m };
    Ok(new_native_fn(&NATIVE_FN_TYPE, "decorating_function", Box::new(move |a, _k| {
        nargs("decorating_function", a, 1, 1)?;
        cache_wrapper(a[0].clone(), m)
    })))
}
fn cache(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("cache", a, 1, 1)?;
    cache_wrapper(a[0].clone(), None)
}

fn cmp_to_key(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("cmp_to_key", a, 1, 1)?;
    let cmp = a[0].clone();
    Ok(new_native_fn(&NATIVE_FN_TYPE, "K", Box::new(move |a, _k| {
        nargs("K", a, 1, 1)?;
        Ok(alloc(&CMP_KEY_TYPE, TupleObj { gc: GcHead::new(), items: vec![cmp.clone(), a[0].clone()].into_boxed_slice() }))
    })))
}

/// Comparison of two cmp_to_key wrappers.
pub fn cmp_key_compare(a: &Obj, b: &Obj, op: CmpOp) -> Option<PyResult<bool>> {
    if !a.is_type(&CMP_KEY_TYPE) || !b.is_type(&CMP_KEY_TYPE) {
        return None;
    }
    let (x, y) = (tuple_items(a), tuple_items(b));
    Some((|| {
        let r = call(&x[0], vec![x[1].clone(), y[1].clone()], None)?;
        ops::compare_bool(&r, &Obj::int(0), op)
    })())
}

fn wraps(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("wraps", a, 1, 1)?;
    let wrapped = a[0].clone();
    Ok(new_native_fn(&NATIVE_FN_TYPE, "decorator", Box::new(move |a, _k| {
        nargs("decorator", a, 1, 1)?;
        for attr in ["__name__", "__qualname__", "__doc__"] {
            if let Ok(v) = ops::getattr_str(&wrapped, attr) {
                let _ = ops::setattr(&a[0], &Obj::str(attr), v);
            }
        }
        let _ = ops::setattr(&a[0], &Obj::str("__wrapped__"), wrapped.clone());
        Ok(a[0].clone())
    })))
}

/// total_ordering: derives the missing rich comparisons from __lt__/__le__/__gt__/__ge__ and __eq__.
fn total_ordering(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("total_ordering", a, 1, 1)?;
    let cls = a[0].clone();
    let t = cls.as_type();
    let has = |n: &str| crate::objects::typeobj::type_lookup_dyn(t, n).is_some();
    let root = ["__lt__", "__le__", "__gt__", "__ge__"].iter().find(|n| has(n)).copied();
    let root = root.ok_or_else(|| crate::objects::exceptions::value_error("must define at least one ordering operation: < > <= >="))?;
    let ops_list = ["__lt__", "__le__", "__gt__", "__ge__"];
    for name in ops_list {
        if has(name) {
            continue;
        }
        let root_f = crate::objects::typeobj::type_lookup_dyn(t, root).unwrap();
        let (rn, n) = (root, name);
        let f = new_native_fn(&NATIVE_FN_TYPE, name, Box::new(move |a, _k| {
            let (s, o) = (&a[0], &a[1]);
            let r = call(&root_f, vec![s.clone(), o.clone()], None)?;
            if r.is_not_implemented() {
                return Ok(r);
            }
            let lt_like = ops::is_true(&r)?;
            let eq = ops::compare_bool(s, o, CmpOp::Eq)?;
            let v = match (rn, n) {
                ("__lt__", "__le__") => lt_like || eq,
                ("__lt__", "__gt__") => !lt_like && !eq,
                ("__lt__", "__ge__") => !lt_like,
                ("__le__", "__lt__") => lt_like && !eq,
                ("__le__", "__gt__") => !lt_like,
                ("__le__", "__ge__") => !lt_like || eq,
                ("__gt__", "__lt__") => !lt_like && !eq,
                ("__gt__", "__ge__") => lt_like || eq,
                ("__gt__", "__le__") => !lt_like,
                ("__ge__", "__le__") => !lt_like || eq,
                ("__ge__", "__gt__") => lt_like && !eq,
                ("__ge__", "__lt__") => !lt_like,
                _ => false,
            };
            Ok(Obj::bool(v))
        }));
        crate::objects::typeobj::type_setattr(&cls, name, f)?;
    }
    Ok(cls)
}

static HOOKS: crate::hooks::Functools = crate::hooks::Functools { cmp_key_compare };

pub fn make_module() -> PyResult {
    crate::hooks::FUNCTOOLS.install(&HOOKS);
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("functools"))?;
    let fns: &[(&'static str, BuiltinFn)] = &[
        ("reduce", reduce),
        ("partial", partial),
        ("lru_cache", lru_cache),
        ("cache", cache),
        ("cmp_to_key", cmp_to_key),
        ("wraps", wraps),
        ("total_ordering", total_ordering),
    ];
    for (n, f) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *f))?;
    }
    Ok(crate::objects::module::new_module("functools", d))
}

// ---------------------------------------------------------------- operator

fn binop_fn(op: crate::BinOp) -> Box<dyn Fn(&[Obj], Option<&Obj>) -> PyResult> {
    Box::new(move |a, _k| {
        nargs("operator", a, 2, 2)?;
        ops::binary_op(&a[0], &a[1], op)
    })
}
fn cmp_fn(op: CmpOp) -> Box<dyn Fn(&[Obj], Option<&Obj>) -> PyResult> {
    Box::new(move |a, _k| {
        nargs("operator", a, 2, 2)?;
        ops::compare(&a[0], &a[1], op)
    })
}
fn itemgetter(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let items = a.to_vec();
    Ok(new_native_fn(&NATIVE_FN_TYPE, "itemgetter", Box::new(move |x, _k| {
        nargs("itemgetter", x, 1, 1)?;
        if items.len() == 1 {
            return ops::getitem(&x[0], &items[0]);
        }
        Ok(Obj::tuple(items.iter().map(|i| ops::getitem(&x[0], i)).collect::<PyResult<_>>()?))
    })))
}
fn attrgetter(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let names: Vec<String> = a.iter().map(|n| ops::str_string(n)).collect::<PyResult<_>>()?;
    let get = |o: &Obj, path: &str| -> PyResult {
        let mut cur = o.clone();
        for p in path.split('.') {
            cur = ops::getattr_str(&cur, p)?;
        }
        Ok(cur)
    };
    Ok(new_native_fn(&NATIVE_FN_TYPE, "attrgetter", Box::new(move |x, _k| {
        nargs("attrgetter", x, 1, 1)?;
        if names.len() == 1 {
            return get(&x[0], &names[0]);
        }
        Ok(Obj::tuple(names.iter().map(|n| get(&x[0], n)).collect::<PyResult<_>>()?))
    })))
}
fn methodcaller(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, _kws) = split_kw(a, kw);
    if pos.is_empty() {
        return Err(type_error("methodcaller needs at least one argument, the method name"));
    }
    let name = ops::str_string(&pos[0])?;
    let args: Vec<Obj> = pos[1..].to_vec();
    Ok(new_native_fn(&NATIVE_FN_TYPE, "methodcaller", Box::new(move |x, _k| {
        nargs("methodcaller", x, 1, 1)?;
        ops::call_method(&x[0], &name, args.clone(), None)
    })))
}

pub fn make_operator_module() -> PyResult {
    use crate::BinOp::*;
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("operator"))?;
    let bins = [
        ("add", Add),
        ("sub", Sub),
        ("mul", Mul),
        ("truediv", TrueDiv),
        ("floordiv", FloorDiv),
        ("mod", Mod),
        ("pow", Pow),
        ("lshift", LShift),
        ("rshift", RShift),
        ("and_", And),
        ("or_", Or),
        ("xor", Xor),
        ("matmul", MatMul),
        ("concat", Add),
    ];
    for (n, op) in bins {
        dict_set(&d, Obj::str(n), new_native_fn(&NATIVE_FN_TYPE, n, binop_fn(op)))?;
    }
    let cmps = [("lt", CmpOp::Lt), ("le", CmpOp::Le), ("eq", CmpOp::Eq), ("ne", CmpOp::Ne), ("gt", CmpOp::Gt), ("ge", CmpOp::Ge)];
    for (n, op) in cmps {
        dict_set(&d, Obj::str(n), new_native_fn(&NATIVE_FN_TYPE, n, cmp_fn(op)))?;
    }
    let unary: &[(&'static str, BuiltinFn)] = &[
        ("neg", |a, _| ops::unary_neg(&a[0])),
        ("pos", |a, _| ops::unary_pos(&a[0])),
        ("invert", |a, _| ops::unary_invert(&a[0])),
        ("not_", |a, _| ops::unary_not(&a[0])),
        ("truth", |a, _| Ok(Obj::bool(ops::is_true(&a[0])?))),
        ("abs", |a, _| crate::call(&crate::builtin("abs"), a.to_vec(), None)),
        ("index", |a, _| Ok(Obj::int(ops::index_value(&a[0])?))),
        ("getitem", |a, _| ops::getitem(&a[0], &a[1])),
        ("contains", |a, _| Ok(Obj::bool(ops::contains(&a[0], &a[1])?))),
        ("is_", |a, _| Ok(Obj::bool(a[0].is(&a[1])))),
        ("is_not", |a, _| Ok(Obj::bool(!a[0].is(&a[1])))),
        ("itemgetter", itemgetter),
        ("attrgetter", attrgetter),
        ("methodcaller", methodcaller),
    ];
    for (n, f) in unary {
        dict_set(&d, Obj::str(n), new_builtin(n, *f))?;
    }
    Ok(crate::objects::module::new_module("operator", d))
}
