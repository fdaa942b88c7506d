//! `_signal`: Linux's signal numbers and constants, signal()/getsignal() keeping Python
//! handlers (no asynchronous signals reach a wasm module: handlers run only through
//! raise_signal), default_int_handler (raises KeyboardInterrupt), strsignal, valid_signals,
//! SIG_DFL/SIG_IGN; alarm/pause/setitimer are absent as under WASI.
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::exceptions::{new_exc_noargs, type_error, value_error};
use crate::objects::str::nargs;
use crate::{ops, Obj, PyResult};
use std::cell::RefCell;

static CONSTS: &[(&str, i64)] = &[
    ("ITIMER_PROF", 2),
    ("ITIMER_REAL", 0),
    ("ITIMER_VIRTUAL", 1),
    ("NSIG", 65),
    ("SIGABRT", 6),
    ("SIGALRM", 14),
    ("SIGBUS", 7),
    ("SIGCHLD", 17),
    ("SIGCLD", 17),
    ("SIGCONT", 18),
    ("SIGFPE", 8),
    ("SIGHUP", 1),
    ("SIGILL", 4),
    ("SIGINT", 2),
    ("SIGIO", 29),
    ("SIGIOT", 6),
    ("SIGKILL", 9),
    ("SIGPIPE", 13),
    ("SIGPOLL", 29),
    ("SIGPROF", 27),
    ("SIGPWR", 30),
    ("SIGQUIT", 3),
    ("SIGRTMAX", 64),
    ("SIGRTMIN", 34),
    ("SIGSEGV", 11),
    ("SIGSTKFLT", 16),
    ("SIGSTOP", 19),
    ("SIGSYS", 31),
    ("SIGTERM", 15),
    ("SIGTRAP", 5),
    ("SIGTSTP", 20),
    ("SIGTTIN", 21),
    ("SIGTTOU", 22),
    ("SIGURG", 23),
    ("SIGUSR1", 10),
    ("SIGUSR2", 12),
    ("SIGVTALRM", 26),
    ("SIGWINCH", 28),
    ("SIGXCPU", 24),
    ("SIGXFSZ", 25),
    ("SIG_BLOCK", 0),
    ("SIG_DFL", 0),
    ("SIG_IGN", 1),
    ("SIG_SETMASK", 2),
    ("SIG_UNBLOCK", 1),
];

/// strsignal() texts of 1..=64 (glibc's).
static MESSAGES: &[Option<&str>] = &[
    Some("Hangup"),
    Some("Interrupt"),
    Some("Quit"),
    Some("Illegal instruction"),
    Some("Trace/breakpoint trap"),
    Some("Aborted"),
    Some("Bus error"),
    Some("Floating point exception"),
    Some("Killed"),
    Some("User defined signal 1"),
    Some("Segmentation fault"),
    Some("User defined signal 2"),
    Some("Broken pipe"),
    Some("Alarm clock"),
    Some("Terminated"),
    Some("Stack fault"),
    Some("Child exited"),
    Some("Continued"),
    Some("Stopped (signal)"),
    Some("Stopped"),
    Some("Stopped (tty input)"),
    Some("Stopped (tty output)"),
    Some("Urgent I/O condition"),
    Some("CPU time limit exceeded"),
    Some("File size limit exceeded"),
    Some("Virtual timer expired"),
    Some("Profiling timer expired"),
    Some("Window changed"),
    Some("I/O possible"),
    Some("Power failure"),
    Some("Bad system call"),
    None,
    None,
    Some("Real-time signal 0"),
    Some("Real-time signal 1"),
    Some("Real-time signal 2"),
    Some("Real-time signal 3"),
    Some("Real-time signal 4"),
    Some("Real-time signal 5"),
    Some("Real-time signal 6"),
    Some("Real-time signal 7"),
    Some("Real-time signal 8"),
    Some("Real-time signal 9"),
    Some("Real-time signal 10"),
    Some("Real-time signal 11"),
    Some("Real-time signal 12"),
    Some("Real-time signal 13"),
    Some("Real-time signal 14"),
    Some("Real-time signal 15"),
    Some("Real-time signal 16"),
    Some("Real-time signal 17"),
    Some("Real-time signal 18"),
    Some("Real-time signal 19"),
    Some("Real-time signal 20"),
    Some("Real-time signal 21"),
    Some("Real-time signal 22"),
    Some("Real-time signal 23"),
    Some("Real-time signal 24"),
    Some("Real-time signal 25"),
    Some("Real-time signal 26"),
    Some("Real-time signal 27"),
    Some("Real-time signal 28"),
    Some("Real-time signal 29"),
    Some("Real-time signal 30"),
];

const NSIG: i64 = 65;

thread_local! {
    static HANDLERS: RefCell<Vec<Option<Obj>>> = RefCell::new(Vec::new());
    static DEFAULT_INT_HANDLER: Obj = new_builtin("default_int_handler", default_int_handler);
}

/// `_signal.default_int_handler`: one object, SIGINT's initial handler unless inherited ignored.
fn default_int_handler_obj() -> Obj {
    DEFAULT_INT_HANDLER.with(|o| o.clone())
}

/// The handler table, with CPython's initial state: a signal the process inherited as
/// ignored stays SIG_IGN; otherwise SIGINT → default_int_handler, SIGPIPE/SIGXFSZ ignored, the
/// rest SIG_DFL.
fn handlers() -> Vec<Option<Obj>> {
    HANDLERS.with(|h| {
        let mut h = h.borrow_mut();
        if h.is_empty() {
            *h = (0..NSIG).map(|_| Some(Obj::int(0))).collect();
            h[2] = Some(default_int_handler_obj());
            h[13] = Some(Obj::int(1));
            h[25] = Some(Obj::int(1));
            for n in 1..NSIG {
                if inherited_ignored(n as i32) {
                    h[n as usize] = Some(Obj::int(1));
                }
            }
        }
        h.clone()
    })
}

/// Whether the process started with signal `n` ignored (`nohup`, a shell's background job):
/// CPython then leaves it so and reports SIG_IGN. No signals reach a wasm module.
#[cfg(unix)]
fn inherited_ignored(n: i32) -> bool {
    extern "C" {
        fn sigaction(signum: i32, act: *const u8, oldact: *mut u8) -> i32;
    }
    // struct sigaction begins with the handler on Linux; the buffer is larger than the struct
    let mut old = [0usize; 64];
    let r = unsafe { sigaction(n, std::ptr::null(), old.as_mut_ptr() as *mut u8) };
    r == 0 && old[0] == 1
}

#[cfg(not(unix))]
fn inherited_ignored(_n: i32) -> bool {
    false
}

fn signum(a: &Obj) -> PyResult<i64> {
    let n = ops::index_value(a)?;
    if n < 1 || n >= NSIG {
        return Err(value_error("signal number out of range"));
    }
    Ok(n)
}

fn default_int_handler(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Err(new_exc_noargs(&crate::objects::exc_types::KEYBOARD_INTERRUPT))
}

fn signal(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("signal", a, 2, 2)?;
    let n = signum(&a[0])?;
    let h = &a[1];
    let is_const = h.as_i64().map(|v| v == 0 || v == 1).unwrap_or(false);
    if !is_const && !crate::builtins::is_callable(h) {
        return Err(type_error("signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object"));
    }
    if n == 9 || n == 19 {
        return Err(crate::modules::posix::os_error(22, None, None));
    }
    let old = handlers()[n as usize].clone().unwrap_or_else(Obj::none);
    HANDLERS.with(|t| t.borrow_mut()[n as usize] = Some(h.clone()));
    Ok(old)
}

fn getsignal(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("getsignal", a, 1, 1)?;
    let n = signum(&a[0])?;
    Ok(handlers()[n as usize].clone().unwrap_or_else(Obj::none))
}

fn raise_signal(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("raise_signal", a, 1, 1)?;
    let n = signum(&a[0])?;
    let h = handlers()[n as usize].clone().unwrap_or_else(Obj::none);
    match h.as_i64() {
        Some(1) => Ok(Obj::none()),
        Some(_) => {
            // SIG_DFL: the default action ends the process like the signal would
            crate::io::flush_stdout();
            std::process::exit(128 + n as i32)
        }
        None => {
            crate::call(&h, vec![Obj::int(n), Obj::none()], None)?;
            Ok(Obj::none())
        }
    }
}

fn strsignal(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("strsignal", a, 1, 1)?;
    let n = signum(&a[0])?;
    Ok(match MESSAGES.get(n as usize - 1).copied().flatten() {
        Some(m) => Obj::str(m),
        None => Obj::none(),
    })
}

fn valid_signals(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let items: Vec<Obj> = (1..NSIG).filter(|n| *n != 32 && *n != 33).map(Obj::int).collect();
    crate::build_set(items)
}

fn set_wakeup_fd(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("set_wakeup_fd", a, 1, 1)?;
    Ok(Obj::int(-1))
}

fn siginterrupt(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("siginterrupt", a, 2, 2)?;
    signum(&a[0])?;
    Ok(Obj::none())
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("_signal"))?;
    let fns: &[(&str, BuiltinFn)] = &[
        ("signal", signal),
        ("getsignal", getsignal),
        ("raise_signal", raise_signal),
        ("strsignal", strsignal),
        ("valid_signals", valid_signals),
        ("set_wakeup_fd", set_wakeup_fd),
        ("siginterrupt", siginterrupt),
    ];
    for (n, f) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *f))?;
    }
    // the function itself, also when SIGINT was inherited as ignored (its handler is SIG_IGN)
    dict_set(&d, Obj::str("default_int_handler"), default_int_handler_obj())?;
    for (n, v) in CONSTS {
        if n.starts_with("ITIMER") {
            continue;
        }
        dict_set(&d, Obj::str(n), Obj::int(*v))?;
    }
    Ok(crate::objects::module::new_module("_signal", d))
}
