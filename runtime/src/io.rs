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

/// Everything written so far and not yet flushed (used by tests).
pub fn take_stdout_buffer() -> Vec<u8> {
    OUT.with(|o| std::mem::take(&mut *o.borrow_mut()))
}

pub fn write_stderr(b: &[u8]) {
    flush_stdout();
    let _ = std::io::stderr().write_all(b);
    let _ = std::io::stderr().flush();
}
