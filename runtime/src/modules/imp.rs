//! `_imp`: the C half of CPython's import system that `importlib._bootstrap` (compiled from
//! its `.pyc`) is set up with: the import lock, builtin modules (`is_builtin`,
//! `create_builtin`), frozen modules (a compiled program has none: CPython 3.11 freezes a few
//! stdlib modules, here every module is compiled in and found by the finder below instead).
//!
//! `sys.meta_path` holds one finder, `CompiledImporter`: it finds the modules compiled into
//! the program and the native ones, so `importlib.import_module`, `importlib.util.find_spec`
//! and `importlib.reload` work, and modules get a `__spec__` / `__loader__` once importlib
//! is loaded (the runtime imports without it, as CPython's C `import_find_and_load` does
//! for modules already in `sys.modules`).
use super::native_class::bind;
use super::typesmod::{native_class, Method};
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::dict::{dict_get_str, dict_set, new_dict};
use crate::objects::exceptions::{new_exc, Exc, IMPORT_ERROR, RUNTIME_ERROR};
use crate::{ops, Obj, PyResult};
use std::cell::{Cell, RefCell};

thread_local! {
    static LOCK_COUNT: Cell<usize> = Cell::new(0);
    static FINDER: RefCell<Option<Obj>> = RefCell::new(None);
    /// Modules `create_module` just loaded (their `exec_module` has nothing left to run).
    static JUST_LOADED: RefCell<Vec<String>> = RefCell::new(Vec::new());
}

fn name_arg(fname: &str, a: &[Obj]) -> PyResult<String> {
    crate::objects::str::nargs(fname, a, 1, 1)?;
    a[0].as_str().map(str::to_string).ok_or_else(|| {
        crate::objects::exceptions::type_error(format!("{}() argument must be str, not {}", fname, a[0].type_name()))
    })
}

fn no_frozen(name: &str) -> Exc {
    let e = new_exc(&IMPORT_ERROR, format!("No such frozen object named '{}'", name));
    let _ = crate::setattr(e.value(), &Obj::str("name"), Obj::str(name));
    e
}

fn is_native_builtin(name: &str) -> bool {
    super::registry::find_native(name).map_or(false, |n| n.origin == super::registry::Origin::C)
}

fn lock_held(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::bool(LOCK_COUNT.with(|c| c.get()) > 0))
}

fn acquire_lock(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    LOCK_COUNT.with(|c| c.set(c.get() + 1));
    Ok(Obj::none())
}

fn release_lock(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    if LOCK_COUNT.with(|c| c.get()) == 0 {
        return Err(new_exc(&RUNTIME_ERROR, "not holding the import lock".to_string()));
    }
    LOCK_COUNT.with(|c| c.set(c.get() - 1));
    Ok(Obj::none())
}

/// 1 for a builtin module, -1 for one that cannot be re-initialised (sys, builtins), else 0.
fn is_builtin(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let name = name_arg("is_builtin", a)?;
    Ok(Obj::int(match name.as_str() {
        "sys" | "builtins" => -1,
        n if is_native_builtin(n) => 1,
        _ => 0,
    }))
}

fn create_builtin(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    crate::objects::str::nargs("create_builtin", a, 1, 1)?;
    let name = ops::str_string(&ops::getattr_str(&a[0], "name")?)?;
    if !is_native_builtin(&name) {
        return Ok(Obj::none());
    }
    Ok(super::load(&name)?.unwrap_or_else(Obj::none))
}

fn exec_module_noop(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::int(0))
}

fn is_frozen(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    name_arg("is_frozen", a)?;
    Ok(Obj::bool(false))
}

fn find_frozen(a: &[Obj], k: Option<&Obj>) -> PyResult {
    bind("find_frozen", a, k, &["name", "withdata"], 1, 1)?;
    Ok(Obj::none())
}

fn no_such_frozen(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let name = a.get(0).and_then(|n| n.as_str().map(str::to_string)).unwrap_or_default();
    Err(no_frozen(&name))
}

fn frozen_module_names(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::tuple(vec![]))
}

/// A compiled program loads no extension modules from files.
fn extension_suffixes(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(crate::objects::list::new_list(vec![]))
}

fn fix_co_filename(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::none())
}

/// What the importer calls (see `hooks::Imp`).
pub static HOOKS: crate::hooks::Imp = crate::hooks::Imp { set_spec, set_all_specs, load_from_meta_path };

pub fn make_module() -> PyResult {
    crate::hooks::IMP.install(&HOOKS);
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("_imp"))?;
    dict_set(&d, Obj::str("check_hash_based_pycs"), Obj::str("default"))?;
    if crate::modules::sys::python_minor() >= 14 {
        // 3.14's importlib computes MAGIC_NUMBER from it: the magic (3627, as in
        // opcode_matrix/opcodes_3_14.json) and b"\r\n", read as a little-endian int
        dict_set(&d, Obj::str("pyc_magic_number_token"), Obj::int(3627 | (0x0a0d << 16)))?;
    }
    let fns: &[(&'static str, BuiltinFn)] = &[
        ("lock_held", lock_held),
        ("acquire_lock", acquire_lock),
        ("release_lock", release_lock),
        ("is_builtin", is_builtin),
        ("create_builtin", create_builtin),
        ("exec_builtin", exec_module_noop),
        ("exec_dynamic", exec_module_noop),
        ("is_frozen", is_frozen),
        ("find_frozen", find_frozen),
        ("is_frozen_package", no_such_frozen),
        ("get_frozen_object", no_such_frozen),
        ("init_frozen", no_such_frozen),
        ("_frozen_module_names", frozen_module_names),
        ("extension_suffixes", extension_suffixes),
        ("_fix_co_filename", fix_co_filename),
    ];
    for (n, f) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *f))?;
    }
    install_finder()?;
    Ok(crate::objects::module::new_module("_imp", d))
}

/// Appends the finder to `sys.meta_path` (CPython's `_install` puts its importers there).
fn install_finder() -> PyResult<()> {
    let sys = match super::load("sys")? {
        Some(s) => s,
        None => return Ok(()),
    };
    let meta = ops::getattr_str(&sys, "meta_path")?;
    crate::call(&ops::getattr_str(&meta, "append")?, vec![finder()?], None)?;
    Ok(())
}

// ---------------------------------------------------------------- the meta path finder

/// `importlib._bootstrap` when the program has imported it (specs are made with it).
fn bootstrap() -> Option<Obj> {
    dict_get_str(&super::modules_dict(), &Obj::str("importlib._bootstrap")).filter(|m| !m.is_none())
}

/// `find_spec(fullname, path=None, target=None)`: a spec for a compiled-in or native module.
fn find_spec(this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let args = bind("find_spec", a, k, &["fullname", "path", "target"], 3, 1)?;
    let name = ops::str_string(args[0].as_ref().unwrap())?;
    match spec_for(this, &name)? {
        Some(s) => Ok(s),
        None => Ok(Obj::none()),
    }
}

fn spec_for(finder: &Obj, name: &str) -> PyResult<Option<Obj>> {
    let boot = match bootstrap() {
        Some(b) => b,
        None => return Ok(None),
    };
    let (origin, package, location) = match super::importer::compiled_info(name) {
        Some((package, file)) => (Obj::str(if file.is_empty() { "compiled" } else { file }), package, super::importer::package_dir(name)),
        None if super::registry::find_native(name).is_some() => (Obj::str("built-in"), false, None),
        None => return Ok(None),
    };
    // None while importlib._bootstrap itself is loading
    let make = match ops::getattr_str(&boot, "ModuleSpec") {
        Ok(m) => m,
        Err(_) => return Ok(None),
    };
    let kw = Obj::tuple2(Obj::str("origin"), Obj::str("is_package"));
    let spec = crate::call(&make, vec![Obj::str(name), finder.clone(), origin, Obj::bool(package)], Some(&kw))?;
    if let Some(dir) = location {
        crate::setattr(&spec, &Obj::str("submodule_search_locations"), crate::objects::list::new_list(vec![Obj::string(dir)]))?;
    }
    Ok(Some(spec))
}

/// `create_module(spec)`: the runtime loads (and runs) the module, as it does for `import`.
fn create_module(_this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    crate::objects::str::nargs("create_module", a, 1, 1)?;
    let name = ops::str_string(&ops::getattr_str(&a[0], "name")?)?;
    let m = super::importer::find_and_load(&name)?;
    JUST_LOADED.with(|j| j.borrow_mut().push(name));
    Ok(m)
}

/// `exec_module(module)`: nothing after `create_module`; `importlib.reload` runs the
/// module's code again in its namespace.
fn exec_module(_this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    crate::objects::str::nargs("exec_module", a, 1, 1)?;
    let name = ops::str_string(&ops::getattr_str(&a[0], "__name__")?)?;
    let fresh = JUST_LOADED.with(|j| {
        let mut j = j.borrow_mut();
        j.iter().rposition(|n| *n == name).map(|i| j.remove(i)).is_some()
    });
    if !fresh {
        super::importer::rerun_module(&name, &a[0])?;
    }
    Ok(Obj::none())
}

/// `get_data(path)`, as CPython's FileLoader: the bytes of a data file bundled beside a
/// compiled package, else of the file at `path` (OSError when it cannot be read).
fn get_data(_this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    crate::objects::str::nargs("get_data", a, 1, 1)?;
    let path = a[0].as_str().map(str::to_string).ok_or_else(|| {
        crate::objects::exceptions::type_error(format!("expected str, bytes or os.PathLike object, not {}", a[0].type_name()))
    })?;
    if let Some(b) = super::importer::bundled_data(&path) {
        return Ok(Obj::bytes(b));
    }
    std::fs::read(&path).map(|b| Obj::bytes(&b)).map_err(|e| super::posix::io_error(&e, Some(&a[0])))
}

// ------------------------------------------------- importlib.metadata's distributions

thread_local! {
    static BUNDLED_PATH: RefCell<Option<Obj>> = RefCell::new(None);
}

/// A bundled file or directory as importlib.metadata's `SimplePath` sees it (what
/// `PathDistribution` reads METADATA and entry_points.txt through).
fn bundled_path(path: String) -> PyResult {
    let cls = super::typesmod::cached_class(&BUNDLED_PATH, make_bundled_path_class)?;
    let o = crate::objects::typeobj::new_instance(cls.as_type());
    crate::setattr(&o, &Obj::str("_path"), Obj::string(path))?;
    Ok(o)
}

fn path_of(this: &Obj) -> PyResult<String> {
    ops::str_string(&ops::getattr_str(this, "_path")?)
}

fn bp_joinpath(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let mut p = path_of(this)?;
    for part in a {
        let s = ops::str_string(part)?;
        if s.starts_with('/') {
            p = s;
        } else {
            if !p.ends_with('/') {
                p.push('/');
            }
            p.push_str(&s);
        }
    }
    bundled_path(p)
}

fn bp_read_bytes(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let p = path_of(this)?;
    match super::importer::bundled_data(&p) {
        Some(b) => Ok(Obj::bytes(b)),
        None => Err(super::posix::os_error(2, Some(&Obj::string(p)), None)),
    }
}

fn bp_read_text(this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let b = bp_read_bytes(this, &[], None)?;
    let dec = ops::getattr_str(&b, "decode")?; // pybc2wasm: only via read_text
    let args = bind("read_text", a, k, &["encoding", "errors"], 2, 0)?;
    let enc = args[0].clone().filter(|e| !e.is_none()).unwrap_or_else(|| Obj::str("utf-8"));
    let errors = args[1].clone().filter(|e| !e.is_none()).unwrap_or_else(|| Obj::str("strict"));
    crate::call(&dec, vec![enc, errors], None)
}

fn bp_exists(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let p = path_of(this)?;
    let dir = format!("{}/", p.trim_end_matches('/'));
    Ok(Obj::bool(super::importer::bundled_paths().iter().any(|b| *b == p || b.starts_with(&dir))))
}

fn bp_str(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::string(path_of(this)?))
}

fn bp_repr(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::string(format!("BundledPath({})", crate::repr::repr_string(&Obj::string(path_of(this)?))?)))
}

fn bp_name(this: &Obj) -> PyResult {
    let p = path_of(this)?;
    Ok(Obj::string(p.trim_end_matches('/').rsplit('/').next().unwrap_or("").to_string()))
}

fn bp_parent(this: &Obj) -> PyResult {
    let p = path_of(this)?;
    let t = p.trim_end_matches('/');
    bundled_path(match t.rfind('/') {
        Some(0) => "/".to_string(),
        Some(i) => t[..i].to_string(),
        None => ".".to_string(),
    })
}

fn make_bundled_path_class() -> PyResult {
    let methods: &[(&'static str, Method)] = &[
        ("joinpath", bp_joinpath),
        ("__truediv__", bp_joinpath),
        ("read_text", bp_read_text),
        ("read_bytes", bp_read_bytes),
        ("exists", bp_exists),
        ("__str__", bp_str),
        ("__fspath__", bp_str),
        ("__repr__", bp_repr),
    ];
    native_class("BundledPath", "_imp", vec![], methods, &[("name", bp_name), ("parent", bp_parent)])
}

/// `find_distributions(context)`: the distributions whose `*.dist-info` metadata was bundled
/// with the modules they installed, as importlib.metadata's `PathDistribution`s (all of them
/// when `context.name` is None, else those whose normalised name matches).
fn find_distributions(_this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let args = bind("find_distributions", a, k, &["context"], 1, 0)?;
    let name = match &args[0] {
        Some(c) if !c.is_none() => ops::getattr_str(c, "name").unwrap_or_else(|_| Obj::none()),
        _ => Obj::none(),
    };
    let md = super::importer::find_and_load("importlib.metadata")?;
    let normalize = ops::getattr_str(&ops::getattr_str(&md, "Prepared")?, "normalize")?;
    let want = if name.is_none() { None } else { Some(crate::call(&normalize, vec![name], None)?) };
    let make = ops::getattr_str(&md, "PathDistribution")?;
    let mut dirs: Vec<String> = Vec::new();
    for p in super::importer::bundled_paths() {
        if let Some(dir) = p.strip_suffix("/METADATA") {
            if dir.ends_with(".dist-info") && !dirs.iter().any(|d| d == dir) {
                dirs.push(dir.to_string());
            }
        }
    }
    let mut out = Vec::new();
    for dir in dirs {
        if let Some(w) = &want {
            let stem = dir.rsplit('/').next().unwrap_or("").trim_end_matches(".dist-info");
            let dist = stem.split('-').next().unwrap_or("");
            let n = crate::call(&normalize, vec![Obj::string(dist.to_string())], None)?;
            if !ops::eq(&n, w)? {
                continue;
            }
        }
        out.push(crate::call(&make, vec![bundled_path(dir)?], None)?);
    }
    Ok(crate::objects::list::new_list(out))
}

fn finder_repr(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::string(format!("<CompiledImporter object at 0x{:x}>", this.addr())))
}

fn make_finder() -> PyResult {
    let methods: &[(&'static str, Method)] = &[
        ("find_spec", find_spec),
        ("create_module", create_module),
        ("exec_module", exec_module),
        ("get_data", get_data),
        ("find_distributions", find_distributions),
        ("__repr__", finder_repr),
    ];
    let cls = native_class("CompiledImporter", "_imp", vec![], methods, &[])?;
    Ok(crate::objects::typeobj::new_instance(cls.as_type()))
}

/// The finder `sys.meta_path` starts with.
pub fn finder() -> PyResult {
    if let Some(f) = FINDER.with(|f| f.borrow().clone()) {
        return Ok(f);
    }
    let f = make_finder()?;
    FINDER.with(|s| *s.borrow_mut() = Some(f.clone()));
    Ok(f)
}

/// After `name` was loaded by the runtime: its `__spec__` and `__loader__` when importlib is
/// loaded (`importlib/__init__` itself gives them to every module loaded before it).
pub fn set_spec(name: &str, module: &Obj) -> PyResult<()> {
    if bootstrap().is_none() {
        return Ok(());
    }
    let f = finder()?;
    let spec = match spec_for(&f, name)? {
        Some(s) => s,
        None => return Ok(()),
    };
    crate::setattr(module, &Obj::str("__spec__"), spec)?;
    crate::setattr(module, &Obj::str("__loader__"), f)
}

/// Gives the modules loaded so far a spec (run once `importlib` has loaded).
pub fn set_all_specs() -> PyResult<()> {
    for (k, m) in crate::objects::dict::dict_items(&super::modules_dict()) {
        let name = match k.as_str() {
            Some(n) if n != "__main__" => n.to_string(),
            _ => continue,
        };
        if crate::objects::module::as_module(&m).is_none() {
            continue;
        }
        let has = ops::getattr_str(&m, "__spec__").map(|s| !s.is_none()).unwrap_or(false);
        if !has {
            set_spec(&name, &m)?;
        }
    }
    Ok(())
}

/// A module no compiled-in or native one provides, from the other finders on
/// `sys.meta_path` (a package's own importer, like six's for `six.moves`), loaded with
/// `importlib._bootstrap._load` as CPython's import does. None without importlib.
pub fn load_from_meta_path(name: &str, parent: Option<&Obj>) -> PyResult<Option<Obj>> {
    let boot = match bootstrap() {
        Some(b) => b,
        None => return Ok(None),
    };
    let sys = match super::load("sys")? {
        Some(s) => s,
        None => return Ok(None),
    };
    let ours = finder()?;
    let path = match parent {
        Some(p) => ops::getattr_str(p, "__path__").unwrap_or_else(|_| Obj::none()),
        None => Obj::none(),
    };
    for f in ops::collect_iterable(&ops::getattr_str(&sys, "meta_path")?)? {
        if f.is(&ours) {
            continue;
        }
        let find = match ops::getattr_str(&f, "find_spec") {
            Ok(fs) => fs,
            Err(_) => continue,
        };
        let spec = crate::call(&find, vec![Obj::str(name), path.clone(), Obj::none()], None)?;
        if !spec.is_none() {
            return crate::call(&ops::getattr_str(&boot, "_load")?, vec![spec], None).map(Some);
        }
    }
    Ok(None)
}
