//! `_contextvars` (CPython's Python/context.c and Modules/_contextvarsmodule.c): Context,
//! ContextVar, Token, copy_context. A context's mapping is a dict replaced (copied) on every
//! change, so a copied context never sees later changes, as with CPython's immutable HAMT.
use crate::object::{MethodFn, Obj};
use crate::objects::builtin_fn::new_builtin;
use crate::objects::dict::{dict_get, dict_items, dict_keys, dict_len, dict_set, new_dict};
use crate::objects::exc_types::LOOKUP_ERROR;
use crate::objects::exceptions::{key_error, new_exc_obj, runtime_error, type_error, value_error};
use crate::objects::native::{expect, new_native, posonly, unpack, NativeData};
use crate::{call, ops, Exc, PyResult};
use std::cell::{Cell, RefCell};

crate::native_type!(CONTEXT_TYPE, "_contextvars", "_contextvars.Context", CONTEXT_METHODS);
crate::native_type!(CONTEXTVAR_TYPE, "_contextvars", "_contextvars.ContextVar", VAR_METHODS);
crate::native_type!(TOKEN_TYPE, "_contextvars", "_contextvars.Token", TOKEN_METHODS);
crate::native_type!(MISSING_TYPE, "_contextvars", "Token.MISSING", MISSING_METHODS);

struct Context {
    vars: RefCell<Obj>,
    entered: Cell<bool>,
    prev: RefCell<Option<Obj>>,
}
impl NativeData for Context {
    fn traverse(&self, v: &mut dyn FnMut(&Obj)) -> bool {
        match (self.vars.try_borrow(), self.prev.try_borrow()) {
            (Ok(d), Ok(p)) => {
                v(&d);
                p.iter().for_each(|o| v(o));
                true
            }
            _ => false,
        }
    }
}

struct Var {
    name: Obj,
    default: Option<Obj>,
}
impl NativeData for Var {
    fn traverse(&self, v: &mut dyn FnMut(&Obj)) -> bool {
        v(&self.name);
        self.default.iter().for_each(|o| v(o));
        true
    }
    fn getattr(&self, _this: &Obj, name: &str) -> Option<PyResult> {
        match name {
            "name" => Some(Ok(self.name.clone())),
            _ => None,
        }
    }
}

struct Token {
    ctx: Obj,
    var: Obj,
    old: Option<Obj>,
    used: Cell<bool>,
}
impl NativeData for Token {
    fn traverse(&self, v: &mut dyn FnMut(&Obj)) -> bool {
        v(&self.ctx);
        v(&self.var);
        self.old.iter().for_each(|o| v(o));
        true
    }
    fn getattr(&self, _this: &Obj, name: &str) -> Option<PyResult> {
        match name {
            "var" => Some(Ok(self.var.clone())),
            "old_value" => Some(Ok(self.old.clone().unwrap_or_else(missing))),
            _ => None,
        }
    }
}

struct Missing;
impl NativeData for Missing {}

thread_local! {
    static CURRENT: RefCell<Option<Obj>> = RefCell::new(None);
    static MISSING: Obj = new_native(&MISSING_TYPE, Missing);
}

fn missing() -> Obj {
    MISSING.with(|m| m.clone())
}

fn new_context(vars: Obj) -> Obj {
    new_native(&CONTEXT_TYPE, Context { vars: RefCell::new(vars), entered: Cell::new(false), prev: RefCell::new(None) })
}

/// The thread's current context (an empty one is made on first use).
fn current() -> Obj {
    CURRENT.with(|c| c.borrow_mut().get_or_insert_with(|| new_context(new_dict())).clone())
}

fn ctx(o: &Obj) -> PyResult<&Context> {
    expect::<Context>(o, "_contextvars.Context")
}

fn var(o: &Obj) -> PyResult<&Var> {
    expect::<Var>(o, "_contextvars.ContextVar")
}

fn copy_dict(d: &Obj) -> PyResult {
    let n = new_dict();
    for (k, v) in dict_items(d) {
        dict_set(&n, k, v)?;
    }
    Ok(n)
}

fn check_var_key(key: &Obj) -> PyResult<()> {
    if key.is_type(&CONTEXTVAR_TYPE) {
        return Ok(());
    }
    Err(type_error(format!("a ContextVar key was expected, got {}", ops_repr(key)?)))
}

fn ops_repr(o: &Obj) -> PyResult<String> {
    crate::repr::repr_string(o)
}

// ---------------------------------------------------------------- Context

fn context_new(_this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    if !a.is_empty() || kw.map(|k| !k.is_none() && crate::objects::tuple::tuple_len(k) > 0).unwrap_or(false) {
        return Err(type_error("Context() does not accept any arguments"));
    }
    Ok(new_context(new_dict()))
}

fn context_run(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    if a.is_empty() {
        return Err(type_error("run() missing 1 required positional argument"));
    }
    let c = ctx(this)?;
    if c.entered.get() {
        return Err(runtime_error(format!("cannot enter context: {} is already entered", ops_repr(this)?)));
    }
    c.entered.set(true);
    *c.prev.borrow_mut() = Some(current());
    CURRENT.with(|cur| *cur.borrow_mut() = Some(this.clone()));
    let r = call(&a[0], a[1..].to_vec(), kw);
    let prev = c.prev.borrow_mut().take();
    CURRENT.with(|cur| *cur.borrow_mut() = prev);
    c.entered.set(false);
    r
}

fn context_copy(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    posonly("copy", a, kw, 0, 0)?;
    Ok(new_context(ctx(this)?.vars.borrow().clone()))
}

fn context_getitem(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    check_var_key(&a[0])?;
    let d = ctx(this)?.vars.borrow().clone();
    dict_get(&d, &a[0])?.ok_or_else(|| key_error(a[0].clone()))
}

fn context_get(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = posonly("get", a, kw, 1, 2)?;
    check_var_key(&a[0])?;
    let d = ctx(this)?.vars.borrow().clone();
    Ok(dict_get(&d, &a[0])?.unwrap_or_else(|| a.get(1).cloned().unwrap_or_else(Obj::none)))
}

fn context_contains(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    check_var_key(&a[0])?;
    let d = ctx(this)?.vars.borrow().clone();
    Ok(Obj::bool(dict_get(&d, &a[0])?.is_some()))
}

fn context_len(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::int(dict_len(&ctx(this)?.vars.borrow()) as i64))
}

fn context_view(this: &Obj, kind: u8) -> PyResult {
    let d = ctx(this)?.vars.borrow().clone();
    let items: Vec<Obj> = match kind {
        0 => dict_keys(&d),
        1 => dict_items(&d).into_iter().map(|(_, v)| v).collect(),
        _ => dict_items(&d).into_iter().map(|(k, v)| Obj::tuple2(k, v)).collect(),
    };
    Ok(crate::objects::list::new_list(items))
}

fn context_iter(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    ops::get_iter(&context_view(this, 0)?)
}
fn context_keys(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    posonly("keys", a, kw, 0, 0)?;
    context_view(this, 0)
}
fn context_values(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    posonly("values", a, kw, 0, 0)?;
    context_view(this, 1)
}
fn context_items(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    posonly("items", a, kw, 0, 0)?;
    context_view(this, 2)
}

fn context_eq(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    if !a[0].is_type(&CONTEXT_TYPE) {
        return Ok(Obj::not_implemented());
    }
    let (x, y) = (ctx(this)?.vars.borrow().clone(), ctx(&a[0])?.vars.borrow().clone());
    ops::compare(&x, &y, crate::CmpOp::Eq)
}

fn unhashable(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Err(type_error(format!("unhashable type: '{}'", this.type_name())))
}

fn object_repr(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::string(format!("<{} object at 0x{:x}>", this.ty().qualified_name(), this.addr())))
}

static CONTEXT_METHODS: &[(&str, MethodFn)] = &[
    ("__new__", context_new),
    ("run", context_run),
    ("copy", context_copy),
    ("get", context_get),
    ("keys", context_keys),
    ("values", context_values),
    ("items", context_items),
    ("__getitem__", context_getitem),
    ("__contains__", context_contains),
    ("__len__", context_len),
    ("__iter__", context_iter),
    ("__eq__", context_eq),
    ("__hash__", unhashable),
    ("__repr__", object_repr),
];

// ---------------------------------------------------------------- ContextVar

fn var_new(_this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = unpack("ContextVar", a, kw, &["name", "default"], 1, 1, 1)?;
    let name = v[0].clone().unwrap();
    if name.as_str().is_none() {
        return Err(type_error("context variable name must be a str"));
    }
    Ok(new_native(&CONTEXTVAR_TYPE, Var { name, default: v[1].clone() }))
}

fn lookup(this: &Obj) -> PyResult<Option<Obj>> {
    let d = ctx(&current())?.vars.borrow().clone();
    dict_get(&d, this)
}

fn var_get(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = posonly("get", a, kw, 0, 1)?;
    let v = var(this)?;
    if let Some(x) = lookup(this)? {
        return Ok(x);
    }
    if let Some(d) = a.get(0).or(v.default.as_ref()) {
        return Ok(d.clone());
    }
    Err(Exc::from_value(new_exc_obj(&LOOKUP_ERROR, vec![this.clone()])))
}

/// Binds `var` to `value` (None: unbinds it) in the current context.
fn store(this: &Obj, value: Option<Obj>) -> PyResult<()> {
    let cur = current();
    let c = ctx(&cur)?;
    let d = copy_dict(&c.vars.borrow())?;
    match value {
        Some(v) => dict_set(&d, this.clone(), v)?,
        None => {
            crate::objects::dict::dict_pop(&d, this)?;
        }
    }
    *c.vars.borrow_mut() = d;
    Ok(())
}

fn var_set(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = posonly("set", a, kw, 1, 1)?;
    var(this)?;
    let old = lookup(this)?;
    store(this, Some(a[0].clone()))?;
    Ok(new_native(&TOKEN_TYPE, Token { ctx: current(), var: this.clone(), old, used: Cell::new(false) }))
}

fn var_reset(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = posonly("reset", a, kw, 1, 1)?;
    var(this)?;
    if !a[0].is_type(&TOKEN_TYPE) {
        return Err(type_error(format!("expected an instance of Token, got {}", ops_repr(&a[0])?)));
    }
    let t = expect::<Token>(&a[0], "_contextvars.Token")?;
    if t.used.get() {
        return Err(runtime_error(format!("{} has already been used once", ops_repr(&a[0])?)));
    }
    if !t.var.is(this) {
        return Err(value_error(format!("{} was created by a different ContextVar", ops_repr(&a[0])?)));
    }
    if !t.ctx.is(&current()) {
        return Err(value_error(format!("{} was created in a different Context", ops_repr(&a[0])?)));
    }
    t.used.set(true);
    store(this, t.old.clone())?;
    Ok(Obj::none())
}

fn var_repr(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let v = var(this)?;
    let default = match &v.default {
        Some(d) => format!(" default={}", ops_repr(d)?),
        None => String::new(),
    };
    Ok(Obj::string(format!("<ContextVar name={}{} at 0x{:x}>", ops_repr(&v.name)?, default, this.addr())))
}

fn var_hash(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let h = ops::hash(&var(this)?.name)? ^ ((this.addr() >> 4) as i64);
    Ok(Obj::int(if h == -1 { -2 } else { h }))
}

fn class_getitem(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    super::typesmod::generic_alias(this, &a[0])
}

static VAR_METHODS: &[(&str, MethodFn)] = &[
    ("__new__", var_new),
    ("get", var_get),
    ("set", var_set),
    ("reset", var_reset),
    ("__repr__", var_repr),
    ("__hash__", var_hash),
    ("__class_getitem__", class_getitem),
];

// ---------------------------------------------------------------- Token

fn token_new(_this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Err(runtime_error("Tokens can only be created by ContextVars"))
}

fn token_repr(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let t = expect::<Token>(this, "_contextvars.Token")?;
    let used = if t.used.get() { " used" } else { "" };
    Ok(Obj::string(format!("<Token{} var={} at 0x{:x}>", used, ops_repr(&t.var)?, this.addr())))
}

fn missing_repr(_this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::str("<Token.MISSING>"))
}

static TOKEN_METHODS: &[(&str, MethodFn)] = &[
    ("__new__", token_new),
    ("__repr__", token_repr),
    ("__class_getitem__", class_getitem),
];
static MISSING_METHODS: &[(&str, MethodFn)] = &[("__repr__", missing_repr)];

fn copy_context(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    posonly("copy_context", a, kw, 0, 0)?;
    Ok(new_context(ctx(&current())?.vars.borrow().clone()))
}

pub fn make_module() -> PyResult {
    let td = new_dict();
    dict_set(&td, Obj::str("MISSING"), missing())?;
    *TOKEN_TYPE.dict.borrow_mut() = Some(td);
    crate::objects::typeobj::bump_type_version();
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("_contextvars"))?;
    dict_set(&d, Obj::str("Context"), CONTEXT_TYPE.obj())?;
    dict_set(&d, Obj::str("ContextVar"), CONTEXTVAR_TYPE.obj())?;
    dict_set(&d, Obj::str("Token"), TOKEN_TYPE.obj())?;
    dict_set(&d, Obj::str("copy_context"), new_builtin("copy_context", copy_context))?;
    Ok(crate::objects::module::new_module("_contextvars", d))
}
