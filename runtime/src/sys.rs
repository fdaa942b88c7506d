//! Minimal `sys` pieces: stdout/stderr marker objects, argv, recursion limit.
use crate::Obj;
use std::cell::RefCell;

thread_local! {
    static STREAMS: RefCell<Option<(Obj, Obj)>> = RefCell::new(None);
}

fn streams() -> (Obj, Obj) {
    STREAMS.with(|s| {
        if let Some(p) = &*s.borrow() {
            return p.clone();
        }
        let out = crate::objects::typeobj::new_instance(&crate::objects::typeobj::OBJECT_TYPE);
        let err = crate::objects::typeobj::new_instance(&crate::objects::typeobj::OBJECT_TYPE);
        *s.borrow_mut() = Some((out.clone(), err.clone()));
        (out, err)
    })
}

pub fn stdout_obj() -> Obj {
    streams().0
}
pub fn stderr_obj() -> Obj {
    streams().1
}
pub fn is_stdout(o: &Obj) -> bool {
    o.is(&streams().0)
}
pub fn is_stderr(o: &Obj) -> bool {
    o.is(&streams().1)
}
