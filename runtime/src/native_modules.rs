//! IMPORT_NAME / IMPORT_FROM with the printer's signatures (API.md additions); the modules
//! themselves (sys, math, time, builtins, and compiled modules registered with
//! `register_module`) live in `modules/`. A module that is neither native nor compiled in
//! raises ModuleNotFoundError, as CPython does.
use crate::{Obj, PyResult};

/// `import name` / `from . import name` (`modules::importer` has the semantics): the module
/// object, created once; with a non-empty `fromlist` the leaf module of a dotted name, else
/// the top-level package.
pub fn import_name(globals: &Obj, name: &Obj, fromlist: &Obj, level: &Obj) -> PyResult {
    let level = level.as_i64().unwrap_or(0).max(0) as u32;
    crate::modules::importer::import_name(globals, name.as_str().unwrap_or(""), fromlist, level)
}

/// `from module import name`
pub fn import_from(module: &Obj, name: &Obj) -> PyResult {
    crate::modules::importer::import_from(module, name)
}
