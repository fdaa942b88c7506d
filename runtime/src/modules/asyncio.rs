//! The `asyncio` module: a deterministic, single-threaded event loop with a virtual clock.
//!
//! The algorithms are CPython 3.11's (base_events, futures, tasks, locks, queues), so the
//! same program schedules its callbacks in the same order: a FIFO ready queue, each loop
//! iteration running the callbacks ready at its start; timers fire by deadline, then in
//! the order they were scheduled. Time is virtual: when nothing is ready the clock jumps
//! to the next deadline instead of sleeping.
//!
//! Futures, tasks, queues and locks are instances of ordinary classes whose methods are
//! native; their state lives in the instance dict under CPython's attribute names
//! (`_state`, `_result`, `_callbacks`, ...). The async methods (`sleep`, `Queue.get`, ...)
//! are native coroutines: state machines driven like compiled coroutines.
use crate::object::Obj;
use crate::objects::builtin_fn::{new_native_fn, NATIVE_FN_TYPE, NATIVE_METHOD_TYPE};
use crate::objects::coroutine::{get_awaitable, is_coroutine, new_native_coroutine, new_step, STEP_METHODS};
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::exceptions::{new_exc_obj, runtime_error, type_error, value_error, Exc};
use crate::objects::exc_types::{BASE_EXCEPTION, EXCEPTION, KEYBOARD_INTERRUPT, SYSTEM_EXIT, TIMEOUT_ERROR};
use crate::objects::function::CodeInfo;
use crate::objects::generator::{gen_send, GenBody, GenSignal, GenStep};
use crate::objects::list::{as_list, new_list};
use crate::objects::tuple::try_tuple_items;
use crate::objects::typeobj::{finish_class, instance_dict, instance_dict_get, new_class, new_instance, OBJECT_TYPE};
use crate::{call, ops, PyResult};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

crate::static_type!(FUTURE_ITER_TYPE, "FutureIter", &OBJECT_TYPE, Generator, STEP_METHODS);

// ------------------------------------------------------------------ module state

/// The classes of the module (created once, on first import).
struct Classes {
    future: Obj,
    task: Obj,
    cancelled_error: Obj,
    invalid_state_error: Obj,
    queue_empty: Obj,
    queue_full: Obj,
    event: Obj,
    gathering: Obj,
    loop_cls: Obj,
    handle: Obj,
}

struct Handle {
    f: Obj,
    args: Vec<Obj>,
    cancelled: Rc<Cell<bool>>,
}

struct Timer {
    when: f64,
    seq: u64,
    handle: Handle,
}

/// The event loop: its Python object and its queues.
struct Loop {
    obj: Obj,
    ready: RefCell<VecDeque<Handle>>,
    timers: RefCell<Vec<Timer>>,
    now: Cell<f64>,
    seq: Cell<u64>,
    running: Cell<bool>,
    stopping: Cell<bool>,
    closed: Cell<bool>,
    current: RefCell<Option<Obj>>,
    tasks: RefCell<Vec<Obj>>,
}

thread_local! {
    static CLASSES: RefCell<Option<Rc<Classes>>> = RefCell::new(None);
    static LOOP: RefCell<Option<Rc<Loop>>> = RefCell::new(None);
    static TASK_COUNTER: Cell<u64> = Cell::new(0);
}

fn classes() -> Rc<Classes> {
    CLASSES.with(|c| c.borrow().clone()).expect("asyncio classes")
}

fn current_loop() -> Option<Rc<Loop>> {
    LOOP.with(|l| l.borrow().clone())
}

fn running_loop() -> PyResult<Rc<Loop>> {
    match current_loop() {
        Some(l) if l.running.get() => Ok(l),
        _ => Err(runtime_error("no running event loop")),
    }
}

/// The loop for a new future or task: the running one, else the current one (made if none).
fn any_loop() -> Rc<Loop> {
    match current_loop() {
        Some(l) if !l.closed.get() => l,
        _ => new_loop(),
    }
}

fn new_loop() -> Rc<Loop> {
    let obj = new_instance(classes().loop_cls.as_type());
    let l = Rc::new(Loop {
        obj,
        ready: RefCell::new(VecDeque::new()),
        timers: RefCell::new(Vec::new()),
        now: Cell::new(0.0),
        seq: Cell::new(0),
        running: Cell::new(false),
        stopping: Cell::new(false),
        closed: Cell::new(false),
        current: RefCell::new(None),
        tasks: RefCell::new(Vec::new()),
    });
    LOOP.with(|c| *c.borrow_mut() = Some(l.clone()));
    l
}

// ------------------------------------------------------------------ small helpers

fn get(o: &Obj, name: &str) -> Obj {
    instance_dict_get(o, &Obj::str(name)).unwrap_or_else(Obj::none)
}

fn set(o: &Obj, name: &str, v: Obj) {
    if let Some(d) = instance_dict(o) {
        let _ = dict_set(&d, Obj::str(name), v);
    }
}

fn flag(o: &Obj, name: &str) -> bool {
    ops::is_true(&get(o, name)).unwrap_or(false)
}

fn int_attr(o: &Obj, name: &str) -> i64 {
    get(o, name).as_i64().unwrap_or(0)
}

fn list_items(o: &Obj) -> Vec<Obj> {
    as_list(o).map(|l| l.borrow().clone()).unwrap_or_default()
}

fn list_push(o: &Obj, v: Obj) {
    if let Some(l) = as_list(o) {
        l.borrow_mut().push(v);
    }
}

fn list_remove(o: &Obj, v: &Obj) -> bool {
    if let Some(l) = as_list(o) {
        let mut l = l.borrow_mut();
        if let Some(i) = l.iter().position(|x| x.is(v)) {
            l.remove(i);
            return true;
        }
    }
    false
}

fn exc_of(cls: &Obj, args: Vec<Obj>) -> PyResult<Exc> {
    Ok(Exc::from_value(call(cls, args, None)?))
}

fn is_instance(o: &Obj, cls: &Obj) -> bool {
    o.ty().is_subtype(cls.as_type())
}

/// Positional and keyword arguments matched to `names` (the first `required` mandatory).
fn params(fname: &str, a: &[Obj], kw: Option<&Obj>, names: &[&str], required: usize) -> PyResult<Vec<Option<Obj>>> {
    let kwnames: Vec<Obj> = kw.and_then(try_tuple_items).map(|t| t.to_vec()).unwrap_or_default();
    let npos = a.len() - kwnames.len();
    if npos > names.len() {
        return Err(type_error(format!("{}() takes {} positional arguments but {} were given", fname, names.len(), npos)));
    }
    let mut out: Vec<Option<Obj>> = vec![None; names.len()];
    for (i, v) in a[..npos].iter().enumerate() {
        out[i] = Some(v.clone());
    }
    for (j, k) in kwnames.iter().enumerate() {
        let k = k.as_str().unwrap_or("");
        match names.iter().position(|n| *n == k) {
            Some(p) => out[p] = Some(a[npos + j].clone()),
            None => return Err(type_error(format!("{}() got an unexpected keyword argument '{}'", fname, k))),
        }
    }
    for (i, n) in names.iter().enumerate().take(required) {
        if out[i].is_none() {
            return Err(type_error(format!("{}() missing 1 required positional argument: '{}'", fname, n)));
        }
    }
    Ok(out)
}

fn native(name: &str, f: impl Fn(&[Obj], Option<&Obj>) -> PyResult + 'static) -> Obj {
    new_native_fn(&NATIVE_FN_TYPE, name, Box::new(f))
}

type Method = fn(&Obj, &[Obj], Option<&Obj>) -> PyResult;

fn def(ns: &Obj, name: &'static str, f: Method) -> PyResult<()> {
    let m = new_native_fn(
        &NATIVE_METHOD_TYPE,
        name,
        Box::new(move |a, k| {
            if a.is_empty() {
                return Err(type_error(format!("{}() needs an argument", name)));
            }
            f(&a[0], &a[1..], k)
        }),
    );
    dict_set(ns, Obj::str(name), m)
}

fn class(name: &str, bases: Vec<Obj>, module: &str, methods: &[(&'static str, Method)]) -> PyResult {
    let ns = new_dict();
    dict_set(&ns, Obj::str("__module__"), Obj::str(module))?;
    dict_set(&ns, Obj::str("__qualname__"), Obj::str(name))?;
    for (n, f) in methods {
        def(&ns, n, *f)?;
    }
    let cls = new_class(name, bases, ns, module)?;
    finish_class(&cls, &[])?;
    Ok(cls)
}

macro_rules! code_info {
    ($id:ident, $name:expr) => {
        static $id: CodeInfo = CodeInfo {
            name: $name,
            qualname: $name,
            filename: "",
            firstlineno: 0,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            flags: 0x80,
            varnames: crate::objects::function::Names(""),
            entry: no_entry,
            fast: crate::objects::function::Fast::No,
        };
    };
}

fn no_entry(_f: &Obj, _p: Vec<Obj>) -> PyResult {
    Ok(Obj::none())
}

// ------------------------------------------------------------------ the loop

fn call_soon(l: &Loop, f: Obj, args: Vec<Obj>) -> Rc<Cell<bool>> {
    let cancelled = Rc::new(Cell::new(false));
    l.ready.borrow_mut().push_back(Handle { f, args, cancelled: cancelled.clone() });
    cancelled
}

fn call_at(l: &Loop, when: f64, f: Obj, args: Vec<Obj>) -> Rc<Cell<bool>> {
    let cancelled = Rc::new(Cell::new(false));
    let seq = l.seq.get();
    l.seq.set(seq + 1);
    l.timers.borrow_mut().push(Timer { when, seq, handle: Handle { f, args, cancelled: cancelled.clone() } });
    cancelled
}

fn call_later(l: &Loop, delay: f64, f: Obj, args: Vec<Obj>) -> Rc<Cell<bool>> {
    call_at(l, l.now.get() + delay, f, args)
}

/// The index of the earliest live timer (deadline, then scheduling order).
fn next_timer(timers: &[Timer]) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, t) in timers.iter().enumerate() {
        if let Some(b) = best {
            let bt = &timers[b];
            if (t.when, t.seq) >= (bt.when, bt.seq) {
                continue;
            }
        }
        best = Some(i);
    }
    best
}

/// One iteration (CPython's `_run_once`): move the due timers to the ready queue (jumping
/// the clock to the next deadline when nothing is ready), then run the callbacks that
/// were ready at the start.
fn run_once(l: &Loop) -> PyResult<()> {
    l.timers.borrow_mut().retain(|t| !t.handle.cancelled.get());
    if l.ready.borrow().is_empty() && !l.stopping.get() {
        let timers = l.timers.borrow();
        match next_timer(&timers) {
            Some(i) => {
                if timers[i].when > l.now.get() {
                    l.now.set(timers[i].when);
                }
            }
            None => return Err(runtime_error("Event loop stopped before Future completed.")),
        }
    }
    loop {
        let due = {
            let mut timers = l.timers.borrow_mut();
            match next_timer(&timers) {
                Some(i) if timers[i].when <= l.now.get() => Some(timers.remove(i)),
                _ => None,
            }
        };
        match due {
            Some(t) => l.ready.borrow_mut().push_back(t.handle),
            None => break,
        }
    }
    let ntodo = l.ready.borrow().len();
    for _ in 0..ntodo {
        let h = match l.ready.borrow_mut().pop_front() {
            Some(h) => h,
            None => break,
        };
        if h.cancelled.get() {
            continue;
        }
        if let Err(e) = call(&h.f, h.args, None) {
            if e.is_instance(&KEYBOARD_INTERRUPT) || e.is_instance(&SYSTEM_EXIT) {
                return Err(e);
            }
            report("Exception in callback", &e);
        }
    }
    Ok(())
}

/// Like CPython's default exception handler: a message and the exception on stderr.
fn report(what: &str, e: &Exc) {
    crate::io::flush_stdout();
    let desc = ops::str_string(e.value()).unwrap_or_default();
    let line = if desc.is_empty() { e.value().type_name().to_string() } else { format!("{}: {}", e.value().type_name(), desc) };
    crate::io::write_stderr(format!("{}\n{}\n", what, line).as_bytes());
}

fn run_until_complete(l: &Rc<Loop>, fut: &Obj) -> PyResult {
    if l.running.get() {
        return Err(runtime_error("This event loop is already running"));
    }
    if current_loop().map_or(true, |c| !Rc::ptr_eq(&c, l)) {
        LOOP.with(|c| *c.borrow_mut() = Some(l.clone()));
    }
    let fut = ensure_future(fut)?;
    let stop = native("_run_until_complete_cb", |_a, _k| {
        if let Some(l) = current_loop() {
            l.stopping.set(true);
        }
        Ok(Obj::none())
    });
    add_done_callback(&fut, stop.clone());
    l.running.set(true);
    let mut r = Ok(());
    loop {
        if let Err(e) = run_once(l) {
            r = Err(e);
            break;
        }
        if l.stopping.get() {
            break;
        }
    }
    l.stopping.set(false);
    l.running.set(false);
    remove_done_callback(&fut, &stop);
    r?;
    if !fut_done(&fut) {
        return Err(runtime_error("Event loop stopped before Future completed."));
    }
    fut_result(&fut)
}

// ------------------------------------------------------------------ futures

fn init_future(f: &Obj) {
    set(f, "_state", Obj::str("PENDING"));
    set(f, "_result", Obj::none());
    set(f, "_exception", Obj::none());
    set(f, "_callbacks", new_list(vec![]));
    set(f, "_asyncio_future_blocking", Obj::bool(false));
    set(f, "_cancel_message", Obj::none());
    set(f, "_cancelled_exc", Obj::none());
}

fn new_future() -> Obj {
    let f = new_instance(classes().future.as_type());
    init_future(&f);
    f
}

fn is_future(o: &Obj) -> bool {
    o.layout() == crate::object::Layout::Instance && instance_dict_get(o, &Obj::str("_asyncio_future_blocking")).is_some()
}

fn state(f: &Obj) -> String {
    get(f, "_state").as_str().unwrap_or("PENDING").to_string()
}

fn fut_done(f: &Obj) -> bool {
    state(f) != "PENDING"
}

fn fut_cancelled(f: &Obj) -> bool {
    state(f) == "CANCELLED"
}

fn invalid_state(msg: String) -> Exc {
    exc_of(&classes().invalid_state_error, vec![Obj::string(msg)]).unwrap_or_else(|e| e)
}

fn schedule_callbacks(f: &Obj) {
    let cbs = list_items(&get(f, "_callbacks"));
    set(f, "_callbacks", new_list(vec![]));
    if let Some(l) = current_loop() {
        for cb in cbs {
            call_soon(&l, cb, vec![f.clone()]);
        }
    }
}

fn fut_set_result(f: &Obj, v: Obj) -> PyResult<()> {
    if fut_done(f) {
        return Err(invalid_state(format!("{}: {}", state(f), ops::repr_string(f)?)));
    }
    set(f, "_result", v);
    set(f, "_state", Obj::str("FINISHED"));
    schedule_callbacks(f);
    Ok(())
}

fn fut_set_exception(f: &Obj, exc: Obj) -> PyResult<()> {
    if fut_done(f) {
        return Err(invalid_state(format!("{}: {}", state(f), ops::repr_string(f)?)));
    }
    let exc = if exc.layout() == crate::object::Layout::Type { call(&exc, vec![], None)? } else { exc };
    if exc.is_instance_of(&crate::objects::exceptions::STOP_ITERATION) {
        return Err(type_error("StopIteration interacts badly with generators and cannot be raised into a Future"));
    }
    set(f, "_exception", exc);
    set(f, "_state", Obj::str("FINISHED"));
    schedule_callbacks(f);
    Ok(())
}

/// Future.cancel (for a task, the base behaviour: no coroutine involved).
fn fut_cancel(f: &Obj, msg: Obj) -> bool {
    if fut_done(f) {
        return false;
    }
    set(f, "_state", Obj::str("CANCELLED"));
    set(f, "_cancel_message", msg);
    schedule_callbacks(f);
    true
}

fn make_cancelled_error(f: &Obj) -> Exc {
    let saved = get(f, "_cancelled_exc");
    set(f, "_cancelled_exc", Obj::none());
    if !saved.is_none() {
        return Exc::from_value(saved);
    }
    let msg = get(f, "_cancel_message");
    let args = if msg.is_none() { vec![] } else { vec![msg] };
    exc_of(&classes().cancelled_error, args).unwrap_or_else(|e| e)
}

fn fut_result(f: &Obj) -> PyResult {
    match state(f).as_str() {
        "CANCELLED" => Err(make_cancelled_error(f)),
        "FINISHED" => {
            let e = get(f, "_exception");
            if !e.is_none() {
                return Err(Exc::from_value(e));
            }
            Ok(get(f, "_result"))
        }
        _ => Err(invalid_state("Result is not set.".into())),
    }
}

fn fut_exception(f: &Obj) -> PyResult {
    match state(f).as_str() {
        "CANCELLED" => Err(make_cancelled_error(f)),
        "FINISHED" => Ok(get(f, "_exception")),
        _ => Err(invalid_state("Exception is not set.".into())),
    }
}

fn add_done_callback(f: &Obj, cb: Obj) {
    if fut_done(f) {
        if let Some(l) = current_loop() {
            call_soon(&l, cb, vec![f.clone()]);
        }
        return;
    }
    list_push(&get(f, "_callbacks"), cb);
}

fn remove_done_callback(f: &Obj, cb: &Obj) -> usize {
    let l = get(f, "_callbacks");
    let before = list_items(&l);
    let kept: Vec<Obj> = before.iter().filter(|x| !x.is(cb) && !ops::eq(x, cb).unwrap_or(false)).cloned().collect();
    let n = before.len() - kept.len();
    set(f, "_callbacks", new_list(kept));
    n
}

/// `cancel(msg)` through the object's own method (a task's cancels its coroutine).
fn cancel_any(f: &Obj, msg: Obj) -> PyResult<bool> {
    let r = ops::call_method(f, "cancel", vec![msg], None)?;
    ops::is_true(&r)
}

/// `await fut` inside a native coroutine, first half: yield the future to the task unless
/// it is done already.
fn block_on(fut: &Obj) -> Option<GenStep> {
    if fut_done(fut) {
        return None;
    }
    set(fut, "_asyncio_future_blocking", Obj::bool(true));
    Some(GenStep::Yield(fut.clone()))
}

/// Second half: the future's result once resumed, or the exception thrown in.
fn resumed(fut: &Obj, sig: GenSignal) -> PyResult {
    match sig {
        GenSignal::Throw(e) => Err(e),
        GenSignal::Send(_) => {
            if !fut_done(fut) {
                return Err(runtime_error("await wasn't used with future"));
            }
            fut_result(fut)
        }
    }
}

fn future_iter(fut: &Obj) -> Obj {
    let fut = fut.clone();
    let mut started = false;
    new_step(
        &FUTURE_ITER_TYPE,
        Box::new(move |sig| {
            if !started {
                started = true;
                if let GenSignal::Throw(e) = sig {
                    return Err(e);
                }
                if let Some(step) = block_on(&fut) {
                    return Ok(step);
                }
                return fut_result(&fut).map(GenStep::Return);
            }
            resumed(&fut, sig).map(GenStep::Return)
        }),
    )
}

fn f_init(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    init_future(this);
    Ok(Obj::none())
}
fn f_result(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    fut_result(this)
}
fn f_exception(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    fut_exception(this)
}
fn f_done(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::bool(fut_done(this)))
}
fn f_cancelled(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::bool(fut_cancelled(this)))
}
fn f_set_result(this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let p = params("set_result", a, k, &["result"], 1)?;
    fut_set_result(this, p[0].clone().unwrap())?;
    Ok(Obj::none())
}
fn f_set_exception(this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let p = params("set_exception", a, k, &["exception"], 1)?;
    fut_set_exception(this, p[0].clone().unwrap())?;
    Ok(Obj::none())
}
fn f_cancel(this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let p = params("cancel", a, k, &["msg"], 0)?;
    Ok(Obj::bool(fut_cancel(this, p[0].clone().unwrap_or_else(Obj::none))))
}
fn f_add_done_callback(this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let p = params("add_done_callback", a, k, &["fn", "context"], 1)?;
    add_done_callback(this, p[0].clone().unwrap());
    Ok(Obj::none())
}
fn f_remove_done_callback(this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let p = params("remove_done_callback", a, k, &["fn"], 1)?;
    Ok(Obj::int(remove_done_callback(this, p[0].as_ref().unwrap()) as i64))
}
fn f_await(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(future_iter(this))
}
fn f_get_loop(_this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(any_loop().obj.clone())
}
fn f_repr(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let st = state(this).to_lowercase();
    let mut s = format!("<{} {}", this.type_name(), st);
    if let Some(name) = instance_dict_get(this, &Obj::str("_name")) {
        s.push_str(&format!(" name={}", ops::repr_string(&name)?));
    }
    if state(this) == "FINISHED" {
        let e = get(this, "_exception");
        if e.is_none() {
            s.push_str(&format!(" result={}", ops::repr_string(&get(this, "_result"))?));
        } else {
            s.push_str(&format!(" exception={}", ops::repr_string(&e)?));
        }
    }
    s.push('>');
    Ok(Obj::string(s))
}

const FUTURE_METHODS: &[(&str, Method)] = &[
    ("__init__", f_init),
    ("result", f_result),
    ("exception", f_exception),
    ("done", f_done),
    ("cancelled", f_cancelled),
    ("set_result", f_set_result),
    ("set_exception", f_set_exception),
    ("cancel", f_cancel),
    ("add_done_callback", f_add_done_callback),
    ("remove_done_callback", f_remove_done_callback),
    ("get_loop", f_get_loop),
    ("__await__", f_await),
    ("__iter__", f_await),
    ("__repr__", f_repr),
];

// ------------------------------------------------------------------ tasks

/// A new task running `coro`, its first step scheduled.
fn new_task(coro: Obj, name: Option<Obj>) -> PyResult {
    if !is_coroutine(&coro) {
        return Err(type_error(format!("a coroutine was expected, got {}", ops::repr_string(&coro)?)));
    }
    let l = any_loop();
    let t = new_instance(classes().task.as_type());
    init_future(&t);
    let n = TASK_COUNTER.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    let name = match name {
        Some(n) if !n.is_none() => Obj::string(ops::str_string(&n)?),
        _ => Obj::string(format!("Task-{}", n)),
    };
    set(&t, "_name", name);
    set(&t, "_coro", coro);
    set(&t, "_must_cancel", Obj::bool(false));
    set(&t, "_fut_waiter", Obj::none());
    set(&t, "_num_cancels_requested", Obj::int(0));
    call_soon(&l, step_fn(&t), vec![]);
    l.tasks.borrow_mut().push(t.clone());
    Ok(t)
}

fn step_fn(task: &Obj) -> Obj {
    let t = task.clone();
    native("__step", move |a, _k| {
        task_step(&t, a.get(0).cloned())?;
        Ok(Obj::none())
    })
}

fn wakeup_fn(task: &Obj) -> Obj {
    let t = task.clone();
    native("__wakeup", move |a, _k| {
        let exc = match fut_result(&a[0]) {
            Ok(_) => None,
            Err(e) => Some(e.into_value()),
        };
        task_step(&t, exc)?;
        Ok(Obj::none())
    })
}

/// One step of a task (CPython's Task.__step): resume the coroutine, then wait on the
/// future it yielded, or finish the task with its result or exception.
fn task_step(task: &Obj, exc: Option<Obj>) -> PyResult<()> {
    let cls = classes();
    if fut_done(task) {
        return Err(invalid_state("_step(): already done".into()));
    }
    let mut exc = exc;
    if flag(task, "_must_cancel") {
        if !exc.as_ref().map_or(false, |e| is_instance(e, &cls.cancelled_error)) {
            exc = Some(make_cancelled_error(task).into_value());
        }
        set(task, "_must_cancel", Obj::bool(false));
    }
    let coro = get(task, "_coro");
    set(task, "_fut_waiter", Obj::none());
    let l = any_loop();
    let outer = l.current.replace(Some(task.clone()));
    let r = match exc {
        None => gen_send(&coro, GenSignal::Send(Obj::none())),
        Some(e) => gen_send(&coro, GenSignal::Throw(Exc::from_value(e))),
    };
    *l.current.borrow_mut() = outer;
    match r {
        Ok(GenStep::Return(v)) => {
            if flag(task, "_must_cancel") {
                set(task, "_must_cancel", Obj::bool(false));
                fut_cancel(task, get(task, "_cancel_message"));
            } else {
                fut_set_result(task, v)?;
            }
            task_finished(&l, task);
        }
        Err(e) if is_instance(e.value(), &cls.cancelled_error) => {
            set(task, "_cancelled_exc", e.into_value());
            fut_cancel(task, Obj::none());
            task_finished(&l, task);
        }
        Err(e) => {
            let fatal = e.is_instance(&KEYBOARD_INTERRUPT) || e.is_instance(&SYSTEM_EXIT);
            let v = e.value().clone();
            fut_set_exception(task, v)?;
            task_finished(&l, task);
            if fatal {
                return Err(e);
            }
        }
        Ok(GenStep::Yield(result)) => on_yield(&l, task, result)?,
    }
    Ok(())
}

fn task_finished(l: &Loop, task: &Obj) {
    l.tasks.borrow_mut().retain(|t| !t.is(task));
}

fn on_yield(l: &Loop, task: &Obj, result: Obj) -> PyResult<()> {
    let bad = |msg: String| -> PyResult<()> {
        let e = runtime_error(msg).into_value();
        call_soon(l, step_fn(task), vec![e]);
        Ok(())
    };
    if is_future(&result) {
        if !flag(&result, "_asyncio_future_blocking") {
            return bad(format!("yield was used instead of yield from in task {} with {}", ops::repr_string(task)?, ops::repr_string(&result)?));
        }
        if result.is(task) {
            return bad(format!("Task cannot await on itself: {}", ops::repr_string(task)?));
        }
        set(&result, "_asyncio_future_blocking", Obj::bool(false));
        add_done_callback(&result, wakeup_fn(task));
        set(task, "_fut_waiter", result.clone());
        if flag(task, "_must_cancel") && cancel_any(&result, get(task, "_cancel_message"))? {
            set(task, "_must_cancel", Obj::bool(false));
        }
        return Ok(());
    }
    if result.is_none() {
        call_soon(l, step_fn(task), vec![]);
        return Ok(());
    }
    bad(format!("Task got bad yield: {}", ops::repr_string(&result)?))
}

fn task_cancel(task: &Obj, msg: Obj) -> PyResult<bool> {
    if fut_done(task) {
        return Ok(false);
    }
    set(task, "_num_cancels_requested", Obj::int(int_attr(task, "_num_cancels_requested") + 1));
    let waiter = get(task, "_fut_waiter");
    if !waiter.is_none() && cancel_any(&waiter, msg.clone())? {
        return Ok(true);
    }
    set(task, "_must_cancel", Obj::bool(true));
    set(task, "_cancel_message", msg);
    Ok(true)
}

fn t_cancel(this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let p = params("cancel", a, k, &["msg"], 0)?;
    Ok(Obj::bool(task_cancel(this, p[0].clone().unwrap_or_else(Obj::none))?))
}
fn t_get_name(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(get(this, "_name"))
}
fn t_set_name(this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let p = params("set_name", a, k, &["value"], 1)?;
    set(this, "_name", Obj::string(ops::str_string(p[0].as_ref().unwrap())?));
    Ok(Obj::none())
}
fn t_get_coro(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(get(this, "_coro"))
}
fn t_cancelling(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::int(int_attr(this, "_num_cancels_requested")))
}
fn t_uncancel(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let n = (int_attr(this, "_num_cancels_requested") - 1).max(0);
    set(this, "_num_cancels_requested", Obj::int(n));
    Ok(Obj::int(n))
}
fn t_init(_this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Err(type_error("use asyncio.create_task() to create tasks"))
}

const TASK_METHODS: &[(&str, Method)] = &[
    ("__init__", t_init),
    ("cancel", t_cancel),
    ("get_name", t_get_name),
    ("set_name", t_set_name),
    ("get_coro", t_get_coro),
    ("cancelling", t_cancelling),
    ("uncancel", t_uncancel),
];

fn ensure_future(o: &Obj) -> PyResult {
    if is_future(o) {
        return Ok(o.clone());
    }
    if is_coroutine(o) {
        return new_task(o.clone(), None);
    }
    Err(type_error("An asyncio.Future, a coroutine or an awaitable is required"))
}

// ------------------------------------------------------------------ module functions

fn m_run(a: &[Obj], k: Option<&Obj>) -> PyResult {
    let p = params("run", a, k, &["main", "debug"], 1)?;
    let main = p[0].clone().unwrap();
    if current_loop().map_or(false, |l| l.running.get()) {
        return Err(runtime_error("asyncio.run() cannot be called from a running event loop"));
    }
    if !is_coroutine(&main) {
        if crate::modules::sys::python_minor() >= 14 {
            // 3.14's Runner.run wraps any other awaitable in a coroutine
            if is_future(&main) || crate::ops::lookup_special(&main, "__await__").is_some() {
                return Err(crate::objects::exceptions::new_exc(
                    &crate::objects::exceptions::NOT_IMPLEMENTED_ERROR,
                    "asyncio.run() of an awaitable that is not a coroutine (3.14) is not supported in code compiled by pybc2wasm".to_string(),
                ));
            }
            return Err(type_error("An asyncio.Future, a coroutine or an awaitable is required"));
        }
        return Err(value_error(format!("a coroutine was expected, got {}", ops::repr_string(&main)?)));
    }
    let l = new_loop();
    let task = new_task(main, None)?;
    let r = run_until_complete(&l, &task);
    let shutdown = cancel_all_tasks(&l);
    l.closed.set(true);
    LOOP.with(|c| *c.borrow_mut() = None);
    let v = r?;
    shutdown?;
    Ok(v)
}

/// asyncio.run's cleanup: cancel the tasks still pending and run them to completion.
fn cancel_all_tasks(l: &Rc<Loop>) -> PyResult<()> {
    let pending: Vec<Obj> = l.tasks.borrow().iter().filter(|t| !fut_done(t)).cloned().collect();
    if pending.is_empty() {
        return Ok(());
    }
    for t in &pending {
        task_cancel(t, Obj::none())?;
    }
    let g = gather(pending.clone(), true)?;
    run_until_complete(l, &g)?;
    for t in &pending {
        if fut_cancelled(t) {
            continue;
        }
        if let Ok(e) = fut_exception(t) {
            if !e.is_none() {
                report("unhandled exception during asyncio.run() shutdown", &Exc::from_value(e));
            }
        }
    }
    Ok(())
}

code_info!(SLEEP_CODE, "sleep");

fn m_sleep(a: &[Obj], k: Option<&Obj>) -> PyResult {
    let p = params("sleep", a, k, &["delay", "result"], 1)?;
    let delay = ops::number_to_f64(p[0].as_ref().unwrap())?;
    let result = p[1].clone().unwrap_or_else(Obj::none);
    let mut stage = 0;
    let mut fut: Option<Obj> = None;
    let mut timer: Option<Rc<Cell<bool>>> = None;
    Ok(new_native_coroutine(
        &SLEEP_CODE,
        Box::new(move |sig| {
            stage += 1;
            if stage == 1 {
                if let GenSignal::Throw(e) = sig {
                    return Err(e);
                }
                if delay <= 0.0 {
                    return Ok(GenStep::Yield(Obj::none()));
                }
                let l = running_loop()?;
                let f = new_future();
                let setter = native("_set_result_unless_cancelled", |a, _k| {
                    if !fut_cancelled(&a[0]) {
                        fut_set_result(&a[0], a[1].clone())?;
                    }
                    Ok(Obj::none())
                });
                timer = Some(call_later(&l, delay, setter, vec![f.clone(), result.clone()]));
                let step = block_on(&f).unwrap();
                fut = Some(f);
                return Ok(step);
            }
            match &fut {
                None => match sig {
                    GenSignal::Throw(e) => Err(e),
                    GenSignal::Send(_) => Ok(GenStep::Return(result.clone())),
                },
                Some(f) => {
                    if let Some(t) = &timer {
                        t.set(true);
                    }
                    resumed(f, sig).map(GenStep::Return)
                }
            }
        }),
    ))
}

fn m_create_task(a: &[Obj], k: Option<&Obj>) -> PyResult {
    let p = params("create_task", a, k, &["coro", "name", "context"], 1)?;
    running_loop()?;
    new_task(p[0].clone().unwrap(), p[1].clone())
}

fn m_ensure_future(a: &[Obj], k: Option<&Obj>) -> PyResult {
    let p = params("ensure_future", a, k, &["coro_or_future", "loop"], 1)?;
    ensure_future(p[0].as_ref().unwrap())
}

/// gather(): a future completed when every child is, with their results in order.
fn gather(children_args: Vec<Obj>, return_exceptions: bool) -> PyResult {
    let cls = classes();
    if children_args.is_empty() {
        let outer = new_future();
        fut_set_result(&outer, new_list(vec![]))?;
        return Ok(outer);
    }
    let outer = new_instance(cls.gathering.as_type());
    init_future(&outer);
    let mut children: Vec<Obj> = Vec::new();
    let mut unique: Vec<(Obj, Obj)> = Vec::new();
    for arg in &children_args {
        let fut = match unique.iter().find(|(a, _)| a.is(arg)) {
            Some((_, f)) => f.clone(),
            None => {
                let f = ensure_future(arg)?;
                unique.push((arg.clone(), f.clone()));
                f
            }
        };
        children.push(fut);
    }
    set(&outer, "_children", new_list(children.clone()));
    set(&outer, "_cancel_requested", Obj::bool(false));
    let nfuts = unique.len();
    let nfinished = Rc::new(Cell::new(0usize));
    let outer_ref = outer.clone();
    let cancelled_error = cls.cancelled_error.clone();
    let cb = native("_done_callback", move |a, _k| {
        let fut = &a[0];
        nfinished.set(nfinished.get() + 1);
        let outer = &outer_ref;
        if fut_done(outer) {
            return Ok(Obj::none());
        }
        if !return_exceptions {
            if fut_cancelled(fut) {
                fut_set_exception(outer, make_cancelled_error(fut).into_value())?;
                return Ok(Obj::none());
            }
            let e = fut_exception(fut)?;
            if !e.is_none() {
                fut_set_exception(outer, e)?;
                return Ok(Obj::none());
            }
        }
        if nfinished.get() == nfuts {
            let mut results = Vec::new();
            for f in list_items(&get(outer, "_children")) {
                if fut_cancelled(&f) {
                    let m = get(&f, "_cancel_message");
                    results.push(call(&cancelled_error, vec![if m.is_none() { Obj::str("") } else { m }], None)?);
                } else {
                    let e = fut_exception(&f)?;
                    results.push(if e.is_none() { fut_result(&f)? } else { e });
                }
            }
            if flag(outer, "_cancel_requested") {
                fut_set_exception(outer, make_cancelled_error(fut).into_value())?;
            } else {
                fut_set_result(outer, new_list(results))?;
            }
        }
        Ok(Obj::none())
    });
    for (_, f) in &unique {
        add_done_callback(f, cb.clone());
    }
    Ok(outer)
}

/// _GatheringFuture.cancel: cancels the children; the outer future is cancelled through
/// their callbacks.
fn gf_cancel(this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let p = params("cancel", a, k, &["msg"], 0)?;
    if fut_done(this) {
        return Ok(Obj::bool(false));
    }
    let msg = p[0].clone().unwrap_or_else(Obj::none);
    let mut ret = false;
    for child in list_items(&get(this, "_children")) {
        if cancel_any(&child, msg.clone())? {
            ret = true;
        }
    }
    if ret {
        set(this, "_cancel_requested", Obj::bool(true));
    }
    Ok(Obj::bool(ret))
}

fn m_gather(a: &[Obj], k: Option<&Obj>) -> PyResult {
    let kwnames: Vec<Obj> = k.and_then(try_tuple_items).map(|t| t.to_vec()).unwrap_or_default();
    let npos = a.len() - kwnames.len();
    let mut return_exceptions = false;
    for (j, n) in kwnames.iter().enumerate() {
        match n.as_str() {
            Some("return_exceptions") => return_exceptions = ops::is_true(&a[npos + j])?,
            Some(other) => return Err(type_error(format!("gather() got an unexpected keyword argument '{}'", other))),
            None => {}
        }
    }
    gather(a[..npos].to_vec(), return_exceptions)
}

// ------------------------------------------------------------------ wait_for

fn release_waiter(waiter: &Obj) -> Obj {
    let w = waiter.clone();
    native("_release_waiter", move |_a, _k| {
        if !fut_done(&w) {
            fut_set_result(&w, Obj::none())?;
        }
        Ok(Obj::none())
    })
}

code_info!(WAIT_FOR_CODE, "wait_for");

enum WaitFor {
    Start,
    Delegate(Obj),
    Waiting,
    /// cancelling the awaited future, then raising this (or the timeout when None)
    Cancelling(Option<Exc>),
}

/// wait_for(aw, timeout): CPython 3.11's algorithm (a waiter future released by the timer
/// or by the awaited future, then cancel-and-wait on timeout).
fn m_wait_for(a: &[Obj], k: Option<&Obj>) -> PyResult {
    let p = params("wait_for", a, k, &["fut", "timeout"], 2)?;
    let arg = p[0].clone().unwrap();
    let timeout = p[1].clone().unwrap();
    let timeout = if timeout.is_none() { None } else { Some(ops::number_to_f64(&timeout)?) };
    let mut st = WaitFor::Start;
    let (mut fut, mut waiter, mut cb) = (Obj::none(), Obj::none(), Obj::none());
    let (mut waiter2, mut cb2) = (Obj::none(), Obj::none());
    let mut timer: Option<Rc<Cell<bool>>> = None;
    let body: GenBody = Box::new(move |sig| {
        let start_cancel = |fut: &Obj, waiter2: &mut Obj, cb2: &mut Obj| -> PyResult<GenStep> {
            *waiter2 = new_future();
            *cb2 = release_waiter(waiter2);
            add_done_callback(fut, cb2.clone());
            cancel_any(fut, Obj::none())?;
            Ok(block_on(waiter2).unwrap())
        };
        match std::mem::replace(&mut st, WaitFor::Waiting) {
            WaitFor::Start => {
                if let GenSignal::Throw(e) = sig {
                    return Err(e);
                }
                let l = running_loop()?;
                match timeout {
                    None => {
                        let aw = get_awaitable(&arg, 0)?;
                        st = WaitFor::Delegate(aw.clone());
                        let r = gen_send(&aw, GenSignal::Send(Obj::none()));
                        if !matches!(r, Ok(GenStep::Yield(_))) {
                            st = WaitFor::Start;
                        }
                        r
                    }
                    Some(t) if t <= 0.0 => {
                        fut = ensure_future(&arg)?;
                        if fut_done(&fut) {
                            return fut_result(&fut).map(GenStep::Return);
                        }
                        st = WaitFor::Cancelling(None);
                        start_cancel(&fut, &mut waiter2, &mut cb2)
                    }
                    Some(t) => {
                        waiter = new_future();
                        timer = Some(call_later(&l, t, release_waiter(&waiter), vec![]));
                        cb = release_waiter(&waiter);
                        fut = ensure_future(&arg)?;
                        add_done_callback(&fut, cb.clone());
                        Ok(block_on(&waiter).unwrap())
                    }
                }
            }
            WaitFor::Delegate(aw) => {
                let r = gen_send(&aw, sig);
                if matches!(r, Ok(GenStep::Yield(_))) {
                    st = WaitFor::Delegate(aw);
                }
                r
            }
            WaitFor::Waiting => {
                let r = resumed(&waiter, sig);
                let cancel_timer = |timer: &Option<Rc<Cell<bool>>>| {
                    if let Some(t) = timer {
                        t.set(true);
                    }
                };
                match r {
                    Err(e) if !is_instance(e.value(), &classes().cancelled_error) => {
                        cancel_timer(&timer);
                        Err(e)
                    }
                    r => {
                        if fut_done(&fut) {
                            cancel_timer(&timer);
                            return fut_result(&fut).map(GenStep::Return);
                        }
                        remove_done_callback(&fut, &cb);
                        st = WaitFor::Cancelling(r.err());
                        start_cancel(&fut, &mut waiter2, &mut cb2)
                    }
                }
            }
            WaitFor::Cancelling(then) => {
                let r = resumed(&waiter2, sig);
                remove_done_callback(&fut, &cb2);
                if let Some(t) = &timer {
                    t.set(true);
                }
                r?;
                if let Some(e) = then {
                    return Err(e);
                }
                match fut_result(&fut) {
                    Ok(v) => Ok(GenStep::Return(v)),
                    Err(e) if is_instance(e.value(), &classes().cancelled_error) => {
                        let te = new_exc_obj(&TIMEOUT_ERROR, vec![]);
                        Err(crate::objects::exceptions::raise_from(&te, e.value()))
                    }
                    Err(e) => Err(e),
                }
            }
        }
    });
    Ok(new_native_coroutine(&WAIT_FOR_CODE, body))
}

// ------------------------------------------------------------------ waiting on a future

/// A native coroutine that waits until `ready()` holds, parking a future in `waiters`
/// meanwhile (the loop of Queue.get/put, Lock.acquire, ...). `on_error` undoes the
/// bookkeeping when the wait raises; `done` produces the result.
fn wait_loop(
    code: &'static CodeInfo,
    waiters: Obj,
    ready: Box<dyn Fn() -> PyResult<bool>>,
    on_error: Box<dyn Fn(&Obj, &Exc) -> PyResult<()>>,
    done: Box<dyn Fn() -> PyResult>,
    once: bool,
) -> Obj {
    let mut parked: Option<Obj> = None;
    let mut first = true;
    new_native_coroutine(
        code,
        Box::new(move |sig| {
            if first {
                first = false;
                if let GenSignal::Throw(e) = sig {
                    return Err(e);
                }
            } else {
                let fut = parked.take().unwrap();
                let r = resumed(&fut, sig);
                list_remove(&waiters, &fut);
                if let Err(e) = r {
                    on_error(&fut, &e)?;
                    return Err(e);
                }
                if once {
                    return done().map(GenStep::Return);
                }
            }
            if ready()? {
                return done().map(GenStep::Return);
            }
            let fut = new_future();
            list_push(&waiters, fut.clone());
            let step = block_on(&fut).unwrap();
            parked = Some(fut);
            Ok(step)
        }),
    )
}

/// Wake the first waiter that is not done (Queue._wakeup_next pops the ones before it).
fn wakeup_next(waiters: &Obj) -> PyResult<()> {
    loop {
        let first = match as_list(waiters) {
            Some(l) if !l.borrow().is_empty() => l.borrow_mut().remove(0),
            _ => return Ok(()),
        };
        if !fut_done(&first) {
            fut_set_result(&first, Obj::none())?;
            return Ok(());
        }
    }
}

fn is_cancelled_error(e: &Exc) -> bool {
    is_instance(e.value(), &classes().cancelled_error)
}

/// A coroutine running `inner` and returning `map(result)` (`async def __aenter__`).
fn then(code: &'static CodeInfo, inner: Obj, map: Box<dyn Fn(Obj) -> PyResult>) -> Obj {
    new_native_coroutine(
        code,
        Box::new(move |sig| match gen_send(&inner, sig)? {
            GenStep::Yield(v) => Ok(GenStep::Yield(v)),
            GenStep::Return(v) => map(v).map(GenStep::Return),
        }),
    )
}

/// A coroutine that runs `f` when first resumed (`async def` without awaits).
fn immediate(code: &'static CodeInfo, f: Box<dyn Fn() -> PyResult>) -> Obj {
    new_native_coroutine(
        code,
        Box::new(move |sig| match sig {
            GenSignal::Throw(e) => Err(e),
            GenSignal::Send(_) => f().map(GenStep::Return),
        }),
    )
}

// ------------------------------------------------------------------ Event

code_info!(EVENT_WAIT_CODE, "Event.wait");

fn ev_init(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    set(this, "_value", Obj::bool(false));
    set(this, "_waiters", new_list(vec![]));
    Ok(Obj::none())
}
fn ev_is_set(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::bool(flag(this, "_value")))
}
fn ev_set(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    if !flag(this, "_value") {
        set(this, "_value", Obj::bool(true));
        for f in list_items(&get(this, "_waiters")) {
            if !fut_done(&f) {
                fut_set_result(&f, Obj::bool(true))?;
            }
        }
    }
    Ok(Obj::none())
}
fn ev_clear(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    set(this, "_value", Obj::bool(false));
    Ok(Obj::none())
}
fn ev_wait(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let (e1, e2) = (this.clone(), this.clone());
    Ok(wait_loop(
        &EVENT_WAIT_CODE,
        get(this, "_waiters"),
        Box::new(move || Ok(flag(&e1, "_value"))),
        Box::new(|_f, _e| Ok(())),
        Box::new(move || {
            let _ = &e2;
            Ok(Obj::bool(true))
        }),
        true,
    ))
}

const EVENT_METHODS: &[(&str, Method)] =
    &[("__init__", ev_init), ("is_set", ev_is_set), ("set", ev_set), ("clear", ev_clear), ("wait", ev_wait)];

// ------------------------------------------------------------------ Lock

code_info!(LOCK_ACQUIRE_CODE, "Lock.acquire");
code_info!(AENTER_CODE, "__aenter__");
code_info!(AEXIT_CODE, "__aexit__");

fn lock_init(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    set(this, "_locked", Obj::bool(false));
    set(this, "_waiters", new_list(vec![]));
    Ok(Obj::none())
}
fn lock_locked(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::bool(flag(this, "_locked")))
}
fn lock_wake_up_first(this: &Obj) -> PyResult<()> {
    if let Some(f) = list_items(&get(this, "_waiters")).into_iter().next() {
        if !fut_done(&f) {
            fut_set_result(&f, Obj::bool(true))?;
        }
    }
    Ok(())
}
fn lock_acquire(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let (l1, l2, l3) = (this.clone(), this.clone(), this.clone());
    let waiters = get(this, "_waiters");
    let w = waiters.clone();
    Ok(wait_loop(
        &LOCK_ACQUIRE_CODE,
        waiters,
        Box::new(move || Ok(!flag(&l1, "_locked") && list_items(&w).iter().all(fut_cancelled))),
        Box::new(move |_f, e| {
            if is_cancelled_error(e) && !flag(&l2, "_locked") {
                lock_wake_up_first(&l2)?;
            }
            Ok(())
        }),
        Box::new(move || {
            set(&l3, "_locked", Obj::bool(true));
            Ok(Obj::bool(true))
        }),
        true,
    ))
}
fn lock_release(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    if !flag(this, "_locked") {
        return Err(runtime_error("Lock is not acquired."));
    }
    set(this, "_locked", Obj::bool(false));
    lock_wake_up_first(this)?;
    Ok(Obj::none())
}
fn acm_aenter(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let inner = ops::call_method(this, "acquire", vec![], None)?;
    Ok(then(&AENTER_CODE, inner, Box::new(|_| Ok(Obj::none()))))
}
fn acm_aexit(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let o = this.clone();
    Ok(immediate(&AEXIT_CODE, Box::new(move || {
        ops::call_method(&o, "release", vec![], None)?;
        Ok(Obj::none())
    })))
}

const LOCK_METHODS: &[(&str, Method)] = &[
    ("__init__", lock_init),
    ("locked", lock_locked),
    ("acquire", lock_acquire),
    ("release", lock_release),
    ("__aenter__", acm_aenter),
    ("__aexit__", acm_aexit),
];

// ------------------------------------------------------------------ Semaphore

code_info!(SEM_ACQUIRE_CODE, "Semaphore.acquire");

fn sem_init(this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let p = params("Semaphore", a, k, &["value"], 0)?;
    let v = p[0].clone().unwrap_or_else(|| Obj::int(1));
    let n = v.as_i64().ok_or_else(|| type_error("Semaphore value must be an int"))?;
    if n < 0 {
        return Err(value_error("Semaphore initial value must be >= 0"));
    }
    set(this, "_value", Obj::int(n));
    set(this, "_bound_value", Obj::int(n));
    set(this, "_waiters", new_list(vec![]));
    Ok(Obj::none())
}
fn sem_is_locked(this: &Obj) -> bool {
    int_attr(this, "_value") == 0 || list_items(&get(this, "_waiters")).iter().any(|w| !fut_cancelled(w))
}
fn sem_locked(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::bool(sem_is_locked(this)))
}
fn sem_wake_up_next(this: &Obj) -> PyResult<()> {
    for f in list_items(&get(this, "_waiters")) {
        if !fut_done(&f) {
            set(this, "_value", Obj::int(int_attr(this, "_value") - 1));
            fut_set_result(&f, Obj::bool(true))?;
            return Ok(());
        }
    }
    Ok(())
}
fn sem_acquire(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    // the fast path decrements; a woken waiter was already counted by _wake_up_next
    let (s1, s2, s3) = (this.clone(), this.clone(), this.clone());
    let waited = Rc::new(Cell::new(false));
    let w1 = waited.clone();
    let w2 = waited;
    Ok(wait_loop(
        &SEM_ACQUIRE_CODE,
        get(this, "_waiters"),
        Box::new(move || {
            if w1.get() {
                return Ok(true);
            }
            w1.set(true);
            if sem_is_locked(&s1) {
                return Ok(false);
            }
            set(&s1, "_value", Obj::int(int_attr(&s1, "_value") - 1));
            w1.set(false);
            Ok(true)
        }),
        Box::new(move |f, e| {
            if is_cancelled_error(e) && !fut_cancelled(f) {
                set(&s2, "_value", Obj::int(int_attr(&s2, "_value") + 1));
                sem_wake_up_next(&s2)?;
            }
            Ok(())
        }),
        Box::new(move || {
            if w2.get() && int_attr(&s3, "_value") > 0 {
                sem_wake_up_next(&s3)?;
            }
            Ok(Obj::bool(true))
        }),
        true,
    ))
}
fn sem_release(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    set(this, "_value", Obj::int(int_attr(this, "_value") + 1));
    sem_wake_up_next(this)?;
    Ok(Obj::none())
}
fn bsem_release(this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    if int_attr(this, "_value") >= int_attr(this, "_bound_value") {
        return Err(value_error("BoundedSemaphore released too many times"));
    }
    sem_release(this, a, k)
}

const SEMAPHORE_METHODS: &[(&str, Method)] = &[
    ("__init__", sem_init),
    ("locked", sem_locked),
    ("acquire", sem_acquire),
    ("release", sem_release),
    ("__aenter__", acm_aenter),
    ("__aexit__", acm_aexit),
];

// ------------------------------------------------------------------ Queue

code_info!(QUEUE_GET_CODE, "Queue.get");
code_info!(QUEUE_PUT_CODE, "Queue.put");
code_info!(QUEUE_JOIN_CODE, "Queue.join");

fn q_items(q: &Obj) -> Obj {
    get(q, "_queue")
}
fn q_len(q: &Obj) -> usize {
    as_list(&q_items(q)).map(|l| l.borrow().len()).unwrap_or(0)
}
fn q_full(q: &Obj) -> bool {
    let m = int_attr(q, "_maxsize");
    m > 0 && q_len(q) as i64 >= m
}

fn q_init(this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let p = params("Queue", a, k, &["maxsize"], 0)?;
    set(this, "_maxsize", p[0].clone().unwrap_or_else(|| Obj::int(0)));
    set(this, "_queue", new_list(vec![]));
    set(this, "_getters", new_list(vec![]));
    set(this, "_putters", new_list(vec![]));
    set(this, "_unfinished_tasks", Obj::int(0));
    let finished = call(&classes().event, vec![], None)?;
    ev_set(&finished, &[], None)?;
    set(this, "_finished", finished);
    Ok(Obj::none())
}
fn q_qsize(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::int(q_len(this) as i64))
}
fn q_maxsize(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(get(this, "_maxsize"))
}
fn q_empty(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::bool(q_len(this) == 0))
}
fn q_full_m(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::bool(q_full(this)))
}
fn q_put_nowait(this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let p = params("put_nowait", a, k, &["item"], 1)?;
    if q_full(this) {
        return Err(exc_of(&classes().queue_full, vec![])?);
    }
    list_push(&q_items(this), p[0].clone().unwrap());
    set(this, "_unfinished_tasks", Obj::int(int_attr(this, "_unfinished_tasks") + 1));
    ev_clear(&get(this, "_finished"), &[], None)?;
    wakeup_next(&get(this, "_getters"))?;
    Ok(Obj::none())
}
fn q_get_nowait(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    if q_len(this) == 0 {
        return Err(exc_of(&classes().queue_empty, vec![])?);
    }
    let item = as_list(&q_items(this)).unwrap().borrow_mut().remove(0);
    wakeup_next(&get(this, "_putters"))?;
    Ok(item)
}
/// Queue.get/put's `except:` clause: cancel the parked future, and pass the wake-up on if
/// this waiter got it but will not use it.
fn q_on_error(q: &Obj, waiters_name: &'static str, can_go: fn(&Obj) -> bool) -> Box<dyn Fn(&Obj, &Exc) -> PyResult<()>> {
    let q = q.clone();
    Box::new(move |f, _e| {
        fut_cancel(f, Obj::none());
        if can_go(&q) && !fut_cancelled(f) {
            wakeup_next(&get(&q, waiters_name))?;
        }
        Ok(())
    })
}
fn q_get(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let (q1, q2) = (this.clone(), this.clone());
    Ok(wait_loop(
        &QUEUE_GET_CODE,
        get(this, "_getters"),
        Box::new(move || Ok(q_len(&q1) > 0)),
        q_on_error(this, "_getters", |q| q_len(q) > 0),
        Box::new(move || q_get_nowait(&q2, &[], None)),
        false,
    ))
}
fn q_put(this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let p = params("put", a, k, &["item"], 1)?;
    let item = p[0].clone().unwrap();
    let (q1, q2) = (this.clone(), this.clone());
    Ok(wait_loop(
        &QUEUE_PUT_CODE,
        get(this, "_putters"),
        Box::new(move || Ok(!q_full(&q1))),
        q_on_error(this, "_putters", |q| !q_full(q)),
        Box::new(move || q_put_nowait(&q2, &[item.clone()], None)),
        false,
    ))
}
fn q_task_done(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let n = int_attr(this, "_unfinished_tasks");
    if n <= 0 {
        return Err(value_error("task_done() called too many times"));
    }
    set(this, "_unfinished_tasks", Obj::int(n - 1));
    if n == 1 {
        ev_set(&get(this, "_finished"), &[], None)?;
    }
    Ok(Obj::none())
}
fn q_join(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    if int_attr(this, "_unfinished_tasks") > 0 {
        let inner = ev_wait(&get(this, "_finished"), &[], None)?;
        return Ok(then(&QUEUE_JOIN_CODE, inner, Box::new(|_| Ok(Obj::none()))));
    }
    Ok(immediate(&QUEUE_JOIN_CODE, Box::new(|| Ok(Obj::none()))))
}

const QUEUE_METHODS: &[(&str, Method)] = &[
    ("__init__", q_init),
    ("qsize", q_qsize),
    ("maxsize", q_maxsize),
    ("empty", q_empty),
    ("full", q_full_m),
    ("put_nowait", q_put_nowait),
    ("get_nowait", q_get_nowait),
    ("get", q_get),
    ("put", q_put),
    ("task_done", q_task_done),
    ("join", q_join),
];

// ------------------------------------------------------------------ the loop object

fn loop_of(_this: &Obj) -> PyResult<Rc<Loop>> {
    current_loop().ok_or_else(|| runtime_error("Event loop is closed"))
}
fn handle_obj(cancelled: Rc<Cell<bool>>) -> Obj {
    let h = new_instance(classes().handle.as_type());
    set(&h, "cancel", native("cancel", move |_a, _k| {
        cancelled.set(true);
        Ok(Obj::none())
    }));
    h
}
fn lp_time(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::float(loop_of(this)?.now.get()))
}
fn lp_call_soon(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    if a.is_empty() {
        return Err(type_error("call_soon() missing 1 required positional argument: 'callback'"));
    }
    Ok(handle_obj(call_soon(&*loop_of(this)?, a[0].clone(), a[1..].to_vec())))
}
fn lp_call_later(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    if a.len() < 2 {
        return Err(type_error("call_later() missing required arguments: 'delay' and 'callback'"));
    }
    let d = ops::number_to_f64(&a[0])?;
    Ok(handle_obj(call_later(&*loop_of(this)?, d, a[1].clone(), a[2..].to_vec())))
}
fn lp_call_at(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    if a.len() < 2 {
        return Err(type_error("call_at() missing required arguments: 'when' and 'callback'"));
    }
    let w = ops::number_to_f64(&a[0])?;
    Ok(handle_obj(call_at(&*loop_of(this)?, w, a[1].clone(), a[2..].to_vec())))
}
fn lp_create_future(_this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(new_future())
}
fn lp_create_task(_this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let p = params("create_task", a, k, &["coro", "name", "context"], 1)?;
    new_task(p[0].clone().unwrap(), p[1].clone())
}
fn lp_run_until_complete(this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let p = params("run_until_complete", a, k, &["future"], 1)?;
    run_until_complete(&loop_of(this)?, p[0].as_ref().unwrap())
}
fn lp_is_running(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::bool(loop_of(this).map(|l| l.running.get()).unwrap_or(false)))
}
fn lp_is_closed(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::bool(loop_of(this).map(|l| l.closed.get()).unwrap_or(true)))
}
fn lp_stop(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    loop_of(this)?.stopping.set(true);
    Ok(Obj::none())
}
fn lp_close(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    if let Ok(l) = loop_of(this) {
        if l.running.get() {
            return Err(runtime_error("Cannot close a running event loop"));
        }
        l.closed.set(true);
    }
    Ok(Obj::none())
}
fn lp_get_debug(_this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::bool(false))
}

const LOOP_METHODS: &[(&str, Method)] = &[
    ("time", lp_time),
    ("call_soon", lp_call_soon),
    ("call_later", lp_call_later),
    ("call_at", lp_call_at),
    ("create_future", lp_create_future),
    ("create_task", lp_create_task),
    ("run_until_complete", lp_run_until_complete),
    ("is_running", lp_is_running),
    ("is_closed", lp_is_closed),
    ("stop", lp_stop),
    ("close", lp_close),
    ("get_debug", lp_get_debug),
];

// ------------------------------------------------------------------ module functions

fn m_get_running_loop(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(running_loop()?.obj.clone())
}
fn m_get_event_loop(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(any_loop().obj.clone())
}
fn m_new_event_loop(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(new_loop().obj.clone())
}
fn m_set_event_loop(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::none())
}
fn m_current_task(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(running_loop()?.current.borrow().clone().unwrap_or_else(Obj::none))
}
fn m_all_tasks(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let l = running_loop()?;
    let tasks: Vec<Obj> = l.tasks.borrow().iter().filter(|t| !fut_done(t)).cloned().collect();
    crate::build_set(tasks)
}
fn m_iscoroutine(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    crate::objects::str::nargs("iscoroutine", a, 1, 1)?;
    Ok(Obj::bool(is_coroutine(&a[0])))
}
/// 3.14 deprecates `asyncio.iscoroutinefunction` (a DeprecationWarning at the caller's line):
/// the printer calls this before a call of something named `iscoroutinefunction` in 3.14+
/// bytecode, with the callee (or, for `obj.iscoroutinefunction(...)`, the object).
pub fn iscoroutinefunction_warning(callee: &Obj, attr_of: bool, code: &'static crate::CodeInfo, line: u32) -> PyResult<()> {
    if crate::modules::sys::python_minor() < 14 {
        return Ok(());
    }
    let f = if attr_of {
        match ops::getattr_str(callee, "iscoroutinefunction") {
            Ok(f) => f,
            Err(_) => return Ok(()),
        }
    } else {
        callee.clone()
    };
    let ours = crate::objects::builtin_fn::as_builtin(&f).map_or(false, |b| b.name == "iscoroutinefunction");
    if !ours {
        return Ok(());
    }
    crate::modules::warnings::warn_at(
        &crate::objects::exc_types::DEPRECATION_WARNING,
        "'asyncio.iscoroutinefunction' is deprecated and slated for removal in Python 3.16; use inspect.iscoroutinefunction() instead",
        code,
        line,
    )
}

fn m_iscoroutinefunction(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    crate::objects::str::nargs("iscoroutinefunction", a, 1, 1)?;
    Ok(Obj::bool(crate::function_code(&a[0]).map_or(false, |c| c.flags & 0x80 != 0)))
}
fn m_isfuture(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    crate::objects::str::nargs("isfuture", a, 1, 1)?;
    Ok(Obj::bool(is_future(&a[0])))
}

fn exception_class(name: &str, base: Obj, module: &str) -> PyResult {
    class(name, vec![base], module, &[])
}

fn make_classes() -> PyResult<Classes> {
    let future = class("Future", vec![], "asyncio", FUTURE_METHODS)?;
    let task = class("Task", vec![future.clone()], "asyncio", TASK_METHODS)?;
    let gathering = class("_GatheringFuture", vec![future.clone()], "asyncio.tasks", &[("cancel", gf_cancel)])?;
    let event = class("Event", vec![], "asyncio", EVENT_METHODS)?;
    Ok(Classes {
        future,
        task,
        gathering,
        event,
        cancelled_error: exception_class("CancelledError", BASE_EXCEPTION.obj(), "asyncio.exceptions")?,
        invalid_state_error: exception_class("InvalidStateError", EXCEPTION.obj(), "asyncio.exceptions")?,
        queue_empty: exception_class("QueueEmpty", EXCEPTION.obj(), "asyncio.queues")?,
        queue_full: exception_class("QueueFull", EXCEPTION.obj(), "asyncio.queues")?,
        loop_cls: class("_UnixSelectorEventLoop", vec![], "asyncio.unix_events", LOOP_METHODS)?,
        handle: class("TimerHandle", vec![], "asyncio.events", &[])?,
    })
}

pub fn make_module() -> PyResult {
    let cls = Rc::new(make_classes()?);
    CLASSES.with(|c| *c.borrow_mut() = Some(cls.clone()));
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("asyncio"))?;
    let functions: &[(&str, crate::objects::builtin_fn::BuiltinFn)] = &[
        ("run", m_run),
        ("sleep", m_sleep),
        ("create_task", m_create_task),
        ("ensure_future", m_ensure_future),
        ("gather", m_gather),
        ("wait_for", m_wait_for),
        ("get_running_loop", m_get_running_loop),
        ("get_event_loop", m_get_event_loop),
        ("new_event_loop", m_new_event_loop),
        ("set_event_loop", m_set_event_loop),
        ("current_task", m_current_task),
        ("all_tasks", m_all_tasks),
        ("iscoroutine", m_iscoroutine),
        ("iscoroutinefunction", m_iscoroutinefunction),
        ("isfuture", m_isfuture),
    ];
    for (n, f) in functions {
        dict_set(&d, Obj::str(n), crate::objects::builtin_fn::new_builtin(n, *f))?;
    }
    let lock = class("Lock", vec![], "asyncio", LOCK_METHODS)?;
    let semaphore = class("Semaphore", vec![], "asyncio", SEMAPHORE_METHODS)?;
    let bounded = class("BoundedSemaphore", vec![semaphore.clone()], "asyncio", &[("release", bsem_release)])?;
    let queue = class("Queue", vec![], "asyncio", QUEUE_METHODS)?;
    for (n, v) in [
        ("Future", cls.future.clone()),
        ("Task", cls.task.clone()),
        ("Event", cls.event.clone()),
        ("Lock", lock),
        ("Semaphore", semaphore),
        ("BoundedSemaphore", bounded),
        ("Queue", queue),
        ("CancelledError", cls.cancelled_error.clone()),
        ("InvalidStateError", cls.invalid_state_error.clone()),
        ("QueueEmpty", cls.queue_empty.clone()),
        ("QueueFull", cls.queue_full.clone()),
        ("TimeoutError", TIMEOUT_ERROR.obj()),
    ] {
        dict_set(&d, Obj::str(n), v)?;
    }
    Ok(crate::objects::module::new_module("asyncio", d))
}
