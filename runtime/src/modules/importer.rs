//! The import system for modules compiled into the program, following CPython 3.11's
//! importlib: dotted names load their parent packages first, a loaded submodule is bound as
//! an attribute of its parent, relative imports resolve against `__package__` (or `__name__`
//! and `__path__`), `fromlist` entries that are submodules get imported, every module runs
//! once (cached in `sys.modules`, and visible there while it runs, so circular imports see
//! the partial module), and the ImportError / ModuleNotFoundError messages are CPython's.
//!
//! The printed `main` registers every compiled module with `register_module_at` before it
//! runs the entry with `run_main_module`. `__file__` of a compiled module is fixed at
//! compile time, relative to the compiled directory (e.g. `pkg/mod.pyc`).
use crate::objects::dict::{dict_get, dict_get_str, dict_pop, dict_set, new_dict};
use crate::objects::exceptions::{
    new_exc, type_error, Exc, ATTRIBUTE_ERROR, IMPORT_ERROR, MODULE_NOT_FOUND_ERROR, VALUE_ERROR,
};
use crate::objects::function::{make_function, CodeInfo};
use crate::objects::module::{as_module, new_module};
use crate::{ops, Obj, PyResult};
use std::cell::RefCell;

struct Compiled {
    name: &'static str,
    code: Option<&'static CodeInfo>,
    package: bool,
    file: &'static str,
    /// Builds the module's constants; run once, before its code first runs.
    init: Option<fn()>,
}

thread_local! {
    static REGISTRY: RefCell<Vec<Compiled>> = RefCell::new(Vec::new());
    /// Modules whose code is running (CPython's `__spec__._initializing`).
    static INITIALIZING: RefCell<Vec<String>> = RefCell::new(Vec::new());
    /// Data files of compiled packages, by the path the program sees them at.
    static DATA: RefCell<Vec<(&'static str, &'static [u8])>> = RefCell::new(Vec::new());
}

/// Registers a data file that sits beside a compiled package's modules (bundled at compile
/// time): the loader's `get_data(path)` returns it (`pkgutil.get_data`).
pub fn register_data(path: &'static str, data: &'static [u8]) {
    DATA.with(|d| d.borrow_mut().push((path, data)));
}

/// The bundled bytes of the data file at `path`, if any.
pub fn bundled_data(path: &str) -> Option<&'static [u8]> {
    DATA.with(|d| d.borrow().iter().find(|(p, _)| *p == path).map(|(_, b)| *b))
}

/// The paths of the bundled data files (a distribution's `*.dist-info/METADATA` among them).
pub fn bundled_paths() -> Vec<&'static str> {
    DATA.with(|d| d.borrow().iter().map(|(p, _)| *p).collect())
}

/// Registers compiled module code under its dotted `name`. `code` is None for a namespace
/// package (a directory without `__init__`); `file` is `__file__` ("" for none).
pub fn register_module_at(name: &'static str, code: Option<&'static CodeInfo>, package: bool, file: &'static str) {
    REGISTRY.with(|r| r.borrow_mut().push(Compiled { name, code, package, file, init: None }));
}

/// Registers a module compiled as a unit of its own: `init` builds its constants the first
/// time the module is imported (a program may register many modules it never imports).
pub fn register_compiled(name: &'static str, code: Option<&'static CodeInfo>, init: fn(), package: bool, file: &'static str) {
    REGISTRY.with(|r| r.borrow_mut().push(Compiled { name, code, package, file, init: Some(init) }));
}

/// Runs the pending constant initialiser of a compiled module (once).
pub fn init_compiled(name: &str) {
    let init = REGISTRY.with(|r| r.borrow_mut().iter_mut().find(|c| c.name == name).and_then(|c| c.init.take()));
    if let Some(f) = init {
        f();
    }
}

/// Whether a compiled module of that name was registered.
pub fn is_compiled(name: &str) -> bool {
    REGISTRY.with(|r| r.borrow().iter().any(|c| c.name == name))
}

fn lookup(name: &str) -> Option<(Option<&'static CodeInfo>, bool, &'static str)> {
    REGISTRY.with(|r| r.borrow().iter().find(|c| c.name == name).map(|c| (c.code, c.package, c.file)))
}

/// `(is_package, __file__)` of a compiled-in module.
pub fn compiled_info(name: &str) -> Option<(bool, &'static str)> {
    lookup(name).map(|(_, package, file)| (package, file))
}

/// A compiled package's `__path__` entry.
pub fn package_dir(name: &str) -> Option<String> {
    let (_, package, file) = lookup(name)?;
    if !package {
        return None;
    }
    Some(if file.is_empty() { name.replace('.', "/") } else { dirname(file).to_string() })
}

/// `importlib.reload`: runs a compiled module's code again in its namespace.
pub fn rerun_module(name: &str, module: &Obj) -> PyResult<()> {
    let code = match lookup(name) {
        Some((Some(code), _, _)) => code,
        Some((None, _, _)) => return Ok(()),
        None => return Err(module_not_found(format!("No module named '{}'", name), name)),
    };
    let g = ops::getattr_str(module, "__dict__")?;
    exec_module(name, code, &g)
}

fn is_initializing(name: &str) -> bool {
    INITIALIZING.with(|i| i.borrow().iter().any(|n| n == name))
}

fn parent_of(name: &str) -> &str {
    name.rsplit_once('.').map(|(p, _)| p).unwrap_or("")
}

/// The directory of a `__file__` (what a package's `__path__` holds).
fn dirname(file: &str) -> &str {
    file.rsplit_once('/').map(|(d, _)| d).unwrap_or(".")
}

/// The namespace of a compiled module before its code runs.
fn module_globals(name: &str, package: Option<&str>, file: &str, path: Option<&str>) -> PyResult {
    let g = new_dict();
    let set = |k: &str, v: Obj| dict_set(&g, Obj::str(k), v);
    set("__name__", Obj::str(name))?;
    set("__doc__", Obj::none())?;
    set("__package__", package.map(Obj::str).unwrap_or_else(Obj::none))?;
    set("__loader__", Obj::none())?;
    set("__spec__", Obj::none())?;
    if let Some(p) = path {
        set("__path__", crate::objects::list::new_list(vec![Obj::str(p)]))?;
    }
    if !file.is_empty() {
        set("__file__", Obj::str(file))?;
    } else if path.is_some() {
        set("__file__", Obj::none())?;   // a namespace package
    }
    set("__builtins__", crate::builtins::builtins_module())?;
    Ok(g)
}

/// Runs module code in `g` as module `name` (registered as initializing meanwhile).
fn exec_module(name: &str, code: &'static CodeInfo, g: &Obj) -> PyResult<()> {
    INITIALIZING.with(|i| i.borrow_mut().push(name.to_string()));
    let f = make_function(code, g, None, None);
    let r = crate::call(&f, Vec::new(), None);
    INITIALIZING.with(|i| {
        let mut i = i.borrow_mut();
        if let Some(pos) = i.iter().rposition(|n| n == name) {
            i.remove(pos);
        }
    });
    r.map(|_| ())
}

/// Creates and runs a registered compiled module; None when `name` is not compiled in.
/// The module is in `sys.modules` while its code runs and removed again if that fails;
/// the result is what `sys.modules` holds afterwards (a module may replace itself there).
pub fn load_compiled(name: &str) -> PyResult<Option<Obj>> {
    let (code, package, file) = match lookup(name) {
        Some(c) => c,
        None => return Ok(None),
    };
    let path = package_dir(name);
    let pkg = if package { name } else { parent_of(name) };
    let g = module_globals(name, Some(pkg), file, path.as_deref())?;
    let m = new_module(name, g.clone());
    let mods = super::modules_dict();
    let key = Obj::str(name);
    dict_set(&mods, key.clone(), m.clone())?;
    init_compiled(name);
    let run = set_spec(name, &m).and_then(|_| match code {
        Some(code) => exec_module(name, code, &g),
        None => Ok(()),
    });
    if let Err(e) = run {
        let _ = dict_pop(&mods, &key);
        return Err(e);
    }
    if name == "importlib" {
        if let Some(imp) = crate::hooks::IMP.get() {
            (imp.set_all_specs)()?;
        }
    }
    Ok(Some(dict_get(&mods, &key)?.unwrap_or(m)))
}

pub(crate) fn module_not_found(msg: String, name: &str) -> Exc {
    let e = new_exc(&MODULE_NOT_FOUND_ERROR, msg);
    let _ = crate::setattr(e.value(), &Obj::str("name"), Obj::str(name));
    e
}

fn has_path(m: &Obj) -> bool {
    ops::has_attr_str(m, "__path__")
}

/// importlib's `_find_and_load`: the module `name` (absolute, dotted), loading it and its
/// parents as needed, and binding it on its parent package.
pub fn find_and_load(name: &str) -> PyResult {
    let mods = super::modules_dict();
    if let Some(m) = dict_get_str(&mods, &Obj::str(name)) {
        if m.is_none() {
            return Err(module_not_found(format!("import of {} halted; None in sys.modules", name), name));
        }
        return Ok(m);
    }
    let mut parent_module = None;
    if let Some((parent, _)) = name.rsplit_once('.') {
        let pm = find_and_load(parent)?;
        // importing the parent may have imported this module
        if let Some(m) = dict_get_str(&mods, &Obj::str(name)) {
            return Ok(m);
        }
        if is_compiled(parent) && !has_path(&pm) {
            return Err(module_not_found(
                format!("No module named '{}'; '{}' is not a package", name, parent),
                name,
            ));
        }
        parent_module = Some(pm);
    }
    let found = match super::load(name)? {
        Some(m) => Some(m),
        None => match crate::hooks::IMP.get() {
            Some(imp) => (imp.load_from_meta_path)(name, parent_module.as_ref())?,
            None => None,
        },
    };
    let m = match found {
        Some(m) => m,
        None => {
            if let (Some(pm), Some((parent, _))) = (&parent_module, name.rsplit_once('.')) {
                if !has_path(pm) {
                    return Err(module_not_found(
                        format!("No module named '{}'; '{}' is not a package", name, parent),
                        name,
                    ));
                }
            }
            return Err(module_not_found(format!("No module named '{}'", name), name));
        }
    };
    if let (Some(pm), Some((_, child))) = (parent_module, name.rsplit_once('.')) {
        if as_module(&pm).is_some() {
            crate::setattr(&pm, &Obj::str(child), m.clone())?;
        }
    }
    Ok(m)
}

/// importlib's `_calc___package__`: the package a relative import is relative to.
fn calc_package(globals: &Obj) -> PyResult<Option<String>> {
    if let Some(p) = dict_get_str(globals, &Obj::str("__package__")).filter(|p| !p.is_none()) {
        return match p.as_str() {
            Some(s) => Ok(Some(s.to_string())),
            None => Err(type_error("package must be a string")),
        };
    }
    let name = dict_get_str(globals, &Obj::str("__name__"))
        .ok_or_else(|| new_exc(&crate::objects::exceptions::KEY_ERROR, "'__name__' not in globals"))?;
    let name = name.as_str().ok_or_else(|| type_error("module name must be str, not int"))?.to_string();
    if dict_get_str(globals, &Obj::str("__path__")).is_some() {
        return Ok(Some(name));
    }
    Ok(Some(parent_of(&name).to_string()))
}

/// importlib's `_resolve_name` with its sanity checks.
fn resolve_name(name: &str, package: Option<String>, level: u32) -> PyResult<String> {
    let package = match package {
        Some(p) if !p.is_empty() => p,
        _ => return Err(new_exc(&IMPORT_ERROR, "attempted relative import with no known parent package")),
    };
    let bits: Vec<&str> = package.rsplitn(level as usize, '.').collect();
    if bits.len() < level as usize {
        return Err(new_exc(&IMPORT_ERROR, "attempted relative import beyond top-level package"));
    }
    let base = bits[bits.len() - 1];
    Ok(if name.is_empty() { base.to_string() } else { format!("{}.{}", base, name) })
}

fn fromlist_items(fromlist: &Obj) -> PyResult<Vec<Obj>> {
    if fromlist.is_none() {
        return Ok(Vec::new());
    }
    ops::collect_iterable(fromlist)
}

/// importlib's `_handle_fromlist`: imports the submodules a `from package import ...` names
/// that are not attributes of the package yet.
fn handle_fromlist(module: &Obj, items: &[Obj], recursive: bool) -> PyResult<()> {
    let mname = ops::str_string(&ops::getattr_str(module, "__name__")?)?;
    for x in items {
        let x_name = match x.as_str() {
            Some(s) => s.to_string(),
            None => {
                let place = if recursive { format!("{}.__all__", mname) } else { "``from list''".to_string() };
                return Err(type_error(format!("Item in {} must be str, not {}", place, x.type_name())));
            }
        };
        if x_name == "*" {
            if !recursive {
                if let Ok(all) = ops::getattr_str(module, "__all__") {
                    handle_fromlist(module, &ops::collect_iterable(&all)?, true)?;
                }
            }
        } else if !ops::has_attr_str(module, &x_name) {
            let from_name = format!("{}.{}", mname, x_name);
            if let Err(e) = find_and_load(&from_name) {
                let missing_this = e.is_instance(&MODULE_NOT_FOUND_ERROR)
                    && crate::objects::exceptions::exc_getattr(e.value(), "name")
                        .map_or(false, |n| n.as_str() == Some(from_name.as_str()));
                let halted = dict_get_str(&super::modules_dict(), &Obj::str(&from_name)).map_or(false, |m| m.is_none());
                if !(missing_this && !halted) {
                    return Err(e);
                }
            }
        }
    }
    Ok(())
}

/// IMPORT_NAME: `__import__(name, globals, None, fromlist, level)`.
pub fn import_name(globals: &Obj, name: &str, fromlist: &Obj, level: u32) -> PyResult {
    let resolved = if level > 0 {
        resolve_name(name, calc_package(globals)?, level)?
    } else {
        if name.is_empty() {
            return Err(new_exc(&VALUE_ERROR, "Empty module name"));
        }
        name.to_string()
    };
    let module = find_and_load(&resolved)?;
    let items = fromlist_items(fromlist)?;
    if items.is_empty() {
        let first = name.split('.').next().unwrap_or("");
        if level == 0 {
            return find_and_load(first);
        }
        if name.is_empty() {
            return Ok(module);
        }
        let cut = name.len() - first.len();
        let mname = ops::str_string(&ops::getattr_str(&module, "__name__")?)?;
        let top = &mname[..mname.len() - cut];
        return dict_get_str(&super::modules_dict(), &Obj::str(top))
            .ok_or_else(|| new_exc(&crate::objects::exceptions::KEY_ERROR, format!("'{}'", top)));
    }
    if has_path(&module) {
        handle_fromlist(&module, &items, false)?;
    }
    Ok(module)
}

/// IMPORT_FROM: `from module import name` (ceval's `import_from`).
pub fn import_from(module: &Obj, name: &Obj) -> PyResult {
    match ops::getattr(module, name) {
        Ok(v) => return Ok(v),
        Err(e) if !e.is_instance(&ATTRIBUTE_ERROR) => return Err(e),
        Err(_) => {}
    }
    let n = name.as_str().unwrap_or("?");
    let pkgname = ops::getattr_str(module, "__name__").ok().and_then(|p| p.as_str().map(|s| s.to_string()));
    if let Some(p) = &pkgname {
        if let Some(m) = dict_get_str(&super::modules_dict(), &Obj::str(&format!("{}.{}", p, n))) {
            return Ok(m);
        }
    }
    let pkgname = pkgname.unwrap_or_else(|| "<unknown module name>".to_string());
    let file = as_module(module).and_then(|m| dict_get_str(&m.dict, &Obj::str("__file__"))).filter(|f| f.as_str().is_some());
    let msg = match file {
        None => format!("cannot import name '{}' from '{}' (unknown location)", n, pkgname),
        Some(f) if is_initializing(&pkgname) => format!(
            "cannot import name '{}' from partially initialized module '{}' (most likely due to a circular import) ({})",
            n,
            pkgname,
            f.as_str().unwrap_or("")
        ),
        Some(f) => format!("cannot import name '{}' from '{}' ({})", n, pkgname, f.as_str().unwrap_or("")),
    };
    let e = new_exc(&IMPORT_ERROR, msg);
    let _ = crate::setattr(e.value(), &Obj::str("name"), Obj::str(&pkgname));
    if crate::modules::sys::python_minor() >= 12 {
        // 3.12's ImportError.name_from: "Did you mean" reads it
        let _ = crate::setattr(e.value(), &Obj::str("name_from"), name.clone());
    }
    Err(e)
}

/// Program entry for a multi-module program: runs `code` as `__main__` (in `sys.modules`
/// under that name) and exits. `package` None runs it like a script (`python file.pyc`,
/// `__package__` None); Some(p) like `python -m p.name` (`__package__` = p, the package p
/// imported first) or, with "", like `python -m name` / `python DIR`.
pub fn run_main_module(code: &'static CodeInfo, package: Option<&'static str>, file: &'static str) -> ! {
    crate::io::install_panic_hook();
    let status = run_entry(code, package, file);
    crate::io::flush_stdout();
    std::process::exit(status)
}

fn run_entry(code: &'static CodeInfo, package: Option<&'static str>, file: &'static str) -> i32 {
    use crate::main_entry::handle_uncaught;
    let g = match module_globals("__main__", package, file, None) {
        Ok(g) => g,
        Err(e) => return handle_uncaught(e),
    };
    let m = new_module("__main__", g.clone());
    if let Err(e) = dict_set(&super::modules_dict(), Obj::str("__main__"), m) {
        return handle_uncaught(e);
    }
    if let Some(p) = package.filter(|p| !p.is_empty()) {
        if let Err(e) = find_and_load(p) {
            return handle_uncaught(e);
        }
    }
    let f = make_function(code, &g, None, None);
    let status = match crate::call(&f, Vec::new(), None) {
        Ok(_) => 0,
        Err(e) => handle_uncaught(e),
    };
    drop(f);
    crate::main_entry::teardown(&g);
    crate::io::flush_stdout();
    status
}

/// `repr(module)`: `<module 'pkg.mod' from 'pkg/mod.pyc'>`, `<module 'sys' (built-in)>`.
pub fn module_repr(o: &Obj) -> String {
    let m = match as_module(o) {
        Some(m) => m,
        None => return String::from("<module '?'>"),
    };
    let name = dict_get_str(&m.dict, &Obj::str("__name__"))
        .and_then(|n| n.as_str().map(|s| s.to_string()))
        .unwrap_or_else(|| m.name.clone());
    match dict_get_str(&m.dict, &Obj::str("__file__")) {
        Some(f) if f.as_str().is_some() => format!("<module '{}' from '{}'>", name, f.as_str().unwrap_or("")),
        Some(_) => format!("<module '{}' (namespace)>", name),
        None if super::registry::find_native(&name).map_or(false, |n| n.origin == super::registry::Origin::C) => format!("<module '{}' (built-in)>", name),
        None => format!("<module '{}'>", name),
    }
}

/// Runs module `name`, compiled ahead of time from a string the program `exec`s
/// (pybc2wasm/exec_sources.py), in `globals`; false when no such module is compiled in.
pub fn run_exec_source(name: &str, globals: &Obj) -> PyResult<bool> {
    let code = match lookup(name) {
        Some((Some(code), _, _)) => code,
        _ => return Ok(false),
    };
    init_compiled(name);
    crate::call(&make_function(code, globals, None, None), Vec::new(), None)?;
    Ok(true)
}

/// `_imp`'s `set_spec` when a program reaches importlib (`hooks::Imp`), else nothing.
pub fn set_spec(name: &str, m: &Obj) -> PyResult<()> {
    match crate::hooks::IMP.get() {
        Some(imp) => (imp.set_spec)(name, m),
        None => Ok(()),
    }
}
