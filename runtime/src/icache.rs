//! Inline caches of printed code (CPython 3.11's specialised LOAD_ATTR / STORE_ATTR /
//! LOAD_METHOD / LOAD_GLOBAL): one record per site, a `static mut` of the unit, passed as a
//! raw pointer. A record is read by copy and written whole, never borrowed across a call, so
//! a site re-entered while it is being filled (recursion, `__get__`, `__del__`) is sound; the
//! runtime is single-threaded (`_thread` runs no code concurrently).
//!
//! Keys: an instance site keys on the receiver's type and the global type epoch
//! (`typeobj::type_version`, renewed by every change of any class namespace, class creation,
//! `__getattribute__`/`__setattr__` appearing), so a cached class attribute is still the one
//! the MRO gives and is held by the class dict (a borrowed pointer). Module and global sites
//! key on dict keys versions (`DictTable::version`, unique across dicts) and keep an entry
//! index: a value stored under the same key is read through the index, never cached.
//! Global sites cache the value itself, keyed on the dicts' contents stamps
//! (`DictTable::stamp`, renewed by every store), and keep the entry index for a store that
//! left the keys as they were.
//! A plain class value cached by an instance site is also keyed on the class data epoch
//! (`typeobj::class_data_version`): storing a new int into a class counter renews only that.
//! Anything else, or a miss, goes the generic way and refills the record.
use crate::attr::{bind_attr, is_data_descriptor};
use crate::object::{Layout, MethodFn, Obj, PyObjectHeader, TypeObject};
use crate::objects::dict::as_dict;
use crate::objects::module::as_module;
use crate::objects::superobj;
use crate::objects::typeobj::{self, type_lookup, type_lookup_obj, type_version, InstanceObj};
use crate::PyResult;

const EMPTY: u8 = 0;
/// instance dict, then the cached class attribute (absent or not a data descriptor)
const INSTANCE: u8 = 1;
/// a data descriptor on the class (a property): its `__get__`
const DATA_DESCR: u8 = 2;
/// a module attribute: `tag` is the module dict's keys version, `hint` the entry
const MODULE: u8 = 3;
/// call_attr: a plain function on the class, called with the instance prepended
const METHOD: u8 = 4;
/// call_attr: a builtin type's method implemented in Rust (`func`)
const BUILTIN: u8 = 5;
/// setattr: the instance dict (no descriptor, no `__setattr__`, allowed by `__slots__`)
const STORE: u8 = 6;
/// call_attr on `super()`: `ty` is type(obj), `data` the address of super's class, `attr` the
/// plain function the MRO gives after it, called with obj prepended
const SUPER: u8 = 7;
/// an object of a class deriving from a builtin (`extra_layout`): the side attribute dict,
/// then the cached class attribute (absent or not a data descriptor)
const EXTRA: u8 = 8;
/// call_attr on such an object: a plain function on the class, unless the side dict has the name
const EXTRA_METHOD: u8 = 9;
/// such an object's builtin base method (`func`, named `sname`): the class and the side dict
/// do not have the name
const EXTRA_NATIVE: u8 = 10;
/// a load of a builtin container's method (`stack.append` before its arguments are
/// evaluated): the bound method of `func`, named `sname`, on an object of exactly type `ty`
const BUILTIN_LOAD: u8 = 11;
/// an attribute of a class object itself (`Task._next_id`, `cls._member_map_`): `ty` is that
/// class, whose MRO holds the name while the type epoch is `tag` and whose metaclass does not
/// have it; `attr` the function found there (returned as it is), or null for plain data,
/// read again from the MRO (through the class attribute cache) at each hit
const CLASS: u8 = 12;
/// `cls.__name__` (`type(node).__name__`) of a heap class whose metaclass is `ty` and, in
/// type epoch `tag`, does not override `__getattribute__`: the class's name, whichever class
/// it is (one record for every class the site sees)
const TYPE_NAME: u8 = 13;
/// call_attr on a class object whose MRO gives a classmethod or staticmethod (`Game.windows()`,
/// `cls.create(..)`): `ty` is that class, `tag` the type epoch, `attr` the descriptor; its
/// function is called with the class prepended (classmethod) or as it is (staticmethod)
const CLASS_DESCR: u8 = 14;

/// One attribute site's cache.
#[derive(Clone, Copy)]
pub struct AttrIc {
    ty: *const TypeObject,
    tag: u64,
    attr: *const PyObjectHeader,
    func: Option<MethodFn>,
    /// INSTANCE with a plain class value in `attr`: the class data epoch it was read in
    data: u64,
    /// EXTRA_NATIVE: the method's name (for the bound method a load makes)
    sname: Option<&'static str>,
    /// Other receiver types the record answers for in the same type epoch, each with its own
    /// class attribute and entry index (a polymorphic site, as CPython's specialisations
    /// fall back to: `self.x` in a base class method seen with several subclasses, a method
    /// call whose receiver's classes each define the method): a site that sees them in turn
    /// would otherwise replace its record at every change of type. Only for the kinds
    /// `poly_kind` accepts; the other fields (`kind`, `tag`, `data`, `bit`) hold for every entry.
    more: [Alt; 3],
    /// The instance dict entry index for each of `more` (as `hint`); apart from `Alt` so the
    /// record stays within 128 bytes natively (a copy of it is then inline moves, not a
    /// `memcpy` call)
    hints: [u32; 3],
    hint: u32,
    kind: u8,
    /// METHOD: the name's `DictTable` bloom bit, as its shift (`1 << bit`)
    bit: u8,
}

/// One more receiver type of a site record (see `AttrIc::more`) and its class attribute (as
/// `AttrIc::attr`); its instance dict entry index is in `AttrIc::hints`.
#[derive(Clone, Copy)]
struct Alt {
    ty: *const TypeObject,
    attr: *const PyObjectHeader,
}

const ALT_EMPTY: Alt = Alt { ty: std::ptr::null(), attr: std::ptr::null() };

// a record copy stays inline moves natively (a larger one is a `memcpy` call)
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<AttrIc>() <= 128);

/// An empty attribute cache (for the unit's `static mut` array).
pub const ATTR_IC_EMPTY: AttrIc = AttrIc { ty: std::ptr::null(), tag: 0, attr: std::ptr::null(), func: None, data: 0, sname: None, more: [ALT_EMPTY; 3], hints: [0; 3], hint: 0, kind: EMPTY, bit: 0 };

/// One LOAD_GLOBAL site's cache (CPython 3.11's LOAD_GLOBAL_MODULE / _BUILTIN): the value
/// itself, borrowed from the dict that holds it, while that dict's contents stamp
/// (`DictTable::stamp`, renewed by every store or delete, unique across dicts) is `stamp`;
/// and the entry index `hint` in that dict, valid while its keys version is `keys`. A store
/// into the globals (a module-level loop's `total = total + i`) renews the stamp but not the
/// keys: the next load reads the entry through `hint` and refreshes the value.
/// A global: `globals` is 0. A builtin: `globals` is the globals dict's keys version (the
/// name is still not a global), and stamp, keys and hint are the builtins dict's.
#[derive(Clone, Copy)]
pub struct GlobalIc {
    globals: u64,
    stamp: u64,
    keys: u64,
    value: *const PyObjectHeader,
    hint: u32,
}

pub const GLOBAL_IC_EMPTY: GlobalIc = GlobalIc { globals: 0, stamp: 0, keys: 0, value: std::ptr::null(), hint: 0 };

#[inline]
fn dict_version(d: &Obj) -> Option<u64> {
    as_dict(d).and_then(|c| c.try_borrow().ok().map(|t| t.version()))
}

/// The value at entry `hint` of dict `d` if that entry still holds `name`.
#[inline]
fn hinted(d: &Obj, hint: u32, name: &Obj) -> Option<Obj> {
    let t = as_dict(d)?.try_borrow().ok()?;
    t.hint_value(hint, name).cloned()
}

#[inline]
fn dict_index(d: &Obj, name: &Obj) -> Option<u32> {
    as_dict(d)?.try_borrow().ok()?.index_of_str(name)
}

// ---------------------------------------------------------------- LOAD_GLOBAL

/// LOAD_GLOBAL through the site's cache. The hit path is all this function does (few
/// registers, no frame to speak of); the rest is a separate cold call. Natively a call of its
/// own; on wasm32 inline at the site: a wasm call costs wasmtime's frame and stack-limit check
/// and the result's return through the shadow stack, more than the hit itself (~60
/// instructions a hit against ~17 natively).
#[cfg_attr(not(target_arch = "wasm32"), inline(never))]
#[cfg_attr(target_arch = "wasm32", inline)]
pub fn load_global_ic(globals: &Obj, name: &Obj, ic: *mut GlobalIc) -> PyResult {
    let c = unsafe { *ic };
    if global_hit(globals, &c) {
        // held by its dict while the stamp is unchanged
        return Ok(unsafe { Obj::from_static_ptr(c.value) });
    }
    load_global_miss(globals, name, ic)
}

/// The dict holding the record's name: the globals, or the builtins while the globals' keys
/// are as recorded. Read without taking a borrow (a dict being written is mutably borrowed:
/// then there is none).
#[inline(always)]
fn global_table<'a>(globals: &'a Obj, c: &GlobalIc) -> Option<&'a crate::objects::dict::DictTable> {
    let t = unsafe { as_dict(globals)?.try_borrow_unguarded().ok()? };
    if c.globals == 0 {
        return Some(t);
    }
    if t.version() != c.globals {
        return None;
    }
    let b = crate::builtins::builtins_dict_ref()?;
    unsafe { as_dict(b)?.try_borrow_unguarded().ok() }
}

#[inline(always)]
fn global_hit(globals: &Obj, c: &GlobalIc) -> bool {
    match global_table(globals, c) {
        Some(t) => t.stamp() == c.stamp,
        None => false,
    }
}

#[cold]
#[inline(never)]
fn load_global_miss(globals: &Obj, name: &Obj, ic: *mut GlobalIc) -> PyResult {
    let c = unsafe { *ic };
    if let Some(t) = global_table(globals, &c) {
        if t.version() == c.keys {
            if let Some(v) = t.hint_value(c.hint, name) {
                // a value stored under the same keys: refresh the record
                unsafe { *ic = GlobalIc { stamp: t.stamp(), value: v.as_ptr(), ..c } };
                return Ok(v.clone());
            }
        }
    }
    let v = crate::load_global(globals, name)?;
    fill_global(globals, name, ic);
    Ok(v)
}

#[cold]
fn fill_global(globals: &Obj, name: &Obj, ic: *mut GlobalIc) {
    let mut rec = GLOBAL_IC_EMPTY;
    if let Some(Ok(t)) = as_dict(globals).map(|cell| cell.try_borrow()) {
        match t.index_of_str(name) {
            Some(ix) => {
                if let Some(v) = t.hint_value(ix, name) {
                    rec = GlobalIc { globals: 0, stamp: t.stamp(), keys: t.version(), value: v.as_ptr(), hint: ix };
                }
            }
            None => {
                let gv = t.version();
                drop(t);
                let b = crate::builtins::builtins_dict();
                if let Some(Ok(bt)) = as_dict(&b).map(|cell| cell.try_borrow()) {
                    if let Some(ix) = bt.index_of_str(name) {
                        if let Some(v) = bt.hint_value(ix, name) {
                            rec = GlobalIc { globals: gv, stamp: bt.stamp(), keys: bt.version(), value: v.as_ptr(), hint: ix };
                        }
                    }
                };
            }
        }
    };
    unsafe { *ic = rec };
}

// ---------------------------------------------------------------- LOAD_ATTR

/// The value of `name` in the instance dict of `o`, trying the cached entry index first.
/// The cells are read without taking their borrows: nothing here runs code or writes them (a
/// dict being written is mutably borrowed, and then the generic lookup below answers).
#[inline]
fn instance_get(o: &Obj, name: &Obj, hint: u32) -> Option<Obj> {
    let i = unsafe { o.data::<InstanceObj>() };
    let d = unsafe { i.dict.try_borrow_unguarded().ok()?.as_ref()? };
    if let Some(cell) = as_dict(d) {
        if let Ok(t) = unsafe { cell.try_borrow_unguarded() } {
            if let Some(v) = t.hint_value(hint, name) {
                return Some(v.clone());
            }
        }
    }
    crate::objects::dict::dict_get_str(d, name)
}

/// The instance dict of `o` has `name`. The record keeps the name's bloom bit: a dict
/// without it (most instances: a few attributes, none named as a method) is not probed.
#[inline]
fn instance_has(o: &Obj, name: &Obj, bit: u8) -> bool {
    let bit = 1u64 << (bit & 63);
    let i = unsafe { o.data::<InstanceObj>() };
    // read without taking the borrows, as `instance_get`
    let d = match unsafe { i.dict.try_borrow_unguarded() } {
        Ok(Some(d)) => d,
        Ok(None) => return false,
        Err(_) => return crate::objects::typeobj::instance_dict_transient(o).map_or(false, |d| crate::objects::dict::dict_get_str(&d, name).is_some()),
    };
    if let Some(Ok(t)) = as_dict(d).map(|cell| unsafe { cell.try_borrow_unguarded() }) {
        if t.bloom_bits() & bit == 0 {
            return false;
        }
    }
    crate::objects::dict::dict_get_str(d, name).is_some()
}

/// Instances of classes deriving from these builtins keep their attributes in the side table
/// (`typeobj::extra_dict`), and the generic lookup finds nothing of the layout's own before
/// it: their loads are cached like instances' (a random.Random, a Counter, an IntEnum member).
#[inline]
fn extra_layout(o: &Obj) -> bool {
    o.ty().heap && matches!(o.layout(), Layout::Random | Layout::List | Layout::Dict | Layout::Set | Layout::Int | Layout::Float | Layout::Str)
}

#[inline]
fn extra_get(o: &Obj, name: &Obj) -> Option<Obj> {
    typeobj::extra_dict(o, false).and_then(|d| crate::objects::dict::dict_get_str(&d, name))
}

/// The receiver is an instance of the record's own class (the monomorphic case: its `attr`
/// and `hint` apply).
#[inline(always)]
fn instance_hit(o: &Obj, c: &AttrIc) -> bool {
    std::ptr::eq(o.ty(), c.ty) && c.tag == type_version()
}

/// The record's entry for the receiver's class, as (class attribute, entry index): the
/// record's own when it is the record's class, else one of its other entries
/// (`AttrIc::more`). Nothing for another type or epoch.
#[inline(always)]
fn entry_for(o: &Obj, c: &AttrIc) -> Option<Entry> {
    if instance_hit(o, c) {
        return Some(Entry { attr: c.attr, hint: c.hint });
    }
    alt_for(o, c)
}

/// `entry_for` past the record's own class: one of its other entries.
#[inline]
fn alt_for(o: &Obj, c: &AttrIc) -> Option<Entry> {
    let t = o.ty() as *const TypeObject;
    if c.tag != type_version() {
        return None;
    }
    let i = if std::ptr::eq(t, c.more[0].ty) {
        0
    } else if std::ptr::eq(t, c.more[1].ty) {
        1
    } else if std::ptr::eq(t, c.more[2].ty) {
        2
    } else {
        return None;
    };
    Some(Entry { attr: c.more[i].attr, hint: c.hints[i] })
}

/// What `entry_for` gives: an entry's class attribute and instance dict entry index.
#[derive(Clone, Copy)]
struct Entry {
    attr: *const PyObjectHeader,
    hint: u32,
}


/// The kinds whose records answer for several receiver types (`AttrIc::more`): what they
/// keep per type is the class attribute and the entry index alone.
#[inline]
fn poly_kind(k: u8) -> bool {
    matches!(k, INSTANCE | DATA_DESCR | METHOD | STORE)
}

/// Site record `c` and record `s` (just found or filled for another receiver type) can be one
/// record: same kind, both of the current type epoch, same class data epoch (so a plain
/// class value is one in every entry or in none).
#[inline]
fn can_merge(c: &AttrIc, s: &AttrIc) -> bool {
    c.kind == s.kind && poly_kind(c.kind) && !c.ty.is_null() && !s.ty.is_null()
        && c.tag == s.tag && c.tag == type_version() && c.data == s.data
}

/// The site's record becomes `s`, or, when the two can be one record, also answers for
/// `s`'s type with `s`'s attribute and index (replacing what it had for that type; a new
/// type takes the first other entry and the oldest gives way).
#[inline]
fn site_learn(ic: *mut AttrIc, s: &AttrIc) {
    let c = unsafe { *ic };
    if !can_merge(&c, s) {
        unsafe { *ic = *s };
        return;
    }
    let t = s.ty;
    let alt = Alt { ty: t, attr: s.attr };
    let r = if std::ptr::eq(c.ty, t) {
        AttrIc { attr: s.attr, hint: s.hint, ..c }
    } else if let Some(i) = c.more.iter().position(|m| std::ptr::eq(m.ty, t)) {
        let mut more = c.more;
        let mut hints = c.hints;
        more[i] = alt;
        hints[i] = s.hint;
        AttrIc { more, hints, ..c }
    } else {
        AttrIc { more: [alt, c.more[0], c.more[1]], hints: [s.hint, c.hints[0], c.hints[1]], ..c }
    };
    unsafe { *ic = r };
}

#[inline]
fn borrowed(p: *const PyObjectHeader) -> Obj {
    // held by a class dict while the type epoch is unchanged
    unsafe { Obj::from_static_ptr(p) }
}

/// The load a record answers for `o.name`, or None when it does not apply.
#[inline(always)]
fn load_hit(o: &Obj, name: &Obj, c: &AttrIc) -> Option<PyResult> {
    match c.kind {
        INSTANCE => {
            let e = entry_for(o, c)?;
            if let Some(v) = instance_get(o, name, e.hint) {
                return Some(Ok(v));
            }
            if !e.attr.is_null() && (c.data == 0 || c.data == typeobj::class_data_version()) {
                return Some(bind_attr(borrowed(e.attr), o));
            }
        }
        EXTRA if instance_hit(o, c) => {
            if let Some(v) = extra_get(o, name) {
                return Some(Ok(v));
            }
            if !c.attr.is_null() && (c.data == 0 || c.data == typeobj::class_data_version()) {
                return Some(bind_attr(borrowed(c.attr), o));
            }
        }
        EXTRA_NATIVE if instance_hit(o, c) && extra_get(o, name).is_none() => {
            return Some(Ok(crate::objects::builtin_fn::new_builtin_method(c.sname.unwrap(), o.clone(), c.func.unwrap())));
        }
        DATA_DESCR => return entry_for(o, c).map(|e| bind_attr(borrowed(e.attr), o)),
        BUILTIN_LOAD if std::ptr::eq(o.ty(), c.ty) => {
            return Some(Ok(crate::objects::builtin_fn::new_builtin_method(c.sname.unwrap(), o.clone(), c.func.unwrap())));
        }
        MODULE if o.layout() == Layout::Module && !o.ty().heap => {
            let d = &as_module(o).unwrap().dict;
            if dict_version(d) == Some(c.tag) {
                if let Some(v) = hinted(d, c.hint, name) {
                    return Some(Ok(v));
                }
            }
        }
        CLASS => return class_get(o, name, c).map(Ok),
        TYPE_NAME if o.layout() == Layout::Type && std::ptr::eq(o.ty(), c.ty) && o.as_type().heap && c.tag == type_version() => {
            return Some(Ok(typeobj::heap_type_name(o.as_type())));
        }
        _ => {}
    }
    None
}

/// The value a CLASS record gives for `o.name`, `o` a class.
#[inline]
fn class_get(o: &Obj, name: &Obj, c: &AttrIc) -> Option<Obj> {
    if o.layout() != Layout::Type || !std::ptr::eq(o.as_type(), c.ty) || c.tag != type_version() {
        return None;
    }
    if !c.attr.is_null() {
        return Some(borrowed(c.attr));
    }
    type_lookup_obj(o.as_type(), name).filter(typeobj::is_plain_class_value)
}

/// The function a CLASS_DESCR record gives for `o.name(..)` on class `o`, and whether the
/// class goes first (a classmethod).
#[inline]
fn class_descr_hit(o: &Obj, c: &AttrIc) -> Option<(Obj, bool)> {
    if o.layout() != Layout::Type || !std::ptr::eq(o.as_type(), c.ty) || c.tag != type_version() {
        return None;
    }
    let descr = borrowed(c.attr);
    let d = crate::objects::module::as_descr(&descr)?;
    Some((d.fget.clone(), d.kind == 2))
}

/// A CLASS record for `o.name`, `o` a heap class whose metaclass neither overrides
/// `__getattribute__` nor has the name (so nothing the metaclass holds comes first), when the
/// class's MRO gives a function (class access returns it as it is) or plain data (read again
/// at each hit: a class counter's stores renew only the class data epoch, not the type one).
/// Dunder names are left to the generic lookup (`__name__`, `__dict__`, `__doc__` are
/// answered by `type` itself).
fn class_record(o: &Obj, name: &Obj, call: bool) -> AttrIc {
    let mut r = ATTR_IC_EMPTY;
    let t = o.as_type();
    let meta = o.ty();
    if !t.heap {
        return r;
    }
    let tag = type_version();
    if !call && name.as_str() == Some("__name__") {
        // what `typeobj::type_getattr` answers before anything of the class or the metaclass
        // is looked at, unless the metaclass overrides `__getattribute__`
        if !(meta.heap && type_lookup(meta, "__getattribute__").is_some()) && tag == type_version() {
            r.kind = TYPE_NAME;
            r.ty = meta;
            r.tag = tag;
        }
        return r;
    }
    if !matches!(name.as_str(), Some(n) if !n.starts_with("__")) {
        return r;
    }
    if meta.heap {
        if typeobj::overrides_getattribute(meta) {
            return r;
        }
        if type_lookup_obj(meta, name).is_some() {
            return r;
        }
    }
    let v = match type_lookup_obj(t, name) {
        Some(v) => v,
        None => return r,
    };
    let descr = call && (v.is_type(&crate::objects::module::CLASSMETHOD_TYPE)
        || v.is_type(&crate::objects::module::STATICMETHOD_TYPE));
    if v.layout() == Layout::Function || descr {
        r.attr = v.as_ptr();
    } else if !typeobj::is_plain_class_value(&v) {
        return r;
    }
    if tag == type_version() {
        r.kind = if descr { CLASS_DESCR } else { CLASS };
        r.ty = t;
        r.tag = tag;
    }
    r
}

/// LOAD_ATTR through the site's cache. Natively `getattr_ic_call` itself. On wasm32 the
/// commonest hit (an instance dict entry at the record's index) is inline at the site, as
/// LOAD_GLOBAL's: a call would cost wasmtime's frame and stack check and the result's trip
/// through the shadow stack, about as much as the hit. Only hot units print it; cold (library)
/// units call `getattr_ic_call`, so the hit is not copied into every stdlib site.
#[cfg(target_arch = "wasm32")]
#[inline(always)]
pub fn getattr_ic(o: &Obj, name: &Obj, ic: *mut AttrIc) -> PyResult {
    let c = unsafe { &*ic };
    if c.kind == INSTANCE && c.tag == type_version() {
        // the record's own class or one of its others (a polymorphic site: `self.tid` in a
        // base class method), each with its own entry index
        let t = o.ty() as *const TypeObject;
        let hint = if std::ptr::eq(t, c.ty) {
            Some(c.hint)
        } else if std::ptr::eq(t, c.more[0].ty) {
            Some(c.hints[0])
        } else if std::ptr::eq(t, c.more[1].ty) {
            Some(c.hints[1])
        } else if std::ptr::eq(t, c.more[2].ty) {
            Some(c.hints[2])
        } else {
            None
        };
        if let Some(h) = hint {
            if let Some(v) = instance_hinted(o, name, h) {
                return Ok(v);
            }
        }
    }
    getattr_ic_call(o, name, ic)
}

#[cfg(not(target_arch = "wasm32"))]
#[inline(always)]
pub fn getattr_ic(o: &Obj, name: &Obj, ic: *mut AttrIc) -> PyResult {
    getattr_ic_call(o, name, ic)
}

/// LOAD_ATTR through the site's cache, then the shared records (a polymorphic site), as a
/// call of its own. The commonest hit (an instance dict entry) is tested first, on the
/// record in place.
#[inline(never)]
pub fn getattr_ic_call(o: &Obj, name: &Obj, ic: *mut AttrIc) -> PyResult {
    let c = unsafe { &*ic };
    if c.kind == INSTANCE && instance_hit(o, c) {
        if let Some(v) = instance_hinted(o, name, c.hint) {
            return Ok(v);
        }
        // a plain class value (`self.LATENCY`: an int, a str, a tuple) no instance attribute
        // shadows, in the class data epoch it was read in: returned as it is (binding it
        // would find no `__get__`)
        if c.data != 0 && c.data == typeobj::class_data_version() && !instance_has(o, name, c.bit) {
            return Ok(borrowed(c.attr));
        }
    }
    getattr_ic_slow(o, name, ic)
}

/// CPython's LOAD_ATTR_INSTANCE_VALUE: the value at the record's entry index of the instance
/// dict when that entry holds the name (the same object: names are interned per unit), with
/// no hash and no probe; inlined into `getattr_ic`. Anything else (another name there, a
/// dict being written, a replaced `__dict__` that is not a dict) is left to the slow path.
#[inline(always)]
fn instance_hinted(o: &Obj, name: &Obj, hint: u32) -> Option<Obj> {
    let i = unsafe { o.data::<InstanceObj>() };
    let d = unsafe { i.dict.try_borrow_unguarded().ok()?.as_ref()? };
    let t = unsafe { as_dict(d)?.try_borrow_unguarded().ok()? };
    t.hint_value_same(hint, name).cloned()
}

#[inline(never)]
fn getattr_ic_slow(o: &Obj, name: &Obj, ic: *mut AttrIc) -> PyResult {
    {
        // the hits that run no code, read in place (a copy of the record costs a memcpy)
        let c = unsafe { &*ic };
        match c.kind {
            INSTANCE => {
                if let Some(e) = alt_for(o, c) {
                    if let Some(v) = instance_hinted(o, name, e.hint) {
                        return Ok(v);
                    }
                }
            }
            TYPE_NAME if o.layout() == Layout::Type && std::ptr::eq(o.ty(), c.ty) && o.as_type().heap && c.tag == type_version() => {
                return Ok(typeobj::heap_type_name(o.as_type()));
            }
            _ => {}
        }
    }
    let c = unsafe { *ic };
    if let Some(r) = load_hit(o, name, &c) {
        return r;
    }
    if let Some(s) = shared_get(o, name, Op::Load) {
        if let Some(r) = load_hit(o, name, &s) {
            site_learn(ic, &s);
            return r;
        }
    }
    let v = crate::getattr(o, name)?;
    fill_attr(o, name, ic, false);
    Ok(v)
}

// ---------------------------------------------------------------- shared records

/// What a record was filled for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    Load,
    Call,
    Store,
}

/// A record some site filled, findable by (receiver type, name, op): a site that sees several
/// classes (`self.x` in a base class method) finds the record for this receiver's class here
/// instead of resolving the attribute again, like CPython's type attribute cache but one step
/// further (the resolution, not just the class attribute). Entries are validated exactly as
/// site records are; the name is compared by identity (site names are interned constants).
#[derive(Clone, Copy)]
struct Shared {
    name: *const PyObjectHeader,
    op: Op,
    rec: AttrIc,
}

const SHARED_SIZE: usize = 1024;
const SHARED_EMPTY: Shared = Shared { name: std::ptr::null(), op: Op::Load, rec: ATTR_IC_EMPTY };
static mut SHARED: [Shared; SHARED_SIZE] = [SHARED_EMPTY; SHARED_SIZE];

#[inline]
fn shared_index(ty: *const TypeObject, name: &Obj, op: Op) -> usize {
    let h = (ty as usize >> 4) ^ (name.addr() >> 3).wrapping_mul(0x9E37) ^ (op as usize);
    h & (SHARED_SIZE - 1)
}

#[inline]
fn shared_get(o: &Obj, name: &Obj, op: Op) -> Option<AttrIc> {
    let e = unsafe { SHARED[shared_index(o.ty(), name, op)] };
    if std::ptr::eq(e.name, name.as_ptr()) && e.op == op && std::ptr::eq(e.rec.ty, o.ty()) {
        Some(e.rec)
    } else {
        None
    }
}

/// Keeps `rec` (just filled for `o.name`) for other sites; module and class records key on
/// one module or class, not on the receiver's type, so they stay with their site.
fn shared_put(o: &Obj, name: &Obj, op: Op, rec: AttrIc) {
    if matches!(rec.kind, EMPTY | MODULE | SUPER | CLASS | CLASS_DESCR | TYPE_NAME) {
        return;
    }
    unsafe { SHARED[shared_index(o.ty(), name, op)] = Shared { name: name.as_ptr(), op, rec } };
}

/// A class attribute lookup that instance sites may cache: none when the class overrides
/// `__getattribute__` (or `__setattr__`, for stores).
fn cacheable_class(o: &Obj, store: bool) -> bool {
    let ty = o.ty();
    ty.heap
        && (o.layout() == Layout::Instance || (!store && extra_layout(o)))
        && !typeobj::overrides_getattribute(ty)
        && (!store || type_lookup(ty, "__setattr__").is_none())
}

#[cold]
fn fill_attr(o: &Obj, name: &Obj, ic: *mut AttrIc, call: bool) {
    let rec = attr_record(o, name, call);
    site_learn(ic, &rec);
    shared_put(o, name, if call { Op::Call } else { Op::Load }, rec);
}

fn attr_record(o: &Obj, name: &Obj, call: bool) -> AttrIc {
    let mut r = ATTR_IC_EMPTY;
    if name.as_str().is_none() {
        return r;
    }
    if o.layout() == Layout::Module && !o.ty().heap {
        let d = &as_module(o).unwrap().dict;
        if let (Some(v), Some(ix)) = (dict_version(d), dict_index(d, name)) {
            r.kind = MODULE;
            r.tag = v;
            r.hint = ix;
        }
        return r;
    }
    let ty = o.ty();
    if call && o.layout() == Layout::Super {
        return super_record(o, name);
    }
    if o.layout() == Layout::Type {
        return class_record(o, name, call);
    }
    if call && !ty.heap && !matches!(o.layout(), Layout::Type | Layout::Module | Layout::Super) {
        if let Some(f) = name.as_str().filter(|n| *n != "__hash__").and_then(|n| ty.find_method(n)) {
            r.kind = BUILTIN;
            r.ty = ty;
            r.func = Some(f);
        }
        return r;
    }
    if !call && !ty.heap && matches!(ty.layout, Layout::List | Layout::Dict | Layout::Set | Layout::Str | Layout::Tuple | Layout::Bytes) {
        // what `attr::getattr` answers for these: a bound method from the type's table
        // (builtin containers have no data attributes)
        if let Some((sname, f)) = name.as_str().filter(|n| *n != "__hash__").and_then(|n| ty.find_named_method(n)) {
            r.kind = BUILTIN_LOAD;
            r.ty = ty;
            r.func = Some(f);
            r.sname = Some(sname);
        }
        return r;
    }
    if !cacheable_class(o, false) {
        return r;
    }
    r.ty = ty;
    r.tag = type_version();
    let cls_attr = type_lookup_obj(ty, name);
    r.attr = cls_attr.as_ref().map_or(std::ptr::null(), |a| a.as_ptr());
    if matches!(&cls_attr, Some(a) if typeobj::is_plain_class_value(a)) {
        r.data = typeobj::class_data_version();
    }
    let side = o.layout() != Layout::Instance;
    if side && cls_attr.is_none() {
        return native_record(o, name, r);
    }
    r.kind = match &cls_attr {
        Some(a) if is_data_descriptor(a) => DATA_DESCR,
        Some(a) if call && a.layout() == Layout::Function => if side { EXTRA_METHOD } else { METHOD },
        _ => if side { EXTRA } else { INSTANCE },
    };
    if let Some(d) = typeobj::instance_dict_transient(o) {
        r.hint = dict_index(&d, name).unwrap_or(0);
    }
    match crate::objects::str::str_obj(name) {
        // the shift `bloom_bit` makes
        Some(so) => r.bit = (crate::objects::str::str_hash(so) as u64 & 63) as u8,
        // a name that is not an exact str (no bloom bit to test): not cached
        None => return ATTR_IC_EMPTY,
    }
    // the lookup above may have run code (`__set__` lookups): the epoch read first must hold
    if r.tag != type_version() {
        r.kind = EMPTY;
    }
    r
}

/// An EXTRA_NATIVE record (or none) for a name the class does not have, on an object whose
/// layout has no attributes of its own the generic lookup would find first.
fn native_record(o: &Obj, name: &Obj, mut r: AttrIc) -> AttrIc {
    let n = name.as_str().unwrap_or("__class__");
    let plain_layout = matches!(o.layout(), Layout::Random | Layout::List | Layout::Dict | Layout::Set | Layout::Str);
    match o.ty().find_named_method(n) {
        Some((sname, f)) if plain_layout && n != "__class__" && n != "__hash__" && r.tag == type_version() => {
            r.kind = EXTRA_NATIVE;
            r.func = Some(f);
            r.sname = Some(sname);
        }
        _ => r.kind = EMPTY,
    }
    r
}

/// A SUPER record for `super().name(...)` when the name is a plain function of a class.
fn super_record(o: &Obj, name: &Obj) -> AttrIc {
    let mut r = ATTR_IC_EMPTY;
    let tag = type_version();
    if let Some(f) = superobj::super_method(o, name) {
        let s = superobj::as_super(o).unwrap();
        // the lookup runs no code, but keep the rule: the epoch read first must still hold
        if tag == type_version() {
            r = AttrIc { ty: s.obj.ty(), tag, attr: f.as_ptr(), data: s.cls as *const TypeObject as u64, kind: SUPER, ..ATTR_IC_EMPTY };
        }
    }
    r
}

/// The receiver is `super(cls, obj)` of the record's cls and type(obj).
#[inline]
fn super_hit<'a>(o: &'a Obj, c: &AttrIc) -> Option<&'a superobj::SuperObj> {
    let s = superobj::as_super(o)?;
    if std::ptr::eq(s.obj.ty(), c.ty) && c.data == s.cls as *const TypeObject as u64
        && c.tag == type_version() && s.obj.layout() != Layout::Type
        && std::ptr::eq(o.ty(), &superobj::SUPER_TYPE) {
        Some(s)
    } else {
        None
    }
}

// ---------------------------------------------------------------- STORE_ATTR

/// STORE_ATTR through the site's cache.
#[inline(never)]
pub fn setattr_ic(o: &Obj, name: &Obj, v: Obj, ic: *mut AttrIc) -> PyResult<()> {
    let c = unsafe { &*ic };
    if c.kind == STORE && instance_hit(o, c) {
        return match store_hinted(o, name, c.hint, v) {
            Ok(old) => {
                // after the borrows: its `__del__` may run any code
                drop(old);
                Ok(())
            }
            Err(v) => setattr_ic_slow(o, name, v, ic),
        };
    }
    setattr_ic_slow(o, name, v, ic)
}

/// CPython's STORE_ATTR_INSTANCE_VALUE: the value goes into the record's entry of the
/// instance dict when that entry holds the name, or is appended there when the dict has just
/// that many entries and lacks the name (`DictTable::hint_store`); inlined into `setattr_ic`.
#[inline(always)]
fn store_hinted(o: &Obj, name: &Obj, hint: u32, v: Obj) -> Result<Option<Obj>, Obj> {
    let i = unsafe { o.data::<InstanceObj>() };
    // nothing below runs code, so the instance's dict slot cannot change under the reference
    let d = match unsafe { i.dict.try_borrow_unguarded() } {
        Ok(Some(d)) => d,
        _ => return Err(v),
    };
    let cell = match as_dict(d) {
        Some(c) => c,
        None => return Err(v),
    };
    match cell.try_borrow_mut() {
        Ok(mut t) => t.hint_store(hint, name, v),
        Err(_) => Err(v),
    }
}

#[inline(never)]
fn setattr_ic_slow(o: &Obj, name: &Obj, v: Obj, ic: *mut AttrIc) -> PyResult<()> {
    // this receiver's class's entry of the record (a polymorphic site), if it has one
    let mut c = match unsafe { *ic } {
        r if r.kind == STORE => match entry_for(o, &r) {
            Some(e) => AttrIc { ty: o.ty(), attr: e.attr, hint: e.hint, ..r },
            None => r,
        },
        r => r,
    };
    if !(c.kind == STORE && instance_hit(o, &c)) {
        if let Some(s) = shared_get(o, name, Op::Store) {
            if s.kind == STORE && instance_hit(o, &s) {
                site_learn(ic, &s);
                c = s;
            }
        }
    }
    if c.kind == STORE && instance_hit(o, &c) {
        let i = unsafe { o.data::<InstanceObj>() };
        // the store under the borrows; the old value is dropped after them (its `__del__` may
        // run any code, even replace this instance's `__dict__`)
        // a key the dict lacks is appended when it would land at the record's index (a new
        // instance filled by `__init__` in the order the record was filled in)
        let r = match &*i.dict.borrow() {
            Some(d) => match as_dict(d).and_then(|cell| cell.try_borrow_mut().ok()) {
                Some(mut t) if !t.type_ns => match t.hint_replace(c.hint, name, v) {
                    Ok(old) => Ok(Some(old)),
                    Err(v) => match crate::objects::str::str_obj(name) {
                        Some(so) => t.hint_append(c.hint, name, crate::objects::str::str_hash(so), v).map(|()| None),
                        None => Err(v),
                    },
                },
                _ => Err(v),
            },
            None => Err(v),
        };
        return match r {
            Ok(old) => {
                drop(old);
                Ok(())
            }
            Err(v) => match typeobj::instance_dict_transient(o) {
                Some(d) => crate::objects::dict::dict_set(&d, name.clone(), v),
                None => {
                    crate::setattr(o, name, v)?;
                    fill_store(o, name, ic);
                    Ok(())
                }
            },
        };
    }
    crate::setattr(o, name, v)?;
    fill_store(o, name, ic);
    Ok(())
}

#[cold]
fn fill_store(o: &Obj, name: &Obj, ic: *mut AttrIc) {
    let mut r = ATTR_IC_EMPTY;
    if name.as_str().is_some() && cacheable_class(o, true) && !matches!(name.as_str(), Some("__class__") | Some("__dict__")) {
        let ty = o.ty();
        let tag = type_version();
        let plain = match type_lookup_obj(ty, name) {
            Some(a) => !is_data_descriptor(&a),
            None => true,
        };
        if plain && typeobj::slot_allows(ty, name) && tag == type_version() {
            if let Some(d) = typeobj::instance_dict_transient(o) {
                r = AttrIc { ty, tag, hint: dict_index(&d, name).unwrap_or(0), kind: STORE, ..ATTR_IC_EMPTY };
            }
        }
    }
    site_learn(ic, &r);
    shared_put(o, name, Op::Store, r);
}

// ---------------------------------------------------------------- LOAD_METHOD + CALL

/// A builtin type's method called on `this` with `args`: the arguments in an array on the
/// stack for up to three of them (a vector beyond).
#[inline]
fn call_native(f: MethodFn, this: &Obj, args: &[&Obj], kwnames: Option<&Obj>) -> PyResult {
    match args {
        [] => f(this, &[], kwnames),
        [a] => f(this, &[(*a).clone()], kwnames),
        [a, b] => f(this, &[(*a).clone(), (*b).clone()], kwnames),
        [a, b, c] => f(this, &[(*a).clone(), (*b).clone(), (*c).clone()], kwnames),
        _ => {
            let a: Vec<Obj> = args.iter().map(|x| (*x).clone()).collect();
            f(this, &a, kwnames)
        }
    }
}

/// `o.name(args)` through the site's cache: a function on the class is called with `o`
/// prepended (no bound method), a builtin type's method directly, a module's function
/// through its dict entry.
#[inline(never)]
pub fn call_attr_ic(o: &Obj, name: &Obj, ic: *mut AttrIc, args: &[&Obj], kwnames: Option<&Obj>) -> PyResult {
    // the commonest hit first, on the record in place: a method of the receiver's class
    let c = unsafe { &*ic };
    match c.kind {
        METHOD if instance_hit(o, c) => {
            if !instance_has(o, name, c.bit) {
                // the function is taken (increfed) before the call: the call may refill the
                // record
                let f = borrowed(c.attr);
                return crate::call_function_with_self(&f, o, args, kwnames);
            }
        }
        BUILTIN if std::ptr::eq(o.ty(), c.ty) => {
            let f = c.func.unwrap();
            return call_native(f, o, args, kwnames);
        }
        _ => {}
    }
    call_attr_ic_slow(o, name, ic, args, kwnames)
}

/// `call_attr_ic` without keywords, for the fixed-arity entries (`call_attr_ic0`..`3`): a
/// method of the receiver's class goes straight to the function's fixed-arity entry
/// (`call_fast`) and a builtin type's method to its Rust function, each entry being the one
/// call between the site and `enter_fast` (on wasm32 every call layer costs wasmtime's frame,
/// its stack check and the result's trip through the shadow stack).
#[inline(always)]
fn call_attr_fixed(o: &Obj, name: &Obj, ic: *mut AttrIc, args: &[&Obj]) -> PyResult {
    let c = unsafe { &*ic };
    match c.kind {
        // the record's own class; its other classes in `call_attr_ic_slow`
        METHOD if instance_hit(o, c) => {
            if !instance_has(o, name, c.bit) {
                // the function is taken (increfed) before the call: the call may refill the
                // record
                let f = borrowed(c.attr);
                if let Some(r) = crate::objects::function::call_fast(&f, Some(o), args) {
                    return r;
                }
                return crate::call_function_with_self(&f, o, args, None);
            }
        }
        BUILTIN if std::ptr::eq(o.ty(), c.ty) => {
            let f = c.func.unwrap();
            return call_native(f, o, args, None);
        }
        _ => {}
    }
    call_attr_ic_slow(o, name, ic, args, None)
}

#[inline(never)]
fn call_attr_ic_slow(o: &Obj, name: &Obj, ic: *mut AttrIc, args: &[&Obj], kwnames: Option<&Obj>) -> PyResult {
    {
        // a METHOD record's other classes (a polymorphic call site), read in place
        let c = unsafe { &*ic };
        if c.kind == METHOD {
            if let Some(e) = alt_for(o, c) {
                if !instance_has(o, name, c.bit) {
                    // taken (increfed) before the call: the call may refill the record
                    let f = borrowed(e.attr);
                    if kwnames.is_none() {
                        if let Some(r) = crate::objects::function::call_fast(&f, Some(o), args) {
                            return r;
                        }
                    }
                    return crate::call_function_with_self(&f, o, args, kwnames);
                }
            }
        }
    }
    let c = unsafe { *ic };
    if let Some(r) = call_hit(o, name, &c, args, kwnames) {
        return r;
    }
    if let Some(s) = shared_get(o, name, Op::Call) {
        if let Some(r) = call_hit(o, name, &s, args, kwnames) {
            site_learn(ic, &s);
            return r;
        }
    }
    fill_attr(o, name, ic, true);
    crate::call_attr(o, name, args.iter().map(|x| (*x).clone()).collect(), kwnames)
}

/// The call a record answers for `o.name(args)`, or None when it does not apply.
#[inline(always)]
fn call_hit(o: &Obj, name: &Obj, c: &AttrIc, args: &[&Obj], kwnames: Option<&Obj>) -> Option<PyResult> {
    match c.kind {
        METHOD => {
            let e = entry_for(o, c)?;
            if !instance_has(o, name, c.bit) {
                return Some(crate::call_function_with_self(&borrowed(e.attr), o, args, kwnames));
            }
        }
        EXTRA_METHOD if instance_hit(o, c) && extra_get(o, name).is_none() => {
            return Some(crate::call_function_with_self(&borrowed(c.attr), o, args, kwnames));
        }
        EXTRA_NATIVE if instance_hit(o, c) && extra_get(o, name).is_none() => {
            return Some(call_native(c.func.unwrap(), o, args, kwnames));
        }
        SUPER => {
            if let Some(s) = super_hit(o, c) {
                return Some(crate::call_function_with_self(&borrowed(c.attr), &s.obj, args, kwnames));
            }
        }
        BUILTIN if std::ptr::eq(o.ty(), c.ty) => {
            return Some(call_native(c.func.unwrap(), o, args, kwnames));
        }
        MODULE if o.layout() == Layout::Module && !o.ty().heap => {
            let d = &as_module(o).unwrap().dict;
            if dict_version(d) == Some(c.tag) {
                if let Some(f) = hinted(d, c.hint, name) {
                    return Some(crate::call(&f, args.iter().map(|x| (*x).clone()).collect(), kwnames));
                }
            }
        }
        CLASS => {
            if let Some(f) = class_get(o, name, c) {
                return Some(crate::call(&f, args.iter().map(|x| (*x).clone()).collect(), kwnames));
            }
        }
        CLASS_DESCR => {
            if let Some((f, bind)) = class_descr_hit(o, c) {
                return Some(if bind {
                    crate::call_function_with_self(&f, o, args, kwnames)
                } else {
                    crate::call(&f, args.iter().map(|x| (*x).clone()).collect(), kwnames)
                });
            }
        }
        _ => {}
    }
    None
}

#[inline(never)]
pub fn call_attr_ic0(o: &Obj, name: &Obj, ic: *mut AttrIc) -> PyResult {
    call_attr_fixed(o, name, ic, &[])
}

#[inline(never)]
pub fn call_attr_ic1(o: &Obj, name: &Obj, ic: *mut AttrIc, a: &Obj) -> PyResult {
    call_attr_fixed(o, name, ic, &[a])
}

#[inline(never)]
pub fn call_attr_ic2(o: &Obj, name: &Obj, ic: *mut AttrIc, a: &Obj, b: &Obj) -> PyResult {
    call_attr_fixed(o, name, ic, &[a, b])
}

#[inline(never)]
pub fn call_attr_ic3(o: &Obj, name: &Obj, ic: *mut AttrIc, a: &Obj, b: &Obj, c: &Obj) -> PyResult {
    call_attr_fixed(o, name, ic, &[a, b, c])
}

/// `o.name(*args, kw=...)` with the arguments in a vector (keywords named by `kwnames`).
#[inline(never)]
pub fn call_attr_icv(o: &Obj, name: &Obj, ic: *mut AttrIc, args: Vec<Obj>, kwnames: Option<&Obj>) -> PyResult {
    let refs: Vec<&Obj> = args.iter().collect();
    call_attr_ic(o, name, ic, &refs, kwnames)
}

// ---------------------------------------------------------------- LOAD_METHOD, then CALL

/// What a LOAD_METHOD site loaded (CPython's method / self pair on the stack): a function on
/// the class with the receiver to prepend, a builtin type's method with its receiver, or the
/// attribute's value as `o.name` gives it (no method: an instance attribute, a module
/// function, a property's result, ...). No bound-method object is made for the first two.
pub enum Meth {
    Bound(Obj, Obj),
    Native(MethodFn, Obj),
    Value(Obj),
}

/// The Meth a call record gives for `o.name`, or None when it does not apply.
#[inline(always)]
fn method_hit(o: &Obj, name: &Obj, c: &AttrIc) -> Option<PyResult<Meth>> {
    match c.kind {
        METHOD => match entry_for(o, c) {
            Some(e) if !instance_has(o, name, c.bit) => Some(Ok(Meth::Bound(borrowed(e.attr), o.clone()))),
            _ => None,
        },
        EXTRA_METHOD if instance_hit(o, c) && extra_get(o, name).is_none() => Some(Ok(Meth::Bound(borrowed(c.attr), o.clone()))),
        EXTRA_NATIVE if instance_hit(o, c) && extra_get(o, name).is_none() => Some(Ok(Meth::Native(c.func.unwrap(), o.clone()))),
        SUPER => super_hit(o, c).map(|s| Ok(Meth::Bound(borrowed(c.attr), s.obj.clone()))),
        BUILTIN if std::ptr::eq(o.ty(), c.ty) => Some(Ok(Meth::Native(c.func.unwrap(), o.clone()))),
        INSTANCE | DATA_DESCR | EXTRA | MODULE | CLASS | TYPE_NAME => load_hit(o, name, c).map(|r| r.map(Meth::Value)),
        CLASS_DESCR => class_descr_hit(o, c).map(|(f, bind)| Ok(if bind { Meth::Bound(f, o.clone()) } else { Meth::Value(f) })),
        _ => None,
    }
}

/// LOAD_METHOD through the site's cache (its records are call records, as `call_attr_ic`'s):
/// `o.name` evaluated before the call's arguments, without binding.
#[inline(never)]
pub fn load_method_ic(o: &Obj, name: &Obj, ic: *mut AttrIc) -> PyResult<Meth> {
    // the commonest hits first, on the record in place (nothing here runs code)
    let c = unsafe { &*ic };
    match c.kind {
        // the record's own class; its other classes in `load_method_slow`
        METHOD if instance_hit(o, c) => {
            if !instance_has(o, name, c.bit) {
                return Ok(Meth::Bound(borrowed(c.attr), o.clone()));
            }
        }
        BUILTIN if std::ptr::eq(o.ty(), c.ty) => return Ok(Meth::Native(c.func.unwrap(), o.clone())),
        _ => {}
    }
    load_method_slow(o, name, ic)
}

#[inline(never)]
fn load_method_slow(o: &Obj, name: &Obj, ic: *mut AttrIc) -> PyResult<Meth> {
    {
        // a METHOD record's other classes (a polymorphic site), read in place
        let c = unsafe { &*ic };
        if c.kind == METHOD {
            if let Some(e) = alt_for(o, c) {
                if !instance_has(o, name, c.bit) {
                    return Ok(Meth::Bound(borrowed(e.attr), o.clone()));
                }
            }
        }
    }
    let c = unsafe { *ic };
    if let Some(r) = method_hit(o, name, &c) {
        return r;
    }
    if let Some(s) = shared_get(o, name, Op::Call) {
        if let Some(r) = method_hit(o, name, &s) {
            site_learn(ic, &s);
            return r;
        }
    }
    let v = crate::getattr(o, name)?;
    fill_attr(o, name, ic, true);
    Ok(Meth::Value(v))
}

/// CALL of what `load_method_ic` loaded, with the arguments in `args` (keywords named by
/// `kwnames`).
#[inline(never)]
pub fn call_meth(m: &Meth, args: &[&Obj], kwnames: Option<&Obj>) -> PyResult {
    match m {
        Meth::Bound(f, this) => crate::call_function_with_self(f, this, args, kwnames),
        Meth::Native(f, this) => call_native(*f, this, args, kwnames),
        Meth::Value(v) => match (args, kwnames) {
            ([], None) => crate::printer_support::call0(v),
            ([a], None) => crate::printer_support::call1(v, a),
            ([a, b], None) => crate::printer_support::call2(v, a, b),
            ([a, b, c], None) => crate::printer_support::call3(v, a, b, c),
            _ => crate::call(v, args.iter().map(|x| (*x).clone()).collect(), kwnames),
        },
    }
}

/// `call_meth` without keywords, for the fixed-arity entries (`call_meth0`..`3`): a loaded
/// function and receiver go straight to the function's fixed-arity entry (`call_fast`).
#[inline(always)]
fn call_meth_fixed(m: &Meth, args: &[&Obj]) -> PyResult {
    if let Meth::Bound(f, this) = m {
        if let Some(r) = crate::objects::function::call_fast(f, Some(this), args) {
            return r;
        }
    }
    call_meth(m, args, None)
}

#[inline(never)]
pub fn call_meth0(m: &Meth) -> PyResult {
    call_meth_fixed(m, &[])
}

#[inline(never)]
pub fn call_meth1(m: &Meth, a: &Obj) -> PyResult {
    call_meth_fixed(m, &[a])
}

#[inline(never)]
pub fn call_meth2(m: &Meth, a: &Obj, b: &Obj) -> PyResult {
    call_meth_fixed(m, &[a, b])
}

#[inline(never)]
pub fn call_meth3(m: &Meth, a: &Obj, b: &Obj, c: &Obj) -> PyResult {
    call_meth_fixed(m, &[a, b, c])
}

/// `call_meth` with the arguments in a vector (`*args`, keywords).
#[inline(never)]
pub fn call_methv(m: &Meth, args: Vec<Obj>, kwnames: Option<&Obj>) -> PyResult {
    let refs: Vec<&Obj> = args.iter().collect();
    call_meth(m, &refs, kwnames)
}
