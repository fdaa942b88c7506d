//! `_posixsubprocess`: the C module subprocess imports on platforms that can fork. Its one
//! function, fork_exec, raises OSError(ENOTSUP): a program compiled by pybc2wasm cannot start
//! processes (on WASI, CPython's subprocess raises the same error before reaching it).
use crate::objects::builtin_fn::new_builtin;
use crate::objects::dict::{dict_set, new_dict};
use crate::{Obj, PyResult};

/// ENOTSUP on Linux (and WASI's errno table).
const ENOTSUP: i64 = 95;

fn fork_exec(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Err(super::posix::os_error(ENOTSUP, None, None))
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("_posixsubprocess"))?;
    dict_set(&d, Obj::str("fork_exec"), new_builtin("fork_exec", fork_exec))?;
    Ok(crate::objects::module::new_module("_posixsubprocess", d))
}
