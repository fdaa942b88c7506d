//! The `collections` module: deque, defaultdict, Counter, OrderedDict, namedtuple.
use crate::object::{alloc, GcHead, Layout, MethodFn, Obj, TypeObject};
use crate::objects::dict::{self, as_dict, dict_extra, dict_get, dict_items, dict_set, new_dict, new_dict_of, set_dict_extra, DICT_TYPE};
use crate::objects::exceptions::{index_error, type_error, value_error};
use crate::objects::iter::dyn_iter;
use crate::objects::list::{new_list, sort_items};
use crate::objects::str::nargs;
use crate::{builtins, call, ops, BinOp, PyResult};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

crate::static_type!(DEFAULTDICT_TYPE, "defaultdict", &DICT_TYPE, Dict, &[]);
crate::static_type!(COUNTER_TYPE, "Counter", &DICT_TYPE, Dict, COUNTER_METHODS);
crate::static_type!(ORDEREDDICT_TYPE, "OrderedDict", &DICT_TYPE, Dict, ORDEREDDICT_METHODS);
crate::native_type!(DEQUE_TYPE, "collections", "collections.deque", &crate::objects::typeobj::OBJECT_TYPE, Deque, DEQUE_METHODS);
crate::static_type!(DEQUE_REVITER_TYPE, "_collections._deque_reverse_iterator", &crate::objects::typeobj::OBJECT_TYPE, DynIter, &[]);
crate::static_type!(DEQUE_ITER_TYPE, "_collections._deque_iterator", &crate::objects::typeobj::OBJECT_TYPE, DynIter, &[]);

/// `d[key]` on a missing key of a dict subclass: defaultdict calls its factory, Counter gives 0.
pub fn missing(d: &Obj, key: &Obj) -> PyResult<Option<Obj>> {
    if d.is_type(&DEFAULTDICT_TYPE) {
        return match dict_extra(d) {
            Some(f) => {
                let v = call(&f, vec![], None)?;
                dict_set(d, key.clone(), v.clone())?;
                Ok(Some(v))
            }
            None => Ok(None),
        };
    }
    if d.is_type(&COUNTER_TYPE) {
        return Ok(Some(Obj::int(0)));
    }
    Ok(None)
}

/// Constructors of the dict subclasses.
pub fn dict_subclass_new(t: &'static TypeObject, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let d = new_dict_of(t);
    let (pos, kws) = builtins::split_kw(args, kw);
    let mut rest = pos;
    if std::ptr::eq(t, &DEFAULTDICT_TYPE) {
        if let Some(f) = pos.get(0) {
            if !f.is_none() && !builtins::is_callable(f) {
                return Err(type_error("first argument must be callable or None"));
            }
            set_dict_extra(&d, if f.is_none() { None } else { Some(f.clone()) });
            rest = &pos[1..];
        }
    }
    nargs(t.name, rest, 0, 1)?;
    if std::ptr::eq(t, &COUNTER_TYPE) {
        if let Some(src) = rest.get(0) {
            counter_update(&d, src)?;
        }
        for (k, v) in kws {
            dict_set(&d, Obj::str(k), v.clone())?;
        }
        return Ok(d);
    }
    if let Some(src) = rest.get(0) {
        dict::dict_update_from(&d, src)?;
    }
    for (k, v) in kws {
        dict_set(&d, Obj::str(k), v.clone())?;
    }
    Ok(d)
}

fn counter_update(d: &Obj, src: &Obj) -> PyResult<()> {
    if as_dict(src).is_some() {
        for (k, v) in dict_items(src) {
            let cur = dict_get(d, &k)?.unwrap_or_else(|| Obj::int(0));
            dict_set(d, k, ops::binary_op(&cur, &v, BinOp::Add)?)?;
        }
        return Ok(());
    }
    let it = ops::get_iter(src)?;
    while let Some(k) = ops::iter_next(&it)? {
        let cur = dict_get(d, &k)?.unwrap_or_else(|| Obj::int(0));
        dict_set(d, k, ops::binary_op(&cur, &Obj::int(1), BinOp::Add)?)?;
    }
    Ok(())
}

fn most_common_items(d: &Obj) -> PyResult<Vec<Obj>> {
    let mut items: Vec<Obj> = dict_items(d).into_iter().map(|(k, v)| Obj::tuple2(k, v)).collect();
    let key = builtins::builtin_fn_obj("__counter_key__", counter_key);
    sort_items(&mut items, Some(&key), true)?;
    Ok(items)
}
fn counter_key(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(crate::objects::tuple::tuple_items(&a[0])[1].clone())
}

fn c_most_common(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("most_common", a, 0, 1)?;
    let mut items = most_common_items(this)?;
    if let Some(n) = a.get(0).filter(|n| !n.is_none()) {
        let n = ops::index_value(n)?.max(0) as usize;
        items.truncate(n);
    }
    Ok(new_list(items))
}
fn c_elements(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let mut out = Vec::new();
    for (k, v) in dict_items(this) {
        for _ in 0..ops::index_value(&v)?.max(0) {
            out.push(k.clone());
        }
    }
    ops::get_iter(&new_list(out))
}
fn c_update(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = builtins::split_kw(a, kw);
    if let Some(src) = pos.get(0) {
        counter_update(this, src)?;
    }
    for (k, v) in kws {
        let key = Obj::str(k);
        let cur = dict_get(this, &key)?.unwrap_or_else(|| Obj::int(0));
        dict_set(this, key, ops::binary_op(&cur, v, BinOp::Add)?)?;
    }
    Ok(Obj::none())
}
fn c_subtract(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("subtract", a, 1, 1)?;
    let pairs: Vec<(Obj, Obj)> = if as_dict(&a[0]).is_some() {
        dict_items(&a[0])
    } else {
        ops::collect_iterable(&a[0])?.into_iter().map(|k| (k, Obj::int(1))).collect()
    };
    for (k, v) in pairs {
        let cur = dict_get(this, &k)?.unwrap_or_else(|| Obj::int(0));
        dict_set(this, k, ops::binary_op(&cur, &v, BinOp::Sub)?)?;
    }
    Ok(Obj::none())
}
fn c_total(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let mut acc = Obj::int(0);
    for (_, v) in dict_items(this) {
        acc = ops::binary_op(&acc, &v, BinOp::Add)?;
    }
    Ok(acc)
}
static COUNTER_METHODS: &[(&str, MethodFn)] = &[
    ("most_common", c_most_common),
    ("elements", c_elements),
    ("update", c_update),
    ("subtract", c_subtract),
    ("total", c_total),
];

fn od_move_to_end(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = builtins::split_kw(a, kw);
    nargs("move_to_end", pos, 1, 2)?;
    let mut last = match pos.get(1) {
        Some(v) => ops::is_true(v)?,
        None => true,
    };
    for (k, v) in kws {
        if k == "last" {
            last = ops::is_true(v)?;
        }
    }
    let v = dict::dict_pop(this, &pos[0])?.ok_or_else(|| crate::objects::exceptions::key_error(pos[0].clone()))?;
    if last {
        dict_set(this, pos[0].clone(), v)?;
    } else {
        let rest = dict_items(this);
        let _ = ops::call_method(this, "clear", vec![], None)?;
        dict_set(this, pos[0].clone(), v)?;
        for (k, x) in rest {
            dict_set(this, k, x)?;
        }
    }
    Ok(Obj::none())
}
fn od_popitem(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = builtins::split_kw(a, kw);
    let mut last = match pos.get(0) {
        Some(v) => ops::is_true(v)?,
        None => true,
    };
    for (k, v) in kws {
        if k == "last" {
            last = ops::is_true(v)?;
        }
    }
    let items = dict_items(this);
    let item = if last { items.last() } else { items.first() };
    match item {
        Some((k, _)) => {
            let k = k.clone();
            let v = dict::dict_pop(this, &k)?.unwrap();
            Ok(Obj::tuple2(k, v))
        }
        None => Err(crate::objects::exceptions::new_exc(&crate::objects::exceptions::KEY_ERROR, "dictionary is empty")),
    }
}
static ORDEREDDICT_METHODS: &[(&str, MethodFn)] = &[("move_to_end", od_move_to_end), ("popitem", od_popitem)];

/// repr of the dict subclasses (None for plain dicts).
pub fn dict_subclass_repr(d: &Obj) -> PyResult<Option<String>> {
    let inner = |items: &[(Obj, Obj)]| -> PyResult<String> {
        let mut parts = Vec::new();
        for (k, v) in items {
            parts.push(format!("{}: {}", ops::repr_string(k)?, ops::repr_string(v)?));
        }
        Ok(format!("{{{}}}", parts.join(", ")))
    };
    if d.is_type(&DEFAULTDICT_TYPE) {
        let f = match dict_extra(d) {
            Some(f) => ops::repr_string(&f)?,
            None => "None".to_string(),
        };
        return Ok(Some(format!("defaultdict({}, {})", f, inner(&dict_items(d))?)));
    }
    if d.is_type(&COUNTER_TYPE) {
        if dict::dict_len(d) == 0 {
            return Ok(Some("Counter()".into()));
        }
        let items: Vec<(Obj, Obj)> = most_common_items(d)?
            .iter()
            .map(|t| {
                let p = crate::objects::tuple::tuple_items(t);
                (p[0].clone(), p[1].clone())
            })
            .collect();
        return Ok(Some(format!("Counter({})", inner(&items)?)));
    }
    if d.is_type(&ORDEREDDICT_TYPE) {
        if dict::dict_len(d) == 0 {
            return Ok(Some("OrderedDict()".into()));
        }
        let mut parts = Vec::new();
        for (k, v) in dict_items(d) {
            parts.push(format!("({}, {})", ops::repr_string(&k)?, ops::repr_string(&v)?));
        }
        return Ok(Some(format!("OrderedDict([{}])", parts.join(", "))));
    }
    Ok(None)
}

// ---------------------------------------------------------------- deque

pub struct DequeObj {
    pub gc: GcHead,
    pub items: RefCell<VecDeque<Obj>>,
    pub maxlen: Cell<Option<usize>>,
    pub state: Cell<u64>,
}

pub fn as_deque(o: &Obj) -> Option<&DequeObj> {
    o.payload::<DequeObj>(Layout::Deque)
}

fn dq(o: &Obj) -> &DequeObj {
    as_deque(o).unwrap()
}

fn push(d: &DequeObj, v: Obj, left: bool) {
    let mut it = d.items.borrow_mut();
    let maxlen = d.maxlen.get();
    if maxlen == Some(0) {
        return;
    }
    if left {
        it.push_front(v);
        if Some(it.len()) > maxlen && maxlen.is_some() {
            let old = it.pop_back();
            drop(it);
            drop(old);
        }
    } else {
        it.push_back(v);
        if Some(it.len()) > maxlen && maxlen.is_some() {
            let old = it.pop_front();
            drop(it);
            drop(old);
        }
    }
    d.state.set(d.state.get() + 1);
}

pub fn deque_new(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let d = deque_alloc(&DEQUE_TYPE);
    d_init(&d, args, kw)?;
    Ok(d)
}

/// An empty deque of class `t` (deque or a class deriving from it).
pub fn deque_alloc(t: &'static TypeObject) -> Obj {
    crate::gc::track(alloc(t, DequeObj { gc: GcHead::new(), items: RefCell::new(VecDeque::new()), maxlen: Cell::new(None), state: Cell::new(0) }))
}

/// deque.__init__(iterable=(), maxlen=None)
fn d_init(this: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = crate::objects::native::unpack("deque", args, kw, &["iterable", "maxlen"], 0, 2, 0)?;
    let maxlen = match v[1].clone().filter(|m| !m.is_none()) {
        Some(m) => {
            if crate::objects::int::as_int(&m).is_none() && ops::lookup_special(&m, "__index__").is_none() {
                return Err(type_error("an integer is required"));
            }
            let n = ops::index_value(&m)?;
            if n < 0 {
                return Err(value_error("maxlen must be non-negative"));
            }
            Some(n as usize)
        }
        None => None,
    };
    let q = dq(this);
    q.maxlen.set(maxlen);
    if !q.items.borrow().is_empty() {
        d_clear(this, &[], None)?;
    }
    if let Some(src) = &v[0] {
        for x in ops::collect_iterable(src)? {
            push(dq(this), x, false);
        }
    }
    Ok(Obj::none())
}

pub fn deque_iter(o: &Obj) -> Obj {
    let d = o.clone();
    let start = dq(o).state.get();
    let mut i = 0usize;
    dyn_iter(
        &DEQUE_ITER_TYPE,
        Box::new(move || {
            let q = dq(&d);
            if q.state.get() != start {
                return Err(crate::objects::exceptions::runtime_error("deque mutated during iteration"));
            }
            let v = q.items.borrow().get(i).cloned();
            i += 1;
            Ok(v)
        }),
    )
}

pub fn deque_repr(o: &Obj) -> PyResult<String> {
    let items: Vec<Obj> = dq(o).items.borrow().iter().cloned().collect();
    let mut parts = Vec::new();
    for i in &items {
        parts.push(ops::repr_string(i)?);
    }
    let name = o.ty().name.rsplit('.').next().unwrap_or("deque");
    Ok(match dq(o).maxlen.get() {
        Some(m) => format!("{}([{}], maxlen={})", name, parts.join(", "), m),
        None => format!("{}([{}])", name, parts.join(", ")),
    })
}

fn dq_index(o: &Obj, key: &Obj) -> PyResult<usize> {
    let n = dq(o).items.borrow().len() as i64;
    if crate::objects::int::as_int(key).is_none() && ops::lookup_special(key, "__index__").is_none() {
        return Err(type_error(format!("sequence index must be integer, not '{}'", key.type_name())));
    }
    let i = ops::index_value(key)?;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(index_error("deque index out of range"));
    }
    Ok(j as usize)
}
pub fn deque_getitem(o: &Obj, key: &Obj) -> PyResult {
    let j = dq_index(o, key)?;
    Ok(dq(o).items.borrow()[j].clone())
}
pub fn deque_setitem(o: &Obj, key: &Obj, v: Obj) -> PyResult<()> {
    let j = dq_index(o, key)?;
    let old = std::mem::replace(&mut dq(o).items.borrow_mut()[j], v);
    drop(old);
    Ok(())
}
pub fn deque_delitem(o: &Obj, key: &Obj) -> PyResult<()> {
    let j = dq_index(o, key)?;
    let old = dq(o).items.borrow_mut().remove(j);
    dq(o).state.set(dq(o).state.get() + 1);
    drop(old);
    Ok(())
}

fn d_append(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("append", a, 1, 1)?;
    push(dq(this), a[0].clone(), false);
    Ok(Obj::none())
}
fn d_appendleft(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("appendleft", a, 1, 1)?;
    push(dq(this), a[0].clone(), true);
    Ok(Obj::none())
}
fn d_pop(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let v = dq(this).items.borrow_mut().pop_back();
    dq(this).state.set(dq(this).state.get() + 1);
    v.ok_or_else(|| index_error("pop from an empty deque"))
}
fn d_popleft(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let v = dq(this).items.borrow_mut().pop_front();
    dq(this).state.set(dq(this).state.get() + 1);
    v.ok_or_else(|| index_error("pop from an empty deque"))
}
fn d_extend(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("extend", a, 1, 1)?;
    for v in ops::collect_iterable(&a[0])? {
        push(dq(this), v, false);
    }
    Ok(Obj::none())
}
fn d_extendleft(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("extendleft", a, 1, 1)?;
    for v in ops::collect_iterable(&a[0])? {
        push(dq(this), v, true);
    }
    Ok(Obj::none())
}
fn d_rotate(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("rotate", a, 0, 1)?;
    let n = match a.get(0) {
        Some(n) => ops::index_value(n)?,
        None => 1,
    };
    let mut it = dq(this).items.borrow_mut();
    let len = it.len() as i64;
    if len > 0 {
        let k = n.rem_euclid(len) as usize;
        it.rotate_right(k);
    }
    Ok(Obj::none())
}
fn d_clear(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let old = std::mem::take(&mut *dq(this).items.borrow_mut());
    dq(this).state.set(dq(this).state.get() + 1);
    drop(old);
    Ok(Obj::none())
}
fn d_count(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("count", a, 1, 1)?;
    let items: Vec<Obj> = dq(this).items.borrow().iter().cloned().collect();
    let mut n = 0;
    for i in &items {
        if ops::eq(i, &a[0])? {
            n += 1;
        }
    }
    Ok(Obj::int(n))
}
fn d_remove(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("remove", a, 1, 1)?;
    let items: Vec<Obj> = dq(this).items.borrow().iter().cloned().collect();
    for (i, x) in items.iter().enumerate() {
        if ops::eq(x, &a[0])? {
            dq(this).items.borrow_mut().remove(i);
            dq(this).state.set(dq(this).state.get() + 1);
            return Ok(Obj::none());
        }
    }
    Err(value_error(format!("{} is not in deque", ops::repr_string(&a[0])?)))
}
fn d_copy(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let items: Vec<Obj> = dq(this).items.borrow().iter().cloned().collect();
    let maxlen = dq(this).maxlen.get().map(|m| Obj::int(m as i64)).unwrap_or_else(Obj::none);
    if this.ty().heap {
        return call(&this.ty().obj(), vec![new_list(items), maxlen], None);
    }
    deque_new(&[new_list(items), maxlen], None)
}
fn d_insert(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    if a.len() != 2 {
        return Err(type_error(format!("insert() takes exactly 2 arguments ({} given)", a.len())));
    }
    let q = dq(this);
    let n = q.items.borrow().len();
    if Some(n) == q.maxlen.get() {
        return Err(index_error("deque already at its maximum size"));
    }
    let i = ops::index_value(&a[0])?;
    let j = if i < 0 { (i + n as i64).max(0) } else { i.min(n as i64) } as usize;
    q.items.borrow_mut().insert(j, a[1].clone());
    q.state.set(q.state.get() + 1);
    Ok(Obj::none())
}
fn d_reversed(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let d = this.clone();
    let start = dq(this).state.get();
    let mut i = dq(this).items.borrow().len();
    Ok(dyn_iter(
        &DEQUE_REVITER_TYPE,
        Box::new(move || {
            let q = dq(&d);
            if q.state.get() != start {
                return Err(crate::objects::exceptions::runtime_error("deque mutated during iteration"));
            }
            if i == 0 {
                return Ok(None);
            }
            i -= 1;
            Ok(q.items.borrow().get(i).cloned())
        }),
    ))
}
fn d_add(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    if as_deque(&a[0]).is_none() {
        return Err(type_error(format!("can only concatenate deque (not \"{}\") to deque", a[0].type_name())));
    }
    let r = d_copy(this, &[], None)?;
    d_extend(&r, &a[..1], None)?;
    Ok(r)
}
fn d_iadd(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    d_extend(this, &a[..1], None)?;
    Ok(this.clone())
}
fn d_imul(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    if crate::objects::int::as_int(&a[0]).is_none() && ops::lookup_special(&a[0], "__index__").is_none() {
        return Err(type_error(format!("can't multiply sequence by non-int of type '{}'", a[0].type_name())));
    }
    let n = ops::index_value(&a[0])?;
    let items: Vec<Obj> = dq(this).items.borrow().iter().cloned().collect();
    if n <= 0 {
        return d_clear(this, &[], None).map(|_| this.clone());
    }
    for _ in 1..n {
        for x in &items {
            push(dq(this), x.clone(), false);
        }
    }
    Ok(this.clone())
}
fn d_mul(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let r = d_copy(this, &[], None)?;
    d_imul(&r, a, None)
}
fn d_unhashable(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Err(type_error(format!("unhashable type: '{}'", this.type_name())))
}
fn d_reduce(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let args = match dq(this).maxlen.get() {
        Some(m) => Obj::tuple2(Obj::tuple(vec![]), Obj::int(m as i64)),
        None => Obj::tuple(vec![]),
    };
    let st = crate::objects::typeobj::extra_dict(this, false).unwrap_or_else(Obj::none);
    Ok(Obj::tuple(vec![this.ty().obj(), args, st, deque_iter(this)]))
}
fn d_reverse(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let mut it = dq(this).items.borrow_mut();
    let v: VecDeque<Obj> = it.drain(..).rev().collect();
    *it = v;
    Ok(Obj::none())
}
fn d_index(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("index", a, 1, 3)?;
    let items: Vec<Obj> = dq(this).items.borrow().iter().cloned().collect();
    let n = items.len() as i64;
    let norm = |o: Option<&Obj>, d: i64| -> PyResult<usize> {
        let i = match o {
            Some(o) => ops::index_value(o)?,
            None => d,
        };
        Ok((if i < 0 { (i + n).max(0) } else { i.min(n) }) as usize)
    };
    let (lo, hi) = (norm(a.get(1), 0)?, norm(a.get(2), n)?);
    for (i, x) in items.iter().enumerate() {
        if i < lo || i >= hi {
            continue;
        }
        if ops::eq(x, &a[0])? {
            return Ok(Obj::int(i as i64));
        }
    }
    Err(value_error(format!("{} is not in deque", ops::repr_string(&a[0])?)))
}
fn d_maxlen(this: &Obj) -> Obj {
    dq(this).maxlen.get().map(|m| Obj::int(m as i64)).unwrap_or_else(Obj::none)
}
pub fn deque_getattr(o: &Obj, name: &str) -> Option<Obj> {
    if name == "maxlen" {
        return Some(d_maxlen(o));
    }
    None
}
static DEQUE_METHODS: &[(&str, MethodFn)] = &[
    ("append", d_append),
    ("appendleft", d_appendleft),
    ("pop", d_pop),
    ("popleft", d_popleft),
    ("extend", d_extend),
    ("extendleft", d_extendleft),
    ("rotate", d_rotate),
    ("clear", d_clear),
    ("count", d_count),
    ("remove", d_remove),
    ("copy", d_copy),
    ("reverse", d_reverse),
    ("index", d_index),
    ("insert", d_insert),
    ("__init__", d_init),
    ("__reversed__", d_reversed),
    ("__copy__", d_copy),
    ("__add__", d_add),
    ("__iadd__", d_iadd),
    ("__mul__", d_mul),
    ("__rmul__", d_mul),
    ("__imul__", d_imul),
    ("__hash__", d_unhashable),
    ("__reduce__", d_reduce),
];

// ---------------------------------------------------------------- namedtuple

/// namedtuple(typename, field_names): a class whose instances keep their fields in the
/// instance dict and print as `Name(a=1, b=2)`; supports indexing/unpacking via `_fields`.
fn namedtuple(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = builtins::split_kw(a, kw);
    nargs("namedtuple", pos, 2, 2)?;
    let name = ops::str_string(&pos[0])?;
    let fields: Vec<String> = match pos[1].as_str() {
        Some(s) => s.replace(',', " ").split_whitespace().map(|x| x.to_string()).collect(),
        None => ops::collect_iterable(&pos[1])?.iter().map(|x| ops::str_string(x)).collect::<PyResult<Vec<_>>>()?,
    };
    let mut defaults: Vec<Obj> = Vec::new();
    for (k, v) in kws {
        if k == "defaults" && !v.is_none() {
            defaults = ops::collect_iterable(v)?;
        }
    }
    let ns = new_dict();
    let fobjs: Vec<Obj> = fields.iter().map(|f| Obj::str(f)).collect();
    dict_set(&ns, Obj::str("_fields"), Obj::tuple(fobjs.clone()))?;
    dict_set(&ns, Obj::str("__match_args__"), Obj::tuple(fobjs))?;
    dict_set(&ns, Obj::str("_field_defaults_list"), Obj::tuple(defaults))?;
    let cls = crate::objects::typeobj::new_class(&name, vec![crate::objects::tuple::TUPLE_TYPE.obj()], ns, "__main__")?;
    Ok(cls)
}

/// Creates an instance of a namedtuple class (a class deriving from tuple with `_fields`).
pub fn namedtuple_new(t: &'static TypeObject, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let fields = crate::objects::typeobj::type_lookup(t, "_fields").ok_or_else(|| type_error(format!("cannot create '{}' instances", t.name)))?;
    let names: Vec<Obj> = crate::objects::tuple::tuple_items(&fields).to_vec();
    let defaults = crate::objects::typeobj::type_lookup(t, "_field_defaults_list")
        .map(|d| crate::objects::tuple::tuple_items(&d).to_vec())
        .unwrap_or_default();
    let (pos, kws) = builtins::split_kw(args, kw);
    if pos.len() > names.len() {
        return Err(type_error(format!(
            "{}.__new__() takes {} positional arguments but {} were given",
            t.name,
            names.len() + 1,
            pos.len() + 1
        )));
    }
    let mut vals: Vec<Option<Obj>> = vec![None; names.len()];
    for (i, p) in pos.iter().enumerate() {
        vals[i] = Some(p.clone());
    }
    for (k, v) in kws {
        match names.iter().position(|n| n.as_str() == Some(k)) {
            Some(i) => vals[i] = Some(v.clone()),
            None => return Err(type_error(format!("{}.__new__() got an unexpected keyword argument '{}'", t.name, k))),
        }
    }
    let first_default = names.len() - defaults.len().min(names.len());
    let mut out = Vec::new();
    let mut missing = Vec::new();
    for (i, v) in vals.into_iter().enumerate() {
        match v {
            Some(v) => out.push(v),
            None if i >= first_default => out.push(defaults[i - first_default].clone()),
            None => missing.push(format!("'{}'", names[i].as_str().unwrap_or(""))),
        }
    }
    if !missing.is_empty() {
        return Err(type_error(format!(
            "{}.__new__() missing {} required positional argument{}: {}",
            t.name,
            missing.len(),
            if missing.len() == 1 { "" } else { "s" },
            match missing.len() {
                1 => missing[0].clone(),
                2 => format!("{} and {}", missing[0], missing[1]),
                n => format!("{}, and {}", missing[..n - 1].join(", "), missing[n - 1]),
            }
        )));
    }
    Ok(crate::gc::track(alloc(t, crate::objects::tuple::TupleObj { gc: GcHead::new(), items: crate::objects::tuple::TupleItems::from_vec(out) })))
}

/// Attribute access on namedtuple instances: field names index the tuple.
pub fn namedtuple_getattr(o: &Obj, name: &str) -> Option<Obj> {
    let fields = crate::objects::typeobj::type_lookup(o.ty(), "_fields")?;
    let i = crate::objects::tuple::tuple_items(&fields).iter().position(|n| n.as_str() == Some(name))?;
    crate::objects::tuple::try_tuple_items(o).and_then(|t| t.get(i).cloned())
}

pub fn namedtuple_repr(o: &Obj) -> PyResult<Option<String>> {
    let fields = match crate::objects::typeobj::type_lookup(o.ty(), "_fields") {
        Some(f) => f,
        None => return Ok(None),
    };
    let items = crate::objects::tuple::try_tuple_items(o).unwrap_or(&[]);
    let mut parts = Vec::new();
    for (n, v) in crate::objects::tuple::tuple_items(&fields).iter().zip(items.iter()) {
        parts.push(format!("{}={}", n.as_str().unwrap_or(""), ops::repr_string(v)?));
    }
    Ok(Some(format!("{}({})", o.ty().name, parts.join(", "))))
}

static HOOKS: crate::hooks::Collections = crate::hooks::Collections {
    deque_new,
    deque_alloc,
    is_generic: |t| [&DEQUE_TYPE, &DEFAULTDICT_TYPE, &COUNTER_TYPE, &ORDEREDDICT_TYPE].iter().any(|g| std::ptr::eq(*g, t)),
    deque_getattr,
    deque_len: |o| dq(o).items.borrow().len(),
    deque_items: |o| dq(o).items.borrow().iter().cloned().collect(),
    deque_iter,
    deque_getitem,
    deque_setitem,
    deque_delitem,
    deque_repr,
    dict_subclass_new,
    dict_missing: missing,
    dict_subclass_repr,
};

/// Lets the core dispatch to this module's types (see `hooks`).
pub fn install_hooks() {
    crate::hooks::COLLECTIONS.install(&HOOKS);
}

pub fn make_module() -> PyResult {
    install_hooks();
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("collections"))?;
    for t in [&DEFAULTDICT_TYPE, &COUNTER_TYPE, &ORDEREDDICT_TYPE, &DEQUE_TYPE] {
        dict_set(&d, Obj::str(t.name.rsplit('.').next().unwrap_or(t.name)), t.obj())?;
    }
    dict_set(&d, Obj::str("namedtuple"), crate::objects::builtin_fn::new_builtin("namedtuple", namedtuple))?;
    let _ = dict::dict_len;
    Ok(crate::objects::module::new_module("collections", d))
}
