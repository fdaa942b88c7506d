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
use crate::object::{Obj, PyBox, PyObjectHeader};
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

/// How to take one store back.
enum Undo {
    /// The element was replaced: put the old object back.
    Replaced { list: *mut PyObjectHeader, index: usize, old: Obj },
    /// A float only the list referenced was overwritten in place: its old value.
    InPlace { float: *mut f64, old: f64 },
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

/// # Safety
/// `list` must point to a live exact list.
#[no_mangle]
pub unsafe extern "C" fn pybc_list_len(list: *mut PyObjectHeader) -> i64 {
    list_items(list).borrow().len() as i64
}

/// `list[i]` when it is an exact float: 1 and `*out` set, else 0.
///
/// # Safety
/// `list` must point to a live exact list and `out` be writable.
#[no_mangle]
pub unsafe extern "C" fn pybc_list_get_f64(list: *mut PyObjectHeader, i: i64, out: *mut f64) -> u8 {
    let items = list_items(list).borrow();
    match position(i, items.len()).and_then(|p| items[p].as_f64()) {
        Some(v) => {
            *out = v;
            1
        }
        None => 0,
    }
}

/// `list[i]` when it is an exact int that fits in i64: 1 and `*out` set, else 0.
///
/// # Safety
/// As `pybc_list_get_f64`.
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
            (*std::ptr::addr_of_mut!(UNDO)).push(Undo::Replaced { list, index: p, old });
            1
        }
        _ => 0,
    }
}

/// `list[i] = v` over an exact float element: 1, else 0 (nothing stored). A float box that
/// only the list references is reused: nobody can tell it from a new one.
///
/// # Safety
/// `list` must point to a live exact list.
#[no_mangle]
pub unsafe extern "C" fn pybc_list_set_f64(list: *mut PyObjectHeader, i: i64, v: f64) -> u8 {
    {
        let items = list_items(list).borrow();
        match position(i, items.len()) {
            Some(p) if items[p].as_f64().is_some() && items[p].header().refcnt.get() == 1 => {
                let float = std::ptr::addr_of_mut!((*(items[p].as_ptr() as *mut PyBox<f64>)).data);
                (*std::ptr::addr_of_mut!(UNDO)).push(Undo::InPlace { float, old: *float });
                *float = v;
                return 1;
            }
            Some(_) => {}
            None => return 0,
        }
    }
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
/// before this point are final.
#[no_mangle]
pub extern "C" fn pybc_checkpoint(block: u32) {
    unsafe {
        (*std::ptr::addr_of_mut!(UNDO)).clear();
        pybc_state_block = block;
    }
}

/// Undoes the stores since the last checkpoint (the clone is deopting).
#[no_mangle]
pub extern "C" fn pybc_rollback() {
    unsafe {
        let undo = &mut *std::ptr::addr_of_mut!(UNDO);
        while let Some(u) = undo.pop() {
            match u {
                Undo::Replaced { list, index, old } => list_items(list).borrow_mut()[index] = old,
                Undo::InPlace { float, old } => *float = old,
            }
        }
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
pub enum Fast {
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
