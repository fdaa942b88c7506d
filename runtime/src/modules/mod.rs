//! Native modules and the import machinery: `sys.modules`, native module constructors, and
//! modules compiled by pybc2wasm registered with `register_module`.
pub mod abcmod;
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
pub mod re;
pub mod sha512;
pub mod small;
pub mod sys;
pub mod time;
pub mod typesmod;
pub mod weakrefmod;

pub mod importer;

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

/// Modules built into CPython itself (`sys.builtin_module_names`): found before any module
/// of the program, which can shadow every other native module.
pub const BUILTIN_NAMES: &[&str] = &["builtins", "sys", "gc", "itertools", "time"];

/// The module `name` (dotted, its parents already imported) from `sys.modules`, or else
/// created: a compiled module of the program or a native module. None if neither exists.
pub fn load(name: &str) -> PyResult<Option<Obj>> {
    let mods = modules_dict();
    if let Some(m) = dict_get_str(&mods, &Obj::str(name)) {
        return Ok(Some(m));
    }
    if !BUILTIN_NAMES.contains(&name) && importer::is_compiled(name) {
        return importer::load_compiled(name);
    }
    let m = match name {
        "math" => math::make_module()?,
        "sys" => sys::make_module(&mods)?,
        "time" => time::make_module()?,
        "random" => random::make_module()?,
        "collections" => collections::make_module()?,
        "itertools" => itertools::make_module()?,
        "gc" => gcmod::make_module()?,
        "typing" => small::typing()?,
        "json" => json::make_module()?,
        "enum" => enum_mod::make_module()?,
        "re" => re::make_module()?,
        "dataclasses" => dataclasses::make_module()?,
        "abc" => small::abc()?,
        "_abc" => abcmod::make_module()?,
        "_weakref" => weakrefmod::make_module()?,
        "string" => small::string()?,
        "heapq" => small::heapq()?,
        "bisect" => small::bisect()?,
        "copy" => small::copy()?,
        "os" => small::os()?,
        "os.path" => {
            let os = match load("os")? {
                Some(m) => m,
                None => return Ok(None),
            };
            ops::getattr_str(&os, "path")?
        }
        "functools" => functools::make_module()?,
        "asyncio" => asyncio::make_module()?,
        "operator" => functools::make_operator_module()?,
        "builtins" => crate::builtins::builtins_module(),
        _ => return Ok(None),
    };
    dict_set(&mods, Obj::str(name), m.clone())?;
    Ok(Some(m))
}
