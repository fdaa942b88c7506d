//! The exception being handled (CPython's `exc_info`) and the helpers the printed code uses
//! for 3.11's exception-table opcodes (PUSH_EXC_INFO, POP_EXCEPT, CHECK_EXC_MATCH, RERAISE,
//! WITH_EXCEPT_START, bare `raise`).
//!
//! The runtime is single-threaded and the bytecode always pairs PUSH_EXC_INFO with
//! POP_EXCEPT (its cleanup handlers restore the previous value on every exit), so one slot is
//! enough: PUSH_EXC_INFO keeps the previous value on the Python value stack.
use crate::objects::exceptions::{exc_data, exception_matches, runtime_error, Exc};
use crate::{call, CodeInfo, Obj, PyResult};
use std::cell::RefCell;

thread_local! {
    static HANDLED: RefCell<Option<Obj>> = const { RefCell::new(None) };
}

/// The exception currently being handled (`sys.exception()`), if any.
pub fn handled_exception() -> Option<Obj> {
    HANDLED.with(|h| h.borrow().clone())
}

/// PUSH_EXC_INFO: `exc` becomes the handled exception; returns the previous one (or None).
pub fn push_exc_info(exc: &Obj) -> Obj {
    HANDLED.with(|h| h.replace(Some(exc.clone()))).unwrap_or_else(Obj::none)
}

/// CHECK_EG_MATCH: the part of a group an `except*` clause matched becomes the handled exception.
pub fn set_handled(exc: &Obj) {
    let old = HANDLED.with(|h| h.replace(Some(exc.clone())));
    drop(old);
}

/// POP_EXCEPT: restores the handled exception saved by PUSH_EXC_INFO.
pub fn pop_except(prev: &Obj) {
    let restored = if prev.is_none() { None } else { Some(prev.clone()) };
    let old = HANDLED.with(|h| h.replace(restored));
    drop(old); // outside the borrow: dropping may run finalizers
}

/// CHECK_EXC_MATCH: `except ty:` for the exception instance `exc`.
pub fn exc_match(exc: &Obj, ty: &Obj) -> PyResult<bool> {
    exception_matches(exc, ty)
}

/// RERAISE: the exception instance continues unwinding with its traceback unchanged.
pub fn reraise(exc: &Obj) -> Exc {
    Exc::from_value(exc.clone())
}

/// A bare `raise` in `code` at `line`: re-raises the handled exception, traceback unchanged;
/// without one, raises RuntimeError there.
pub fn reraise_current(code: &'static CodeInfo, line: u32) -> Exc {
    match handled_exception() {
        Some(e) => Exc::from_value(e),
        None => runtime_error("No active exception to reraise").raised(code, line),
    }
}

/// WITH_EXCEPT_START: `exit(type(exc), exc, tb)`; the caller tests the result's truth.
pub fn with_except_start(exit: &Obj, exc: &Obj) -> PyResult {
    call(exit, vec![exc.ty().obj(), exc.clone(), Obj::none()], None)
}

impl Exc {
    /// The exception leaves an operation of `code` at `line`: appends the traceback entry
    /// and, when it is new (no entry yet), records the handled exception as its
    /// `__context__` as CPython does when an exception is set.
    pub fn raised(self, code: &'static CodeInfo, line: u32) -> Exc {
        let fresh = exc_data(self.value()).map_or(false, |d| d.tb.borrow().is_empty());
        let e = if fresh { self.with_handled_context() } else { self };
        e.add_frame(code, line)
    }

    /// `raise X` while handling an exception: X's `__context__` becomes the handled
    /// exception (unless it is X itself), cutting any cycle the new link would close.
    pub fn with_handled_context(self) -> Exc {
        let handled = match handled_exception() {
            Some(h) if !h.is(self.value()) => h,
            _ => return self,
        };
        break_context_cycle(&handled, self.value());
        if let Some(d) = exc_data(self.value()) {
            *d.context.borrow_mut() = Some(handled);
        }
        self
    }
}

/// If `target` already appears in `start`'s context chain, unlink it there.
fn break_context_cycle(start: &Obj, target: &Obj) {
    let mut current = start.clone();
    for _ in 0..10_000 {
        let next = match exc_data(&current) {
            Some(d) => d.context.borrow().clone(),
            None => return,
        };
        match next {
            Some(n) if n.is(target) => {
                if let Some(d) = exc_data(&current) {
                    *d.context.borrow_mut() = None;
                }
                return;
            }
            Some(n) => current = n,
            None => return,
        }
    }
}

/// `sys.exception()`: the handled exception or None.
pub fn sys_exception(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(handled_exception().unwrap_or_else(Obj::none))
}

/// `sys.exc_info()`: (type, value, traceback) of the handled exception.
pub fn sys_exc_info(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(match handled_exception() {
        Some(e) => {
            // (type, value, value.__traceback__), as CPython's sys.exc_info()
            let tb = crate::ops::getattr_str(&e, "__traceback__").unwrap_or_else(|_| Obj::none());
            Obj::tuple3(e.ty().obj(), e, tb)
        }
        None => Obj::tuple3(Obj::none(), Obj::none(), Obj::none()),
    })
}

/// Runs one step of a generator with its own handled exception (CPython's `gi_exc_state`):
/// a generator suspended inside an `except` block keeps that exception to itself instead of
/// leaking it to its caller, and gets it back when resumed.
pub fn with_generator_exc_state<R>(saved: &RefCell<Option<Obj>>, step: impl FnOnce() -> R) -> R {
    if saved.borrow().is_none() && HANDLED.with(|h| h.borrow().is_none()) {
        // the usual case, no exception anywhere: nothing to swap, only to keep one the step
        // was left handling (suspended inside an `except` block)
        let r = step();
        let now = HANDLED.with(|h| h.borrow_mut().take());
        if now.is_some() {
            *saved.borrow_mut() = now;
        }
        return r;
    }
    let outer = handled_exception();
    let own = saved.borrow_mut().take();
    if own.is_some() {
        let old = HANDLED.with(|h| h.replace(own));
        drop(old);
    }
    let r = step();
    let now = HANDLED.with(|h| h.replace(outer.clone()));
    *saved.borrow_mut() = match (now, &outer) {
        (Some(n), Some(o)) if n.is(o) => None,
        (n, _) => n,
    };
    r
}
