//! One module per builtin type, as in CPython's Objects/; `dealloc` frees by layout.
pub mod bigint;
pub mod bool;
pub mod builtin_fn;
pub mod bytes;
pub mod dict;
pub mod exc_types;
pub mod exceptions;
pub mod exc_group;
pub mod complex;
pub mod float;
pub mod function;
pub mod int;
pub mod iter;
pub mod list;
pub mod none;
pub mod range;
pub mod set;
pub mod slice;
pub mod small_ints;
pub mod str;
pub mod printable;
pub mod tuple;
pub mod typeobj;
pub mod cell;
pub mod module;
pub mod superobj;
pub mod template;
pub mod generator;
pub mod coroutine;
pub mod native;

use crate::object::{free_as, Layout, PyObjectHeader, TypeObject};

// Deallocation depth and objects whose freeing was deferred (CPython's "trashcan"): freeing
// a long chain (a linked list of 100k nodes) must not recurse 100k levels deep.
static mut DEALLOC_DEPTH: u32 = 0;
static mut DEFERRED: Vec<*mut PyObjectHeader> = Vec::new();
const MAX_DEALLOC_DEPTH: u32 = 50;

/// True while objects are being freed (the collector must not run then: deferred objects
/// are still registered with refcount 0).
pub fn deallocating() -> bool {
    unsafe { DEALLOC_DEPTH > 0 }
}

/// Frees an object whose refcount reached zero, dropping its payload.
pub unsafe fn dealloc(p: *mut PyObjectHeader) {
    let ty: &TypeObject = &*(*p).ty;
    let layout = ty.layout;
    if !ty.heap {
        // An exact int or float (bool's objects are static and never freed): no finalizer,
        // no side attribute dict, not tracked by the collector, not weakly referenceable
        // (`weakrefable` wants a heap subclass): straight back to the free list.
        if layout == Layout::Int {
            return (*std::ptr::addr_of_mut!(int::INT_FREE)).free(p);
        }
        if layout == Layout::Float {
            return (*std::ptr::addr_of_mut!(float::FLOAT_FREE)).free(p);
        }
        // an exact str holds no objects and is never tracked or weakly referenced either
        if layout == Layout::Str {
            return free_as::<str::StrObj>(p);
        }
    }
    if layout == Layout::Int || layout == Layout::Float {
        return dealloc_now(p);
    }
    if DEALLOC_DEPTH >= MAX_DEALLOC_DEPTH {
        (*std::ptr::addr_of_mut!(DEFERRED)).push(p);
        return;
    }
    DEALLOC_DEPTH += 1;
    dealloc_now(p);
    DEALLOC_DEPTH -= 1;
    if DEALLOC_DEPTH == 0 {
        while let Some(q) = (*std::ptr::addr_of_mut!(DEFERRED)).pop() {
            DEALLOC_DEPTH += 1;
            dealloc_now(q);
            DEALLOC_DEPTH -= 1;
        }
        if crate::modules::weakrefmod::any_weakrefs() && crate::modules::weakrefmod::has_pending_callbacks() {
            crate::modules::weakrefmod::run_pending_callbacks();
        }
    }
}

unsafe fn dealloc_now(p: *mut PyObjectHeader) {
    let ty: &TypeObject = &*(*p).ty;
    if ty.heap && typeobj::uses_extra_dict(ty.layout) {
        typeobj::drop_extra_dict(p as usize);
    }
    if ty.layout == Layout::Instance && ty.heap && typeobj::has_finalizers() {
        if typeobj::may_finalize(ty) {
            // resurrect for the duration of __del__
            (*p).refcnt.set(1);
            let o = crate::object::Obj::from_raw(p);
            typeobj::finalize(&o);
            let rc = o.refcount();
            std::mem::forget(o);
            if rc > 1 {
                (*p).refcnt.set(rc - 1);
                return;
            }
            (*p).refcnt.set(0);
        }
    } else if ty.heap && ty.layout != Layout::Type && typeobj::has_finalizers() {
        (*p).refcnt.set(1);
        let o = crate::object::Obj::from_raw(p);
        let ran = typeobj::finalize_other(&o);
        let rc = o.refcount();
        std::mem::forget(o);
        if ran && rc > 1 {
            typeobj::mark_resurrected(p as usize);
            (*p).refcnt.set(rc - 1);
            return;
        }
        (*p).refcnt.set(0);
    }
    if crate::modules::weakrefmod::any_weakrefs() && crate::modules::weakrefmod::may_be_referent(ty.layout) {
        crate::modules::weakrefmod::object_freed(p as usize);
    }
    crate::gc::untrack(p);
    match ty.layout {
        Layout::Unit => free_as::<()>(p),
        Layout::Int => (*std::ptr::addr_of_mut!(int::INT_FREE)).free(p),
        Layout::Float => (*std::ptr::addr_of_mut!(float::FLOAT_FREE)).free(p),
        Layout::Complex => free_as::<complex::Complex>(p),
        Layout::Str => free_as::<str::StrObj>(p),
        Layout::Bytes => free_as::<bytes::BytesObj>(p),
        Layout::Tuple => (*std::ptr::addr_of_mut!(tuple::TUPLE_FREE)).free(p),
        Layout::List => free_as::<list::ListObj>(p),
        Layout::Dict => free_as::<dict::DictObj>(p),
        Layout::DictView => free_as::<dict::DictView>(p),
        Layout::DictIter => free_as::<dict::DictIter>(p),
        Layout::Set => free_as::<set::SetObj>(p),
        Layout::SetIter => free_as::<set::SetIter>(p),
        Layout::Range => free_as::<range::RangeObj>(p),
        Layout::RangeIter => free_as::<range::RangeIter>(p),
        Layout::Slice => free_as::<slice::SliceObj>(p),
        Layout::Function => free_as::<function::FuncObj>(p),
        Layout::Method => (*std::ptr::addr_of_mut!(function::METHOD_OBJ_FREE)).free(p),
        Layout::Builtin => free_as::<builtin_fn::BuiltinObj>(p),
        Layout::BuiltinMethod => (*std::ptr::addr_of_mut!(builtin_fn::METHOD_FREE)).free(p),
        Layout::Type => {} // types are immortal
        Layout::Exception => free_as::<exceptions::ExcObj>(p),
        Layout::Instance => (*std::ptr::addr_of_mut!(typeobj::INSTANCE_FREE)).free(p),
        Layout::SeqIter => free_as::<iter::SeqIter>(p),
        Layout::DynIter => free_as::<iter::DynIter>(p),
        Layout::Cell => free_as::<cell::CellObj>(p),
        Layout::Module => free_as::<module::ModuleObj>(p),
        Layout::Property => free_as::<module::PropertyObj>(p),
        Layout::Super => free_as::<superobj::SuperObj>(p),
        Layout::Generator | Layout::Coroutine => free_as::<generator::GenObj>(p),
        Layout::Deque => free_as::<crate::modules::collections::DequeObj>(p),
        Layout::NativeFn => free_as::<builtin_fn::NativeFnObj>(p),
        Layout::Random => free_as::<crate::modules::random::RandomObj>(p),
        Layout::Native => free_as::<native::NativeObj>(p),
        Layout::Sre => free_as::<crate::modules::sre::SreObj>(p),
        Layout::Capsule => free_as::<crate::modules::native_class::CapsuleObj>(p),
    }
}
