//! A tree-walking interpreter of the statements pyexpr/stmt.rs parses: `exec()` of source
//! text built at run time (dataclasses' `_create_fn`, attrs' `_compile_and_eval`, timeit's
//! template), which a compiled program cannot hand to a Python compiler.
//!
//! Locals are a dict per call. A def's closure is the tuple of the enclosing functions' locals
//! dicts; which names a function binds is decided when it is parsed, so a name resolves as in
//! CPython: own locals (UnboundLocalError if not yet bound), then the innermost enclosing
//! function that binds it, then globals, then builtins. Functions are ordinary function
//! objects over a leaked CodeInfo (argcount, kwonly, VARARGS/VARKEYWORDS, varnames), so the
//! runtime binds their arguments and raises CPython's TypeErrors.
use crate::evalexpr::{Env, Scope};
use crate::objects::dict::{dict_delitem, dict_get_str, dict_set, new_dict};
use crate::objects::exceptions::{name_error, new_exc, raise_, raise_from, unbound_local, Exc};
use crate::objects::function::{as_func, function_closure, function_set_closure, make_function, CodeInfo, Fast};
use crate::pyexpr::stmt::{parse_module, Body, FuncDef, Stmt, S};
use crate::pyexpr::{Expr, Kind, Lambda};
use crate::objects::generator::{gen_send, new_generator, GenBody, GenSignal, GenStep};
use crate::{ops, Obj, PyResult};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

const CO_VARARGS: u32 = 0x4;
const CO_VARKEYWORDS: u32 = 0x8;
const CO_NESTED: u32 = 0x10;
const CO_GENERATOR: u32 = 0x20;

thread_local! {
    /// Interpreted functions by their code's address (leaked: a code lives as long as the
    /// program, as a compiled one's does).
    static DEFS: RefCell<HashMap<usize, Rc<FuncDef>>> = RefCell::new(HashMap::new());
    /// The FuncDef of each lambda made inside an interpreted function, by the lambda's address.
    static LAMBDAS: RefCell<HashMap<usize, Rc<FuncDef>>> = RefCell::new(HashMap::new());
    /// Module-level code objects (traceback entries) by file name.
    static MODULE_CODES: RefCell<Vec<&'static CodeInfo>> = RefCell::new(Vec::new());
}

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_string().into_boxed_str())
}

fn no_entry(_f: &Obj, _p: Vec<Obj>) -> PyResult {
    Err(crate::objects::exceptions::type_error("a module's code cannot be called"))
}

/// The code of statements run by `exec` from `filename`: named `<module>`, or the `co_name` a
/// `code.replace` gave the compiled text.
fn module_code(filename: &str, name: &str) -> &'static CodeInfo {
    if let Some(c) = MODULE_CODES.with(|m| m.borrow().iter().find(|c| c.filename == filename && c.name == name).copied()) {
        return c;
    }
    let code: &'static CodeInfo = Box::leak(Box::new(CodeInfo {
        name: if name == "<module>" { "<module>" } else { leak(name) },
        qualname: "<module>",
        filename: leak(filename),
        firstlineno: 1,
        argcount: 0,
        posonlyargcount: 0,
        kwonlyargcount: 0,
        flags: 0,
        varnames: crate::objects::function::Names(""),
        entry: no_entry,
        fast: Fast::No,
    }));
    MODULE_CODES.with(|m| m.borrow_mut().push(code));
    code
}

enum Flow {
    Normal,
    Return(Obj),
    Break,
    Continue,
    /// A generator function's body yields the value; the way back in is on `Frame::recs`.
    Yield(Obj),
}

/// Where a suspended generator body stands, one record per statement that encloses the
/// `yield`: pushed innermost first as Flow::Yield travels out, popped outermost first when
/// the generator is resumed (`Frame::resume_block`). The state a statement keeps across the
/// suspension (a for loop's iterator, the exception a handler runs for, a `with`'s exit, a
/// `yield from`'s delegate) is in its record.
enum Rec {
    /// The statement of a block that yielded.
    Block(usize),
    /// An `if`: whether its body (not its else) yielded.
    If(bool),
    While,
    For(Obj),
    /// A loop's `else` block.
    LoopElse,
    TryBody,
    /// The handler running, its exception, the handled exception before it.
    TryHandler(usize, Obj, Obj),
    TryElse,
    /// The outcome the `finally` block runs after, and the handled exception before it (when
    /// it runs for an exception).
    TryFinally(PyResult<Flow>, Option<Obj>),
    /// A `with` item (its index) and its bound `__exit__`.
    With(usize, Obj),
    Yield,
    YieldFrom(Obj),
}

struct Frame {
    locals: Obj,
    /// The function running; None for module-level code.
    def: Option<Rc<FuncDef>>,
    /// The enclosing functions' locals, outermost first (as `def.chain`).
    closure: Vec<Obj>,
    globals: Obj,
    /// Module level: the names a `global` statement declared.
    declared_global: RefCell<Vec<String>>,
    code: &'static CodeInfo,
    line: Cell<u32>,
    /// A suspended generator body's position (see Rec); empty otherwise.
    recs: RefCell<Vec<Rec>>,
    /// Module level: the annotated plain names' statements in source order (3.14 indexes
    /// `__conditional_annotations__` by them); None in functions and class bodies.
    annotation_sites: Option<Rc<Vec<usize>>>,
}

/// `exec(text, globals, locals)` of statements: runs them; module-level names go into
/// `locals` (which may be `globals`).
pub fn exec_text(text: &str, filename: &str, name: &str, globals: &Obj, locals: &Obj) -> PyResult<()> {
    let body = parse_module(text).map_err(|e| e.into_exc(filename))?;
    let code = module_code(filename, name);
    let frame = Frame {
        locals: locals.clone(),
        def: None,
        closure: Vec::new(),
        globals: globals.clone(),
        declared_global: RefCell::new(Vec::new()),
        code,
        line: Cell::new(1),
        recs: RefCell::new(Vec::new()),
        annotation_sites: Some(Rc::new(annotation_sites(&body))),
    };
    match frame.exec_block(&body) {
        Ok(_) => Ok(()),
        Err(e) => Err(e.raised(code, frame.line.get())),
    }
}

/// Whether `text` parses as statements: Err only for a SyntaxError (what `compile()` reports
/// at once; statements the interpreter lacks fail when executed).
pub fn check_syntax(text: &str, filename: &str) -> PyResult<()> {
    match parse_module(text) {
        Err(e @ crate::pyexpr::ParseError::Syntax(_)) => Err(e.into_exc(filename)),
        _ => Ok(()),
    }
}

fn def_entry(func: &Obj, params: Vec<Obj>) -> PyResult {
    let f = as_func(func).expect("an interpreted function");
    let key = f.code() as *const CodeInfo as usize;
    let def = DEFS.with(|m| m.borrow().get(&key).cloned()).expect("interpreted function");
    let locals = new_dict();
    for (name, v) in f.code().varnames.iter().zip(params) {
        dict_set(&locals, Obj::str(name), v)?;
    }
    let closure = {
        let c = function_closure(func);
        if c.is_none() {
            Vec::new()
        } else {
            crate::objects::tuple::tuple_items(&c).to_vec()
        }
    };
    let frame = Frame {
        locals,
        def: Some(def.clone()),
        closure,
        globals: f.globals.clone(),
        declared_global: RefCell::new(Vec::new()),
        code: f.code(),
        line: Cell::new(def.line),
        recs: RefCell::new(Vec::new()),
        annotation_sites: None,
    };
    if def.generator {
        return Ok(generator(frame, def, f.code()));
    }
    match &def.body {
        Body::Lambda(l) => frame.env().eval(&l.body).map_err(|e| e.raised(f.code(), l.body.span.line)),
        Body::Stmts(body) => match frame.exec_block(body) {
            Ok(Flow::Return(v)) => Ok(v),
            Ok(_) => Ok(Obj::none()),
            Err(e) => Err(e.raised(f.code(), frame.line.get())),
        },
    }
}

/// Calling a generator function: the generator object, whose steps run (and resume) the
/// body in `frame`.
fn generator(frame: Frame, def: Rc<FuncDef>, code: &'static CodeInfo) -> Obj {
    let mut started = false;
    let body: GenBody = Box::new(move |sig: GenSignal| {
        let stmts = match &def.body {
            Body::Stmts(b) => b,
            Body::Lambda(_) => return Ok(GenStep::Return(Obj::none())),
        };
        let r = if started {
            frame.resume_block(stmts, sig)
        } else {
            started = true;
            match sig {
                GenSignal::Throw(e) => Err(e),
                GenSignal::Send(_) => frame.exec_block(stmts),
            }
        };
        match r {
            Ok(Flow::Yield(v)) => Ok(GenStep::Yield(v)),
            Ok(Flow::Return(v)) => Ok(GenStep::Return(v)),
            Ok(_) => Ok(GenStep::Return(Obj::none())),
            Err(e) => Err(e.raised(code, frame.line.get())),
        }
    });
    new_generator(code, body)
}

fn free_error(name: &str) -> Exc {
    new_exc(
        &crate::objects::exc_types::NAME_ERROR,
        format!("cannot access free variable '{}' where it is not associated with a value in enclosing scope", name),
    )
}

impl Scope for Frame {
    fn lookup(&self, name: &str) -> PyResult {
        let key = Obj::string(name.to_string());
        match &self.def {
            None => {
                if !self.locals.is(&self.globals) {
                    if let Some(v) = ops::getitem(&self.locals, &key).ok() {
                        return Ok(v);
                    }
                }
                self.env().global(name)
            }
            Some(d) => {
                if d.globals.iter().any(|n| n == name) {
                    return self.env().global(name);
                }
                if d.locals.iter().any(|n| n == name) {
                    return dict_get_str(&self.locals, &key).ok_or_else(|| unbound_local(name));
                }
                if let Some(i) = self.free_index(d, name) {
                    return dict_get_str(&self.closure[i], &key).ok_or_else(|| free_error(name));
                }
                self.env().global(name)
            }
        }
    }

    fn lambda(&self, l: &Rc<Lambda>, defaults: Option<Obj>) -> PyResult {
        let key = Rc::as_ptr(l) as usize;
        let def = match LAMBDAS.with(|m| m.borrow().get(&key).cloned()) {
            Some(d) => d,
            None => {
                let qualname = match &self.def {
                    Some(d) => format!("{}.<locals>.<lambda>", d.qualname),
                    None => "<lambda>".to_string(),
                };
                let d = Rc::new(FuncDef::for_lambda(l, qualname));
                LAMBDAS.with(|m| m.borrow_mut().insert(key, d.clone()));
                d
            }
        };
        self.function(&def, defaults, None, None)
    }
}

/// A `try` statement's clauses after its body.
struct TryStmt<'a> {
    handlers: &'a [crate::pyexpr::stmt::Handler],
    orelse: &'a [Stmt],
    finalbody: &'a [Stmt],
}

impl Frame {
    fn env(&self) -> Env<'_> {
        Env { locals: &[], globals: &self.globals, scope: Some(self) }
    }

    fn eval(&self, e: &Expr) -> PyResult {
        self.env().eval(e)
    }

    fn free_index(&self, d: &FuncDef, name: &str) -> Option<usize> {
        let chain = d.chain.borrow();
        chain.as_ref()?.iter().rposition(|names| names.iter().any(|n| n == name))
    }

    /// Where a name is stored: the dict.
    fn store_dict(&self, name: &str) -> Obj {
        match &self.def {
            None => {
                if self.declared_global.borrow().iter().any(|n| n == name) {
                    self.globals.clone()
                } else {
                    self.locals.clone()
                }
            }
            Some(d) => {
                if d.globals.iter().any(|n| n == name) {
                    return self.globals.clone();
                }
                if d.nonlocals.iter().any(|n| n == name) {
                    if let Some(i) = self.free_index(d, name) {
                        return self.closure[i].clone();
                    }
                }
                self.locals.clone()
            }
        }
    }

    fn store(&self, name: &str, v: Obj) -> PyResult<()> {
        let d = self.store_dict(name);
        ops::setitem(&d, &Obj::string(name.to_string()), v)
    }

    fn delete(&self, name: &str) -> PyResult<()> {
        let d = self.store_dict(name);
        let key = Obj::string(name.to_string());
        if d.layout() == crate::object::Layout::Dict && dict_get_str(&d, &key).is_none() {
            let local = self.def.as_ref().map_or(false, |f| f.locals.iter().any(|n| n == name));
            return Err(if local { unbound_local(name) } else { name_error(name) });
        }
        match &self.def {
            Some(_) => dict_delitem(&d, &key),
            None => ops::delitem(&d, &key).map_err(|e| {
                if e.is_instance(&crate::objects::exc_types::KEY_ERROR) {
                    name_error(name)
                } else {
                    e
                }
            }),
        }
    }

    fn assign(&self, target: &Expr, v: Obj) -> PyResult<()> {
        match &target.kind {
            Kind::Name(n) => self.store(n, v),
            Kind::Attr(o, a) => crate::setattr(&self.eval(o)?, &Obj::string(a.clone()), v),
            Kind::Subscript(o, i) => {
                let obj = self.eval(o)?;
                let key = self.eval(i)?;
                ops::setitem(&obj, &key, v)
            }
            Kind::Tuple(items) | Kind::List(items) => {
                let star = items.iter().position(|i| matches!(i.kind, Kind::Starred(_)));
                let values = match star {
                    Some(s) => crate::helpers::unpack_ex(&v, s, items.len() - s - 1)?,
                    None => crate::printer_support::unpack(&v, items.len())?,
                };
                for (t, v) in items.iter().zip(values) {
                    match &t.kind {
                        Kind::Starred(inner) => self.assign(inner, v)?,
                        _ => self.assign(t, v)?,
                    }
                }
                Ok(())
            }
            Kind::Starred(inner) => self.assign(inner, v),
            _ => Err(crate::objects::exceptions::type_error("cannot assign to this expression")),
        }
    }

    /// 3.14's module-level `name: ann` (PEP 649): no `__annotations__` in the namespace, but
    /// `__annotate__` and the set `__conditional_annotations__` of the annotations that ran.
    /// The annotation is evaluated here, not when `__annotate__` is called; an error it raises
    /// is kept and raised by the call, as CPython's deferred evaluation would.
    fn deferred_annotation(&self, name: &str, ann: &Expr, index: usize) -> PyResult<()> {
        let (entry, failed) = match self.eval(ann) {
            Ok(v) => (v, false),
            Err(e) => (e.into_value(), true),
        };
        let record = Obj::tuple3(Obj::string(name.to_string()), entry, Obj::bool(failed));
        let annotate_key = Obj::str("__annotate__");
        let sites = match ops::getitem(&self.locals, &Obj::str("__conditional_annotations__")) {
            Ok(set) if set.is_type(&crate::objects::set::SET_TYPE) => set,
            _ => {
                let set = crate::objects::set::new_set(false);
                ops::setitem(&self.locals, &Obj::str("__conditional_annotations__"), set.clone())?;
                set
            }
        };
        crate::objects::set::set_add(&sites, Obj::int(index as i64))?;
        // the records are what the namespace's own `__annotate__` is bound to
        let existing = ops::getitem(&self.locals, &annotate_key).ok().and_then(|f| {
            crate::objects::builtin_fn::as_builtin_method(&f)
                .filter(|m| m.f as usize == call_annotate as crate::object::MethodFn as usize)
                .and_then(|m| m.this.clone())
        });
        let records = match existing {
            Some(d) => d,
            None => {
                let d = new_dict();
                let f = crate::objects::builtin_fn::new_builtin_method("__annotate__", d.clone(), call_annotate);
                ops::setitem(&self.locals, &annotate_key, f)?;
                d
            }
        };
        dict_set(&records, Obj::int(index as i64), record)
    }

    fn exec_block(&self, body: &[Stmt]) -> PyResult<Flow> {
        self.exec_block_from(body, 0)
    }

    fn push(&self, r: Rec) {
        self.recs.borrow_mut().push(r);
    }

    fn pop(&self) -> Rec {
        self.recs.borrow_mut().pop().expect("a suspended generator's position")
    }

    /// A block's statements from the `start`th.
    fn exec_block_from(&self, body: &[Stmt], start: usize) -> PyResult<Flow> {
        for (i, s) in body.iter().enumerate().skip(start) {
            self.line.set(s.line);
            match self.exec(s)? {
                Flow::Normal => {}
                Flow::Yield(v) => {
                    self.push(Rec::Block(i));
                    return Ok(Flow::Yield(v));
                }
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    /// Resumes a block whose statement yielded, with what the generator was resumed with;
    /// then the statements after it.
    fn resume_block(&self, body: &[Stmt], sig: GenSignal) -> PyResult<Flow> {
        let i = match self.pop() {
            Rec::Block(i) => i,
            _ => unreachable!("a block's record"),
        };
        let s = &body[i];
        self.line.set(s.line);
        match self.resume(s, sig)? {
            Flow::Normal => self.exec_block_from(body, i + 1),
            Flow::Yield(v) => {
                self.push(Rec::Block(i));
                Ok(Flow::Yield(v))
            }
            other => Ok(other),
        }
    }

    /// Resumes the statement `s`, which yielded (its record is next on `recs`).
    fn resume(&self, s: &Stmt, sig: GenSignal) -> PyResult<Flow> {
        let rec = self.pop();
        match (&s.kind, rec) {
            (S::Yield(targets, _, _), Rec::Yield) => match sig {
                GenSignal::Send(v) => {
                    for t in targets {
                        self.assign(t, v.clone())?;
                    }
                    Ok(Flow::Normal)
                }
                GenSignal::Throw(e) => Err(e),
            },
            (S::Yield(targets, _, _), Rec::YieldFrom(it)) => self.yield_from(targets, it, sig),
            (S::If(_, body, orelse), Rec::If(first)) => {
                let r = self.resume_block(if first { body } else { orelse }, sig)?;
                if matches!(r, Flow::Yield(_)) {
                    self.push(Rec::If(first));
                }
                Ok(r)
            }
            (S::While(test, body, orelse), Rec::While) => match self.resume_block(body, sig)? {
                Flow::Break => Ok(Flow::Normal),
                Flow::Yield(v) => {
                    self.push(Rec::While);
                    Ok(Flow::Yield(v))
                }
                Flow::Return(v) => Ok(Flow::Return(v)),
                _ => self.while_loop(test, body, orelse),
            },
            (S::For(target, _, body, orelse), Rec::For(it)) => match self.resume_block(body, sig)? {
                Flow::Break => Ok(Flow::Normal),
                Flow::Yield(v) => {
                    self.push(Rec::For(it));
                    Ok(Flow::Yield(v))
                }
                Flow::Return(v) => Ok(Flow::Return(v)),
                _ => self.for_loop(s.line, target, it, body, orelse),
            },
            (S::While(_, _, orelse), Rec::LoopElse) | (S::For(_, _, _, orelse), Rec::LoopElse) => {
                let r = self.resume_block(orelse, sig)?;
                self.after_loop_else(r)
            }
            (S::Try(body, handlers, orelse, finalbody), rec) => {
                let t = TryStmt { handlers, orelse, finalbody };
                match rec {
                    Rec::TryBody => {
                        let r = self.resume_block(body, sig);
                        self.try_after_body(&t, r)
                    }
                    Rec::TryHandler(i, exc, prev) => {
                        let r = self.resume_block(&handlers[i].body, sig);
                        self.try_after_handler(&t, i, exc, prev, r)
                    }
                    Rec::TryElse => {
                        let r = self.resume_block(orelse, sig);
                        self.try_after_else(&t, r)
                    }
                    Rec::TryFinally(result, prev) => {
                        let f = self.resume_block(finalbody, sig);
                        self.try_after_finally(result, prev, f)
                    }
                    _ => unreachable!("a try statement's record"),
                }
            }
            (S::With(items, body), Rec::With(i, exit)) => {
                let r = if i + 1 < items.len() { self.resume(s, sig) } else { self.resume_block(body, sig) };
                self.with_exit(s.line, i, exit, r)
            }
            _ => unreachable!("a statement's record"),
        }
    }

    /// One step of `yield from it`: what `it` yields is yielded; what it returns is assigned
    /// to the targets.
    fn yield_from(&self, targets: &[Expr], it: Obj, sig: GenSignal) -> PyResult<Flow> {
        match gen_send(&it, sig)? {
            GenStep::Yield(v) => {
                self.push(Rec::YieldFrom(it));
                Ok(Flow::Yield(v))
            }
            GenStep::Return(v) => {
                for t in targets {
                    self.assign(t, v.clone())?;
                }
                Ok(Flow::Normal)
            }
        }
    }

    fn while_loop(&self, test: &Expr, body: &[Stmt], orelse: &[Stmt]) -> PyResult<Flow> {
        loop {
            if !ops::is_true(&self.eval(test)?)? {
                let r = self.exec_block(orelse)?;
                return self.after_loop_else(r);
            }
            match self.exec_block(body)? {
                Flow::Break => return Ok(Flow::Normal),
                Flow::Return(v) => return Ok(Flow::Return(v)),
                Flow::Yield(v) => {
                    self.push(Rec::While);
                    return Ok(Flow::Yield(v));
                }
                _ => {}
            }
        }
    }

    fn for_loop(&self, line: u32, target: &Expr, it: Obj, body: &[Stmt], orelse: &[Stmt]) -> PyResult<Flow> {
        loop {
            let v = match ops::iter_next(&it)? {
                Some(v) => v,
                None => {
                    let r = self.exec_block(orelse)?;
                    return self.after_loop_else(r);
                }
            };
            self.line.set(line);
            self.assign(target, v)?;
            match self.exec_block(body)? {
                Flow::Break => return Ok(Flow::Normal),
                Flow::Return(v) => return Ok(Flow::Return(v)),
                Flow::Yield(v) => {
                    self.push(Rec::For(it));
                    return Ok(Flow::Yield(v));
                }
                _ => {}
            }
        }
    }

    fn after_loop_else(&self, r: Flow) -> PyResult<Flow> {
        if matches!(r, Flow::Yield(_)) {
            self.push(Rec::LoopElse);
        }
        Ok(r)
    }

    /// A `with` statement's items from the `i`th, then its body.
    fn with_from(&self, line: u32, items: &[(Expr, Option<Expr>)], i: usize, body: &[Stmt]) -> PyResult<Flow> {
        let mgr = self.eval(&items[i].0)?;
        let (exit, v) = crate::helpers::with_enter(&mgr)?;
        let mut r = match &items[i].1 {
            Some(t) => self.assign(t, v).map(|_| Flow::Normal),
            None => Ok(Flow::Normal),
        };
        if r.is_ok() {
            r = if i + 1 < items.len() { self.with_from(line, items, i + 1, body) } else { self.exec_block(body) };
        }
        self.with_exit(line, i, exit, r)
    }

    /// Leaving a `with` item's block with `r`: `__exit__` is called (with the exception, as
    /// its handler, which it may suppress by returning a true value).
    fn with_exit(&self, line: u32, i: usize, exit: Obj, r: PyResult<Flow>) -> PyResult<Flow> {
        match r {
            Ok(Flow::Yield(v)) => {
                self.push(Rec::With(i, exit));
                Ok(Flow::Yield(v))
            }
            Ok(flow) => {
                self.line.set(line);
                crate::helpers::with_exit(&exit, None)?;
                Ok(flow)
            }
            Err(e) => {
                self.line.set(line);
                let prev = crate::exc_state::push_exc_info(e.value());
                let r = crate::helpers::with_exit(&exit, Some(&e)).map_err(|err| err.with_handled_context());
                crate::exc_state::pop_except(&prev);
                match r {
                    Ok(true) => Ok(Flow::Normal),
                    Ok(false) => Err(e),
                    Err(err) => Err(err),
                }
            }
        }
    }

    fn exec(&self, s: &Stmt) -> PyResult<Flow> {
        match &s.kind {
            S::Expr(e) => {
                self.eval(e)?;
            }
            S::Assign(targets, value) => {
                let v = self.eval(value)?;
                for t in targets {
                    self.assign(t, v.clone())?;
                }
            }
            S::AugAssign(target, op, value) => match &target.kind {
                Kind::Name(n) => {
                    let cur = self.lookup(n)?;
                    let r = self.eval(value)?;
                    self.store(n, ops::inplace_op(&cur, &r, *op)?)?;
                }
                Kind::Attr(o, a) => {
                    let obj = self.eval(o)?;
                    let cur = ops::getattr_str(&obj, a)?;
                    let r = self.eval(value)?;
                    let new = ops::inplace_op(&cur, &r, *op)?;
                    crate::setattr(&obj, &Obj::string(a.clone()), new)?;
                }
                Kind::Subscript(o, i) => {
                    let obj = self.eval(o)?;
                    let key = self.eval(i)?;
                    let cur = ops::getitem(&obj, &key)?;
                    let r = self.eval(value)?;
                    let new = ops::inplace_op(&cur, &r, *op)?;
                    ops::setitem(&obj, &key, new)?;
                }
                _ => return Err(crate::objects::exceptions::type_error("illegal augmented assignment target")),
            },
            S::AnnAssign(target, ann, value) => {
                if let Some(v) = value {
                    let v = self.eval(v)?;
                    self.assign(target, v)?;
                }
                if let (Kind::Name(n), Some(sites), true) = (&target.kind, &self.annotation_sites, sys_minor() >= 14) {
                    let index = sites.iter().position(|&p| p == s as *const Stmt as usize).unwrap_or(0);
                    self.deferred_annotation(n, ann, index)?;
                } else if self.def.is_none() {
                    let a = self.eval(ann)?;
                    if let Kind::Name(n) = &target.kind {
                        let key = Obj::str("__annotations__");
                        let d = match ops::getitem(&self.locals, &key) {
                            Ok(d) => d,
                            Err(_) => {
                                let d = new_dict();
                                ops::setitem(&self.locals, &key, d.clone())?;
                                d
                            }
                        };
                        ops::setitem(&d, &Obj::string(n.clone()), a)?;
                    }
                }
            }
            S::Pass | S::Global(_) | S::Nonlocal(_) if self.def.is_some() => {}
            S::Pass | S::Nonlocal(_) => {}
            S::Global(names) => self.declared_global.borrow_mut().extend(names.iter().cloned()),
            S::Break => return Ok(Flow::Break),
            S::Continue => return Ok(Flow::Continue),
            S::Return(v) => {
                let v = match v {
                    Some(e) => self.eval(e)?,
                    None => Obj::none(),
                };
                return Ok(Flow::Return(v));
            }
            S::Raise(exc, cause) => return Err(self.raise(exc.as_ref(), cause.as_ref())),
            S::If(test, body, orelse) => {
                let first = ops::is_true(&self.eval(test)?)?;
                let r = self.exec_block(if first { body } else { orelse })?;
                if matches!(r, Flow::Yield(_)) {
                    self.push(Rec::If(first));
                }
                return Ok(r);
            }
            S::While(test, body, orelse) => return self.while_loop(test, body, orelse),
            S::For(target, iter, body, orelse) => {
                let it = ops::get_iter(&self.eval(iter)?)?;
                return self.for_loop(s.line, target, it, body, orelse);
            }
            S::Try(body, handlers, orelse, finalbody) => {
                let r = self.exec_block(body);
                return self.try_after_body(&TryStmt { handlers, orelse, finalbody }, r);
            }
            S::With(items, body) => return self.with_from(s.line, items, 0, body),
            S::Yield(targets, value, from) => {
                let v = match value {
                    Some(e) => self.eval(e)?,
                    None => Obj::none(),
                };
                if *from {
                    return self.yield_from(targets, ops::get_iter(&v)?, GenSignal::Send(Obj::none()));
                }
                self.push(Rec::Yield);
                return Ok(Flow::Yield(v));
            }
            S::Def(def, decorators) => {
                let decs: Vec<Obj> = decorators.iter().map(|d| self.eval(d)).collect::<PyResult<_>>()?;
                let mut f = self.def_function(def)?;
                for d in decs.iter().rev() {
                    f = crate::call(d, vec![f], None)?;
                }
                self.store(&def.name, f)?;
            }
            S::Class(class, decorators) => {
                let decs: Vec<Obj> = decorators.iter().map(|d| self.eval(d)).collect::<PyResult<_>>()?;
                let mut c = self.class(class)?;
                for d in decs.iter().rev() {
                    c = crate::call(d, vec![c], None)?;
                }
                self.store(&class.name, c)?;
            }
            S::Del(targets) => {
                for t in targets {
                    self.del(t)?;
                }
            }
            S::Assert(test, msg) => {
                if !ops::is_true(&self.eval(test)?)? {
                    let args = match msg {
                        Some(m) => vec![self.eval(m)?],
                        None => Vec::new(),
                    };
                    let e = crate::call(&crate::objects::exc_types::ASSERTION_ERROR.obj(), args, None)?;
                    return Err(raise_(&e).with_handled_context());
                }
            }
            S::Import(names) => {
                for (name, alias) in names {
                    let top = self.import(name, Obj::none(), 0)?;
                    match alias {
                        Some(a) => {
                            let mut m = top;
                            for part in name.split('.').skip(1) {
                                m = ops::getattr_str(&m, part)?;
                            }
                            self.store(a, m)?;
                        }
                        None => self.store(name.split('.').next().unwrap_or(""), top)?,
                    }
                }
            }
            S::ImportFrom(module, level, names) => {
                let fromlist = Obj::tuple(names.iter().map(|(n, _)| Obj::string(n.clone())).collect());
                let m = self.import(module, fromlist, *level)?;
                for (n, alias) in names {
                    let v = ops::getattr_str(&m, n).map_err(|e| {
                        if e.is_instance(&crate::objects::exc_types::ATTRIBUTE_ERROR) {
                            new_exc(
                                &crate::objects::exc_types::IMPORT_ERROR,
                                format!("cannot import name '{}' from '{}' (unknown location)", n, module),
                            )
                        } else {
                            e
                        }
                    })?;
                    self.store(alias.as_ref().unwrap_or(n), v)?;
                }
            }
        }
        Ok(Flow::Normal)
    }

    /// A `class` statement: the metaclass (given, or the most derived of the bases' types),
    /// its `__prepare__` namespace, the body run with that namespace as its locals, then
    /// `metaclass(name, bases, namespace, **keywords)`.
    fn class(&self, class: &crate::pyexpr::stmt::ClassDef) -> PyResult {
        let env = self.env();
        let bases = env.eval_items(&class.bases)?;
        let (mut names, mut vals, mut meta) = (Vec::new(), Vec::new(), None);
        for k in &class.keywords {
            let v = self.eval(&k.value)?;
            match &k.arg {
                Some(n) if n == "metaclass" => meta = Some(v),
                Some(n) => {
                    names.push(Obj::string(n.clone()));
                    vals.push(v);
                }
                None => {
                    let d = new_dict();
                    crate::objects::dict::dict_update_from(&d, &v)?;
                    for (key, value) in crate::objects::dict::dict_items(&d) {
                        if key.as_str() == Some("metaclass") {
                            meta = Some(value);
                        } else {
                            names.push(key);
                            vals.push(value);
                        }
                    }
                }
            }
        }
        let meta = match meta {
            Some(m) => m,
            None => {
                let mut winner: &'static crate::object::TypeObject = &crate::objects::typeobj::TYPE_TYPE;
                for b in &bases {
                    if b.ty().is_subtype(winner) {
                        winner = b.ty();
                    }
                }
                winner.obj()
            }
        };
        let name = Obj::string(class.name.clone());
        let bases_t = Obj::tuple(bases);
        let kwnames = if names.is_empty() { None } else { Some(Obj::tuple(names.clone())) };
        let ns = match ops::getattr_str(&meta, "__prepare__") {
            Ok(prepare) => {
                let mut args = vec![name.clone(), bases_t.clone()];
                args.extend(vals.iter().cloned());
                crate::call(&prepare, args, kwnames.as_ref())?
            }
            Err(_) => new_dict(),
        };
        // the body's `__module__ = __name__` (globals, then builtins)
        let module = env.global("__name__")?;
        ops::setitem(&ns, &Obj::str("__module__"), module)?;
        ops::setitem(&ns, &Obj::str("__qualname__"), Obj::string(class.qualname.clone()))?;
        if let Some(Stmt { kind: S::Expr(Expr { kind: Kind::Const(v, _), .. }), .. }) = class.body.first() {
            if v.as_str().is_some() {
                ops::setitem(&ns, &Obj::str("__doc__"), v.clone())?;
            }
        }
        let frame = Frame {
            locals: ns.clone(),
            def: None,
            closure: Vec::new(),
            globals: self.globals.clone(),
            declared_global: RefCell::new(Vec::new()),
            code: self.code,
            line: Cell::new(self.line.get()),
            recs: RefCell::new(Vec::new()),
            annotation_sites: None,
        };
        frame.exec_block(&class.body).map_err(|e| {
            self.line.set(frame.line.get());
            e
        })?;
        let mut args = vec![name, bases_t, ns];
        args.extend(vals);
        crate::call(&meta, args, kwnames.as_ref())
    }

    fn import(&self, name: &str, fromlist: Obj, level: u32) -> PyResult {
        let imp = dict_get_str(&crate::builtins::builtins_dict(), &Obj::str("__import__"))
            .ok_or_else(|| new_exc(&crate::objects::exc_types::IMPORT_ERROR, "__import__ not found"))?;
        crate::call(&imp, vec![Obj::string(name.to_string()), self.globals.clone(), self.locals.clone(), fromlist, Obj::int(level as i64)], None)
    }

    fn del(&self, t: &Expr) -> PyResult<()> {
        match &t.kind {
            Kind::Name(n) => self.delete(n),
            Kind::Attr(o, a) => crate::attr::delattr(&self.eval(o)?, &Obj::string(a.clone())),
            Kind::Subscript(o, i) => {
                let obj = self.eval(o)?;
                ops::delitem(&obj, &self.eval(i)?)
            }
            Kind::Tuple(items) | Kind::List(items) => {
                for i in items {
                    self.del(i)?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn raise(&self, exc: Option<&Expr>, cause: Option<&Expr>) -> Exc {
        let exc = match exc {
            None => {
                return match crate::exc_state::handled_exception() {
                    Some(e) => Exc::from_value(e),
                    None => crate::objects::exceptions::runtime_error("No active exception to reraise"),
                }
            }
            Some(e) => match self.eval(e) {
                Ok(v) => v,
                Err(e) => return e,
            },
        };
        let e = match cause {
            Some(c) => match self.eval(c) {
                Ok(c) => raise_from(&exc, &c),
                Err(e) => return e,
            },
            None => raise_(&exc),
        };
        e.with_handled_context()
    }

    /// A `try` statement after its body ran with outcome `r`: the handlers, `else`, `finally`.
    fn try_after_body(&self, t: &TryStmt, r: PyResult<Flow>) -> PyResult<Flow> {
        match r {
            Ok(Flow::Yield(v)) => {
                self.push(Rec::TryBody);
                Ok(Flow::Yield(v))
            }
            Err(e) if !t.handlers.is_empty() => {
                let exc = e.value().clone();
                for (i, h) in t.handlers.iter().enumerate() {
                    let matched = match &h.ty {
                        None => Ok(true),
                        Some(ty) => self.eval(ty).and_then(|ty| crate::objects::exceptions::exception_matches(&exc, &ty)),
                    };
                    match matched {
                        Ok(false) => continue,
                        Ok(true) => {}
                        Err(err) => return self.try_finally(t, Err(err)),
                    }
                    let prev = crate::exc_state::push_exc_info(&exc);
                    let r = match &h.name {
                        Some(n) => self.store(n, exc.clone()).and_then(|_| self.exec_block(&h.body)),
                        None => self.exec_block(&h.body),
                    };
                    return self.try_after_handler(t, i, exc, prev, r);
                }
                self.try_finally(t, Err(e))
            }
            Ok(Flow::Normal) if !t.orelse.is_empty() => {
                let r = self.exec_block(t.orelse);
                self.try_after_else(t, r)
            }
            other => self.try_finally(t, other),
        }
    }

    /// After the `i`th handler's body ran with outcome `r` for `exc`.
    fn try_after_handler(&self, t: &TryStmt, i: usize, exc: Obj, prev: Obj, r: PyResult<Flow>) -> PyResult<Flow> {
        let mut r = match r {
            Ok(Flow::Yield(v)) => {
                self.push(Rec::TryHandler(i, exc, prev));
                return Ok(Flow::Yield(v));
            }
            r => r,
        };
        if let Some(n) = &t.handlers[i].name {
            let d = self.store_dict(n);
            let _ = dict_delitem(&d, &Obj::string(n.clone()));
        }
        if let Err(e) = r {
            r = Err(e.with_handled_context());
        }
        crate::exc_state::pop_except(&prev);
        self.try_finally(t, r)
    }

    fn try_after_else(&self, t: &TryStmt, r: PyResult<Flow>) -> PyResult<Flow> {
        if let Ok(Flow::Yield(v)) = r {
            self.push(Rec::TryElse);
            return Ok(Flow::Yield(v));
        }
        self.try_finally(t, r)
    }

    /// The `finally` block after the outcome `result`, which it keeps unless it leaves
    /// otherwise itself.
    fn try_finally(&self, t: &TryStmt, result: PyResult<Flow>) -> PyResult<Flow> {
        if t.finalbody.is_empty() {
            return result;
        }
        let prev = match &result {
            Err(e) => Some(crate::exc_state::push_exc_info(e.value())),
            Ok(_) => None,
        };
        let f = self.exec_block(t.finalbody);
        self.try_after_finally(result, prev, f)
    }

    fn try_after_finally(&self, result: PyResult<Flow>, prev: Option<Obj>, f: PyResult<Flow>) -> PyResult<Flow> {
        if let Ok(Flow::Yield(v)) = f {
            self.push(Rec::TryFinally(result, prev));
            return Ok(Flow::Yield(v));
        }
        let f = match prev {
            Some(prev) => {
                let f = f.map_err(|err| err.with_handled_context());
                crate::exc_state::pop_except(&prev);
                f
            }
            None => f,
        };
        match f? {
            Flow::Normal => result,
            other => Ok(other),
        }
    }

    /// The function a `def` statement makes: defaults, keyword-only defaults, annotations
    /// evaluated now (in CPython's order), the enclosing locals as its closure.
    fn def_function(&self, def: &Rc<FuncDef>) -> PyResult {
        let defaults = if def.defaults.is_empty() {
            None
        } else {
            let mut v = Vec::new();
            for d in &def.defaults {
                v.push(self.eval(d)?);
            }
            Some(Obj::tuple(v))
        };
        let mut kwdefaults = None;
        for (p, d) in def.kwonly.iter().zip(&def.kw_defaults) {
            if let Some(d) = d {
                let v = self.eval(d)?;
                let kd = kwdefaults.get_or_insert_with(new_dict);
                dict_set(kd, Obj::string(p.name.clone()), v)?;
            }
        }
        let ann = new_dict();
        let mut any = false;
        {
            let mut add = |name: &str, e: &Option<Expr>| -> PyResult<()> {
                if let Some(e) = e {
                    let v = self.eval(e)?;
                    dict_set(&ann, Obj::string(name.to_string()), v)?;
                    any = true;
                }
                Ok(())
            };
            // CPython 3.11's order: the positional-or-keyword parameters, then the
            // positional-only ones, *args, keyword-only, **kwargs, return
            for p in &def.args[def.posonly..] {
                add(&p.name, &p.ann)?;
            }
            for p in &def.args[..def.posonly] {
                add(&p.name, &p.ann)?;
            }
            if let Some(p) = &def.vararg {
                add(&p.name, &p.ann)?;
            }
            for p in &def.kwonly {
                add(&p.name, &p.ann)?;
            }
            if let Some(p) = &def.kwarg {
                add(&p.name, &p.ann)?;
            }
            add("return", &def.returns)?;
        }
        let f = self.function(def, defaults, kwdefaults, if any { Some(ann) } else { None })?;
        if let Some(doc) = &def.doc {
            crate::setattr(&f, &Obj::str("__doc__"), Obj::string(doc.clone()))?;
        }
        Ok(f)
    }

    fn function(&self, def: &Rc<FuncDef>, defaults: Option<Obj>, kwdefaults: Option<Obj>, ann: Option<Obj>) -> PyResult {
        let code = match def.code.get() {
            Some(c) => c,
            None => {
                let names: Vec<&'static str> = def.param_names().iter().map(|n| leak(n)).collect();
                let mut flags = 0x3;
                if def.vararg.is_some() {
                    flags |= CO_VARARGS;
                }
                if def.kwarg.is_some() {
                    flags |= CO_VARKEYWORDS;
                }
                if self.def.is_some() {
                    flags |= CO_NESTED;
                }
                if def.generator {
                    flags |= CO_GENERATOR;
                }
                let code: &'static CodeInfo = Box::leak(Box::new(CodeInfo {
                    name: leak(&def.name),
                    qualname: leak(&def.qualname),
                    filename: self.code.filename,
                    firstlineno: def.line,
                    argcount: def.args.len() as u32,
                    posonlyargcount: def.posonly as u32,
                    kwonlyargcount: def.kwonly.len() as u32,
                    flags,
                    varnames: crate::objects::function::Names::leak(&names),
                    entry: def_entry,
                    fast: Fast::No,
                }));
                DEFS.with(|m| m.borrow_mut().insert(code as *const CodeInfo as usize, def.clone()));
                def.code.set(Some(code));
                code
            }
        };
        if def.chain.borrow().is_none() {
            let mut chain: Vec<Rc<Vec<String>>> = Vec::new();
            if let Some(parent) = &self.def {
                if let Some(c) = parent.chain.borrow().as_ref() {
                    chain.extend(c.iter().cloned());
                }
                chain.push(parent.locals.clone());
            }
            *def.chain.borrow_mut() = Some(Rc::new(chain));
        }
        let f = make_function(code, &self.globals, defaults, kwdefaults);
        if self.def.is_some() {
            let mut cells = self.closure.clone();
            cells.push(self.locals.clone());
            function_set_closure(&f, Obj::tuple(cells));
        }
        if let Some(a) = ann {
            crate::setattr(&f, &Obj::str("__annotations__"), a)?;
        }
        Ok(f)
    }
}

fn sys_minor() -> u32 {
    crate::modules::sys::python_minor()
}

/// The module's `__annotate__(format)`, bound to its records (index -> (name, value or
/// exception, failed)): the annotations that ran, in source order, for the
/// VALUE formats (1, 2); NotImplementedError for the others, as the function CPython 3.14
/// compiles.
fn call_annotate(records: &Obj, args: &[Obj], kwnames: Option<&Obj>) -> PyResult {
    let args = crate::objects::native::unpack("__annotate__", args, kwnames, &["format"], 1, 1, 1)?;
    let format = args[0].clone().unwrap_or_else(Obj::none);
    match crate::objects::int::int_as_i64(&format) {
        Some(f) if f <= 2 => {}
        _ => return Err(new_exc(&crate::objects::exc_types::NOT_IMPLEMENTED_ERROR, "")),
    }
    let mut entries = crate::objects::dict::dict_items(records);
    entries.sort_by_key(|(k, _)| crate::objects::int::int_as_i64(k).unwrap_or(0));
    let out = new_dict();
    for (_, record) in entries {
        let parts = crate::objects::tuple::tuple_items(&record).to_vec();
        if ops::is_true(&parts[2])? {
            return Err(Exc::from_value(parts[1].clone()));
        }
        dict_set(&out, parts[0].clone(), parts[1].clone())?;
    }
    Ok(out)
}

/// The statements of a module body that annotate a plain name, in source order, outside
/// functions and classes (where CPython 3.14 numbers a module's annotations).
fn annotation_sites(body: &[Stmt]) -> Vec<usize> {
    fn walk(body: &[Stmt], out: &mut Vec<usize>) {
        for s in body {
            match &s.kind {
                S::AnnAssign(t, _, _) if matches!(t.kind, Kind::Name(_)) => out.push(s as *const Stmt as usize),
                S::If(_, a, b) | S::While(_, a, b) | S::For(_, _, a, b) => {
                    walk(a, out);
                    walk(b, out);
                }
                S::With(_, a) => walk(a, out),
                S::Try(a, handlers, b, c) => {
                    walk(a, out);
                    for h in handlers {
                        walk(&h.body, out);
                    }
                    walk(b, out);
                    walk(c, out);
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(body, &mut out);
    out
}
