//! Generator objects. The printed code compiles a generator body to a state machine, given
//! to the runtime as a closure `FnMut(GenSignal) -> PyResult<GenStep>`; the runtime provides
//! the Python-visible protocol: iteration, send, throw, close, StopIteration/return values,
//! "generator already executing", StopIteration → RuntimeError (PEP 479).
//! Coroutines and async generators are the same object with another `GenKind` (from the
//! code's flags); their awaitable protocols are in `coroutine.rs`.
use super::exceptions::{exc_args, new_exc, new_exc_obj, runtime_error, type_error, value_error, Exc, GENERATOR_EXIT, STOP_ITERATION};
use super::function::CodeInfo;
use super::str::nargs;
use crate::object::{alloc, Layout, MethodFn, Obj};
use crate::{ops, PyResult};
use std::cell::{Cell, RefCell};

/// What the generator is resumed with.
pub enum GenSignal {
    /// `next()` is `Send(None)`.
    Send(Obj),
    Throw(Exc),
}

/// What the generator body produced.
pub enum GenStep {
    Yield(Obj),
    Return(Obj),
}

pub type GenBody = Box<dyn FnMut(GenSignal) -> PyResult<GenStep>>;

/// Which of CPython's three generator-like objects this is (the messages differ).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum GenKind {
    Generator,
    Coroutine,
    AsyncGenerator,
}

impl GenKind {
    pub fn noun(self) -> &'static str {
        match self {
            GenKind::Generator => "generator",
            GenKind::Coroutine => "coroutine",
            GenKind::AsyncGenerator => "async generator",
        }
    }
}

pub const CO_COROUTINE: u32 = 0x80;
pub const CO_ITERABLE_COROUTINE: u32 = 0x100;
pub const CO_ASYNC_GENERATOR: u32 = 0x200;

pub struct GenObj {
    pub code: &'static CodeInfo,
    pub kind: GenKind,
    /// async generators: aclose() ran or the generator finished (CPython's ag_closed)
    pub ag_closed: Cell<bool>,
    /// async generators: an asend/athrow awaitable is in progress (ag_running_async)
    pub ag_running_async: Cell<bool>,
    pub body: RefCell<Option<GenBody>>,
    pub running: Cell<bool>,
    pub started: Cell<bool>,
    /// the exception being handled where the generator is suspended (CPython's gi_exc_state)
    pub exc_state: RefCell<Option<Obj>>,
    /// the compiled function whose call made it: its frame while it runs (`sys._getframe`)
    pub func: Option<Obj>,
}

impl Drop for GenObj {
    fn drop(&mut self) {
        // like CPython's gen.close() at deallocation: run pending finally blocks
        if self.started.get() {
            if let Some(mut b) = self.body.borrow_mut().take() {
                let exit = GenSignal::Throw(Exc::from_value(new_exc_obj(&GENERATOR_EXIT, vec![])));
                let _ = super::function::in_generator_frame(self.func.as_ref(), || crate::exc_state::with_generator_exc_state(&self.exc_state, || b(exit)));
            }
        }
    }
}

crate::static_type!(GENERATOR_TYPE, "generator", &super::typeobj::OBJECT_TYPE, Generator, &[]);

/// Creates the generator, coroutine or async generator (after `code.flags`) running `body`
/// (see `GenSignal`/`GenStep`).
pub fn new_generator(code: &'static CodeInfo, body: GenBody) -> Obj {
    generator_of(None, code, body)
}

/// A compiled generator function's generator: `func` is its frame's function while it runs.
pub fn new_generator_of(func: &Obj, code: &'static CodeInfo, body: GenBody) -> Obj {
    generator_of(Some(func.clone()), code, body)
}

fn generator_of(func: Option<Obj>, code: &'static CodeInfo, body: GenBody) -> Obj {
    let (ty, kind) = if code.flags & CO_COROUTINE != 0 {
        (&super::coroutine::COROUTINE_TYPE, GenKind::Coroutine)
    } else if code.flags & CO_ASYNC_GENERATOR != 0 {
        (&super::coroutine::ASYNC_GENERATOR_TYPE, GenKind::AsyncGenerator)
    } else {
        (&GENERATOR_TYPE, GenKind::Generator)
    };
    alloc(ty, gen_obj(func, kind, code, body))
}

/// A generator-like object of type `ty` (Layout Generator or Coroutine): the runtime's own
/// awaitables (asend objects, asyncio's coroutines) are state machines like compiled ones.
pub fn new_gen_of(ty: &'static crate::object::TypeObject, kind: GenKind, code: &'static CodeInfo, body: GenBody) -> Obj {
    alloc(ty, gen_obj(None, kind, code, body))
}

fn gen_obj(func: Option<Obj>, kind: GenKind, code: &'static CodeInfo, body: GenBody) -> GenObj {
    GenObj {
        func,
        code,
        kind,
        ag_closed: Cell::new(false),
        ag_running_async: Cell::new(false),
        body: RefCell::new(Some(body)),
        running: Cell::new(false),
        started: Cell::new(false),
        exc_state: RefCell::new(None),
    }
}

/// Generators and the runtime's iterator-like step objects have Layout Generator (they
/// are iterators); coroutines and async generators have Layout Coroutine (they are not).
pub fn as_gen(o: &Obj) -> Option<&GenObj> {
    match o.layout() {
        Layout::Generator | Layout::Coroutine => Some(unsafe { o.data::<GenObj>() }),
        _ => None,
    }
}

/// The value carried by a StopIteration exception.
pub fn stop_iteration_value(e: &Exc) -> Option<Obj> {
    if !e.is_instance(&STOP_ITERATION) {
        return None;
    }
    let a = exc_args(e.value());
    Some(super::tuple::tuple_items(&a).get(0).cloned().unwrap_or_else(Obj::none))
}

/// Resumes a generator object.
pub fn gen_resume(g: &GenObj, sig: GenSignal) -> PyResult<GenStep> {
    if g.running.get() {
        return Err(value_error(format!("{} already executing", g.kind.noun())));
    }
    let body = g.body.borrow_mut().take();
    let mut body = match body {
        Some(b) => b,
        None => {
            if g.kind == GenKind::Coroutine {
                let closing = matches!(&sig, GenSignal::Throw(e) if e.is_instance(&GENERATOR_EXIT));
                if !closing {
                    return Err(runtime_error("cannot reuse already awaited coroutine"));
                }
            }
            return match sig {
                GenSignal::Send(_) => Ok(GenStep::Return(Obj::none())),
                GenSignal::Throw(e) => Err(e),
            }
        }
    };
    if !g.started.get() {
        if let GenSignal::Send(v) = &sig {
            if !v.is_none() {
                *g.body.borrow_mut() = Some(body);
                return Err(type_error(format!("can't send non-None value to a just-started {}", g.kind.noun())));
            }
        }
    }
    g.started.set(true);
    g.running.set(true);
    let r = super::function::in_generator_frame(g.func.as_ref(), || crate::exc_state::with_generator_exc_state(&g.exc_state, || super::function::with_depth(|| body(sig))));
    g.running.set(false);
    match r {
        Ok(GenStep::Yield(v)) => {
            *g.body.borrow_mut() = Some(body);
            Ok(GenStep::Yield(v))
        }
        Ok(GenStep::Return(v)) => Ok(GenStep::Return(v)),
        Err(e) => Err(step_error(e, g.kind)),
    }
}

/// What an error leaving a step of a `kind` generator becomes (PEP 479): StopIteration (and an
/// async generator's StopAsyncIteration) turns into RuntimeError. Also the error of a
/// generator expression's code inlined into its caller (tir/passes/inline_comprehensions.py).
pub fn step_error(e: Exc, kind: GenKind) -> Exc {
    if e.is_instance(&STOP_ITERATION) {
        let re = runtime_error(format!("{} raised StopIteration", kind.noun()));
        set_context(&re, e.value());
        return re;
    }
    if kind == GenKind::AsyncGenerator && e.is_instance(&super::exc_types::STOP_ASYNC_ITERATION) {
        let re = runtime_error("async generator raised StopAsyncIteration");
        set_context(&re, e.value());
        return re;
    }
    e
}

fn set_context(e: &Exc, ctx: &Obj) {
    if let Some(d) = super::exceptions::exc_data(e.value()) {
        *d.context.borrow_mut() = Some(ctx.clone());
        *d.cause.borrow_mut() = Some(ctx.clone());
    }
}

/// One step of `yield from it` / `await`: sends `sig` into any iterator or generator.
/// Like CPython, a GeneratorExit thrown in closes `it` instead and comes back as the error
/// (or the error its close() raised), to be raised in the delegating generator.
pub fn gen_send(it: &Obj, sig: GenSignal) -> PyResult<GenStep> {
    if let GenSignal::Throw(e) = &sig {
        if e.is_instance(&GENERATOR_EXIT) {
            close_iter(it)?;
            return Err(match sig {
                GenSignal::Throw(e) => e,
                GenSignal::Send(_) => unreachable!(),
            });
        }
    }
    if let Some(g) = as_gen(it) {
        return gen_resume(g, sig);
    }
    match sig {
        GenSignal::Send(v) if v.is_none() => match ops::iter_next(it) {
            Ok(Some(x)) => Ok(GenStep::Yield(x)),
            Ok(None) => Ok(GenStep::Return(Obj::none())),
            Err(e) => match stop_iteration_value(&e) {
                Some(v) => Ok(GenStep::Return(v)),
                None => Err(e),
            },
        },
        GenSignal::Send(v) => match ops::call_method(it, "send", vec![v], None) {
            Ok(x) => Ok(GenStep::Yield(x)),
            Err(e) => match stop_iteration_value(&e) {
                Some(v) => Ok(GenStep::Return(v)),
                None => Err(e),
            },
        },
        GenSignal::Throw(e) => {
            if ops::lookup_special(it, "throw").is_none() {
                return Err(e);
            }
            match ops::call_method(it, "throw", vec![e.into_value()], None) {
                Ok(x) => Ok(GenStep::Yield(x)),
                Err(e) => match stop_iteration_value(&e) {
                    Some(v) => Ok(GenStep::Return(v)),
                    None => Err(e),
                },
            }
        }
    }
}

/// `it.close()` for a delegating generator being closed: generators and anything with a
/// `close` method.
fn close_iter(it: &Obj) -> PyResult<()> {
    if as_gen(it).is_some() {
        return g_close(it, &[], None).map(|_| ());
    }
    if ops::lookup_special(it, "close").is_some() {
        ops::call_method(it, "close", vec![], None)?;
    }
    Ok(())
}

/// Next value for iteration (None when the generator returns).
pub fn gen_iter_next(g: &GenObj) -> PyResult<Option<Obj>> {
    match gen_resume(g, GenSignal::Send(Obj::none()))? {
        GenStep::Yield(v) => Ok(Some(v)),
        GenStep::Return(_) => Ok(None),
    }
}

fn stop_with(v: Obj) -> Exc {
    if v.is_none() {
        return Exc::from_value(new_exc_obj(&STOP_ITERATION, vec![]));
    }
    Exc::from_value(new_exc_obj(&STOP_ITERATION, vec![v]))
}

pub fn g_send(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("send", a, 1, 1)?;
    match gen_resume(as_gen(this).unwrap(), GenSignal::Send(a[0].clone()))? {
        GenStep::Yield(v) => Ok(v),
        GenStep::Return(v) => Err(stop_with(v)),
    }
}
pub fn g_next(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    gen_next(this)
}

/// `next(gen)`: the next value, or StopIteration carrying the return value.
pub fn gen_next(this: &Obj) -> PyResult {
    match gen_resume(as_gen(this).unwrap(), GenSignal::Send(Obj::none()))? {
        GenStep::Yield(v) => Ok(v),
        GenStep::Return(v) => Err(stop_with(v)),
    }
}
pub fn g_throw(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("throw", a, 1, 3)?;
    throw_signature_deprecated("throw", a.len())?;
    let exc = exc_from_throw_args(a)?;
    match gen_resume(as_gen(this).unwrap(), GenSignal::Throw(exc))? {
        GenStep::Yield(v) => Ok(v),
        GenStep::Return(v) => Err(stop_with(v)),
    }
}
thread_local! {
    /// The call site already warned about the next throw()/athrow() (throw_signature_warning).
    static SITE_WARNED: std::cell::Cell<bool> = std::cell::Cell::new(false);
}

fn throw_signature_message(name: &str) -> &'static str {
    if name == "athrow" {
        "the (type, exc, tb) signature of athrow() is deprecated, use the single-arg signature instead."
    } else {
        "the (type, exc, tb) signature of throw() is deprecated, use the single-arg signature instead."
    }
}

/// 3.12+: `throw(type, value[, tb])` / `athrow(...)` with more than one argument warns
/// (DeprecationWarning). Called by the method itself: where the call site has not warned,
/// the warning has no location (as every runtime warning without a frame line).
pub fn throw_signature_deprecated(name: &str, nargs: usize) -> PyResult<()> {
    if SITE_WARNED.with(|w| w.replace(false)) || nargs < 2 || crate::sys::python_minor() < 12 {
        return Ok(());
    }
    crate::modules::warnings::warn_rust(&crate::objects::exc_types::DEPRECATION_WARNING, throw_signature_message(name))
}

/// Printed before a call `obj.throw(...)` / `obj.athrow(...)` with `nargs` (2 or 3) positional
/// arguments under 3.12+ bytecode: when `obj` is one of the runtime's generators, coroutines,
/// async generators or their step objects, the DeprecationWarning is reported at the call's
/// file and line, as CPython reports it from the calling frame.
pub fn throw_signature_warning(obj: &Obj, name: &str, nargs: usize, code: &'static crate::CodeInfo, line: u32) -> PyResult<()> {
    use super::coroutine::{ASEND_TYPE, ASYNC_GENERATOR_TYPE, ATHROW_TYPE, COROUTINE_TYPE, CORO_WRAPPER_TYPE};
    if !(2..=3).contains(&nargs) || crate::sys::python_minor() < 12 {
        return Ok(());
    }
    let ours = if name == "athrow" {
        obj.is_type(&ASYNC_GENERATOR_TYPE)
    } else {
        [&GENERATOR_TYPE, &COROUTINE_TYPE, &CORO_WRAPPER_TYPE, &ASEND_TYPE, &ATHROW_TYPE].iter().any(|t| obj.is_type(t))
    };
    if !ours {
        return Ok(());
    }
    crate::modules::warnings::warn_at(&crate::objects::exc_types::DEPRECATION_WARNING, throw_signature_message(name), code, line)?;
    SITE_WARNED.with(|w| w.set(true));
    Ok(())
}

/// The same before a call of `callee` (the value of an expression `x.throw` / `x.athrow`):
/// when it is a bound throw()/athrow() method of the runtime's generators.
pub fn throw_signature_warning_callee(callee: &Obj, nargs: usize, code: &'static crate::CodeInfo, line: u32) -> PyResult<()> {
    if let Some(m) = super::builtin_fn::as_builtin_method(callee) {
        if let Some(this) = &m.this {
            if m.name == "throw" || m.name == "athrow" {
                return throw_signature_warning(this, m.name, nargs, code, line);
            }
        }
    }
    Ok(())
}

/// The same before `callee(*args)` / `callee(*args, **kwargs)` (CALL_FUNCTION_EX), where the
/// number of arguments is known only now: warns for 2 or 3 positional arguments and no
/// keyword arguments (with keywords, throw() refuses the call before it would warn).
pub fn throw_signature_warning_callee_ex(callee: &Obj, args: &Obj, kwargs: Option<&Obj>, code: &'static crate::CodeInfo, line: u32) -> PyResult<()> {
    if crate::sys::python_minor() < 12 {
        return Ok(());
    }
    if let Some(k) = kwargs {
        if k.is_none() || crate::ops::len(k).unwrap_or(1) != 0 {
            return Ok(());
        }
    }
    let nargs = match crate::ops::len(args) {
        Ok(n) => n,
        Err(_) => return Ok(()),
    };
    throw_signature_warning_callee(callee, nargs, code, line)
}

/// The exception `throw(type[, value[, tb]])` / `throw(exc)` raises.
pub fn exc_from_throw_args(a: &[Obj]) -> PyResult<Exc> {
    if a.len() >= 2 && a[0].layout() == Layout::Type && !a[1].is_none() {
        // CPython's _PyErr_NormalizeException: a value that is already an instance of the
        // type is raised as it is (contextlib's __exit__ checks `exc is value`); a tuple is
        // the constructor's arguments; anything else is its one argument.
        if a[1].ty().is_subtype(a[0].as_type()) {
            return Ok(super::exceptions::raise_(&a[1]));
        }
        let args = match super::tuple::try_tuple_items(&a[1]) {
            Some(items) if a[1].is_type(&super::tuple::TUPLE_TYPE) => items.to_vec(),
            _ => vec![a[1].clone()],
        };
        let v = crate::call(&a[0], args, None)?;
        return Ok(super::exceptions::raise_(&v));
    }
    Ok(super::exceptions::raise_(&a[0]))
}

pub fn g_close(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let g = as_gen(this).unwrap();
    if !g.started.get() {
        g.body.borrow_mut().take();
        return Ok(Obj::none());
    }
    let exc = Exc::from_value(new_exc_obj(&GENERATOR_EXIT, vec![]));
    match gen_resume(g, GenSignal::Throw(exc)) {
        Ok(GenStep::Yield(_)) => Err(runtime_error(format!("{} ignored GeneratorExit", g.kind.noun()))),
        Ok(GenStep::Return(_)) => Ok(Obj::none()),
        Err(e) => {
            if e.is_instance(&GENERATOR_EXIT) || e.is_instance(&STOP_ITERATION) {
                Ok(Obj::none())
            } else {
                Err(e)
            }
        }
    }
}

pub static GEN_METHODS: &[(&str, MethodFn)] = &[("send", g_send), ("__next__", g_next), ("throw", g_throw), ("close", g_close)];

/// `<generator object f at 0x..>`; the runtime's own step objects have no name.
pub fn gen_repr(o: &Obj) -> String {
    let g = as_gen(o).unwrap();
    if g.code.qualname.is_empty() {
        return format!("<{} object at 0x{:x}>", o.type_name(), o.addr());
    }
    format!("<{} object {} at 0x{:x}>", o.type_name(), g.code.qualname, o.addr())
}

#[allow(dead_code)]
fn unused() -> Exc {
    new_exc(&STOP_ITERATION, "")
}
