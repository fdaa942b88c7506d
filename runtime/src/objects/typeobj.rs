//! `type` and `object`: calling a type (constructors), classes (heap types with a namespace
//! dict and C3 MRO), instances of classes, and attribute lookup on types.
use super::dict::{dict_get_str, dict_set, new_dict};
use super::exceptions::{attribute_error, type_error};
use crate::object::{alloc, GcHead, Layout, Obj, PyObjectHeader, TypeObject};
use crate::ops;
use crate::PyResult;
use std::cell::{Cell, RefCell};

crate::static_type!(TYPE_TYPE, "type", &OBJECT_TYPE, Type, &[]);
crate::static_type!(OBJECT_TYPE, "object", std::ptr::null(), Instance, &[]);

pub static OBJECT_METHODS: &[(&str, crate::object::MethodFn)] = &[
    ("__init__", obj_init),
    ("__new__", obj_new),
    ("__repr__", obj_repr),
    ("__str__", obj_str),
    ("__eq__", obj_eq),
    ("__ne__", obj_ne),
    ("__hash__", obj_hash),
    ("__setattr__", obj_setattr),
    ("__delattr__", obj_delattr),
    ("__getattribute__", obj_getattribute),
    ("__format__", obj_format),
    ("__init_subclass__", obj_init_subclass),
    ("__subclasshook__", obj_not_impl),
    ("__reduce_ex__", obj_reduce_ex),
    ("__reduce__", obj_reduce),
    ("__dir__", obj_dir),
    ("__lt__", obj_not_impl),
    ("__le__", obj_not_impl),
    ("__gt__", obj_not_impl),
    ("__ge__", obj_not_impl),
];

pub fn obj_init(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    if !a.is_empty() && !init_ignores_arguments(this.ty()) {
        return Err(type_error("object.__init__() takes exactly one argument (the instance to initialize)"));
    }
    Ok(Obj::none())
}

/// CPython's object_init accepts extra arguments when the class keeps object's `__init__`
/// but has a `__new__` of its own (a class's or a builtin base's: `str` for a StrEnum member).
fn init_ignores_arguments(t: &'static TypeObject) -> bool {
    let own = |c: &TypeObject, name: &str| c.heap && c.dict.borrow().as_ref().map_or(false, |d| dict_get_str(d, &Obj::str(name)).is_some());
    let mro = t.mro_list();
    !mro.iter().any(|c| own(c, "__init__")) && (t.layout != Layout::Instance || mro.iter().any(|c| own(c, "__new__")))
}
/// object.__new__(cls, ...): a bare instance of cls (`this` is the class). For classes
/// deriving from a builtin value type (str, int, tuple, ...) the value is built by that type
/// from the arguments, with the payload the class's layout needs.
pub fn obj_new(this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    if this.layout() != Layout::Type {
        return Err(type_error(format!("object.__new__(X): X is not a type object ({})", this.type_name())));
    }
    let t = this.as_type();
    Ok(match t.layout {
        Layout::Exception if t.is_subtype(&super::exceptions::BASE_EXCEPTION_GROUP) => super::exc_group::group_new(t, a, k)?,
        Layout::Exception => super::exceptions::new_exc_obj(t, a.to_vec()),
        Layout::Instance => new_instance(t),
        _ => return construct_builtin_subclass(t, a, k),
    })
}

/// An object of class `t` (deriving from a builtin value/container type) holding the value
/// the builtin base builds from `args`.
pub fn construct_builtin_subclass(t: &'static TypeObject, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let base = match t.mro_list().into_iter().find(|b| !b.heap) {
        Some(b) => b,
        None => return Err(type_error(format!("cannot create '{}' instances", t.name))),
    };
    let v = type_call(base, args, kw)?;
    Ok(match t.layout {
        Layout::Int => {
            let iv = super::int::to_big(super::int::as_int(&v).unwrap()).into_owned();
            let val = match iv.to_i64() {
                Some(i) => super::int::IntVal::Small(i),
                None => super::int::IntVal::Big(Box::new(iv)),
            };
            alloc(t, val)
        }
        Layout::Float => alloc(t, super::float::as_float(&v).unwrap()),
        Layout::Complex => alloc(t, super::complex::as_complex(&v).unwrap()),
        Layout::Str => {
            let so = super::str::str_obj(&v).unwrap();
            alloc(t, super::str::StrObj { s: so.s.clone(), nchars: so.nchars, hash: Cell::new(-1) })
        }
        Layout::Bytes => alloc(t, super::bytes::BytesObj { b: super::bytes::as_bytes(&v).unwrap().to_vec() }),
        Layout::Tuple => crate::gc::track(alloc(t, super::tuple::TupleObj { gc: GcHead::new(), items: super::tuple::TupleItems::from_vec(super::tuple::tuple_items(&v).to_vec()) })),
        Layout::Dict => {
            let d = super::dict::new_dict_of(t);
            for (k, x) in super::dict::dict_items(&v) {
                dict_set(&d, k, x)?;
            }
            d
        }
        Layout::List => crate::gc::track(alloc(t, super::list::ListObj { gc: GcHead::new(), items: RefCell::new(ops::collect_iterable(&v)?) })),
        Layout::Set => {
            let st = crate::gc::track(alloc(t, super::set::SetObj { gc: GcHead::new(), t: RefCell::new(Default::default()) }));
            for x in super::set::items(&v) {
                super::set::set_add(&st, x)?;
            }
            st
        }
        Layout::Module => {
            let m = super::module::as_module(&v).unwrap();
            alloc(t, super::module::ModuleObj { name: m.name.clone(), dict: m.dict.clone() })
        }
        Layout::Property => {
            let d = super::module::as_descr(&v).unwrap();
            alloc(t, super::module::PropertyObj { kind: d.kind, fget: d.fget.clone(), fset: d.fset.clone(), fdel: d.fdel.clone() })
        }
        _ => return Err(type_error(format!("cannot create '{}' instances (builtin base not supported)", t.name))),
    })
}
pub fn default_repr(o: &Obj) -> String {
    format!("<{} object at 0x{:x}>", o.ty().qualified_name(), o.addr())
}
pub fn obj_repr(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::string(default_repr(this)))
}
pub fn obj_str(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    ops::to_repr(this)
}
pub fn obj_eq(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(if a.get(0).map(|o| o.is(this)).unwrap_or(false) { Obj::bool(true) } else { Obj::not_implemented() })
}
pub fn obj_ne(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(if a.get(0).map(|o| o.is(this)).unwrap_or(false) { Obj::bool(false) } else { Obj::not_implemented() })
}
pub fn obj_not_impl(_this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::not_implemented())
}
pub fn obj_hash(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let p = this.addr() as u64;
    Ok(Obj::int(((p >> 4) | (p << 60)) as i64))
}
pub fn obj_setattr(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    super::str::nargs("__setattr__", a, 2, 2)?;
    if a[0].as_str() == Some("__class__") {
        set_class(this, &a[1])?;
        return Ok(Obj::none());
    }
    match instance_dict(this) {
        Some(d) => dict_set(&d, a[0].clone(), a[1].clone())?,
        None => {
            if !super::exceptions::exc_setattr(this, a[0].as_str().unwrap_or(""), a[1].clone())? {
                return Err(attribute_error(format!("'{}' object attribute is read-only", this.type_name())));
            }
        }
    }
    Ok(Obj::none())
}
/// `o.__class__ = v` (object's `__class__` setter): only between classes whose instances
/// have the same layout; the inline caches key on the type, so they follow.
pub fn set_class(o: &Obj, v: &Obj) -> PyResult<()> {
    if v.layout() != Layout::Type {
        return Err(type_error(format!("__class__ must be set to a class, not '{}' object", v.type_name())));
    }
    let (old, new) = (o.ty(), v.as_type());
    if !old.heap || !new.heap {
        return Err(type_error("__class__ assignment only supported for mutable types or ModuleType subclasses"));
    }
    if old.layout != new.layout || old.layout != Layout::Instance {
        return Err(type_error(format!("__class__ assignment: '{}' object layout differs from '{}'", new.name, old.name)));
    }
    // the header is only read through `Obj::ty`, which copies the pointer out
    unsafe { (*o.as_ptr()).ty = new as *const TypeObject };
    Ok(())
}

pub fn obj_delattr(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    super::str::nargs("__delattr__", a, 1, 1)?;
    if let Some(d) = instance_dict(this) {
        if super::dict::dict_pop(&d, &a[0])?.is_some() {
            return Ok(Obj::none());
        }
    }
    Err(attribute_error(format!("'{}' object has no attribute '{}'", this.type_name(), a[0].as_str().unwrap_or("?"))))
}
pub fn obj_getattribute(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    super::str::nargs("__getattribute__", a, 1, 1)?;
    let n = a[0].as_str().ok_or_else(|| type_error(format!("attribute name must be string, not '{}'", a[0].type_name())))?;
    crate::attr::generic_getattr_str(this, n)
}
pub fn obj_format(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    super::str::nargs("__format__", a, 1, 1)?;
    if a[0].as_str().map(|s| !s.is_empty()).unwrap_or(true) {
        return Err(type_error(format!("unsupported format string passed to {}.__format__", this.type_name())));
    }
    ops::to_str(this)
}
/// `int.__format__` (and bool's), `float.__format__`, `str.__format__`: the value's own
/// formatting, also for subclass instances (IntEnum takes int's `__format__`).
pub fn value_format(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    super::str::nargs("__format__", a, 1, 1)?;
    let spec = a[0].as_str().ok_or_else(|| type_error(format!("__format__() argument must be str, not {}", a[0].type_name())))?;
    Ok(Obj::string(crate::format::format_builtin(this, spec)?))
}
pub fn obj_init_subclass(this: &Obj, _a: &[Obj], k: Option<&Obj>) -> PyResult {
    if k.map(|k| super::tuple::tuple_len(k) > 0).unwrap_or(false) {
        let n = if this.layout() == Layout::Type { this.as_type().name } else { "object" };
        return Err(type_error(format!("{}.__init_subclass__() takes no keyword arguments", n)));
    }
    Ok(Obj::none())
}

pub fn obj_dir(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    crate::builtins::dir_of(this)
}
/// `object.__reduce_ex__(protocol)`: the class's own `__reduce__` if it overrides it, else
/// copyreg's protocol: `(copyreg.__newobj__, (cls,), state)` (protocol >= 2) or
/// `copyreg._reduce_ex(self, protocol)`.
pub fn obj_reduce_ex(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    super::str::nargs("__reduce_ex__", a, 1, 1)?;
    if this.ty().heap {
        if let Some(r) = type_lookup(this.ty(), "__reduce__") {
            return crate::call(&r, vec![this.clone()], None);
        }
    }
    let proto = ops::index_value(&a[0])?;
    common_reduce(this, proto)
}
pub fn obj_reduce(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    common_reduce(this, 0)
}
fn common_reduce(this: &Obj, proto: i64) -> PyResult {
    let copyreg = match crate::modules::load("copyreg")? {
        Some(m) => m,
        None => return Err(type_error(format!("cannot pickle '{}' object", this.type_name()))),
    };
    if proto < 2 {
        return ops::call_method(&copyreg, "_reduce_ex", vec![this.clone(), Obj::int(proto)], None);
    }
    let newobj = ops::getattr_str(&copyreg, "__newobj__")?;
    let mut args = vec![this.ty().obj()];
    if let Ok(g) = ops::getattr_str(this, "__getnewargs__") {
        args.extend(ops::collect_iterable(&crate::call(&g, vec![], None)?)?);
    }
    let state = match ops::getattr_str(this, "__getstate__") {
        Ok(g) if this.ty().heap && type_lookup(this.ty(), "__getstate__").is_some() => crate::call(&g, vec![], None)?,
        _ => match instance_dict(this) {
            Some(d) if super::dict::dict_len(&d) > 0 => d,
            _ => Obj::none(),
        },
    };
    let listitems = if this.layout() == Layout::List { ops::get_iter(this)? } else { Obj::none() };
    let dictitems = if this.layout() == Layout::Dict { ops::call_method(this, "items", vec![], None).and_then(|i| ops::get_iter(&i))? } else { Obj::none() };
    Ok(Obj::tuple(vec![newobj, Obj::tuple(args), state, listitems, dictitems]))
}

/// Payload of instances of classes.
pub static mut INSTANCE_FREE: crate::object::FreeList<InstanceObj> = crate::object::FreeList::new();

pub struct InstanceObj {
    pub gc: GcHead,
    pub dict: RefCell<Option<Obj>>,
    /// `__del__` already ran (it runs at most once, as in CPython)
    pub finalized: Cell<bool>,
}

// Set once any class defines __del__ (enables finalizers and module teardown at exit).
static mut HAS_FINALIZERS: bool = false;

pub fn has_finalizers() -> bool {
    unsafe { HAS_FINALIZERS }
}

/// Whether class `t` finds a `__del__` on its MRO, cached per class for the type epoch (which
/// every class creation and class namespace change renews): once any class of the program
/// has a `__del__`, every instance's death asks, and `type_lookup`'s shared cache answered in
/// ~70 instructions or, when other lookups evicted the entry, ~300 (ray_tracer: 627K deaths).
#[inline]
pub fn may_finalize(t: &'static TypeObject) -> bool {
    let key = t as *const TypeObject as usize;
    let i = (key >> 4) & (DEL_CACHE_SIZE - 1);
    unsafe {
        let cache = &mut *std::ptr::addr_of_mut!(DEL_CACHE);
        let (k, v, has) = cache[i];
        if k == key && v == TYPE_VERSION {
            return has;
        }
        let has = type_lookup(t, "__del__").is_some();
        cache[i] = (key, TYPE_VERSION, has);
        has
    }
}

const DEL_CACHE_SIZE: usize = 64;
static mut DEL_CACHE: [(usize, u64, bool); DEL_CACHE_SIZE] = [(0, 0, false); DEL_CACHE_SIZE];

/// With `__slots__` (and no `__dict__` slot) along the MRO, only slot names can be set.
/// Answers are cached per (class, name object) like class attribute lookups (instance
/// setattr asks on every store).
pub fn slot_allows(t: &'static TypeObject, name: &Obj) -> bool {
    if type_lookup(t, "__slots__").is_none() {
        return true;
    }
    let idx = (((t as *const TypeObject as usize) >> 4) ^ (name.addr() >> 4).wrapping_mul(31)) & (SLOT_CACHE_SIZE - 1);
    unsafe {
        let version = TYPE_VERSION;
        let cache = (*std::ptr::addr_of_mut!(SLOT_CACHE)).get_or_insert_with(|| (0..SLOT_CACHE_SIZE).map(|_| None).collect());
        if let Some((ty, n, v, allowed)) = &cache[idx] {
            if *v == version && std::ptr::eq(*ty, t) && n.is(name) {
                return *allowed;
            }
        }
        let allowed = slot_allows_uncached(t, name.as_str().unwrap_or(""));
        let old = std::mem::replace(&mut cache[idx], Some((t as *const TypeObject, name.clone(), version, allowed)));
        drop(old);
        allowed
    }
}

const SLOT_CACHE_SIZE: usize = 256;
static mut SLOT_CACHE: Option<Vec<Option<(*const TypeObject, Obj, u64, bool)>>> = None;

fn slot_allows_uncached(t: &'static TypeObject, name: &str) -> bool {
    let mut any_dictless = false;
    for c in t.mro_list() {
        if !c.heap {
            continue;
        }
        let d = c.dict.borrow().clone();
        let slots = match d.and_then(|d| dict_get_str(&d, &crate::object::intern("__slots__"))) {
            Some(s) => s,
            None => return true, // a class without __slots__ in the chain has a __dict__
        };
        any_dictless = true;
        let names: Vec<Obj> = if slots.as_str().is_some() { vec![slots] } else { ops::collect_iterable(&slots).unwrap_or_default() };
        for n in names {
            match n.as_str() {
                Some("__dict__") => return true,
                Some(s) if s == name => return true,
                _ => {}
            }
        }
    }
    !any_dictless
}

/// Runs `__del__` of an instance whose class defines it, once. Errors are reported like
/// CPython's "Exception ignored in: ..." on stderr.
pub fn finalize(o: &Obj) {
    let inst = match o.payload::<InstanceObj>(Layout::Instance) {
        Some(i) => i,
        None => return,
    };
    if inst.finalized.get() || !o.ty().heap {
        return;
    }
    let del = match type_lookup(o.ty(), "__del__") {
        Some(d) => d,
        None => return,
    };
    inst.finalized.set(true);
    call_del(o, &del);
}

fn call_del(o: &Obj, del: &Obj) {
    if let Err(e) = crate::call(del, vec![o.clone()], None) {
        let what = ops::repr_string(del).unwrap_or_else(|_| "<__del__>".into());
        let tb = crate::main_entry::format_exception(e.value());
        crate::io::write_stderr(format!("Exception ignored in: {}\n{}", what, tb).as_bytes());
    }
}

thread_local! {
    // addresses of objects without an instance payload (exceptions, list subclasses, ...)
    // whose __del__ ran and resurrected them: it does not run again when they die
    static RESURRECTED: RefCell<std::collections::HashSet<usize>> = RefCell::new(std::collections::HashSet::new());
}

/// `__del__` of an instance of a class deriving from a builtin type other than object
/// (an Exception subclass, a list subclass): runs once. Returns whether it ran.
pub fn finalize_other(o: &Obj) -> bool {
    let addr = o.as_ptr() as usize;
    if RESURRECTED.with(|r| r.borrow_mut().remove(&addr)) {
        return false;
    }
    match type_lookup(o.ty(), "__del__") {
        Some(del) => {
            call_del(o, &del);
            true
        }
        None => false,
    }
}

/// The object at `addr` came back to life in its __del__ (see `finalize_other`).
pub fn mark_resurrected(addr: usize) {
    RESURRECTED.with(|r| r.borrow_mut().insert(addr));
}

/// A new instance with an empty dict of its own. The dict is not tracked by the collector
/// (half the bookkeeping of making and freeing an instance): while the instance alone holds
/// it, the collector counts its contents as the instance's references (`gc::traverse`);
/// whoever else gets it goes through `instance_dict`, which tracks it first.
pub fn new_instance(ty: &'static TypeObject) -> Obj {
    let data = InstanceObj { gc: GcHead::new(), dict: RefCell::new(Some(super::dict::new_dict_untracked())), finalized: Cell::new(false) };
    crate::gc::track(unsafe { (*std::ptr::addr_of_mut!(INSTANCE_FREE)).alloc(ty, data) })
}

/// The instance's dict, as a reference of the caller's own: tracked by the collector from
/// now on (see `new_instance`).
pub fn instance_dict(o: &Obj) -> Option<Obj> {
    let d = o.payload::<InstanceObj>(Layout::Instance).and_then(|i| i.dict.borrow().clone())?;
    if !crate::gc::is_tracked(&d) {
        crate::gc::track_quiet(&d);
    }
    Some(d)
}

/// The instance's dict for a lookup, store or delete that does not keep it: not tracked (a
/// collection that runs meanwhile counts an untracked dict's contents as referenced from
/// outside while this reference lives, which frees nothing wrongly).
#[inline]
pub fn instance_dict_transient(o: &Obj) -> Option<Obj> {
    o.payload::<InstanceObj>(Layout::Instance).and_then(|i| i.dict.borrow().clone())
}

/// The address of the instance's dict, without a reference to it (the collector's count).
pub fn instance_dict_addr(o: &Obj) -> Option<usize> {
    let i = o.payload::<InstanceObj>(Layout::Instance)?;
    let d = i.dict.try_borrow().ok()?;
    d.as_ref().map(|d| d.addr())
}

// Attribute dicts of instances of classes deriving from dict/list/set (their payload has no
// dict): kept by object address, dropped when the object is freed.
// Every attribute load on such an object asks this table: hash the address cheaply (SipHash
// was a tenth of a random-number-heavy program).
static mut EXTRA_ATTRS: Option<ExtraAttrs> = None;
type ExtraAttrs = std::collections::HashMap<usize, Obj, std::hash::BuildHasherDefault<AddrHasher>>;

/// Hashes one address: a multiplicative hash, folded so the low bits (hashbrown's bucket
/// index) come from all of the address, not from its always-zero alignment bits.
#[derive(Default)]
struct AddrHasher(u64);
impl std::hash::Hasher for AddrHasher {
    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 32)
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ *b as u64).wrapping_mul(0x9e3779b97f4a7c15);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64).wrapping_mul(0x9e3779b97f4a7c15);
    }
}

fn extra_attrs() -> &'static mut ExtraAttrs {
    unsafe { (*std::ptr::addr_of_mut!(EXTRA_ATTRS)).get_or_insert_with(ExtraAttrs::default) }
}

/// Instances of classes deriving from builtins with this layout keep their attributes in a
/// side table (their payload has no dict).
pub fn uses_extra_dict(l: Layout) -> bool {
    !matches!(l, Layout::Instance | Layout::Exception | Layout::Type)
}

/// The attribute dict of an object of a class deriving from a builtin container.
pub fn extra_dict(o: &Obj, create: bool) -> Option<Obj> {
    if !o.ty().heap || !uses_extra_dict(o.layout()) {
        return None;
    }
    let m = extra_attrs();
    if let Some(d) = m.get(&o.addr()) {
        return Some(d.clone());
    }
    if !create || !slot_allows(o.ty(), &crate::object::intern("__dict__")) {
        // namedtuple's classes have no instance attributes (`__slots__ = ()`)
        return None;
    }
    Some(new_extra_dict(o))
}

/// A fresh attribute dict for such an object (also for structseq-like tuples' hidden fields).
pub fn new_extra_dict(o: &Obj) -> Obj {
    let m = extra_attrs();
    let d = new_dict();
    m.insert(o.addr(), d.clone());
    d
}

/// Called when such an object is freed.
pub fn drop_extra_dict(addr: usize) {
    let d = extra_attrs().remove(&addr);
    drop(d);
}

/// Looks `name` up in the instance dict without cloning the dict.
#[inline]
pub fn instance_dict_get(o: &Obj, name: &Obj) -> Option<Obj> {
    let i = o.payload::<InstanceObj>(Layout::Instance)?;
    let d = i.dict.borrow();
    d.as_ref().and_then(|d| dict_get_str(d, name))
}

/// Looks `name` up in the class dicts along the MRO (classes only; builtin types have none).
pub fn type_lookup(t: &'static TypeObject, name: &'static str) -> Option<Obj> {
    if !t.heap {
        if t.dict.borrow().is_none() {
            return None;
        }
        return type_lookup_obj(t, &crate::object::intern(name));
    }
    let idx = (((t as *const TypeObject as usize) >> 4) ^ (name.as_ptr() as usize).wrapping_mul(0x9E37)) & (STATIC_CACHE_SIZE - 1);
    unsafe {
        let cache = (*std::ptr::addr_of_mut!(STATIC_CACHE)).get_or_insert_with(|| vec![None; STATIC_CACHE_SIZE]);
        if let Some(e) = &cache[idx] {
            if e.version == TYPE_VERSION && std::ptr::eq(e.ty, t) && std::ptr::eq(e.name, name)
                && (e.data == 0 || e.data == CLASS_DATA_VERSION)
            {
                return e.value.clone();
            }
        }
    }
    let v = type_lookup_obj(t, &crate::object::intern(name));
    unsafe {
        let data = match &v {
            Some(x) if is_plain_class_value(x) => CLASS_DATA_VERSION,
            _ => 0,
        };
        let entry = StaticEntry { ty: t, name, version: TYPE_VERSION, data, value: v.clone() };
        if let Some(cache) = (*std::ptr::addr_of_mut!(STATIC_CACHE)).as_mut() {
            let old = std::mem::replace(&mut cache[idx], Some(entry));
            drop(old);
        }
    }
    v
}

/// `type_lookup`'s cache: (class, static name) -> value, keyed by the name's address, so the
/// special-method lookups of operators and calls need no interning; validated like the
/// attribute cache below.
#[derive(Clone)]
struct StaticEntry {
    ty: *const TypeObject,
    name: *const str,
    version: u64,
    data: u64,
    value: Option<Obj>,
}
const STATIC_CACHE_SIZE: usize = 1024;
static mut STATIC_CACHE: Option<Vec<Option<StaticEntry>>> = None;

/// `type_lookup` for a name that is not a static string.
pub fn type_lookup_dyn(t: &'static TypeObject, name: &str) -> Option<Obj> {
    type_lookup_obj(t, &crate::object::intern_dyn(name))
}

// ---- attribute cache for classes (like CPython's method cache): (type, name) -> value,
// valid while no class namespace has changed since (global version counter).
struct CacheEntry {
    ty: *const TypeObject,
    name: Option<Obj>,
    version: u64,
    /// the class data epoch when `value` is plain data, else 0 (any epoch)
    data: u64,
    value: Option<Obj>,
}
const CACHE_SIZE: usize = 4096;
static mut TYPE_VERSION: u64 = 1;
static mut CLASS_DATA_VERSION: u64 = 1;
static mut ATTR_CACHE: Option<Vec<CacheEntry>> = None;

/// Empties the attribute and slot caches (they keep the last names looked up alive; leak
/// checks drop them so a bounded cache does not count as a leak).
pub fn clear_lookup_caches() {
    unsafe {
        *std::ptr::addr_of_mut!(ATTR_CACHE) = None;
        *std::ptr::addr_of_mut!(STATIC_CACHE) = None;
        *std::ptr::addr_of_mut!(SLOT_CACHE) = None;
    }
    crate::ops::clear_op_cache();
}

/// Invalidates cached class attribute lookups (call after changing any class namespace).
/// One global epoch, not a tag per type: classes change almost only while they are being
/// created, so a change invalidating every cache costs nothing measurable, and no subclass
/// list has to be walked (the epoch is checked by the lookup cache and the inline caches).
pub fn bump_type_version() {
    unsafe { TYPE_VERSION += 1 }
}

/// The class data epoch: renewed when a class attribute holding plain data gets another plain
/// value (`Counter.count += 1`). Such a store cannot change how any attribute resolves, only
/// the value, so caches that hold a method, a descriptor or an absence stay valid; a cache
/// holding a plain class value checks this epoch too.
#[inline]
pub fn class_data_version() -> u64 {
    unsafe { CLASS_DATA_VERSION }
}

/// Data whose type has no `__get__`/`__set__`/`__delete__` and whose replacement in a class
/// namespace is invisible to attribute resolution: builtin ints, floats, strings, bytes,
/// tuples, None, and builtin containers.
pub fn is_plain_class_value(v: &Obj) -> bool {
    !v.ty().heap
        && matches!(v.layout(), Layout::Int | Layout::Float | Layout::Str | Layout::Bytes | Layout::Tuple
            | Layout::Unit | Layout::List | Layout::Dict | Layout::Set | Layout::Complex)
}

/// A class namespace entry `key` changes from `old` to `new`: only the class data epoch when
/// both are plain data under an ordinary name, else every type cache.
pub fn class_value_replaced(key: &Obj, old: &Obj, new: &Obj) {
    let dunder = key.as_str().map(|k| k.starts_with("__") && k.ends_with("__")).unwrap_or(true);
    if !dunder && is_plain_class_value(old) && is_plain_class_value(new) {
        unsafe { CLASS_DATA_VERSION += 1 }
    } else {
        bump_type_version();
    }
}

/// The current type epoch (see `bump_type_version`).
#[inline]
pub fn type_version() -> u64 {
    unsafe { TYPE_VERSION }
}

pub fn type_lookup_obj(t: &'static TypeObject, key: &Obj) -> Option<Obj> {
    if !t.heap {
        let d = t.dict.borrow();
        return d.as_ref().and_then(|d| dict_get_str(d, key));
    }
    let idx = (((t as *const TypeObject as usize) >> 4) ^ (key.addr() >> 4).wrapping_mul(31)) & (CACHE_SIZE - 1);
    unsafe {
        let version = TYPE_VERSION;
        let cache = (*std::ptr::addr_of_mut!(ATTR_CACHE)).get_or_insert_with(|| {
            (0..CACHE_SIZE).map(|_| CacheEntry { ty: std::ptr::null(), name: None, version: 0, data: 0, value: None }).collect()
        });
        let e = &cache[idx];
        if e.version == version && std::ptr::eq(e.ty, t) && e.name.as_ref().map(|n| n.is(key)).unwrap_or(false)
            && (e.data == 0 || e.data == CLASS_DATA_VERSION)
        {
            return e.value.clone();
        }
    }
    let v = type_lookup_mro(t, key);
    unsafe {
        let version = TYPE_VERSION;
        let data = match &v {
            Some(x) if is_plain_class_value(x) => CLASS_DATA_VERSION,
            _ => 0,
        };
        if let Some(cache) = (*std::ptr::addr_of_mut!(ATTR_CACHE)).as_mut() {
            let old = std::mem::replace(
                &mut cache[idx],
                CacheEntry { ty: t, name: Some(key.clone()), version, data, value: v.clone() },
            );
            drop(old);
        }
    }
    v
}

fn type_lookup_mro(t: &'static TypeObject, key: &Obj) -> Option<Obj> {
    let mro = t.mro.borrow();
    for c in mro.iter() {
        let c = c.as_type();
        let d = c.dict.borrow();
        if let Some(d) = d.as_ref() {
            if let Some(v) = dict_get_str(d, key) {
                return Some(v);
            }
        }
    }
    None
}

fn c3_merge(mut seqs: Vec<Vec<&'static TypeObject>>) -> PyResult<Vec<&'static TypeObject>> {
    let mut out = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let mut cand = None;
        for s in &seqs {
            let head = s[0];
            if !seqs.iter().any(|t| t[1..].iter().any(|x| std::ptr::eq(*x, head))) {
                cand = Some(head);
                break;
            }
        }
        let c = match cand {
            Some(c) => c,
            None => {
                let mut heads: Vec<&str> = Vec::new();
                for s in &seqs {
                    if !heads.contains(&s[0].name) {
                        heads.push(s[0].name);
                    }
                }
                let sep = if crate::modules::sys::python_minor() >= 13 { " " } else { "\n" };
                return Err(type_error(format!(
                    "Cannot create a consistent method resolution{}order (MRO) for bases {}",
                    sep,
                    heads.join(", ")
                )));
            }
        };
        out.push(c);
        for s in seqs.iter_mut() {
            if std::ptr::eq(s[0], c) {
                s.remove(0);
            }
        }
    }
}

/// Creates a class: `name`, `bases` (types), namespace dict `ns` (of metaclass `type`).
pub fn new_class(name: &str, bases: Vec<Obj>, ns: Obj, module: &str) -> PyResult {
    new_class_meta(&TYPE_TYPE, name, bases, ns, module)
}

/// Creates a class whose type is `meta` (a subtype of `type`).
pub fn new_class_meta(meta: &'static TypeObject, name: &str, bases: Vec<Obj>, ns: Obj, module: &str) -> PyResult {
    let mut base_types: Vec<&'static TypeObject> = Vec::new();
    for b in &bases {
        if b.layout() != Layout::Type {
            return Err(type_error("bases must be types"));
        }
        base_types.push(b.as_type());
    }
    if base_types.is_empty() {
        base_types.push(&OBJECT_TYPE);
    }
    bump_type_version();
    if dict_get_str(&ns, &Obj::str("__del__")).is_some() {
        unsafe { HAS_FINALIZERS = true }
    }
    let qualname = super::dict::dict_pop(&ns, &Obj::str("__qualname__"))?.unwrap_or_else(|| Obj::str(name));
    if dict_get_str(&ns, &Obj::str("__eq__")).is_some() && dict_get_str(&ns, &Obj::str("__hash__")).is_none() {
        dict_set(&ns, Obj::str("__hash__"), Obj::none())?;
    }
    // implicit classmethods / staticmethod
    for (n, kind) in [("__init_subclass__", 2u8), ("__class_getitem__", 2u8), ("__new__", 1u8)] {
        if let Some(f) = dict_get_str(&ns, &Obj::str(n)) {
            if f.layout() == Layout::Function {
                dict_set(&ns, Obj::str(n), super::module::new_descr(kind, f, None))?;
            }
        }
    }
    if dict_get_str(&ns, &Obj::str("__getattribute__")).is_some() {
        unsafe { HAS_GETATTRIBUTE = true }
    }
    let primary = base_types[0];
    let layout = base_types.iter().map(|b| b.layout).find(|l| *l != Layout::Instance).unwrap_or(Layout::Instance);
    let mut seqs: Vec<Vec<&'static TypeObject>> = base_types.iter().map(|b| b.mro_list()).collect();
    seqs.push(base_types.clone());
    let tail = c3_merge(seqs)?;
    let t = Box::new(TypeObject {
        ob: PyObjectHeader { refcnt: Cell::new(crate::object::IMMORTAL), ty: meta },
        name: Box::leak(name.to_string().into_boxed_str()),
        base: primary,
        layout,
        methods: Cell::new(&[]),
        dict: RefCell::new(Some(ns)),
        mro: RefCell::new(Vec::new()),
        heap: true,
        module: Box::leak(module.to_string().into_boxed_str()),
    });
    let t: &'static TypeObject = Box::leak(t);
    if let Some(d) = t.dict.borrow().as_ref().and_then(super::dict::as_dict) {
        d.borrow_mut().type_ns = true; // its changes invalidate the type caches
    }
    let mut mro = vec![t.obj()];
    mro.extend(tail.into_iter().map(|x| x.obj()));
    *t.mro.borrow_mut() = mro;
    for b in &base_types {
        subclass_registry().entry(*b as *const TypeObject as usize).or_insert_with(Vec::new).push(t as *const TypeObject as usize);
    }
    class_info().insert(t as *const TypeObject as usize, ClassInfo { qualname, bases, name: None });
    Ok(t.obj())
}

/// What a class keeps beyond `TypeObject` (classes are never freed, so keyed by address).
struct ClassInfo {
    qualname: Obj,
    bases: Vec<Obj>,
    /// a name assigned to `__name__`, kept as given (a native tp_name reads back its last
    /// part), or that last part once `__name__` was read
    name: Option<Obj>,
}

/// Keyed by class address, hashed as `EXTRA_ATTRS` (SipHash was most of a `__name__` read).
type ClassInfos = std::collections::HashMap<usize, ClassInfo, std::hash::BuildHasherDefault<AddrHasher>>;
static mut CLASS_INFO: Option<ClassInfos> = None;
// base type address -> the classes created with it among their direct bases, in order
static mut SUBCLASSES: Option<std::collections::HashMap<usize, Vec<usize>>> = None;
// Set once any class defines __getattribute__ (instance attribute access then asks for it).
static mut HAS_GETATTRIBUTE: bool = false;

// Set once any class gets __abstractmethods__ (instantiation then checks it).
static mut HAS_ABSTRACT: bool = false;

fn has_abstract_classes() -> bool {
    unsafe { HAS_ABSTRACT }
}

pub fn has_getattribute_overrides() -> bool {
    unsafe { HAS_GETATTRIBUTE }
}

/// Heap class `t` (or a class on its MRO) defines `__getattribute__`: what attribute access
/// on its instances asks first (`attr::getattr_key_inner`). Per class: one class of a library
/// defining it (the flag above) leaves every other class's lookups on their fast paths; the
/// answer comes from the type lookup cache (`type_lookup`), valid while the type epoch is.
#[inline]
pub fn overrides_getattribute(t: &'static TypeObject) -> bool {
    has_getattribute_overrides() && type_lookup(t, "__getattribute__").is_some()
}

fn subclass_registry() -> &'static mut std::collections::HashMap<usize, Vec<usize>> {
    unsafe { (*std::ptr::addr_of_mut!(SUBCLASSES)).get_or_insert_with(std::collections::HashMap::new) }
}

/// `cls.__subclasses__()`: the direct subclasses created so far (classes are immortal).
pub fn subclasses_of(t: &'static TypeObject) -> Vec<Obj> {
    match subclass_registry().get(&(t as *const TypeObject as usize)) {
        Some(v) => v.iter().map(|p| unsafe { &*(*p as *const TypeObject) }.obj()).collect(),
        None => Vec::new(),
    }
}

fn class_info() -> &'static mut ClassInfos {
    unsafe { (*std::ptr::addr_of_mut!(CLASS_INFO)).get_or_insert_with(ClassInfos::default) }
}

/// `cls.__name__` of a heap class: the name assigned to it, else the last part of its name,
/// made once and kept (`type(node).__name__` in a dispatch loop asks at every node).
pub fn heap_type_name(t: &'static TypeObject) -> Obj {
    let key = t as *const TypeObject as usize;
    match class_info().get_mut(&key) {
        Some(i) => i.name.get_or_insert_with(|| Obj::str(t.name.rsplit('.').next().unwrap_or(t.name))).clone(),
        None => Obj::str(t.name.rsplit('.').next().unwrap_or(t.name)),
    }
}

/// After a class is created (class statement or type(name, bases, ns)): `__set_name__` on
/// its attributes, then the parent's `__init_subclass__` with the class keywords.
pub fn finish_class(cls: &Obj, kwargs: &[(&str, &Obj)]) -> PyResult<()> {
    let t = cls.as_type();
    let ns = t.dict.borrow().clone().unwrap();
    for (k, v) in super::dict::dict_items(&ns) {
        if let Some(set_name) = ops::lookup_special(&v, "__set_name__") {
            crate::call(&set_name, vec![v.clone(), cls.clone(), k], None)?;
        }
    }
    let mut args = vec![cls.clone()];
    let mut names = Vec::new();
    for (k, v) in kwargs {
        args.push((*v).clone());
        names.push(Obj::str(k));
    }
    let kwnames = Obj::tuple(names);
    for c in t.mro_list().into_iter().skip(1) {
        let found = c.dict.borrow().as_ref().and_then(|d| dict_get_str(d, &Obj::str("__init_subclass__")));
        if let Some(f) = found {
            let f = match super::module::as_descr(&f) {
                Some(d) => d.fget.clone(),
                None => f,
            };
            crate::call(&f, args, Some(&kwnames))?;
            return Ok(());
        }
    }
    if !kwargs.is_empty() {
        return Err(type_error(format!("{}.__init_subclass__() takes no keyword arguments", t.name)));
    }
    Ok(())
}

/// `cls.mro()`
fn type_mro(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    super::str::nargs("mro", a, 0, 0)?;
    Ok(crate::objects::list::new_list(this.as_type().mro_list().into_iter().map(|x| x.obj()).collect()))
}

/// Calls a type object: constructs an instance.
pub fn type_call(t: &'static TypeObject, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    use crate::builtins as b;
    if t.heap {
        return heap_type_call(t, args, kw);
    }
    let p = t as *const TypeObject;
    macro_rules! is {
        ($s:path) => {
            std::ptr::eq(p, &$s)
        };
    }
    if is!(super::int::INT_TYPE) {
        return b::int_new(args, kw);
    }
    if is!(super::float::FLOAT_TYPE) {
        return b::float_new(args, kw);
    }
    if is!(super::complex::COMPLEX_TYPE) {
        return super::complex::complex_new(args, kw);
    }
    if is!(super::str::STR_TYPE) {
        return b::str_new(args, kw);
    }
    if is!(super::bool::BOOL_TYPE) {
        return b::bool_new(args, kw);
    }
    if is!(super::list::LIST_TYPE) {
        return b::list_new(args, kw);
    }
    if is!(super::tuple::TUPLE_TYPE) {
        return b::tuple_new(args, kw);
    }
    if is!(super::dict::DICT_TYPE) {
        return super::dict::dict_new(args, kw);
    }
    // the native modules' static types (see `hooks`)
    if t.layout == Layout::Dict {
        return (crate::hooks::COLLECTIONS.installed().dict_subclass_new)(t, args, kw);
    }
    if t.layout == Layout::Random && crate::hooks::RANDOM.get().map_or(false, |h| (h.is_random_type)(t)) {
        return (crate::hooks::RANDOM.installed().new)(args, kw);
    }
    if t.layout == Layout::Deque {
        return (crate::hooks::COLLECTIONS.installed().deque_new)(args, kw);
    }
    if is!(super::range::RANGE_TYPE) {
        return super::range::range_new(args, kw);
    }
    if is!(super::set::SET_TYPE) {
        return super::set::set_new(args, kw, false);
    }
    if is!(super::set::FROZENSET_TYPE) {
        return super::set::set_new(args, kw, true);
    }
    if is!(super::bytes::MEMORYVIEW_TYPE) {
        return super::bytes::memoryview_new(args, kw);
    }
    if is!(super::bytes::BYTEARRAY_TYPE) {
        return super::bytes::bytearray_new(args, kw);
    }
    if is!(super::bytes::BYTES_TYPE) {
        return super::bytes::bytes_new(args, kw);
    }
    if is!(super::slice::SLICE_TYPE) {
        let n = args.len();
        return Ok(match n {
            1 => super::slice::build_slice(Obj::none(), args[0].clone(), Obj::none()),
            2 => super::slice::build_slice(args[0].clone(), args[1].clone(), Obj::none()),
            3 => super::slice::build_slice(args[0].clone(), args[1].clone(), args[2].clone()),
            _ => return Err(type_error(format!("slice expected at least 1 argument, got {}", n))),
        });
    }
    if is!(TYPE_TYPE) {
        let (pos, kws) = crate::builtins::split_kw(args, kw);
        if pos.len() == 1 && kws.is_empty() {
            return Ok(args[0].ty().obj());
        }
        if pos.len() == 3 {
            return type_new(&TYPE_TYPE, pos, &kws);
        }
        return Err(type_error("type() takes 1 or 3 arguments"));
    }
    if is!(super::module::PROPERTY_TYPE) {
        return b::b_property(args, kw);
    }
    if is!(super::module::STATICMETHOD_TYPE) {
        return b::b_staticmethod(args, kw);
    }
    if is!(super::module::CLASSMETHOD_TYPE) {
        return b::b_classmethod(args, kw);
    }
    if is!(OBJECT_TYPE) {
        return Ok(new_instance(&OBJECT_TYPE));
    }
    if t.layout == Layout::Exception {
        return super::exceptions::exc_new(t, args, kw);
    }
    if is!(super::iter::ENUMERATE_TYPE) {
        return b::enumerate_new(args, kw);
    }
    if is!(super::iter::ZIP_TYPE) {
        return b::zip_new(args, kw);
    }
    if is!(super::iter::MAP_TYPE) {
        return b::map_new(args, kw);
    }
    if is!(super::iter::FILTER_TYPE) {
        return b::filter_new(args, kw);
    }
    if is!(super::iter::REVERSED_TYPE) {
        return b::reversed_new(args, kw);
    }
    if is!(super::none::NONE_TYPE) {
        return Ok(Obj::none());
    }
    if is!(super::module::MODULE_TYPE) {
        return super::module::module_call(args, kw);
    }
    if is!(super::function::METHOD_TYPE) {
        return method_new(args, kw);
    }
    if let Some(f) = super::native::own_new(t) {
        return f(&t.obj(), args, kw); // native-module types (objects/native.rs)
    }
    Err(type_error(format!("cannot create '{}' instances", if t.layout == Layout::Sre { t.qualified_name() } else { t.name.to_string() })))
}

/// `types.MethodType(func, instance)`: a bound method (CPython's method_new).
fn method_new(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    super::native::no_keywords("method", kw)?;
    super::native::check_positional("method", args.len(), 2, 2)?;
    if !crate::builtins::is_callable(&args[0]) {
        return Err(type_error("first argument must be callable"));
    }
    if args[1].is_none() {
        return Err(type_error("instance must not be None"));
    }
    Ok(super::function::new_method(args[0].clone(), args[1].clone()))
}

/// Instantiating a class whose `__abstractmethods__` is not empty raises TypeError.
fn check_abstract(t: &'static TypeObject) -> PyResult<()> {
    let am = match t.dict.borrow().as_ref().and_then(|d| dict_get_str(d, &crate::object::intern("__abstractmethods__"))) {
        Some(a) => a,
        None => return Ok(()),
    };
    let names = ops::collect_iterable(&am)?;
    if names.is_empty() {
        return Ok(());
    }
    // the sorted names (sort_items and its merge sorts, 20 KB) come through a hook: only a
    // program that can set `__abstractmethods__` (abc, or spelling it) links them
    match crate::hooks::ABSTRACT.get() {
        Some(h) => Err((h.instantiation_error)(t, names)?),
        None => crate::hooks::not_linked("abstract class checks"),
    }
}

/// The TypeError instantiating abstract class `t` raises (hooks::Abstract).
fn abstract_instantiation_error(t: &'static TypeObject, mut names: Vec<Obj>) -> PyResult<crate::Exc> {
    crate::objects::list::sort_items(&mut names, None, false)?;
    let strs: PyResult<Vec<String>> = names.iter().map(ops::str_string).collect();
    if crate::modules::sys::python_minor() >= 12 {
        // 3.12's object_new: "without an implementation for", the names quoted
        return Ok(type_error(format!(
            "Can't instantiate abstract class {} without an implementation for abstract method{} '{}'",
            t.name,
            if names.len() == 1 { "" } else { "s" },
            strs?.join("', '")
        )));
    }
    Ok(type_error(format!(
        "Can't instantiate abstract class {} with abstract method{} {}",
        t.name,
        if names.len() == 1 { "" } else { "s" },
        strs?.join(", ")
    )))
}

/// What abstract classes need (see `hooks::Abstract`).
pub static ABSTRACT_HOOKS: crate::hooks::Abstract = crate::hooks::Abstract { instantiation_error: abstract_instantiation_error };

/// A class whose instances are made the plain way (instance layout, no `__new__` along the
/// MRO, not abstract) and its `__init__`, found in type epoch `tag` (so held by a class dict).
#[derive(Clone, Copy)]
struct Ctor {
    ty: *const TypeObject,
    tag: u64,
    init: *const crate::object::PyObjectHeader,
}

const CTOR_CACHE_SIZE: usize = 64;
const CTOR_EMPTY: Ctor = Ctor { ty: std::ptr::null(), tag: 0, init: std::ptr::null() };
static mut CTOR_CACHE: [Ctor; CTOR_CACHE_SIZE] = [CTOR_EMPTY; CTOR_CACHE_SIZE];

/// `t(*args)` for a class with a `Ctor` record: the instance, then its `__init__`, without
/// the three MRO lookups and the abstract check of each call (CPython 3.11 specialises the
/// same shape in its CALL of a class). None when `t` has no record for this type epoch.
#[inline]
fn ctor_call(t: &'static TypeObject, args: &[Obj], kw: Option<&Obj>) -> Option<PyResult> {
    let slot = ((t as *const TypeObject as usize) >> 4) & (CTOR_CACHE_SIZE - 1);
    let c = unsafe { (*std::ptr::addr_of!(CTOR_CACHE))[slot] };
    if !std::ptr::eq(c.ty, t) || c.tag != type_version() {
        return None;
    }
    // a new reference: `__init__` may delete itself from its class
    let init = unsafe { Obj::from_static_ptr(c.init) };
    let inst = new_instance(t);
    Some(match super::function::call_with_self(&init, &inst, args, kw) {
        Ok(r) if r.is_none() => Ok(inst),
        Ok(r) => Err(type_error(format!("__init__() should return None, not '{}'", r.type_name()))),
        Err(e) => Err(e),
    })
}

/// Records `t` in the constructor cache when its instances are made the plain way.
fn ctor_fill(t: &'static TypeObject) {
    let tag = type_version();
    if t.layout != Layout::Instance || type_lookup(t, "__new__").is_some() {
        return;
    }
    if has_abstract_classes() && !matches!(check_abstract(t), Ok(())) {
        return;
    }
    let init = match type_lookup(t, "__init__") {
        Some(f) => f,
        None => return,
    };
    if tag != type_version() {
        return;
    }
    let slot = ((t as *const TypeObject as usize) >> 4) & (CTOR_CACHE_SIZE - 1);
    unsafe { (*std::ptr::addr_of_mut!(CTOR_CACHE))[slot] = Ctor { ty: t, tag, init: init.as_ptr() } };
}

fn heap_type_call(t: &'static TypeObject, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    if let Some(r) = ctor_call(t, args, kw) {
        return r;
    }
    if t.layout == Layout::Instance {
        ctor_fill(t);
    }
    if has_abstract_classes() {
        check_abstract(t)?;
    }
    let inst = match t.layout {
        Layout::Exception if t.is_subtype(&super::exceptions::BASE_EXCEPTION_GROUP) && type_lookup(t, "__new__").is_none() => {
            super::exc_group::group_new(t, args, kw)?
        }
        Layout::Exception => super::exceptions::new_exc_obj(t, args[..args.len() - kw.map(super::tuple::tuple_len).unwrap_or(0)].to_vec()),
        Layout::Instance => new_instance(t),
        // a tuple class with `_fields` but no `__new__` of its own (collections.namedtuple's
        // classes have one: platform.uname_result adds a field its base's __new__ leaves out)
        Layout::Tuple if type_lookup(t, "_fields").is_some() && type_lookup(t, "n_sequence_fields").is_none() && type_lookup(t, "__new__").is_none() => {
            return crate::modules::collections::namedtuple_new(t, args, kw);
        }
        Layout::Dict => super::dict::new_dict_of(t),
        Layout::List => crate::gc::track(alloc(t, super::list::ListObj { gc: GcHead::new(), items: RefCell::new(Vec::new()) })),
        Layout::Set => crate::gc::track(alloc(t, super::set::SetObj { gc: GcHead::new(), t: RefCell::new(Default::default()) })),
        Layout::Random => (crate::hooks::RANDOM.installed().new_instance)(t),
        Layout::Deque => (crate::hooks::COLLECTIONS.installed().deque_alloc)(t),
        Layout::Native if type_lookup(t, "__new__").is_none() => super::native::subclass_new(t, args, kw)?,
        Layout::Type if type_lookup(t, "__new__").is_none() => {
            // a metaclass without its own __new__: type.__new__(t, name, bases, ns, **kw)
            let (pos, kws) = crate::builtins::split_kw(args, kw);
            if pos.len() == 1 && kws.is_empty() {
                return Ok(pos[0].ty().obj());
            }
            type_new(t, pos, &kws)?
        }
        Layout::Type => Obj::none(),
        _ => {
            // a class deriving from a builtin value type (str, int, float, tuple, bytes):
            // a user __new__ builds it (below); else the builtin base from the arguments
            if type_lookup(t, "__new__").is_none() {
                let v = construct_builtin_subclass(t, args, kw)?;
                if let Some(init) = type_lookup(t, "__init__") {
                    let mut a = vec![v.clone()];
                    a.extend_from_slice(args);
                    crate::call(&init, a, kw)?;
                }
                return Ok(v);
            }
            Obj::none()
        }
    };
    let inst = match type_lookup(t, "__new__") {
        Some(new) => {
            let f = match super::module::as_descr(&new) {
                Some(d) => d.fget.clone(),
                None => new,
            };
            let mut a = vec![t.obj()];
            a.extend_from_slice(args);
            let r = crate::call(&f, a, kw)?;
            if !r.ty().is_subtype(t) {
                return Ok(r);
            }
            r
        }
        None => inst,
    };
    match type_lookup(t, "__init__") {
        Some(init) => {
            let r = super::function::call_with_self(&init, &inst, args, kw)?;
            if !r.is_none() {
                return Err(type_error(format!("__init__() should return None, not '{}'", r.type_name())));
            }
        }
        None => {
            if t.layout == Layout::Instance && !args.is_empty() && type_lookup(t, "__new__").is_none() {
                return Err(type_error(format!("{}() takes no arguments", t.name)));
            }
            if matches!(t.layout, Layout::Dict | Layout::List | Layout::Set | Layout::Random | Layout::Deque) {
                // the builtin base's __init__ along the MRO: `class S(Mixin, dict)` has it
                // after the mixin, not on its first base's chain
                let init = t.mro_list().into_iter()
                    .filter(|b| !b.heap && b.layout == t.layout)
                    .find_map(|b| b.find_method("__init__"))
                    .or_else(|| t.find_method("__init__"));
                if let Some(f) = init {
                    f(&inst, args, kw)?;
                }
            }
        }
    }
    Ok(inst)
}

/// Attribute lookup on a type object (CPython's `type_getattro`): data descriptors of the
/// metaclass, then the class's own MRO (descriptors bound with no instance), then other
/// attributes of the metaclass bound to the class, then the metaclass's `__getattr__`.
pub fn type_getattr(o: &Obj, name: &str) -> PyResult {
    let meta = o.ty();
    if meta.heap && has_getattribute_overrides() {
        if let Some(ga) = type_lookup(meta, "__getattribute__") {
            return getattribute_then_getattr(o, &ga, &Obj::str(name));
        }
    }
    match type_getattr_generic(o, name) {
        Err(e) if meta.heap && e.is_instance(&super::exceptions::ATTRIBUTE_ERROR) => match type_lookup(meta, "__getattr__") {
            Some(ga) => crate::call(&ga, vec![o.clone(), Obj::str(name)], None),
            None => Err(e),
        },
        r => r,
    }
}

/// A user `__getattribute__`, then `__getattr__` when it raises AttributeError.
pub fn getattribute_then_getattr(o: &Obj, ga: &Obj, name: &Obj) -> PyResult {
    let n = name.clone();
    match crate::call(ga, vec![o.clone(), n.clone()], None) {
        Err(e) if e.is_instance(&super::exceptions::ATTRIBUTE_ERROR) => match type_lookup(o.ty(), "__getattr__") {
            Some(g) => crate::call(&g, vec![o.clone(), n], None),
            None => Err(e),
        },
        r => r,
    }
}

/// Whether the method found for `t.name` in `owner`'s table is object's default while a
/// builtin type on `t`'s MRO implements that special method through its layout
/// (`dict.__repr__` is dict's slot, not `object.__repr__`: pprint keys its dispatch table by
/// them). Decided by the owning class: function addresses are not unique (a small function
/// can have a copy per codegen unit).
fn inherits_object_default(t: &'static TypeObject, name: &str, owner: &'static TypeObject) -> bool {
    if !name.starts_with("__") || std::ptr::eq(t, &OBJECT_TYPE) || !std::ptr::eq(owner, &OBJECT_TYPE) {
        return false;
    }
    t.mro_list().into_iter().any(|c| !c.heap && !std::ptr::eq(c, &OBJECT_TYPE) && crate::modules::typesmod::layout_slots(c).0.contains(&name))
}

/// 3.14 `type.__annotate__`: the class's own `__annotate__`, else the one its body made
/// (`__annotate_func__`), else None (remembered).
fn type_annotate(t: &'static TypeObject) -> PyResult {
    let d = match t.dict.borrow().clone() {
        Some(d) => d,
        None => return Ok(Obj::none()),
    };
    for key in ["__annotate__", "__annotate_func__"] {
        if let Some(v) = dict_get_str(&d, &Obj::str(key)) {
            return Ok(v);
        }
    }
    dict_set(&d, Obj::str("__annotate_func__"), Obj::none())?;
    Ok(Obj::none())
}

/// `type.__annotations__`: the class's own (never a base's). 3.14 (PEP 649): else
/// `__annotate__(1)`, cached in `__annotations_cache__`; earlier: else a new empty dict.
/// None for a class without a namespace.
pub fn type_annotations(t: &'static TypeObject, o: &Obj) -> PyResult<Option<Obj>> {
    let d = match t.dict.borrow().clone() {
        Some(d) => d,
        None => return Ok(None),
    };
    for key in ["__annotations__", "__annotations_cache__"] {
        if let Some(v) = dict_get_str(&d, &Obj::str(key)) {
            return Ok(Some(v));
        }
    }
    if crate::modules::sys::python_minor() < 14 {
        // 3.10-3.13: only the class's own, else a new empty dict kept in the namespace
        let ann = new_dict();
        dict_set(&d, Obj::str("__annotations__"), ann.clone())?;
        return Ok(Some(ann));
    }
    let annotate = ops::getattr_str(o, "__annotate__")?;
    let ann = if crate::builtins::is_callable(&annotate) { crate::attr::call_annotate(&annotate)? } else { new_dict() };
    dict_set(&d, Obj::str("__annotations_cache__"), ann.clone())?;
    Ok(Some(ann))
}

/// `type.__getattribute__(cls, name)`
pub fn type_getattr_generic(o: &Obj, name: &str) -> PyResult {
    let t = o.as_type();
    let meta = o.ty();
    match name {
        // static types of native modules are named like CPython's tp_name ("functools.partial")
        "__name__" => {
            if t.heap {
                return Ok(heap_type_name(t));
            }
            return Ok(Obj::str(t.name.rsplit('.').next().unwrap_or(t.name)));
        }
        "__qualname__" => {
            let key = t as *const TypeObject as usize;
            return Ok(class_info().get(&key).map(|i| i.qualname.clone()).unwrap_or_else(|| Obj::str(t.name.rsplit('.').next().unwrap_or(t.name))));
        }
        "__module__" => {
            if t.heap {
                if let Some(m) = t.dict.borrow().as_ref().and_then(|d| dict_get_str(d, &Obj::str("__module__"))) {
                    return Ok(m);
                }
            }
            return Ok(Obj::str(t.module));
        }
        "__class__" => return Ok(meta.obj()),
        "__mro__" => return Ok(Obj::tuple(t.mro_list().into_iter().map(|x| x.obj()).collect())),
        "__bases__" if t.heap => {
            if let Some(i) = class_info().get(&(t as *const TypeObject as usize)) {
                return Ok(Obj::tuple(if i.bases.is_empty() { vec![OBJECT_TYPE.obj()] } else { i.bases.clone() }));
            }
        }
        "__bases__" => {
            return Ok(Obj::tuple(match t.base() {
                Some(b) => vec![b.obj()],
                None => vec![],
            }))
        }
        "__base__" => return Ok(t.base().map(|b| b.obj()).unwrap_or_else(Obj::none)),
        "__abstractmethods__" => {
            // only the class's own namespace (type's getset descriptor)
            let own = if std::ptr::eq(t, &TYPE_TYPE) { None } else { t.dict.borrow().as_ref().and_then(|d| dict_get_str(d, &crate::object::intern_dyn(name))) };
            return own.ok_or_else(|| attribute_error(name.to_string()));
        }
        "__dict__" => return Ok(crate::modules::typesmod::mappingproxy_of_type(t)),
        "__annotate__" if t.heap && crate::modules::sys::python_minor() >= 14 => return type_annotate(t),
        "__annotations__" if t.heap => {
            return type_annotations(t, o).map(|a| a.unwrap_or_else(new_dict));
        }
        "__doc__" => {
            let own = t.dict.borrow().as_ref().and_then(|d| dict_get_str(d, &Obj::str("__doc__")));
            return match own {
                Some(v) => match ops::lookup_special(&v, "__get__") {
                    Some(get) => crate::call(&get, vec![v.clone(), Obj::none(), o.clone()], None),
                    None => Ok(v),
                },
                None => Ok(Obj::none()),
            };
        }
        _ => {}
    }
    let meta_attr = if meta.heap { type_lookup_dyn(meta, name) } else { None };
    if let Some(ma) = &meta_attr {
        if crate::attr::is_data_descriptor(ma) {
            return crate::attr::bind_attr(ma.clone(), o);
        }
    }
    if let Some(v) = type_lookup_dyn(t, name) {
        if let Some(sm) = ops::static_or_class_method(&v, o) {
            return Ok(sm);
        }
        if v.layout() != Layout::Function {
            if let Some(get) = ops::lookup_special(&v, "__get__") {
                return crate::call(&get, vec![v.clone(), Obj::none(), o.clone()], None);
            }
        }
        return Ok(v);
    }
    if name == "__new__" {
        for c in t.mro_list() {
            if c.heap {
                continue;
            }
            if let Some(n) = crate::modules::typesmod::builtin_new(c) {
                return Ok(n);
            }
            break;
        }
    }
    if name == "__hash__" && crate::modules::typesmod::builtin_unhashable(t) {
        return Ok(Obj::none());
    }
    if let Some((static_n, f, owner)) = t.find_named_method_owner(name) {
        if !inherits_object_default(t, name, owner) {
            return Ok(super::builtin_fn::new_unbound_method_of(Some(owner), static_n, f));
        }
    }
    if let Some(f) = builtin_classmethod(t, name) {
        return Ok(f);
    }
    if let Some(d) = crate::modules::typesmod::builtin_attr_descriptor(t, name) {
        return Ok(d);
    }
    if name.starts_with("__") {
        // slots of builtin types along the MRO (list.__len__, int.__add__, ...)
        if let Some(w) = crate::modules::typesmod::builtin_slot_on_mro(t, name) {
            return Ok(w);
        }
    }
    if let Some(ma) = meta_attr {
        return crate::attr::bind_attr(ma, o);
    }
    if name == "mro" {
        return Ok(super::builtin_fn::new_builtin_method("mro", o.clone(), type_mro));
    }
    if let Some((static_n, f)) = meta.find_named_method(name) {
        return Ok(super::builtin_fn::new_builtin_method(static_n, o.clone(), f));
    }
    Err(attribute_error(format!("type object '{}' has no attribute '{}'", t.name, name)))
}

/// Class methods of builtin types (dict.fromkeys, int.from_bytes, str.maketrans, ...).
/// The builtin types' class methods (`dict.fromkeys`, `int.from_bytes`, `str.maketrans`,
/// `bytes.maketrans`, `bytes.fromhex`, `float.fromhex`) by name. Their functions (13 KB) are
/// linked only into programs that spell one of these names (or reach attributes dynamically):
/// the printed `main` installs `hooks::CLASSMETHODS` then (pybc2wasm/method_tables.py).
pub fn builtin_classmethod(t: &'static TypeObject, name: &str) -> Option<Obj> {
    if !matches!(name, "fromkeys" | "from_bytes" | "maketrans" | "fromhex") {
        return None;
    }
    match crate::hooks::CLASSMETHODS.get() {
        Some(h) => (h.find)(t, name),
        None => crate::hooks::not_linked("a builtin type's class method (fromkeys, from_bytes, maketrans, fromhex)"),
    }
}

/// `builtin_classmethod`'s table, installed per program (`hooks::CLASSMETHODS`).
pub static CLASSMETHOD_HOOKS: crate::hooks::ClassMethods = crate::hooks::ClassMethods { find: find_builtin_classmethod };

fn find_builtin_classmethod(t: &'static TypeObject, name: &str) -> Option<Obj> {
    use super::builtin_fn::new_builtin;
    if t.is_subtype(&super::dict::DICT_TYPE) && name == "fromkeys" {
        return Some(new_builtin("fromkeys", super::dict::dict_fromkeys));
    }
    if t.is_subtype(&super::int::INT_TYPE) && name == "from_bytes" {
        return Some(new_builtin("from_bytes", super::int::int_from_bytes));
    }
    if t.is_subtype(&super::str::STR_TYPE) && name == "maketrans" {
        return Some(new_builtin("maketrans", super::str::str_maketrans));
    }
    if (t.is_subtype(&super::bytes::BYTES_TYPE) || t.is_subtype(&super::bytes::BYTEARRAY_TYPE)) && name == "maketrans" {
        return Some(new_builtin("maketrans", super::bytes::bytes_maketrans));
    }
    if t.is_subtype(&super::bytes::BYTES_TYPE) && name == "fromhex" {
        return Some(new_builtin("fromhex", super::bytes::bytes_fromhex));
    }
    if t.is_subtype(&super::float::FLOAT_TYPE) && name == "fromhex" {
        return Some(new_builtin("fromhex", super::float::float_fromhex));
    }
    None
}

pub fn type_setattr(o: &Obj, name: &str, v: Obj) -> PyResult<()> {
    let t = o.as_type();
    if !t.heap {
        return Err(type_error(format!(
            "cannot set '{}' attribute of immutable type '{}'",
            name, t.name
        )));
    }
    if name == "__name__" || name == "__qualname__" {
        return set_type_name(t, name, v);
    }
    let d = t.dict.borrow().clone().unwrap();
    // the namespace's own store renews the epochs (dict_set_h → class_value_replaced)
    if name == "__getattribute__" {
        unsafe { HAS_GETATTRIBUTE = true }
    }
    if name == "__abstractmethods__" {
        unsafe { HAS_ABSTRACT = true }
    }
    dict_set(&d, Obj::str(name), v)
}

/// `cls.__name__ = s` renames the class (as CPython's type setter does, not in its
/// namespace); `cls.__qualname__ = s` likewise.
fn set_type_name(t: &'static TypeObject, name: &str, v: Obj) -> PyResult<()> {
    let s = v.as_str().ok_or_else(|| {
        type_error(format!("can only assign string to {}.{}, not '{}'", t.name, name, v.type_name()))
    })?;
    if s.contains('\0') {
        return Err(super::exceptions::value_error("type name must not contain null characters"));
    }
    let key = t as *const TypeObject as usize;
    if name == "__qualname__" {
        if let Some(i) = class_info().get_mut(&key) {
            i.qualname = v.clone();
        }
        return Ok(());
    }
    if let Some(i) = class_info().get_mut(&key) {
        i.name = Some(v.clone());
    }
    let leaked: &'static str = Box::leak(s.to_string().into_boxed_str());
    // a heap type's TypeObject is leaked and owned by its class object alone
    unsafe { (*(key as *mut TypeObject)).name = leaked };
    Ok(())
}

pub fn type_repr(t: &TypeObject) -> String {
    if t.module == "builtins" || (!t.heap && t.name.contains('.')) {
        format!("<class '{}'>", t.name)
    } else {
        // a heap class shows its __qualname__ (which `cls.__name__ = ...` leaves alone)
        let key = t as *const TypeObject as usize;
        let qual = class_info().get(&key).and_then(|i| i.qualname.as_str().map(str::to_string));
        format!("<class '{}.{}'>", t.module, qual.unwrap_or_else(|| t.name.to_string()))
    }
}

// ---------------------------------------------------------------- type's own methods

pub static TYPE_METHODS: &[(&str, crate::object::MethodFn)] = &[
    ("__new__", type_new_method),
    ("__init__", type_init_method),
    ("__call__", type_call_method),
    ("__prepare__", type_prepare_method),
    ("__setattr__", type_setattr_method),
    ("__delattr__", type_delattr_method),
    ("__getattribute__", type_getattribute_method),
    ("__instancecheck__", type_instancecheck_method),
    ("__subclasscheck__", type_subclasscheck_method),
    ("__subclasses__", type_subclasses_method),
    ("__repr__", type_repr_method),
    ("__or__", type_or_method),
    ("__ror__", type_ror_method),
    ("__dir__", type_dir_method),
    ("__sizeof__", type_sizeof_method),
];

/// The most derived metaclass of `meta` and the types of `bases` (CPython's
/// `_PyType_CalculateMetaclass`).
pub fn calculate_meta(meta: &'static TypeObject, bases: &[Obj]) -> PyResult<&'static TypeObject> {
    let mut winner = meta;
    for b in bases {
        let bt = b.ty();
        if winner.is_subtype(bt) {
            continue;
        }
        if bt.is_subtype(winner) {
            winner = bt;
            continue;
        }
        return Err(type_error(
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
        ));
    }
    Ok(winner)
}

/// `type.__new__(meta, name, bases, ns, **kw)`: the metaclass calculation, a copy of the
/// namespace, the `__classcell__`, `__set_name__` and the parent's `__init_subclass__(**kw)`.
pub fn type_new(meta: &'static TypeObject, args: &[Obj], kwargs: &[(&str, &Obj)]) -> PyResult {
    if args.len() != 3 {
        return Err(type_error("type.__new__() takes exactly 3 arguments (1 given)".replace('1', &args.len().to_string())));
    }
    let name = args[0].as_str().ok_or_else(|| {
        type_error(format!("type.__new__() argument 1 must be str, not {}", args[0].type_name()))
    })?;
    let bases = super::tuple::try_tuple_items(&args[1])
        .ok_or_else(|| type_error(format!("type.__new__() argument 2 must be tuple, not {}", args[1].type_name())))?
        .to_vec();
    if super::dict::as_dict(&args[2]).is_none() {
        return Err(type_error(format!("type.__new__() argument 3 must be dict, not {}", args[2].type_name())));
    }
    for b in &bases {
        if b.layout() != Layout::Type {
            if ops::getattr_str(b, "__mro_entries__").is_ok() {
                return Err(type_error("type() doesn't support MRO entry resolution; use types.new_class()"));
            }
            return Err(type_error(format!("bases must be types")));
        }
    }
    let winner = calculate_meta(meta, &bases)?;
    if !std::ptr::eq(winner, meta) {
        if let Some(new) = type_lookup(winner, "__new__") {
            let f = super::module::as_descr(&new).map(|d| d.fget.clone()).unwrap_or(new);
            let mut a = vec![winner.obj()];
            a.extend_from_slice(args);
            let (a, kwn) = with_kwargs(a, kwargs);
            return crate::call(&f, a, kwn.as_ref());
        }
    }
    let ns = new_dict();
    for (k, v) in super::dict::dict_items(&args[2]) {
        dict_set(&ns, k, v)?;
    }
    let module = match dict_get_str(&ns, &Obj::str("__module__")) {
        Some(m) => ops::str_string(&m).unwrap_or_default(),
        None => {
            let m = crate::modules::sys::caller_module_name().unwrap_or_else(|| "__main__".to_string());
            dict_set(&ns, Obj::str("__module__"), Obj::str(&m))?;
            m
        }
    };
    if dict_get_str(&ns, &Obj::str("__doc__")).is_none() {
        dict_set(&ns, Obj::str("__doc__"), Obj::none())?;
    }
    let classcell = super::dict::dict_pop(&ns, &Obj::str("__classcell__"))?;
    // 3.14: the body's `__classdict__` cell (read by its annotation scopes) gets the class dict
    if let Some(cell) = super::dict::dict_pop(&ns, &Obj::str("__classdictcell__"))? {
        if super::cell::as_cell(&cell).is_none() {
            return Err(type_error(format!("__classdictcell__ must be a nonlocal cell, not {}", ops::repr_string(&cell.ty().obj())?)));
        }
        crate::cell_set(&cell, Some(ns.clone()));
    }
    let cls = new_class_meta(winner, name, bases, ns, &module)?;
    if let Some(cell) = classcell {
        if super::cell::as_cell(&cell).is_some() {
            crate::cell_set(&cell, Some(cls.clone()));
        } else {
            return Err(type_error(format!("__classcell__ must be a nonlocal cell, not {}", ops::repr_string(&cell.ty().obj())?)));
        }
    }
    finish_class(&cls, kwargs)?;
    Ok(cls)
}

/// Positional args followed by keyword values, and the kwnames tuple (None without keywords).
pub fn with_kwargs(mut a: Vec<Obj>, kwargs: &[(&str, &Obj)]) -> (Vec<Obj>, Option<Obj>) {
    if kwargs.is_empty() {
        return (a, None);
    }
    let mut names = Vec::new();
    for (k, v) in kwargs {
        a.push((*v).clone());
        names.push(Obj::str(k));
    }
    (a, Some(Obj::tuple(names)))
}

fn this_type(this: &Obj, what: &str) -> PyResult<&'static TypeObject> {
    if this.layout() != Layout::Type {
        return Err(type_error(format!("descriptor '{}' requires a 'type' object but received a '{}'", what, this.type_name())));
    }
    Ok(this.as_type())
}

pub fn type_new_method(this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let meta = this_type(this, "__new__")?;
    if !meta.is_subtype(&TYPE_TYPE) {
        return Err(type_error(format!("type.__new__({}): {} is not a subtype of type", meta.name, meta.name)));
    }
    let (pos, kws) = crate::builtins::split_kw(a, k);
    if pos.len() == 1 && std::ptr::eq(meta, &TYPE_TYPE) && kws.is_empty() {
        return Ok(pos[0].ty().obj());
    }
    type_new(meta, pos, &kws)
}
pub fn type_init_method(_this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let (pos, _kws) = crate::builtins::split_kw(a, k);
    if pos.len() != 1 && pos.len() != 3 {
        return Err(type_error("type.__init__() takes 1 or 3 arguments"));
    }
    Ok(Obj::none())
}
pub fn type_call_method(this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    type_call(this_type(this, "__call__")?, a, k)
}
pub fn type_prepare_method(_this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(new_dict())
}
pub fn type_setattr_method(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    super::str::nargs("__setattr__", a, 2, 2)?;
    this_type(this, "__setattr__")?;
    let n = a[0].as_str().ok_or_else(|| type_error(format!("attribute name must be string, not '{}'", a[0].type_name())))?;
    type_setattr(this, n, a[1].clone())?;
    Ok(Obj::none())
}
pub fn type_delattr_method(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    super::str::nargs("__delattr__", a, 1, 1)?;
    let t = this_type(this, "__delattr__")?;
    if !t.heap {
        return Err(type_error(format!("cannot set '{}' attribute of immutable type '{}'", a[0].as_str().unwrap_or("?"), t.name)));
    }
    bump_type_version();
    let d = t.dict.borrow().clone().unwrap();
    if super::dict::dict_pop(&d, &a[0])?.is_some() {
        return Ok(Obj::none());
    }
    Err(attribute_error(format!("type object '{}' has no attribute '{}'", t.name, a[0].as_str().unwrap_or("?"))))
}
pub fn type_getattribute_method(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    super::str::nargs("__getattribute__", a, 1, 1)?;
    this_type(this, "__getattribute__")?;
    let n = a[0].as_str().ok_or_else(|| type_error(format!("attribute name must be string, not '{}'", a[0].type_name())))?;
    type_getattr_generic(this, n)
}
pub fn type_instancecheck_method(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    super::str::nargs("__instancecheck__", a, 1, 1)?;
    let t = this_type(this, "__instancecheck__")?;
    Ok(Obj::bool(a[0].ty().is_subtype(t) || class_attr_is_subtype(&a[0], t)))
}
pub fn type_subclasscheck_method(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    super::str::nargs("__subclasscheck__", a, 1, 1)?;
    let t = this_type(this, "__subclasscheck__")?;
    if a[0].layout() != Layout::Type {
        return Err(type_error("issubclass() arg 1 must be a class"));
    }
    Ok(Obj::bool(a[0].as_type().is_subtype(t)))
}
pub fn type_subclasses_method(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    super::str::nargs("__subclasses__", a, 0, 0)?;
    Ok(super::list::new_list(subclasses_of(this_type(this, "__subclasses__")?)))
}
pub fn type_repr_method(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::string(type_repr(this_type(this, "__repr__")?)))
}
pub fn type_or_method(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    super::str::nargs("__or__", a, 1, 1)?;
    crate::modules::typesmod::union_or(this, &a[0])
}
pub fn type_ror_method(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    super::str::nargs("__ror__", a, 1, 1)?;
    crate::modules::typesmod::union_or(&a[0], this)
}
pub fn type_dir_method(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    crate::builtins::dir_of(this)
}
pub fn type_sizeof_method(_this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::int(920))
}

/// `obj.__class__` differs from `type(obj)` (a proxy): isinstance also accepts that class.
fn class_attr_is_subtype(o: &Obj, t: &'static TypeObject) -> bool {
    if !o.ty().heap || o.layout() == Layout::Type {
        return false;
    }
    match type_lookup(o.ty(), "__class__") {
        Some(_) => match ops::getattr_str(o, "__class__") {
            Ok(c) if c.layout() == Layout::Type => c.as_type().is_subtype(t),
            _ => false,
        },
        None => false,
    }
}

/// isinstance(o, cls) with `__instancecheck__` of cls's metaclass (CPython's
/// `PyObject_IsInstance`).
pub fn isinstance(o: &Obj, cls: &Obj) -> PyResult<bool> {
    if cls.layout() == Layout::Type && std::ptr::eq(o.ty(), cls.as_type()) {
        return Ok(true);
    }
    if cls.layout() == Layout::Type && !cls.ty().heap {
        let t = cls.as_type();
        return Ok(o.ty().is_subtype(t) || class_attr_is_subtype(o, t));
    }
    if let Some(items) = super::tuple::try_tuple_items(cls) {
        if cls.is_type(&super::tuple::TUPLE_TYPE) {
            for c in items.to_vec() {
                if crate::objects::function::with_recursion(" in __instancecheck__", || isinstance(o, &c))? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
    }
    if let Some(chk) = ops::lookup_special(cls, "__instancecheck__") {
        let r = crate::call(&chk, vec![cls.clone(), o.clone()], None)?;
        return ops::is_true(&r);
    }
    if cls.layout() == Layout::Type {
        let t = cls.as_type();
        return Ok(o.ty().is_subtype(t) || class_attr_is_subtype(o, t));
    }
    if let Some(args) = crate::modules::typesmod::union_args(cls) {
        for c in args {
            if isinstance(o, &c)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    Err(type_error("isinstance() arg 2 must be a type, a tuple of types, or a union"))
}

/// issubclass(sub, cls) with `__subclasscheck__` of cls's metaclass.
pub fn issubclass(sub: &Obj, cls: &Obj) -> PyResult<bool> {
    if cls.layout() == Layout::Type && !cls.ty().heap {
        if sub.layout() != Layout::Type {
            return Err(type_error("issubclass() arg 1 must be a class"));
        }
        return Ok(sub.as_type().is_subtype(cls.as_type()));
    }
    if let Some(items) = super::tuple::try_tuple_items(cls) {
        if cls.is_type(&super::tuple::TUPLE_TYPE) {
            for c in items.to_vec() {
                if crate::objects::function::with_recursion(" in __subclasscheck__", || issubclass(sub, &c))? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
    }
    if let Some(chk) = ops::lookup_special(cls, "__subclasscheck__") {
        let r = crate::call(&chk, vec![cls.clone(), sub.clone()], None)?;
        return ops::is_true(&r);
    }
    if cls.layout() == Layout::Type {
        if sub.layout() != Layout::Type {
            return Err(type_error("issubclass() arg 1 must be a class"));
        }
        return Ok(sub.as_type().is_subtype(cls.as_type()));
    }
    if let Some(args) = crate::modules::typesmod::union_args(cls) {
        for c in args {
            if issubclass(sub, &c)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    Err(type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union"))
}
