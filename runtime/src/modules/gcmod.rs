//! The `gc` module: collect, enable, disable, isenabled, get_count, is_tracked, callbacks,
//! garbage, get_debug/set_debug, ...
//!
//! `gc.callbacks` and `gc.garbage` are lists the collector itself holds (as CPython's
//! interpreter state does): rebinding the module attributes does not replace them.
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::int::{as_int, IntVal};
use crate::objects::list::{as_list, new_list};
use crate::{Obj, PyResult};
use std::cell::{Cell, RefCell};

const DEBUG_STATS: i64 = 1;
const DEBUG_COLLECTABLE: i64 = 2;
const DEBUG_UNCOLLECTABLE: i64 = 4;
const DEBUG_SAVEALL: i64 = 32;
const DEBUG_LEAK: i64 = DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL;

thread_local! {
    // (callbacks, garbage), created with the module
    static LISTS: RefCell<Option<(Obj, Obj)>> = RefCell::new(None);
    static DEBUG: Cell<i64> = Cell::new(0);
}

fn lists() -> Option<(Obj, Obj)> {
    LISTS.with(|l| l.borrow().clone())
}

/// Calls every callback in `gc.callbacks` with (phase, {"generation", "collected",
/// "uncollectable"}); an exception is reported as unraisable and the next callback runs.
pub fn invoke_callbacks(phase: &str, generation: i64, collected: usize, uncollectable: usize) {
    let callbacks = match lists() {
        Some((c, _)) => c,
        None => return,
    };
    let items = as_list(&callbacks).unwrap();
    if items.borrow().is_empty() {
        return;
    }
    let info = new_dict();
    for (k, v) in [("generation", generation), ("collected", collected as i64), ("uncollectable", uncollectable as i64)] {
        let _ = dict_set(&info, Obj::str(k), Obj::int(v));
    }
    let mut i = 0;
    loop {
        // the list may change while callbacks run: read it again each time, as CPython does
        let cb = match items.borrow().get(i) {
            Some(cb) => cb.clone(),
            None => break,
        };
        if let Err(e) = crate::call(&cb, vec![Obj::str(phase), info.clone()], None) {
            let what = crate::ops::repr_string(&cb).unwrap_or_else(|_| "<gc callback>".into());
            let tb = crate::main_entry::format_exception(e.value());
            // 3.14's unraisable hook names the context: "while calling GC callback"
            let head = if crate::modules::sys::python_minor() >= 14 { "Exception ignored while calling GC callback" } else { "Exception ignored in:" };
            let sep = if crate::modules::sys::python_minor() >= 14 { ":" } else { "" };
            crate::io::write_stderr(format!("{} {}{}\n{}", head, what, sep, tb).as_bytes());
        }
        i += 1;
    }
}

/// `gc.garbage` when gc.DEBUG_SAVEALL is set: a collection keeps what it finds there.
pub fn saveall_list() -> Option<Obj> {
    if DEBUG.with(|d| d.get()) & DEBUG_SAVEALL == 0 {
        return None;
    }
    lists().map(|(_, garbage)| garbage)
}

/// An argument converted as CPython's `int` (C int) argument converter does.
fn c_int(o: &Obj) -> PyResult<i64> {
    let v = match as_int(o) {
        Some(IntVal::Small(v)) => *v,
        Some(IntVal::Big(_)) => i64::MAX,
        None => crate::ops::index_value(o)?,
    };
    if v > i32::MAX as i64 || v < i32::MIN as i64 {
        return Err(crate::objects::exceptions::overflow_error("Python int too large to convert to C int"));
    }
    Ok(v)
}

fn g_collect(a: &[Obj], k: Option<&Obj>) -> PyResult {
    let (pos, kws) = crate::builtins::split_kw(a, k);
    let given = pos.len() + kws.len();
    if given > 1 {
        return Err(crate::objects::exceptions::type_error(format!("collect() takes at most 1 argument ({} given)", given)));
    }
    let mut arg = pos.first();
    for (name, v) in &kws {
        if *name != "generation" {
            return Err(crate::objects::exceptions::unexpected_keyword(&name, "collect"));
        }
        arg = Some(*v);
    }
    let generation = match arg {
        Some(g) => c_int(g)?,
        None => 2,
    };
    if !(0..=2).contains(&generation) {
        return Err(crate::objects::exceptions::value_error("invalid generation"));
    }
    Ok(Obj::int(crate::gc::collect_generation(generation) as i64))
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
    Ok(Obj::tuple3(Obj::int(crate::gc::tracked_count() as i64), Obj::int(0), Obj::int(0)))
}
fn g_is_tracked(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    crate::objects::str::nargs("is_tracked", a, 1, 1)?;
    Ok(Obj::bool(crate::gc::is_tracked(&a[0])))
}
fn g_get_threshold(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::tuple3(Obj::int(700), Obj::int(10), Obj::int(10)))
}
fn g_set_threshold(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::none())
}
fn g_get_debug(a: &[Obj], k: Option<&Obj>) -> PyResult {
    crate::objects::str::no_kw("gc.get_debug", k)?;
    crate::objects::str::nargs("gc.get_debug", a, 0, 0)?;
    Ok(Obj::int(DEBUG.with(|d| d.get())))
}
/// Only DEBUG_SAVEALL changes what the collector does; the flags that make CPython print
/// statistics and the objects found are kept (get_debug returns them) but print nothing.
fn g_set_debug(a: &[Obj], k: Option<&Obj>) -> PyResult {
    crate::objects::str::no_kw("gc.set_debug", k)?;
    crate::objects::str::nargs("gc.set_debug", a, 1, 1)?;
    let flags = c_int(&a[0])?;
    DEBUG.with(|d| d.set(flags));
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
        ("get_debug", g_get_debug),
        ("set_debug", g_set_debug),
    ];
    for (n, f) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *f))?;
    }
    let (callbacks, garbage) = match lists() {
        Some(l) => l,
        None => {
            let l = (new_list(vec![]), new_list(vec![]));
            LISTS.with(|s| *s.borrow_mut() = Some(l.clone()));
            l
        }
    };
    dict_set(&d, Obj::str("callbacks"), callbacks)?;
    dict_set(&d, Obj::str("garbage"), garbage)?;
    for (n, v) in [("DEBUG_STATS", DEBUG_STATS), ("DEBUG_COLLECTABLE", DEBUG_COLLECTABLE),
                   ("DEBUG_UNCOLLECTABLE", DEBUG_UNCOLLECTABLE), ("DEBUG_SAVEALL", DEBUG_SAVEALL),
                   ("DEBUG_LEAK", DEBUG_LEAK)] {
        dict_set(&d, Obj::str(n), Obj::int(v))?;
    }
    Ok(crate::objects::module::new_module("gc", d))
}
