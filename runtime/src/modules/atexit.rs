//! `atexit`: register/unregister/_run_exitfuncs/_clear/_ncallbacks. The callbacks run at
//! interpreter exit (after the main module finished or its uncaught exception was printed,
//! also after sys.exit), last registered first; an exception in one is reported as
//! "Exception ignored in atexit callback: ..." and the others still run, as CPython does.
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::exceptions::type_error;
use crate::{ops, Obj, PyResult};
use std::cell::RefCell;

struct Callback {
    func: Obj,
    args: Vec<Obj>,
    kwnames: Option<Obj>,
}

thread_local! {
    static CALLBACKS: RefCell<Vec<Callback>> = RefCell::new(Vec::new());
}

fn register(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    if a.is_empty() || a.len() == kw.map(crate::objects::tuple::tuple_len).unwrap_or(0) {
        return Err(type_error("register() takes at least 1 argument (0 given)"));
    }
    if !crate::builtins::is_callable(&a[0]) {
        return Err(type_error("the first argument must be callable"));
    }
    let kwnames = kw.filter(|k| crate::objects::tuple::tuple_len(k) > 0).cloned();
    CALLBACKS.with(|c| c.borrow_mut().push(Callback { func: a[0].clone(), args: a[1..].to_vec(), kwnames }));
    Ok(a[0].clone())
}

fn unregister(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    crate::objects::str::nargs("unregister", a, 1, 1)?;
    let funcs: Vec<Obj> = CALLBACKS.with(|c| c.borrow().iter().map(|cb| cb.func.clone()).collect());
    let mut keep = Vec::new();
    for f in &funcs {
        keep.push(!ops::compare_bool(f, &a[0], crate::CmpOp::Eq)?);
    }
    CALLBACKS.with(|c| {
        let mut i = 0;
        c.borrow_mut().retain(|_| {
            i += 1;
            keep.get(i - 1).copied().unwrap_or(true)
        })
    });
    Ok(Obj::none())
}

/// Runs (and forgets) the registered callbacks, last first.
pub fn run_exitfuncs() {
    loop {
        let cb = CALLBACKS.with(|c| c.borrow_mut().pop());
        let cb = match cb {
            Some(cb) => cb,
            None => return,
        };
        if let Err(e) = crate::call(&cb.func, cb.args.clone(), cb.kwnames.as_ref()) {
            if e.is_instance(&crate::objects::exc_types::SYSTEM_EXIT) {
                continue;
            }
            let what = ops::repr_string(&cb.func).unwrap_or_else(|_| "<callback>".into());
            let tb = crate::main_entry::format_exception(e.value());
            crate::io::write_stderr(format!("Exception ignored in atexit callback: {}\n{}", what, tb).as_bytes());
        }
    }
}

fn run_fn(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    run_exitfuncs();
    Ok(Obj::none())
}
fn clear(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let old = CALLBACKS.with(|c| std::mem::take(&mut *c.borrow_mut()));
    drop(old);
    Ok(Obj::none())
}
fn ncallbacks(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::int(CALLBACKS.with(|c| c.borrow().len()) as i64))
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("atexit"))?;
    let fns: &[(&str, BuiltinFn)] =
        &[("register", register), ("unregister", unregister), ("_run_exitfuncs", run_fn), ("_clear", clear), ("_ncallbacks", ncallbacks)];
    for (n, f) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *f))?;
    }
    Ok(crate::objects::module::new_module("atexit", d))
}
