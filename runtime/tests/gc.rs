//! The cycle collector frees unreachable cycles and keeps everything reachable.
use pyrt::ops::repr_string;
use pyrt::*;

#[test]
fn collects_cycles_keeps_live_objects() {
    pyrt::gc::assert_no_leaks(collects_cycles_keeps_live_objects_body)
}
fn collects_cycles_keeps_live_objects_body() {
    pyrt::gc::collect();
    let before = pyrt::gc::tracked_count();
    {
        // l = []; l.append(l)
        let l = build_list(vec![]);
        list_append(&l, l.clone()).unwrap();
        // a = {}; b = {'a': a}; a['b'] = b
        let a = build_map(vec![]).unwrap();
        let b = build_map(vec![(Obj::str("a"), a.clone())]).unwrap();
        setitem(&a, &Obj::str("b"), b.clone()).unwrap();
        // t = ([],); t[0].append(t)
        let inner = build_list(vec![]);
        let t = build_tuple(vec![inner.clone()]);
        list_append(&inner, t.clone()).unwrap();
        assert!(pyrt::gc::tracked_count() >= before + 5);
    }
    // a live cycle that must survive
    let keep = build_list(vec![Obj::int(1)]);
    list_append(&keep, keep.clone()).unwrap();
    let found = pyrt::gc::collect();
    assert_eq!(found, 5);
    assert_eq!(pyrt::gc::tracked_count(), before + 1);
    assert_eq!(repr_string(&keep).unwrap(), "[1, [...]]");
    // nothing left to collect
    assert_eq!(pyrt::gc::collect(), 0);
    drop(keep);
    assert_eq!(pyrt::gc::collect(), 1);
    assert_eq!(pyrt::gc::tracked_count(), before);
}

#[test]
fn borrowed_container_is_a_root() {
    pyrt::gc::assert_no_leaks(borrowed_container_is_a_root_body)
}
fn borrowed_container_is_a_root_body() {
    pyrt::gc::collect();
    let l2 = {
        let l = build_list(vec![]);
        list_append(&l, l.clone()).unwrap();
        l
    };
    let p = l2.as_ptr();
    // a second handle that is not counted as a reference (simulates Rust code borrowing it)
    let view = std::mem::ManuallyDrop::new(unsafe { Obj::from_raw(p) });
    let cell = pyrt::objects::list::as_list(&view).unwrap();
    let guard = cell.borrow_mut();
    // drop the only strong reference held outside the cycle... except keep memory alive via
    // the cycle itself: refcount is now 1 (self-reference)
    std::mem::forget(l2.clone());
    drop(l2);
    // the list is borrowed: it cannot be inspected, so it is kept
    assert_eq!(pyrt::gc::collect(), 0);
    drop(guard);
    // the forgotten clone still counts as an external reference
    assert_eq!(pyrt::gc::collect(), 0);
    // release it: the cycle is garbage now
    drop(unsafe { Obj::from_raw(p) });
    assert_eq!(pyrt::gc::collect(), 1);
}

#[test]
fn freeing_long_chains_does_not_overflow_the_stack() {
    pyrt::gc::assert_no_leaks(freeing_long_chains_does_not_overflow_the_stack_body)
}
fn freeing_long_chains_does_not_overflow_the_stack_body() {
    // a 1,000,000-long linked list of nested tuples: (i, (i-1, (...)))
    let mut head = Obj::none();
    for i in 0..1_000_000 {
        head = build_tuple(vec![Obj::int(i), head]);
    }
    drop(head);
    // and of nested lists
    let mut head = build_list(vec![]);
    for _ in 0..1_000_000 {
        head = build_list(vec![head]);
    }
    drop(head);
}

#[test]
fn deep_repr_and_compare_raise_recursion_error() {
    pyrt::gc::assert_no_leaks(deep_repr_and_compare_raise_recursion_error_body)
}
fn deep_repr_and_compare_raise_recursion_error_body() {
    let mut a = build_list(vec![]);
    let mut b = build_list(vec![]);
    for _ in 0..5000 {
        a = build_list(vec![a]);
        b = build_list(vec![b]);
    }
    let e = pyrt::ops::repr_string(&a).unwrap_err();
    assert_eq!(pyrt::objects::exceptions::exc_line(e.value()), "RecursionError: maximum recursion depth exceeded while getting the repr of an object");
    let e = compare_bool(&a, &b, CmpOp::Eq).unwrap_err();
    assert_eq!(pyrt::objects::exceptions::exc_line(e.value()), "RecursionError: maximum recursion depth exceeded in comparison");
}
