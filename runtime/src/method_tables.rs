//! Builtin method tables linked per program (issue 9, hello world's size).
//!
//! The core builtin types (str, int, list, dict, ...) are reachable from every program, and a
//! method table (name -> Rust function) keeps every function it names in the output. So these
//! types start with empty tables and a program's printed `main` installs them: either the full
//! tables (`install_all`, what a program that may name any attribute gets: one that uses
//! getattr/hasattr/setattr/delattr, dir, vars, `__dict__`, eval/exec, ...), or tables filtered
//! to the names the program can spell (its code objects' names and the identifiers in its
//! string constants), the names the runtime itself looks up (string literals of the runtime's
//! sources) and every dunder method; the linker drops the rest. The compiler reads the `core!`
//! lines below (pybc2wasm/method_tables.py) to print those filtered tables: one line per type,
//! naming its static and its full table.
use crate::object::{MethodFn, TypeObject};
use crate::objects::*;

/// A method table: (attribute name, Rust function).
pub type Methods = &'static [(&'static str, MethodFn)];

macro_rules! core {
    ($ty:path, $table:path) => {
        (&$ty, $table)
    };
}

/// Every core type with its full table (the `core!` lines are read by the compiler).
pub static ALL: &[(&TypeObject, Methods)] = &[
    core!(str::STR_TYPE, str::STR_METHODS),
    core!(bytes::BYTES_TYPE, bytes::BYTES_METHODS),
    core!(bytes::BYTEARRAY_TYPE, bytes::BYTEARRAY_METHODS),
    core!(bytes::MEMORYVIEW_TYPE, bytes::MEMORYVIEW_METHODS),
    core!(bytes::MEMORYVIEW_U32_TYPE, bytes::MEMORYVIEW_METHODS),
    core!(int::INT_TYPE, int::INT_METHODS),
    core!(float::FLOAT_TYPE, float::FLOAT_METHODS),
    core!(complex::COMPLEX_TYPE, complex::COMPLEX_METHODS),
    core!(list::LIST_TYPE, list::LIST_METHODS),
    core!(tuple::TUPLE_TYPE, tuple::TUPLE_METHODS),
    core!(range::RANGE_TYPE, range::RANGE_METHODS),
    core!(slice::SLICE_TYPE, slice::SLICE_METHODS),
    core!(dict::DICT_TYPE, dict::DICT_METHODS),
    core!(set::SET_TYPE, set::SET_METHODS),
    core!(set::FROZENSET_TYPE, set::FROZENSET_METHODS),
    core!(typeobj::TYPE_TYPE, typeobj::TYPE_METHODS),
    core!(typeobj::OBJECT_TYPE, typeobj::OBJECT_METHODS),
    core!(exc_types::BASE_EXCEPTION, exceptions::EXC_METHODS),
    core!(exc_types::BASE_EXCEPTION_GROUP, exc_group::GROUP_METHODS),
    core!(generator::GENERATOR_TYPE, generator::GEN_METHODS),
    core!(coroutine::COROUTINE_TYPE, coroutine::CORO_METHODS),
    core!(coroutine::ASYNC_GENERATOR_TYPE, coroutine::AGEN_METHODS),
];

/// Gives each listed core type its table (a printed `main` does this first).
pub fn install(tables: &[(&'static TypeObject, Methods)]) {
    for (t, m) in tables {
        t.methods.set(m);
    }
}

/// The full tables and every builtin function: what a program that may name any attribute,
/// the single-module entry point and the runtime's own tests use.
pub fn install_all() {
    install(ALL);
    crate::builtins::install_fns(crate::builtins::BUILTIN_FNS);
}
