//! `_warnings` (CPython's Python/_warnings.c): filters, _defaultaction, _onceregistry,
//! _filters_mutated, warn, warn_explicit. Lib/warnings.py builds on it (and its
//! `_showwarnmsg`, `WarningMessage` and catch_warnings are used when warnings is imported).
//!
//! `warn()` attributes a warning to a running compiled frame (the function's file, the line
//! of the call it is making, its globals' `__name__` and `__warningregistry__`), chosen by
//! `stacklevel` as CPython's setup_context does; past the outermost frame it reports "sys",
//! line 1 (3.13+: "<sys>", line 0), as CPython does.
use crate::modules::native_class::bind;
use crate::object::Obj;
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::dict::{dict_get_str, dict_set, new_dict};
use crate::objects::exc_types::{DEPRECATION_WARNING, IMPORT_WARNING, PENDING_DEPRECATION_WARNING, RESOURCE_WARNING, USER_WARNING, WARNING};
use crate::objects::exceptions::{runtime_error, type_error, Exc};
use crate::{ops, PyResult};
use std::cell::{Cell, RefCell};

thread_local! {
    static STATE: RefCell<Option<(Obj, Obj, Obj)>> = RefCell::new(None); // filters, defaultaction, onceregistry
    static VERSION: Cell<i64> = Cell::new(1);
    static SYS_REGISTRY: Obj = new_dict();
}

fn state() -> (Obj, Obj, Obj) {
    STATE.with(|s| {
        if let Some(t) = &*s.borrow() {
            return t.clone();
        }
        let f = |a: &str, c: &'static crate::object::TypeObject, m: Option<&str>| {
            Obj::tuple(vec![Obj::str(a), Obj::none(), c.obj(), m.map(Obj::str).unwrap_or_else(Obj::none), Obj::int(0)])
        };
        let filters = crate::objects::list::new_list(vec![
            f("default", &DEPRECATION_WARNING, Some("__main__")),
            f("ignore", &DEPRECATION_WARNING, None),
            f("ignore", &PENDING_DEPRECATION_WARNING, None),
            f("ignore", &IMPORT_WARNING, None),
            f("ignore", &RESOURCE_WARNING, None),
        ]);
        let t = (filters, Obj::str("default"), new_dict());
        *s.borrow_mut() = Some(t.clone());
        t
    })
}

/// An attribute of the warnings module, if it has been imported (C: get_warnings_attr).
fn warnings_attr(name: &str) -> Option<Obj> {
    let m = dict_get_str(&crate::modules::modules_dict(), &Obj::str("warnings"))?;
    ops::getattr_str(&m, name).ok()
}

/// The live filters/defaultaction/onceregistry: warnings.py may rebind them.
fn current() -> (Obj, Obj, Obj) {
    let (f, d, o) = state();
    (
        warnings_attr("filters").unwrap_or(f),
        warnings_attr("defaultaction").unwrap_or(d),
        warnings_attr("onceregistry").unwrap_or(o),
    )
}

fn filters_mutated(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    VERSION.with(|v| v.set(v.get() + 1));
    Ok(Obj::none())
}

fn matches(pattern: &Obj, text: &Obj) -> PyResult<bool> {
    if pattern.is_none() {
        return Ok(true);
    }
    if pattern.is_type(&crate::objects::str::STR_TYPE) {
        // a plain str (the default filters' "__main__") matches exactly, as _warnings.c
        return Ok(text.as_str().map_or(false, |t| Some(t) == pattern.as_str()));
    }
    let r = ops::call_method(pattern, "match", vec![text.clone()], None)?;
    ops::is_true(&r)
}

/// The action of the first filter matching, and the filter (None: the default action).
fn get_filter(category: &Obj, text: &Obj, lineno: i64, module: &Obj) -> PyResult<(String, Obj)> {
    let (filters, default, _) = current();
    let items = ops::collect_iterable(&filters)?;
    for (i, item) in items.iter().enumerate() {
        let t = crate::objects::tuple::try_tuple_items(item).map(|x| x.to_vec()).unwrap_or_default();
        if t.len() != 5 {
            return Err(crate::objects::exceptions::value_error(format!("_warnings.filters item {} isn't a 5-tuple", i)));
        }
        let is_sub = ops::is_true(&crate::call(&crate::builtin("issubclass"), vec![category.clone(), t[2].clone()], None)?)?;
        let ln = ops::index_value(&t[4])?;
        if matches(&t[1], text)? && is_sub && matches(&t[3], module)? && (ln == 0 || ln == lineno) {
            return Ok((ops::str_string(&t[0])?, item.clone()));
        }
    }
    Ok((ops::str_string(&default)?, Obj::none()))
}

fn registry_get(reg: &Obj, key: &Obj) -> PyResult<bool> {
    match crate::printer_support::dict_lookup(reg, key)? {
        Some(v) => ops::is_true(&v),
        None => Ok(false),
    }
}

/// Writes the warning: through warnings._showwarnmsg when warnings is imported, else
/// "filename:lineno: Category: text" on sys.stderr.
fn show(message: &Obj, category: &Obj, filename: &Obj, lineno: i64, source: &Obj) -> PyResult<()> {
    if let (Some(show), Some(cls)) = (warnings_attr("_showwarnmsg"), warnings_attr("WarningMessage")) {
        let msg = crate::call(&cls, vec![message.clone(), category.clone(), filename.clone(), Obj::int(lineno), Obj::none(), Obj::none(), source.clone()], None)?;
        crate::call(&show, vec![msg], None)?;
        return Ok(());
    }
    let name = ops::getattr_str(category, "__name__")?;
    let text = format!("{}:{}: {}: {}\n", ops::str_string(filename)?, lineno, ops::str_string(&name)?, ops::str_string(message)?);
    let err = match crate::modules::load("sys")? {
        Some(sys) => ops::getattr_str(&sys, "stderr")?,
        None => crate::sys::stderr_obj(), // a program that never reaches sys
    };
    ops::call_method(&err, "write", vec![Obj::string(text)], None)?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn warn_explicit_impl(message: Obj, category: Obj, filename: Obj, lineno: i64, module: Option<Obj>, registry: Option<Obj>, source: Obj) -> PyResult {
    let module = match module {
        Some(m) => m,
        None => {
            let f = ops::str_string(&filename)?;
            Obj::string(if f.is_empty() { "<unknown>".to_string() } else { f.strip_suffix(".py").unwrap_or(&f).to_string() })
        }
    };
    let (text, category, message) = if message.is_instance_of(&WARNING) {
        let t = Obj::string(ops::str_string(&message)?);
        (t, message.ty().obj(), message)
    } else {
        let m = crate::call(&category, vec![message.clone()], None)?;
        (message, category, m)
    };
    let key = Obj::tuple3(text.clone(), category.clone(), Obj::int(lineno));
    if let Some(reg) = &registry {
        let version = VERSION.with(|v| v.get());
        let vkey = Obj::str("version");
        let current = crate::printer_support::dict_lookup(reg, &vkey)?.and_then(|v| v.as_i64());
        if current != Some(version) {
            ops::call_method(reg, "clear", vec![], None)?;
            ops::setitem(reg, &vkey, Obj::int(version))?;
        }
        if registry_get(reg, &key)? {
            return Ok(Obj::none());
        }
    }
    let (action, item) = get_filter(&category, &text, lineno, &module)?;
    match action.as_str() {
        "error" => return Err(Exc::from_value(message)),
        "ignore" => {
            if let Some(reg) = &registry {
                ops::setitem(reg, &key, Obj::bool(true))?;
            }
            return Ok(Obj::none());
        }
        "once" => {
            if let Some(reg) = &registry {
                ops::setitem(reg, &key, Obj::bool(true))?;
            }
            let once = current().2;
            let okey = Obj::tuple2(text.clone(), category.clone());
            if registry_get(&once, &okey)? {
                return Ok(Obj::none());
            }
            ops::setitem(&once, &okey, Obj::bool(true))?;
        }
        "always" => {}
        "module" => {
            if let Some(reg) = &registry {
                ops::setitem(reg, &key, Obj::bool(true))?;
                let alt = Obj::tuple3(text.clone(), category.clone(), Obj::int(0));
                if registry_get(reg, &alt)? {
                    return Ok(Obj::none());
                }
                ops::setitem(reg, &alt, Obj::bool(true))?;
            }
        }
        "default" => {
            if let Some(reg) = &registry {
                ops::setitem(reg, &key, Obj::bool(true))?;
            }
        }
        _ => {
            return Err(runtime_error(format!(
                "Unrecognized action ('{}') in warnings.filters:\n {}",
                action,
                ops::repr_string(&item)?
            )))
        }
    }
    show(&message, &category, &filename, lineno, &source)?;
    Ok(Obj::none())
}

fn category_of(message: &Obj, category: Option<&Obj>) -> PyResult<Obj> {
    if message.is_instance_of(&WARNING) {
        return Ok(message.ty().obj());
    }
    match category.filter(|c| !c.is_none()) {
        None => Ok(USER_WARNING.obj()),
        Some(c) => {
            let ok = c.layout() == crate::object::Layout::Type && c.as_type().is_subtype(&WARNING);
            if !ok {
                return Err(type_error(format!("category must be a Warning subclass, not '{}'", c.type_name())));
            }
            Ok(c.clone())
        }
    }
}

fn warn(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let with_skips = crate::modules::sys::python_minor() >= 12;
    let names: &[&str] = if with_skips { &["message", "category", "stacklevel", "source", "skip_file_prefixes"] } else { &["message", "category", "stacklevel", "source"] };
    let v = bind("warn", a, kw, names, 4, 1)?;
    let message = v[0].clone().unwrap();
    let category = category_of(&message, v[1].as_ref())?;
    let stacklevel = match &v[2] {
        Some(l) => ops::index_value(l)?,
        None => 1,
    };
    let source = v[3].clone().unwrap_or_else(Obj::none);
    let skips = match v.get(4).and_then(|s| s.clone()) {
        Some(t) => skip_prefixes(&t)?,
        None => Vec::new(),
    };
    // 3.12+: skipping files means at least the caller's caller (C: `stack_level = max(2, ...)`)
    let stacklevel = if skips.is_empty() { stacklevel } else { stacklevel.max(2) };
    match caller_frame(stacklevel, &skips) {
        Some(i) => {
            let func = crate::objects::function::frame_function(i).unwrap();
            let f = crate::objects::function::as_func(&func).unwrap();
            let line = crate::objects::function::frame_line(i).unwrap_or(f.code().firstlineno);
            let globals = f.globals.clone();
            let (module, reg) = module_and_registry(&globals)?;
            warn_explicit_impl(message, category, Obj::str(f.code().filename), line as i64, Some(module), Some(reg), source)
        }
        None => {
            // no such frame: the location CPython reports when the stack is too shallow
            let reg = match crate::modules::load("sys")? {
                Some(sys) => registry_of(&ops::getattr_str(&sys, "__dict__")?)?,
                None => SYS_REGISTRY.with(|r| r.clone()), // a program that never reaches sys
            };
            // 3.13 renamed the place: "<sys>", line 0 (3.11/3.12: "sys", line 1)
            let (file, line) = if crate::modules::sys::python_minor() >= 13 { ("<sys>", 0) } else { ("sys", 1) };
            warn_explicit_impl(message, category, Obj::str(file), line, Some(Obj::str("sys")), Some(reg), source)
        }
    }
}

/// `skip_file_prefixes` (3.12+): a tuple of str.
fn skip_prefixes(t: &Obj) -> PyResult<Vec<String>> {
    let items = match crate::objects::tuple::try_tuple_items(t) {
        Some(items) => items,
        None => return Err(type_error(format!("warn() argument 'skip_file_prefixes' must be tuple, not {}", t.type_name()))),
    };
    let mut out = Vec::new();
    for p in items.iter() {
        match p.as_str() {
            Some(s) => out.push(s.to_string()),
            None => return Err(type_error("Found non-str '".to_string() + p.type_name() + "' in skip_file_prefixes.")),
        }
    }
    Ok(out)
}

/// The file of running frame `i`'s code ("" for none).
fn frame_file(i: usize) -> &'static str {
    crate::objects::function::frame_function(i)
        .and_then(|func| crate::objects::function::as_func(&func).map(|f| f.code().filename))
        .unwrap_or("")
}

/// importlib's bootstrap frames, which a warning's stack level skips (C: is_internal_frame).
fn is_internal(i: usize) -> bool {
    let file = frame_file(i);
    file.contains("importlib") && file.contains("_bootstrap")
}

fn is_skipped(i: usize, skips: &[String]) -> bool {
    !skips.is_empty() && skips.iter().any(|p| frame_file(i).starts_with(p.as_str()))
}

/// The running frame a warning of `stacklevel` is attributed to (C: setup_context): the
/// innermost compiled frame for 1, then outwards; importlib's frames (and files under
/// `skips`) do not count unless the innermost frame is one of them.
fn caller_frame(stacklevel: i64, skips: &[String]) -> Option<usize> {
    let n = crate::objects::function::frame_count();
    if n == 0 {
        return None;
    }
    let mut i = n - 1;
    let mut level = stacklevel;
    let external = stacklevel > 0 && !is_internal(i);
    loop {
        level -= 1;
        if level <= 0 {
            return Some(i);
        }
        if i == 0 {
            return None;
        }
        i -= 1;
        if external {
            while is_internal(i) || is_skipped(i, skips) {
                if i == 0 {
                    return None;
                }
                i -= 1;
            }
        }
    }
}

/// A frame's module name (a str or None, else "<string>") and `__warningregistry__` (made
/// when missing).
fn module_and_registry(globals: &Obj) -> PyResult<(Obj, Obj)> {
    let module = match dict_get_str(globals, &Obj::str("__name__")) {
        Some(m) if m.is_none() || m.as_str().is_some() => m,
        _ => Obj::str("<string>"),
    };
    Ok((module, registry_of(globals)?))
}

fn registry_of(globals: &Obj) -> PyResult {
    Ok(match dict_get_str(globals, &Obj::str("__warningregistry__")) {
        Some(r) => r,
        None => {
            let r = new_dict();
            dict_set(globals, Obj::str("__warningregistry__"), r.clone())?;
            r
        }
    })
}

fn warn_explicit(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("warn_explicit", a, kw, &["message", "category", "filename", "lineno", "module", "registry", "module_globals", "source"], 8, 4)?;
    let message = v[0].clone().unwrap();
    let category = category_of(&message, v[1].as_ref())?;
    let filename = v[2].clone().unwrap();
    if filename.as_str().is_none() {
        return Err(type_error(format!("warn_explicit() argument 'filename' must be str, not {}", filename.type_name())));
    }
    let lineno = ops::index_value(v[3].as_ref().unwrap())?;
    let module = v[4].clone().filter(|m| !m.is_none());
    let registry = v[5].clone().filter(|r| !r.is_none());
    if let Some(r) = &registry {
        if r.layout() != crate::object::Layout::Dict {
            return Err(type_error(format!("'registry' must be a dict or None, not '{}'", r.type_name())));
        }
    }
    let source = v[7].clone().unwrap_or_else(Obj::none);
    warn_explicit_impl(message, category, filename, lineno, module, registry, source)
}

/// A warning attributed to the running compiled frame at `line` of `code` (what CPython's
/// `PyErr_WarnEx(category, text, 1)` reports from a builtin called there): that file and line,
/// the module and `__warningregistry__` of the frame's globals.
pub fn warn_at(category: &'static crate::object::TypeObject, text: &str, code: &'static crate::CodeInfo, line: u32) -> PyResult<()> {
    let globals = match crate::objects::function::current_globals() {
        Some(g) if g.layout() == crate::object::Layout::Dict => g,
        _ => return warn_rust(category, text),
    };
    let module = dict_get_str(&globals, &Obj::str("__name__")).filter(|m| m.as_str().is_some());
    let reg = match dict_get_str(&globals, &Obj::str("__warningregistry__")) {
        Some(r) if r.layout() == crate::object::Layout::Dict => r,
        _ => {
            let r = new_dict();
            dict_set(&globals, Obj::str("__warningregistry__"), r.clone())?;
            r
        }
    };
    let module = module.unwrap_or_else(|| Obj::str("<string>"));
    warn_explicit_impl(Obj::str(text), category.obj(), Obj::str(code.filename), line as i64, Some(module), Some(reg), Obj::none())
        .map(|_| ())
}

/// `PyErr_WarnExplicit(category, text, filename, lineno, NULL, NULL)`: a warning about text
/// that is not a compiled frame's (the tokenizer's `<string>` input).
pub fn warn_explicit_at(category: &'static crate::object::TypeObject, text: &str, filename: &str, lineno: i64) -> PyResult<()> {
    warn_explicit_impl(Obj::str(text), category.obj(), Obj::string(filename.to_string()), lineno, None, None, Obj::none()).map(|_| ())
}

/// `PyErr_WarnEx` for the runtime's own warnings.
pub fn warn_rust(category: &'static crate::object::TypeObject, text: &str) -> PyResult<()> {
    warn(&[Obj::str(text), category.obj()], None).map(|_| ())
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("_warnings"))?;
    let (filters, default, once) = state();
    dict_set(&d, Obj::str("filters"), filters)?;
    dict_set(&d, Obj::str("_defaultaction"), default)?;
    dict_set(&d, Obj::str("_onceregistry"), once)?;
    let fns: &[(&str, BuiltinFn)] = &[("warn", warn), ("warn_explicit", warn_explicit), ("_filters_mutated", filters_mutated)];
    for (n, f) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *f))?;
    }
    Ok(crate::objects::module::new_module("_warnings", d))
}
