//! The cycle collector (CPython's trial deletion, non-generational). Container objects
//! (list, dict, set, tuple, class instances, deque) are registered at allocation; a
//! collection computes, for each registered object, its refcount minus the references held
//! by other registered objects; whatever is not reachable from an object with external
//! references is garbage: its containers are cleared, which frees the cycle.
//!
//! An instance's own dict is made untracked (`typeobj::new_instance`): while the instance
//! alone holds it, the instance's traversal visits the dict's contents as its own references;
//! whoever else takes a reference to it (`typeobj::instance_dict`: `vars`, `__dict__`, the
//! generic lookups) tracks it first.
//!
//! Objects whose references cannot be traversed (closures, generators, iterators,
//! functions, cells) are not registered: what they reference counts as externally
//! referenced, so the collector is conservative and never frees live objects. A container
//! whose RefCell is borrowed during a collection is treated as a root. Collections run at
//! safe points (entry of a Python function call, and the tracking of a new container, as
//! CPython does at allocation) once enough containers were allocated, or through
//! `gc.collect()`.
use crate::object::{Layout, Obj, PyBox, PyObjectHeader};
use crate::objects::dict::DictObj;
use crate::objects::list::ListObj;
use crate::objects::set::{SetObj, Slot};
use crate::objects::tuple::TupleObj;
use crate::objects::typeobj::InstanceObj;

// The runtime is single-threaded (Obj is !Send; tests run with RUST_TEST_THREADS=1).
// In tracking order, like CPython's generation lists: a collection finds its garbage (and runs
// `__del__`) in that order. A freed container leaves a null hole, compacted later (swapping
// the last entry into its place would reorder the finalizers).
static mut TRACKED: Vec<*mut PyObjectHeader> = Vec::new();
static mut HOLES: usize = 0;
static mut ALLOCS: usize = 0;
static mut THRESHOLD: usize = 10_000;
static mut ENABLED: bool = true;
static mut COLLECTING: bool = false;

unsafe fn head(p: *mut PyObjectHeader) -> Option<&'static crate::object::GcHead> {
    let ty = &*(*p).ty;
    Some(match ty.layout {
        Layout::List => &(*(p as *const PyBox<ListObj>)).data.gc,
        Layout::Dict => &(*(p as *const PyBox<DictObj>)).data.gc,
        Layout::Set => &(*(p as *const PyBox<SetObj>)).data.gc,
        Layout::Tuple => &(*(p as *const PyBox<TupleObj>)).data.gc,
        Layout::Instance => &(*(p as *const PyBox<InstanceObj>)).data.gc,
        Layout::Deque => &(*(p as *const PyBox<crate::modules::collections::DequeObj>)).data.gc,
        Layout::Native => crate::objects::native::gc_head(p),
        _ => return None,
    })
}

fn registry() -> &'static mut Vec<*mut PyObjectHeader> {
    unsafe { &mut *std::ptr::addr_of_mut!(TRACKED) }
}

/// Registers a new container with the collector; returns it.
#[inline]
pub fn track(o: Obj) -> Obj {
    unsafe {
        if let Some(h) = head(o.as_ptr()) {
            let r = registry();
            if HOLES > 1024 && HOLES * 2 > r.len() {
                compact();
            }
            let r = registry();
            h.index.set(r.len());
            r.push(o.as_ptr());
            ALLOCS += 1;
        }
    }
    // like CPython, allocation is a safe point: a loop that builds cycles without calling
    // any Python function must still have them collected
    maybe_collect();
    o
}

/// Registers an existing container that was made untracked (an instance's dict that someone
/// else now holds), without the allocation's safe point: the caller may be in the middle of
/// anything, even a collection's own bookkeeping.
pub fn track_quiet(o: &Obj) {
    unsafe {
        if let Some(h) = head(o.as_ptr()) {
            if h.index.get() != usize::MAX {
                return;
            }
            let r = registry();
            h.index.set(r.len());
            r.push(o.as_ptr());
        }
    }
}

/// Removes an object from the registry (at deallocation).
#[inline]
pub unsafe fn untrack(p: *mut PyObjectHeader) {
    if let Some(h) = head(p) {
        let i = h.index.get();
        if i == usize::MAX {
            return;
        }
        registry()[i] = std::ptr::null_mut();
        HOLES += 1;
        h.index.set(usize::MAX);
        if ALLOCS > 0 {
            ALLOCS -= 1;
        }
    }
}

/// Drops the registry's holes, keeping the order, and renumbers the entries.
unsafe fn compact() {
    if HOLES == 0 {
        return;
    }
    let r = registry();
    r.retain(|p| !p.is_null());
    for (i, &p) in r.iter().enumerate() {
        if let Some(h) = head(p) {
            h.index.set(i);
        }
    }
    HOLES = 0;
}

/// Visits the references a container holds; false if it cannot be inspected right now.
unsafe fn traverse(p: *mut PyObjectHeader, visit: &mut dyn FnMut(*mut PyObjectHeader)) -> bool {
    let ty = &*(*p).ty;
    match ty.layout {
        Layout::List => match (*(p as *const PyBox<ListObj>)).data.items.try_borrow() {
            Ok(v) => v.iter().for_each(|o| visit(o.as_ptr())),
            Err(_) => return false,
        },
        Layout::Dict => {
            let d = &(*(p as *const PyBox<DictObj>)).data;
            match d.d.try_borrow() {
                Ok(t) => t.iter().for_each(|e| {
                    visit(e.key.as_ptr());
                    visit(e.value.as_ptr());
                }),
                Err(_) => return false,
            }
            match d.extra.try_borrow() {
                Ok(x) => x.iter().for_each(|o| visit(o.as_ptr())),
                Err(_) => return false,
            }
        }
        Layout::Set => match (*(p as *const PyBox<SetObj>)).data.t.try_borrow() {
            Ok(t) => t.table.iter().for_each(|s| {
                if let Slot::Active(_, k) = s {
                    visit(k.as_ptr())
                }
            }),
            Err(_) => return false,
        },
        Layout::Tuple => (*(p as *const PyBox<TupleObj>)).data.items.iter().for_each(|o| visit(o.as_ptr())),
        Layout::Instance => match (*(p as *const PyBox<InstanceObj>)).data.dict.try_borrow() {
            Ok(d) => {
                if let Some(o) = d.as_ref() {
                    visit(o.as_ptr());
                    // an untracked dict (`typeobj::new_instance`) that only this instance
                    // holds: its references are the instance's. Held by anyone else as well
                    // (a transient reference in the runtime), its contents are left
                    // uncounted, so they count as referenced from outside: conservative.
                    let dp = o.as_ptr();
                    if (*dp).refcnt.get() == 1 && head(dp).map_or(false, |h| h.index.get() == usize::MAX) {
                        if !traverse(dp, visit) {
                            return false;
                        }
                    }
                }
            }
            Err(_) => return false,
        },
        Layout::Deque => match (*(p as *const PyBox<crate::modules::collections::DequeObj>)).data.items.try_borrow() {
            Ok(v) => v.iter().for_each(|o| visit(o.as_ptr())),
            Err(_) => return false,
        },
        Layout::Native => return crate::objects::native::gc_traverse(p, visit),
        _ => return false,
    }
    true
}

/// Drops the references a garbage container holds (breaking its cycles).
unsafe fn clear(p: *mut PyObjectHeader) {
    let ty = &*(*p).ty;
    match ty.layout {
        Layout::List => {
            if let Ok(mut v) = (*(p as *const PyBox<ListObj>)).data.items.try_borrow_mut() {
                let old = std::mem::take(&mut *v);
                drop(v);
                drop(old);
            }
        }
        Layout::Dict => {
            let d = &(*(p as *const PyBox<DictObj>)).data;
            if let Ok(mut t) = d.d.try_borrow_mut() {
                let old = std::mem::take(&mut *t);
                drop(t);
                drop(old);
            }
            if let Ok(mut x) = d.extra.try_borrow_mut() {
                let old = x.take();
                drop(x);
                drop(old);
            }
        }
        Layout::Set => {
            if let Ok(mut t) = (*(p as *const PyBox<SetObj>)).data.t.try_borrow_mut() {
                let old = std::mem::take(&mut *t);
                drop(t);
                drop(old);
            }
        }
        Layout::Instance => {
            if let Ok(mut d) = (*(p as *const PyBox<InstanceObj>)).data.dict.try_borrow_mut() {
                let old = d.take();
                drop(d);
                drop(old);
            }
        }
        Layout::Deque => {
            if let Ok(mut v) = (*(p as *const PyBox<crate::modules::collections::DequeObj>)).data.items.try_borrow_mut() {
                let old = std::mem::take(&mut *v);
                drop(v);
                drop(old);
            }
        }
        Layout::Native => crate::objects::native::gc_clear(p),
        _ => {}
    }
}

/// Registry index of a tracked object among `objs` (None if not tracked).
unsafe fn index_of(c: *mut PyObjectHeader, objs: &[*mut PyObjectHeader]) -> Option<usize> {
    let h = head(c)?;
    let i = h.index.get();
    if i < objs.len() && objs[i] == c {
        Some(i)
    } else {
        None
    }
}

/// Runs a full collection for `gc.collect()` and the automatic ones, between calls of
/// `gc.callbacks` ("start", then "stop" with the counts); returns the number of unreachable
/// containers found. Returns 0 without collecting while a collection (or its callbacks) runs.
pub fn collect() -> usize {
    collect_generation(2)
}

/// `collect` reporting `generation` to the callbacks (the collector itself is not
/// generational: every collection is a full one).
pub fn collect_generation(generation: i64) -> usize {
    unsafe {
        if COLLECTING || crate::objects::deallocating() {
            return 0;
        }
        COLLECTING = true;
        crate::modules::gcmod::invoke_callbacks("start", generation, 0, 0);
        let n = collect_unreachable();
        crate::modules::gcmod::invoke_callbacks("stop", generation, n, 0);
        COLLECTING = false;
        n
    }
}

/// A collection without callbacks, as CPython's at interpreter shutdown.
pub fn collect_quiet() -> usize {
    unsafe {
        if COLLECTING || crate::objects::deallocating() {
            return 0;
        }
        COLLECTING = true;
        let n = collect_unreachable();
        COLLECTING = false;
        n
    }
}

unsafe fn collect_unreachable() -> usize {
    {
        compact();
        let objs: Vec<*mut PyObjectHeader> = registry().clone();
        let n = objs.len();
        let mut refs: Vec<isize> = objs.iter().map(|&p| (*p).refcnt.get()).collect();
        for i in 0..n {
            let ok = traverse(objs[i], &mut |c| {
                if let Some(j) = index_of(c, &objs) {
                    refs[j] -= 1;
                }
            });
            if !ok {
                refs[i] = isize::MAX / 2;
            }
        }
        let mut reachable = vec![false; n];
        let mut stack: Vec<usize> = Vec::new();
        for i in 0..n {
            if refs[i] > 0 {
                reachable[i] = true;
                stack.push(i);
            }
        }
        while let Some(i) = stack.pop() {
            traverse(objs[i], &mut |c| {
                if let Some(j) = index_of(c, &objs) {
                    if !reachable[j] {
                        reachable[j] = true;
                        stack.push(j);
                    }
                }
            });
        }
        // hold strong references while clearing, so nothing is freed half-way
        let garbage: Vec<Obj> = (0..n).filter(|&i| !reachable[i]).map(|i| Obj::from_static_ptr(objs[i])).collect();
        // CPython 3.11 keeps instance attributes inline, so an instance's __dict__ is not a
        // separate object in its count
        let inst_dicts: std::collections::HashSet<usize> = garbage
            .iter()
            .filter_map(crate::objects::typeobj::instance_dict_addr)
            .collect();
        let count = garbage.iter().filter(|g| !inst_dicts.contains(&g.addr())).count();
        if crate::objects::typeobj::has_finalizers() {
            // finalizers run before any cycle is broken, as in CPython (PEP 442)
            for g in &garbage {
                crate::objects::typeobj::finalize(g);
            }
        }
        match crate::modules::gcmod::saveall_list() {
            // gc.DEBUG_SAVEALL: kept in gc.garbage instead of being freed
            Some(keep) => {
                let mut v = crate::objects::list::as_list(&keep).unwrap().borrow_mut();
                v.extend(garbage.iter().filter(|g| !inst_dicts.contains(&g.addr())).cloned());
            }
            None => {
                for g in &garbage {
                    clear(g.as_ptr());
                }
            }
        }
        drop(garbage);
        ALLOCS = 0;
        THRESHOLD = tracked_count().max(10_000);
        count
    }
}

/// Collects when enough containers were allocated since the last collection.
#[inline]
pub fn maybe_collect() {
    unsafe {
        if ALLOCS > THRESHOLD && ENABLED {
            collect();
        }
    }
}

pub fn enable(on: bool) {
    unsafe { ENABLED = on }
}
pub fn is_enabled() -> bool {
    unsafe { ENABLED }
}
pub fn tracked_count() -> usize {
    unsafe { registry().len() - HOLES }
}
pub fn is_tracked(o: &Obj) -> bool {
    unsafe { head(o.as_ptr()).map(|h| h.index.get() != usize::MAX).unwrap_or(false) }
}

// --- leak checks ---

/// Live heap objects (see `object::live_objects`): what a leak check compares.
pub fn live_objects() -> isize {
    crate::object::live_objects()
}

/// Objects that running `f` a second time left alive after a full collection: 0 when `f`
/// does not leak. The first run fills the caches the runtime builds on first use (interned
/// names, the builtins namespace, imported modules), which live for the whole process; the
/// bounded attribute caches are emptied before each count.
pub fn leaked_by(f: &mut dyn FnMut()) -> isize {
    f();
    crate::objects::typeobj::clear_lookup_caches();
    collect_all();
    let before = live_objects();
    f();
    crate::objects::typeobj::clear_lookup_caches();
    collect_all();
    live_objects() - before
}

fn collect_all() {
    for _ in 0..4 {
        if collect() == 0 {
            break;
        }
    }
}

/// Test helper: runs `f` twice (see `leaked_by`) and panics if the second run leaked.
pub fn assert_no_leaks(f: fn()) {
    // the full builtin method tables and natives, as a program that may name any attribute
    crate::modules::registry::install_all();
    let leaked = leaked_by(&mut || f());
    assert!(leaked == 0, "{} objects leaked (still alive after a collection)", leaked);
}
