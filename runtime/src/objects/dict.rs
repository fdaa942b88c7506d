//! The `dict` type: insertion-ordered hash table (CPython's compact layout: an index table
//! probed with CPython's perturbation scheme + a dense entries vector), views and iterators.
use super::exceptions::{key_error, runtime_error, type_error};
use super::str::{nargs, str_obj};
use crate::object::{alloc, GcHead, Layout, MethodFn, Obj};
use crate::ops;
use crate::PyResult;
use std::cell::{Cell, RefCell};

const EMPTY: i32 = -1;
const DUMMY: i32 = -2;

pub struct Entry {
    pub hash: i64,
    pub key: Obj,
    pub value: Obj,
}

pub struct DictTable {
    indices: Vec<i32>,
    /// Private: every write goes through a method of this file that renews `stamp` (and
    /// `version` when keys change), so no writer can leave an inline cache stale.
    entries: Vec<Option<Entry>>,
    used: usize,
    /// Keys version (CPython's `ma_version_tag` idea, for keys only): a globally unique
    /// number, renewed whenever a key is added or removed or the entries move. While it is
    /// unchanged, an entry index found for a key stays valid (inline caches of globals).
    version: u64,
    /// Contents version (CPython's dict version): a globally unique number renewed by every
    /// change of a key or a value. While it is unchanged every value is the same object, held
    /// by this dict: LOAD_GLOBAL caches the value itself under it.
    stamp: u64,
    /// A bit per key ever inserted since the table was made (bit `hash & 63`): a name whose
    /// bit is clear is surely absent (an inline cache asks whether an instance dict shadows a
    /// method without probing the table).
    bloom: u64,
    /// This dict is a class namespace: every change of it invalidates the type caches.
    pub type_ns: bool,
}

static mut DICT_VERSION: u64 = 0;

/// A keys version no dict has had before.
#[inline]
fn next_version() -> u64 {
    unsafe {
        DICT_VERSION += 1;
        DICT_VERSION
    }
}

/// `a` is the str `b` (names from different units are equal, not the same object).
#[inline]
fn same_str_key(a: &Obj, b: &Obj) -> bool {
    a.is(b) || matches!((str_obj(a), str_obj(b)), (Some(x), Some(y)) if x.s == y.s)
}

/// The bit of `DictTable::bloom` for a key of hash `h`.
#[inline]
pub fn bloom_bit(h: i64) -> u64 {
    1u64 << ((h as u64) & 63)
}

impl Default for DictTable {
    fn default() -> DictTable {
        let v = next_version();
        DictTable { indices: Vec::new(), entries: Vec::new(), used: 0, version: v, stamp: v, bloom: 0, type_ns: false }
    }
}

pub struct DictObj {
    pub gc: GcHead,
    pub d: RefCell<DictTable>,
    /// defaultdict's default_factory
    pub extra: RefCell<Option<Obj>>,
}

pub struct DictView {
    pub dict: Obj,
    pub kind: u8, // 0 keys, 1 values, 2 items
}

pub struct DictIter {
    pub dict: Obj,
    pub pos: Cell<usize>,
    pub kind: u8,
    pub len: usize,
}

crate::static_type!(DICT_TYPE, "dict", &super::typeobj::OBJECT_TYPE, Dict, &[]);
crate::static_type!(DICT_KEYS_TYPE, "dict_keys", &super::typeobj::OBJECT_TYPE, DictView, SET_VIEW_METHODS);
crate::static_type!(DICT_VALUES_TYPE, "dict_values", &super::typeobj::OBJECT_TYPE, DictView, &[]);
crate::static_type!(DICT_ITEMS_TYPE, "dict_items", &super::typeobj::OBJECT_TYPE, DictView, SET_VIEW_METHODS);

static SET_VIEW_METHODS: &[(&str, MethodFn)] = &[("isdisjoint", view_isdisjoint)];

/// `keys().isdisjoint(iterable)` (also items()).
fn view_isdisjoint(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("isdisjoint", a, 1, 1)?;
    for x in ops::collect_iterable(&a[0])? {
        if ops::contains(this, &x)? {
            return Ok(Obj::bool(false));
        }
    }
    Ok(Obj::bool(true))
}
crate::static_type!(DICT_KEYITER_TYPE, "dict_keyiterator", &super::typeobj::OBJECT_TYPE, DictIter, &[]);
crate::static_type!(DICT_VALUEITER_TYPE, "dict_valueiterator", &super::typeobj::OBJECT_TYPE, DictIter, &[]);
crate::static_type!(DICT_ITEMITER_TYPE, "dict_itemiterator", &super::typeobj::OBJECT_TYPE, DictIter, &[]);

pub fn new_dict() -> Obj {
    new_dict_of(&DICT_TYPE)
}

/// A new empty dict of a dict-layout type (dict, defaultdict, Counter, OrderedDict).
pub fn new_dict_of(ty: &'static crate::object::TypeObject) -> Obj {
    crate::gc::track(alloc(ty, DictObj { gc: GcHead::new(), d: RefCell::new(DictTable::default()), extra: RefCell::new(None) }))
}

/// A new empty dict the collector does not track: an instance's own dict, which the
/// collector sees through its instance (`gc::traverse`) until someone else gets hold of it
/// (`typeobj::instance_dict` tracks it then).
pub fn new_dict_untracked() -> Obj {
    alloc(&DICT_TYPE, DictObj { gc: GcHead::new(), d: RefCell::new(DictTable::default()), extra: RefCell::new(None) })
}

pub fn dict_extra(o: &Obj) -> Option<Obj> {
    o.payload::<DictObj>(Layout::Dict).and_then(|d| d.extra.borrow().clone())
}

pub fn set_dict_extra(o: &Obj, v: Option<Obj>) {
    if let Some(d) = o.payload::<DictObj>(Layout::Dict) {
        *d.extra.borrow_mut() = v;
    }
}

#[inline]
pub fn as_dict(o: &Obj) -> Option<&RefCell<DictTable>> {
    o.payload::<DictObj>(Layout::Dict).map(|d| &d.d)
}

/// Equality without calling Python code, for common key types.
#[inline]
fn fast_eq(a: &Obj, b: &Obj) -> Option<bool> {
    if a.is(b) {
        return Some(true);
    }
    if let (Some(x), Some(y)) = (str_obj(a), str_obj(b)) {
        return Some(x.s == y.s);
    }
    if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) {
        return Some(x == y);
    }
    None
}

/// Entries a table holds before it gets an index: up to this many, lookups scan the entries
/// (hash first) and an insert is a push. Most dicts of a program are an instance's few
/// attributes: they are made, filled and freed without an index allocation or a probe.
const SMALL: usize = 8;

/// The slot `lookup` reports for a key found in an unindexed table.
const NO_SLOT: usize = usize::MAX;

/// Probe without calling Python code: Ok(found) or Err(()) when a key needs a full `==`.
#[inline]
fn lookup_fast(t: &DictTable, key: &Obj, hash: i64) -> Result<Option<(usize, usize)>, ()> {
    if t.indices.is_empty() {
        return scan_fast(t, key, hash);
    }
    let mask = t.indices.len() - 1;
    let mut perturb = hash as u64;
    let mut i = (hash as u64 as usize) & mask;
    loop {
        let ix = t.indices[i];
        if ix == EMPTY {
            return Ok(None);
        }
        if ix >= 0 {
            let e = t.entries[ix as usize].as_ref().unwrap();
            if e.hash == hash {
                match fast_eq(&e.key, key) {
                    Some(true) => return Ok(Some((i, ix as usize))),
                    Some(false) => {}
                    None => return Err(()),
                }
            }
        }
        perturb >>= 5;
        i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
    }
}

/// `lookup_fast` of an unindexed table: the entries in order.
#[inline]
fn scan_fast(t: &DictTable, key: &Obj, hash: i64) -> Result<Option<(usize, usize)>, ()> {
    if t.bloom & bloom_bit(hash) == 0 {
        // no key with this hash's bit was ever inserted: a miss without a scan
        return Ok(None);
    }
    for (ix, e) in t.entries.iter().enumerate() {
        if let Some(e) = e {
            if e.hash == hash {
                match fast_eq(&e.key, key) {
                    Some(true) => return Ok(Some((NO_SLOT, ix))),
                    Some(false) => {}
                    None => return Err(()),
                }
            }
        }
    }
    Ok(None)
}

/// Finds `key`: Ok(Some((slot, entry index))) or Ok(None).
#[inline]
fn lookup(cell: &RefCell<DictTable>, key: &Obj, hash: i64) -> PyResult<Option<(usize, usize)>> {
    if let Ok(t) = cell.try_borrow() {
        if let Ok(r) = lookup_fast(&t, key, hash) {
            return Ok(r);
        }
    }
    lookup_slow(cell, key, hash)
}

fn lookup_slow(cell: &RefCell<DictTable>, key: &Obj, hash: i64) -> PyResult<Option<(usize, usize)>> {
    let mask = {
        let t = cell.borrow();
        if t.indices.is_empty() {
            drop(t);
            return scan_slow(cell, key, hash);
        }
        t.indices.len() - 1
    };
    let mut perturb = hash as u64;
    let mut i = (hash as u64 as usize) & mask;
    loop {
        let cand = {
            let t = cell.borrow();
            if t.indices.len() != mask + 1 {
                drop(t);
                return lookup_slow(cell, key, hash);
            }
            let ix = t.indices[i];
            if ix == EMPTY {
                return Ok(None);
            }
            if ix >= 0 {
                let e = t.entries[ix as usize].as_ref().unwrap();
                if e.hash == hash {
                    match fast_eq(&e.key, key) {
                        Some(true) => return Ok(Some((i, ix as usize))),
                        Some(false) => None,
                        None => Some((e.key.clone(), ix as usize)),
                    }
                } else {
                    None
                }
            } else {
                None
            }
        };
        if let Some((k, ix)) = cand {
            if ops::eq(&k, key)? {
                return Ok(Some((i, ix)));
            }
        }
        perturb >>= 5;
        i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
    }
}

/// `lookup_slow` of an unindexed table. A key's `==` may change the dict: each step looks at
/// the table as it is then (an index made meanwhile sends the search to the probe).
fn scan_slow(cell: &RefCell<DictTable>, key: &Obj, hash: i64) -> PyResult<Option<(usize, usize)>> {
    let mut ix = 0;
    loop {
        let cand = {
            let t = cell.borrow();
            if !t.indices.is_empty() {
                drop(t);
                return lookup_slow(cell, key, hash);
            }
            match t.entries.get(ix) {
                None => return Ok(None),
                Some(Some(e)) if e.hash == hash => match fast_eq(&e.key, key) {
                    Some(true) => return Ok(Some((NO_SLOT, ix))),
                    Some(false) => None,
                    None => Some(e.key.clone()),
                },
                Some(_) => None,
            }
        };
        if let Some(k) = cand {
            if ops::eq(&k, key)? {
                return Ok(Some((NO_SLOT, ix)));
            }
        }
        ix += 1;
    }
}

impl DictTable {
    fn find_free_slot(&self, hash: i64) -> usize {
        let mask = self.indices.len() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        while self.indices[i] >= 0 {
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
        }
        i
    }
    fn resize(&mut self, min_used: usize) {
        self.changed();
        let mut size = 8;
        while size * 2 < min_used * 3 + 2 {
            size *= 2;
        }
        let old = std::mem::take(&mut self.entries);
        let mut entries = Vec::with_capacity(size * 2 / 3);
        entries.extend(old.into_iter().flatten().map(Some));
        self.entries = entries;
        self.indices = vec![EMPTY; size];
        for ix in 0..self.entries.len() {
            let h = self.entries[ix].as_ref().unwrap().hash;
            let slot = self.find_free_slot(h);
            self.indices[slot] = ix as i32;
        }
    }
    /// Inserts a key known to be absent: a push while the table has no index and fewer than
    /// SMALL entries, else into the index (made, or grown, first when needed).
    fn insert_new(&mut self, hash: i64, key: Obj, value: Obj) {
        if self.indices.is_empty() && self.entries.len() < SMALL {
            if self.entries.capacity() == 0 {
                // a new table (every instance dict's first attribute): a direct allocation,
                // as Vec's own first growth is a general call twice as long
                let none_held = std::mem::replace(&mut self.entries, Vec::with_capacity(5));
                std::mem::forget(none_held);
            }
        } else {
            if self.indices.is_empty() || (self.entries.len() + 1) * 3 >= self.indices.len() * 2 {
                self.resize(self.used + 1);
            }
            let slot = self.find_free_slot(hash);
            self.indices[slot] = self.entries.len() as i32;
        }
        self.entries.push(Some(Entry { hash, key, value }));
        self.bloom |= bloom_bit(hash);
        self.used += 1;
        self.changed();
    }
    /// The keys changed: a new keys version (and new type caches for a class namespace).
    #[inline]
    fn changed(&mut self) {
        self.version = next_version();
        self.stamp = self.version;
        if self.type_ns {
            super::typeobj::bump_type_version();
        }
    }
    /// The entry index of `key` if its slot still holds it (an inline cache's hint).
    #[inline]
    pub fn hint_value(&self, ix: u32, key: &Obj) -> Option<&Obj> {
        match self.entries.get(ix as usize) {
            Some(Some(e)) if same_str_key(&e.key, key) => Some(&e.value),
            _ => None,
        }
    }
    /// The value at entry `ix` if its key is the object `key` itself (no text comparison).
    #[inline(always)]
    pub fn hint_value_same(&self, ix: u32, key: &Obj) -> Option<&Obj> {
        match self.entries.get(ix as usize) {
            Some(Some(e)) if e.key.is(key) => Some(&e.value),
            _ => None,
        }
    }
    /// Stores `value` into entry `ix` if it still holds `key` (a value store keeps the keys),
    /// returning the old value, or gives `value` back.
    #[inline]
    pub fn hint_replace(&mut self, ix: u32, key: &Obj, value: Obj) -> Result<Obj, Obj> {
        match self.entries.get_mut(ix as usize) {
            Some(Some(e)) if same_str_key(&e.key, key) => {
                self.stamp = next_version();
                Ok(std::mem::replace(&mut e.value, value))
            }
            _ => Err(value),
        }
    }
    /// An inline cache's attribute store (`icache::setattr_ic`): `value` into entry `ix` when
    /// its key is the object `key` itself (giving back the old value, to be dropped after the
    /// borrow), or appended as entry `ix` when the table has exactly `ix` entries and the
    /// key's bloom bit says it is absent (giving back None). Otherwise `value` comes back.
    #[inline(always)]
    pub fn hint_store(&mut self, ix: u32, key: &Obj, value: Obj) -> Result<Option<Obj>, Obj> {
        if self.type_ns {
            return Err(value);
        }
        let n = self.entries.len();
        let ix = ix as usize;
        if ix < n {
            if let Some(e) = &mut self.entries[ix] {
                if e.key.is(key) {
                    self.stamp = next_version();
                    return Ok(Some(std::mem::replace(&mut e.value, value)));
                }
            }
            return Err(value);
        }
        if ix == n {
            if let Some(so) = str_obj(key) {
                let h = super::str::str_hash(so);
                if self.bloom & bloom_bit(h) == 0 {
                    self.insert_new(h, key.clone(), value);
                    return Ok(None);
                }
            }
        }
        Err(value)
    }
    /// Appends str `key` (known by its bloom bit to be absent) as entry `ix` when the table
    /// has exactly `ix` entries: an inline cache's store of an attribute that instances of
    /// the class get in the same order (CPython's shared keys idea: `__init__` fills each new
    /// instance dict in one order), without probing the table. Gives `value` back otherwise.
    #[inline]
    pub fn hint_append(&mut self, ix: u32, key: &Obj, hash: i64, value: Obj) -> Result<(), Obj> {
        if self.entries.len() != ix as usize || self.bloom & bloom_bit(hash) != 0 || self.type_ns {
            return Err(value);
        }
        self.insert_new(hash, key.clone(), value);
        Ok(())
    }
    /// The bloom bits of the keys (see the field): a key whose `bloom_bit` is clear here is
    /// not in the table.
    #[inline]
    pub fn bloom_bits(&self) -> u64 {
        self.bloom
    }
    /// The keys version (see the field).
    #[inline]
    pub fn version(&self) -> u64 {
        self.version
    }
    /// The contents version (see the field).
    #[inline]
    pub fn stamp(&self) -> u64 {
        self.stamp
    }
    /// The entry index of str `key` (None if absent or a lookup would need `==`).
    pub fn index_of_str(&self, key: &Obj) -> Option<u32> {
        let h = super::str::str_hash(str_obj(key)?);
        match lookup_fast(self, key, h) {
            Ok(Some((_, ix))) => Some(ix as u32),
            _ => None,
        }
    }
    pub fn len(&self) -> usize {
        self.used
    }
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }
    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().flatten()
    }
}

pub fn dict_get(d: &Obj, key: &Obj) -> PyResult<Option<Obj>> {
    let cell = as_dict(d).unwrap();
    let h = ops::hash_key(key, "dict key")?;
    dict_get_h(cell, key, h)
}

pub fn dict_get_h(cell: &RefCell<DictTable>, key: &Obj, h: i64) -> PyResult<Option<Obj>> {
    Ok(match lookup(cell, key, h)? {
        Some((_, ix)) => cell.borrow().entries[ix].as_ref().map(|e| e.value.clone()),
        None => None,
    })
}

/// Looks up a str key (hash cached on the str).
#[inline]
pub fn dict_get_str(d: &Obj, key: &Obj) -> Option<Obj> {
    let cell = as_dict(d)?;
    let h = super::str::str_hash(str_obj(key)?);
    dict_get_h(cell, key, h).ok().flatten()
}

pub fn dict_set(d: &Obj, key: Obj, value: Obj) -> PyResult<()> {
    let cell = as_dict(d).unwrap();
    let h = ops::hash_key(&key, "dict key")?;
    dict_set_h(cell, key, h, value)
}

pub fn dict_set_h(cell: &RefCell<DictTable>, key: Obj, h: i64, value: Obj) -> PyResult<()> {
    match lookup(cell, &key, h)? {
        Some((_, ix)) => {
            let old = {
                let mut t = cell.borrow_mut();
                if t.type_ns {
                    let e = t.entries[ix].as_ref().unwrap();
                    super::typeobj::class_value_replaced(&e.key, &e.value, &value);
                }
                t.stamp = next_version();
                std::mem::replace(&mut t.entries[ix].as_mut().unwrap().value, value)
            };
            drop(old);
        }
        None => cell.borrow_mut().insert_new(h, key, value),
    }
    Ok(())
}

/// Removes and returns the value for `key` (None if absent).
pub fn dict_pop(d: &Obj, key: &Obj) -> PyResult<Option<Obj>> {
    let cell = as_dict(d).unwrap();
    let h = ops::hash_key(key, "dict key")?;
    match lookup(cell, key, h)? {
        Some((slot, ix)) => {
            let e = {
                let mut t = cell.borrow_mut();
                if slot != NO_SLOT {
                    t.indices[slot] = DUMMY;
                }
                t.used -= 1;
                t.changed();
                t.entries[ix].take()
            };
            Ok(e.map(|e| e.value))
        }
        None => Ok(None),
    }
}

pub fn dict_len(d: &Obj) -> usize {
    as_dict(d).unwrap().borrow().used
}

pub fn dict_items(d: &Obj) -> Vec<(Obj, Obj)> {
    as_dict(d).unwrap().borrow().iter().map(|e| (e.key.clone(), e.value.clone())).collect()
}

pub fn dict_keys(d: &Obj) -> Vec<Obj> {
    as_dict(d).unwrap().borrow().iter().map(|e| e.key.clone()).collect()
}

pub fn dict_from_pairs(pairs: Vec<(Obj, Obj)>) -> PyResult {
    let d = new_dict();
    for (k, v) in pairs {
        dict_set(&d, k, v)?;
    }
    Ok(d)
}

pub fn dict_getitem(d: &Obj, key: &Obj) -> PyResult {
    match dict_get(d, key)? {
        Some(v) => Ok(v),
        None => {
            if !d.is_type(&DICT_TYPE) {
                if let Some(h) = crate::hooks::COLLECTIONS.get() {
                    if let Some(v) = (h.dict_missing)(d, key)? {
                        return Ok(v);
                    }
                }
                // dict_subscript: a subclass's __missing__, also through a bound __getitem__
                if let Some(r) = ops::call_special(d, "__missing__", &[key]) {
                    return r;
                }
            }
            Err(key_error(key.clone()))
        }
    }
}

pub fn dict_delitem(d: &Obj, key: &Obj) -> PyResult<()> {
    match dict_pop(d, key)? {
        Some(_) => Ok(()),
        None => Err(key_error(key.clone())),
    }
}

/// dict.update semantics from a mapping or iterable of pairs.
pub fn dict_update_from(d: &Obj, src: &Obj) -> PyResult<()> {
    if as_dict(src).is_some() {
        for (k, v) in dict_items(src) {
            dict_set(d, k, v)?;
        }
        return Ok(());
    }
    if !surely_no_keys(src) && ops::has_attr_str(src, "keys") {
        let keys = ops::call_method(src, "keys", vec![], None)?;
        for k in ops::collect_iterable(&keys)? {
            let v = ops::getitem(src, &k)?;
            dict_set(d, k, v)?;
        }
        return Ok(());
    }
    for (i, item) in ops::collect_iterable(src)?.into_iter().enumerate() {
        let kv = ops::collect_iterable(&item).map_err(|_| {
            type_error(format!("cannot convert dictionary update sequence element #{} to a sequence", i))
        })?;
        if kv.len() != 2 {
            return Err(super::exceptions::value_error(format!(
                "dictionary update sequence element #{} has length {}; 2 is required",
                i,
                kv.len()
            )));
        }
        let mut it = kv.into_iter();
        let k = it.next().unwrap();
        let v = it.next().unwrap();
        dict_set(d, k, v)?;
    }
    Ok(())
}

/// `src` is a builtin sequence or iterator (`dict(zip(names, values))`, a list of pairs)
/// whose type has no `keys` method: the generic lookup of a builtin object of these layouts
/// searches nothing else, so it would fail; asking it would make (and drop) an
/// AttributeError, about a thousand instructions (CPython's `_PyObject_LookupAttr` makes
/// none either).
#[inline]
fn surely_no_keys(src: &Obj) -> bool {
    let ty = src.ty();
    !ty.heap
        && matches!(src.layout(), Layout::List | Layout::Tuple | Layout::SeqIter | Layout::RangeIter | Layout::DynIter | Layout::Generator)
        && ty.find_named_method("keys").is_none()
}

/// dict(...) constructor.
pub fn dict_new(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let nkw = kw.map(super::tuple::tuple_len).unwrap_or(0);
    let npos = args.len() - nkw;
    nargs("dict", &args[..npos], 0, 1)?;
    let d = new_dict();
    if npos == 1 {
        dict_update_from(&d, &args[0])?;
    }
    if let Some(k) = kw {
        for (i, n) in super::tuple::tuple_items(k).iter().enumerate() {
            dict_set(&d, n.clone(), args[npos + i].clone())?;
        }
    }
    Ok(d)
}

pub fn dict_view(d: &Obj, kind: u8) -> Obj {
    let ty = match kind {
        0 => &DICT_KEYS_TYPE,
        1 => &DICT_VALUES_TYPE,
        _ => &DICT_ITEMS_TYPE,
    };
    alloc(ty, DictView { dict: d.clone(), kind })
}

pub fn dict_iter(d: &Obj, kind: u8) -> Obj {
    let ty = match kind {
        0 => &DICT_KEYITER_TYPE,
        1 => &DICT_VALUEITER_TYPE,
        _ => &DICT_ITEMITER_TYPE,
    };
    alloc(ty, DictIter { dict: d.clone(), pos: Cell::new(0), kind, len: dict_len(d) })
}

pub fn dict_iter_next(it: &DictIter) -> PyResult<Option<Obj>> {
    let t = as_dict(&it.dict).unwrap().borrow();
    if t.used != it.len {
        it.pos.set(usize::MAX);
        return Err(runtime_error("dictionary changed size during iteration"));
    }
    let mut p = it.pos.get();
    while p < t.entries.len() {
        if let Some(e) = &t.entries[p] {
            it.pos.set(p + 1);
            return Ok(Some(match it.kind {
                0 => e.key.clone(),
                1 => e.value.clone(),
                _ => Obj::tuple2(e.key.clone(), e.value.clone()),
            }));
        }
        p += 1;
    }
    it.pos.set(p);
    Ok(None)
}

fn dd(this: &Obj) -> &Obj {
    this
}

pub fn m_get(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("get", a, 1, 2)?;
    Ok(dict_get(dd(this), &a[0])?.unwrap_or_else(|| a.get(1).cloned().unwrap_or_else(Obj::none)))
}
pub fn m_keys(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(dict_view(this, 0))
}
pub fn m_values(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(dict_view(this, 1))
}
pub fn m_items(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(dict_view(this, 2))
}
pub fn m_pop(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("pop", a, 1, 2)?;
    match dict_pop(this, &a[0])? {
        Some(v) => Ok(v),
        None => match a.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(key_error(a[0].clone())),
        },
    }
}
pub fn m_popitem(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let last = as_dict(this).unwrap().borrow().iter().last().map(|e| e.key.clone());
    match last {
        Some(k) => {
            let v = dict_pop(this, &k)?.unwrap();
            Ok(Obj::tuple2(k, v))
        }
        None => Err(key_error_msg("popitem(): dictionary is empty")),
    }
}
fn key_error_msg(m: &str) -> crate::Exc {
    super::exceptions::new_exc(&super::exceptions::KEY_ERROR, m)
}
pub fn m_setdefault(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("setdefault", a, 1, 2)?;
    if let Some(v) = dict_get(this, &a[0])? {
        return Ok(v);
    }
    let d = a.get(1).cloned().unwrap_or_else(Obj::none);
    dict_set(this, a[0].clone(), d.clone())?;
    Ok(d)
}
pub fn m_update(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let nkw = kw.map(super::tuple::tuple_len).unwrap_or(0);
    let npos = a.len() - nkw;
    nargs("update", &a[..npos], 0, 1)?;
    if npos == 1 {
        dict_update_from(this, &a[0])?;
    }
    if let Some(k) = kw {
        for (i, n) in super::tuple::tuple_items(k).iter().enumerate() {
            dict_set(this, n.clone(), a[npos + i].clone())?;
        }
    }
    Ok(Obj::none())
}
pub fn m_clear(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let old = {
        let mut t = as_dict(this).unwrap().borrow_mut();
        let type_ns = t.type_ns;
        let old = std::mem::take(&mut *t);
        t.type_ns = type_ns;
        t.changed();
        old
    };
    drop(old);
    Ok(Obj::none())
}
pub fn m_copy(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let d = new_dict_of(if this.ty().heap { &DICT_TYPE } else { this.ty() });
    set_dict_extra(&d, dict_extra(this));
    for (k, v) in dict_items(this) {
        dict_set(&d, k, v)?;
    }
    Ok(d)
}

/// dict.fromkeys(iterable, value=None)
pub fn dict_fromkeys(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("fromkeys", a, 1, 2)?;
    let d = new_dict();
    let v = a.get(1).cloned().unwrap_or_else(Obj::none);
    for k in ops::collect_iterable(&a[0])? {
        dict_set(&d, k, v.clone())?;
    }
    Ok(d)
}
pub fn m_contains(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("__contains__", a, 1, 1)?;
    Ok(Obj::bool(dict_get(this, &a[0])?.is_some()))
}

/// dict.__init__(self, [mapping or iterable], **kw) (for subclasses)
pub fn m_init(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    m_update(this, a, kw)
}

pub static DICT_METHODS: &[(&str, MethodFn)] = &[
    ("__init__", m_init),
    ("get", m_get),
    ("keys", m_keys),
    ("values", m_values),
    ("items", m_items),
    ("pop", m_pop),
    ("popitem", m_popitem),
    ("setdefault", m_setdefault),
    ("update", m_update),
    ("clear", m_clear),
    ("copy", m_copy),
    ("__contains__", m_contains),
];
