//! Coroutines and async generators, and the opcodes of `await`, `async with` and `async for`.
//!
//! Both are `GenObj`s (see generator.rs) with Layout Coroutine, so they are not iterators.
//! `await x` is GET_AWAITABLE then the `yield from` loop over the awaitable it returns.
//! An async generator's `yield v` yields a wrapped value (ASYNC_GEN_WRAP); everything else it
//! yields comes from an `await` and passes through to whoever drives it. Its `__anext__()`,
//! `asend()`, `athrow()` and `aclose()` return step objects (generator-like state machines
//! over the async generator) that turn a wrapped value into StopIteration(value) and the
//! generator's end into StopAsyncIteration, as CPython's async_generator_asend/athrow do.
use super::cell::CellObj;
use super::exc_types::STOP_ASYNC_ITERATION;
use super::exceptions::{new_exc_obj, raise_from, runtime_error, type_error, Exc, GENERATOR_EXIT};
use super::function::CodeInfo;
use super::generator::{
    as_gen, exc_from_throw_args, g_close, g_send, g_throw, gen_next, gen_resume, gen_send, new_gen_of, GenBody, GenKind,
    GenObj, GenSignal, GenStep, CO_ITERABLE_COROUTINE, GENERATOR_TYPE,
};
use super::str::nargs;
use super::typeobj::OBJECT_TYPE;
use crate::object::{alloc, MethodFn, Obj, TypeObject};
use crate::{ops, PyResult};
use std::cell::RefCell;

crate::static_type!(COROUTINE_TYPE, "coroutine", &OBJECT_TYPE, Coroutine, &[]);
crate::static_type!(ASYNC_GENERATOR_TYPE, "async_generator", &OBJECT_TYPE, Coroutine, &[]);
crate::static_type!(CORO_WRAPPER_TYPE, "coroutine_wrapper", &OBJECT_TYPE, Generator, STEP_METHODS);
crate::static_type!(ASEND_TYPE, "async_generator_asend", &OBJECT_TYPE, Generator, AWAITABLE_STEP_METHODS);
crate::static_type!(ATHROW_TYPE, "async_generator_athrow", &OBJECT_TYPE, Generator, AWAITABLE_STEP_METHODS);
crate::static_type!(WRAPPED_VALUE_TYPE, "async_generator_wrapped_value", &OBJECT_TYPE, Cell, &[]);

pub static CORO_METHODS: &[(&str, MethodFn)] = &[("send", g_send), ("throw", g_throw), ("close", g_close), ("__await__", coro_await)];
pub static AGEN_METHODS: &[(&str, MethodFn)] = &[
    ("__aiter__", self_method),
    ("__anext__", ag_anext),
    ("asend", ag_asend),
    ("athrow", ag_athrow),
    ("aclose", ag_aclose),
];
pub static STEP_METHODS: &[(&str, MethodFn)] =
    &[("send", g_send), ("__next__", step_next), ("throw", g_throw), ("close", g_close), ("__iter__", self_method)];
static AWAITABLE_STEP_METHODS: &[(&str, MethodFn)] = &[
    ("send", g_send),
    ("__next__", step_next),
    ("throw", g_throw),
    ("close", g_close),
    ("__iter__", self_method),
    ("__await__", self_method),
];

fn no_entry(_f: &Obj, _p: Vec<Obj>) -> PyResult {
    Ok(Obj::none())
}

/// The code of the runtime's own step objects (an empty qualname: reprs show no name).
pub static STEP_CODE: CodeInfo = CodeInfo {
    name: "",
    qualname: "",
    filename: "",
    firstlineno: 0,
    argcount: 0,
    posonlyargcount: 0,
    kwonlyargcount: 0,
    flags: 0,
    varnames: crate::objects::function::Names(""),
    entry: no_entry,
    fast: crate::objects::function::Fast::No,
};

pub fn self_method(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(this.clone())
}

fn step_next(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    gen_next(this)
}

/// A started generator-like object of type `ty` running `body` (it forwards its first
/// send itself, so it is never "just started").
pub fn new_step(ty: &'static TypeObject, body: GenBody) -> Obj {
    let o = new_gen_of(ty, GenKind::Generator, &STEP_CODE, body);
    as_gen(&o).unwrap().started.set(true);
    o
}

/// A coroutine object (type `coroutine`) running `body`, named by `code`: the runtime's own
/// coroutines (asyncio.sleep(), ...).
pub fn new_native_coroutine(code: &'static CodeInfo, body: GenBody) -> Obj {
    new_gen_of(&COROUTINE_TYPE, GenKind::Coroutine, code, body)
}

fn kind_of(o: &Obj) -> Option<GenKind> {
    as_gen(o).map(|g| g.kind)
}

pub fn is_coroutine(o: &Obj) -> bool {
    kind_of(o) == Some(GenKind::Coroutine)
}

/// Calls special method `name` of `o` (a class's method, or a builtin type's Rust method).
fn call_dunder(o: &Obj, name: &'static str) -> Option<PyResult> {
    if let Some(r) = ops::call_special(o, name, &[]) {
        return Some(r);
    }
    let ty = o.ty();
    if ty.heap {
        return None;
    }
    ty.find_method(name).map(|m| m(o, &[], None))
}

fn has_dunder(o: &Obj, name: &'static str) -> bool {
    ops::lookup_special(o, name).is_some() || (!o.ty().heap && o.ty().find_method(name).is_some())
}

pub fn coro_await(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let coro = this.clone();
    Ok(new_step(&CORO_WRAPPER_TYPE, Box::new(move |sig| gen_send(&coro, sig))))
}

/// GET_AWAITABLE: the iterator `await o` drives. `where_` picks CPython's message when `o`
/// cannot be awaited: 0 `await`, 1 the result of `__aenter__`, 2 that of `__aexit__`.
pub fn get_awaitable(o: &Obj, where_: u32) -> PyResult {
    if let Some(g) = as_gen(o) {
        let iterable_coro = o.is_type(&GENERATOR_TYPE) && g.code.flags & CO_ITERABLE_COROUTINE != 0;
        if g.kind == GenKind::Coroutine || iterable_coro {
            return Ok(o.clone());
        }
    }
    match call_dunder(o, "__await__") {
        Some(r) => {
            let it = r?;
            if is_coroutine(&it) {
                return Err(type_error("__await__() returned a coroutine"));
            }
            if !ops::is_iterator(&it) {
                return Err(type_error(format!("__await__() returned non-iterator of type '{}'", it.type_name())));
            }
            Ok(it)
        }
        None => Err(type_error(match where_ {
            1 => format!("'async with' received an object from __aenter__ that does not implement __await__: {}", o.type_name()),
            2 => format!("'async with' received an object from __aexit__ that does not implement __await__: {}", o.type_name()),
            _ if crate::modules::sys::python_minor() >= 14 => format!("'{}' object can't be awaited", o.type_name()),
            _ => format!("object {} can't be used in 'await' expression", o.type_name()),
        })),
    }
}

/// BEFORE_ASYNC_WITH: (bound `__aexit__`, `__aenter__()`), the latter still to be awaited.
pub fn async_with_enter(mgr: &Obj) -> PyResult<(Obj, Obj)> {
    let protocol = "object does not support the asynchronous context manager protocol";
    if !has_dunder(mgr, "__aenter__") {
        return Err(type_error(format!("'{}' {}", mgr.type_name(), protocol)));
    }
    if !has_dunder(mgr, "__aexit__") {
        return Err(type_error(format!("'{}' {} (missed __aexit__ method)", mgr.type_name(), protocol)));
    }
    let exit = ops::getattr_str(mgr, "__aexit__")?;
    let entered = call_dunder(mgr, "__aenter__").unwrap()?;
    Ok((exit, entered))
}

/// GET_AITER: `o.__aiter__()`, which must have `__anext__`.
pub fn get_aiter(o: &Obj) -> PyResult {
    let it = match call_dunder(o, "__aiter__") {
        Some(r) => r?,
        None => return Err(type_error(format!("'async for' requires an object with __aiter__ method, got {}", o.type_name()))),
    };
    if !has_dunder(&it, "__anext__") {
        return Err(type_error(format!(
            "'async for' received an object from __aiter__ that does not implement __anext__: {}",
            it.type_name()
        )));
    }
    Ok(it)
}

/// GET_ANEXT: the awaitable of `aiter.__anext__()`.
pub fn get_anext(aiter: &Obj) -> PyResult {
    if aiter.is_type(&ASYNC_GENERATOR_TYPE) {
        return Ok(asend(aiter, Obj::none()));
    }
    let next = match call_dunder(aiter, "__anext__") {
        Some(r) => r?,
        None => return Err(type_error(format!("'async for' requires an iterator with __anext__ method, got {}", aiter.type_name()))),
    };
    get_awaitable(&next, 0).map_err(|cause| {
        let msg = format!("'async for' received an invalid object from __anext__: {}", next.type_name());
        raise_from(type_error(msg).value(), cause.value())
    })
}

/// END_ASYNC_FOR: the loop ends on StopAsyncIteration; anything else is raised again.
pub fn end_async_for(exc: &Obj) -> PyResult<()> {
    if exc.is_instance_of(&STOP_ASYNC_ITERATION) {
        return Ok(());
    }
    Err(Exc::from_value(exc.clone()))
}

/// ASYNC_GEN_WRAP: marks a value yielded by `yield` in an async generator.
pub fn async_gen_wrap(v: Obj) -> Obj {
    alloc(&WRAPPED_VALUE_TYPE, CellObj { v: RefCell::new(Some(v)) })
}

fn unwrap_wrapped(o: &Obj) -> Option<Obj> {
    if o.is_type(&WRAPPED_VALUE_TYPE) {
        return unsafe { o.data::<CellObj>() }.v.borrow().clone();
    }
    None
}

fn stop_async_iteration() -> Exc {
    Exc::from_value(new_exc_obj(&STOP_ASYNC_ITERATION, vec![]))
}

/// A step of the async generator seen from an asend/athrow awaitable: a wrapped value is the
/// awaitable's result, the end of the generator is StopAsyncIteration (CPython's
/// async_gen_unwrap_value).
fn unwrap_step(g: &GenObj, r: PyResult<GenStep>) -> PyResult<GenStep> {
    match r {
        Ok(GenStep::Yield(v)) => match unwrap_wrapped(&v) {
            Some(x) => {
                g.ag_running_async.set(false);
                Ok(GenStep::Return(x))
            }
            None => Ok(GenStep::Yield(v)),
        },
        Ok(GenStep::Return(_)) => {
            g.ag_closed.set(true);
            g.ag_running_async.set(false);
            Err(stop_async_iteration())
        }
        Err(e) => {
            if e.is_instance(&STOP_ASYNC_ITERATION) || e.is_instance(&GENERATOR_EXIT) {
                g.ag_closed.set(true);
            }
            g.ag_running_async.set(false);
            Err(e)
        }
    }
}

/// `agen.asend(value)` (`__anext__()` sends None).
pub fn asend(agen: &Obj, value: Obj) -> Obj {
    let agen = agen.clone();
    let mut init = Some(value);
    let mut closed = false;
    new_step(
        &ASEND_TYPE,
        Box::new(move |sig| {
            let g = as_gen(&agen).unwrap();
            if closed {
                return Err(runtime_error("cannot reuse already awaited __anext__()/asend()"));
            }
            let sig = match (init.take(), sig) {
                (Some(_), _) if g.ag_running_async.get() => {
                    closed = true;
                    return Err(runtime_error("anext(): asynchronous generator is already running"));
                }
                (Some(v), GenSignal::Send(x)) if x.is_none() => GenSignal::Send(v),
                (_, sig) => sig,
            };
            g.ag_running_async.set(true);
            let r = unwrap_step(g, gen_resume(g, sig));
            if !matches!(r, Ok(GenStep::Yield(_))) {
                closed = true;
            }
            r
        }),
    )
}

/// `agen.athrow(exc)`, or `agen.aclose()` when `exc` is None.
fn athrow(agen: &Obj, exc: Option<Exc>) -> Obj {
    let agen = agen.clone();
    let is_close = exc.is_none();
    let mut pending = Some(exc);
    let mut closed = false;
    let what = if is_close { "aclose()" } else { "athrow()" };
    new_step(
        &ATHROW_TYPE,
        Box::new(move |sig| {
            let g = as_gen(&agen).unwrap();
            if closed {
                return Err(runtime_error("cannot reuse already awaited aclose()/athrow()"));
            }
            if g.body.borrow().is_none() && !g.running.get() {
                closed = true;
                return Ok(GenStep::Return(Obj::none()));
            }
            let sig = match pending.take() {
                Some(exc) => {
                    if g.ag_running_async.get() {
                        closed = true;
                        return Err(runtime_error(format!("{}: asynchronous generator is already running", what)));
                    }
                    if g.ag_closed.get() {
                        closed = true;
                        return Err(stop_async_iteration());
                    }
                    if let GenSignal::Send(v) = &sig {
                        if !v.is_none() {
                            return Err(runtime_error("can't send non-None value to a just-started coroutine"));
                        }
                    }
                    g.ag_running_async.set(true);
                    GenSignal::Throw(exc.unwrap_or_else(|| {
                        g.ag_closed.set(true);
                        Exc::from_value(new_exc_obj(&GENERATOR_EXIT, vec![]))
                    }))
                }
                None => sig,
            };
            let r = gen_resume(g, sig);
            let r = if is_close { close_step(g, r) } else { unwrap_step(g, r) };
            if !matches!(r, Ok(GenStep::Yield(_))) {
                closed = true;
            }
            r
        }),
    )
}

/// A step of aclose(): the generator must not yield a value, and its end (or
/// GeneratorExit / StopAsyncIteration) completes the awaitable.
fn close_step(g: &GenObj, r: PyResult<GenStep>) -> PyResult<GenStep> {
    match r {
        Ok(GenStep::Yield(v)) => {
            if unwrap_wrapped(&v).is_none() {
                return Ok(GenStep::Yield(v));
            }
            g.ag_running_async.set(false);
            Err(runtime_error("async generator ignored GeneratorExit"))
        }
        Ok(GenStep::Return(_)) => {
            g.ag_running_async.set(false);
            Ok(GenStep::Return(Obj::none()))
        }
        Err(e) => {
            g.ag_running_async.set(false);
            if e.is_instance(&STOP_ASYNC_ITERATION) || e.is_instance(&GENERATOR_EXIT) {
                return Ok(GenStep::Return(Obj::none()));
            }
            Err(e)
        }
    }
}

pub fn ag_anext(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(asend(this, Obj::none()))
}

pub fn ag_asend(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("asend", a, 1, 1)?;
    Ok(asend(this, a[0].clone()))
}

pub fn ag_athrow(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("athrow", a, 1, 3)?;
    super::generator::throw_signature_deprecated("athrow", a.len())?;
    Ok(athrow(this, Some(exc_from_throw_args(a)?)))
}

pub fn ag_aclose(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(athrow(this, None))
}
