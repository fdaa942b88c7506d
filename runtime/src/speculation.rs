//! What the numeric core (LLVM-compiled unboxed clones) calls to work on lists, and how it
//! hands a half-finished call back to the generic version (deoptimisation with frame state).
//!
//! List access: element loads and stores check the index and the element's exact type and
//! report failure instead of raising; the clone then deopts and the generic code raises.
//!
//! Frame state: a clone that stores into lists has side effects, so it cannot be abandoned
//! and re-run. At the start of every loop header it writes the header's live values into
//! `pybc_state` and calls `pybc_checkpoint(block)`, which forgets the undo log. Each store
//! logs the element it replaces. On a deopt the clone calls `pybc_rollback()` (undoing the
//! stores since the last checkpoint) and returns; the printed guard then boxes the saved
//! values (`state_*`) and resumes the generic function at that header — or, when no
//! checkpoint was reached yet, runs the whole call generically. Stores only ever replace an
//! exact float or int, so no finaliser runs inside a clone and the lists the clone holds
//! (borrowed) stay alive. One clone with stores runs at a time (clones never call one).
use crate::object::{Obj, PyObjectHeader, TypeObject};
use crate::objects::float::FLOAT_TYPE;
use crate::objects::iter::{SeqIter, LIST_ITER_TYPE};
use crate::objects::list::{as_list, LIST_TYPE};
use crate::objects::range::{range_len, RangeIter, RANGE_ITER_TYPE};
use std::cell::Cell;

/// Frame-state slots a clone fills at each loop header (ints, float bits, pointers).
pub const STATE_SLOTS: usize = 256;

#[no_mangle]
pub static mut pybc_state: [i64; STATE_SLOTS] = [0; STATE_SLOTS];

/// The header whose state `pybc_state` holds; 0 until the clone reaches one.
#[no_mangle]
pub static mut pybc_state_block: u32 = 0;

/// A store the clone made inline: a float box only its list referenced, overwritten in place
/// (nobody can tell it from a new box); `old` is its value before.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct UndoFloat {
    float: *mut f64,
    old: f64,
}

/// Capacity of the inline log; when it is full the clone stores through `pybc_list_set_f64`.
pub const UNDO_FLOATS: usize = 256;

#[no_mangle]
pub static mut pybc_undo_floats: [UndoFloat; UNDO_FLOATS] =
    [UndoFloat { float: std::ptr::null_mut(), old: 0.0 }; UNDO_FLOATS];

#[no_mangle]
pub static mut pybc_undo_n: u32 = 0;

/// Set while `UNDO` holds entries (the clone's checkpoint then calls `pybc_checkpoint`).
#[no_mangle]
pub static mut pybc_undo_slow: u8 = 0;

/// A store the runtime made: the element was replaced, the old object is kept to put back.
struct Undo {
    list: *mut PyObjectHeader,
    index: usize,
    old: Obj,
}

static mut UNDO: Vec<Undo> = Vec::new();

unsafe fn list_items<'a>(list: *mut PyObjectHeader) -> &'a std::cell::RefCell<Vec<Obj>> {
    let obj = std::mem::ManuallyDrop::new(Obj::from_raw(list));
    let items: *const std::cell::RefCell<Vec<Obj>> = as_list(&obj).expect("a list");
    &*items
}

/// Python's index rules for `list[i]` without raising: None when out of range.
fn position(i: i64, len: usize) -> Option<usize> {
    let i = if i < 0 { i + len as i64 } else { i };
    if i >= 0 && (i as usize) < len {
        Some(i as usize)
    } else {
        None
    }
}


/// A list's element array and length, for the clone's inline element loads: both stay valid
/// while it runs (no code that could resize a list runs inside a clone).
///
/// # Safety
/// `list` must point to a live exact list and `len` be writable.
#[no_mangle]
pub unsafe extern "C" fn pybc_list_items(list: *mut PyObjectHeader, len: *mut i64) -> *const Obj {
    let items = list_items(list).borrow();
    *len = items.len() as i64;
    items.as_ptr()
}

/// The address of `float`'s type object: an element is an exact float when its header's type
/// pointer equals it (the clone then reads the value beside the header, `PyBox<f64>`).
#[no_mangle]
pub static pybc_float_type: &TypeObject = &FLOAT_TYPE;

/// `list[i]` when it is an exact int that fits in i64: 1 and `*out` set, else 0.
///
/// # Safety
/// `list` must point to a live exact list and `out` be writable.
#[no_mangle]
pub unsafe extern "C" fn pybc_list_get_i64(list: *mut PyObjectHeader, i: i64, out: *mut i64) -> u8 {
    let items = list_items(list).borrow();
    match position(i, items.len()).and_then(|p| items[p].as_i64()) {
        Some(v) => {
            *out = v;
            1
        }
        None => 0,
    }
}

/// `list[i]` when it is an exact list (borrowed: the outer list keeps it alive), else null.
///
/// # Safety
/// `list` must point to a live exact list.
#[no_mangle]
pub unsafe extern "C" fn pybc_list_get_list(list: *mut PyObjectHeader, i: i64) -> *mut PyObjectHeader {
    let items = list_items(list).borrow();
    match position(i, items.len()) {
        Some(p) if items[p].is_type(&LIST_TYPE) => items[p].as_ptr(),
        _ => std::ptr::null_mut(),
    }
}

unsafe fn store(list: *mut PyObjectHeader, i: i64, value: Obj, same_kind: fn(&Obj) -> bool) -> u8 {
    let mut items = list_items(list).borrow_mut();
    match position(i, items.len()) {
        Some(p) if same_kind(&items[p]) => {
            let old = std::mem::replace(&mut items[p], value);
            (*std::ptr::addr_of_mut!(UNDO)).push(Undo { list, index: p, old });
            pybc_undo_slow = 1;
            1
        }
        _ => 0,
    }
}

/// `list[i] = v` over an exact float element: 1, else 0 (nothing stored). The clone overwrites
/// unshared float boxes itself; this is its path for shared ones and a full inline log.
///
/// # Safety
/// `list` must point to a live exact list.
#[no_mangle]
pub unsafe extern "C" fn pybc_list_set_f64(list: *mut PyObjectHeader, i: i64, v: f64) -> u8 {
    store(list, i, Obj::float(v), |o| o.as_f64().is_some())
}

/// `list[i] = v` over an exact int element: 1, else 0 (nothing stored).
///
/// # Safety
/// `list` must point to a live exact list.
#[no_mangle]
pub unsafe extern "C" fn pybc_list_set_i64(list: *mut PyObjectHeader, i: i64, v: i64) -> u8 {
    store(list, i, Obj::int(v), |o| o.as_i64().is_some())
}

/// The clone reached loop header `block` with its live values in `pybc_state`: the stores
/// before this point are final. (The clone does this inline while `pybc_undo_slow` is 0.)
#[no_mangle]
pub extern "C" fn pybc_checkpoint(block: u32) {
    unsafe {
        (*std::ptr::addr_of_mut!(UNDO)).clear();
        pybc_undo_slow = 0;
        pybc_undo_n = 0;
        pybc_state_block = block;
    }
}

/// Undoes the stores since the last checkpoint (the clone is deopting): the in-place float
/// writes, then the replaced elements, each newest first. The two logs never touch the same
/// element: a replaced element's new box is the only one later written in place.
#[no_mangle]
pub extern "C" fn pybc_rollback() {
    unsafe {
        let floats = &*std::ptr::addr_of!(pybc_undo_floats);
        for u in floats[..pybc_undo_n as usize].iter().rev() {
            *u.float = u.old;
        }
        pybc_undo_n = 0;
        let undo = &mut *std::ptr::addr_of_mut!(UNDO);
        while let Some(u) = undo.pop() {
            list_items(u.list).borrow_mut()[u.index] = u.old;
        }
        pybc_undo_slow = 0;
    }
}

/// Before a clone with stores runs: no checkpoint yet, an empty log.
pub fn speculation_begin() {
    pybc_checkpoint(0);
}

/// After it returned normally: its stores are final.
pub fn speculation_commit() {
    pybc_checkpoint(0);
}

/// The header a deopting clone left its state at (0: none, run the whole call again).
pub fn state_block() -> u32 {
    unsafe { pybc_state_block }
}

pub fn state_int(slot: usize) -> Obj {
    Obj::int(unsafe { pybc_state[slot] })
}

pub fn state_float(slot: usize) -> Obj {
    Obj::float(f64::from_bits(unsafe { pybc_state[slot] } as u64))
}

pub fn state_bool(slot: usize) -> Obj {
    Obj::bool(unsafe { pybc_state[slot] } != 0)
}

/// A list the clone held (a new reference).
pub fn state_list(slot: usize) -> Obj {
    unsafe { Obj::from_static_ptr(pybc_state[slot] as usize as *const PyObjectHeader) }
}

/// A range iterator at the clone's position: slots cur, stop, step.
pub fn state_range_iter(slot: usize) -> Obj {
    let (cur, stop, step) = unsafe { (pybc_state[slot], pybc_state[slot + 1], pybc_state[slot + 2]) };
    let left = range_len(cur, stop, step);
    crate::object::alloc(&RANGE_ITER_TYPE, RangeIter { cur: Cell::new(cur), step, left: Cell::new(left) })
}

/// A list iterator at the clone's position: slots list, index.
pub fn state_list_iter(slot: usize) -> Obj {
    let list = state_list(slot);
    let idx = unsafe { pybc_state[slot + 1] } as usize;
    crate::object::alloc(&LIST_ITER_TYPE, SeqIter { seq: list, idx: Cell::new(idx) })
}

/// How a guarded fast path ended.
pub enum Guarded {
    /// The clone finished: its result.
    Done(Obj),
    /// The guard failed or the clone deopted before any checkpoint: run the call generically.
    Generic,
    /// Resume the generic function at this loop header with these values (the printed
    /// function's frame-state layout for that header).
    Resume(u32, Vec<Obj>),
}

/// The pointer a clone borrows for an exact list argument (None for anything else).
pub fn exact_list_ptr(o: &Obj) -> Option<*mut PyObjectHeader> {
    if o.is_type(&LIST_TYPE) {
        Some(o.as_ptr())
    } else {
        None
    }
}

/// Consecutive deopting calls after which a function's guard stops trying its clone.
pub const GIVE_UP_AFTER_DEOPTS: u32 = 64;

thread_local! {
    /// The builtins the numeric core implements itself, as the runtime made them.
    static ORIGINAL_BUILTINS: std::cell::RefCell<Vec<(&'static str, Obj)>> = std::cell::RefCell::new(Vec::new());
}

const INLINED_BUILTINS: [&str; 2] = ["len", "range"];

pub fn remember_builtins(d: &Obj) {
    ORIGINAL_BUILTINS.with(|o| {
        let mut o = o.borrow_mut();
        for name in INLINED_BUILTINS {
            if let Some(v) = crate::objects::dict::dict_get_str(d, &Obj::str(name)) {
                o.push((name, v));
            }
        }
    })
}

/// Whether `name` is neither a global of the module nor rebound in `builtins`: what a clone
/// that computes `len`/`range` itself relies on.
pub fn builtin_is_original(globals: &Obj, name: &Obj) -> bool {
    if !matches!(crate::objects::dict::dict_get(globals, name), Ok(None)) {
        return false;
    }
    let current = crate::objects::dict::dict_get_str(&crate::builtins::builtins_dict(), name);
    ORIGINAL_BUILTINS.with(|o| {
        o.borrow().iter().any(|(n, v)| Some(*n) == name.as_str() && current.as_ref().map_or(false, |c| c.is(v)))
    })
}
