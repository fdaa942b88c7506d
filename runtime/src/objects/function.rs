//! Function objects for compiled code: `CodeInfo` (the static code description), argument
//! binding with CPython's error messages, recursion-depth accounting, and bound methods.
use super::dict::{as_dict, dict_get_str, dict_set, new_dict};
use super::exceptions::{new_exc, type_error, RECURSION_ERROR};
use crate::object::{alloc, Layout, Obj};
use crate::PyResult;
use std::cell::RefCell;

pub const CO_VARARGS: u32 = 0x4;
pub const CO_VARKEYWORDS: u32 = 0x8;
/// Not CPython's: `CodeInfo.flags` of printed code whose fixed-arity entry keeps its own frame
/// (calls `frame_enter`/`frame_leave` itself; the hot units' functions), so that every caller
/// enters it with one call. Without it (cold library units, for size) the callers keep the
/// frame (`in_frame`). Masked out of `co_flags`.
pub const OWN_FRAME: u32 = 1 << 30;

/// Static description of one compiled code object.
pub struct CodeInfo {
    pub name: &'static str,
    pub qualname: &'static str,
    pub filename: &'static str,
    pub firstlineno: u32,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: u32,
    pub varnames: Names,
    pub entry: fn(func: &Obj, params: Vec<Obj>) -> PyResult,
    /// The same body taking exactly `argcount` positional parameters (no Vec), when it has one.
    pub fast: Fast,
}

/// A code object's local names (`co_varnames`) in one string, separated by spaces: a slice of
/// `&str` would take two words per name (the printer rejects a name with a space).
#[derive(Clone, Copy)]
pub struct Names(pub &'static str);

impl Names {
    pub fn iter(self) -> impl Iterator<Item = &'static str> + Clone {
        self.0.split(' ').filter(|s| !s.is_empty())
    }
    pub fn get(self, i: usize) -> &'static str {
        self.iter().nth(i).unwrap_or("")
    }
    pub fn len(self) -> usize {
        self.iter().count()
    }
    /// Names made at run time (exec, eval), leaked as code objects are.
    pub fn leak(names: &[&str]) -> Names {
        Names(Box::leak(names.join(" ").into_boxed_str()))
    }
}

/// A compiled function's fixed-arity entry: `argcount` owned parameters, in order. Only for
/// code without `*args`, `**kwargs` or keyword-only parameters (printed code decides).
#[derive(Clone, Copy)]
pub enum Fast {
    No,
    A0(fn(&Obj) -> PyResult),
    A1(fn(&Obj, Obj) -> PyResult),
    A2(fn(&Obj, Obj, Obj) -> PyResult),
    A3(fn(&Obj, Obj, Obj, Obj) -> PyResult),
    A4(fn(&Obj, Obj, Obj, Obj, Obj) -> PyResult),
    A5(fn(&Obj, Obj, Obj, Obj, Obj, Obj) -> PyResult),
    A6(fn(&Obj, Obj, Obj, Obj, Obj, Obj, Obj) -> PyResult),
}

impl CodeInfo {
    pub fn nparams(&self) -> usize {
        (self.argcount
            + self.kwonlyargcount
            + if self.flags & CO_VARARGS != 0 { 1 } else { 0 }
            + if self.flags & CO_VARKEYWORDS != 0 { 1 } else { 0 }) as usize
    }
}

pub struct FuncObj {
    /// Replaced by `__code__` assignment: read it at each call (`code()`).
    code: std::cell::Cell<&'static CodeInfo>,
    pub globals: Obj,
    pub defaults: RefCell<Option<Obj>>,
    pub kwdefaults: RefCell<Option<Obj>>,
    pub closure: RefCell<Option<Obj>>,
    pub dict: RefCell<Option<Obj>>,
    pub name: RefCell<Option<Obj>>,
    pub qualname: RefCell<Option<Obj>>,
    pub doc: RefCell<Option<Obj>>,
}

impl FuncObj {
    /// The code the function runs now.
    #[inline]
    pub fn code(&self) -> &'static CodeInfo {
        self.code.get()
    }
    /// `f.__code__ = c`: the caller checked that `code` fits the closure.
    pub fn set_code(&self, code: &'static CodeInfo) {
        self.code.set(code)
    }
}

/// A function bound to an instance.
pub struct MethodObj {
    pub func: Obj,
    pub this: Obj,
}

crate::static_type!(FUNCTION_TYPE, "function", &super::typeobj::OBJECT_TYPE, Function, &[]);
crate::static_type!(METHOD_TYPE, "method", &super::typeobj::OBJECT_TYPE, Method, &[]);

// The runtime is single-threaded (Obj is !Send; tests run with RUST_TEST_THREADS=1).
// The frame state in one static: a printed body's `frame_enter`/`frame_leave` and `set_line`
// reach all of it from one address (natively, units reach the runtime's statics through the
// GOT: one load for all of them instead of one per static).
// `frames`: the functions whose code is running, outermost first (borrowed: each caller holds
// its function): what `sys._getframe` reports. Each entry keeps the line its caller was at
// when it made the call (`live_line` then).
// `live_line`: the line of the innermost running compiled frame, as of its last call: printed
// code sets it before each operation that calls (`set_line`); a call restores it on return.
// What a live frame's `f_lineno`, `warnings.warn` and `traceback.extract_stack` read.
struct FrameState {
    depth: u32,
    limit: u32,
    live_line: u32,
    frames: Vec<(*mut crate::object::PyObjectHeader, u32)>,
}

static mut FS: FrameState = FrameState { depth: 0, limit: 1000, live_line: 0, frames: Vec::new() };

#[inline(always)]
fn fs() -> &'static mut FrameState {
    unsafe { &mut *std::ptr::addr_of_mut!(FS) }
}

#[inline]
fn depth_get() -> u32 {
    fs().depth
}
#[inline]
fn depth_set(n: u32) {
    fs().depth = n
}

pub fn recursion_depth() -> u32 {
    depth_get()
}
pub fn get_recursion_limit() -> u32 {
    fs().limit
}
pub fn set_recursion_limit(n: u32) {
    fs().limit = n
}

/// Creates a function object for `code` running in `globals`.
pub fn make_function(code: &'static CodeInfo, globals: &Obj, defaults: Option<Obj>, kwdefaults: Option<Obj>) -> Obj {
    alloc(
        &FUNCTION_TYPE,
        FuncObj {
            code: std::cell::Cell::new(code),
            globals: globals.clone(),
            defaults: RefCell::new(defaults.filter(|d| !d.is_none())),
            kwdefaults: RefCell::new(kwdefaults.filter(|d| !d.is_none())),
            closure: RefCell::new(None),
            dict: RefCell::new(None),
            name: RefCell::new(None),
            qualname: RefCell::new(None),
            doc: RefCell::new(None),
        },
    )
}

/// `make_function` with its `__doc__` set (as `setattr(f, "__doc__", doc)` does): one
/// out-of-line call where a documented function is defined, not a call and a setattr.
#[inline(never)]
pub fn make_function_doc(code: &'static CodeInfo, globals: &Obj, defaults: Option<Obj>, kwdefaults: Option<Obj>, doc: &Obj) -> Obj {
    let f = make_function(code, globals, defaults, kwdefaults);
    if let Some(func) = as_func(&f) {
        *func.doc.borrow_mut() = Some(doc.clone());
    }
    f
}

#[inline]
pub fn as_func(o: &Obj) -> Option<&FuncObj> {
    o.payload::<FuncObj>(Layout::Function)
}

/// The globals dict of a function object.
// Every compiled function's entry reads its globals: inline on wasm32, where a call costs
// more than the read (rustc 1.63 inlines nothing across crates by itself)
#[cfg_attr(target_arch = "wasm32", inline)]
pub fn function_globals(func: &Obj) -> Obj {
    match as_func(func) {
        Some(f) => f.globals.clone(),
        None => Obj::none(),
    }
}

/// Sets the closure tuple (of cell objects) of a function.
pub fn function_set_closure(func: &Obj, closure: Obj) {
    if let Some(f) = as_func(func) {
        *f.closure.borrow_mut() = Some(closure);
    }
}

/// The closure tuple of a function (None if it has none).
pub fn function_closure(func: &Obj) -> Obj {
    as_func(func).and_then(|f| f.closure.borrow().clone()).unwrap_or_else(Obj::none)
}

// Bound methods are made and dropped at every `obj.method` not fused into a call.
pub static mut METHOD_OBJ_FREE: crate::object::FreeList<MethodObj> = crate::object::FreeList::new();

pub fn new_method(func: Obj, this: Obj) -> Obj {
    unsafe { (*std::ptr::addr_of_mut!(METHOD_OBJ_FREE)).alloc(&METHOD_TYPE, MethodObj { func, this }) }
}

#[inline]
pub fn as_method(o: &Obj) -> Option<&MethodObj> {
    o.payload::<MethodObj>(Layout::Method)
}

/// Runs `f` counted as one more frame for the recursion limit.
#[inline]
pub fn with_depth<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    inline_depth_enter()?;
    let r = f();
    inline_depth_leave();
    r
}

/// Enters one more frame for the recursion limit, or gives the RecursionError a call past it
/// raises: `with_depth`'s entry, and where a comprehension inlined into its caller
/// (tir/passes/inline_comprehensions.py) would have been called.
#[inline]
pub fn inline_depth_enter() -> PyResult<()> {
    let d = depth_get() + 1;
    if d > get_recursion_limit() {
        return Err(new_exc(&RECURSION_ERROR, "maximum recursion depth exceeded"));
    }
    depth_set(d);
    Ok(())
}

/// Leaves what `inline_depth_enter` entered.
#[inline]
pub fn inline_depth_leave() {
    depth_set(depth_get() - 1)
}

/// Runs `f` as a nested C-level recursion (repr, comparison) counted against the limit,
/// raising RecursionError("maximum recursion depth exceeded<what>") past it.
#[inline]
#[cfg_attr(target_arch = "wasm32", inline)]
pub fn with_recursion<T>(what: &str, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    let d = depth_get() + 1;
    if d > get_recursion_limit() {
        return Err(new_exc(&RECURSION_ERROR, format!("maximum recursion depth exceeded{}", what)));
    }
    depth_set(d);
    let r = f();
    depth_set(depth_get() - 1);
    r
}


/// Printed code: the running frame is at `line` (before a call).
#[inline(always)]
pub fn set_line(line: u32) {
    fs().live_line = line;
}

/// The line frame `i` (0 = outermost) is at: the line of the call it is making.
pub fn frame_line(i: usize) -> Option<u32> {
    let s = fs();
    if i >= s.frames.len() {
        return None;
    }
    Some(match s.frames.get(i + 1) {
        Some(callee) => callee.1,
        None => s.live_line,
    })
}

/// Runs `body` (a generator's step) as the frame of `func` when the generator has one
/// (`sys._getframe` sees it); the running frame's line is kept either way.
#[inline]
pub fn in_generator_frame<T>(func: Option<&Obj>, body: impl FnOnce() -> T) -> T {
    let line = fs().live_line;
    if let Some(f) = func {
        fs().frames.push((f.as_ptr(), line));
    }
    let r = body();
    if func.is_some() {
        fs().frames.pop();
    }
    fs().live_line = line;
    r
}

/// The number of running compiled frames.
pub fn frame_count() -> usize {
    fs().frames.len()
}

/// The function running in frame `i` (0 = outermost).
pub fn frame_function(i: usize) -> Option<Obj> {
    fs().frames.get(i).map(|p| unsafe { Obj::from_static_ptr(p.0) })
}

/// The globals of the innermost running frame.
pub fn current_globals() -> Option<Obj> {
    let n = frame_count();
    if n == 0 {
        return None;
    }
    frame_function(n - 1).and_then(|f| as_func(&f).map(|f| f.globals.clone()))
}

/// The globals of the innermost running frame when it is a module body (what `dir()` and
/// `locals()` see there), else None.
pub fn module_body_globals() -> Option<Obj> {
    let n = frame_count();
    if n == 0 {
        return None;
    }
    let f = frame_function(n - 1)?;
    let fo = as_func(&f)?;
    if fo.code().name == "<module>" {
        Some(fo.globals.clone())
    } else {
        None
    }
}

/// Runs `code.entry` with depth accounting (code with `OWN_FRAME` keeps its own frame).
#[inline]
pub fn enter(func: &Obj, code: &'static CodeInfo, params: Vec<Obj>) -> PyResult {
    if code.flags & OWN_FRAME != 0 {
        return (code.entry)(func, params);
    }
    in_frame(func, || (code.entry)(func, params))
}

/// What `frame_enter` returns past the recursion limit (no frame was entered).
pub const FRAME_OVERFLOW: u32 = u32::MAX;

/// The frame bookkeeping of a printed fixed-arity entry (`fN_a`), done by the body itself so
/// that every caller (a call site that knows its callee, `call_fast`, `entry_fast`) enters the
/// body with one call: a collection when due, the recursion limit, the depth, and
/// `sys._getframe`'s stack. Returns the caller's line for `frame_leave`, or FRAME_OVERFLOW
/// past the limit (the body then returns `recursion_error()` without running).
#[inline(always)]
pub fn frame_enter(func: &Obj) -> u32 {
    crate::gc::maybe_collect();
    let s = fs();
    let d = s.depth + 1;
    if d > s.limit {
        return FRAME_OVERFLOW;
    }
    s.depth = d;
    let line = s.live_line;
    s.frames.push((func.as_ptr(), line));
    line
}

/// Leaves the frame `frame_enter` entered: `line` is what it returned.
#[inline(always)]
pub fn frame_leave(line: u32) {
    let s = fs();
    unsafe { s.frames.set_len(s.frames.len() - 1) };
    s.live_line = line;
    s.depth -= 1;
}


/// The RecursionError of a call past the limit (`frame_enter` returned FRAME_OVERFLOW).
#[cold]
#[inline(never)]
pub fn recursion_error() -> crate::Exc {
    new_exc(&RECURSION_ERROR, "maximum recursion depth exceeded")
}

/// Runs `body` as the frame of `func`: recursion limit, depth, `sys._getframe`'s stack.
#[inline(always)]
fn in_frame(func: &Obj, body: impl FnOnce() -> PyResult) -> PyResult {
    let d = depth_get() + 1;
    if d > get_recursion_limit() {
        return Err(new_exc(&RECURSION_ERROR, "maximum recursion depth exceeded"));
    }
    depth_set(d);
    let line = fs().live_line;
    fs().frames.push((func.as_ptr(), line));
    let r = body();
    fs().frames.pop();
    fs().live_line = line;
    depth_set(depth_get() - 1);
    r
}

/// Calls `func` with `this` (when given) and then `args` as positional arguments through its
/// code's fixed-arity entry, filling missing trailing parameters from `__defaults__`; None
/// (nothing run) when `func` is no compiled function with such an entry or the count does not
/// fit, so the caller takes the generic path (which also raises the TypeErrors).
/// The exact count is the common case: the arguments' addresses go into a stack array and one
/// out-of-line entry (`enter_fast`, shared by every caller) clones them into the parameters.
#[inline(always)]
pub fn call_fast<A: std::borrow::Borrow<Obj>>(func: &Obj, this: Option<&Obj>, args: &[A]) -> Option<PyResult> {
    let f = as_func(func)?;
    let code = f.code();
    let skip = this.is_some() as usize;
    let given = args.len() + skip;
    let argc = code.argcount as usize;
    if given > argc || argc > MAX_FAST {
        return None;
    }
    if given == argc && code.flags & OWN_FRAME != 0 {
        // the exact count of a body that keeps its own frame: straight from here, the
        // arguments read where they are (`given` and `skip` are constants where this is
        // inlined, so one arm remains; no array of their addresses is built, which on wasm32
        // would live in the shadow stack and give every caller a frame)
        // (a macro, not a closure: a closure here was a call of its own per argument on wasm32)
        macro_rules! a {
            ($i:expr) => {
                match this {
                    Some(t) if $i == 0 => t.clone(),
                    _ => <A as std::borrow::Borrow<Obj>>::borrow(&args[$i - skip]).clone(),
                }
            };
        }
        match (given, code.fast) {
            (0, Fast::A0(e)) => return Some(e(func)),
            (1, Fast::A1(e)) => return Some(e(func, a!(0))),
            (2, Fast::A2(e)) => return Some(e(func, a!(0), a!(1))),
            (3, Fast::A3(e)) => return Some(e(func, a!(0), a!(1), a!(2))),
            (4, Fast::A4(e)) => return Some(e(func, a!(0), a!(1), a!(2), a!(3))),
            _ => {}
        }
    }
    call_fast_by_array(func, f, this, args)
}

/// `call_fast` when the arguments go through an array of their addresses: fewer than the
/// parameters (defaults), five or six, or a body without a frame of its own.
#[inline(never)]
fn call_fast_by_array<A: std::borrow::Borrow<Obj>>(func: &Obj, f: &FuncObj, this: Option<&Obj>, args: &[A]) -> Option<PyResult> {
    let code = f.code();
    let skip = this.is_some() as usize;
    let given = args.len() + skip;
    let mut p: [*const Obj; MAX_FAST] = [std::ptr::null(); MAX_FAST];
    if let Some(t) = this {
        p[0] = t;
    }
    for (i, a) in args.iter().enumerate() {
        p[i + skip] = <A as std::borrow::Borrow<Obj>>::borrow(a);
    }
    if given < code.argcount as usize {
        return call_fast_defaults(func, f, p, given);
    }
    enter_fast(func, code, &p)
}

/// The most parameters a fixed-arity entry takes (`Fast::A6`).
const MAX_FAST: usize = 6;

/// Runs the fixed-arity entry of `code` with owned copies of the `Obj`s `p` points to (as
/// many as the entry takes), in a frame of its own unless the body keeps one (`OWN_FRAME`).
/// None for `Fast::No`.
#[inline(never)]
fn enter_fast(func: &Obj, code: &'static CodeInfo, p: &[*const Obj; MAX_FAST]) -> Option<PyResult> {
    // the callers hold every argument for the whole call
    let a = |i: usize| -> Obj { unsafe { (*p[i]).clone() } };
    let e = match code.fast {
        Fast::No => return None,
        e => e,
    };
    let run = || match e {
        Fast::A0(e) => e(func),
        Fast::A1(e) => e(func, a(0)),
        Fast::A2(e) => e(func, a(0), a(1)),
        Fast::A3(e) => e(func, a(0), a(1), a(2)),
        Fast::A4(e) => e(func, a(0), a(1), a(2), a(3)),
        Fast::A5(e) => e(func, a(0), a(1), a(2), a(3), a(4)),
        Fast::A6(e) => e(func, a(0), a(1), a(2), a(3), a(4), a(5)),
        Fast::No => unreachable!(),
    };
    if code.flags & OWN_FRAME != 0 {
        return Some(run());
    }
    crate::gc::maybe_collect();
    Some(in_frame(func, run))
}

/// Whether `f` is a function object running `code` (a call site that knows its callee calls
/// the body of `code` directly when it is).
#[inline(always)]
pub fn is_code(f: &Obj, code: &'static CodeInfo) -> bool {
    match as_func(f) {
        Some(fo) => std::ptr::eq(fo.code(), code),
        None => false,
    }
}

/// `call_fast` with fewer arguments than parameters (`p` holds the `given` ones): the missing
/// trailing ones come from the defaults tuple's tail (held for the call: the body may replace
/// `__defaults__`).
#[inline(never)]
fn call_fast_defaults(func: &Obj, f: &FuncObj, mut p: [*const Obj; MAX_FAST], given: usize) -> Option<PyResult> {
    let code = f.code();
    if let Fast::No = code.fast {
        return None;
    }
    let argc = code.argcount as usize;
    let d = f.defaults.borrow().clone()?;
    let items = super::tuple::try_tuple_items(&d)?;
    if items.len() < argc - given {
        return None;
    }
    let first = items.len() - (argc - given);
    for (j, v) in items[first..].iter().enumerate() {
        p[given + j] = v;
    }
    enter_fast(func, code, &p)
}

/// Calls `func` with `this` prepended to the arguments (a method call without a bound-method
/// object): the fixed-arity entry when it fits, else the generic call. `args` are `&[Obj]` or
/// `&[&Obj]`; `kwnames` names the trailing ones as in `call`.
pub fn call_with_self<A: std::borrow::Borrow<Obj>>(func: &Obj, this: &Obj, args: &[A], kwnames: Option<&Obj>) -> PyResult {
    if kwnames.map_or(true, |k| k.is_none() || super::tuple::tuple_len(k) == 0) {
        if let Some(r) = call_fast(func, Some(this), args) {
            return r;
        }
    }
    call_with_self_generic(func, this, args, kwnames)
}

/// `call_with_self` through the generic call (its argument vector kept out of the entry:
/// passed by value, it is a frame on wasm32).
#[inline(never)]
fn call_with_self_generic<A: std::borrow::Borrow<Obj>>(func: &Obj, this: &Obj, args: &[A], kwnames: Option<&Obj>) -> PyResult {
    let mut a = Vec::with_capacity(args.len() + 1);
    a.push(this.clone());
    a.extend(args.iter().map(|x| <A as std::borrow::Borrow<Obj>>::borrow(x).clone()));
    crate::call(func, a, kwnames)
}

fn join_names(names: &[String]) -> String {
    match names.len() {
        0 => String::new(),
        1 => names[0].clone(),
        2 => format!("{} and {}", names[0], names[1]),
        n => format!("{}, and {}", names[..n - 1].join(", "), names[n - 1]),
    }
}

fn missing(qual: &str, kind: &str, names: Vec<String>) -> crate::Exc {
    type_error(format!(
        "{}() missing {} required {} argument{}: {}",
        qual,
        names.len(),
        kind,
        if names.len() == 1 { "" } else { "s" },
        join_names(&names)
    ))
}

/// Calls a function object: binds `args`/`kwnames` to the code's parameters.
pub fn call_function(func: &Obj, f: &FuncObj, mut args: Vec<Obj>, kwnames: Option<&Obj>) -> PyResult {
    crate::gc::maybe_collect();
    let code = f.code();
    let nkw = kwnames.map(super::tuple::tuple_len).unwrap_or(0);
    if nkw == 0
        && code.flags & (CO_VARARGS | CO_VARKEYWORDS) == 0
        && args.len() == code.argcount as usize
        && code.kwonlyargcount == 0
    {
        return enter(func, code, args);
    }
    let argcount = code.argcount as usize;
    let kwonly = code.kwonlyargcount as usize;
    let posonly = code.posonlyargcount as usize;
    let has_varargs = code.flags & CO_VARARGS != 0;
    let has_varkw = code.flags & CO_VARKEYWORDS != 0;
    // CPython names the function by its __qualname__ (dataclasses sets it on the methods it
    // generates), which starts as the code's
    let qual_name = f.qualname.borrow().as_ref().and_then(|q| q.as_str().map(str::to_string));
    let qual: &str = qual_name.as_deref().unwrap_or(code.qualname);
    let npos = args.len() - nkw;
    let kwvals: Vec<Obj> = args.drain(npos..).collect();
    let mut slots: Vec<Option<Obj>> = vec![None; argcount + kwonly];
    let mut extra: Vec<Obj> = Vec::new();
    for (i, a) in args.into_iter().enumerate() {
        if i < argcount {
            slots[i] = Some(a);
        } else {
            extra.push(a);
        }
    }
    let kwdict = if has_varkw { Some(new_dict()) } else { None };
    let mut posonly_as_kw: Vec<String> = Vec::new();
    if let Some(kn) = kwnames {
        for (name, val) in super::tuple::tuple_items(kn).iter().zip(kwvals.into_iter()) {
            let s = name.as_str().unwrap_or("");
            let idx = code.varnames.iter().take(argcount + kwonly).position(|v| v == s);
            match idx {
                Some(j) if j >= posonly => {
                    if slots[j].is_some() {
                        return Err(type_error(format!("{}() got multiple values for argument '{}'", qual, s)));
                    }
                    slots[j] = Some(val);
                }
                _ => {
                    if let Some(d) = &kwdict {
                        dict_set(d, name.clone(), val)?;
                    } else if idx.is_some() {
                        posonly_as_kw.push(s.to_string());
                    } else {
                        return Err(type_error(format!("{}() got an unexpected keyword argument '{}'", qual, s)));
                    }
                }
            }
        }
    }
    if !posonly_as_kw.is_empty() {
        return Err(type_error(format!(
            "{}() got some positional-only arguments passed as keyword arguments: '{}'",
            qual,
            posonly_as_kw.join(", ")
        )));
    }
    let defaults: Vec<Obj> = f.defaults.borrow().as_ref().map(|d| super::tuple::tuple_items(d).to_vec()).unwrap_or_default();
    if !extra.is_empty() && !has_varargs {
        let given = npos;
        let kwonly_given = slots[argcount..].iter().filter(|s| s.is_some()).count();
        let sig = if !defaults.is_empty() {
            format!("from {} to {}", argcount - defaults.len(), argcount)
        } else {
            argcount.to_string()
        };
        let plural = !defaults.is_empty() || argcount != 1;
        let kwsig = if kwonly_given > 0 {
            format!(
                " positional argument{} (and {} keyword-only argument{})",
                if given != 1 { "s" } else { "" },
                kwonly_given,
                if kwonly_given != 1 { "s" } else { "" }
            )
        } else {
            String::new()
        };
        return Err(type_error(format!(
            "{}() takes {} positional argument{} but {}{} {} given",
            qual,
            sig,
            if plural { "s" } else { "" },
            given,
            kwsig,
            if given == 1 && kwonly_given == 0 { "was" } else { "were" }
        )));
    }
    // positional defaults
    let first_default = argcount - defaults.len().min(argcount);
    let mut miss = Vec::new();
    for i in 0..argcount {
        if slots[i].is_none() {
            if i >= first_default {
                slots[i] = Some(defaults[i - first_default].clone());
            } else {
                miss.push(format!("'{}'", code.varnames.get(i)));
            }
        }
    }
    if !miss.is_empty() {
        return Err(missing(qual, "positional", miss));
    }
    let kwdefaults = f.kwdefaults.borrow().clone();
    for i in argcount..argcount + kwonly {
        if slots[i].is_none() {
            let name = code.varnames.get(i);
            if let Some(kd) = &kwdefaults {
                if as_dict(kd).is_some() {
                    if let Some(v) = dict_get_str(kd, &Obj::str(name)) {
                        slots[i] = Some(v);
                        continue;
                    }
                }
            }
            miss.push(format!("'{}'", name));
        }
    }
    if !miss.is_empty() {
        return Err(missing(qual, "keyword-only", miss));
    }
    let mut params: Vec<Obj> = slots.into_iter().map(|s| s.unwrap()).collect();
    if has_varargs {
        params.push(Obj::tuple(extra));
    }
    if let Some(d) = kwdict {
        params.push(d);
    }
    enter(func, code, params)
}
