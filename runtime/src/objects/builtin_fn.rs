//! Builtin functions (Rust fns callable from Python) and builtin methods bound to an object.
use crate::object::{alloc, Layout, MethodFn, Obj};
use crate::PyResult;

pub type BuiltinFn = fn(args: &[Obj], kwnames: Option<&Obj>) -> PyResult;

pub struct BuiltinObj {
    pub name: &'static str,
    pub f: BuiltinFn,
}

pub struct BuiltinMethodObj {
    pub name: &'static str,
    /// None for an unbound method (`str.upper`): the first argument is the receiver.
    pub this: Option<Obj>,
    pub f: MethodFn,
    /// The class that defines an unbound method (`int` for `int.bit_length`): calls check that
    /// the receiver is one of its instances, as CPython's method descriptors do.
    pub owner: Option<&'static crate::object::TypeObject>,
}

crate::static_type!(BUILTIN_TYPE, "builtin_function_or_method", &super::typeobj::OBJECT_TYPE, Builtin, &[]);
crate::static_type!(METHOD_DESCRIPTOR_TYPE, "method_descriptor", &super::typeobj::OBJECT_TYPE, BuiltinMethod, &[]);
crate::static_type!(BUILTIN_METHOD_TYPE, "builtin_function_or_method", &super::typeobj::OBJECT_TYPE, BuiltinMethod, &[]);

pub fn new_builtin(name: &'static str, f: BuiltinFn) -> Obj {
    alloc(&BUILTIN_TYPE, BuiltinObj { name, f })
}

/// Blocks for bound builtin methods (`l.append` is made and dropped on every call).
pub static mut METHOD_FREE: crate::object::FreeList<BuiltinMethodObj> = crate::object::FreeList::new();

pub fn new_builtin_method(name: &'static str, this: Obj, f: MethodFn) -> Obj {
    unsafe { (*std::ptr::addr_of_mut!(METHOD_FREE)).alloc(&BUILTIN_METHOD_TYPE, BuiltinMethodObj { name, this: Some(this), f, owner: None }) }
}

type UnboundMap = std::collections::HashMap<(usize, usize, usize), Obj, std::hash::BuildHasherDefault<crate::object::PtrHasher>>;

thread_local! {
    // one unbound method object per (function, name): `object.__repr__ is object.__repr__`
    static UNBOUND: std::cell::RefCell<UnboundMap> = std::cell::RefCell::new(UnboundMap::default());
}

/// The methods CPython makes static or class methods implicitly: their first argument is not
/// an instance of the class that defines them (`type.__prepare__(name, bases)`).
const IMPLICIT_CLASS_METHODS: &[&str] = &["__new__", "__prepare__", "__init_subclass__", "__subclasshook__", "__class_getitem__"];

/// `owner.name` read from the class: a descriptor whose calls check their receiver. The
/// implicit class/static methods and an unknown owner check nothing.
pub fn new_unbound_method_of(owner: Option<&'static crate::object::TypeObject>, name: &'static str, f: MethodFn) -> Obj {
    let owner = if IMPLICIT_CLASS_METHODS.contains(&name) { None } else { owner };
    let key = (f as usize, name.as_ptr() as usize, owner.map_or(0, |t| t as *const _ as usize));
    if let Some(m) = UNBOUND.with(|u| u.borrow().get(&key).cloned()) {
        return m;
    }
    let m = alloc(&METHOD_DESCRIPTOR_TYPE, BuiltinMethodObj { name, this: None, f, owner });
    UNBOUND.with(|u| u.borrow_mut().insert(key, m.clone()));
    m
}

pub fn new_unbound_method(name: &'static str, f: MethodFn) -> Obj {
    new_unbound_method_of(None, name, f)
}

/// CPython's check before an unbound builtin method runs on `receiver`.
pub fn check_receiver(m: &BuiltinMethodObj, receiver: &Obj) -> PyResult<()> {
    match m.owner {
        Some(owner) if !receiver.ty().is_subtype(owner) => Err(crate::objects::exceptions::type_error(format!(
            "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
            m.name, owner.name, receiver.type_name()))),
        _ => Ok(()),
    }
}

pub fn as_builtin(o: &Obj) -> Option<&BuiltinObj> {
    o.payload::<BuiltinObj>(Layout::Builtin)
}

pub fn as_builtin_method(o: &Obj) -> Option<&BuiltinMethodObj> {
    o.payload::<BuiltinMethodObj>(Layout::BuiltinMethod)
}

/// A callable implemented by a Rust closure (functools.partial, lru_cache wrappers, ...).
pub struct NativeFnObj {
    pub name: String,
    pub f: Box<dyn Fn(&[Obj], Option<&Obj>) -> PyResult>,
    pub dict: std::cell::RefCell<Option<Obj>>,
}

crate::static_type!(NATIVE_FN_TYPE, "builtin_function_or_method", &super::typeobj::OBJECT_TYPE, NativeFn, &[]);
// A native callable stored in a class namespace: binds to instances like a function.
crate::static_type!(NATIVE_METHOD_TYPE, "function", &super::typeobj::OBJECT_TYPE, NativeFn, &[]);

pub fn new_native_fn(ty: &'static crate::object::TypeObject, name: &str, f: Box<dyn Fn(&[Obj], Option<&Obj>) -> PyResult>) -> Obj {
    alloc(ty, NativeFnObj { name: name.to_string(), f, dict: std::cell::RefCell::new(None) })
}

pub fn as_native_fn(o: &Obj) -> Option<&NativeFnObj> {
    o.payload::<NativeFnObj>(Layout::NativeFn)
}
