//! Native modules and the import machinery: `sys.modules`, native module constructors, and
//! modules compiled by pybc2wasm registered with `register_module`.
pub mod asyncio;
pub mod collections;
pub mod dataclasses;
pub mod enum_mod;
pub mod fileio;
pub mod functools;
pub mod gcmod;
pub mod itertools;
pub mod json;
pub mod math;
pub mod random;
pub mod sha512;
pub mod small;
pub mod sre;
pub mod sre_engine;
pub mod sre_unicode;
pub mod sys;
pub mod time;

pub mod importer;
pub mod registry;

use crate::objects::dict::{dict_get_str, dict_set, new_dict};
use crate::objects::function::CodeInfo;
use crate::{ops, Obj, PyResult};
use std::cell::RefCell;

thread_local! {
    static MODULES: RefCell<Option<Obj>> = RefCell::new(None);
}

/// `sys.modules`
pub fn modules_dict() -> Obj {
    MODULES.with(|m| {
        if let Some(d) = &*m.borrow() {
            return d.clone();
        }
        let d = new_dict();
        *m.borrow_mut() = Some(d.clone());
        d
    })
}

/// Makes compiled module code importable under `name` (a plain module; see
/// `importer::register_module_at` for packages).
pub fn register_module(name: &'static str, code: &'static CodeInfo) {
    importer::register_module_at(name, Some(code), false, "");
}

/// The module `name` (dotted, its parents already imported) from `sys.modules`, or else
/// created: a compiled module of the program or an installed native module (see `registry`).
/// None if neither exists. The compiler never registers a compiled module and a native one
/// under the same name.
pub fn load(name: &str) -> PyResult<Option<Obj>> {
    let mods = modules_dict();
    if let Some(m) = dict_get_str(&mods, &Obj::str(name)) {
        return Ok(Some(m));
    }
    if importer::is_compiled(name) {
        return importer::load_compiled(name);
    }
    let native = match registry::find_native(name) {
        Some(n) => n,
        None => return Ok(None),
    };
    let m = (native.make)()?;
    dict_set(&mods, Obj::str(name), m.clone())?;
    Ok(Some(m))
}
