//! Builtin object types that CPython implements in C and `types.py` reaches through `type(x)`:
//! `mappingproxy`, `code`, `frame`, `types.GenericAlias` (`list[int]`), `types.UnionType`
//! (`int | str`). Each is a class made at run time whose methods are Rust closures, so the
//! generic special-method dispatch (repr, ==, [], in, len, iter) applies to them.
use crate::object::{Layout, Obj, TypeObject};
use crate::objects::builtin_fn::{new_native_fn, NATIVE_FN_TYPE, NATIVE_METHOD_TYPE};
use crate::objects::dict::{dict_get_str, dict_set, new_dict};
use crate::objects::exceptions::type_error;
use crate::objects::function::CodeInfo;
use crate::objects::typeobj::{finish_class, instance_dict, new_class, new_instance};
use crate::{ops, PyResult};
use std::cell::RefCell;

pub type Method = fn(&Obj, &[Obj], Option<&Obj>) -> PyResult;

/// A method for a class namespace: binds to instances like a function.
pub fn native_method(name: &'static str, f: Method) -> Obj {
    new_native_fn(
        &NATIVE_METHOD_TYPE,
        name,
        Box::new(move |a, k| {
            if a.is_empty() {
                return Err(type_error(format!("{}() needs an argument", name)));
            }
            f(&a[0], &a[1..], k)
        }),
    )
}

/// A read-only property computed by `f(this)`.
pub fn native_property(name: &'static str, f: fn(&Obj) -> PyResult) -> Obj {
    let g = new_native_fn(&NATIVE_FN_TYPE, name, Box::new(move |a, _k| f(&a[0])));
    crate::objects::module::new_property(g, None, None)
}

/// A class made at run time (`__module__` = module) with native methods and properties.
pub fn native_class(
    name: &str,
    module: &str,
    bases: Vec<Obj>,
    methods: &[(&'static str, Method)],
    props: &[(&'static str, fn(&Obj) -> PyResult)],
) -> PyResult {
    let ns = new_dict();
    dict_set(&ns, Obj::str("__module__"), Obj::str(module))?;
    dict_set(&ns, Obj::str("__qualname__"), Obj::str(name))?;
    for (n, f) in methods {
        dict_set(&ns, Obj::str(n), native_method(n, *f))?;
    }
    for (n, f) in props {
        dict_set(&ns, Obj::str(n), native_property(n, *f))?;
    }
    let cls = new_class(name, bases, ns, module)?;
    finish_class(&cls, &[])?;
    Ok(cls)
}

/// A class created once per program run.
fn cached_class(slot: &'static std::thread::LocalKey<RefCell<Option<Obj>>>, make: fn() -> PyResult) -> PyResult {
    if let Some(c) = slot.with(|s| s.borrow().clone()) {
        return Ok(c);
    }
    let c = make()?;
    slot.with(|s| *s.borrow_mut() = Some(c.clone()));
    Ok(c)
}

/// A new instance of a native class with the given attributes in its dict.
fn instance_with(cls: &Obj, attrs: &[(&str, Obj)]) -> PyResult {
    let o = new_instance(cls.as_type());
    let d = instance_dict(&o).unwrap();
    for (k, v) in attrs {
        dict_set(&d, Obj::str(k), v.clone())?;
    }
    Ok(o)
}

fn hidden(o: &Obj, key: &str) -> PyResult {
    instance_dict(o)
        .and_then(|d| dict_get_str(&d, &Obj::str(key)))
        .ok_or_else(|| type_error(format!("descriptor requires a '{}' object but received a '{}'", key, o.type_name())))
}

thread_local! {
    static MAPPINGPROXY: RefCell<Option<Obj>> = RefCell::new(None);
    static CODE: RefCell<Option<Obj>> = RefCell::new(None);
    static CODES: RefCell<std::collections::HashMap<usize, Obj>> = RefCell::new(std::collections::HashMap::new());
    static FRAME: RefCell<Option<Obj>> = RefCell::new(None);
    static GENERIC_ALIAS: RefCell<Option<Obj>> = RefCell::new(None);
    static UNION: RefCell<Option<Obj>> = RefCell::new(None);
}

// ---------------------------------------------------------------- mappingproxy

const MP: &str = "\u{0}mapping";

fn mp(o: &Obj) -> PyResult {
    hidden(o, MP)
}

fn make_mappingproxy_class() -> PyResult {
    native_class(
        "mappingproxy",
        "builtins",
        vec![],
        &[
            ("__new__", |_c, a, _k| {
                crate::objects::str::nargs("mappingproxy", a, 1, 1)?;
                mappingproxy(&a[0])
            }),
            ("__getitem__", |t, a, _k| ops::getitem(&mp(t)?, &a[0])),
            ("__contains__", |t, a, _k| Ok(Obj::bool(ops::contains(&mp(t)?, &a[0])?))),
            ("__iter__", |t, _a, _k| ops::get_iter(&mp(t)?)),
            ("__len__", |t, _a, _k| Ok(Obj::int(ops::len(&mp(t)?)? as i64))),
            ("__repr__", |t, _a, _k| Ok(Obj::string(format!("mappingproxy({})", ops::repr_string(&mp(t)?)?)))),
            ("__str__", |t, _a, _k| ops::to_str(&mp(t)?)),
            ("__eq__", |t, a, _k| ops::compare(&mp(t)?, &a[0], ops::CmpOp::Eq)),
            ("__or__", |t, a, _k| ops::binary_op(&mp(t)?, &a[0], ops::BinOp::Or)),
            ("__reversed__", |t, _a, _k| crate::call(&crate::printer_support::builtin("reversed"), vec![mp(t)?], None)),
            ("get", |t, a, k| ops::call_method(&mp(t)?, "get", a.to_vec(), k)),
            ("keys", |t, _a, _k| ops::call_method(&mp(t)?, "keys", vec![], None)),
            ("values", |t, _a, _k| ops::call_method(&mp(t)?, "values", vec![], None)),
            ("items", |t, _a, _k| ops::call_method(&mp(t)?, "items", vec![], None)),
            ("copy", |t, _a, _k| ops::call_method(&mp(t)?, "copy", vec![], None)),
        ],
        &[],
    )
}

/// `types.MappingProxyType(mapping)`: a read-only view of a mapping.
pub fn mappingproxy(m: &Obj) -> PyResult {
    if m.layout() != Layout::Dict && ops::lookup_special(m, "__getitem__").is_none() || m.layout() == Layout::List || m.layout() == Layout::Tuple {
        return Err(type_error(format!("mappingproxy() argument must be a mapping, not {}", m.type_name())));
    }
    let cls = cached_class(&MAPPINGPROXY, make_mappingproxy_class)?;
    // no instance attributes: the mapping sits in the dict under a key no code can spell
    instance_with(&cls, &[(MP, m.clone())])
}

/// `cls.__dict__`: a read-only proxy of the class namespace (a copy for builtin types).
pub fn mappingproxy_of_type(t: &'static TypeObject) -> Obj {
    let d = match &*t.dict.borrow() {
        Some(d) if t.heap => d.clone(),
        other => {
            let d = new_dict();
            if let Some(src) = other {
                for (k, v) in crate::objects::dict::dict_items(src) {
                    let _ = dict_set(&d, k, v);
                }
            }
            let mut ty = Some(t);
            if let Some(tt) = ty.take() {
                for (n, f) in tt.methods {
                    if dict_get_str(&d, &Obj::str(n)).is_none() {
                        let _ = dict_set(&d, Obj::str(n), crate::objects::builtin_fn::new_unbound_method(n, *f));
                    }
                }
            }
            d
        }
    };
    mappingproxy(&d).unwrap_or(d)
}

// ---------------------------------------------------------------- code objects

fn make_code_class() -> PyResult {
    native_class(
        "code",
        "builtins",
        vec![],
        &[("__repr__", |t, _a, _k| {
            let g = |k: &str| ops::getattr_str(t, k).and_then(|v| ops::str_string(&v));
            Ok(Obj::string(format!(
                "<code object {} at 0x{:x}, file \"{}\", line {}>",
                g("co_name")?,
                t.addr(),
                g("co_filename")?,
                g("co_firstlineno")?
            )))
        })],
        &[],
    )
}

/// The `__code__` object of compiled code (one per code, attributes from `CodeInfo`).
pub fn code_object(code: &'static CodeInfo) -> Obj {
    let key = code as *const CodeInfo as usize;
    if let Some(c) = CODES.with(|m| m.borrow().get(&key).cloned()) {
        return c;
    }
    let cls = match cached_class(&CODE, make_code_class) {
        Ok(c) => c,
        Err(_) => return Obj::none(),
    };
    let names: Vec<Obj> = code.varnames.iter().map(|v| Obj::str(v)).collect();
    let o = instance_with(
        &cls,
        &[
            ("co_name", Obj::str(code.name)),
            ("co_qualname", Obj::str(code.qualname)),
            ("co_filename", Obj::str(code.filename)),
            ("co_firstlineno", Obj::int(code.firstlineno as i64)),
            ("co_argcount", Obj::int(code.argcount as i64)),
            ("co_posonlyargcount", Obj::int(code.posonlyargcount as i64)),
            ("co_kwonlyargcount", Obj::int(code.kwonlyargcount as i64)),
            ("co_flags", Obj::int(code.flags as i64)),
            ("co_nlocals", Obj::int(names.len() as i64)),
            ("co_varnames", Obj::tuple(names)),
        ],
    )
    .unwrap_or_else(|_| Obj::none());
    CODES.with(|m| m.borrow_mut().insert(key, o.clone()));
    o
}

// ---------------------------------------------------------------- frames

const FR: &str = "\u{0}index";

fn make_frame_class() -> PyResult {
    native_class(
        "frame",
        "builtins",
        vec![],
        &[("__repr__", |t, _a, _k| {
            let code = ops::getattr_str(t, "f_code")?;
            let name = ops::str_string(&ops::getattr_str(&code, "co_name")?)?;
            Ok(Obj::string(format!("<frame at 0x{:x}, code {}>", t.addr(), name)))
        })],
        &[
            ("f_back", |t| {
                let i = ops::index_value(&hidden(t, FR)?)?;
                Ok(if i > 0 { frame_at(i as usize - 1)?.unwrap_or_else(Obj::none) } else { Obj::none() })
            }),
            ("f_locals", |t| {
                let code = ops::getattr_str(t, "f_code")?;
                if ops::str_string(&ops::getattr_str(&code, "co_name")?)? == "<module>" {
                    return ops::getattr_str(t, "f_globals");
                }
                Ok(new_dict())
            }),
        ],
    )
}

/// The frame object for stack entry `index` (0 = outermost), if there is one.
pub fn frame_at(index: usize) -> PyResult<Option<Obj>> {
    let func = match crate::objects::function::frame_function(index) {
        Some(f) => f,
        None => return Ok(None),
    };
    let f = crate::objects::function::as_func(&func).unwrap();
    let cls = cached_class(&FRAME, make_frame_class)?;
    Ok(Some(instance_with(
        &cls,
        &[
            (FR, Obj::int(index as i64)),
            ("f_globals", f.globals.clone()),
            ("f_builtins", crate::builtins::builtins_dict()),
            ("f_code", code_object(f.code)),
            ("f_lineno", Obj::int(f.code.firstlineno as i64)),
            ("f_trace", Obj::none()),
        ],
    )?))
}

/// `sys._getframe(depth=0)`
pub fn sys_getframe(a: &[Obj], k: Option<&Obj>) -> PyResult {
    crate::objects::str::no_kw("_getframe", k)?;
    crate::objects::str::nargs("_getframe", a, 0, 1)?;
    let depth = match a.get(0) {
        Some(d) => ops::index_value(d)?,
        None => 0,
    };
    let n = crate::objects::function::frame_count() as i64;
    if depth < 0 || depth >= n {
        if depth < 0 && n > 0 {
            return Ok(frame_at(n as usize - 1)?.unwrap());
        }
        return Err(crate::objects::exceptions::value_error("call stack is not deep enough"));
    }
    Ok(frame_at((n - 1 - depth) as usize)?.unwrap())
}

// ---------------------------------------------------------------- GenericAlias

fn ga_origin(t: &Obj) -> PyResult {
    ops::getattr_str(t, "__origin__")
}
fn ga_args(t: &Obj) -> PyResult<Vec<Obj>> {
    Ok(crate::objects::tuple::try_tuple_items(&ops::getattr_str(t, "__args__")?).map(|s| s.to_vec()).unwrap_or_default())
}

/// repr of a type argument as GenericAlias / UnionType print it.
fn type_arg_repr(a: &Obj) -> PyResult<String> {
    if a.is(&Obj::ellipsis()) {
        return Ok("...".into());
    }
    if a.layout() == Layout::Type && !is_generic_alias(a) {
        let t = a.as_type();
        let qn = ops::str_string(&ops::getattr_str(a, "__qualname__")?)?;
        return Ok(if t.module == "builtins" { qn } else { format!("{}.{}", ops::str_string(&ops::getattr_str(a, "__module__")?)?, qn) });
    }
    if let Some(items) = crate::objects::tuple::try_tuple_items(a) {
        if a.is_type(&crate::objects::tuple::TUPLE_TYPE) {
            let parts: PyResult<Vec<String>> = items.iter().map(type_arg_repr).collect();
            return Ok(format!("[{}]", parts?.join(", ")));
        }
    }
    ops::repr_string(a)
}

fn make_generic_alias_class() -> PyResult {
    native_class(
        "GenericAlias",
        "types",
        vec![],
        &[
            ("__new__", |_c, a, _k| {
                crate::objects::str::nargs("GenericAlias", a, 2, 2)?;
                generic_alias(&a[0], &a[1])
            }),
            ("__repr__", |t, _a, _k| {
                let args = ga_args(t)?;
                let parts: PyResult<Vec<String>> = args.iter().map(type_arg_repr).collect();
                let mut parts = parts?;
                if parts.is_empty() {
                    parts.push("()".into());
                }
                Ok(Obj::string(format!("{}[{}]", type_arg_repr(&ga_origin(t)?)?, parts.join(", "))))
            }),
            ("__call__", |t, a, k| {
                let r = crate::call(&ga_origin(t)?, a.to_vec(), k)?;
                if r.ty().heap && r.layout() == Layout::Instance {
                    let _ = ops::setattr(&r, &Obj::str("__orig_class__"), t.clone());
                }
                Ok(r)
            }),
            ("__mro_entries__", |t, _a, _k| Ok(Obj::tuple(vec![ga_origin(t)?]))),
            ("__eq__", |t, a, _k| {
                if !is_generic_alias(&a[0]) {
                    return Ok(Obj::not_implemented());
                }
                Ok(Obj::bool(ops::eq(&ga_origin(t)?, &ga_origin(&a[0])?)? && ops::eq(&ops::getattr_str(t, "__args__")?, &ops::getattr_str(&a[0], "__args__")?)?))
            }),
            ("__hash__", |t, _a, _k| Ok(Obj::int(ops::hash(&ga_origin(t)?)? ^ ops::hash(&ops::getattr_str(t, "__args__")?)?))),
            ("__getattr__", |t, a, _k| {
                let n = a[0].as_str().unwrap_or("");
                if n.starts_with("__") && n.ends_with("__") {
                    return Err(crate::objects::exceptions::attribute_error(n.to_string()));
                }
                ops::getattr(&ga_origin(t)?, &a[0])
            }),
            ("__instancecheck__", |_t, _a, _k| Err(type_error("isinstance() argument 2 cannot be a parameterized generic"))),
            ("__subclasscheck__", |_t, _a, _k| Err(type_error("issubclass() argument 2 cannot be a parameterized generic"))),
            ("__or__", |t, a, _k| union_or(t, &a[0])),
            ("__ror__", |t, a, _k| union_or(&a[0], t)),
            ("__reduce__", |t, _a, _k| {
                Ok(Obj::tuple(vec![t.ty().obj(), Obj::tuple(vec![ga_origin(t)?, ops::getattr_str(t, "__args__")?])]))
            }),
        ],
        &[],
    )
}

pub fn is_generic_alias(o: &Obj) -> bool {
    GENERIC_ALIAS.with(|g| g.borrow().as_ref().map(|c| o.ty().is_subtype(c.as_type())).unwrap_or(false))
}

/// `origin[args]` for builtin classes (PEP 585).
pub fn generic_alias(origin: &Obj, args: &Obj) -> PyResult {
    let cls = cached_class(&GENERIC_ALIAS, make_generic_alias_class)?;
    let args_t = if args.is_type(&crate::objects::tuple::TUPLE_TYPE) { args.clone() } else { Obj::tuple(vec![args.clone()]) };
    let mut params = Vec::new();
    for a in crate::objects::tuple::try_tuple_items(&args_t).unwrap_or(&[]) {
        if let Ok(p) = ops::getattr_str(a, "__parameters__") {
            if a.layout() != Layout::Type {
                for x in ops::collect_iterable(&p).unwrap_or_default() {
                    if !params.iter().any(|y: &Obj| y.is(&x)) {
                        params.push(x);
                    }
                }
            }
        } else if ops::getattr_str(a, "__typing_subst__").is_ok() && !params.iter().any(|y: &Obj| y.is(a)) {
            params.push(a.clone());
        }
    }
    instance_with(&cls, &[("__origin__", origin.clone()), ("__args__", args_t), ("__parameters__", Obj::tuple(params))])
}

// ---------------------------------------------------------------- UnionType

fn make_union_class() -> PyResult {
    native_class(
        "UnionType",
        "types",
        vec![],
        &[
            ("__repr__", |t, _a, _k| {
                let parts: PyResult<Vec<String>> =
                    union_args(t).unwrap_or_default().iter().map(|a| if a.is(&crate::objects::none::NONE_TYPE.obj()) { Ok("None".to_string()) } else { type_arg_repr(a) }).collect();
                Ok(Obj::string(parts?.join(" | ")))
            }),
            ("__or__", |t, a, _k| union_or(t, &a[0])),
            ("__ror__", |t, a, _k| union_or(&a[0], t)),
            ("__eq__", |t, a, _k| {
                let (x, y) = match (union_args(t), union_args(&a[0])) {
                    (Some(x), Some(y)) => (x, y),
                    _ => return Ok(Obj::not_implemented()),
                };
                let sx = frozen(x)?;
                let sy = frozen(y)?;
                ops::compare(&sx, &sy, ops::CmpOp::Eq)
            }),
            ("__hash__", |t, _a, _k| Ok(Obj::int(ops::hash(&frozen(union_args(t).unwrap_or_default())?)?))),
        ],
        &[],
    )
}

/// The members of a `types.UnionType` object.
pub fn union_args(o: &Obj) -> Option<Vec<Obj>> {
    let is_union = UNION.with(|u| u.borrow().as_ref().map(|c| o.ty().is_subtype(c.as_type())).unwrap_or(false));
    if !is_union {
        return None;
    }
    let a = instance_dict(o).and_then(|d| dict_get_str(&d, &Obj::str("__args__")))?;
    crate::objects::tuple::try_tuple_items(&a).map(|s| s.to_vec())
}

fn unionable(o: &Obj) -> bool {
    o.is_none() || o.layout() == Layout::Type || is_generic_alias(o) || union_args(o).is_some()
}

/// `a | b` for types: a `types.UnionType` (NotImplemented for other operands).
pub fn union_or(a: &Obj, b: &Obj) -> PyResult {
    if !unionable(a) || !unionable(b) {
        return Ok(Obj::not_implemented());
    }
    let mut args: Vec<Obj> = Vec::new();
    for x in [a, b] {
        let items = union_args(x).unwrap_or_else(|| vec![if x.is_none() { crate::objects::none::NONE_TYPE.obj() } else { x.clone() }]);
        for i in items {
            if !args.iter().any(|y| y.is(&i)) {
                args.push(i);
            }
        }
    }
    if args.len() == 1 {
        return Ok(args.pop().unwrap());
    }
    let cls = cached_class(&UNION, make_union_class)?;
    instance_with(&cls, &[("__args__", Obj::tuple(args)), ("__parameters__", Obj::tuple(vec![]))])
}

fn frozen(items: Vec<Obj>) -> PyResult {
    let s = crate::objects::set::new_set(true);
    for i in items {
        crate::objects::set::set_add(&s, i)?;
    }
    Ok(s)
}
