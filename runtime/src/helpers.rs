//! Opcode-level helpers for printed code (API.md "Additions"): list/set/dict building with
//! unpacking, CALL_FUNCTION_EX, `with`, UNPACK_EX, LOAD_NAME, `import *`, pattern matching.
use crate::object::Layout;
use crate::objects::dict::{as_dict, dict_get, dict_get_str, dict_items, dict_set, new_dict};
use crate::objects::exceptions::{type_error, value_error, ATTRIBUTE_ERROR, TYPE_ERROR};
use crate::objects::function::as_func;
use crate::objects::list::{as_list, new_list};
use crate::objects::set::{as_set, set_add as set_insert};
use crate::objects::tuple::try_tuple_items;
use crate::{builtins, call, ops, Exc, Obj, PyResult};

/// `__main__.f()` / `print()`: how CPython names a callable in call errors.
pub fn function_str(f: &Obj) -> String {
    if let Some(func) = as_func(f) {
        let module = dict_get_str(&func.globals, &Obj::str("__name__")).and_then(|m| m.as_str().map(|s| s.to_string()));
        return match module {
            Some(m) if m != "builtins" => format!("{}.{}()", m, func.code().qualname),
            _ => format!("{}()", func.code().qualname),
        };
    }
    if let Some(m) = crate::objects::function::as_method(f) {
        return function_str(&m.func);
    }
    match ops::getattr_str(f, "__qualname__").or_else(|_| ops::getattr_str(f, "__name__")) {
        Ok(n) => format!("{}()", ops::str_string(&n).unwrap_or_default()),
        Err(_) => format!("{} object", f.type_name()),
    }
}

/// LIST_EXTEND (`[*a, *b]`).
pub fn list_extend(list: &Obj, iterable: &Obj) -> PyResult<()> {
    let items = ops::collect_iterable(iterable).map_err(|e| {
        if e.is_instance(&TYPE_ERROR) && ops::get_iter(iterable).is_err() {
            type_error(format!("Value after * must be an iterable, not {}", iterable.type_name()))
        } else {
            e
        }
    })?;
    as_list(list).ok_or_else(|| type_error("list_extend: not a list"))?.borrow_mut().extend(items);
    Ok(())
}

/// LIST_TO_TUPLE
pub fn list_to_tuple(list: &Obj) -> Obj {
    match as_list(list) {
        Some(l) => Obj::tuple(l.borrow().clone()),
        None => list.clone(),
    }
}

/// SET_ADD (set comprehensions)
pub fn set_add(set: &Obj, v: Obj) -> PyResult<()> {
    set_insert(set, v)
}

/// SET_UPDATE (`{*a, *b}`)
pub fn set_update(set: &Obj, iterable: &Obj) -> PyResult<()> {
    if as_set(set).is_none() {
        return Err(type_error("set_update: not a set"));
    }
    for v in ops::collect_iterable(iterable)? {
        set_insert(set, v)?;
    }
    Ok(())
}

/// MAP_ADD (dict comprehensions)
pub fn map_add(d: &Obj, k: Obj, v: Obj) -> PyResult<()> {
    dict_set(d, k, v)
}

/// A run of MAP_ADDs of constants (a big dict literal), `pairs` = the constant tuple
/// `(k0, v0, k1, v1, ...)`: added in order, so a repeated key keeps its first key object and
/// its last value.
#[inline(never)]
pub fn map_add_pairs(d: &Obj, pairs: &Obj) -> PyResult<()> {
    for kv in try_tuple_items(pairs).expect("map_add_pairs: a tuple").chunks(2) {
        dict_set(d, kv[0].clone(), kv[1].clone())?;
    }
    Ok(())
}

/// BUILD_MAP / BUILD_CONST_KEY_MAP of constants only: `pairs` as for `map_add_pairs`.
#[inline(never)]
pub fn build_map_pairs(pairs: &Obj) -> PyResult {
    let d = new_dict();
    map_add_pairs(&d, pairs)?;
    Ok(d)
}

pub fn mapping_items(m: &Obj) -> PyResult<Vec<(Obj, Obj)>> {
    if as_dict(m).is_some() && !m.ty().heap {
        return Ok(dict_items(m));
    }
    let keys = ops::call_method(m, "keys", vec![], None)?;
    let mut out = Vec::new();
    for k in ops::collect_iterable(&keys)? {
        let v = ops::getitem(m, &k)?;
        out.push((k, v));
    }
    Ok(out)
}

fn is_mapping(m: &Obj) -> bool {
    as_dict(m).is_some() || ops::has_attr_str(m, "keys")
}

/// DICT_UPDATE (`{**a, **b}`)
pub fn dict_update(d: &Obj, other: &Obj) -> PyResult<()> {
    if !is_mapping(other) {
        return Err(type_error(format!("'{}' object is not a mapping", other.type_name())));
    }
    for (k, v) in mapping_items(other)? {
        dict_set(d, k, v)?;
    }
    Ok(())
}

/// DICT_MERGE (`f(**a, **b)`): like dict_update but duplicate keys are an error naming `func`.
pub fn dict_merge(d: &Obj, other: &Obj, func: &Obj) -> PyResult<()> {
    if !is_mapping(other) {
        return Err(type_error(format!(
            "{} argument after ** must be a mapping, not {}",
            function_str(func),
            other.type_name()
        )));
    }
    for (k, v) in mapping_items(other)? {
        if dict_get(d, &k)?.is_some() {
            return Err(type_error(format!(
                "{} got multiple values for keyword argument '{}'",
                function_str(func),
                ops::str_string(&k)?
            )));
        }
        dict_set(d, k, v)?;
    }
    Ok(())
}

/// BUILD_CONST_KEY_MAP
pub fn build_const_key_map(keys: &Obj, values: Vec<Obj>) -> PyResult {
    let d = new_dict();
    let ks = try_tuple_items(keys).ok_or_else(|| type_error("bad BUILD_CONST_KEY_MAP keys"))?;
    for (k, v) in ks.iter().zip(values.into_iter()) {
        dict_set(&d, k.clone(), v)?;
    }
    Ok(d)
}

/// CALL_FUNCTION_EX: `f(*args, **kwargs)`.
pub fn call_ex(f: &Obj, args: &Obj, kwargs: Option<&Obj>) -> PyResult {
    let mut a = match try_tuple_items(args) {
        Some(t) => t.to_vec(),
        None => ops::collect_iterable(args).map_err(|e| {
            if e.is_instance(&TYPE_ERROR) && ops::get_iter(args).is_err() {
                type_error(format!("{} argument after * must be an iterable, not {}", function_str(f), args.type_name()))
            } else {
                e
            }
        })?,
    };
    let kw = match kwargs.filter(|k| !k.is_none()) {
        None => return call(f, a, None),
        Some(k) => k,
    };
    if !is_mapping(kw) {
        return Err(type_error(format!(
            "{} argument after ** must be a mapping, not {}",
            function_str(f),
            kw.type_name()
        )));
    }
    let mut names = Vec::new();
    for (k, v) in mapping_items(kw)? {
        if k.as_str().is_none() {
            return Err(type_error("keywords must be strings"));
        }
        names.push(k);
        a.push(v);
    }
    if names.is_empty() {
        return call(f, a, None);
    }
    let kwnames = Obj::tuple(names);
    call(f, a, Some(&kwnames))
}

/// BEFORE_WITH: returns (bound `__exit__`, result of `__enter__()`).
pub fn with_enter(mgr: &Obj) -> PyResult<(Obj, Obj)> {
    if crate::modules::sys::python_minor() >= 14 {
        // 3.14's `with` loads `__exit__` first (LOAD_SPECIAL), each miss named
        let exit = load_special(mgr, &Obj::str("__exit__"))?;
        let enter = load_special(mgr, &Obj::str("__enter__"))?;
        let v = call(&enter, vec![], None)?;
        return Ok((exit, v));
    }
    let no_protocol = || {
        type_error(format!("'{}' object does not support the context manager protocol", mgr.type_name()))
    };
    let enter = ops::getattr_str(mgr, "__enter__").map_err(|e| if e.is_instance(&ATTRIBUTE_ERROR) { no_protocol() } else { e })?;
    let missed_exit = || {
        type_error(format!("'{}' object does not support the context manager protocol (missed __exit__ method)", mgr.type_name()))
    };
    let exit = ops::getattr_str(mgr, "__exit__").map_err(|e| if e.is_instance(&ATTRIBUTE_ERROR) { missed_exit() } else { e })?;
    let v = call(&enter, vec![], None)?;
    Ok((exit, v))
}

/// 3.14 LOAD_SPECIAL: `mgr`'s `__enter__`/`__exit__`/`__aenter__`/`__aexit__`, bound; a
/// missing one is a TypeError naming the protocol (and suggesting the other `with`).
pub fn load_special(mgr: &Obj, name: &Obj) -> PyResult {
    let n = name.as_str().unwrap_or("");
    match ops::getattr(mgr, name) {
        Err(e) if e.is_instance(&ATTRIBUTE_ERROR) => {
            let is_async = n.starts_with("__a");
            let (kind, other, hint) = if is_async {
                ("asynchronous context manager", ["__enter__", "__exit__"], "the context manager protocol. Did you mean to use 'with'?")
            } else {
                ("context manager", ["__aenter__", "__aexit__"], "the asynchronous context manager protocol. Did you mean to use 'async with'?")
            };
            let mut msg = format!("'{}' object does not support the {} protocol (missed {} method)", mgr.type_name(), kind, n);
            if other.iter().all(|m| ops::lookup_special(mgr, *m).is_some()) {
                msg = format!("{} but it supports {}", msg, hint);
            }
            Err(type_error(msg))
        }
        r => r,
    }
}

/// CALL_INTRINSIC_1/2 of PEP 695 (3.12+): type parameters and `type` aliases, made by the
/// runtime's `_typing` as CPython's C makes them (bounds, constraints, defaults and alias values
/// evaluated lazily by the functions the compiler made for them).
pub fn call_intrinsic(kind: &str, a: &[&Obj]) -> PyResult {
    use crate::modules::ctyping;
    let arg = |i: usize| a.get(i).map(|o| (*o).clone()).unwrap_or_else(Obj::none);
    match kind {
        "set_function_type_params" => {
            crate::attr::setattr(&arg(0), &Obj::str("__type_params__"), arg(1))?;
            Ok(arg(0))
        }
        "set_typeparam_default" => ctyping::set_typeparam_default(&arg(0), &arg(1)),
        "typevar" => ctyping::make_typevar(&arg(0), None, None),
        "typevar_with_bound" => ctyping::make_typevar(&arg(0), Some(&arg(1)), None),
        "typevar_with_constraints" => ctyping::make_typevar(&arg(0), None, Some(&arg(1))),
        "paramspec" => ctyping::make_paramspec(&arg(0)),
        "typevartuple" => ctyping::make_typevartuple(&arg(0)),
        "subscript_generic" => ctyping::subscript_generic(&arg(0)),
        _ => {
            // typealias: (name, type parameters, function computing the value)
            let parts = crate::objects::tuple::try_tuple_items(&arg(0)).map(|t| t.to_vec()).unwrap_or_default();
            let get = |i: usize| parts.get(i).cloned().unwrap_or_else(Obj::none);
            ctyping::make_typealias(&get(0), &get(1), &get(2))
        }
    }
}

/// Leaving a `with` block: calls `exit(type, value, tb)` (or three Nones). Returns true when
/// an exception was given and `__exit__` returned a true value (the exception is suppressed).
pub fn with_exit(exit: &Obj, exc: Option<&Exc>) -> PyResult<bool> {
    match exc {
        None => {
            call(exit, vec![Obj::none(), Obj::none(), Obj::none()], None)?;
            Ok(false)
        }
        Some(e) => {
            let v = e.value().clone();
            let r = call(exit, vec![v.ty().obj(), v, Obj::none()], None)?;
            ops::is_true(&r)
        }
    }
}

/// UNPACK_EX: `a, *b, c = v` → [a, list b, c].
pub fn unpack_ex(v: &Obj, before: usize, after: usize) -> PyResult<Vec<Obj>> {
    let items = ops::collect_iterable(v).map_err(|e| {
        if e.is_instance(&TYPE_ERROR) && ops::get_iter(v).is_err() {
            type_error(format!("cannot unpack non-iterable {} object", v.type_name()))
        } else {
            e
        }
    })?;
    if items.len() < before + after {
        return Err(value_error(format!(
            "not enough values to unpack (expected at least {}, got {})",
            before + after,
            items.len()
        )));
    }
    let mut out: Vec<Obj> = items[..before].to_vec();
    out.push(new_list(items[before..items.len() - after].to_vec()));
    out.extend_from_slice(&items[items.len() - after..]);
    Ok(out)
}

/// LOAD_NAME: `locals` (a mapping), then globals, then builtins.
pub fn load_name(locals: &Obj, globals: &Obj, name: &Obj) -> PyResult {
    if as_dict(locals).is_some() && !locals.ty().heap {
        if let Some(v) = dict_get_str(locals, name) {
            return Ok(v);
        }
    } else {
        match ops::getitem(locals, name) {
            Ok(v) => return Ok(v),
            Err(e) => {
                if !e.is_instance(&crate::objects::exceptions::KEY_ERROR) {
                    return Err(e);
                }
            }
        }
    }
    if name.as_str() == Some("locals") && !locals.is(globals) && dict_get_str(globals, name).is_none()
        && dict_get_str(&crate::builtins::builtins_dict(), name).is_none() {
        // the builtin locals() named in a class body is that namespace (a module body's is
        // load_global's, which finds the calling frame)
        let ns = locals.clone();
        return Ok(crate::objects::builtin_fn::new_native_fn(&crate::objects::builtin_fn::NATIVE_FN_TYPE, "locals", Box::new(move |a, k| {
            crate::objects::str::no_kw("locals", k)?;
            crate::objects::str::nargs("locals", a, 0, 0)?;
            Ok(ns.clone())
        })));
    }
    let v = match crate::load_global(globals, name) {
        Ok(v) => v,
        Err(e) => {
            crate::objects::exceptions::name_error_locals(&e, locals);
            return Err(e);
        }
    };
    if !locals.is(globals) && name.as_str() == Some("vars")
        && crate::objects::builtin_fn::as_builtin(&v).map_or(false, |b| b.name == "vars") {
        // the builtin vars() named in a class body: with no argument it is that namespace, as
        // locals() is; vars(obj) is the builtin's
        let ns = locals.clone();
        return Ok(crate::objects::builtin_fn::new_native_fn(&crate::objects::builtin_fn::NATIVE_FN_TYPE, "vars", Box::new(move |a, k| {
            if a.is_empty() {
                crate::objects::str::no_kw("vars", k)?;
                return Ok(ns.clone());
            }
            crate::call(&v, a.to_vec(), k)
        })));
    }
    Ok(v)
}

/// `from module import *`
pub fn import_star(module: &Obj, globals: &Obj) -> PyResult<()> {
    let d = ops::getattr_str(module, "__dict__")?;
    let all = dict_get_str(&d, &Obj::str("__all__"));
    match all {
        Some(names) => {
            for n in ops::collect_iterable(&names)? {
                let v = ops::getattr(module, &n)?;
                dict_set(globals, n, v)?;
            }
        }
        None => {
            for (k, v) in dict_items(&d) {
                if k.as_str().map(|s| !s.starts_with('_')).unwrap_or(false) {
                    dict_set(globals, k, v)?;
                }
            }
        }
    }
    Ok(())
}

/// GET_LEN (pattern matching)
pub fn get_len(o: &Obj) -> PyResult {
    Ok(Obj::int(ops::len(o)? as i64))
}

/// MATCH_MAPPING
pub fn match_mapping(o: &Obj) -> bool {
    o.layout() == Layout::Dict
}

/// MATCH_SEQUENCE (str/bytes are not sequences for matching)
pub fn match_sequence(o: &Obj) -> bool {
    matches!(o.layout(), Layout::List | Layout::Tuple | Layout::Range)
}

/// MATCH_KEYS: the values for `keys` (a tuple) if all present, else None.
pub fn match_keys(o: &Obj, keys: &Obj) -> PyResult<Option<Obj>> {
    let mut vals = Vec::new();
    for k in try_tuple_items(keys).unwrap_or(&[]) {
        let v = if as_dict(o).is_some() { dict_get(o, k)? } else { ops::call_method(o, "get", vec![k.clone()], None).ok().filter(|v| !v.is_none()) };
        match v {
            Some(v) => vals.push(v),
            None => return Ok(None),
        }
    }
    Ok(Some(Obj::tuple(vals)))
}

/// MATCH_CLASS: isinstance check plus positional (`__match_args__`) and keyword attributes.
pub fn match_class(o: &Obj, cls: &Obj, npos: usize, kwnames: &Obj) -> PyResult<Option<Obj>> {
    if cls.layout() != Layout::Type {
        return Err(type_error("called match pattern must be a class"));
    }
    if !o.ty().is_subtype(cls.as_type()) {
        return Ok(None);
    }
    let mut out = Vec::new();
    if npos > 0 {
        let self_match = matches!(
            o.layout(),
            Layout::Int | Layout::Float | Layout::Str | Layout::Bytes | Layout::List | Layout::Tuple | Layout::Dict | Layout::Set
        ) && !cls.as_type().heap;
        if self_match {
            if npos > 1 {
                return Err(type_error(format!("{}() accepts 1 positional sub-pattern ({} given)", cls.as_type().name, npos)));
            }
            out.push(o.clone());
        } else {
            let args = ops::getattr_str(cls, "__match_args__")
                .map_err(|_| type_error(format!("{}() accepts 0 positional sub-patterns ({} given)", cls.as_type().name, npos)))?;
            let names = ops::collect_iterable(&args)?;
            if names.len() < npos {
                return Err(type_error(format!(
                    "{}() accepts {} positional sub-pattern{} ({} given)",
                    cls.as_type().name,
                    names.len(),
                    if names.len() == 1 { "" } else { "s" },
                    npos
                )));
            }
            for n in &names[..npos] {
                match ops::getattr(o, n) {
                    Ok(v) => out.push(v),
                    Err(e) if e.is_instance(&ATTRIBUTE_ERROR) => return Ok(None),
                    Err(e) => return Err(e),
                }
            }
        }
    }
    for n in try_tuple_items(kwnames).unwrap_or(&[]) {
        match ops::getattr(o, n) {
            Ok(v) => out.push(v),
            Err(e) if e.is_instance(&ATTRIBUTE_ERROR) => return Ok(None),
            Err(e) => return Err(e),
        }
    }
    Ok(Some(Obj::tuple(out)))
}

/// SETUP_ANNOTATIONS
pub fn setup_annotations(locals: &Obj) -> PyResult<()> {
    if dict_get_str(locals, &Obj::str("__annotations__")).is_none() {
        dict_set(locals, Obj::str("__annotations__"), new_dict())?;
    }
    Ok(())
}

/// The value printed by `print` for a builtin name (used by assertion helpers).
pub fn builtins_value(name: &str) -> Option<Obj> {
    dict_get_str(&builtins::builtins_dict(), &Obj::str(name))
}

/// PRINT_EXPR (interactive-mode code): `sys.displayhook(v)` — unless `v` is None, prints
/// `repr(v)` through `print` and binds it to `builtins._`.
pub fn print_expr(v: &Obj) -> PyResult<()> {
    if v.is_none() {
        return Ok(());
    }
    let underscore = Obj::str("_");
    dict_set(&builtins::builtins_dict(), underscore.clone(), Obj::none())?;
    let text = Obj::string(crate::repr::repr_string(v)?);
    call(&builtins_value("print").expect("print"), vec![text], None)?;
    dict_set(&builtins::builtins_dict(), underscore, v.clone())
}
