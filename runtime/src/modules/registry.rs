//! The table of native modules: what the runtime supplies in Rust, by module name.
//!
//! `Origin::C` marks a module CPython itself writes in C (builtin or extension); such a module
//! is always native. `Origin::Replacement` marks a hand-written stand-in for a module CPython
//! writes in Python: the compiler uses it instead of compiling the original from its `.pyc`
//! only while it is listed here (retire an entry once the compiled original passes).
//!
//! The compiler reads this file (one `native!` line per module) to know which modules are
//! native, and a program's printed `main` installs a table of only the natives that program
//! reaches, so the linker drops the others. `ALL` (every native) is what the runtime's own
//! tests and the single-module entry point use.
use super::*;
use crate::PyResult;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Origin {
    C,
    Replacement,
}

/// One native module: its dotted name and the function that creates it.
pub struct Native {
    pub name: &'static str,
    pub origin: Origin,
    pub make: fn() -> PyResult,
}

macro_rules! native {
    ($name:literal, $origin:ident, $make:path) => {
        Native { name: $name, origin: Origin::$origin, make: $make }
    };
}

pub fn make_sys() -> PyResult {
    sys::make_module(&modules_dict())
}

pub fn make_builtins() -> PyResult {
    Ok(crate::builtins::builtins_module())
}

pub fn make_os_path() -> PyResult {
    ops::getattr_str(&importer::find_and_load("os")?, "path")
}

/// `_frozen_importlib` / `_frozen_importlib_external`: CPython freezes `importlib._bootstrap`
/// and `importlib._bootstrap_external` and installs them under these names at startup; here
/// they are compiled from importlib's `.pyc`, so these names are those same module objects,
/// set up by importing `importlib` (zipimport imports `_frozen_importlib_external`). While
/// importlib itself loads, it tries these names first and falls back to its own submodules:
/// then they are not found, as in a CPython without the frozen modules.
pub fn make_frozen_importlib() -> PyResult {
    frozen_alias("_frozen_importlib", "importlib._bootstrap")
}

pub fn make_frozen_importlib_external() -> PyResult {
    frozen_alias("_frozen_importlib_external", "importlib._bootstrap_external")
}

fn frozen_alias(alias: &str, name: &str) -> PyResult {
    let mods = modules_dict();
    let get = || crate::objects::dict::dict_get_str(&mods, &crate::Obj::str(name)).filter(|m| !m.is_none());
    if let Some(m) = get() {
        return Ok(m);
    }
    if crate::objects::dict::dict_get_str(&mods, &crate::Obj::str("importlib")).is_none() {
        importer::find_and_load("importlib")?;
        if let Some(m) = get() {
            return Ok(m);
        }
    }
    Err(importer::module_not_found(format!("No module named '{}'", alias), alias))
}

pub static ALL: &[Native] = &[
    native!("builtins", C, make_builtins),
    native!("sys", C, make_sys),
    native!("gc", C, gcmod::make_module),
    native!("itertools", C, itertools::make_module),
    native!("time", C, time::make_module),
    native!("math", C, math::make_module),
    native!("_sre", C, sre::make_module),
    native!("_abc", C, abcmod::make_module),
    native!("_weakref", C, weakrefmod::make_module),
    native!("_functools", C, cfunctools::make_module),
    native!("_thread", C, thread::make_module),
    native!("_operator", C, coperator::make_module),
    native!("_collections", C, ccollections::make_module),
    native!("_typing", C, ctyping::make_module),
    native!("_heapq", C, cheapq::make_module),
    native!("_bisect", C, cbisect::make_module),
    native!("_struct", C, cstruct::make_module),
    native!("binascii", C, binascii::make_module),
    native!("_string", C, cstring::make_module),
    native!("_tokenize", C, ctokenize::make_module),
    native!("_random", C, crandom::make_module),
    native!("_md5", C, md5::make_module),
    native!("_sha1", C, sha1::make_module),
    native!("_sha256", C, sha256::make_module),
    native!("_sha512", C, sha512::make_module),
    native!("_sha2", C, sha2::make_module),
    native!("_sha3", C, sha3::make_module),
    native!("_blake2", C, blake2::make_module),
    native!("zlib", C, zlib::make_module),
    native!("cmath", C, cmath::make_module),
    native!("unicodedata", C, unicodedata::make_module),
    native!("dataclasses", Replacement, dataclasses::make_module),
    native!("asyncio", Replacement, asyncio::make_module),
    native!("errno", C, errno::make_module),
    native!("_stat", C, stat::make_module),
    native!("posix", C, posix::make_module),
    native!("_frozen_importlib", C, make_frozen_importlib),
    native!("_frozen_importlib_external", C, make_frozen_importlib_external),
    native!("_codecs", C, codecs::make_module),
    native!("_io", C, io::make_module),
    native!("atexit", C, atexit::make_module),
    native!("_warnings", C, warnings::make_module),
    native!("_signal", C, signal::make_module),
    native!("_locale", C, locale::make_module),
    native!("_contextvars", C, ccontextvars::make_module),
    native!("array", C, array::make_module),
    native!("_csv", C, ccsv::make_module),
    native!("_json", C, cjson::make_module),
    native!("_ast", C, cast::make_module),
    native!("_imp", C, imp::make_module),
    native!("marshal", C, marshal::make_module),
    native!("select", C, select::make_module),
    native!("_posixsubprocess", C, posixsubprocess::make_module),
    native!("_socket", C, socket::make_module),
];

thread_local! {
    static INSTALLED: std::cell::Cell<&'static [Native]> = std::cell::Cell::new(&[]);
}

/// Makes `table` the natives this program can import (a printed `main` passes only those
/// it reaches; `install_all` passes `ALL`).
pub fn install(table: &'static [Native]) {
    INSTALLED.with(|t| t.set(table));
}

/// Every native, every builtin method and function (the runtime's own tests, the single-module
/// entry point).
pub fn install_all() {
    install(ALL);
    crate::method_tables::install_all();
    // the hooks a printed `main` installs per program (pybc2wasm/method_tables.py, HOOK_GATES)
    crate::hooks::PERCENT.install(&crate::format::PERCENT_HOOKS);
    crate::hooks::IMP.install(&imp::HOOKS);
    crate::hooks::ABSTRACT.install(&crate::objects::typeobj::ABSTRACT_HOOKS);
    crate::hooks::SLOTS.install(&typesmod::SLOT_HOOKS);
    crate::hooks::CLASSMETHODS.install(&crate::objects::typeobj::CLASSMETHOD_HOOKS);
}

/// The installed native module named `name`, if any.
pub fn find_native(name: &str) -> Option<&'static Native> {
    INSTALLED.with(|t| t.get().iter().find(|n| n.name == name))
}

/// The names of the installed natives (what `sys.builtin_module_names`-style listings show).
pub fn installed_names() -> Vec<&'static str> {
    INSTALLED.with(|t| t.get().iter().map(|n| n.name).collect())
}
