//! Native modules and the import machinery: `sys.modules`, native module constructors, and
//! modules compiled by pybc2wasm registered with `register_module`.
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
pub mod small;
pub mod sys;
pub mod time;

use crate::objects::dict::{dict_get_str, dict_set, new_dict};
use crate::objects::exceptions::{new_exc, ATTRIBUTE_ERROR, IMPORT_ERROR, MODULE_NOT_FOUND_ERROR};
use crate::objects::function::{make_function, CodeInfo};
use crate::objects::module::{as_module, new_module};
use crate::{ops, Obj, PyResult};
use std::cell::RefCell;

thread_local! {
    static MODULES: RefCell<Option<Obj>> = RefCell::new(None);
    static REGISTRY: RefCell<Vec<(&'static str, &'static CodeInfo)>> = RefCell::new(Vec::new());
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

/// Makes compiled module code importable under `name`.
pub fn register_module(name: &'static str, code: &'static CodeInfo) {
    REGISTRY.with(|r| r.borrow_mut().push((name, code)));
}

fn load(name: &str) -> PyResult<Option<Obj>> {
    let mods = modules_dict();
    if let Some(m) = dict_get_str(&mods, &Obj::str(name)) {
        return Ok(Some(m));
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
        "operator" => functools::make_operator_module()?,
        "builtins" => crate::builtins::builtins_module(),
        _ => {
            let code = REGISTRY.with(|r| r.borrow().iter().find(|(n, _)| *n == name).map(|(_, c)| *c));
            let code = match code {
                Some(c) => c,
                None => return Ok(None),
            };
            let g = new_dict();
            dict_set(&g, Obj::str("__name__"), Obj::str(name))?;
            dict_set(&g, Obj::str("__builtins__"), crate::builtins::builtins_module())?;
            let m = new_module(name, g.clone());
            dict_set(&mods, Obj::str(name), m.clone())?;
            let f = make_function(code, &g, None, None);
            if let Err(e) = crate::call(&f, Vec::new(), None) {
                let _ = crate::objects::dict::dict_pop(&mods, &Obj::str(name));
                return Err(e);
            }
            return Ok(Some(m));
        }
    };
    dict_set(&mods, Obj::str(name), m.clone())?;
    Ok(Some(m))
}

/// IMPORT_NAME: imports `name` (dotted); returns the top-level package unless `fromlist`
/// is a non-empty tuple, in which case the named module itself.
pub fn import_name(name: &str, fromlist: &Obj, level: u32) -> PyResult {
    if level > 0 {
        return Err(new_exc(&IMPORT_ERROR, "attempted relative import with no known parent package"));
    }
    let mut cur = String::new();
    let mut top: Option<Obj> = None;
    let mut last: Option<Obj> = None;
    for part in name.split('.') {
        if !cur.is_empty() {
            cur.push('.');
        }
        cur.push_str(part);
        let m = match load(&cur)? {
            Some(m) => m,
            None => return Err(new_exc(&MODULE_NOT_FOUND_ERROR, format!("No module named '{}'", cur))),
        };
        if let Some(parent) = &last {
            if let Some(pm) = as_module(parent) {
                dict_set(&pm.dict, Obj::str(part), m.clone())?;
            }
        }
        if top.is_none() {
            top = Some(m.clone());
        }
        last = Some(m);
    }
    let from = crate::objects::tuple::try_tuple_items(fromlist).map(|t| !t.is_empty()).unwrap_or(false);
    Ok(if from { last.unwrap() } else { top.unwrap() })
}

/// IMPORT_FROM: `from module import name`.
pub fn import_from(module: &Obj, name: &Obj) -> PyResult {
    match ops::getattr(module, name) {
        Ok(v) => Ok(v),
        Err(e) => {
            if !e.is_instance(&ATTRIBUTE_ERROR) {
                return Err(e);
            }
            let mname = as_module(module).map(|m| m.name.clone()).unwrap_or_default();
            let sub = format!("{}.{}", mname, name.as_str().unwrap_or(""));
            if let Some(m) = load(&sub)? {
                return Ok(m);
            }
            Err(new_exc(
                &IMPORT_ERROR,
                format!("cannot import name '{}' from '{}' (unknown location)", name.as_str().unwrap_or("?"), mname),
            ))
        }
    }
}
