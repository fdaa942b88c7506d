//! `_collections` (CPython's Modules/_collectionsmodule.c): deque (the runtime's deque of
//! collections.rs), defaultdict, _count_elements, _tuplegetter and the deque iterator types.
//! OrderedDict is not provided: collections/__init__.py then uses its own Python OrderedDict,
//! as CPython does without the C one.
use crate::object::{Layout, MethodFn, Obj};
use crate::objects::builtin_fn::{new_builtin, new_native_fn, BuiltinFn, NATIVE_METHOD_TYPE};
use crate::objects::dict::{dict_items, dict_set, new_dict, DICT_TYPE};
use crate::objects::exceptions::{attribute_error, index_error, key_error, type_error};
use crate::objects::native::{self, check_positional, new_native, no_keywords, NativeData};
use crate::objects::tuple::try_tuple_items;
use crate::{builtins::split_kw, call, ops, PyResult};

crate::native_type!(TUPLEGETTER_TYPE, "collections", "_collections._tuplegetter", TUPLEGETTER_METHODS);

thread_local! {
    static DEFAULTDICT: std::cell::RefCell<Option<Obj>> = std::cell::RefCell::new(None);
}

fn factory(d: &Obj) -> PyResult<Obj> {
    match typeobj_extra(d) {
        Some(x) => Ok(crate::objects::dict::dict_get_str(&x, &Obj::str("default_factory")).unwrap_or_else(Obj::none)),
        None => Ok(Obj::none()),
    }
}

fn typeobj_extra(d: &Obj) -> Option<Obj> {
    crate::objects::typeobj::extra_dict(d, false)
}

fn set_factory(d: &Obj, f: Obj) -> PyResult<()> {
    match crate::objects::typeobj::extra_dict(d, true) {
        Some(x) => dict_set(&x, Obj::str("default_factory"), f),
        None => Err(type_error("defaultdict state on a non-dict")),
    }
}

fn self_dd(a: &[Obj]) -> PyResult<&Obj> {
    match a.first() {
        Some(s) if s.layout() == Layout::Dict => Ok(s),
        _ => Err(type_error("descriptor requires a 'collections.defaultdict' object")),
    }
}

/// defaultdict.__init__(self, default_factory=None, /, *args, **kwargs)
fn dd_init(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let this = self_dd(a)?;
    let (pos, kws) = split_kw(&a[1..], kw);
    let f = pos.first().cloned().unwrap_or_else(Obj::none);
    if !f.is_none() && !crate::builtins::is_callable(&f) {
        return Err(type_error("first argument must be callable or None"));
    }
    set_factory(this, f)?;
    let rest = if pos.is_empty() { pos } else { &pos[1..] };
    if rest.len() > 1 {
        return Err(type_error(format!("dict expected at most 1 argument, got {}", rest.len())));
    }
    if let Some(src) = rest.first() {
        crate::objects::dict::dict_update_from(this, src)?;
    }
    for (k, v) in kws {
        dict_set(this, Obj::str(k), v.clone())?;
    }
    Ok(Obj::none())
}

fn dd_missing(a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    let this = self_dd(a)?;
    check_positional("__missing__", a.len() - 1, 1, 1)?;
    let f = factory(this)?;
    if f.is_none() {
        return Err(key_error(a[1].clone()));
    }
    let v = call(&f, vec![], None)?;
    ops::setitem(this, &a[1], v.clone())?;
    Ok(v)
}

fn dd_repr(a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    let this = self_dd(a)?;
    let f = factory(this)?;
    let name = this.ty().name.rsplit('.').next().unwrap_or("defaultdict").to_string();
    let fr = if f.is_none() { "None".to_string() } else { crate::repr::with_repr_guard(&f, "...", || ops::repr_string(&f))? };
    let body = crate::repr::with_repr_guard(this, "{...}", || {
        let mut parts = Vec::new();
        for (k, v) in dict_items(this) {
            parts.push(format!("{}: {}", ops::repr_string(&k)?, ops::repr_string(&v)?));
        }
        Ok(format!("{{{}}}", parts.join(", ")))
    })?;
    Ok(Obj::string(format!("{}({}, {})", name, fr, body)))
}

fn dd_copy(a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    let this = self_dd(a)?;
    call(&this.ty().obj(), vec![factory(this)?, this.clone()], None)
}

fn dd_reduce(a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    let this = self_dd(a)?;
    let f = factory(this)?;
    let args = if f.is_none() { Obj::tuple(vec![]) } else { Obj::tuple(vec![f]) };
    let items = ops::call_method(this, "items", vec![], None)?;
    Ok(Obj::tuple(vec![this.ty().obj(), args, Obj::none(), Obj::none(), ops::get_iter(&items)?]))
}

/// `|`: a new defaultdict (of the defaultdict operand's class and factory) from left, updated with right.
fn dd_or_impl(left: &Obj, right: &Obj) -> PyResult {
    let dd = DEFAULTDICT.with(|d| d.borrow().clone()).unwrap();
    let (s, other) = if left.ty().is_subtype(dd.as_type()) { (left, right) } else { (right, left) };
    if other.layout() != Layout::Dict {
        return Ok(Obj::not_implemented());
    }
    let new = call(&s.ty().obj(), vec![factory(s)?, left.clone()], None)?;
    crate::objects::dict::dict_update_from(&new, right)?;
    Ok(new)
}
fn dd_or(a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    check_positional("__or__", a.len(), 2, 2)?;
    dd_or_impl(&a[0], &a[1])
}
fn dd_ror(a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    check_positional("__ror__", a.len(), 2, 2)?;
    dd_or_impl(&a[1], &a[0])
}

fn defaultdict_class() -> PyResult<Obj> {
    if let Some(c) = DEFAULTDICT.with(|d| d.borrow().clone()) {
        return Ok(c);
    }
    let ns = new_dict();
    let methods: &[(&str, BuiltinFn)] = &[
        ("__init__", dd_init),
        ("__missing__", dd_missing),
        ("__repr__", dd_repr),
        ("copy", dd_copy),
        ("__copy__", dd_copy),
        ("__reduce__", dd_reduce),
        ("__or__", dd_or),
        ("__ror__", dd_ror),
    ];
    for (n, f) in methods {
        let f = *f;
        dict_set(&ns, Obj::str(n), new_native_fn(&NATIVE_METHOD_TYPE, n, Box::new(move |a, k| f(a, k))))?;
    }
    dict_set(&ns, Obj::str("__qualname__"), Obj::str("defaultdict"))?;
    let cls = crate::objects::typeobj::new_class("defaultdict", vec![DICT_TYPE.obj()], ns, "collections")?;
    DEFAULTDICT.with(|d| *d.borrow_mut() = Some(cls.clone()));
    Ok(cls)
}

// ---------------------------------------------------------------- _count_elements

fn count_elements(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_keywords("_count_elements", kw)?;
    check_positional("_count_elements", a.len(), 2, 2)?;
    let (mapping, it) = (&a[0], ops::get_iter(&a[1])?);
    let one = Obj::int(1);
    let exact = mapping.is_type(&DICT_TYPE);
    let get = if exact { None } else { Some(ops::getattr_str(mapping, "get")?) };
    while let Some(x) = ops::iter_next(&it)? {
        let cur = match &get {
            None => crate::objects::dict::dict_get(mapping, &x)?,
            Some(g) => Some(call(g, vec![x.clone(), Obj::int(0)], None)?),
        };
        let v = match cur {
            Some(c) => ops::binary_op(&c, &one, crate::BinOp::Add)?,
            None => one.clone(),
        };
        ops::setitem(mapping, &x, v)?;
    }
    Ok(Obj::none())
}

// ---------------------------------------------------------------- _tuplegetter

struct TupleGetter {
    index: i64,
    doc: std::cell::RefCell<Obj>,
}
impl NativeData for TupleGetter {
    fn traverse(&self, v: &mut dyn FnMut(&Obj)) -> bool {
        v(&self.doc.borrow());
        true
    }
    fn getattr(&self, _this: &Obj, name: &str) -> Option<PyResult> {
        match name {
            "__doc__" => Some(Ok(self.doc.borrow().clone())),
            _ => None,
        }
    }
    fn setattr(&self, name: &str, v: &Obj) -> Option<PyResult<()>> {
        if name != "__doc__" {
            return None;
        }
        *self.doc.borrow_mut() = v.clone();
        Some(Ok(()))
    }
}

fn tg(this: &Obj) -> PyResult<&TupleGetter> {
    native::expect::<TupleGetter>(this, "_collections._tuplegetter")
}

fn tg_new(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_keywords("_tuplegetter", kw)?;
    check_positional("_tuplegetter", a.len(), 2, 2)?;
    let index = ops::index_value(&a[0])?;
    Ok(new_native(native::new_type(this)?, TupleGetter { index, doc: std::cell::RefCell::new(a[1].clone()) }))
}

fn tg_get(this: &Obj, a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    let t = tg(this)?;
    let obj = match a.first() {
        Some(o) if !o.is_none() => o,
        _ => return Ok(this.clone()),
    };
    let items = match try_tuple_items(obj) {
        Some(i) => i,
        None => {
            return Err(type_error(format!(
                "descriptor for index '{}' for tuple subclasses doesn't apply to '{}' object",
                t.index,
                obj.type_name()
            )))
        }
    };
    match items.get(t.index as usize) {
        Some(v) if t.index >= 0 => Ok(v.clone()),
        _ => Err(index_error("tuple index out of range")),
    }
}

fn tg_set(_this: &Obj, _a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    Err(attribute_error("can't set attribute"))
}

fn tg_delete(_this: &Obj, _a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    Err(attribute_error("can't delete attribute"))
}

fn tg_reduce(this: &Obj, _a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    let t = tg(this)?;
    Ok(Obj::tuple2(this.ty().obj(), Obj::tuple(vec![Obj::int(t.index), t.doc.borrow().clone()])))
}

static TUPLEGETTER_METHODS: &[(&str, MethodFn)] = &[
    ("__new__", tg_new),
    ("__get__", tg_get),
    ("__set__", tg_set),
    ("__delete__", tg_delete),
    ("__reduce__", tg_reduce),
];

pub fn make_module() -> PyResult {
    use crate::modules::collections as c;
    c::install_hooks(); // deque's core dispatch
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("_collections"))?;
    dict_set(&d, Obj::str("_count_elements"), new_builtin("_count_elements", count_elements))?;
    dict_set(&d, Obj::str("deque"), c::DEQUE_TYPE.obj())?;
    dict_set(&d, Obj::str("_deque_iterator"), c::DEQUE_ITER_TYPE.obj())?;
    dict_set(&d, Obj::str("_deque_reverse_iterator"), c::DEQUE_REVITER_TYPE.obj())?;
    dict_set(&d, Obj::str("defaultdict"), defaultdict_class()?)?;
    dict_set(&d, Obj::str("_tuplegetter"), TUPLEGETTER_TYPE.obj())?;
    Ok(crate::objects::module::new_module("_collections", d))
}
