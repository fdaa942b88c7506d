//! pyrt — the runtime for code compiled by pybc2wasm from CPython bytecode.
//!
//! Rust face (see API.md): `Obj`, `Exc`, `PyResult`, operations, calls, globals, `CodeInfo`,
//! `make_function`, `run_main`. C face: `capi`.
#![allow(clippy::new_without_default)]

pub mod object;
pub mod objects;
pub mod ops;
pub mod attr;
pub mod repr;
pub mod builtins;
pub mod capi;
pub mod format;
pub mod io;
pub mod main_entry;
pub mod suggestions;
pub mod modules;
pub use modules::sys;
pub mod printer_support;
pub mod speculation;
pub mod helpers;
pub mod gc;
pub mod exc_state;
pub mod wasm_alloc;
pub mod native_modules;
pub mod hooks;
pub mod evalexpr;
pub mod execstmt;
pub mod pyexpr;
pub mod icache;
pub mod cold;
pub mod method_tables;

pub use object::{Obj, PyObjectHeader};
pub use objects::exceptions::{raise_, unbound_local, Exc};
pub use objects::function::{call_with_self, frame_enter, frame_leave, inline_depth_enter, inline_depth_leave, function_closure, function_globals, function_set_closure, is_code, make_function, make_function_doc, recursion_error, set_line, CodeInfo, Fast, Names, FRAME_OVERFLOW, OWN_FRAME};
pub use ops::{
    binary_op, compare, compare_bool, contains, delattr, delitem, get_iter, getattr, getitem, inplace_op, is_true,
    iter_next, setattr, setitem, unary_invert, unary_invert_at, unary_neg, unary_not, unary_pos, BinOp, CmpOp,
};
pub use main_entry::run_main;
pub use modules::register_module;
pub use modules::importer::{register_compiled, register_data, register_module_at, run_main_module};
pub use modules::registry::{install as install_natives, Native, Origin};
pub use method_tables::{install as install_methods, install_all as install_all_methods, Methods};
pub use builtins::install_fns as install_builtin_fns;
pub use modules::sys::set_python_version;
pub use suggestions::{enable_attribute_suggestions, set_name_data};
pub use objects::str::set_printable_delta;
pub use helpers::{
    print_expr,
    build_const_key_map, call_ex, dict_merge, dict_update, get_len, import_star, list_extend, list_to_tuple, load_name, map_add,
    build_map_pairs, map_add_pairs,
    match_class, match_keys, match_mapping, match_sequence, set_add, set_update, setup_annotations, unpack_ex, with_enter,
    with_exit, load_special, call_intrinsic,
};
pub use objects::exceptions::raise_from;
pub use objects::template::{build_interpolation, build_template};
pub use exc_state::{exc_match, handled_exception, pop_except, push_exc_info, reraise, reraise_current, with_except_start};
pub use objects::exc_group::{check_eg_match, prep_reraise_star};
pub use objects::generator::{gen_send, new_generator, new_generator_of, stop_iteration_value, throw_signature_warning, throw_signature_warning_callee, throw_signature_warning_callee_ex, GenBody, GenSignal, GenStep};
pub use objects::coroutine::{async_gen_wrap, async_with_enter, end_async_for, get_aiter, get_anext, get_awaitable};
pub use native_modules::{import_from, import_name};
pub use speculation::{builtin_is_original, exact_list_ptr, GIVE_UP_AFTER_DEOPTS, speculation_begin, speculation_commit, state_block, state_bool, state_float, state_int, state_list, state_list_iter, state_range_iter, Guarded};
pub use builtins::is_builtin_super;
pub use printer_support::{builtin, builtin_is, inline_comp_error, inline_gen_error, complex_const, dict_lookup, frozenset_const, function_code, recursion_depth, recursion_limit, unpack};
pub use cold::{noner, ownr, binary_opr, call0r, call1r, call2r, call3r, call_attr_ic0r, call_attr_ic1r, call_attr_ic2r, comparer, compare_boolr, containsr, get_iterr, getattr_icr, getitemr, inplace_opr, is_truer, load_global_icr, load_globalr, load_namer, or_pending, oref, ObjRef, bool_or_pending, unit_or_pending, pending, setattr_icr, setitemr, store_globalr, call_attr_ic3r, call_meth0r, call_meth1r, call_meth2r, park, Reg, cell_getr, cell_setr, call_meth3r, call_methvr, load_method_icr, meth_or_pending, mref, MethR, callr, call_exr, format_valuer, build_mapr, build_stringr, import_fromr, list_appendr, list_extendr, iter_nextr, next_or_pending};
pub use icache::{call_attr_ic0, call_attr_ic1, call_attr_ic2, call_attr_ic3, call_attr_icv, call_meth0, call_meth1, call_meth2, call_meth3, call_methv, getattr_ic, getattr_ic_call, load_global_ic, load_method_ic, setattr_ic, AttrIc, GlobalIc, Meth, ATTR_IC_EMPTY, GLOBAL_IC_EMPTY};
pub use printer_support::{call0, call1, call2, call3, call_attr0, call_attr1, call_attr2, call_attr3, entry_fast, frame_at, init_const_table, init_slots, init_str_slots, init_str_slots_deflated, own, release, take_params, unpack_array, NO_FRAME, UNINIT_OBJ};

use object::Layout;
use objects::builtin_fn::{as_builtin, as_builtin_method};
use objects::dict::{as_dict, dict_get_str, dict_pop, dict_set};
use objects::exceptions::type_error;
use objects::function::{as_func, as_method, call_function};

pub type PyResult<T = Obj> = Result<T, Exc>;

#[inline]
fn real_kwnames(kwnames: Option<&Obj>) -> Option<&Obj> {
    match kwnames {
        Some(k) if k.is_none() || objects::tuple::tuple_len(k) == 0 => None,
        other => other,
    }
}

/// Calls `f` with positional args followed by keyword values named by `kwnames`.
pub fn call(f: &Obj, args: Vec<Obj>, kwnames: Option<&Obj>) -> PyResult {
    let kwnames = real_kwnames(kwnames);
    match f.layout() {
        Layout::Function => call_function(f, as_func(f).unwrap(), args, kwnames),
        Layout::Builtin => (as_builtin(f).unwrap().f)(&args, kwnames),
        Layout::BuiltinMethod => {
            let m = as_builtin_method(f).unwrap();
            match &m.this {
                Some(t) => (m.f)(t, &args, kwnames),
                None => {
                    if args.is_empty() {
                        return Err(type_error(format!("unbound method {}() needs an argument", m.name)));
                    }
                    objects::builtin_fn::check_receiver(m, &args[0])?;
                    (m.f)(&args[0], &args[1..], kwnames)
                }
            }
        }
        Layout::Method => {
            let m = as_method(f).unwrap();
            objects::function::call_with_self(&m.func, &m.this, &args, kwnames)
        }
        Layout::Type => {
            if f.ty().heap {
                // a metaclass defining __call__
                if let Some(c) = objects::typeobj::type_lookup(f.ty(), "__call__") {
                    return call_dunder_call(&c, f, args, kwnames);
                }
            }
            objects::typeobj::type_call(f.as_type(), &args, kwnames)
        }
        Layout::NativeFn => (objects::builtin_fn::as_native_fn(f).unwrap().f)(&args, kwnames),
        _ => {
            if f.layout() == Layout::Native && !f.ty().heap {
                // an instance of a native type (partial, lru_cache's wrapper): its __call__
                // without making the method object
                if let Some(m) = f.ty().find_method("__call__") {
                    return m(f, &args, kwnames);
                }
            }
            if let Some(c) = ops::lookup_special(f, "__call__") {
                return call_dunder_call(&c, f, args, kwnames);
            }
            if let Some(d) = objects::module::as_descr(f) {
                if d.kind == 1 {
                    return call(&d.fget, args, kwnames); // staticmethod objects are callable
                }
            }
            Err(type_error(format!("'{}' object is not callable", f.type_name())))
        }
    }
}

/// Calls `c`, the `__call__` found on the type of `this`, bound as CPython's slot_tp_call binds
/// it: a function or method descriptor gets `this` first; other descriptors are bound through
/// their `__get__`; anything else (a class, a builtin function: typing's `_TypedDictMeta` has
/// `__call__ = dict`) is called as it is.
fn call_dunder_call(c: &Obj, this: &Obj, args: Vec<Obj>, kwnames: Option<&Obj>) -> PyResult {
    let method_descriptor = match c.layout() {
        Layout::Function => true,
        Layout::BuiltinMethod => as_builtin_method(c).unwrap().this.is_none(),
        _ => false,
    };
    if method_descriptor {
        if c.layout() == Layout::Function {
            return objects::function::call_with_self(c, this, &args, kwnames);
        }
        let mut a = Vec::with_capacity(args.len() + 1);
        a.push(this.clone());
        a.extend(args);
        return call(c, a, kwnames);
    }
    let bound = attr::bind_attr(c.clone(), this)?;
    call(&bound, args, kwnames)
}

/// Calls method `name` of `o` (no bound-method allocation for builtin types). Extra API.
pub fn call_method(o: &Obj, name: &str, args: Vec<Obj>, kwnames: Option<&Obj>) -> PyResult {
    ops::call_method(o, name, args, real_kwnames(kwnames))
}

/// `o.name(*args)` with `name` a str object (LOAD_METHOD + CALL): for instances of classes
/// the function found on the class is called with `o` prepended, without creating a bound
/// method; builtin types dispatch straight to their Rust method.
pub fn call_attr(o: &Obj, name: &Obj, args: Vec<Obj>, kwnames: Option<&Obj>) -> PyResult {
    let kwnames = real_kwnames(kwnames);
    let ty = o.ty();
    if ty.heap && o.layout() == Layout::Instance && !objects::typeobj::overrides_getattribute(ty) {
        if let Some(f) = instance_method(o, name) {
            return objects::function::call_with_self(&f, o, &args, kwnames);
        }
    } else if !ty.heap && !matches!(o.layout(), Layout::Type | Layout::Module | Layout::Super) {
        // __hash__ is object's unless a builtin base made it None (list, dict, ...)
        if let Some(n) = name.as_str().filter(|n| *n != "__hash__") {
            if let Some(m) = ty.find_method(n) {
                return m(o, &args, kwnames);
            }
        }
    }
    let m = getattr(o, name)?;
    call(&m, args, kwnames)
}

/// Calls function object `f` with `this` prepended to `args`: a method found on a class,
/// called without a bound method (the inline caches' one way into a method).
pub fn call_function_with_self(f: &Obj, this: &Obj, args: &[&Obj], kwnames: Option<&Obj>) -> PyResult {
    objects::function::call_with_self(f, this, args, real_kwnames(kwnames))
}

/// The plain function `o.name` would bind when `o` is an instance of a class and the name is
/// not shadowed by the instance dict: what a method call can call with `o` prepended.
#[inline]
pub(crate) fn instance_method(o: &Obj, name: &Obj) -> Option<Obj> {
    if !(o.ty().heap && o.layout() == Layout::Instance) {
        return None;
    }
    let f = objects::typeobj::type_lookup_obj(o.ty(), name)?;
    if f.layout() == Layout::Function && objects::typeobj::instance_dict_get(o, name).is_none() {
        Some(f)
    } else {
        None
    }
}

/// LOAD_GLOBAL: module globals, then builtins; NameError.
pub fn load_global(globals: &Obj, name: &Obj) -> PyResult {
    if let Some(v) = dict_get_str(globals, name) {
        return Ok(v);
    }
    if let Some(v) = dict_get_str(&builtins::builtins_dict(), name) {
        return Ok(v);
    }
    if name.as_str() == Some("globals") {
        // the builtin globals() needs the caller's module: it is made here, bound to it
        let g = globals.clone();
        return Ok(objects::builtin_fn::new_native_fn(&objects::builtin_fn::NATIVE_FN_TYPE, "globals", Box::new(move |a, k| {
            objects::str::no_kw("globals", k)?;
            objects::str::nargs("globals", a, 0, 0)?;
            Ok(g.clone())
        })));
    }
    if name.as_str() == Some("locals") {
        // a module body's locals are its globals; a function's are not kept by name
        return Ok(objects::builtin_fn::new_native_fn(&objects::builtin_fn::NATIVE_FN_TYPE, "locals", Box::new(|a, k| {
            objects::str::no_kw("locals", k)?;
            objects::str::nargs("locals", a, 0, 0)?;
            objects::function::module_body_globals().ok_or_else(|| {
                objects::exceptions::new_exc(&objects::exceptions::NOT_IMPLEMENTED_ERROR, "locals() outside a module body is not supported in code compiled by pybc2wasm".to_string())
            })
        })));
    }
    Err(objects::exceptions::name_error_in(name, globals, None))
}

pub fn store_global(globals: &Obj, name: &Obj, v: Obj) -> PyResult<()> {
    if globals.ty().heap {
        // a class body namespace from a metaclass's __prepare__
        return ops::setitem(globals, name, v);
    }
    dict_set(globals, name.clone(), v)
}

pub fn delete_global(globals: &Obj, name: &Obj) -> PyResult<()> {
    if globals.ty().heap {
        return match ops::delitem(globals, name) {
            Err(e) if e.is_instance(&objects::exceptions::KEY_ERROR) => Err(objects::exceptions::name_error_in(name, globals, None)),
            r => r,
        };
    }
    if as_dict(globals).is_some() && dict_pop(globals, name)?.is_some() {
        return Ok(());
    }
    Err(objects::exceptions::name_error_in(name, globals, None))
}

pub fn build_list(items: Vec<Obj>) -> Obj {
    objects::list::new_list(items)
}

#[cfg_attr(target_arch = "wasm32", inline)]
pub fn build_tuple(items: Vec<Obj>) -> Obj {
    Obj::tuple(items)
}

/// BUILD_TUPLE of two or three items: no vector in between.
pub fn build_tuple2(a: Obj, b: Obj) -> Obj {
    Obj::tuple2(a, b)
}
pub fn build_tuple3(a: Obj, b: Obj, c: Obj) -> Obj {
    Obj::tuple3(a, b, c)
}

pub fn build_map(pairs: Vec<(Obj, Obj)>) -> PyResult {
    objects::dict::dict_from_pairs(pairs)
}

pub fn build_set(items: Vec<Obj>) -> PyResult {
    objects::set::build_set(items)
}

pub fn build_slice(start: Obj, stop: Obj, step: Obj) -> Obj {
    objects::slice::build_slice(start, stop, step)
}

pub fn list_append(list: &Obj, v: Obj) -> PyResult<()> {
    match objects::list::as_list(list) {
        Some(l) => {
            l.borrow_mut().push(v);
            Ok(())
        }
        None => Err(type_error("list_append: not a list")),
    }
}

/// BUILD_STRING: concatenation of str objects.
pub fn build_string(parts: Vec<Obj>) -> PyResult {
    let mut n = 0;
    for p in &parts {
        n += p.as_str().map(|s| s.len()).unwrap_or(0);
    }
    let mut s = String::with_capacity(n);
    for p in &parts {
        match p.as_str() {
            Some(t) => s.push_str(t),
            None => s.push_str(&ops::str_string(p)?),
        }
    }
    Ok(Obj::string(s))
}

/// FORMAT_VALUE: conversion 0 / b's' / b'r' / b'a', then format with `spec`.
pub fn format_value(v: &Obj, conversion: u8, spec: Option<&Obj>) -> PyResult {
    format::format_value(v, conversion, spec)
}

/// A new cell (for closures); `None` = empty.
pub fn new_cell(v: Option<Obj>) -> Obj {
    objects::cell::new_cell(v)
}

/// The value in a cell, or None if empty (the caller raises the right error:
/// `unbound_local(name)` for a cell variable, `unbound_free(name)` for a free variable).
#[cfg_attr(target_arch = "wasm32", inline)]
pub fn cell_get(cell: &Obj) -> Option<Obj> {
    objects::cell::as_cell(cell).and_then(|c| c.v.borrow().clone())
}

pub fn cell_set(cell: &Obj, v: Option<Obj>) {
    if let Some(c) = objects::cell::as_cell(cell) {
        let old = std::mem::replace(&mut *c.v.borrow_mut(), v);
        drop(old);
    }
}

/// `NameError: cannot access free variable 'x' where it is not associated with a value in enclosing scope`
pub fn unbound_free(name: &str) -> Exc {
    objects::exceptions::new_exc(
        &objects::exceptions::NAME_ERROR,
        format!("cannot access free variable '{}' where it is not associated with a value in enclosing scope", name),
    )
}

/// `super(cls, obj)` (zero-argument super: the compiler passes `__class__` and the first argument).
pub fn super_(cls: &Obj, obj: &Obj) -> PyResult {
    objects::superobj::new_super(cls, obj)
}

/// COPY_FREE_VARS: cell `i` of the function's closure (an empty cell if there is none).
pub fn closure_cell(func: &Obj, i: usize) -> Obj {
    // read in place (COPY_FREE_VARS runs at every call of a closure): no new reference to
    // the closure tuple
    if let Some(f) = objects::function::as_func(func) {
        if let Ok(c) = f.closure.try_borrow() {
            if let Some(x) = c.as_ref().and_then(objects::tuple::try_tuple_items).and_then(|t| t.get(i)) {
                return x.clone();
            }
        }
    }
    new_cell(None)
}

/// MAKE_FUNCTION's annotations (flag 0x04): a flat tuple (name, value, ...) or a dict,
/// stored as the function's `__annotations__` dict.
pub fn function_set_annotations(func: &Obj, annotations: &Obj) {
    let d = match objects::tuple::try_tuple_items(annotations) {
        Some(items) => {
            let d = objects::dict::new_dict();
            for pair in items.chunks(2) {
                if pair.len() == 2 {
                    let _ = dict_set(&d, pair[0].clone(), pair[1].clone());
                }
            }
            d
        }
        None => annotations.clone(),
    };
    let _ = attr::setattr(func, &Obj::str("__annotations__"), d);
}

/// 3.14 SET_FUNCTION_ATTRIBUTE 0x10: the function computing the annotations on demand.
pub fn function_set_annotate(func: &Obj, annotate: Obj) {
    if let Some(f) = objects::function::as_func(func) {
        let d = f.dict.borrow_mut().get_or_insert_with(objects::dict::new_dict).clone();
        let _ = dict_set(&d, Obj::str("__annotate__"), annotate);
    }
}

/// LOAD_CLASSDEREF: `name` from the class namespace, else the free variable's cell.
pub fn load_classderef(locals: &Obj, cell: &Obj, name: &Obj) -> PyResult {
    if let Some(v) = dict_lookup(locals, name)? {
        return Ok(v);
    }
    match cell_get(cell) {
        Some(v) => Ok(v),
        None => Err(unbound_free(name.as_str().unwrap_or("?"))),
    }
}

/// Zero-argument `super()` in a method: the `__class__` cell and the method's first
/// argument (None if it was deleted), with CPython's RuntimeErrors.
pub fn super_zero(class_cell: &Obj, first: Option<Obj>) -> PyResult {
    let cls = match cell_get(class_cell) {
        Some(c) => c,
        None => return Err(objects::exceptions::runtime_error("super(): empty __class__ cell")),
    };
    let obj = match first {
        Some(o) => o,
        None => return Err(objects::exceptions::runtime_error("super(): arg[0] deleted")),
    };
    if cls.layout() != Layout::Type {
        return Err(objects::exceptions::runtime_error(format!("super(): __class__ is not a type ({})", cls.type_name())));
    }
    super_(&cls, &obj)
}

/// The builtins namespace dict.
pub fn builtins_dict() -> Obj {
    builtins::builtins_dict()
}
