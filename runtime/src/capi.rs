//! C ABI for LLVM-compiled code: boxing/unboxing of ints and floats and refcounting.
use crate::object::PyObjectHeader;
use crate::Obj;

#[no_mangle]
pub extern "C" fn pyrt_int_from_i64(v: i64) -> *mut PyObjectHeader {
    Obj::int(v).into_raw()
}

#[no_mangle]
pub extern "C" fn pyrt_float_from_f64(v: f64) -> *mut PyObjectHeader {
    Obj::float(v).into_raw()
}

/// # Safety
/// `o` must be a live object; `out` a valid pointer.
#[no_mangle]
pub unsafe extern "C" fn pyrt_as_i64(o: *mut PyObjectHeader, out: *mut i64) -> i32 {
    let obj = std::mem::ManuallyDrop::new(Obj::from_raw(o));
    match obj.as_i64() {
        Some(v) => {
            *out = v;
            1
        }
        None => 0,
    }
}

/// # Safety
/// `o` must be a live object; `out` a valid pointer.
#[no_mangle]
pub unsafe extern "C" fn pyrt_as_f64(o: *mut PyObjectHeader, out: *mut f64) -> i32 {
    let obj = std::mem::ManuallyDrop::new(Obj::from_raw(o));
    match obj.as_f64() {
        Some(v) => {
            *out = v;
            1
        }
        None => 0,
    }
}

/// # Safety
/// `o` must be a live object.
#[no_mangle]
pub unsafe extern "C" fn pyrt_incref(o: *mut PyObjectHeader) {
    let h = &*o;
    h.refcnt.set(h.refcnt.get() + 1);
}

/// # Safety
/// `o` must be a live object whose reference the caller owns.
#[no_mangle]
pub unsafe extern "C" fn pyrt_decref(o: *mut PyObjectHeader) {
    drop(Obj::from_raw(o));
}

/// Set by LLVM-compiled code when it abandons a call (overflow, a type it cannot handle, the
/// recursion budget); the printed caller then runs the generic version. One flag for the
/// whole program, shared by every module's numeric core.
#[no_mangle]
pub static mut pybc_deopt: u8 = 0;

/// The recursion budget LLVM-compiled code counts down.
#[no_mangle]
pub static mut pybc_budget: i64 = 0;
