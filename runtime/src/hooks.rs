//! Behaviour of native modules' types that the core's generic operations dispatch to (calling
//! a type, getattr, repr, len, iteration, items, comparison, dealloc, class creation).
//!
//! A native module installs its hooks when it is made (its `make_module` calls
//! `install_hooks`), so the core never names a native module's code: a program that does not
//! reach the module does not link it. (Naming one of its type statics would keep the type's
//! whole method table.) Objects of a module's types exist only once the module was made, so
//! a dispatch point reached with such an object finds the hooks installed; `installed` says so.
//! New native modules whose types need core dispatch follow the same pattern.
use crate::object::TypeObject;
use crate::{Obj, PyResult};
use std::sync::atomic::{AtomicPtr, Ordering};

/// One module's hook table, installed once (a static the module owns).
pub struct Hooks<T: 'static>(AtomicPtr<T>);

impl<T> Hooks<T> {
    pub const fn new() -> Self {
        Hooks(AtomicPtr::new(std::ptr::null_mut()))
    }

    pub fn install(&self, table: &'static T) {
        self.0.store(table as *const T as *mut T, Ordering::Relaxed);
    }

    #[inline]
    pub fn get(&self) -> Option<&'static T> {
        unsafe { self.0.load(Ordering::Relaxed).as_ref() }
    }

    /// The table, for an object of a type only its module creates.
    #[inline]
    pub fn installed(&self) -> &'static T {
        match self.get() {
            Some(t) => t,
            None => not_installed(),
        }
    }
}

#[cold]
#[inline(never)]
fn not_installed() -> ! {
    panic!("a native module's object was used before its module was made")
}

/// `collections`: deque (`Layout::Deque`) and the dict subclasses defaultdict, Counter and
/// OrderedDict (the static `Layout::Dict` types other than `dict`).
pub struct Collections {
    pub deque_new: fn(&[Obj], Option<&Obj>) -> PyResult,
    pub deque_alloc: fn(&'static TypeObject) -> Obj,
    /// deque, defaultdict, Counter, OrderedDict: `cls[key]` is a types.GenericAlias
    pub is_generic: fn(&'static TypeObject) -> bool,
    pub deque_getattr: fn(&Obj, &str) -> Option<Obj>,
    pub deque_len: fn(&Obj) -> usize,
    pub deque_items: fn(&Obj) -> Vec<Obj>,
    pub deque_iter: fn(&Obj) -> Obj,
    pub deque_getitem: fn(&Obj, &Obj) -> PyResult,
    pub deque_setitem: fn(&Obj, &Obj, Obj) -> PyResult<()>,
    pub deque_delitem: fn(&Obj, &Obj) -> PyResult<()>,
    pub deque_repr: fn(&Obj) -> PyResult<String>,
    pub dict_subclass_new: fn(&'static TypeObject, &[Obj], Option<&Obj>) -> PyResult,
    /// `d[key]` on a missing key: defaultdict's factory, Counter's 0
    pub dict_missing: fn(&Obj, &Obj) -> PyResult<Option<Obj>>,
    pub dict_subclass_repr: fn(&Obj) -> PyResult<Option<String>>,
}
pub static COLLECTIONS: Hooks<Collections> = Hooks::new();

/// `_sre`: Pattern, Match and Scanner objects (`Layout::Sre`).
pub struct Sre {
    pub getattr: fn(&Obj, &str) -> Option<PyResult>,
    pub repr: fn(&Obj) -> PyResult<String>,
    pub is_match: fn(&Obj) -> bool,
    pub match_getitem: fn(&Obj, &Obj) -> PyResult,
    pub is_pattern: fn(&Obj) -> bool,
    pub pattern_hash: fn(&Obj) -> PyResult<i64>,
    pub pattern_eq: fn(&Obj, &Obj) -> Option<PyResult<bool>>,
}
pub static SRE: Hooks<Sre> = Hooks::new();

/// `random`: Random (`Layout::Random`) and its subclasses.
pub struct Random {
    /// `random.Random` itself (not `_random.Random`, whose `__new__` is its own)
    pub is_random_type: fn(&'static TypeObject) -> bool,
    pub new: fn(&[Obj], Option<&Obj>) -> PyResult,
    pub new_instance: fn(&'static TypeObject) -> Obj,
}
pub static RANDOM: Hooks<Random> = Hooks::new();

/// `_io`: buffered writers to flush at exit.
pub struct Io {
    pub flush_all: fn(),
}
pub static IO: Hooks<Io> = Hooks::new();


/// `%`-formatting of str and bytes (`"%d" % n`, 26 KB with the float and int formatting it
/// reaches): not a native module's, but installed the same way, by a program's printed `main`
/// when its bytecode can reach the `%` operator (a `%`/`%=` instruction, or a name such as
/// `__mod__` or operator's `mod`: pybc2wasm/method_tables.py), and by `install_all`.
pub struct Percent {
    pub str: fn(&str, &Obj) -> PyResult,
    pub bytes: fn(&[u8], &Obj) -> PyResult,
}
pub static PERCENT: Hooks<Percent> = Hooks::new();

/// The `%` hooks, for `str % x` and `bytes % x`: a program reaching `%` installed them.
#[inline]
pub fn percent() -> &'static Percent {
    match PERCENT.get() {
        Some(t) => t,
        None => not_linked("%-formatting"),
    }
}

/// A part of the runtime the compiler found unreachable was reached: a compiler bug, reported
/// as one (never a wrong result).
#[cold]
#[inline(never)]
pub fn not_linked(what: &str) -> ! {
    panic!("{} was reached but not linked into this program (pybc2wasm's method_tables.py found no way to reach it)", what)
}

/// `_imp`'s side of importlib: module specs (`__spec__`, `__loader__`) and the finders of
/// `sys.meta_path`. It only acts once `importlib._bootstrap` is in sys.modules; without the
/// hook the importer does what it does before that (no specs, no meta path). Installed when
/// `_imp` is made (importlib imports it first) and by a program's `main` whose bytecode spells
/// `_bootstrap` (pybc2wasm/method_tables.py), so other programs do not link the finder.
pub struct Imp {
    pub set_spec: fn(&str, &Obj) -> PyResult<()>,
    pub set_all_specs: fn() -> PyResult<()>,
    pub load_from_meta_path: fn(&str, Option<&Obj>) -> PyResult<Option<Obj>>,
}
pub static IMP: Hooks<Imp> = Hooks::new();

/// Abstract classes: the error instantiating one (its sorted method names). A class is
/// abstract once `__abstractmethods__` is set on it (`type_setattr`), which `_abc` does (it
/// installs this when made) or a program spelling `__abstractmethods__` (its printed `main`
/// installs it: pybc2wasm/method_tables.py).
pub struct Abstract {
    pub instantiation_error: fn(&'static TypeObject, Vec<Obj>) -> PyResult<crate::Exc>,
}
pub static ABSTRACT: Hooks<Abstract> = Hooks::new();

/// Builtin types' slot wrappers (`int.__add__`, `[].__len__`, `super().__setitem__` on a
/// dict subclass, the entries of a builtin type's `__dict__`): the unbound wrapper of slot
/// `name` of builtin type `t` (typesmod's make_slot_wrapper and the base_slot it calls, 26 KB
/// with what they reach). Only an attribute lookup of a slot's dunder name makes one, which a
/// program spells (or reaches by a dynamic name): its printed `main` installs this then
/// (pybc2wasm/method_tables.py), as does `install_all`.
pub struct Slots {
    pub make_wrapper: fn(&'static TypeObject, &'static str) -> Obj,
}
pub static SLOTS: Hooks<Slots> = Hooks::new();

/// The builtin types' class methods by name (typeobj.rs's `builtin_classmethod`): reached only
/// by an attribute lookup of `fromkeys`, `from_bytes`, `maketrans` or `fromhex`, which a
/// program spells (or reaches by a dynamic name): its printed `main` installs this then
/// (pybc2wasm/method_tables.py), as does `install_all`.
pub struct ClassMethods {
    pub find: fn(&'static TypeObject, &str) -> Option<Obj>,
}
pub static CLASSMETHODS: Hooks<ClassMethods> = Hooks::new();
