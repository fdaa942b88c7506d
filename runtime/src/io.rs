//! Buffered stdout (flushed at exit, when full, and before anything goes to stderr) and
//! unbuffered stderr.
use std::cell::RefCell;
use std::io::Write;

const CAP: usize = 1 << 16;

thread_local! {
    static OUT: RefCell<Vec<u8>> = RefCell::new(Vec::new());
}

pub fn write_stdout(b: &[u8]) {
    OUT.with(|o| {
        let mut o = o.borrow_mut();
        if o.capacity() == 0 {
            o.reserve(CAP);
        }
        o.extend_from_slice(b);
        if o.len() >= CAP {
            let _ = std::io::stdout().write_all(&o);
            let _ = std::io::stdout().flush();
            o.clear();
        }
    });
}

pub fn flush_stdout() {
    OUT.with(|o| {
        let mut o = o.borrow_mut();
        if !o.is_empty() {
            let _ = std::io::stdout().write_all(&o);
            o.clear();
        }
        let _ = std::io::stdout().flush();
    });
}

/// Writes out what the program printed when the runtime is about to abort (a panic): the
/// buffer may be borrowed by the code that panicked, then it is left alone.
pub fn flush_stdout_for_abort() {
    let _ = OUT.try_with(|o| {
        if let Ok(mut o) = o.try_borrow_mut() {
            let _ = std::io::stdout().write_all(&o);
            o.clear();
        }
        let _ = std::io::stdout().flush();
    });
}

/// Called by the allocator when the system has no memory left: if Rust is about to abort
/// ("memory allocation failed"), what the program printed still reaches stdout; if the caller
/// recovers (MemoryError), flushing early changes nothing. Never re-entered.
pub fn on_alloc_failure() {
    static mut BUSY: bool = false;
    unsafe {
        if BUSY {
            return;
        }
        BUSY = true;
        flush_stdout_for_abort();
        BUSY = false;
    }
}

/// A panic is a bug in the runtime or a limit it cannot report as an exception: flush what
/// the program wrote (files' buffers too), print one line saying why, and abort (a trap in
/// wasm, status 134 natively), instead of losing the program's output.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        static mut IN_HOOK: bool = false;
        unsafe {
            if IN_HOOK {
                std::process::abort();
            }
            IN_HOOK = true;
        }
        // through the hook `_io` installs: naming `_io` here would link it (and the codecs
        // its by-name encode/decode calls keep) into every program
        if let Some(io) = crate::hooks::IO.get() {
            (io.flush_all)();
        }
        flush_stdout_for_abort();
        let msg = if let Some(s) = info.payload().downcast_ref::<&str>() {
            s.to_string()
        } else if let Some(s) = info.payload().downcast_ref::<String>() {
            s.clone()
        } else {
            "panic".to_string()
        };
        let at = info.location().map(|l| format!(" ({}:{})", l.file(), l.line())).unwrap_or_default();
        let _ = writeln!(std::io::stderr(), "pybc2wasm runtime: fatal error: {}{}", msg, at);
        std::process::abort();
    }));
}

/// Everything written so far and not yet flushed (used by tests).
pub fn take_stdout_buffer() -> Vec<u8> {
    OUT.with(|o| std::mem::take(&mut *o.borrow_mut()))
}

pub fn write_stderr(b: &[u8]) {
    flush_stdout();
    let _ = std::io::stderr().write_all(b);
    let _ = std::io::stderr().flush();
}
