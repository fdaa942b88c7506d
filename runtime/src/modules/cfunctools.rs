//! `_functools` (CPython's Modules/_functoolsmodule.c): reduce, cmp_to_key (KeyWrapper),
//! partial, _lru_cache_wrapper. functools.py builds the rest on top of these.
use crate::object::{MethodFn, Obj};
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::dict::{dict_get, dict_items, dict_len, dict_pop, dict_set, new_dict};
use crate::objects::exceptions::type_error;
use crate::objects::native::{self, check_positional, expect, native_ref, new_native, no_keywords, unpack, NativeData};
use crate::objects::tuple::{tuple_items, try_tuple_items};
use crate::{builtins::split_kw, call, ops, CmpOp, PyResult};
use std::cell::{Cell, RefCell};

crate::native_type!(PARTIAL_TYPE, "functools", "functools.partial", PARTIAL_METHODS);
crate::native_type!(KEYWRAPPER_TYPE, "functools", "functools.KeyWrapper", KEYWRAPPER_METHODS);
crate::native_type!(LRU_TYPE, "functools", "functools._lru_cache_wrapper", LRU_METHODS);

fn reduce(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_keywords("reduce", kw)?;
    check_positional("reduce", a.len(), 2, 3)?;
    let it = ops::get_iter(&a[1]).map_err(|e| {
        if e.is_instance(&crate::objects::exceptions::TYPE_ERROR) {
            type_error("reduce() arg 2 must support iteration")
        } else {
            e
        }
    })?;
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

// ---------------------------------------------------------------- cmp_to_key

struct KeyWrapper {
    cmp: Obj,
    obj: Option<Obj>,
}
impl NativeData for KeyWrapper {
    fn traverse(&self, v: &mut dyn FnMut(&Obj)) -> bool {
        v(&self.cmp);
        self.obj.iter().for_each(|o| v(o));
        true
    }
    fn getattr(&self, _this: &Obj, name: &str) -> Option<PyResult> {
        match (name, &self.obj) {
            ("obj", Some(o)) => Some(Ok(o.clone())),
            _ => None,
        }
    }
}

fn cmp_to_key(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = unpack("cmp_to_key", a, kw, &["mycmp"], 1, 1, 0)?;
    Ok(new_native(&KEYWRAPPER_TYPE, KeyWrapper { cmp: v[0].clone().unwrap(), obj: None }))
}

fn kw_call(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let k = expect::<KeyWrapper>(this, "functools.KeyWrapper")?;
    let v = unpack("K", a, kw, &["obj"], 1, 1, 0)?;
    Ok(new_native(&KEYWRAPPER_TYPE, KeyWrapper { cmp: k.cmp.clone(), obj: v[0].clone() }))
}

fn kw_compare(this: &Obj, a: &[Obj], op: CmpOp) -> PyResult {
    let k = expect::<KeyWrapper>(this, "functools.KeyWrapper")?;
    let other = match a.get(0).and_then(native_ref::<KeyWrapper>) {
        Some(o) if a[0].is_type(&KEYWRAPPER_TYPE) => o,
        _ => return Err(type_error("other argument must be K instance")),
    };
    let (x, y) = match (&k.obj, &other.obj) {
        (Some(x), Some(y)) => (x.clone(), y.clone()),
        _ => return Err(crate::objects::exceptions::attribute_error("object")),
    };
    let r = call(&k.cmp, vec![x, y], None)?;
    ops::compare(&r, &Obj::int(0), op)
}
macro_rules! kw_cmp {
    ($n:ident, $op:ident) => {
        fn $n(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
            kw_compare(this, a, CmpOp::$op)
        }
    };
}
kw_cmp!(kw_lt, Lt);
kw_cmp!(kw_le, Le);
kw_cmp!(kw_eq, Eq);
kw_cmp!(kw_ne, Ne);
kw_cmp!(kw_gt, Gt);
kw_cmp!(kw_ge, Ge);

fn unhashable(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Err(type_error(format!("unhashable type: '{}'", this.type_name())))
}

static KEYWRAPPER_METHODS: &[(&str, MethodFn)] = &[
    ("__call__", kw_call),
    ("__lt__", kw_lt),
    ("__le__", kw_le),
    ("__eq__", kw_eq),
    ("__ne__", kw_ne),
    ("__gt__", kw_gt),
    ("__ge__", kw_ge),
    ("__hash__", unhashable),
];

// ---------------------------------------------------------------- partial

pub struct Partial {
    func: RefCell<Obj>,
    args: RefCell<Obj>,
    kw: RefCell<Obj>,
}
impl NativeData for Partial {
    fn traverse(&self, v: &mut dyn FnMut(&Obj)) -> bool {
        for c in [&self.func, &self.args, &self.kw] {
            match c.try_borrow() {
                Ok(o) => v(&o),
                Err(_) => return false,
            }
        }
        true
    }
    fn clear(&self) {
        let _old = (self.func.replace(Obj::none()), self.args.replace(Obj::tuple(vec![])), self.kw.replace(new_dict()));
    }
    fn getattr(&self, _this: &Obj, name: &str) -> Option<PyResult> {
        Some(Ok(match name {
            "func" => self.func.borrow().clone(),
            "args" => self.args.borrow().clone(),
            "keywords" => self.kw.borrow().clone(),
            _ => return None,
        }))
    }
    fn has_dict(&self) -> bool {
        true
    }
}

fn partial_new(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let t = native::new_type(this)?;
    let (pos, kws) = split_kw(a, kw);
    if pos.is_empty() {
        return Err(type_error("type 'partial' takes at least one argument"));
    }
    let mut func = pos[0].clone();
    let mut pargs: Vec<Obj> = Vec::new();
    let kwd = new_dict();
    // flatten a partial of a partial (when the inner one has no instance dict)
    if let Some(p) = native_ref::<Partial>(&func) {
        let no_dict = native::native_obj(&func).map(|n| n.dict.borrow().as_ref().map(|d| dict_len(d) == 0).unwrap_or(true)).unwrap_or(true);
        if no_dict && crate::objects::typeobj::type_lookup(func.ty(), "__call__").is_none() {
            pargs = tuple_items(&p.args.borrow()).to_vec();
            for (k, v) in dict_items(&p.kw.borrow()) {
                dict_set(&kwd, k, v)?;
            }
            let inner = p.func.borrow().clone();
            func = inner;
        }
    }
    if !crate::builtins::is_callable(&func) {
        return Err(type_error("the first argument must be callable"));
    }
    pargs.extend_from_slice(&pos[1..]);
    for (k, v) in kws {
        dict_set(&kwd, Obj::str(k), v.clone())?;
    }
    Ok(new_native(t, Partial { func: RefCell::new(func), args: RefCell::new(Obj::tuple(pargs)), kw: RefCell::new(kwd) }))
}

fn partial_call(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let p = expect::<Partial>(this, "functools.partial")?;
    let (pos, kws) = split_kw(a, kw);
    let func = p.func.borrow().clone();
    let mut args: Vec<Obj> = tuple_items(&p.args.borrow()).to_vec();
    args.extend_from_slice(pos);
    let stored = p.kw.borrow().clone();
    if dict_len(&stored) == 0 && kws.is_empty() {
        return call(&func, args, None);
    }
    let merged = new_dict();
    for (k, v) in dict_items(&stored) {
        dict_set(&merged, k, v)?;
    }
    for (k, v) in kws {
        dict_set(&merged, Obj::str(k), v.clone())?;
    }
    let mut names = Vec::new();
    for (k, v) in dict_items(&merged) {
        names.push(k);
        args.push(v);
    }
    call(&func, args, Some(&Obj::tuple(names)))
}

fn partial_repr(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let p = expect::<Partial>(this, "functools.partial")?;
    let name = this.ty().name; // tp_name
    let s = crate::repr::with_repr_guard(this, "...", || {
        let mut parts = vec![ops::repr_string(&p.func.borrow().clone())?];
        for x in tuple_items(&p.args.borrow().clone()) {
            parts.push(ops::repr_string(x)?);
        }
        for (k, v) in dict_items(&p.kw.borrow().clone()) {
            parts.push(format!("{}={}", ops::str_string(&k)?, ops::repr_string(&v)?));
        }
        Ok(format!("{}({})", name, parts.join(", ")))
    })?;
    Ok(Obj::string(s))
}

fn partial_reduce(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let p = expect::<Partial>(this, "functools.partial")?;
    let func = p.func.borrow().clone();
    let kw = p.kw.borrow().clone();
    let d = native::native_obj(this).unwrap().dict.borrow().clone();
    let kw = if dict_len(&kw) == 0 { Obj::none() } else { kw };
    let d = match d {
        Some(d) if dict_len(&d) > 0 => d,
        _ => Obj::none(),
    };
    Ok(Obj::tuple3(this.ty().obj(), Obj::tuple(vec![func.clone()]), Obj::tuple(vec![func, p.args.borrow().clone(), kw, d])))
}

fn partial_setstate(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let p = expect::<Partial>(this, "functools.partial")?;
    check_positional("__setstate__", a.len(), 1, 1)?;
    let st = match try_tuple_items(&a[0]) {
        Some(t) => t,
        None => return Err(type_error("argument to __setstate__ must be a tuple")),
    };
    if st.len() != 4 {
        return Err(type_error(format!("expected 4 items in state, got {}", st.len())));
    }
    let (f, args, kw, d) = (&st[0], &st[1], &st[2], &st[3]);
    if !crate::builtins::is_callable(f) || try_tuple_items(args).is_none() || (!kw.is_none() && kw.layout() != crate::object::Layout::Dict) {
        return Err(type_error("invalid partial state"));
    }
    let args = if args.is_type(&crate::objects::tuple::TUPLE_TYPE) { args.clone() } else { Obj::tuple(tuple_items(args).to_vec()) };
    let kwd = new_dict();
    if !kw.is_none() {
        for (k, v) in dict_items(kw) {
            dict_set(&kwd, k, v)?;
        }
    }
    *p.func.borrow_mut() = f.clone();
    *p.args.borrow_mut() = args;
    *p.kw.borrow_mut() = kwd;
    let n = native::native_obj(this).unwrap();
    *n.dict.borrow_mut() = if d.is_none() { None } else { Some(d.clone()) };
    Ok(Obj::none())
}

static PARTIAL_METHODS: &[(&str, MethodFn)] = &[
    ("__new__", partial_new),
    ("__call__", partial_call),
    ("__repr__", partial_repr),
    ("__reduce__", partial_reduce),
    ("__setstate__", partial_setstate),
];

// ---------------------------------------------------------------- _lru_cache_wrapper

struct Lru {
    func: Obj,
    /// None: unbounded
    maxsize: Option<usize>,
    typed: bool,
    info_type: Obj,
    cache: Obj,
    hits: Cell<i64>,
    misses: Cell<i64>,
}
impl NativeData for Lru {
    fn traverse(&self, v: &mut dyn FnMut(&Obj)) -> bool {
        v(&self.func);
        v(&self.info_type);
        v(&self.cache);
        true
    }
    fn clear(&self) {
        let _ = ops::call_method(&self.cache, "clear", vec![], None);
    }
    fn has_dict(&self) -> bool {
        true
    }
}

thread_local! {
    static KWD_MARK: Obj = crate::objects::typeobj::new_instance(&crate::objects::typeobj::OBJECT_TYPE);
}

fn lru_new(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let t = native::new_type(this)?;
    let v = unpack("lru_cache", a, kw, &["user_function", "maxsize", "typed", "cache_info_type"], 4, 4, 0)?;
    let func = v[0].clone().unwrap();
    if !crate::builtins::is_callable(&func) {
        return Err(type_error("the first argument must be callable"));
    }
    let m = v[1].clone().unwrap();
    let maxsize = if m.is_none() {
        None
    } else if ops::has_index(&m) {
        Some(ops::index_value(&m)?.max(0) as usize)
    } else {
        return Err(type_error("maxsize should be integer or None"));
    };
    let typed = ops::is_true(v[2].as_ref().unwrap())?;
    Ok(new_native(
        t,
        Lru { func, maxsize, typed, info_type: v[3].clone().unwrap(), cache: new_dict(), hits: Cell::new(0), misses: Cell::new(0) },
    ))
}

/// CPython's lru_cache_make_key: a lone str/int argument is its own key.
fn make_key(l: &Lru, a: &[Obj], kw: Option<&Obj>) -> Obj {
    let (pos, kws) = split_kw(a, kw);
    if kws.is_empty() && !l.typed && pos.len() == 1 {
        let x = &pos[0];
        if x.is_type(&crate::objects::str::STR_TYPE) || x.is_type(&crate::objects::int::INT_TYPE) {
            return x.clone();
        }
    }
    let mut items: Vec<Obj> = pos.to_vec();
    if !kws.is_empty() {
        items.push(KWD_MARK.with(|m| m.clone()));
        for (k, v) in &kws {
            items.push(Obj::str(k));
            items.push((*v).clone());
        }
    }
    if l.typed {
        for x in pos {
            items.push(x.ty().obj());
        }
        for (_, v) in &kws {
            items.push(v.ty().obj());
        }
    }
    Obj::tuple(items)
}

fn lru_call(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let l = expect::<Lru>(this, "functools._lru_cache_wrapper")?;
    if l.maxsize == Some(0) {
        l.misses.set(l.misses.get() + 1);
        return call(&l.func, a.to_vec(), kw);
    }
    let key = make_key(l, a, kw);
    if let Some(v) = dict_get(&l.cache, &key)? {
        l.hits.set(l.hits.get() + 1);
        if l.maxsize.is_some() {
            // move to the most recently used end
            dict_pop(&l.cache, &key)?;
            dict_set(&l.cache, key, v.clone())?;
        }
        return Ok(v);
    }
    l.misses.set(l.misses.get() + 1);
    let r = call(&l.func, a.to_vec(), kw)?;
    if dict_get(&l.cache, &key)?.is_some() {
        // a recursive call already cached this key
        return Ok(r);
    }
    if let Some(m) = l.maxsize {
        if dict_len(&l.cache) >= m {
            if let Some(old) = crate::objects::dict::dict_keys(&l.cache).into_iter().next() {
                dict_pop(&l.cache, &old)?;
            }
        }
    }
    dict_set(&l.cache, key, r.clone())?;
    Ok(r)
}

fn lru_cache_info(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    native::posonly("cache_info", a, kw, 0, 0)?;
    let l = expect::<Lru>(this, "functools._lru_cache_wrapper")?;
    let maxsize = l.maxsize.map(|m| Obj::int(m as i64)).unwrap_or_else(Obj::none);
    call(&l.info_type, vec![Obj::int(l.hits.get()), Obj::int(l.misses.get()), maxsize, Obj::int(dict_len(&l.cache) as i64)], None)
}

fn lru_cache_clear(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    native::posonly("cache_clear", a, kw, 0, 0)?;
    let l = expect::<Lru>(this, "functools._lru_cache_wrapper")?;
    l.hits.set(0);
    l.misses.set(0);
    ops::call_method(&l.cache, "clear", vec![], None)?;
    Ok(Obj::none())
}

fn lru_get(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    match a.get(0) {
        Some(o) if !o.is_none() => Ok(crate::objects::function::new_method(this.clone(), o.clone())),
        _ => Ok(this.clone()),
    }
}

fn lru_reduce(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    ops::getattr_str(this, "__qualname__")
}

fn lru_copy(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(this.clone())
}

static LRU_METHODS: &[(&str, MethodFn)] = &[
    ("__new__", lru_new),
    ("__call__", lru_call),
    ("__get__", lru_get),
    ("cache_info", lru_cache_info),
    ("cache_clear", lru_cache_clear),
    ("__reduce__", lru_reduce),
    ("__copy__", lru_copy),
    ("__deepcopy__", lru_copy),
];

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("_functools"))?;
    let fns: &[(&'static str, BuiltinFn)] = &[("reduce", reduce), ("cmp_to_key", cmp_to_key)];
    for (n, g) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *g))?;
    }
    dict_set(&d, Obj::str("partial"), PARTIAL_TYPE.obj())?;
    dict_set(&d, Obj::str("_lru_cache_wrapper"), LRU_TYPE.obj())?;
    Ok(crate::objects::module::new_module("_functools", d))
}
