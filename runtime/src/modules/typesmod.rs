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
pub fn cached_class(slot: &'static std::thread::LocalKey<RefCell<Option<Obj>>>, make: fn() -> PyResult) -> PyResult {
    if let Some(c) = slot.with(|s| s.borrow().clone()) {
        return Ok(c);
    }
    let c = make()?;
    slot.with(|s| *s.borrow_mut() = Some(c.clone()));
    Ok(c)
}

/// A new instance of a native class with the given attributes in its dict.
pub fn instance_with(cls: &Obj, attrs: &[(&str, Obj)]) -> PyResult {
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
    // the closure length of the functions a code object was read from (`f.__code__`): what
    // `g.__code__ = code` checks the number of free variables against
    static CODE_NFREE: RefCell<std::collections::HashMap<usize, usize>> = RefCell::new(std::collections::HashMap::new());
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
            for (n, f) in t.methods.get() {
                if dict_get_str(&d, &Obj::str(n)).is_none() {
                    let _ = dict_set(&d, Obj::str(n), crate::objects::builtin_fn::new_unbound_method_of(Some(t), n, *f));
                }
            }
            for n in ["fromkeys", "from_bytes", "maketrans", "fromhex"] {
                if let Some(f) = crate::objects::typeobj::builtin_classmethod(t, n) {
                    let _ = dict_set(&d, Obj::str(n), crate::objects::module::new_descr(2, f, None));
                }
            }
            if let Some(n) = builtin_new(t) {
                let _ = dict_set(&d, Obj::str("__new__"), crate::objects::module::new_descr(1, n, None));
            }
            let (slots, unhashable) = layout_slots(t);
            for n in slots {
                if dict_get_str(&d, &Obj::str(n)).is_none() {
                    let _ = dict_set(&d, Obj::str(n), slot_wrapper(t, n));
                }
            }
            if unhashable {
                let _ = dict_set(&d, Obj::str("__hash__"), Obj::none());
            }
            if std::ptr::eq(t, &crate::objects::typeobj::TYPE_TYPE) {
                // the getset descriptor annotationlib (3.14) calls as type.__dict__["__annotations__"].__get__(cls)
                let get: fn(&Obj) -> PyResult = |c| ops::getattr_str(c, "__annotations__");
                let _ = dict_set(&d, Obj::str("__annotations__"), native_property("__annotations__", get));
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
        }), ("replace", code_replace)],
        &[],
    )
}

/// `code.replace(co_name=..., ...)`: a copy with the given `co_*` attributes replaced, checked
/// as CPython checks them. The copy runs what the original runs: `exec` of a replaced
/// `compile()` result reports the new `co_name` and `co_filename` in tracebacks (jinja2 names
/// its template frames so); a function's `__code__` cannot be set to a copy.
fn code_replace(t: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let (pos, changes) = crate::builtins::split_kw(a, k);
    if !pos.is_empty() {
        return Err(type_error("replace() takes no positional arguments"));
    }
    let d = instance_dict(t).ok_or_else(|| type_error("replace() of a code object without attributes"))?;
    let copy = new_instance(t.ty());
    let cd = instance_dict(&copy).unwrap();
    crate::objects::dict::dict_update_from(&cd, &d)?;
    for (name, v) in changes {
        let want = match name {
            "co_name" | "co_qualname" | "co_filename" => Some("str"),
            "co_varnames" | "co_consts" | "co_names" | "co_freevars" | "co_cellvars" => Some("tuple"),
            "co_code" | "co_linetable" | "co_exceptiontable" => Some("bytes"),
            "co_argcount" | "co_posonlyargcount" | "co_kwonlyargcount" | "co_nlocals" | "co_stacksize"
            | "co_flags" | "co_firstlineno" => None,
            _ => return Err(type_error(format!("'{}' is an invalid keyword argument for replace()", name))),
        };
        let value = match want {
            Some(ty) if v.type_name() != ty => {
                // CPython's _PyArg_BadArgument: None by name, other objects by type
                let got = if v.is_none() { "None" } else { v.type_name() };
                return Err(type_error(format!("replace() argument '{}' must be {}, not {}", name, ty, got)));
            }
            Some(_) => v.clone(),
            None => Obj::int(ops::index_value(v)?),
        };
        dict_set(&cd, Obj::str(name), value)?;
    }
    Ok(copy)
}

/// The `__code__` object of compiled code (one per code, attributes from `CodeInfo`).
/// `f.__code__`: the code object, noting how many free variables the code reads (`f`'s
/// closure length).
pub fn function_code_object(code: &'static CodeInfo, nfree: usize) -> Obj {
    CODE_NFREE.with(|m| m.borrow_mut().insert(code as *const CodeInfo as usize, nfree));
    code_object(code)
}

/// The compiled code behind code object `o` and its number of free variables, when `o` was
/// read from a function's `__code__`.
pub fn code_of_object(o: &Obj) -> Option<(&'static CodeInfo, usize)> {
    let key = CODES.with(|m| m.borrow().iter().find(|(_, v)| v.as_ptr() == o.as_ptr()).map(|(k, _)| *k))?;
    let nfree = CODE_NFREE.with(|m| m.borrow().get(&key).copied())?;
    // the map's keys are addresses of `&'static CodeInfo`s
    Some((unsafe { &*(key as *const CodeInfo) }, nfree))
}

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
            ("co_flags", Obj::int((code.flags & !crate::objects::function::OWN_FRAME) as i64)),
            ("co_nlocals", Obj::int(names.len() as i64)),
            ("co_varnames", Obj::tuple(names)),
        ],
    )
    .unwrap_or_else(|_| Obj::none());
    CODES.with(|m| m.borrow_mut().insert(key, o.clone()));
    o
}

const EXPR: &str = "\u{0}expression";

/// The code object of `compile(source, filename, 'eval')`: it keeps the source for `eval`.
pub fn expression_code(source: Obj, filename: Obj) -> PyResult {
    let cls = cached_class(&CODE, make_code_class)?;
    instance_with(
        &cls,
        &[
            ("co_name", Obj::str("<module>")),
            ("co_qualname", Obj::str("<module>")),
            ("co_filename", filename),
            ("co_firstlineno", Obj::int(1)),
            ("co_argcount", Obj::int(0)),
            ("co_posonlyargcount", Obj::int(0)),
            ("co_kwonlyargcount", Obj::int(0)),
            ("co_flags", Obj::int(0)),
            ("co_nlocals", Obj::int(0)),
            ("co_varnames", Obj::tuple(vec![])),
            (EXPR, source),
        ],
    )
}

const STMTS: &str = "\u{0}statements";

/// The code object of `compile(source, filename, 'exec')`: it keeps the source for `exec`
/// (execstmt.rs interprets it).
pub fn statements_code(source: Obj, filename: Obj) -> PyResult {
    let code = expression_code(Obj::none(), filename)?;
    dict_set(&instance_dict(&code).unwrap(), Obj::str(STMTS), source)?;
    Ok(code)
}

/// The source kept by a code object of `statements_code`.
pub fn compiled_statements(o: &Obj) -> Option<Obj> {
    let cls = CODE.with(|s| s.borrow().clone())?;
    if !std::ptr::eq(o.ty(), cls.as_type()) {
        return None;
    }
    hidden(o, STMTS).ok()
}

/// The source kept by a code object of `expression_code`.
pub fn compiled_expression(o: &Obj) -> Option<Obj> {
    let cls = CODE.with(|s| s.borrow().clone())?;
    if !std::ptr::eq(o.ty(), cls.as_type()) {
        return None;
    }
    hidden(o, EXPR).ok().filter(|s| !s.is_none())
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
            ("f_code", code_object(f.code())),
            ("f_lineno", Obj::int(crate::objects::function::frame_line(index).unwrap_or(f.code().firstlineno) as i64)),
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
            ("__getitem__", |t, a, _k| generic_alias(&ga_origin(t)?, &Obj::tuple(substitute(t, &a[0])?))),
            ("__instancecheck__", |_t, _a, _k| Err(type_error("isinstance() argument 2 cannot be a parameterized generic"))),
            ("__subclasscheck__", |_t, _a, _k| Err(type_error("issubclass() argument 2 cannot be a parameterized generic"))),
            ("__or__", |t, a, _k| union_or(t, &a[0])),
            ("__ror__", |t, a, _k| union_or(&a[0], t)),
            ("__reduce__", |t, _a, _k| {
                Ok(Obj::tuple2(t.ty().obj(), Obj::tuple(vec![ga_origin(t)?, ops::getattr_str(t, "__args__")?])))
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
    let params = type_parameters(crate::objects::tuple::try_tuple_items(&args_t).unwrap_or(&[]));
    // typing reads __unpacked__ / __typing_unpacked_tuple_args__ of every alias it substitutes;
    // `*tuple[...]` (the unpacked form) is not made by the runtime, so they are constants
    instance_with(&cls, &[("__origin__", origin.clone()), ("__args__", args_t), ("__parameters__", params),
                          ("__unpacked__", Obj::bool(false)), ("__typing_unpacked_tuple_args__", Obj::none())])
}

/// `alias[item]` (C: _Py_subs_parameters): `alias.__args__` with each type variable replaced
/// by its argument, and each argument that has type variables of its own subscripted.
fn substitute(alias: &Obj, item: &Obj) -> PyResult<Vec<Obj>> {
    let tuple_items = |o: &Obj| crate::objects::tuple::try_tuple_items(o).map(|s| s.to_vec()).unwrap_or_default();
    let params = tuple_items(&ops::getattr_str(alias, "__parameters__")?);
    if params.is_empty() {
        return Err(type_error(format!("{} is not a generic class", ops::repr_string(alias)?)));
    }
    let mut item = if item.is_type(&crate::objects::tuple::TUPLE_TYPE) { item.clone() } else { Obj::tuple(vec![item.clone()]) };
    for p in &params {
        if let Ok(prepare) = ops::getattr_str(p, "__typing_prepare_subst__") {
            item = crate::call(&prepare, vec![alias.clone(), item], None)?;
        }
    }
    let items = tuple_items(&item);
    if items.len() != params.len() {
        return Err(type_error(format!(
            "Too {} arguments for {}; actual {}, expected {}",
            if items.len() > params.len() { "many" } else { "few" },
            ops::repr_string(alias)?,
            items.len(),
            params.len()
        )));
    }
    let arg_for = |p: &Obj| params.iter().position(|x| x.is(p)).map(|i| items[i].clone());
    let mut out = Vec::new();
    for arg in tuple_items(&ops::getattr_str(alias, "__args__")?) {
        if arg.layout() == Layout::Type {
            out.push(arg);
        } else if let (Ok(subst), Some(v)) = (ops::getattr_str(&arg, "__typing_subst__"), arg_for(&arg)) {
            out.push(crate::call(&subst, vec![v], None)?);
        } else {
            let sub = ops::getattr_str(&arg, "__parameters__").map(|p| tuple_items(&p)).unwrap_or_default();
            if sub.is_empty() {
                out.push(arg);
            } else {
                let vals: Vec<Obj> = sub.iter().map(|p| arg_for(p).unwrap_or_else(|| p.clone())).collect();
                out.push(ops::getitem(&arg, &if vals.len() == 1 { vals[0].clone() } else { Obj::tuple(vals) })?);
            }
        }
    }
    Ok(out)
}

/// The type variables among `args` and in their own `__parameters__`, first seen first.
fn type_parameters(args: &[Obj]) -> Obj {
    let mut params = Vec::new();
    for a in args {
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
    Obj::tuple(params)
}

// ---------------------------------------------------------------- UnionType

/// `types.UnionType`; from 3.14 it is `typing.Union` too: subscriptable (`Union[int, str]`)
/// and with an `__origin__`.
fn make_union_class() -> PyResult {
    let v314 = crate::modules::sys::python_minor() >= 14;
    let cls = native_class(
        if v314 { "Union" } else { "UnionType" },
        if v314 { "typing" } else { "types" },
        vec![],
        &[
            ("__repr__", |t, _a, _k| {
                let parts: PyResult<Vec<String>> =
                    union_args(t).unwrap_or_default().iter().map(|a| if a.is(&crate::objects::none::NONE_TYPE.obj()) { Ok("None".to_string()) } else { type_arg_repr(a) }).collect();
                Ok(Obj::string(parts?.join(" | ")))
            }),
            ("__or__", |t, a, _k| union_or(t, &a[0])),
            ("__ror__", |t, a, _k| union_or(&a[0], t)),
            ("__getitem__", |t, a, _k| {
                let args = substitute(t, &a[0])?;
                if crate::modules::sys::python_minor() >= 14 {
                    return union_from(&Obj::tuple(args));
                }
                let mut it = args.into_iter();
                let first = it.next().unwrap_or_else(Obj::none);
                it.try_fold(first, |acc, x| ops::binary_op(&acc, &x, ops::BinOp::Or))
            }),
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
    )?;
    if v314 {
        let getitem = crate::builtins::builtin_fn_obj("__class_getitem__", |a, _k| union_from(&a[1]));
        let ns = cls.as_type().dict.borrow().clone().unwrap();
        dict_set(&ns, Obj::str("__class_getitem__"), crate::objects::module::new_descr(2, getitem, None))?;
        dict_set(&ns, Obj::str("__origin__"), native_property("__origin__", |t| Ok(t.ty().obj())))?;
    }
    Ok(cls)
}

/// 3.14 `Union[args]`: each argument type-checked as typing does (a str becomes a
/// ForwardRef), None as NoneType, nested unions flattened, duplicates dropped; one left is
/// itself.
fn union_from(args: &Obj) -> PyResult {
    let items = match crate::objects::tuple::try_tuple_items(args) {
        Some(t) if args.is_type(&crate::objects::tuple::TUPLE_TYPE) => t.to_vec(),
        _ => vec![args.clone()],
    };
    let check = ops::getattr_str(&crate::modules::importer::find_and_load("typing")?, "_type_check")?;
    let mut members: Vec<Obj> = Vec::new();
    for a in items {
        let a = if a.is_none() { crate::objects::none::NONE_TYPE.obj() } else { a };
        let flat = match union_args(&a) {
            Some(inner) => inner,
            None => vec![crate::call(&check, vec![a, Obj::str("Union[arg, ...]: each arg must be a type.")], None)?],
        };
        for m in flat {
            let mut seen = false;
            for x in &members {
                if x.is(&m) || ops::is_true(&ops::compare(x, &m, ops::CmpOp::Eq)?)? {
                    seen = true;
                    break;
                }
            }
            if !seen {
                members.push(m);
            }
        }
    }
    match members.len() {
        0 => Err(type_error("Cannot take a Union of no types.")),
        1 => Ok(members.pop().unwrap()),
        _ => {
            let cls = cached_class(&UNION, make_union_class)?;
            let params = type_parameters(&members);
            instance_with(&cls, &[("__args__", Obj::tuple(members)), ("__parameters__", params)])
        }
    }
}

/// `typing.Union` of 3.14 (`types.UnionType`).
pub fn union_class() -> PyResult {
    cached_class(&UNION, make_union_class)
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
    o.is_none() || o.layout() == Layout::Type || is_generic_alias(o) || union_args(o).is_some() || super::ctyping::unionable(o)
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
    let params = type_parameters(&args);
    instance_with(&cls, &[("__args__", Obj::tuple(args)), ("__parameters__", params)])
}

fn frozen(items: Vec<Obj>) -> PyResult {
    let s = crate::objects::set::new_set(true);
    for i in items {
        crate::objects::set::set_add(&s, i)?;
    }
    Ok(s)
}

// ---------------------------------------------------------------- slots of builtin types

const SEQ: &[&str] = &["__len__", "__iter__", "__contains__", "__getitem__", "__add__", "__mul__", "__rmul__", "__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__hash__", "__repr__"];
const MUT_SEQ: &[&str] = &["__setitem__", "__delitem__", "__iadd__", "__imul__", "__reversed__"];
const MAPPING: &[&str] = &["__len__", "__iter__", "__contains__", "__getitem__", "__setitem__", "__delitem__", "__reversed__", "__or__", "__ror__", "__ior__", "__eq__", "__ne__", "__repr__"];
const SET: &[&str] = &["__len__", "__iter__", "__contains__", "__and__", "__rand__", "__or__", "__ror__", "__sub__", "__rsub__", "__xor__", "__rxor__", "__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__repr__"];
const NUM: &[&str] = &[
    "__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__truediv__", "__rtruediv__", "__floordiv__", "__rfloordiv__",
    "__mod__", "__rmod__", "__pow__", "__rpow__", "__neg__", "__pos__", "__abs__", "__bool__", "__eq__", "__ne__", "__lt__", "__le__",
    "__gt__", "__ge__", "__hash__", "__int__", "__float__", "__repr__",
];
const INT_EXTRA: &[&str] = &["__index__", "__and__", "__rand__", "__or__", "__ror__", "__xor__", "__rxor__", "__lshift__", "__rlshift__", "__rshift__", "__rrshift__", "__invert__"];
const ROUNDING: &[&str] = &["__round__", "__trunc__", "__floor__", "__ceil__"];
const NOT_COMPLEX: &[&str] = &["__floordiv__", "__rfloordiv__", "__mod__", "__rmod__", "__int__", "__float__"];
const FORMATTING: &[&str] = &["__mod__", "__rmod__"];
const BYTEARRAY_MUT: &[&str] = &["__setitem__", "__delitem__", "__iadd__", "__imul__"];
const ITER: &[&str] = &["__iter__", "__next__"];
const CALL: &[&str] = &["__call__", "__get__"];

/// The special methods a builtin type implements through its layout (what its `__dict__`
/// lists as slot wrappers), and whether it sets `__hash__` to None.
pub fn layout_slots(t: &'static TypeObject) -> (Vec<&'static str>, bool) {
    let mut v: Vec<&'static str> = Vec::new();
    let mut unhashable = false;
    match t.layout {
        Layout::List => {
            v.extend(SEQ);
            v.extend(MUT_SEQ);
            unhashable = true;
        }
        Layout::Tuple => v.extend(SEQ),
        Layout::Str => {
            v.extend(SEQ);
            v.extend(FORMATTING);
        }
        Layout::Bytes if std::ptr::eq(t, &crate::objects::bytes::BYTEARRAY_TYPE) => {
            v.extend(SEQ.iter().filter(|n| **n != "__hash__"));
            v.extend(FORMATTING);
            v.extend(BYTEARRAY_MUT);
            unhashable = true;
        }
        Layout::Bytes => {
            v.extend(SEQ);
            v.extend(FORMATTING);
        }
        Layout::Range => v.extend(&["__len__", "__iter__", "__contains__", "__getitem__", "__reversed__", "__hash__", "__eq__", "__repr__", "__bool__"]),
        Layout::Deque => {
            v.extend(SEQ);
            v.extend(MUT_SEQ);
            unhashable = true;
        }
        Layout::Dict => {
            v.extend(MAPPING);
            unhashable = true;
        }
        Layout::Set => {
            v.extend(SET);
            if std::ptr::eq(t, &crate::objects::set::SET_TYPE) {
                v.extend(&["__iand__", "__ior__", "__isub__", "__ixor__"]);
                unhashable = true;
            } else {
                v.push("__hash__");
            }
        }
        Layout::DictView => v.extend(&["__len__", "__iter__", "__contains__", "__reversed__", "__and__", "__or__", "__sub__", "__xor__", "__eq__", "__repr__"]),
        Layout::Int => {
            v.extend(NUM);
            v.extend(INT_EXTRA);
            v.extend(ROUNDING);
        }
        Layout::Float => {
            v.extend(NUM);
            v.extend(ROUNDING);
        }
        Layout::Complex => v.extend(NUM.iter().filter(|n| !NOT_COMPLEX.contains(n))),
        Layout::SeqIter | Layout::RangeIter | Layout::DictIter | Layout::DynIter | Layout::SetIter => v.extend(ITER),
        Layout::Generator => v.extend(ITER),
        Layout::Coroutine => v.push("__await__"),
        Layout::Function | Layout::Method | Layout::Builtin | Layout::BuiltinMethod | Layout::NativeFn => v.extend(CALL),
        Layout::Type => v.push("__call__"),
        _ => {}
    }
    if !unhashable && !v.contains(&"__hash__") && !matches!(t.layout, Layout::Instance) {
        v.push("__hash__");
    }
    (v, unhashable)
}

/// The slot `name` of the first builtin type on `t`'s MRO that has it, as its unbound
/// wrapper (`list.__len__`); None (the object) for `__hash__` of an unhashable type.
pub fn builtin_slot_on_mro(t: &'static TypeObject, name: &str) -> Option<Obj> {
    for c in t.mro_list() {
        if c.heap {
            continue;
        }
        let (slots, unhashable) = layout_slots(c);
        if let Some(n) = slots.into_iter().find(|n| *n == name) {
            if n == "__hash__" && unhashable {
                return Some(Obj::none());
            }
            return Some(slot_wrapper(c, n));
        }
    }
    None
}

/// Whether the builtin type nearest on `t`'s MRO sets `__hash__` to None (list, dict, set,
/// bytearray, ...): `list.__hash__` and `[].__hash__` are None.
pub fn builtin_unhashable(t: &'static TypeObject) -> bool {
    t.mro_list().into_iter().find(|c| !c.heap).map(|c| layout_slots(c).1).unwrap_or(false)
}

thread_local! {
    static SLOT_WRAPPERS: RefCell<std::collections::HashMap<(usize, usize), Obj>> = RefCell::new(std::collections::HashMap::new());
}

/// An unbound slot wrapper: `list.__len__(x)` is `len(x)`, `int.__add__(a, b)` is `a + b`
/// (one object per type and name, so `int.__repr__ is int.__repr__`).
pub fn slot_wrapper(t: &'static TypeObject, name: &'static str) -> Obj {
    let key = (t as *const TypeObject as usize, name.as_ptr() as usize);
    if let Some(w) = SLOT_WRAPPERS.with(|m| m.borrow().get(&key).cloned()) {
        return w;
    }
    let w = match crate::hooks::SLOTS.get() {
        Some(h) => (h.make_wrapper)(t, name),
        None => crate::hooks::not_linked("a builtin type's slot wrapper"),
    };
    SLOT_WRAPPERS.with(|m| m.borrow_mut().insert(key, w.clone()));
    w
}

/// The slot wrappers' maker, installed per program (`hooks::SLOTS`).
pub static SLOT_HOOKS: crate::hooks::Slots = crate::hooks::Slots { make_wrapper: make_slot_wrapper };

fn make_slot_wrapper(t: &'static TypeObject, name: &'static str) -> Obj {
    new_native_fn(
        &NATIVE_FN_TYPE,
        name,
        Box::new(move |a, k| {
            crate::objects::str::no_kw(name, k)?;
            if a.is_empty() || !a[0].ty().is_subtype(t) {
                return Err(type_error(format!(
                    "descriptor '{}' requires a '{}' object but received a '{}'",
                    name,
                    t.name,
                    a.get(0).map(|x| x.type_name().to_string()).unwrap_or_else(|| "NoneType".into())
                )));
            }
            base_slot(t, name, &a[0], &a[1..])
        }),
    )
}

/// A builtin type's slot applied to `o` without its class's overrides (what `super()`
/// and `dict.__setitem__(self, ...)` reach): containers are changed in place, values of
/// immutable builtin bases are unwrapped to the plain builtin object first.
pub fn base_slot(t: &'static TypeObject, name: &str, o: &Obj, a: &[Obj]) -> PyResult {
    use crate::objects::{dict, list};
    let arg = |i: usize| a.get(i).cloned().ok_or_else(|| type_error(format!("expected {} argument(s)", i + 1)));
    match (t.layout, name) {
        (Layout::Dict, "__setitem__") => return dict::dict_set(o, arg(0)?, arg(1)?).map(|_| Obj::none()),
        // dict_subscript: a subclass's __missing__ on every path
        (Layout::Dict, "__getitem__") => return dict::dict_getitem(o, &arg(0)?),
        (Layout::Dict, "__delitem__") => return dict::dict_delitem(o, &arg(0)?).map(|_| Obj::none()),
        (Layout::Dict, "__contains__") => return Ok(Obj::bool(dict::dict_get(o, &arg(0)?)?.is_some())),
        (Layout::Dict, "__len__") => return Ok(Obj::int(dict::dict_len(o) as i64)),
        (Layout::Dict, "__iter__") => return Ok(dict::dict_iter(o, 0)),
        (Layout::Dict, "__eq__") | (Layout::Dict, "__ne__") => {
            // as plain dicts: a subclass's own __eq__ (OrderedDict's) calls dict.__eq__
            let other = arg(0)?;
            if other.layout() != Layout::Dict {
                return Ok(Obj::not_implemented());
            }
            let plain = |x: &Obj| crate::call(&crate::objects::dict::DICT_TYPE.obj(), vec![x.clone()], None);
            let eq = ops::compare_bool(&plain(o)?, &plain(&other)?, ops::CmpOp::Eq)?;
            return Ok(Obj::bool(eq == (name == "__eq__")));
        }
        (Layout::Dict, "__repr__") => {
            return crate::call(&crate::objects::dict::DICT_TYPE.obj(), vec![o.clone()], None).and_then(|d| ops::to_repr(&d))
        }
        (Layout::List, "__setitem__") => return list::list_setitem(o, &arg(0)?, arg(1)?).map(|_| Obj::none()),
        (Layout::List, "__getitem__") => return list::list_getitem(o, &arg(0)?),
        (Layout::List, "__delitem__") => return list::list_delitem(o, &arg(0)?).map(|_| Obj::none()),
        (Layout::List, "__len__") => return Ok(Obj::int(list::as_list(o).unwrap().borrow().len() as i64)),
        (Layout::List, "__iter__") => return Ok(crate::objects::iter::seq_iter(&crate::objects::iter::LIST_ITER_TYPE, o.clone())),
        _ => {}
    }
    call_slot(name, &unheap(o), a)
}

/// The plain builtin value of an instance of a class deriving from an immutable builtin.
pub fn unheap(o: &Obj) -> Obj {
    if !o.ty().heap {
        return o.clone();
    }
    match o.layout() {
        Layout::Int => match crate::objects::int::as_int(o).unwrap() {
            crate::objects::int::IntVal::Small(i) => Obj::int(*i),
            crate::objects::int::IntVal::Big(b) => crate::objects::int::int_from_big((**b).clone()),
        },
        Layout::Float => Obj::float(crate::objects::float::as_float(o).unwrap()),
        Layout::Str => Obj::str(o.as_str().unwrap()),
        Layout::Tuple => Obj::tuple(crate::objects::tuple::try_tuple_items(o).unwrap().to_vec()),
        _ => o.clone(),
    }
}

fn call_slot(name: &str, o: &Obj, a: &[Obj]) -> PyResult {
    use ops::{BinOp::*, CmpOp::*};
    let arg = |i: usize| a.get(i).cloned().ok_or_else(|| type_error(format!("expected {} argument(s)", i + 1)));
    // the builtin's own operation on both values: `str.__add__(self, other)` of a str
    // subclass must not dispatch to the other operand's __radd__ (markupsafe's Markup)
    let arg0 = || arg(0).map(|x| unheap(&x));
    let bin = |op| ops::binary_op(o, &arg0()?, op);
    let rbin = |op| ops::binary_op(&arg0()?, o, op);
    let cmp = |op| ops::compare(o, &arg0()?, op);
    match name {
        "__len__" => Ok(Obj::int(ops::len(o)? as i64)),
        "__iter__" => ops::get_iter(o),
        "__next__" => match ops::iter_next(o)? {
            Some(v) => Ok(v),
            None => Err(crate::objects::exceptions::stop_iteration()),
        },
        "__contains__" => Ok(Obj::bool(ops::contains(o, &arg(0)?)?)),
        "__getitem__" => ops::getitem(o, &arg(0)?),
        "__setitem__" => ops::setitem(o, &arg(0)?, arg(1)?).map(|_| Obj::none()),
        "__delitem__" => ops::delitem(o, &arg(0)?).map(|_| Obj::none()),
        // what remains heap here (a class with a metaclass, an instance) hashes by identity:
        // dispatching would find the override that called this slot again
        "__hash__" if o.ty().heap => {
            let p = o.addr() as u64;
            Ok(Obj::int(((p >> 4) | (p << 60)) as i64))
        }
        "__hash__" => Ok(Obj::int(ops::hash(o)?)),
        "__repr__" => ops::to_repr(o),
        "__bool__" => Ok(Obj::bool(ops::is_true(o)?)),
        "__call__" => crate::call(o, a.to_vec(), None),
        "__reversed__" => crate::call(&crate::printer_support::builtin("reversed"), vec![o.clone()], None),
        "__index__" | "__int__" => crate::call(&crate::objects::int::INT_TYPE.obj(), vec![o.clone()], None),
        "__float__" => crate::call(&crate::objects::float::FLOAT_TYPE.obj(), vec![o.clone()], None),
        "__neg__" => ops::unary_neg(o),
        "__pos__" => ops::unary_pos(o),
        "__invert__" => ops::unary_invert(o),
        "__abs__" => crate::builtins::b_abs(&[o.clone()], None),
        "__eq__" => cmp(Eq),
        "__ne__" => cmp(Ne),
        "__lt__" => cmp(Lt),
        "__le__" => cmp(Le),
        "__gt__" => cmp(Gt),
        "__ge__" => cmp(Ge),
        "__add__" => bin(Add),
        "__sub__" => bin(Sub),
        "__mul__" => bin(Mul),
        "__truediv__" => bin(TrueDiv),
        "__floordiv__" => bin(FloorDiv),
        "__mod__" => bin(Mod),
        "__pow__" => bin(Pow),
        "__and__" => bin(And),
        "__or__" => bin(Or),
        "__xor__" => bin(Xor),
        "__lshift__" => bin(LShift),
        "__rshift__" => bin(RShift),
        "__radd__" => rbin(Add),
        "__rsub__" => rbin(Sub),
        "__rmul__" => rbin(Mul),
        "__rtruediv__" => rbin(TrueDiv),
        "__rfloordiv__" => rbin(FloorDiv),
        "__rmod__" => rbin(Mod),
        "__rpow__" => rbin(Pow),
        "__rand__" => rbin(And),
        "__ror__" => rbin(Or),
        "__rxor__" => rbin(Xor),
        "__rlshift__" => rbin(LShift),
        "__rrshift__" => rbin(RShift),
        "__iadd__" => ops::inplace_op(o, &arg(0)?, Add),
        "__imul__" => ops::inplace_op(o, &arg(0)?, Mul),
        "__ior__" => ops::inplace_op(o, &arg(0)?, Or),
        "__iand__" => ops::inplace_op(o, &arg(0)?, And),
        "__isub__" => ops::inplace_op(o, &arg(0)?, Sub),
        "__ixor__" => ops::inplace_op(o, &arg(0)?, Xor),
        "__round__" => crate::builtins::b_round(&[vec![o.clone()], a.to_vec()].concat(), None),
        "__trunc__" => crate::call(&crate::objects::int::INT_TYPE.obj(), vec![o.clone()], None),
        "__floor__" | "__ceil__" => rounded_to_int(o, name == "__floor__"),
        // a builtin function's or slot wrapper's __get__ binds it, as a method-wrapper:
        // attrs binds `object.__setattr__.__get__(self)`
        "__get__" if crate::builtins::is_callable(o) => {
            let inst = arg(0)?;
            Ok(if inst.is_none() { o.clone() } else { crate::objects::function::new_method(o.clone(), inst) })
        }
        _ => Err(type_error(format!("slot {} is not supported", name))),
    }
}

/// int.__floor__ / float.__ceil__ and friends: the int nearest below (or above).
fn rounded_to_int(o: &Obj, down: bool) -> PyResult {
    match crate::objects::float::as_float(o) {
        Some(f) => crate::builtins::float_to_int(if down { f.floor() } else { f.ceil() }),
        None => crate::call(&crate::objects::int::INT_TYPE.obj(), vec![o.clone()], None),
    }
}

// ---------------------------------------------------------------- SimpleNamespace

thread_local! {
    static NAMESPACE: RefCell<Option<Obj>> = RefCell::new(None);
    static TRACEBACK: RefCell<Option<Obj>> = RefCell::new(None);
    static GETSET: RefCell<Option<Obj>> = RefCell::new(None);
    static MEMBER: RefCell<Option<Obj>> = RefCell::new(None);
}

fn make_namespace_class() -> PyResult {
    native_class(
        "SimpleNamespace",
        "types",
        vec![],
        &[
            ("__init__", |t, a, k| {
                let (pos, kws) = crate::builtins::split_kw(a, k);
                if pos.len() > 1 {
                    return Err(type_error(format!("SimpleNamespace expected at most 1 argument, got {}", pos.len())));
                }
                let d = instance_dict(t).unwrap();
                if let Some(m) = pos.get(0) {
                    for (key, v) in crate::helpers::mapping_items(m)? {
                        if key.as_str().is_none() {
                            return Err(type_error(format!("keywords must be strings, not '{}'", key.type_name())));
                        }
                        dict_set(&d, key, v)?;
                    }
                }
                for (key, v) in kws {
                    dict_set(&d, Obj::str(key), v.clone())?;
                }
                Ok(Obj::none())
            }),
            ("__repr__", |t, _a, _k| {
                let name = if t.ty().module == "types" && t.ty().name == "SimpleNamespace" { "namespace".to_string() } else { t.ty().name.to_string() };
                crate::repr::with_repr_guard(t, &format!("{}(...)", name), || {
                    let d = instance_dict(t).unwrap();
                    let mut parts = Vec::new();
                    for (k, v) in crate::objects::dict::dict_items(&d) {
                        parts.push(format!("{}={}", ops::str_string(&k)?, ops::repr_string(&v)?));
                    }
                    Ok(format!("{}({})", name, parts.join(", ")))
                })
                .map(Obj::string)
            }),
            ("__eq__", |t, a, _k| {
                let ns = NAMESPACE.with(|n| n.borrow().clone()).unwrap();
                if !a[0].is_instance_of(ns.as_type()) || !t.is_instance_of(ns.as_type()) {
                    return Ok(Obj::not_implemented());
                }
                ops::compare(&instance_dict(t).unwrap(), &instance_dict(&a[0]).unwrap(), ops::CmpOp::Eq)
            }),
            ("__reduce__", |t, _a, _k| {
                Ok(Obj::tuple3(t.ty().obj(), Obj::tuple(vec![]), instance_dict(t).unwrap()))
            }),
        ],
        &[],
    )
}

/// `types.SimpleNamespace(**kw)`
pub fn simple_namespace(attrs: &[(&str, Obj)]) -> PyResult {
    let cls = cached_class(&NAMESPACE, make_namespace_class)?;
    instance_with(&cls, attrs)
}

// ---------------------------------------------------------------- tracebacks

fn make_traceback_class() -> PyResult {
    native_class("traceback", "builtins", vec![], &[], &[])
}

/// `exc.__traceback__`: traceback objects for the entries (outermost first) recorded so far.
pub fn traceback_object(entries: &[(&'static CodeInfo, u32)]) -> PyResult {
    if entries.is_empty() {
        return Ok(Obj::none());
    }
    let cls = cached_class(&TRACEBACK, make_traceback_class)?;
    let mut next = Obj::none();
    for (code, line) in entries.iter().rev() {
        let frame = entry_frame(code, *line)?;
        next = instance_with(
            &cls,
            &[("tb_next", next), ("tb_frame", frame), ("tb_lineno", Obj::int(*line as i64)), ("tb_lasti", Obj::int(-1))],
        )?;
    }
    Ok(next)
}

/// A frame object for one traceback entry: its code and line (what `traceback.extract_tb`
/// reads), the globals of a live call of the same code if there is one. The entry's own frame
/// may have returned, so it has no `f_back` and no locals.
fn entry_frame(code: &'static CodeInfo, line: u32) -> PyResult {
    let n = crate::objects::function::frame_count();
    let globals = (0..n)
        .rev()
        .filter_map(crate::objects::function::frame_function)
        .filter_map(|f| crate::objects::function::as_func(&f).filter(|f| std::ptr::eq(f.code(), code)).map(|f| f.globals.clone()))
        .next()
        .unwrap_or_else(new_dict);
    let cls = cached_class(&FRAME, make_frame_class)?;
    instance_with(
        &cls,
        &[
            (FR, Obj::int(0)),
            ("f_globals", globals),
            ("f_builtins", crate::builtins::builtins_dict()),
            ("f_code", code_object(code)),
            ("f_lineno", Obj::int(line as i64)),
            ("f_trace", Obj::none()),
        ],
    )
}

// ---------------------------------------------------------------- descriptors of builtin types

fn make_descr_class(name: &str) -> PyResult {
    native_class(
        name,
        "builtins",
        vec![],
        &[
            ("__get__", |t, a, _k| {
                if a.is_empty() || a[0].is_none() {
                    return Ok(t.clone());
                }
                ops::getattr(&a[0], &hidden(t, "__name__")?)
            }),
            ("__repr__", |t, _a, _k| {
                Ok(Obj::string(format!(
                    "<attribute '{}' of '{}' objects>",
                    ops::str_string(&hidden(t, "__name__")?)?,
                    ops::str_string(&ops::getattr_str(&hidden(t, "__objclass__")?, "__name__")?)?
                )))
            }),
        ],
        &[],
    )
}

/// A data attribute of a builtin type seen on the type (`FunctionType.__code__`).
pub fn builtin_attr_descriptor(t: &'static TypeObject, name: &str) -> Option<Obj> {
    use crate::objects::function::FUNCTION_TYPE;
    let getset = std::ptr::eq(t, &FUNCTION_TYPE) && matches!(name, "__code__" | "__defaults__" | "__kwdefaults__" | "__annotations__" | "__dict__" | "__name__" | "__qualname__");
    let member = std::ptr::eq(t, &FUNCTION_TYPE) && matches!(name, "__globals__" | "__closure__" | "__module__" | "__doc__" | "__builtins__");
    if !getset && !member {
        return None;
    }
    let cls = if getset {
        cached_class(&GETSET, || make_descr_class("getset_descriptor")).ok()?
    } else {
        cached_class(&MEMBER, || make_descr_class("member_descriptor")).ok()?
    };
    instance_with(&cls, &[("__name__", Obj::str(name)), ("__objclass__", t.obj())]).ok()
}

thread_local! {
    static NEWS: RefCell<std::collections::HashMap<usize, Obj>> = RefCell::new(std::collections::HashMap::new());
}

/// `int.__new__`, `str.__new__`, ...: a builtin type's own constructor (distinct from
/// `object.__new__`), building an instance of the class given first.
pub fn builtin_new(t: &'static TypeObject) -> Option<Obj> {
    if t.heap || !matches!(t.layout, Layout::Int | Layout::Float | Layout::Complex | Layout::Str | Layout::Bytes | Layout::Tuple | Layout::List | Layout::Dict | Layout::Set | Layout::Range | Layout::Exception) {
        return None;
    }
    let key = t as *const TypeObject as usize;
    if let Some(n) = NEWS.with(|m| m.borrow().get(&key).cloned()) {
        return Some(n);
    }
    let n = new_native_fn(
        &NATIVE_FN_TYPE,
        "__new__",
        Box::new(move |a, k| {
            if a.is_empty() {
                return Err(type_error(format!("{}.__new__(): not enough arguments", t.name)));
            }
            if a[0].layout() != Layout::Type || !a[0].as_type().is_subtype(t) {
                return Err(type_error(format!("{}.__new__({}): {} is not a subtype of {}", t.name, a[0].type_name(), a[0].type_name(), t.name)));
            }
            crate::objects::typeobj::obj_new(&a[0], &a[1..], k)
        }),
    );
    NEWS.with(|m| m.borrow_mut().insert(key, n.clone()));
    Some(n)
}
