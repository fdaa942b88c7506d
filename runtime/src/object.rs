//! Object header, type objects, and `Obj`, the owned (refcounted) reference.
//!
//! Every heap object is a `PyBox<T>`: a `PyObjectHeader` {refcount, type pointer} followed by
//! the type's payload `T`. Containers put a `GcHead` first in their payload for the cycle
//! collector. Static objects (types, None, True/False, small ints) have a huge refcount and are
//! never freed.
use std::cell::{Cell, RefCell};
use std::ptr::NonNull;

/// Refcount given to static (never freed) objects.
pub const IMMORTAL: isize = 1 << 29;

#[repr(C)]
pub struct PyObjectHeader {
    pub refcnt: Cell<isize>,
    pub ty: *const TypeObject,
}

#[repr(C)]
pub struct PyBox<T> {
    pub ob: PyObjectHeader,
    pub data: T,
}
unsafe impl<T> Sync for PyBox<T> {}

/// Cycle-collector header of container objects: the object's slot in the collector's
/// registry of tracked containers (`usize::MAX` when untracked). See `gc.rs`.
pub struct GcHead {
    pub index: Cell<usize>,
}
impl GcHead {
    pub const fn new() -> GcHead {
        GcHead { index: Cell::new(usize::MAX) }
    }
}
impl Default for GcHead {
    fn default() -> Self {
        GcHead::new()
    }
}

/// Which Rust payload struct follows the header. Subtypes share their base's layout.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Layout {
    Unit,
    Int,
    Float,
    Str,
    Bytes,
    Tuple,
    List,
    Dict,
    Set,
    Range,
    Slice,
    Function,
    Builtin,
    BuiltinMethod,
    Method,
    Type,
    Exception,
    Instance,
    SeqIter,
    RangeIter,
    DynIter,
    Cell,
    Module,
    Property,
    DictView,
    DictIter,
    SetIter,
    Super,
    Generator,
    Deque,
    /// coroutines and async generators (a GenObj that is not an iterator)
    Coroutine,
    NativeFn,
    Complex,
    Random,
    /// objects of native-module types (objects/native.rs)
    Native,
    /// `_sre` Pattern, Match and SRE_Scanner objects
    Sre,
    /// Rust data of a native module (`modules::native_class::CapsuleObj`)
    Capsule,
}

pub type MethodFn = fn(this: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> crate::PyResult;

/// A type object. Builtin types are statics; classes are leaked heap objects (immortal).
#[repr(C)]
pub struct TypeObject {
    pub ob: PyObjectHeader,
    pub name: &'static str,
    pub base: *const TypeObject,
    pub layout: Layout,
    /// Methods implemented in Rust, looked up by name.
    /// (A Cell: the core builtin types get their table from the program's `main`, see
    /// `method_tables`.)
    pub methods: Cell<&'static [(&'static str, MethodFn)]>,
    /// Class namespace (classes, and attributes set on types).
    pub dict: RefCell<Option<Obj>>,
    /// Method resolution order for classes (empty for builtin types: follow `base`).
    pub mro: RefCell<Vec<Obj>>,
    pub heap: bool,
    pub module: &'static str,
}
unsafe impl Sync for TypeObject {}

/// Defines a static builtin type.
#[macro_export]
#[doc(hidden)]
macro_rules! static_type {
    ($id:ident, $name:expr, $base:expr, $layout:ident, $methods:expr) => {
        $crate::static_type!($id, $name, $base, $layout, $methods, module = "builtins");
    };
    ($id:ident, $name:expr, $base:expr, $layout:ident, $methods:expr, module = $module:expr) => {
        pub static $id: $crate::object::TypeObject = $crate::object::TypeObject {
            ob: $crate::object::PyObjectHeader {
                refcnt: ::std::cell::Cell::new($crate::object::IMMORTAL),
                ty: &$crate::objects::typeobj::TYPE_TYPE,
            },
            name: $name,
            base: $base,
            layout: $crate::object::Layout::$layout,
            methods: ::std::cell::Cell::new($methods),
            dict: ::std::cell::RefCell::new(None),
            mro: ::std::cell::RefCell::new(Vec::new()),
            heap: false,
            module: $module,
        };
    };
}

impl TypeObject {
    /// Is `self` the same type as `other` or a subtype of it?
    pub fn is_subtype(&self, other: &TypeObject) -> bool {
        if std::ptr::eq(self, other) {
            return true;
        }
        let mro = self.mro.borrow();
        if !mro.is_empty() {
            return mro.iter().any(|t| std::ptr::eq(t.as_type(), other));
        }
        drop(mro);
        let mut t = self.base;
        while !t.is_null() {
            if std::ptr::eq(t, other) {
                return true;
            }
            t = unsafe { (*t).base };
        }
        false
    }
    pub fn base(&self) -> Option<&'static TypeObject> {
        if self.base.is_null() {
            None
        } else {
            Some(unsafe { &*self.base })
        }
    }
    /// The type as an object (types are immortal, so this is just a pointer copy + incref).
    pub fn obj(&'static self) -> Obj {
        unsafe { Obj::from_static_ptr(&self.ob as *const PyObjectHeader) }
    }
    /// Linearised MRO as type references (self first).
    pub fn mro_list(&'static self) -> Vec<&'static TypeObject> {
        let mro = self.mro.borrow();
        if !mro.is_empty() {
            return mro.iter().map(|t| t.as_type()).collect();
        }
        let mut v = vec![self];
        let mut t = self.base();
        while let Some(b) = t {
            v.push(b);
            t = b.base();
        }
        v
    }
    /// Find a Rust method in this type or its bases.
    pub fn find_method(&'static self, name: &str) -> Option<MethodFn> {
        self.find_named_method(name).map(|(_, f)| f)
    }
    /// The same, with the method's static name.
    pub fn find_named_method(&'static self, name: &str) -> Option<(&'static str, MethodFn)> {
        self.find_named_method_owner(name).map(|(n, f, _)| (n, f))
    }
    /// The method and the class along the bases that defines it.
    pub fn find_named_method_owner(&'static self, name: &str) -> Option<(&'static str, MethodFn, &'static TypeObject)> {
        let mut t = Some(self);
        while let Some(ty) = t {
            for (n, f) in ty.methods.get() {
                if *n == name {
                    return Some((n, *f, ty));
                }
            }
            t = ty.base();
        }
        None
    }
    pub fn qualified_name(&self) -> String {
        if self.module == "builtins" || (!self.heap && self.name.contains('.')) {
            self.name.to_string()
        } else {
            format!("{}.{}", self.module, self.name)
        }
    }
}

/// An owned strong reference to a Python object. Clone = incref, Drop = decref.
#[repr(transparent)]
pub struct Obj(NonNull<PyObjectHeader>);

impl Obj {
    #[inline]
    pub fn as_ptr(&self) -> *mut PyObjectHeader {
        self.0.as_ptr()
    }
    /// Takes ownership of a raw reference.
    #[inline]
    pub unsafe fn from_raw(p: *mut PyObjectHeader) -> Obj {
        Obj(NonNull::new_unchecked(p))
    }
    /// New reference to an object given by pointer (increfs).
    #[inline]
    pub unsafe fn from_static_ptr(p: *const PyObjectHeader) -> Obj {
        let h = &*p;
        h.refcnt.set(h.refcnt.get() + 1);
        Obj(NonNull::new_unchecked(p as *mut PyObjectHeader))
    }
    #[inline]
    pub fn from_static<T>(b: &'static PyBox<T>) -> Obj {
        unsafe { Obj::from_static_ptr(&b.ob as *const PyObjectHeader) }
    }
    /// Gives up ownership, returning the raw pointer.
    #[inline]
    pub fn into_raw(self) -> *mut PyObjectHeader {
        let p = self.0.as_ptr();
        std::mem::forget(self);
        p
    }
    #[inline]
    pub fn header(&self) -> &PyObjectHeader {
        unsafe { &*self.0.as_ptr() }
    }
    #[inline]
    pub fn ty(&self) -> &'static TypeObject {
        unsafe { &*self.header().ty }
    }
    #[inline]
    pub fn is_type(&self, t: &'static TypeObject) -> bool {
        std::ptr::eq(self.header().ty, t)
    }
    #[inline]
    pub fn layout(&self) -> Layout {
        self.ty().layout
    }
    #[inline]
    pub fn refcount(&self) -> isize {
        self.header().refcnt.get()
    }
    /// The payload, assuming the layout is `T`'s.
    #[inline]
    pub unsafe fn data<T>(&self) -> &T {
        &(*(self.0.as_ptr() as *const PyBox<T>)).data
    }
    /// The payload if this object has `layout`.
    #[inline]
    pub fn payload<T>(&self, layout: Layout) -> Option<&T> {
        if self.layout() == layout {
            Some(unsafe { self.data::<T>() })
        } else {
            None
        }
    }
    /// This object seen as a type object (caller checked layout == Type).
    #[inline]
    pub fn as_type(&self) -> &'static TypeObject {
        unsafe { &*(self.0.as_ptr() as *const TypeObject) }
    }
    pub fn is_instance_of(&self, t: &'static TypeObject) -> bool {
        self.ty().is_subtype(t)
    }
    pub fn addr(&self) -> usize {
        self.0.as_ptr() as usize
    }
}

impl Clone for Obj {
    // always inline, the increment itself a hint: a cold unit (inline threshold 0) passes the
    // pointer by value to its copy of `incref_new` instead of the address of the value's slot
    #[inline(always)]
    fn clone(&self) -> Obj {
        incref_new(self.0)
    }
}

/// A new reference to `p` (what cloning an `Obj` does).
#[inline]
fn incref_new(p: NonNull<PyObjectHeader>) -> Obj {
    let h = unsafe { p.as_ref() };
    h.refcnt.set(h.refcnt.get() + 1);
    Obj(p)
}

// `drop` is inline and hands the pointer, by value, to `decref`, which is not `#[inline]`:
// inside the runtime (one crate) LLVM still inlines `decref` where it pays, while the
// separately compiled units of printed code call it instead of carrying the
// decrement-and-free sequence at every place a value dies. By value, not `&mut self`: a
// dying value need not be spilled to the shadow stack to pass its address (about a tenth
// of the printed code's size).
//
// On wasm32 the decrement is inline after all: a call there costs far more than natively
// (wasmtime gives every callee a frame and a stack-limit check, ~15 instructions around a
// 3-instruction body; bytecode_vm made 20.8M such calls, a ninth of its wasm instructions),
// and wasm's compact encoding keeps the inline sequence small.
//
// `drop` itself is always inline and the wasm32 decrement a hint (`decref_inline`): hot code
// inlines both as before, while a cold unit (inline threshold 0) calls its one copy of
// `decref_inline` with the pointer by value, so a value need not live in a shadow-stack slot
// for its drop to take the slot's address.
impl Drop for Obj {
    #[inline(always)]
    fn drop(&mut self) {
        #[cfg(target_arch = "wasm32")]
        decref_inline(self.0);
        #[cfg(not(target_arch = "wasm32"))]
        decref(self.0)
    }
}

/// wasm32: `decref` for inlining (see `Drop for Obj`). Public so that a cold unit can hold a
/// second reference to its copy (`backends/rust/cold_abi.py`): with one use, LLVM inlines it
/// into `drop_in_place::<Obj>` whatever the threshold, and the drop glue, too big to be inlined
/// itself, is then called with each dropped slot's address.
#[cfg(target_arch = "wasm32")]
#[inline]
pub fn decref_inline(p: NonNull<PyObjectHeader>) {
    let h = unsafe { p.as_ref() };
    let n = h.refcnt.get() - 1;
    h.refcnt.set(n);
    if n == 0 {
        unsafe { crate::objects::dealloc(p.as_ptr()) }
    }
}

/// Release one reference (what dropping an `Obj` does).
pub fn decref(p: NonNull<PyObjectHeader>) {
    let h = unsafe { p.as_ref() };
    let n = h.refcnt.get() - 1;
    h.refcnt.set(n);
    if n == 0 {
        unsafe { crate::objects::dealloc(p.as_ptr()) }
    }
}

impl std::fmt::Debug for Obj {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match crate::ops::repr_string(self) {
            Ok(s) => f.write_str(&s),
            Err(_) => write!(f, "<{} object>", self.type_name()),
        }
    }
}

// Heap objects allocated and not yet freed (see `live_objects`).
static mut LIVE: isize = 0;

/// The number of live heap objects: allocated by `alloc` (or taken from a free list) and not
/// freed since. Static objects (types, None, bools, small ints, sys.stdout) are never
/// counted; classes are leaked type objects, not counted either (but what they hold is).
#[inline]
pub fn live_objects() -> isize {
    unsafe { LIVE }
}

/// Allocates a new object of type `ty` with payload `data`.
#[inline]
pub fn alloc<T>(ty: &'static TypeObject, data: T) -> Obj {
    // the size-class allocator inline instead of Box's chain of allocator calls
    unsafe {
        let layout = std::alloc::Layout::new::<PyBox<T>>();
        let p = crate::wasm_alloc::alloc_direct(layout) as *mut PyBox<T>;
        if p.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        std::ptr::write(p, PyBox { ob: PyObjectHeader { refcnt: Cell::new(1), ty }, data });
        LIVE += 1;
        Obj::from_raw(p as *mut PyObjectHeader)
    }
}

/// Frees an object with payload `T` (called when the refcount reaches zero).
pub unsafe fn free_as<T>(p: *mut PyObjectHeader) {
    LIVE -= 1;
    std::ptr::drop_in_place(p as *mut PyBox<T>);
    crate::wasm_alloc::dealloc_direct(p as *mut u8, std::alloc::Layout::new::<PyBox<T>>());
}

/// A per-type allocator of fixed-size object blocks (ints, floats), like CPython's pymalloc
/// pools: blocks are carved from slabs of `SLAB_BLOCKS`, so there is no malloc call and no
/// malloc header per object, and freed blocks go on an intrusive list (a free block's first
/// word points to the next one). Slab memory is kept for reuse, never returned to malloc.
/// Used through `static mut` (the runtime is single-threaded).
pub struct FreeList<T: 'static> {
    head: *mut PyBox<T>,
}

const SLAB_BLOCKS: usize = 1024;

impl<T> FreeList<T> {
    pub const fn new() -> Self {
        FreeList { head: std::ptr::null_mut() }
    }
    #[inline]
    pub fn alloc(&mut self, ty: &'static TypeObject, data: T) -> Obj {
        if self.head.is_null() {
            self.refill();
        }
        unsafe {
            let p = self.head;
            self.head = *(p as *mut *mut PyBox<T>);
            LIVE += 1;
            std::ptr::write(p, PyBox { ob: PyObjectHeader { refcnt: Cell::new(1), ty }, data });
            Obj::from_raw(p as *mut PyObjectHeader)
        }
    }
    #[inline]
    fn refill(&mut self) {
        let size = std::mem::size_of::<PyBox<T>>();
        self.head = carve_slab(size, std::mem::align_of::<PyBox<T>>()) as *mut PyBox<T>;
    }
    /// Drops the payload and keeps the block for reuse (also blocks made by `alloc`: same size).
    #[inline]
    pub unsafe fn free(&mut self, p: *mut PyObjectHeader) {
        let b = p as *mut PyBox<T>;
        LIVE -= 1;
        std::ptr::drop_in_place(&mut (*b).data);
        *(b as *mut *mut PyBox<T>) = self.head;
        self.head = b;
    }
}

/// A new slab of `SLAB_BLOCKS` blocks of `size` bytes chained into a free list; its head.
/// Not generic: one copy for every `FreeList<T>` and every crate that allocates through one.
#[cold]
#[inline(never)]
fn carve_slab(size: usize, align: usize) -> *mut u8 {
    let layout = std::alloc::Layout::from_size_align(size * SLAB_BLOCKS, align).expect("slab layout");
    unsafe {
        let base = std::alloc::alloc(layout);
        if base.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        let mut head = std::ptr::null_mut();
        for i in (0..SLAB_BLOCKS).rev() {
            let b = base.add(i * size);
            *(b as *mut *mut u8) = head;
            head = b;
        }
        head
    }
}

/// Pointer-keyed hasher for the intern table (keys are addresses of static strings).
#[derive(Default)]
pub struct PtrHasher(u64);
impl std::hash::Hasher for PtrHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ *b as u64).wrapping_mul(0x100000001b3);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0.rotate_left(29) ^ n as u64).wrapping_mul(0x9e3779b97f4a7c15);
    }
}

/// Keyed by (address, length): a static string's address alone is not unique (a string and
/// its prefix share it), and folding both into one usize collided on wasm32.
type InternMap = std::collections::HashMap<(usize, usize), Obj, std::hash::BuildHasherDefault<PtrHasher>>;

// The runtime is single-threaded (Obj is !Send; tests run with RUST_TEST_THREADS=1).
static mut INTERNED: Option<InternMap> = None;

type DynInternMap = std::collections::HashMap<Box<str>, Obj, std::hash::BuildHasherDefault<PtrHasher>>;
static mut INTERNED_DYN: Option<DynInternMap> = None;
const DYN_INTERN_MAX_LEN: usize = 64;
const DYN_INTERN_MAX_NAMES: usize = 16384;

/// A str object for a name computed at run time (an attribute name in a lookup), shared by
/// every lookup of the same text, as CPython interns attribute names: caches keyed by the
/// name's identity then hit, and the lookup allocates nothing. Long names, and any once the
/// table is full, get a fresh string.
pub fn intern_dyn(s: &str) -> Obj {
    if s.len() > DYN_INTERN_MAX_LEN {
        return Obj::str(s);
    }
    // most names come from the same buffer each time (a str constant of printed code): a
    // direct-mapped memo by address skips hashing; its text is compared, so a buffer freed
    // and reused for other text cannot be mistaken
    let slot = ((s.as_ptr() as usize >> 3) ^ s.len()) & (RECENT_SIZE - 1);
    unsafe {
        let recent = &mut *std::ptr::addr_of_mut!(RECENT_NAMES);
        if let Some((p, o)) = &recent[slot] {
            if *p == s.as_ptr() as usize && o.as_str() == Some(s) {
                return o.clone();
            }
        }
        let m = (*std::ptr::addr_of_mut!(INTERNED_DYN)).get_or_insert_with(DynInternMap::default);
        let o = match m.get(s) {
            Some(o) => o.clone(),
            None => {
                let o = Obj::str(s);
                if m.len() >= DYN_INTERN_MAX_NAMES {
                    return o;
                }
                m.insert(s.into(), o.clone());
                o
            }
        };
        recent[slot] = Some((s.as_ptr() as usize, o.clone()));
        o
    }
}

const RECENT_SIZE: usize = 256;
const NO_RECENT: Option<(usize, Obj)> = None;
static mut RECENT_NAMES: [Option<(usize, Obj)>; RECENT_SIZE] = [NO_RECENT; RECENT_SIZE];

/// A str object for a static name, created once (its hash is cached on it).
#[inline]
pub fn intern(s: &'static str) -> Obj {
    let key = (s.as_ptr() as usize, s.len());
    unsafe {
        let m = &mut *std::ptr::addr_of_mut!(INTERNED);
        let m = m.get_or_insert_with(InternMap::default);
        if let Some(o) = m.get(&key) {
            return o.clone();
        }
        let o = Obj::str(s);
        m.insert(key, o.clone());
        o
    }
}
