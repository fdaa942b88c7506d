//! Native modules and the import machinery: `sys.modules`, native module constructors, and
//! modules compiled by pybc2wasm registered with `register_module`.
pub mod asyncio;
pub mod binascii;
pub mod blake2;
pub mod ccollections;
pub mod cbisect;
pub mod cfunctools;
pub mod cmath;
pub mod cheapq;
pub mod cstring;
pub mod cstruct;
pub mod coperator;
pub mod crandom;
pub mod collections;
pub mod dataclasses;
pub mod enum_mod;
pub mod fileio;
pub mod functools;
pub mod gcmod;
pub mod hashes;
pub mod itertools;
pub mod json;
pub mod math;
pub mod md5;
pub mod random;
pub mod re;
pub mod sha1;
pub mod sha256;
pub mod sha3;
pub mod sha512;
pub mod small;
pub mod sys;
pub mod thread;
pub mod time;
pub mod unicodedata;
pub mod zlib;

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
        "_functools" => cfunctools::make_module()?,
        "_thread" => thread::make_module()?,
        "_operator" => coperator::make_module()?,
        "_collections" => ccollections::make_module()?,
        "_heapq" => cheapq::make_module()?,
        "_bisect" => cbisect::make_module()?,
        "_struct" => cstruct::make_module()?,
        "binascii" => binascii::make_module()?,
        "_string" => cstring::make_module()?,
        "_random" => crandom::make_module()?,
        "_md5" => md5::make_module()?,
        "_sha1" => sha1::make_module()?,
        "_sha256" => sha256::make_module()?,
        "_sha512" => sha512::make_module()?,
        "_sha3" => sha3::make_module()?,
        "_blake2" => blake2::make_module()?,
        "zlib" => zlib::make_module()?,
        "cmath" => cmath::make_module()?,
        "unicodedata" => unicodedata::make_module()?,
        _ => return Ok(None),
    };
    dict_set(&mods, Obj::str(name), m.clone())?;
    Ok(Some(m))
}
