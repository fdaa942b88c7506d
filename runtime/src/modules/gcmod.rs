//! The `gc` module: collect, enable, disable, isenabled, get_count, is_tracked, ...
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::dict::{dict_set, new_dict};
use crate::{Obj, PyResult};

fn g_collect(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::int(crate::gc::collect() as i64))
}
fn g_enable(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    crate::gc::enable(true);
    Ok(Obj::none())
}
fn g_disable(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    crate::gc::enable(false);
    Ok(Obj::none())
}
fn g_isenabled(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::bool(crate::gc::is_enabled()))
}
fn g_get_count(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::tuple(vec![Obj::int(crate::gc::tracked_count() as i64), Obj::int(0), Obj::int(0)]))
}
fn g_is_tracked(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    crate::objects::str::nargs("is_tracked", a, 1, 1)?;
    Ok(Obj::bool(crate::gc::is_tracked(&a[0])))
}
fn g_get_threshold(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::tuple(vec![Obj::int(700), Obj::int(10), Obj::int(10)]))
}
fn g_set_threshold(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::none())
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("gc"))?;
    let fns: &[(&'static str, BuiltinFn)] = &[
        ("collect", g_collect),
        ("enable", g_enable),
        ("disable", g_disable),
        ("isenabled", g_isenabled),
        ("get_count", g_get_count),
        ("is_tracked", g_is_tracked),
        ("get_threshold", g_get_threshold),
        ("set_threshold", g_set_threshold),
    ];
    for (n, f) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *f))?;
    }
    Ok(crate::objects::module::new_module("gc", d))
}
