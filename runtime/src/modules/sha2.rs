//! `_sha2`: CPython 3.12 merged `_sha256` and `_sha512` into this one module (`random.seed`
//! and `hashlib` of 3.12+ import it); the same constructors and types.
use crate::objects::dict::{dict_items, dict_set, new_dict};
use crate::objects::module::{as_module, new_module};
use crate::PyResult;

pub fn make_module() -> PyResult {
    let d = new_dict();
    for part in [super::sha256::make_module()?, super::sha512::make_module()?] {
        for (k, v) in dict_items(&as_module(&part).unwrap().dict) {
            dict_set(&d, k, v)?;
        }
    }
    dict_set(&d, crate::Obj::str("__name__"), crate::Obj::str("_sha2"))?;
    Ok(new_module("_sha2", d))
}
