//! The `dataclasses` module: @dataclass (init, repr, eq, order, frozen), field(),
//! fields(), asdict(), astuple(), replace(), is_dataclass().
use crate::object::{Layout, Obj, TypeObject};
use crate::objects::builtin_fn::{new_builtin, new_native_fn, BuiltinFn, NATIVE_FN_TYPE, NATIVE_METHOD_TYPE};
use crate::objects::dict::{dict_get_str, dict_items, dict_set, new_dict};
use crate::objects::exceptions::{new_exc, type_error, ATTRIBUTE_ERROR};
use crate::objects::typeobj::type_setattr;
use crate::{builtins::split_kw, call, ops, CmpOp, PyResult};
use std::rc::Rc;

crate::static_type!(FIELD_TYPE, "Field", &crate::objects::typeobj::OBJECT_TYPE, Instance, &[]);
crate::static_type!(MISSING_TYPE, "_MISSING_TYPE", &crate::objects::typeobj::OBJECT_TYPE, Instance, &[]);

/// dataclasses.FrozenInstanceError (an AttributeError).
pub static FROZEN_INSTANCE_ERROR: TypeObject = TypeObject {
    ob: crate::object::PyObjectHeader { refcnt: std::cell::Cell::new(crate::object::IMMORTAL), ty: &crate::objects::typeobj::TYPE_TYPE },
    name: "FrozenInstanceError",
    base: &ATTRIBUTE_ERROR,
    layout: Layout::Exception,
    methods: std::cell::Cell::new(&[]),
    dict: std::cell::RefCell::new(None),
    mro: std::cell::RefCell::new(Vec::new()),
    heap: false,
    module: "dataclasses",
};

// CPython generates a frozen class's __setattr__/__delattr__ with exec(), so its tracebacks
// show a frame `File "<string>", line 4, in __setattr__`; these describe that frame.
fn no_entry(_f: &Obj, _p: Vec<Obj>) -> PyResult {
    Ok(Obj::none())
}
static FROZEN_SETATTR_CODE: crate::CodeInfo = frozen_code("__setattr__", "self name value", 3);
static FROZEN_DELATTR_CODE: crate::CodeInfo = frozen_code("__delattr__", "self name", 2);
const fn frozen_code(name: &'static str, varnames: &'static str, argcount: u32) -> crate::CodeInfo {
    crate::CodeInfo {
        name,
        qualname: name,
        filename: "<string>",
        firstlineno: 2,
        argcount,
        posonlyargcount: 0,
        kwonlyargcount: 0,
        flags: 0,
        varnames: crate::objects::function::Names(varnames),
        entry: no_entry,
        fast: crate::objects::function::Fast::No,
    }
}

/// The __setattr__ (`delete` false) or __delattr__ of a frozen dataclass `cls`: raises
/// FrozenInstanceError when `type(self) is cls or name in fields`, else defers to object's.
fn frozen_guard(cls: &'static TypeObject, specs: Rc<Vec<FieldSpec>>, delete: bool, line: u32) -> Obj {
    let name = if delete { "__delattr__" } else { "__setattr__" };
    new_native_fn(&NATIVE_METHOD_TYPE, name, Box::new(move |a, _k| {
        crate::objects::str::nargs(name, a, if delete { 2 } else { 3 }, if delete { 2 } else { 3 })?;
        let (this, attr) = (&a[0], &a[1]);
        let is_field = specs.iter().any(|s| ops::compare_bool(&s.name, attr, CmpOp::Eq).unwrap_or(false));
        if std::ptr::eq(this.ty(), cls) || is_field {
            let verb = if delete { "delete" } else { "assign to" };
            let msg = format!("cannot {} field {}", verb, ops::repr_string(attr)?);
            let code = if delete { &FROZEN_DELATTR_CODE } else { &FROZEN_SETATTR_CODE };
            return Err(new_exc(&FROZEN_INSTANCE_ERROR, msg).add_frame(code, line));
        }
        let object = &crate::objects::typeobj::OBJECT_TYPE;
        let f = object.find_method(name).unwrap();
        f(this, &a[1..], None)
    }))
}

/// The line of `raise FrozenInstanceError` in the generated __setattr__ (__delattr__'s is 4
/// lines further). Up to 3.12 each method is exec'd alone (line 4); from 3.13 all of a class's
/// methods are one exec'd text, in this order: __init__ (a line per field it sets, the
/// __post_init__ call, or `pass`), __repr__ (3 lines with its decorator), __eq__ (6),
/// __lt__/__le__/__gt__/__ge__ (4 each), then __setattr__ and __delattr__; each generated
/// whether or not the class defines the method itself.
fn frozen_raise_line(specs: &[FieldSpec], init: bool, repr: bool, eq: bool, order: bool, post_init: bool) -> u32 {
    if crate::modules::sys::python_minor() < 13 {
        return 4;
    }
    let mut line = 1; // def __create_fn__(...):
    if init {
        let body = specs.iter().filter(|s| s.init || s.factory.is_some()).count() + post_init as usize;
        line += 1 + body.max(1) as u32;
    }
    for (on, lines) in [(repr, 3), (eq, 6), (order, 16)] {
        if on {
            line += lines;
        }
    }
    line + 3 // def __setattr__, if ..., raise
}

#[derive(Clone)]
struct FieldSpec {
    name: Obj,
    default: Option<Obj>,
    factory: Option<Obj>,
    init: bool,
    repr: bool,
    compare: bool,
}

/// field(*, default=..., default_factory=..., init=True, repr=True, compare=True)
fn field(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (_pos, kws) = split_kw(a, kw);
    let f = crate::objects::typeobj::new_instance(&FIELD_TYPE);
    let d = crate::objects::typeobj::instance_dict(&f).unwrap();
    for (k, v) in kws {
        dict_set(&d, Obj::str(k), v.clone())?;
    }
    Ok(f)
}

fn field_specs(cls: &'static TypeObject) -> PyResult<Vec<FieldSpec>> {
    let mut specs: Vec<FieldSpec> = Vec::new();
    // inherited fields first
    if let Some(base) = cls.base() {
        if base.heap {
            if let Some(inherited) = specs_of(base) {
                specs.extend(inherited);
            }
        }
    }
    let ns = cls.dict.borrow().clone().unwrap_or_else(new_dict);
    let own = if crate::modules::sys::python_minor() >= 14 {
        crate::objects::typeobj::type_annotations(cls, &cls.obj())?
    } else {
        dict_get_str(&ns, &Obj::str("__annotations__"))
    };
    let ann = own.unwrap_or_else(new_dict);
    for (name, annotation) in dict_items(&ann) {
        let ann_s = ops::repr_string(&annotation).unwrap_or_default();
        if ann_s.contains("ClassVar") {
            continue;
        }
        let mut spec = FieldSpec { name: name.clone(), default: None, factory: None, init: true, repr: true, compare: true };
        if let Some(v) = dict_get_str(&ns, &name) {
            if v.is_type(&FIELD_TYPE) {
                let fd = crate::objects::typeobj::instance_dict(&v).unwrap();
                let get = |k: &str| dict_get_str(&fd, &Obj::str(k));
                spec.default = get("default");
                spec.factory = get("default_factory");
                spec.init = get("init").map(|x| ops::is_true(&x)).transpose()?.unwrap_or(true);
                spec.repr = get("repr").map(|x| ops::is_true(&x)).transpose()?.unwrap_or(true);
                spec.compare = get("compare").map(|x| ops::is_true(&x)).transpose()?.unwrap_or(true);
                // the class attribute becomes the plain default (or disappears)
                match &spec.default {
                    Some(d) => type_setattr(&cls.obj(), name.as_str().unwrap_or(""), d.clone())?,
                    None => {
                        crate::objects::typeobj::bump_type_version();
                        crate::objects::dict::dict_pop(&ns, &name)?;
                    }
                }
            } else {
                spec.default = Some(v);
            }
        }
        specs.retain(|s| !ops::eq(&s.name, &name).unwrap_or(false));
        specs.push(spec);
    }
    Ok(specs)
}

thread_local! {
    static SPECS: std::cell::RefCell<Vec<(usize, Rc<Vec<FieldSpec>>)>> = std::cell::RefCell::new(Vec::new());
}

fn specs_of(t: &'static TypeObject) -> Option<Vec<FieldSpec>> {
    SPECS.with(|s| s.borrow().iter().find(|(p, _)| *p == t as *const TypeObject as usize).map(|(_, v)| (**v).clone()))
}

fn values(o: &Obj, specs: &[FieldSpec], pred: fn(&FieldSpec) -> bool) -> PyResult<Vec<Obj>> {
    specs.iter().filter(|s| pred(s)).map(|s| field_value(o, &s.name)).collect()
}

/// `getattr(o, name)` for a field of a dataclass instance (the generated `__eq__`/`__lt__`/
/// `__hash__` read every compared field): straight from the instance dict when the class
/// has nothing that comes first (no data descriptor of that name, plain data or nothing
/// along the MRO) and does not override `__getattribute__`; else the generic lookup.
fn field_value(o: &Obj, name: &Obj) -> PyResult {
    if o.layout() == Layout::Instance && !crate::objects::typeobj::overrides_getattribute(o.ty()) {
        let plain = match crate::objects::typeobj::type_lookup_obj(o.ty(), name) {
            None => true,
            Some(a) => crate::objects::typeobj::is_plain_class_value(&a),
        };
        if plain {
            if let Some(v) = crate::objects::typeobj::instance_dict_get(o, name) {
                return Ok(v);
            }
        }
    }
    ops::getattr(o, name)
}

fn process(cls: Obj, opts: &[(String, bool)]) -> PyResult {
    if cls.layout() != Layout::Type {
        return Err(type_error("dataclass() should be called on a class"));
    }
    let t = cls.as_type();
    let opt = |n: &str, d: bool| opts.iter().find(|(k, _)| k == n).map(|(_, v)| *v).unwrap_or(d);
    let specs = Rc::new(field_specs(t)?);
    SPECS.with(|s| s.borrow_mut().push((t as *const TypeObject as usize, specs.clone())));
    let qual = t.name.to_string();
    let frozen = opt("frozen", false);
    let eq = opt("eq", true);
    let ns_has = |n: &str| t.dict.borrow().as_ref().and_then(|d| dict_get_str(d, &Obj::str(n))).is_some();
    let opts_init = opt("init", true);
    let has_post_init = ops::getattr_str(&cls, "__post_init__").is_ok();
    if opt("init", true) && !ns_has("__init__") {
        let sp = specs.clone();
        let q = qual.clone();
        let init = new_native_fn(&NATIVE_METHOD_TYPE, "__init__", Box::new(move |a, kw| {
            let (pos, kws) = split_kw(a, kw);
            let this = &pos[0];
            let args = &pos[1..];
            let init_fields: Vec<&FieldSpec> = sp.iter().filter(|s| s.init).collect();
            if args.len() > init_fields.len() {
                return Err(type_error(format!(
                    "{}.__init__() takes {} positional argument{} but {} were given",
                    q,
                    init_fields.len() + 1,
                    if init_fields.len() == 0 { "" } else { "s" },
                    args.len() + 1
                )));
            }
            let mut missing = Vec::new();
            for (i, f) in init_fields.iter().enumerate() {
                let fname = f.name.as_str().unwrap_or("");
                let from_kw = kws.iter().find(|(k, _)| *k == fname).map(|(_, v)| (*v).clone());
                if i < args.len() && from_kw.is_some() {
                    return Err(type_error(format!("{}.__init__() got multiple values for argument '{}'", q, fname)));
                }
                let v = if i < args.len() {
                    Some(args[i].clone())
                } else if let Some(v) = from_kw {
                    Some(v)
                } else if let Some(d) = &f.default {
                    Some(d.clone())
                } else if let Some(fac) = &f.factory {
                    Some(call(fac, vec![], None)?)
                } else {
                    missing.push(format!("'{}'", fname));
                    None
                };
                if let Some(v) = v {
                    crate::objects::typeobj::instance_dict_transient(this)
                        .map(|d| dict_set(&d, f.name.clone(), v))
                        .transpose()?;
                }
            }
            for (k, _) in &kws {
                if !init_fields.iter().any(|f| f.name.as_str() == Some(k)) {
                    return Err(type_error(format!("{}.__init__() got an unexpected keyword argument '{}'", q, k)));
                }
            }
            if !missing.is_empty() {
                return Err(type_error(format!(
                    "{}.__init__() missing {} required positional argument{}: {}",
                    q,
                    missing.len(),
                    if missing.len() == 1 { "" } else { "s" },
                    match missing.len() {
                        1 => missing[0].clone(),
                        2 => format!("{} and {}", missing[0], missing[1]),
                        n => format!("{}, and {}", missing[..n - 1].join(", "), missing[n - 1]),
                    }
                )));
            }
            for f in sp.iter().filter(|s| !s.init) {
                let v = match (&f.default, &f.factory) {
                    (Some(d), _) => Some(d.clone()),
                    (None, Some(fac)) => Some(call(fac, vec![], None)?),
                    _ => None,
                };
                if let Some(v) = v {
                    crate::objects::typeobj::instance_dict_transient(this).map(|d| dict_set(&d, f.name.clone(), v)).transpose()?;
                }
            }
            if let Some(post) = ops::lookup_special(this, "__post_init__") {
                call(&post, vec![this.clone()], None)?;
            }
            Ok(Obj::none())
        }));
        type_setattr(&cls, "__init__", init)?;
    }
    if opt("repr", true) && !ns_has("__repr__") {
        let sp = specs.clone();
        let r = new_native_fn(&NATIVE_METHOD_TYPE, "__repr__", Box::new(move |a, _k| {
            let this = &a[0];
            let mut parts = Vec::new();
            for f in sp.iter().filter(|s| s.repr) {
                let v = ops::getattr(this, &f.name)?;
                parts.push(format!("{}={}", f.name.as_str().unwrap_or(""), ops::repr_string(&v)?));
            }
            Ok(Obj::string(format!("{}({})", this.ty().name, parts.join(", "))))
        }));
        type_setattr(&cls, "__repr__", r)?;
    }
    if eq && !ns_has("__eq__") {
        let sp = specs.clone();
        let f = new_native_fn(&NATIVE_METHOD_TYPE, "__eq__", Box::new(move |a, _k| {
            if !std::ptr::eq(a[0].ty(), a[1].ty()) {
                return Ok(Obj::not_implemented());
            }
            let x = Obj::tuple(values(&a[0], &sp, |s| s.compare)?);
            let y = Obj::tuple(values(&a[1], &sp, |s| s.compare)?);
            ops::compare(&x, &y, CmpOp::Eq)
        }));
        type_setattr(&cls, "__eq__", f)?;
    }
    if opt("order", false) {
        for (name, op) in [("__lt__", CmpOp::Lt), ("__le__", CmpOp::Le), ("__gt__", CmpOp::Gt), ("__ge__", CmpOp::Ge)] {
            let sp = specs.clone();
            let f = new_native_fn(&NATIVE_METHOD_TYPE, name, Box::new(move |a, _k| {
                if !std::ptr::eq(a[0].ty(), a[1].ty()) {
                    return Ok(Obj::not_implemented());
                }
                let x = Obj::tuple(values(&a[0], &sp, |s| s.compare)?);
                let y = Obj::tuple(values(&a[1], &sp, |s| s.compare)?);
                ops::compare(&x, &y, op)
            }));
            type_setattr(&cls, name, f)?;
        }
    }
    if frozen {
        // __init__ must still be able to set fields: it writes the instance dict directly
        let line = frozen_raise_line(&specs, opts_init, opt("repr", true), eq, opt("order", false), has_post_init);
        type_setattr(&cls, "__setattr__", frozen_guard(t, specs.clone(), false, line))?;
        type_setattr(&cls, "__delattr__", frozen_guard(t, specs.clone(), true, line + 4))?;
    }
    if eq && !ns_has("__hash__") {
        if frozen {
            let sp = specs.clone();
            let h = new_native_fn(&NATIVE_METHOD_TYPE, "__hash__", Box::new(move |a, _k| {
                Ok(Obj::int(ops::hash(&Obj::tuple(values(&a[0], &sp, |s| s.compare)?))?))
            }));
            type_setattr(&cls, "__hash__", h)?;
        } else {
            type_setattr(&cls, "__hash__", Obj::none())?;
        }
    }
    let names = Obj::tuple(specs.iter().map(|s| s.name.clone()).collect());
    type_setattr(&cls, "__dataclass_fields__", names)?;
    let match_args = Obj::tuple(specs.iter().filter(|s| s.init).map(|s| s.name.clone()).collect());
    if crate::objects::typeobj::type_lookup(cls.as_type(), "__match_args__").is_none() {
        type_setattr(&cls, "__match_args__", match_args)?;
    }
    let _ = ATTRIBUTE_ERROR;
    Ok(cls)
}

fn dataclass(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(a, kw);
    let mut opts: Vec<(String, bool)> = Vec::new();
    for (k, v) in &kws {
        opts.push((k.to_string(), ops::is_true(v)?));
    }
    match pos.get(0) {
        Some(cls) if !cls.is_none() => process(cls.clone(), &opts),
        _ => Ok(new_native_fn(&NATIVE_FN_TYPE, "wrap", Box::new(move |a, _k| {
            crate::objects::str::nargs("dataclass", a, 1, 1)?;
            process(a[0].clone(), &opts)
        }))),
    }
}

fn specs_for(o: &Obj) -> PyResult<Vec<FieldSpec>> {
    let t = if o.layout() == Layout::Type { o.as_type() } else { o.ty() };
    specs_of(t).ok_or_else(|| type_error("must be called with a dataclass type or instance"))
}

fn fields(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    crate::objects::str::nargs("fields", a, 1, 1)?;
    let specs = specs_for(&a[0])?;
    let mut out = Vec::new();
    for s in specs {
        let f = crate::objects::typeobj::new_instance(&FIELD_TYPE);
        let d = crate::objects::typeobj::instance_dict(&f).unwrap();
        dict_set(&d, Obj::str("name"), s.name.clone())?;
        out.push(f);
    }
    Ok(Obj::tuple(out))
}

fn to_plain(v: &Obj, as_dict: bool) -> PyResult {
    if v.ty().heap && v.layout() == Layout::Instance {
        if let Ok(specs) = specs_for(v) {
            if as_dict {
                let d = new_dict();
                for s in specs {
                    let x = ops::getattr(v, &s.name)?;
                    dict_set(&d, s.name.clone(), to_plain(&x, true)?)?;
                }
                return Ok(d);
            }
            let mut out = Vec::new();
            for s in specs {
                out.push(to_plain(&ops::getattr(v, &s.name)?, false)?);
            }
            return Ok(Obj::tuple(out));
        }
    }
    match v.layout() {
        Layout::List => Ok(crate::objects::list::new_list(ops::collect_iterable(v)?.iter().map(|x| to_plain(x, as_dict)).collect::<PyResult<_>>()?)),
        Layout::Tuple if !v.ty().heap => Ok(Obj::tuple(ops::collect_iterable(v)?.iter().map(|x| to_plain(x, as_dict)).collect::<PyResult<_>>()?)),
        Layout::Dict => {
            let d = new_dict();
            for (k, x) in dict_items(v) {
                dict_set(&d, to_plain(&k, as_dict)?, to_plain(&x, as_dict)?)?;
            }
            Ok(d)
        }
        _ => Ok(v.clone()),
    }
}

fn replace(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(a, kw);
    crate::objects::str::nargs("replace", pos, 1, 1)?;
    let obj = &pos[0];
    let specs = specs_for(obj)?;
    let mut names = Vec::new();
    let mut vals = Vec::new();
    for s in specs.iter().filter(|s| s.init) {
        let n = s.name.as_str().unwrap_or("");
        let v = match kws.iter().find(|(k, _)| *k == n) {
            Some((_, v)) => (*v).clone(),
            None => ops::getattr(obj, &s.name)?,
        };
        names.push(s.name.clone());
        vals.push(v);
    }
    let kn = Obj::tuple(names);
    call(&obj.ty().obj(), vals, Some(&kn))
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("dataclasses"))?;
    let fns: &[(&'static str, BuiltinFn)] = &[
        ("dataclass", dataclass),
        ("field", field),
        ("fields", fields),
        ("asdict", |a, _| to_plain(&a[0], true)),
        ("astuple", |a, _| to_plain(&a[0], false)),
        ("replace", replace),
        ("is_dataclass", |a, _| Ok(Obj::bool(specs_for(&a[0]).is_ok()))),
    ];
    for (n, f) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *f))?;
    }
    dict_set(&d, Obj::str("FrozenInstanceError"), FROZEN_INSTANCE_ERROR.obj())?;
    // the class of what field() returns (3.14's _colorize imports it for its annotations)
    dict_set(&d, Obj::str("Field"), FIELD_TYPE.obj())?;
    dict_set(&d, Obj::str("MISSING"), crate::objects::typeobj::new_instance(&MISSING_TYPE))?;
    Ok(crate::objects::module::new_module("dataclasses", d))
}
