//! `set` and `frozenset`: CPython's open-addressing table (linear probes + perturbation,
//! same growth policy), so iteration order matches CPython for the same hashes.
use super::exceptions::{key_error, new_exc, runtime_error, type_error, KEY_ERROR};
use super::str::nargs;
use crate::object::{alloc, GcHead, Layout, MethodFn, Obj};
use crate::ops;
use crate::PyResult;
use std::cell::{Cell, RefCell};

const LINEAR_PROBES: u64 = 9;

#[derive(Clone)]
pub enum Slot {
    Unused,
    Dummy,
    Active(i64, Obj),
}

pub struct SetTable {
    pub table: Vec<Slot>,
    pub fill: usize,
    pub used: usize,
    pub finger: usize,
}

impl Default for SetTable {
    fn default() -> Self {
        SetTable { table: vec![Slot::Unused; 8], fill: 0, used: 0, finger: 0 }
    }
}

pub struct SetObj {
    pub gc: GcHead,
    pub t: RefCell<SetTable>,
}

pub struct SetIter {
    pub set: Obj,
    pub pos: Cell<usize>,
    pub len: usize,
}

crate::static_type!(SET_TYPE, "set", &super::typeobj::OBJECT_TYPE, Set, &[]);
crate::static_type!(FROZENSET_TYPE, "frozenset", &super::typeobj::OBJECT_TYPE, Set, &[]);
crate::static_type!(SET_ITER_TYPE, "set_iterator", &super::typeobj::OBJECT_TYPE, SetIter, &[]);

pub fn new_set(frozen: bool) -> Obj {
    crate::gc::track(alloc(if frozen { &FROZENSET_TYPE } else { &SET_TYPE }, SetObj { gc: GcHead::new(), t: RefCell::new(SetTable::default()) }))
}

#[inline]
pub fn as_set(o: &Obj) -> Option<&RefCell<SetTable>> {
    o.payload::<SetObj>(Layout::Set).map(|s| &s.t)
}

pub fn is_frozen(o: &Obj) -> bool {
    o.is_instance_of(&FROZENSET_TYPE)
}

fn insert_clean(table: &mut [Slot], hash: i64, key: Obj) {
    let mask = (table.len() - 1) as u64;
    let mut perturb = hash as u64;
    let mut i = hash as u64 & mask;
    loop {
        if let Slot::Unused = table[i as usize] {
            table[i as usize] = Slot::Active(hash, key);
            return;
        }
        if i + LINEAR_PROBES <= mask {
            for j in 1..=LINEAR_PROBES {
                if let Slot::Unused = table[(i + j) as usize] {
                    table[(i + j) as usize] = Slot::Active(hash, key);
                    return;
                }
            }
        }
        perturb >>= 5;
        i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb)) & mask;
    }
}

impl SetTable {
    fn resize(&mut self, minused: usize) {
        let mut newsize = 8;
        while newsize <= minused {
            newsize <<= 1;
        }
        let old = std::mem::replace(&mut self.table, vec![Slot::Unused; newsize]);
        self.fill = self.used;
        for s in old {
            if let Slot::Active(h, k) = s {
                insert_clean(&mut self.table, h, k);
            }
        }
    }
    pub fn iter(&self) -> impl Iterator<Item = &Obj> {
        self.table.iter().filter_map(|s| match s {
            Slot::Active(_, k) => Some(k),
            _ => None,
        })
    }
}

/// Finds the slot holding `key`: Ok(Some(index)).
fn find(cell: &RefCell<SetTable>, key: &Obj, hash: i64) -> PyResult<Option<usize>> {
    let mask = (cell.borrow().table.len() - 1) as u64;
    let mut perturb = hash as u64;
    let mut i = hash as u64 & mask;
    loop {
        let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
        for j in 0..=probes {
            let idx = (i + j) as usize;
            let cand = {
                let t = cell.borrow();
                match &t.table[idx] {
                    Slot::Unused => return Ok(None),
                    Slot::Dummy => None,
                    Slot::Active(h, k) => {
                        if *h == hash {
                            if k.is(key) {
                                return Ok(Some(idx));
                            }
                            Some(k.clone())
                        } else {
                            None
                        }
                    }
                }
            };
            if let Some(k) = cand {
                if ops::eq(&k, key)? {
                    return Ok(Some(idx));
                }
            }
        }
        perturb >>= 5;
        i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb)) & mask;
    }
}

pub fn set_add(s: &Obj, key: Obj) -> PyResult<()> {
    let cell = as_set(s).unwrap();
    let hash = ops::hash_key(&key, "set element")?;
    set_add_h(cell, key, hash)
}

fn set_add_h(cell: &RefCell<SetTable>, key: Obj, hash: i64) -> PyResult<()> {
    if find(cell, &key, hash)?.is_some() {
        return Ok(());
    }
    let mut t = cell.borrow_mut();
    let mask = (t.table.len() - 1) as u64;
    let mut perturb = hash as u64;
    let mut i = hash as u64 & mask;
    let mut freeslot: Option<usize> = None;
    loop {
        let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
        for j in 0..=probes {
            let idx = (i + j) as usize;
            match &t.table[idx] {
                Slot::Unused => {
                    match freeslot {
                        Some(f) => {
                            t.table[f] = Slot::Active(hash, key);
                            t.used += 1;
                        }
                        None => {
                            t.table[idx] = Slot::Active(hash, key);
                            t.fill += 1;
                            t.used += 1;
                            if t.fill * 5 >= (mask as usize) * 3 {
                                let u = t.used;
                                t.resize(if u > 50000 { u * 2 } else { u * 4 });
                            }
                        }
                    }
                    return Ok(());
                }
                // CPython 3.11 remembers the last dummy passed, not the first
                Slot::Dummy => freeslot = Some(idx),
                Slot::Active(..) => {}
            }
        }
        perturb >>= 5;
        i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb)) & mask;
    }
}

pub fn set_contains(s: &Obj, key: &Obj) -> PyResult<bool> {
    let cell = as_set(s).unwrap();
    let hash = match ops::hash_key(key, "set element") {
        Ok(h) => h,
        Err(e) => {
            // a set key that is itself a set: look up as frozenset
            if as_set(key).is_some() {
                let f = new_set(true);
                for k in items(key) {
                    set_add(&f, k)?;
                }
                return set_contains(s, &f);
            }
            return Err(e);
        }
    };
    Ok(find(cell, key, hash)?.is_some())
}

/// Removes `key`; Ok(false) if absent.
pub fn set_discard(s: &Obj, key: &Obj) -> PyResult<bool> {
    let cell = as_set(s).unwrap();
    let hash = ops::hash_key(key, "set element")?;
    match find(cell, key, hash)? {
        Some(idx) => {
            let old = {
                let mut t = cell.borrow_mut();
                t.used -= 1;
                std::mem::replace(&mut t.table[idx], Slot::Dummy)
            };
            drop(old);
            Ok(true)
        }
        None => Ok(false),
    }
}

pub fn items(s: &Obj) -> Vec<Obj> {
    as_set(s).unwrap().borrow().iter().cloned().collect()
}

pub fn set_len(s: &Obj) -> usize {
    as_set(s).unwrap().borrow().used
}

pub fn set_from_iter(src: &Obj, frozen: bool) -> PyResult {
    let s = new_set(frozen);
    update_internal(&s, src)?;
    Ok(s)
}

/// CPython's set_update_internal: a set is merged (`merge`), anything else iterated.
fn update_internal(s: &Obj, src: &Obj) -> PyResult<()> {
    if as_set(src).is_some() {
        return merge(s, src);
    }
    for it in ops::collect_iterable(src)? {
        set_add(s, it)?;
    }
    Ok(())
}

/// CPython's set_merge: one resize up front, then a slot-for-slot copy (empty target, same
/// size, no dummies), clean inserts (empty target) or normal adds, in `src`'s slot order, so
/// the resulting iteration order is CPython's.
fn merge(dst: &Obj, src: &Obj) -> PyResult<()> {
    if dst.is(src) {
        return Ok(());
    }
    let (snapshot, ofill, oused) = {
        let o = as_set(src).unwrap().borrow();
        (o.table.clone(), o.fill, o.used)
    };
    if oused == 0 {
        return Ok(());
    }
    let cell = as_set(dst).unwrap();
    {
        let mut t = cell.borrow_mut();
        let mask = t.table.len() - 1;
        if (t.fill + oused) * 5 >= mask * 3 {
            let u = t.used;
            t.resize((u + oused) * 2);
        }
        if t.fill == 0 && t.table.len() == snapshot.len() && ofill == oused {
            t.table = snapshot;
            t.fill = oused;
            t.used = oused;
            return Ok(());
        }
        if t.fill == 0 {
            for sl in snapshot {
                if let Slot::Active(h, k) = sl {
                    insert_clean(&mut t.table, h, k);
                }
            }
            t.fill = oused;
            t.used = oused;
            return Ok(());
        }
    }
    for sl in snapshot {
        if let Slot::Active(h, k) = sl {
            set_add_h(cell, k, h)?;
        }
    }
    Ok(())
}

pub fn build_set(items: Vec<Obj>) -> PyResult {
    let s = new_set(false);
    for it in items {
        set_add(&s, it)?;
    }
    Ok(s)
}

pub fn set_new(args: &[Obj], kw: Option<&Obj>, frozen: bool) -> PyResult {
    super::str::no_kw(if frozen { "frozenset" } else { "set" }, kw)?;
    nargs(if frozen { "frozenset" } else { "set" }, args, 0, 1)?;
    match args.get(0) {
        Some(a) => set_from_iter(a, frozen),
        None => Ok(new_set(frozen)),
    }
}

pub fn set_iter(s: &Obj) -> Obj {
    alloc(&SET_ITER_TYPE, SetIter { set: s.clone(), pos: Cell::new(0), len: set_len(s) })
}

pub fn set_iter_next(it: &SetIter) -> PyResult<Option<Obj>> {
    let t = as_set(&it.set).unwrap().borrow();
    if t.used != it.len {
        it.pos.set(usize::MAX / 2);
        return Err(runtime_error("Set changed size during iteration"));
    }
    let mut p = it.pos.get();
    while p < t.table.len() {
        if let Slot::Active(_, k) = &t.table[p] {
            it.pos.set(p + 1);
            return Ok(Some(k.clone()));
        }
        p += 1;
    }
    it.pos.set(p);
    Ok(None)
}

pub fn set_repr(s: &Obj) -> PyResult<String> {
    let its = items(s);
    let frozen = is_frozen(s);
    let name = s.ty().name;
    if its.is_empty() {
        return Ok(format!("{}()", name));
    }
    let mut parts = Vec::new();
    for i in &its {
        parts.push(ops::repr_string(i)?);
    }
    let inner = format!("{{{}}}", parts.join(", "));
    if frozen || s.ty().heap {
        Ok(format!("{}({})", name, inner))
    } else {
        Ok(inner)
    }
}

fn result_like(this: &Obj) -> Obj {
    new_set(is_frozen(this))
}

/// Set algebra: 0 union, 1 intersection, 2 difference, 3 symmetric difference, with
/// CPython's algorithms (set_or, set_intersection, set_difference,
/// set_symmetric_difference), which decide the result's iteration order.
pub fn set_op(a: &Obj, b: &Obj, op: u8) -> PyResult {
    match op {
        0 => {
            let r = result_like(a);
            merge(&r, a)?;
            update_internal(&r, b)?;
            Ok(r)
        }
        1 => intersection(a, b),
        2 => difference(a, b),
        _ => {
            // a copy of b, then b's copy ^= a
            let r = result_like(a);
            update_internal(&r, b)?;
            for k in items(a) {
                if !set_discard(&r, &k)? {
                    set_add(&r, k)?;
                }
            }
            Ok(r)
        }
    }
}

fn intersection(a: &Obj, b: &Obj) -> PyResult {
    let r = result_like(a);
    if a.is(b) {
        merge(&r, a)?;
        return Ok(r);
    }
    let (probe, scan) = if as_set(b).is_some() {
        // iterate the smaller set, look keys up in the other
        if set_len(b) > set_len(a) {
            (b, items(a))
        } else {
            (a, items(b))
        }
    } else {
        (a, ops::collect_iterable(b)?)
    };
    for k in scan {
        if set_contains(probe, &k)? {
            set_add(&r, k)?;
        }
    }
    Ok(r)
}

fn difference(a: &Obj, b: &Obj) -> PyResult {
    let r = result_like(a);
    let small_other = as_set(b).map_or(false, |_| (set_len(a) >> 2) <= set_len(b));
    if !small_other {
        // copy a, then discard b's keys
        merge(&r, a)?;
        for k in ops::collect_iterable(b)? {
            set_discard(&r, &k)?;
        }
        return Ok(r);
    }
    for k in items(a) {
        if !set_contains(b, &k)? {
            set_add(&r, k)?;
        }
    }
    Ok(r)
}

pub fn is_subset(a: &Obj, b: &Obj) -> PyResult<bool> {
    if set_len(a) > set_len(b) {
        return Ok(false);
    }
    for k in items(a) {
        if !set_contains(b, &k)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn other_set(o: &Obj) -> PyResult<Obj> {
    if as_set(o).is_some() {
        Ok(o.clone())
    } else {
        set_from_iter(o, true)
    }
}

pub fn m_add(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("add", a, 1, 1)?;
    set_add(this, a[0].clone())?;
    Ok(Obj::none())
}
pub fn m_remove(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("remove", a, 1, 1)?;
    if !set_discard(this, &a[0])? {
        return Err(key_error(a[0].clone()));
    }
    Ok(Obj::none())
}
pub fn m_discard(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("discard", a, 1, 1)?;
    set_discard(this, &a[0])?;
    Ok(Obj::none())
}
pub fn m_pop(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let cell = as_set(this).unwrap();
    let mut t = cell.borrow_mut();
    if t.used == 0 {
        return Err(new_exc(&KEY_ERROR, "pop from an empty set"));
    }
    let mut i = t.finger & (t.table.len() - 1);
    loop {
        if let Slot::Active(..) = t.table[i] {
            break;
        }
        i += 1;
        if i >= t.table.len() {
            i = 0;
        }
    }
    let old = std::mem::replace(&mut t.table[i], Slot::Dummy);
    t.used -= 1;
    t.finger = i + 1;
    match old {
        Slot::Active(_, k) => Ok(k),
        _ => unreachable!(),
    }
}
pub fn m_clear(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let old = std::mem::take(&mut *as_set(this).unwrap().borrow_mut());
    drop(old);
    Ok(Obj::none())
}
pub fn m_copy(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    if is_frozen(this) {
        return Ok(this.clone());
    }
    set_from_iter(this, false)
}
pub fn m_update(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    for o in a {
        update_internal(this, o)?;
    }
    Ok(Obj::none())
}
/// union/intersection/difference/symmetric_difference with any number of operands, as
/// CPython chains them (union updates one copy; the others start from `this` itself).
fn multi(this: &Obj, a: &[Obj], op: u8) -> PyResult {
    if a.is_empty() {
        return set_from_iter(this, is_frozen(this));
    }
    let mut r = match op {
        0 => set_from_iter(this, is_frozen(this))?,
        _ => set_op(this, &a[0], op)?,
    };
    for (i, o) in a.iter().enumerate() {
        match op {
            0 => update_internal(&r, o)?,
            _ if i == 0 => {}
            2 => {
                for k in ops::collect_iterable(o)? {
                    set_discard(&r, &k)?;
                }
            }
            _ => r = set_op(&r, o, op)?,
        }
    }
    Ok(r)
}
pub fn m_union(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    multi(this, a, 0)
}
pub fn m_intersection(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    multi(this, a, 1)
}
pub fn m_difference(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    multi(this, a, 2)
}
pub fn m_symdiff(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("symmetric_difference", a, 1, 1)?;
    multi(this, a, 3)
}
fn inplace(this: &Obj, a: &[Obj], op: u8) -> PyResult {
    let r = multi(this, a, op)?;
    let nt = std::mem::take(&mut *as_set(&r).unwrap().borrow_mut());
    let old = std::mem::replace(&mut *as_set(this).unwrap().borrow_mut(), nt);
    drop(old);
    Ok(Obj::none())
}
pub fn m_intersection_update(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    inplace(this, a, 1)
}
pub fn m_difference_update(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    for o in a {
        for k in ops::collect_iterable(o)? {
            set_discard(this, &k)?;
        }
        // like CPython: more than a quarter of the table dummies -> rebuild it
        let mut t = as_set(this).unwrap().borrow_mut();
        if t.fill - t.used > (t.table.len() - 1) / 4 {
            let u = t.used;
            t.resize(if u > 50000 { u * 2 } else { u * 4 });
        }
    }
    Ok(Obj::none())
}
pub fn m_symdiff_update(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("symmetric_difference_update", a, 1, 1)?;
    let o = other_set(&a[0])?;
    for k in items(&o) {
        if !set_discard(this, &k)? {
            set_add(this, k)?;
        }
    }
    Ok(Obj::none())
}
pub fn m_issubset(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("issubset", a, 1, 1)?;
    Ok(Obj::bool(is_subset(this, &other_set(&a[0])?)?))
}
pub fn m_issuperset(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("issuperset", a, 1, 1)?;
    Ok(Obj::bool(is_subset(&other_set(&a[0])?, this)?))
}
pub fn m_isdisjoint(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("isdisjoint", a, 1, 1)?;
    for k in ops::collect_iterable(&a[0])? {
        if set_contains(this, &k)? {
            return Ok(Obj::bool(false));
        }
    }
    Ok(Obj::bool(true))
}

pub fn check_set_operand(o: &Obj) -> PyResult<()> {
    if as_set(o).is_none() {
        return Err(type_error("expected a set"));
    }
    Ok(())
}

/// set.__init__(self, [iterable]) (for subclasses)
pub fn m_init(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("set", a, 0, 1)?;
    if let Some(src) = a.get(0) {
        for k in ops::collect_iterable(src)? {
            set_add(this, k)?;
        }
    }
    Ok(Obj::none())
}

pub fn m_contains(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("__contains__", a, 1, 1)?;
    Ok(Obj::bool(set_contains(this, &a[0])?))
}

pub static SET_METHODS: &[(&str, MethodFn)] = &[
    ("__init__", m_init),
    ("__contains__", m_contains),
    ("add", m_add),
    ("remove", m_remove),
    ("discard", m_discard),
    ("pop", m_pop),
    ("clear", m_clear),
    ("copy", m_copy),
    ("update", m_update),
    ("union", m_union),
    ("intersection", m_intersection),
    ("difference", m_difference),
    ("symmetric_difference", m_symdiff),
    ("intersection_update", m_intersection_update),
    ("difference_update", m_difference_update),
    ("symmetric_difference_update", m_symdiff_update),
    ("issubset", m_issubset),
    ("issuperset", m_issuperset),
    ("isdisjoint", m_isdisjoint),
];
pub static FROZENSET_METHODS: &[(&str, MethodFn)] = &[
    ("__contains__", m_contains),
    ("copy", m_copy),
    ("union", m_union),
    ("intersection", m_intersection),
    ("difference", m_difference),
    ("symmetric_difference", m_symdiff),
    ("issubset", m_issubset),
    ("issuperset", m_issuperset),
    ("isdisjoint", m_isdisjoint),
];
