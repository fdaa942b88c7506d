//! Program entry: builds the `__main__` module dict, runs the module code, flushes stdout,
//! and reports an uncaught exception as CPython does (traceback on stderr, exit status 1;
//! SystemExit exits with its code).
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::exceptions::{exc_data, exc_getattr, exc_line, Exc, SYSTEM_EXIT};
use crate::objects::function::make_function;
use crate::{io, ops, CodeInfo, Obj};

/// Formats the traceback of an uncaught exception (with chained causes/contexts).
pub fn format_exception(e: &Obj) -> String {
    let mut out = String::new();
    format_chain(e, &mut out, 0);
    out
}

fn format_chain(e: &Obj, out: &mut String, depth: usize) {
    if let Some(d) = exc_data(e) {
        if depth < 32 {
            let cause = d.cause.borrow().clone();
            let context = d.context.borrow().clone();
            if let Some(c) = cause {
                format_chain(&c, out, depth + 1);
                out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
            } else if let Some(c) = context.filter(|_| !d.suppress_context.get()) {
                format_chain(&c, out, depth + 1);
                out.push_str("\nDuring handling of the above exception, another exception occurred:\n\n");
            }
        }
        let tb = d.tb.borrow();
        if !tb.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            format_entries(tb.iter().rev(), out);
        }
    }
    out.push_str(&exc_line(e));
    out.push('\n');
}

/// Prints traceback entries, collapsing runs of identical entries past 3 like CPython.
fn format_entries<'a>(entries: impl Iterator<Item = &'a (&'static CodeInfo, u32)>, out: &mut String) {
    const CUTOFF: usize = 3;
    let mut last: Option<(&str, u32, &str)> = None;
    let mut count = 0usize;
    let flush = |count: usize, out: &mut String| {
        if count > CUTOFF {
            let n = count - CUTOFF;
            out.push_str(&format!("  [Previous line repeated {} more time{}]\n", n, if n > 1 { "s" } else { "" }));
        }
    };
    for (code, line) in entries {
        let key = (code.filename, *line, code.name);
        if last == Some(key) {
            count += 1;
        } else {
            flush(count, out);
            last = Some(key);
            count = 1;
        }
        if count <= CUTOFF {
            out.push_str(&format!("  File \"{}\", line {}, in {}\n", code.filename, line, code.name));
        }
    }
    flush(count, out);
}

/// Handles an exception escaping the module: returns the process exit status.
pub fn handle_uncaught(exc: Exc) -> i32 {
    let v = exc.into_value();
    if v.is_instance_of(&SYSTEM_EXIT) {
        let code = exc_getattr(&v, "code").unwrap_or_else(Obj::none);
        if code.is_none() {
            return 0;
        }
        if let Some(i) = crate::objects::int::int_as_i64(&code) {
            return i as i32;
        }
        let s = ops::str_string(&code).unwrap_or_default();
        io::write_stderr(format!("{}\n", s).as_bytes());
        return 1;
    }
    io::write_stderr(format_exception(&v).as_bytes());
    1
}

/// Creates a fresh `__main__` module namespace.
pub fn new_main_globals() -> Obj {
    let g = new_dict();
    let _ = dict_set(&g, Obj::str("__name__"), Obj::str("__main__"));
    let _ = dict_set(&g, Obj::str("__doc__"), Obj::none());
    let _ = dict_set(&g, Obj::str("__package__"), Obj::none());
    let _ = dict_set(&g, Obj::str("__loader__"), Obj::none());
    let _ = dict_set(&g, Obj::str("__spec__"), Obj::none());
    let _ = dict_set(&g, Obj::str("__builtins__"), crate::builtins::builtins_module());
    g
}

/// Interpreter shutdown for `__main__`: the module's globals are released in insertion order
/// (what CPython 3.11 shows), so `__del__` methods of objects held by globals run before
/// exit. Only done when some class defines `__del__`.
pub fn teardown(g: &Obj) {
    if !crate::objects::typeobj::has_finalizers() {
        return;
    }
    for k in crate::objects::dict::dict_keys(g) {
        if k.as_str() != Some("__builtins__") {
            let _ = dict_set(g, k, Obj::none());
        }
    }
    crate::gc::collect();
}

/// Runs module code with a new `__main__` namespace and returns the exit status.
pub fn run_module(module_code: &'static CodeInfo) -> i32 {
    let g = new_main_globals();
    let main = crate::objects::module::new_module("__main__", g.clone());
    let _ = dict_set(&crate::modules::modules_dict(), Obj::str("__main__"), main);
    let f = make_function(module_code, &g, None, None);
    let status = match crate::call(&f, Vec::new(), None) {
        Ok(_) => 0,
        Err(e) => handle_uncaught(e),
    };
    drop(f);
    teardown(&g);
    io::flush_stdout();
    status
}

/// Program entry for compiled modules; never returns.
pub fn run_main(module_code: &'static CodeInfo) -> ! {
    let status = run_module(module_code);
    io::flush_stdout();
    std::process::exit(status)
}
