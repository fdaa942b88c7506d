//! `BaseExceptionGroup` / `ExceptionGroup` (PEP 654) and the helpers behind `except*`
//! (CHECK_EG_MATCH, PREP_RERAISE_STAR), following CPython 3.11's semantics and messages.
//!
//! A group is an exception instance whose `ExcObj::group` holds (message, exceptions tuple);
//! `args` keeps the constructor's arguments as given. `ExceptionGroup` derives from both
//! `BaseExceptionGroup` and `Exception`: its static `base` is `BaseExceptionGroup` and
//! `init_types` gives it the full MRO.
use super::exceptions::{
    alloc_exc, exc_data, exception_matches, type_error, value_error, BASE_EXCEPTION,
    BASE_EXCEPTION_GROUP, EXCEPTION, EXCEPTION_GROUP,
};
use super::tuple::{tuple_items, try_tuple_items};
use super::typeobj::{type_lookup, OBJECT_TYPE};
use crate::object::{Layout, Obj, TypeObject};
use crate::{ops, PyResult};
use std::collections::HashSet;

pub static GROUP_METHODS: &[(&str, crate::object::MethodFn)] = &[
    ("derive", derive_m),
    ("split", split_m),
    ("subgroup", subgroup_m),
];

/// Gives `ExceptionGroup` its MRO (ExceptionGroup, BaseExceptionGroup, Exception,
/// BaseException, object); idempotent.
pub fn init_types() {
    let mut mro = EXCEPTION_GROUP.mro.borrow_mut();
    if mro.is_empty() {
        *mro = vec![EXCEPTION_GROUP.obj(), BASE_EXCEPTION_GROUP.obj(), EXCEPTION.obj(), BASE_EXCEPTION.obj(), OBJECT_TYPE.obj()];
    }
}

/// (message, exceptions tuple) of a group.
pub fn group_parts(o: &Obj) -> Option<(Obj, Obj)> {
    exc_data(o).and_then(|d| d.group.as_ref()).map(|g| (g.0.clone(), g.1.clone()))
}

/// The sub-exceptions of a group (None for other objects).
pub fn group_exceptions(o: &Obj) -> Option<Vec<Obj>> {
    group_parts(o).map(|(_, excs)| tuple_items(&excs).to_vec())
}

fn is_group(o: &Obj) -> bool {
    group_parts(o).is_some()
}

/// str() of a group: `msg (2 sub-exceptions)`.
pub fn group_str(o: &Obj) -> Option<String> {
    let (msg, excs) = group_parts(o)?;
    let n = super::tuple::tuple_len(&excs);
    Some(format!("{} ({} sub-exception{})", msg.as_str().unwrap_or(""), n, if n > 1 { "s" } else { "" }))
}

/// PySequence_Check: what the constructor accepts as its exceptions argument.
pub fn is_sequence(o: &Obj) -> bool {
    match o.layout() {
        Layout::Tuple | Layout::List | Layout::Str | Layout::Bytes | Layout::Range | Layout::Deque => true,
        Layout::Dict | Layout::Set => false,
        _ => o.ty().heap && type_lookup(o.ty(), "__getitem__").is_some(),
    }
}

/// `BaseExceptionGroup(message, exceptions)` called on `cls` (a group type): validates the
/// arguments and picks `ExceptionGroup` when `cls` is `BaseExceptionGroup` and every
/// sub-exception is an `Exception`.
pub fn group_new(cls: &'static TypeObject, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    init_types();
    let nkw = kw.map(super::tuple::tuple_len).unwrap_or(0);
    let pos = &args[..args.len() - nkw];
    if pos.len() != 2 {
        return Err(type_error(format!("BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)", pos.len())));
    }
    if nkw > 0 {
        return Err(type_error(format!("{}() takes no keyword arguments", cls.name)));
    }
    let (msg, seq) = (&pos[0], &pos[1]);
    if msg.as_str().is_none() {
        return Err(type_error(format!("BaseExceptionGroup.__new__() argument 1 must be str, not {}", msg.type_name())));
    }
    if !is_sequence(seq) {
        return Err(type_error("second argument (exceptions) must be a sequence"));
    }
    let excs = if seq.layout() == Layout::Tuple && !seq.ty().heap { seq.clone() } else { Obj::tuple(ops::collect_iterable(seq)?) };
    let items = tuple_items(&excs);
    if items.is_empty() {
        return Err(value_error("second argument (exceptions) must be a non-empty sequence"));
    }
    let mut nested_base = false;
    for (i, e) in items.iter().enumerate() {
        if exc_data(e).is_none() {
            return Err(value_error(format!("Item {} of second argument (exceptions) is not an exception", i)));
        }
        nested_base |= !e.is_instance_of(&EXCEPTION);
    }
    let cls = group_class(cls, nested_base)?;
    Ok(alloc_exc(cls, Obj::tuple(pos.to_vec()), Some((msg.clone(), excs))))
}

fn group_class(cls: &'static TypeObject, nested_base: bool) -> PyResult<&'static TypeObject> {
    if std::ptr::eq(cls, &EXCEPTION_GROUP) {
        if nested_base {
            return Err(type_error("Cannot nest BaseExceptions in an ExceptionGroup"));
        }
    } else if std::ptr::eq(cls, &BASE_EXCEPTION_GROUP) {
        if !nested_base {
            return Ok(&EXCEPTION_GROUP);
        }
    } else if nested_base && cls.is_subtype(&EXCEPTION) {
        return Err(type_error(format!("Cannot nest BaseExceptions in '{}'", cls.name)));
    }
    Ok(cls)
}

/// `BaseExceptionGroup(message, excs)` (CPython's _PyExc_CreateExceptionGroup).
pub fn create_group(message: &str, excs: Obj) -> PyResult {
    group_new(&BASE_EXCEPTION_GROUP, &[Obj::str(message), excs], None)
}

// ---------------------------------------------------------------- split / subgroup

/// How `split`/`subgroup` (and the reraise projection) select leaves.
enum Matcher {
    Type(Obj),
    Predicate(Obj),
    Ids(HashSet<usize>),
}

impl Matcher {
    fn from_arg(v: &Obj) -> PyResult<Matcher> {
        let is_type = v.layout() == Layout::Type;
        if !is_type && crate::builtins::is_callable(v) {
            return Ok(Matcher::Predicate(v.clone()));
        }
        let exc_class = |t: &Obj| t.layout() == Layout::Type && t.as_type().is_subtype(&BASE_EXCEPTION);
        let ok = if is_type {
            exc_class(v)
        } else if v.layout() == Layout::Tuple && !v.ty().heap {
            tuple_items(v).iter().all(exc_class)
        } else {
            false
        };
        if ok {
            Ok(Matcher::Type(v.clone()))
        } else {
            Err(type_error(if crate::modules::sys::python_minor() >= 13 {
                "expected an exception type, a tuple of exception types, or a callable (other than a class)"
            } else {
                "expected a function, exception type or tuple of exception types"
            }))
        }
    }

    fn matches(&self, exc: &Obj) -> PyResult<bool> {
        match self {
            Matcher::Type(t) => exception_matches(exc, t),
            Matcher::Predicate(f) => ops::is_true(&crate::call(f, vec![exc.clone()], None)?),
            Matcher::Ids(ids) => Ok(ids.contains(&exc.addr())),
        }
    }
}

/// (match, rest) of `exc` under `matcher`; `rest` only when `with_rest`.
fn split_rec(exc: &Obj, matcher: &Matcher, with_rest: bool) -> PyResult<(Option<Obj>, Option<Obj>)> {
    if matcher.matches(exc)? {
        return Ok((Some(exc.clone()), None));
    }
    let excs = match group_exceptions(exc) {
        Some(excs) => excs,
        None => return Ok((None, if with_rest { Some(exc.clone()) } else { None })),
    };
    let (mut matched, mut rest) = (Vec::new(), Vec::new());
    for e in &excs {
        let (m, r) = split_rec(e, matcher, with_rest)?;
        matched.extend(m);
        rest.extend(r);
    }
    let m = subset(exc, matched)?;
    let r = if with_rest { subset(exc, rest)? } else { None };
    Ok((m, r))
}

/// A group of `excs` derived from `orig` (through its `derive`), carrying `orig`'s traceback,
/// `__cause__`, `__context__` and a copy of its `__notes__`; None when `excs` is empty.
fn subset(orig: &Obj, excs: Vec<Obj>) -> PyResult<Option<Obj>> {
    if excs.is_empty() {
        return Ok(None);
    }
    let eg = crate::call_method(orig, "derive", vec![super::list::new_list(excs)], None)?;
    if !is_group(&eg) {
        return Err(type_error("derive must return an instance of BaseExceptionGroup"));
    }
    if let (Some(src), Some(dst)) = (exc_data(orig), exc_data(&eg)) {
        *dst.tb.borrow_mut() = src.tb.borrow().clone();
        *dst.context.borrow_mut() = src.context.borrow().clone();
        *dst.cause.borrow_mut() = src.cause.borrow().clone();
        dst.suppress_context.set(true);
    }
    if let Some(notes) = notes_of(orig)? {
        if is_sequence(&notes) {
            let copy = super::list::new_list(ops::collect_iterable(&notes)?);
            crate::attr::setattr(&eg, &Obj::str("__notes__"), copy)?;
        }
    }
    Ok(Some(eg))
}

/// `exc.__notes__` if set.
pub fn notes_of(exc: &Obj) -> PyResult<Option<Obj>> {
    match crate::attr::getattr(exc, &Obj::str("__notes__")) {
        Ok(n) => Ok(Some(n)),
        Err(e) if e.is_instance(&super::exceptions::ATTRIBUTE_ERROR) => Ok(None),
        Err(e) => Err(e),
    }
}

fn one_arg<'a>(name: &str, a: &'a [Obj]) -> PyResult<&'a Obj> {
    if a.len() != 1 {
        if crate::modules::sys::python_minor() >= 13 {
            return Err(type_error(format!("BaseExceptionGroup.{}() takes exactly one argument ({} given)", name, a.len())));
        }
        return Err(type_error(format!("{} expected 1 argument, got {}", name, a.len())));
    }
    Ok(&a[0])
}

pub fn split_m(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let matcher = Matcher::from_arg(one_arg("split", a)?)?;
    let (m, r) = split_rec(this, &matcher, true)?;
    Ok(Obj::tuple2(m.unwrap_or_else(Obj::none), r.unwrap_or_else(Obj::none)))
}

pub fn subgroup_m(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let matcher = Matcher::from_arg(one_arg("subgroup", a)?)?;
    Ok(split_rec(this, &matcher, false)?.0.unwrap_or_else(Obj::none))
}

/// `derive(excs)`: a group with this message and `excs` (subclasses override it).
pub fn derive_m(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    if a.len() != 1 {
        if crate::modules::sys::python_minor() >= 13 {
            return Err(type_error(format!("BaseExceptionGroup.derive() takes exactly one argument ({} given)", a.len())));
        }
        return Err(type_error(format!("function takes exactly 1 argument ({} given)", a.len())));
    }
    let msg = group_parts(this).map(|g| g.0).unwrap_or_else(|| Obj::str(""));
    group_new(&BASE_EXCEPTION_GROUP, &[msg, a[0].clone()], None)
}

// ---------------------------------------------------------------- except*

/// Rejects what `except*` may not name: non-exception classes (as `except`) and groups.
fn check_except_star_type(ty: &Obj) -> PyResult<()> {
    let types: Vec<Obj> = match try_tuple_items(ty) {
        Some(items) => items.to_vec(),
        None => vec![ty.clone()],
    };
    for t in &types {
        if t.layout() != Layout::Type || !t.as_type().is_subtype(&BASE_EXCEPTION) {
            return Err(type_error("catching classes that do not inherit from BaseException is not allowed"));
        }
    }
    if types.iter().any(|t| t.as_type().is_subtype(&BASE_EXCEPTION_GROUP)) {
        return Err(type_error("catching ExceptionGroup with except* is not allowed. Use except instead."));
    }
    Ok(())
}

/// CHECK_EG_MATCH: `except* ty` on `exc`. Returns the new (TOS1, TOS): `(exc, None)` when
/// nothing matches, else `(rest or None, match)`, and the match becomes the handled
/// exception. A naked exception that matches is wrapped in a group with message ""; from 3.13
/// on that group's traceback starts with the handler's frame at the `except*` line (`code`,
/// `line`: CPython 3.13's exception_group_match gives it the current frame's entry).
pub fn check_eg_match(exc: &Obj, ty: &Obj, code: &'static crate::CodeInfo, line: u32) -> PyResult<(Obj, Obj)> {
    check_except_star_type(ty)?;
    if exc.is_none() {
        return Ok((exc.clone(), Obj::none()));
    }
    let (matched, rest) = if exception_matches(exc, ty)? {
        let m = if is_group(exc) {
            exc.clone()
        } else {
            let wrapped = create_group("", Obj::tuple(vec![exc.clone()]))?;
            if crate::modules::sys::python_minor() >= 13 {
                if let Some(d) = exc_data(&wrapped) {
                    d.tb.borrow_mut().push((code, line));
                }
            }
            wrapped
        };
        (m, Obj::none())
    } else if is_group(exc) {
        let pair = crate::call_method(exc, "split", vec![ty.clone()], None)?;
        match try_tuple_items(&pair) {
            Some([m, r]) => (m.clone(), r.clone()),
            _ => return Err(type_error(format!("{}.split must return a 2-tuple, got {}", exc.type_name(), pair.type_name()))),
        }
    } else {
        (Obj::none(), Obj::none())
    };
    if matched.is_none() {
        return Ok((exc.clone(), matched));
    }
    crate::exc_state::set_handled(&matched);
    Ok((rest, matched))
}

/// Traceback, `__cause__` and `__context__` equal: `e` is `orig` (or a part of it split off)
/// re-raised unchanged.
fn same_metadata(e: &Obj, orig: &Obj) -> bool {
    let (a, b) = match (exc_data(e), exc_data(orig)) {
        (Some(a), Some(b)) => (a, b),
        _ => return false,
    };
    let same = |x: &Option<Obj>, y: &Option<Obj>| match (x, y) {
        (None, None) => true,
        (Some(x), Some(y)) => x.is(y),
        _ => false,
    };
    let tb_eq = {
        let (ta, tbb) = (a.tb.borrow(), b.tb.borrow());
        ta.len() == tbb.len() && ta.iter().zip(tbb.iter()).all(|(x, y)| std::ptr::eq(x.0, y.0) && x.1 == y.1)
    };
    tb_eq && same(&a.cause.borrow(), &b.cause.borrow()) && same(&a.context.borrow(), &b.context.borrow())
}

fn collect_leaf_ids(exc: &Obj, ids: &mut HashSet<usize>) {
    match group_exceptions(exc) {
        Some(excs) => excs.iter().for_each(|e| collect_leaf_ids(e, ids)),
        None => {
            ids.insert(exc.addr());
        }
    }
}

/// PREP_RERAISE_STAR: what leaves the `try`/`except*` statement, from the original exception
/// and the list of what its clauses raised or re-raised (and the unmatched rest; None
/// entries for clauses that completed): the re-raised parts keep the original's structure,
/// newly raised ones are grouped with them under a new group. None when nothing is raised.
pub fn prep_reraise_star(orig: &Obj, excs: &Obj) -> PyResult {
    let excs: Vec<Obj> = match super::list::as_list(excs) {
        Some(l) => l.borrow().clone(),
        None => return Err(type_error("PREP_RERAISE_STAR: expected a list")),
    };
    if excs.is_empty() {
        return Ok(Obj::none());
    }
    if !is_group(orig) {
        // a naked exception was wrapped: only one clause ran
        return Ok(excs[0].clone());
    }
    let (mut raised, mut reraised) = (Vec::new(), Vec::new());
    for e in excs.into_iter().filter(|e| !e.is_none()) {
        if same_metadata(&e, orig) {
            reraised.push(e);
        } else {
            raised.push(e);
        }
    }
    let mut ids = HashSet::new();
    reraised.iter().for_each(|e| collect_leaf_ids(e, &mut ids));
    let reraised_eg = split_rec(orig, &Matcher::Ids(ids), false)?.0;
    if raised.is_empty() {
        return Ok(reraised_eg.unwrap_or_else(Obj::none));
    }
    raised.extend(reraised_eg);
    if raised.len() > 1 {
        create_group("", super::list::new_list(raised))
    } else {
        Ok(raised.pop().unwrap())
    }
}
