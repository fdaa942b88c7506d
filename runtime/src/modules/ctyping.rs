//! `_typing`: what CPython 3.12+ writes in C for `typing` (Objects/typevarobject.c) — TypeVar,
//! ParamSpec with its `.args`/`.kwargs`, TypeVarTuple, TypeAliasType, Generic, NoDefault (3.13+)
//! — and `_idfunc` (3.11's `_typing` has only that). As in C, substitution and `Generic[...]`
//! are typing.py's own functions, called back. Type parameters made by PEP 695 syntax (the
//! CALL_INTRINSIC operations, `make_*` below) evaluate their bound, constraints, default and
//! alias value lazily, on first access, so they may name what is defined later.
use super::sys::python_minor;
use super::typesmod::{cached_class, generic_alias, instance_with, native_class, union_or, Method};
use crate::builtins::split_kw;
use crate::object::Obj;
use crate::objects::dict::{dict_get_str, dict_set, new_dict};
use crate::objects::exceptions::{type_error, value_error};
use crate::objects::tuple::try_tuple_items;
use crate::objects::typeobj::instance_dict;
use crate::{call, ops, PyResult};
use std::cell::RefCell;

thread_local! {
    static TYPEVAR: RefCell<Option<Obj>> = RefCell::new(None);
    static PARAMSPEC: RefCell<Option<Obj>> = RefCell::new(None);
    static PARAMSPEC_ARGS: RefCell<Option<Obj>> = RefCell::new(None);
    static PARAMSPEC_KWARGS: RefCell<Option<Obj>> = RefCell::new(None);
    static TYPEVARTUPLE: RefCell<Option<Obj>> = RefCell::new(None);
    static TYPEALIAS: RefCell<Option<Obj>> = RefCell::new(None);
    static GENERIC: RefCell<Option<Obj>> = RefCell::new(None);
    static NODEFAULT_TYPE: RefCell<Option<Obj>> = RefCell::new(None);
    static NODEFAULT: RefCell<Option<Obj>> = RefCell::new(None);
}

// Instance state kept in the instance dict under names Python code cannot spell.
const BOUND: Lazy = Lazy { value: "\u{0}bound", evaluate: "\u{0}evaluate_bound" };
const CONSTRAINTS: Lazy = Lazy { value: "\u{0}constraints", evaluate: "\u{0}evaluate_constraints" };
const DEFAULT: Lazy = Lazy { value: "\u{0}default", evaluate: "\u{0}evaluate_default" };
const VALUE: Lazy = Lazy { value: "\u{0}value", evaluate: "\u{0}evaluate_value" };
const VARIANCE: &str = "\u{0}variance";

/// A value given at creation, or computed on first access by an evaluation function.
struct Lazy {
    value: &'static str,
    evaluate: &'static str,
}

impl Lazy {
    fn get(&self, o: &Obj) -> PyResult<Option<Obj>> {
        let d = match instance_dict(o) {
            Some(d) => d,
            None => return Ok(None),
        };
        if let Some(v) = dict_get_str(&d, &Obj::str(self.value)) {
            return Ok(Some(v));
        }
        let f = match dict_get_str(&d, &Obj::str(self.evaluate)) {
            Some(f) => f,
            None => return Ok(None),
        };
        let v = evaluate(&f)?;
        dict_set(&d, Obj::str(self.value), v.clone())?;
        Ok(Some(v))
    }

    fn is_set(&self, o: &Obj) -> bool {
        instance_dict(o).map_or(false, |d| {
            dict_get_str(&d, &Obj::str(self.value)).is_some() || dict_get_str(&d, &Obj::str(self.evaluate)).is_some()
        })
    }
}

/// Calls a compiler-made evaluation function (3.14's take the annotation format: VALUE = 1).
fn evaluate(f: &Obj) -> PyResult {
    if python_minor() >= 14 {
        call(f, vec![Obj::int(1)], None)
    } else {
        call(f, vec![], None)
    }
}

fn typing_func(name: &str) -> PyResult {
    ops::getattr_str(&super::importer::find_and_load("typing")?, name)
}

/// The `__name__` of the calling module (C: the caller frame's globals), for `__module__`.
fn caller_module() -> Obj {
    crate::objects::function::current_globals()
        .and_then(|g| dict_get_str(&g, &Obj::str("__name__")))
        .unwrap_or_else(|| Obj::str("__main__"))
}

fn attr(o: &Obj, name: &str) -> PyResult {
    ops::getattr_str(o, name)
}

fn name_of(o: &Obj) -> PyResult<String> {
    ops::str_string(&attr(o, "__name__")?)
}

fn truthy(v: Option<&Obj>) -> PyResult<bool> {
    v.map_or(Ok(false), ops::is_true)
}

/// Keyword arguments by name; an unknown one is CPython's TypeError.
fn keywords<'a>(fname: &str, kws: &[(&'a str, &'a Obj)], allowed: &[&str]) -> PyResult<Vec<Option<Obj>>> {
    let mut out = vec![None; allowed.len()];
    for (k, v) in kws {
        match allowed.iter().position(|a| a == k) {
            Some(i) => out[i] = Some((*v).clone()),
            // Argument Clinic's wording changed in 3.13
            None if crate::modules::sys::python_minor() <= 12 => {
                return Err(type_error(format!("'{}' is an invalid keyword argument for {}()", k, fname)))
            }
            None => return Err(type_error(format!("{}() got an unexpected keyword argument '{}'", fname, k))),
        }
    }
    Ok(out)
}

/// The `name` argument: positional or by keyword, and a str.
fn name_arg(fname: &str, pos: &[Obj], named: Option<Obj>) -> PyResult<Obj> {
    let name = match (pos.first(), named) {
        (Some(n), None) => n.clone(),
        (None, Some(n)) => n,
        (Some(_), Some(_)) => return Err(type_error(format!("argument for {}() given by name ('name') and position (1)", fname))),
        (None, None) => return Err(type_error(format!("{}() missing required argument 'name' (pos 1)", fname))),
    };
    if name.as_str().is_none() {
        return Err(type_error(format!("{}() argument 'name' must be str, not {}", fname, name.type_name())));
    }
    Ok(name)
}

fn at_most_one_positional(fname: &str, pos: &[Obj]) -> PyResult<()> {
    if pos.len() > 1 {
        return Err(type_error(format!("{}() takes at most 1 positional argument ({} given)", fname, pos.len())));
    }
    Ok(())
}

fn type_check(arg: &Obj, msg: &str) -> PyResult {
    call(&typing_func("_type_check")?, vec![arg.clone(), Obj::str(msg)], None)
}

fn variance(covariant: bool, contravariant: bool, infer: bool) -> PyResult<&'static str> {
    if covariant && contravariant {
        return Err(value_error("Bivariant types are not supported."));
    }
    if infer && (covariant || contravariant) {
        return Err(value_error("Variance cannot be specified with infer_variance."));
    }
    Ok(if infer { "" } else if covariant { "+" } else if contravariant { "-" } else { "~" })
}

/// A new type parameter of class `slot` with its public attributes and hidden state.
fn new_param(slot: &'static std::thread::LocalKey<RefCell<Option<Obj>>>, make: fn() -> PyResult, name: Obj, prefix: &str, flags: Option<(bool, bool, bool)>) -> PyResult {
    let cls = cached_class(slot, make)?;
    let mut attrs = vec![("__name__", name), ("__module__", caller_module()), (VARIANCE, Obj::str(prefix))];
    if let Some((co, contra, infer)) = flags {
        attrs.push(("__covariant__", Obj::bool(co)));
        attrs.push(("__contravariant__", Obj::bool(contra)));
        attrs.push(("__infer_variance__", Obj::bool(infer)));
    }
    instance_with(&cls, &attrs)
}

fn set_hidden(o: &Obj, key: &str, v: Obj) -> PyResult<()> {
    match instance_dict(o) {
        Some(d) => dict_set(&d, Obj::str(key), v),
        None => Err(type_error("type parameter without state")),
    }
}

/// A default given to the constructor (3.13+): NoDefault means none.
fn set_default(o: &Obj, default: Option<Obj>) -> PyResult<()> {
    match default {
        Some(d) if !d.is(&no_default()?) => set_hidden(o, DEFAULT.value, d),
        _ => Ok(()),
    }
}

fn param_repr(t: &Obj) -> PyResult {
    let prefix = dict_get_str(&instance_dict(t).unwrap_or_else(new_dict), &Obj::str(VARIANCE)).and_then(|p| p.as_str().map(|s| s.to_string()));
    Ok(Obj::string(format!("{}{}", prefix.unwrap_or_default(), name_of(t)?)))
}

fn cannot_subclass(kind: &str) -> PyResult {
    Err(type_error(format!("Cannot subclass an instance of {}", kind)))
}

fn make_union(a: &Obj, b: &Obj) -> PyResult {
    if python_minor() >= 14 {
        return union_or(a, b);
    }
    call(&typing_func("_make_union")?, vec![a.clone(), b.clone()], None)
}

fn default_or_nodefault(t: &Obj) -> PyResult {
    match DEFAULT.get(t)? {
        Some(d) => Ok(d),
        None => no_default(),
    }
}

// The methods every type parameter class has (TypeVar, ParamSpec, TypeVarTuple).
fn common_methods(kind: &'static str) -> Vec<(&'static str, Method)> {
    let repr: Method = |t, _a, _k| param_repr(t);
    let reduce: Method = |t, _a, _k| attr(t, "__name__");
    let mut m: Vec<(&'static str, Method)> = vec![("__repr__", repr), ("__reduce__", reduce)];
    let mro_entries: Method = match kind {
        "TypeVar" => |_t, _a, _k| cannot_subclass("TypeVar"),
        "ParamSpec" => |_t, _a, _k| cannot_subclass("ParamSpec"),
        _ => |_t, _a, _k| cannot_subclass("TypeVarTuple"),
    };
    m.push(("__mro_entries__", mro_entries));
    if python_minor() >= 13 {
        let has_default: Method = |t, _a, _k| Ok(Obj::bool(DEFAULT.is_set(t)));
        m.push(("has_default", has_default));
    }
    m
}

fn defaults_props(props: &mut Vec<(&'static str, fn(&Obj) -> PyResult)>) {
    if python_minor() >= 13 {
        props.push(("__default__", default_or_nodefault));
    }
}

// ---------------------------------------------------------------- TypeVar

fn make_typevar_class() -> PyResult {
    let mut methods = common_methods("TypeVar");
    methods.extend_from_slice(&[
        ("__new__", typevar_new as Method),
        ("__or__", |t, a, _k| make_union(t, &a[0])),
        ("__ror__", |t, a, _k| make_union(&a[0], t)),
        ("__typing_subst__", |t, a, _k| call(&typing_func("_typevar_subst")?, vec![t.clone(), a[0].clone()], None)),
    ]);
    if python_minor() >= 13 {
        methods.push(("__typing_prepare_subst__", typevar_prepare_subst));
    }
    let mut props: Vec<(&'static str, fn(&Obj) -> PyResult)> = vec![
        ("__bound__", |t| Ok(BOUND.get(t)?.unwrap_or_else(Obj::none))),
        ("__constraints__", |t| Ok(CONSTRAINTS.get(t)?.unwrap_or_else(|| Obj::tuple(vec![])))),
    ];
    defaults_props(&mut props);
    native_class("TypeVar", "typing", vec![], &methods, &props)
}

fn typevar_new(_cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(a, k);
    let kw = keywords("typevar", &kws, &["name", "bound", "covariant", "contravariant", "infer_variance", "default"])?;
    let name = name_arg("typevar", &pos[..pos.len().min(1)], kw[0].clone())?;
    let constraints: Vec<Obj> = pos.iter().skip(1).cloned().collect();
    let bound = kw[1].clone().filter(|b| !b.is_none());
    let prefix = variance(truthy(kw[2].as_ref())?, truthy(kw[3].as_ref())?, truthy(kw[4].as_ref())?)?;
    if constraints.len() == 1 {
        return Err(type_error("A single constraint is not allowed"));
    }
    if !constraints.is_empty() && bound.is_some() {
        return Err(type_error("Constraints cannot be combined with bound=..."));
    }
    let bound = match bound {
        Some(b) => Some(type_check(&b, "Bound must be a type.")?),
        None => None,
    };
    let flags = (truthy(kw[2].as_ref())?, truthy(kw[3].as_ref())?, truthy(kw[4].as_ref())?);
    let tv = new_param(&TYPEVAR, make_typevar_class, name, prefix, Some(flags))?;
    if let Some(b) = bound {
        set_hidden(&tv, BOUND.value, b)?;
    }
    if !constraints.is_empty() {
        set_hidden(&tv, CONSTRAINTS.value, Obj::tuple(constraints))?;
    }
    set_default(&tv, kw[5].clone())?;
    Ok(tv)
}

/// 3.13+ `TypeVar.__typing_prepare_subst__(alias, args)`: supplies the default of a missing
/// trailing argument.
fn typevar_prepare_subst(t: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let params = attr(&a[0], "__parameters__")?;
    let params = try_tuple_items(&params).map(|p| p.to_vec()).unwrap_or_default();
    // any sequence, as C's PySequence_Length: typing's _GenericAlias passes a list
    // (`_unpack_args`), so `typing.List[T][int]` substituted through `list[...]` has one
    let args = ops::collect_iterable(&a[1])?;
    let i = params.iter().position(|p| p.is(t)).unwrap_or(0);
    if i < args.len() {
        return Ok(a[1].clone());
    }
    if i == args.len() {
        if let Some(d) = DEFAULT.get(t)? {
            // PySequence_Concat(args, (default,)): a list + tuple raises as CPython's does
            return ops::binary_op(&a[1], &Obj::tuple(vec![d]), ops::BinOp::Add);
        }
    }
    Err(type_error(format!(
        "Too few arguments for {}; actual {}, expected at least {}",
        ops::repr_string(&a[0])?,
        args.len(),
        i + 1
    )))
}

// ---------------------------------------------------------------- ParamSpec

fn make_paramspec_class() -> PyResult {
    let mut methods = common_methods("ParamSpec");
    methods.extend_from_slice(&[
        ("__new__", paramspec_new as Method),
        ("__or__", |t, a, _k| make_union(t, &a[0])),
        ("__ror__", |t, a, _k| make_union(&a[0], t)),
        ("__typing_subst__", |t, a, _k| call(&typing_func("_paramspec_subst")?, vec![t.clone(), a[0].clone()], None)),
        ("__typing_prepare_subst__", |t, a, _k| {
            call(&typing_func("_paramspec_prepare_subst")?, vec![t.clone(), a[0].clone(), a[1].clone()], None)
        }),
    ]);
    let mut props: Vec<(&'static str, fn(&Obj) -> PyResult)> = vec![
        ("__bound__", |t| Ok(BOUND.get(t)?.unwrap_or_else(Obj::none))),
        ("args", |t| instance_with(&cached_class(&PARAMSPEC_ARGS, || make_origin_class("ParamSpecArgs"))?, &[("__origin__", t.clone())])),
        ("kwargs", |t| instance_with(&cached_class(&PARAMSPEC_KWARGS, || make_origin_class("ParamSpecKwargs"))?, &[("__origin__", t.clone())])),
    ];
    defaults_props(&mut props);
    native_class("ParamSpec", "typing", vec![], &methods, &props)
}

fn paramspec_new(_cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(a, k);
    at_most_one_positional("paramspec", pos)?;
    let kw = keywords("paramspec", &kws, &["name", "bound", "covariant", "contravariant", "infer_variance", "default"])?;
    let name = name_arg("paramspec", pos, kw[0].clone())?;
    let flags = (truthy(kw[2].as_ref())?, truthy(kw[3].as_ref())?, truthy(kw[4].as_ref())?);
    let prefix = variance(flags.0, flags.1, flags.2)?;
    let bound = match kw[1].clone().filter(|b| !b.is_none()) {
        Some(b) => Some(type_check(&b, "Bound must be a type.")?),
        None => None,
    };
    let ps = new_param(&PARAMSPEC, make_paramspec_class, name, prefix, Some(flags))?;
    if let Some(b) = bound {
        set_hidden(&ps, BOUND.value, b)?;
    }
    set_default(&ps, kw[5].clone())?;
    Ok(ps)
}

/// `P.args` / `P.kwargs`: equal when their ParamSpecs are.
fn make_origin_class(name: &'static str) -> PyResult {
    let methods: &[(&'static str, Method)] = if name == "ParamSpecArgs" {
        &[
            ("__repr__", |t, _a, _k| Ok(Obj::string(format!("{}.args", name_of(&attr(t, "__origin__")?)?)))),
            ("__eq__", |t, a, _k| origin_eq(t, &a[0])),
            ("__mro_entries__", |_t, _a, _k| cannot_subclass("ParamSpecArgs")),
        ]
    } else {
        &[
            ("__repr__", |t, _a, _k| Ok(Obj::string(format!("{}.kwargs", name_of(&attr(t, "__origin__")?)?)))),
            ("__eq__", |t, a, _k| origin_eq(t, &a[0])),
            ("__mro_entries__", |_t, _a, _k| cannot_subclass("ParamSpecKwargs")),
        ]
    };
    native_class(name, "typing", vec![], methods, &[])
}

fn origin_eq(t: &Obj, other: &Obj) -> PyResult {
    if !other.ty().is_subtype(t.ty()) {
        return Ok(Obj::not_implemented());
    }
    ops::compare(&attr(t, "__origin__")?, &attr(other, "__origin__")?, ops::CmpOp::Eq)
}

// ---------------------------------------------------------------- TypeVarTuple

fn make_typevartuple_class() -> PyResult {
    let mut methods = common_methods("TypeVarTuple");
    methods.extend_from_slice(&[
        ("__new__", typevartuple_new as Method),
        ("__iter__", |t, _a, _k| unpacked_iter(t)),
        ("__typing_subst__", |_t, _a, _k| Err(type_error("Substitution of bare TypeVarTuple is not supported"))),
        ("__typing_prepare_subst__", |t, a, _k| {
            call(&typing_func("_typevartuple_prepare_subst")?, vec![t.clone(), a[0].clone(), a[1].clone()], None)
        }),
    ]);
    let mut props: Vec<(&'static str, fn(&Obj) -> PyResult)> = vec![];
    defaults_props(&mut props);
    native_class("TypeVarTuple", "typing", vec![], &methods, &props)
}

fn typevartuple_new(_cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(a, k);
    at_most_one_positional("typevartuple", pos)?;
    let kw = keywords("typevartuple", &kws, &["name", "default"])?;
    let name = name_arg("typevartuple", pos, kw[0].clone())?;
    let t = new_param(&TYPEVARTUPLE, make_typevartuple_class, name, "", None)?;
    set_default(&t, kw[1].clone())?;
    Ok(t)
}

/// `iter(Ts)` (what `*Ts` does): yields `Unpack[Ts]` once.
fn unpacked_iter(t: &Obj) -> PyResult {
    let unpacked = ops::getitem(&typing_func("Unpack")?, t)?;
    ops::get_iter(&crate::objects::list::new_list(vec![unpacked]))
}

// ---------------------------------------------------------------- TypeAliasType

fn make_typealias_class() -> PyResult {
    let mut methods: Vec<(&'static str, Method)> = vec![
        ("__new__", typealias_new),
        ("__repr__", |t, _a, _k| attr(t, "__name__")),
        ("__reduce__", |t, _a, _k| attr(t, "__name__")),
        ("__getitem__", typealias_getitem),
        ("__or__", |t, a, _k| union_or(t, &a[0])),
        ("__ror__", |t, a, _k| union_or(&a[0], t)),
    ];
    if python_minor() >= 14 {
        methods.push(("__iter__", |t, _a, _k| unpacked_iter(t)));
    }
    let props: &[(&'static str, fn(&Obj) -> PyResult)] = &[
        ("__value__", |t| Ok(VALUE.get(t)?.unwrap_or_else(Obj::none))),
        ("__parameters__", typealias_parameters),
    ];
    native_class("TypeAliasType", "typing", vec![], &methods, props)
}

fn typealias_new(_cls: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(a, k);
    if pos.len() > 2 {
        return Err(type_error(format!("typealias() takes at most 2 positional arguments ({} given)", pos.len())));
    }
    let kw = keywords("typealias", &kws, &["name", "value", "type_params"])?;
    let name = name_arg("typealias", &pos[..pos.len().min(1)], kw[0].clone())?;
    let value = match (pos.get(1), kw[1].clone()) {
        (Some(v), None) => v.clone(),
        (None, Some(v)) => v,
        _ => return Err(type_error("typealias() missing required argument 'value' (pos 2)")),
    };
    let params = kw[2].clone().unwrap_or_else(|| Obj::tuple(vec![]));
    new_alias(name, params, VALUE.value, value)
}

/// A TypeAliasType whose value is given (`key` = VALUE.value) or evaluated lazily (VALUE.evaluate).
fn new_alias(name: Obj, params: Obj, key: &str, value: Obj) -> PyResult {
    let items = match try_tuple_items(&params) {
        Some(p) => p.to_vec(),
        None => return Err(type_error("type_params must be a tuple")),
    };
    if python_minor() >= 14 {
        for p in &items {
            if !is_type_param(p) {
                return Err(type_error(format!("Expected a type param, got {}", ops::repr_string(p)?)));
            }
        }
    }
    let cls = cached_class(&TYPEALIAS, make_typealias_class)?;
    let alias = instance_with(&cls, &[("__name__", name), ("__module__", caller_module()), ("__type_params__", params), (key, value)])?;
    Ok(alias)
}

/// Whether `o | x` makes a `types.UnionType` of `o` (C: is_unionable): type aliases, and
/// from 3.14 type parameters too.
pub fn unionable(o: &Obj) -> bool {
    let is = |slot: &'static std::thread::LocalKey<RefCell<Option<Obj>>>| {
        slot.with(|s| s.borrow().as_ref().map_or(false, |c| o.ty().is_subtype(c.as_type())))
    };
    is(&TYPEALIAS) || (python_minor() >= 14 && is_type_param(o))
}

fn is_type_param(p: &Obj) -> bool {
    [&TYPEVAR, &PARAMSPEC, &TYPEVARTUPLE]
        .iter()
        .any(|slot| slot.with(|s| s.borrow().as_ref().map_or(false, |c| p.ty().is_subtype(c.as_type()))))
}

/// `__parameters__`: the type params, a TypeVarTuple as `Unpack[Ts]`.
fn typealias_parameters(t: &Obj) -> PyResult {
    let params = attr(t, "__type_params__")?;
    let mut out = Vec::new();
    for p in try_tuple_items(&params).map(|p| p.to_vec()).unwrap_or_default() {
        let is_tuple = TYPEVARTUPLE.with(|s| s.borrow().as_ref().map_or(false, |c| p.ty().is_subtype(c.as_type())));
        out.push(if is_tuple { ops::getitem(&typing_func("Unpack")?, &p)? } else { p });
    }
    Ok(Obj::tuple(out))
}

fn typealias_getitem(t: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let params = attr(t, "__type_params__")?;
    if try_tuple_items(&params).map_or(true, |p| p.is_empty()) {
        return Err(type_error("Only generic type aliases are subscriptable"));
    }
    generic_alias(t, &a[0])
}

// ---------------------------------------------------------------- Generic, NoDefault

fn make_generic_class() -> PyResult {
    let ns = new_dict();
    dict_set(&ns, Obj::str("__module__"), Obj::str("typing"))?;
    let getitem = crate::builtins::builtin_fn_obj("__class_getitem__", |a, _k| {
        call(&typing_func("_generic_class_getitem")?, a.to_vec(), None)
    });
    let init_subclass = crate::builtins::builtin_fn_obj("__init_subclass__", |a, k| {
        call(&typing_func("_generic_init_subclass")?, a.to_vec(), k)
    });
    dict_set(&ns, Obj::str("__class_getitem__"), crate::objects::module::new_descr(2, getitem, None))?;
    dict_set(&ns, Obj::str("__init_subclass__"), crate::objects::module::new_descr(2, init_subclass, None))?;
    let cls = crate::objects::typeobj::new_class("Generic", vec![], ns, "typing")?;
    crate::objects::typeobj::finish_class(&cls, &[])?;
    Ok(cls)
}

fn make_nodefault_type() -> PyResult {
    // C names it without a module: its repr is <class 'NoDefaultType'>
    native_class("NoDefaultType", "builtins", vec![], &[
        ("__repr__", |_t, _a, _k| Ok(Obj::str("typing.NoDefault"))),
        ("__reduce__", |_t, _a, _k| Ok(Obj::str("NoDefault"))),
    ], &[])
}

/// The `typing.NoDefault` singleton (3.13+).
fn no_default() -> PyResult {
    if let Some(o) = NODEFAULT.with(|s| s.borrow().clone()) {
        return Ok(o);
    }
    let o = instance_with(&cached_class(&NODEFAULT_TYPE, make_nodefault_type)?, &[])?;
    NODEFAULT.with(|s| *s.borrow_mut() = Some(o.clone()));
    Ok(o)
}

// ---------------------------------------------------------------- PEP 695 (CALL_INTRINSIC)

/// `def f[T]`, `[T: bound]`, `[T: (a, b)]`: a TypeVar with inferred variance whose bound or
/// constraints are computed by `evaluate` on first access.
pub fn make_typevar(name: &Obj, evaluate_bound: Option<&Obj>, evaluate_constraints: Option<&Obj>) -> PyResult {
    let tv = new_param(&TYPEVAR, make_typevar_class, name.clone(), "", Some((false, false, true)))?;
    if let Some(f) = evaluate_bound {
        set_hidden(&tv, BOUND.evaluate, f.clone())?;
    }
    if let Some(f) = evaluate_constraints {
        set_hidden(&tv, CONSTRAINTS.evaluate, f.clone())?;
    }
    Ok(tv)
}

/// `[**P]` and `[*Ts]`.
pub fn make_paramspec(name: &Obj) -> PyResult {
    new_param(&PARAMSPEC, make_paramspec_class, name.clone(), "", Some((false, false, true)))
}

pub fn make_typevartuple(name: &Obj) -> PyResult {
    new_param(&TYPEVARTUPLE, make_typevartuple_class, name.clone(), "", None)
}

/// 3.13+ `[T = default]`: the default is computed by `evaluate` on first access.
pub fn set_typeparam_default(param: &Obj, evaluate: &Obj) -> PyResult {
    set_hidden(param, DEFAULT.evaluate, evaluate.clone())?;
    Ok(param.clone())
}

/// `type Name[params] = value`: the value is computed by `evaluate` on first access.
pub fn make_typealias(name: &Obj, params: &Obj, evaluate: &Obj) -> PyResult {
    let params = if params.is_none() { Obj::tuple(vec![]) } else { params.clone() };
    new_alias(name.clone(), params, VALUE.evaluate, evaluate.clone())
}

/// `class C[T]`: `Generic[params]` as a base.
pub fn subscript_generic(params: &Obj) -> PyResult {
    ops::getitem(&cached_class(&GENERIC, make_generic_class)?, params)
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    let idfunc = crate::builtins::builtin_fn_obj("_idfunc", |a, _k| {
        crate::objects::str::nargs("_idfunc", a, 2, 2)?;
        Ok(a[1].clone())
    });
    dict_set(&d, Obj::str("_idfunc"), idfunc)?;
    if python_minor() >= 12 {
        dict_set(&d, Obj::str("TypeVar"), cached_class(&TYPEVAR, make_typevar_class)?)?;
        dict_set(&d, Obj::str("ParamSpec"), cached_class(&PARAMSPEC, make_paramspec_class)?)?;
        dict_set(&d, Obj::str("ParamSpecArgs"), cached_class(&PARAMSPEC_ARGS, || make_origin_class("ParamSpecArgs"))?)?;
        dict_set(&d, Obj::str("ParamSpecKwargs"), cached_class(&PARAMSPEC_KWARGS, || make_origin_class("ParamSpecKwargs"))?)?;
        dict_set(&d, Obj::str("TypeVarTuple"), cached_class(&TYPEVARTUPLE, make_typevartuple_class)?)?;
        dict_set(&d, Obj::str("TypeAliasType"), cached_class(&TYPEALIAS, make_typealias_class)?)?;
        dict_set(&d, Obj::str("Generic"), cached_class(&GENERIC, make_generic_class)?)?;
    }
    if python_minor() >= 13 {
        dict_set(&d, Obj::str("NoDefault"), no_default()?)?;
    }
    if python_minor() >= 14 {
        dict_set(&d, Obj::str("Union"), super::typesmod::union_class()?)?;
    }
    Ok(crate::objects::module::new_module("_typing", d))
}
