//! Native modules and the import machinery: `sys.modules`, native module constructors, and
//! modules compiled by pybc2wasm registered with `register_module`.
pub mod abcmod;
pub mod asyncio;
pub mod binascii;
pub mod blake2;
pub mod cast;
pub mod ccollections;
pub mod ccontextvars;
pub mod ctyping;
pub mod ccsv;
pub mod cjson;
pub mod cbisect;
pub mod cfunctools;
pub mod cmath;
pub mod cheapq;
pub mod cstring;
pub mod ctokenize;
pub mod pylexer;
pub mod cstruct;
pub mod coperator;
pub mod crandom;
pub mod array;
pub mod atexit;
pub mod codecs;
pub mod collections;
pub mod dataclasses;
pub mod errno;
pub mod gcmod;
pub mod hashes;
pub mod imp;
pub mod io;
pub mod itertools;
pub mod locale;
pub mod marshal;
pub mod math;
pub mod md5;
pub mod native_class;
pub mod posix;
pub mod posixsubprocess;
pub mod random;
pub mod sha1;
pub mod sha2;
pub mod sha256;
pub mod sha3;
pub mod sha512;
pub mod signal;
pub mod select;
pub mod socket;
pub mod sre;
pub mod sre_engine;
pub mod sre_unicode;
pub mod stat;
pub mod sys;
pub mod thread;
pub mod time;
pub mod unicodedata;
pub mod zlib;
pub mod warnings;
pub mod typesmod;
pub mod weakrefmod;

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
    // a module of another name under this one (`_frozen_importlib` is importlib._bootstrap)
    // keeps its own spec
    let own = ops::getattr_str(&m, "__name__").ok().map_or(true, |n| n.as_str().map_or(true, |n| n == name));
    if own {
        importer::set_spec(name, &m)?;
    }
    Ok(Some(m))
}
