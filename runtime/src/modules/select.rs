//! `select`: CPython's C module as far as a program that imports it needs (subprocess and
//! selectors import it on every POSIX platform, WASI included): `error` (OSError), Linux's
//! POLL*/PIPE_BUF constants and `select()`. A select() with nothing to wait on sleeps for the
//! timeout as CPython's does; waiting on descriptors raises NotImplementedError (the runtime
//! has no poll_oneoff/poll binding). `poll`/`epoll` are absent, as on platforms without them,
//! so selectors picks SelectSelector.
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::exceptions::{new_exc, type_error, value_error, NOT_IMPLEMENTED_ERROR};
use crate::objects::str::nargs;
use crate::{ops, Obj, PyResult};

static CONSTS: &[(&str, i64)] = &[
    ("PIPE_BUF", 4096),
    ("POLLERR", 8),
    ("POLLHUP", 16),
    ("POLLIN", 1),
    ("POLLMSG", 1024),
    ("POLLNVAL", 32),
    ("POLLOUT", 4),
    ("POLLPRI", 2),
    ("POLLRDBAND", 128),
    ("POLLRDHUP", 8192),
    ("POLLRDNORM", 64),
    ("POLLWRBAND", 512),
    ("POLLWRNORM", 256),
];

fn select(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("select", a, 3, 4)?;
    let mut lists = Vec::new();
    for l in &a[..3] {
        let items = ops::collect_iterable(l).map_err(|_| type_error("arguments 1-3 must be sequences"))?;
        lists.push(items);
    }
    let timeout = match a.get(3) {
        None => None,
        Some(t) if t.is_none() => None,
        Some(t) => {
            let s = ops::number_to_f64(t).map_err(|_| type_error("timeout must be a float or None"))?;
            if s < 0.0 {
                return Err(value_error("timeout must be non-negative"));
            }
            Some(s)
        }
    };
    if lists.iter().any(|l| !l.is_empty()) {
        return Err(new_exc(&NOT_IMPLEMENTED_ERROR, "select.select() on file descriptors is not supported in code compiled by pybc2wasm"));
    }
    match timeout {
        Some(s) => {
            crate::io::flush_stdout();
            crate::modules::time::sleep_at_least(std::time::Duration::from_secs_f64(s));
        }
        None => return Err(new_exc(&NOT_IMPLEMENTED_ERROR, "select.select() with nothing to wait on and no timeout would block forever")),
    }
    Ok(Obj::tuple3(crate::objects::list::new_list(vec![]), crate::objects::list::new_list(vec![]), crate::objects::list::new_list(vec![])))
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("select"))?;
    let fns: &[(&str, BuiltinFn)] = &[("select", select)];
    for (n, f) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *f))?;
    }
    dict_set(&d, Obj::str("error"), crate::objects::exc_types::OS_ERROR.obj())?;
    for (n, v) in CONSTS {
        dict_set(&d, Obj::str(n), Obj::int(*v))?;
    }
    Ok(crate::objects::module::new_module("select", d))
}
