//! Exception objects (`BaseException` layout), the in-flight `Exc`, and constructors for the
//! errors the runtime raises, with CPython's messages.
pub use super::exc_types::*;
use crate::object::{alloc, Layout, Obj, TypeObject};
use crate::ops;
use crate::{CodeInfo, PyResult};
use std::cell::RefCell;

pub struct ExcObj {
    pub args: RefCell<Obj>,
    pub dict: RefCell<Option<Obj>>,
    /// Traceback entries, innermost first (as added while unwinding).
    pub tb: RefCell<Vec<(&'static CodeInfo, u32)>>,
    /// The `__traceback__` object last made from `tb` and how many entries it covered: the
    /// same object while no frame is added (`sys.exc_info()[2] is e.__traceback__`).
    tb_obj: RefCell<Option<(usize, Obj)>>,
    pub cause: RefCell<Option<Obj>>,
    pub context: RefCell<Option<Obj>>,
    pub suppress_context: std::cell::Cell<bool>,
    /// `BaseExceptionGroup` instances: (message, exceptions tuple), fixed at construction.
    pub group: Option<Box<(Obj, Obj)>>,
    /// What "Did you mean" needs (`crate::suggestions`): NameError's / AttributeError's
    /// `name`, AttributeError's `obj`, the raising frame's globals and (class or module body)
    /// locals mapping. Set by the interpreter's own raises, as CPython sets `name`/`obj`.
    pub suggest: RefCell<Option<Box<SuggestCtx>>>,
}

pub struct SuggestCtx {
    pub name: Obj,
    pub obj: Option<Obj>,
    pub globals: Option<Obj>,
    pub locals: Option<Obj>,
}

/// An in-flight exception: the exception instance (which carries its traceback).
pub struct Exc {
    value: Obj,
}

impl std::fmt::Debug for Exc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", exc_line(&self.value))
    }
}

impl Exc {
    /// Appends a traceback entry for the frame `code` at `line` (called while unwinding).
    pub fn add_frame(self, code: &'static CodeInfo, line: u32) -> Exc {
        if let Some(e) = exc_data(&self.value) {
            e.tb.borrow_mut().push((code, line));
        }
        self
    }
    /// Wraps an exception instance (caller guarantees it is one).
    pub fn from_value(value: Obj) -> Exc {
        Exc { value }
    }
    /// The exception instance.
    pub fn value(&self) -> &Obj {
        &self.value
    }
    pub fn into_value(self) -> Obj {
        self.value
    }
    /// Is this exception an instance of `ty` (a class or a tuple of classes)?
    pub fn matches(&self, ty: &Obj) -> PyResult<bool> {
        exception_matches(&self.value, ty)
    }
    pub fn is_instance(&self, t: &'static TypeObject) -> bool {
        self.value.is_instance_of(t)
    }
    /// Traceback entries, outermost first.
    pub fn traceback(&self) -> Vec<(&'static CodeInfo, u32)> {
        let mut v = exc_data(&self.value).map(|e| e.tb.borrow().clone()).unwrap_or_default();
        v.reverse();
        v
    }
}

pub fn exception_matches(v: &Obj, ty: &Obj) -> PyResult<bool> {
    if let Some(items) = super::tuple::try_tuple_items(ty) {
        for t in items {
            if exception_matches(v, t)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if ty.layout() != Layout::Type || !ty.as_type().is_subtype(&BASE_EXCEPTION) {
        return Err(type_error("catching classes that do not inherit from BaseException is not allowed"));
    }
    Ok(v.ty().is_subtype(ty.as_type()))
}

#[inline]
pub fn exc_data(o: &Obj) -> Option<&ExcObj> {
    o.payload::<ExcObj>(Layout::Exception)
}

/// New exception instance of `ty` with the given args.
pub fn new_exc_obj(ty: &'static TypeObject, args: Vec<Obj>) -> Obj {
    alloc_exc(ty, Obj::tuple(args), None)
}

/// New exception instance of `ty` with the args tuple and, for groups, (message, exceptions).
pub fn alloc_exc(ty: &'static TypeObject, args: Obj, group: Option<(Obj, Obj)>) -> Obj {
    alloc(
        ty,
        ExcObj {
            args: RefCell::new(args),
            dict: RefCell::new(None),
            tb: RefCell::new(Vec::new()),
            tb_obj: RefCell::new(None),
            cause: RefCell::new(None),
            context: RefCell::new(None),
            suppress_context: std::cell::Cell::new(false),
            group: group.map(Box::new),
            suggest: RefCell::new(None),
        },
    )
}

#[cold]
#[inline(never)]
pub fn new_exc(ty: &'static TypeObject, msg: impl Into<String>) -> Exc {
    let m: String = msg.into();
    Exc { value: new_exc_obj(ty, vec![Obj::string(m)]) }
}
#[cold]
#[inline(never)]
pub fn new_exc_noargs(ty: &'static TypeObject) -> Exc {
    Exc { value: new_exc_obj(ty, vec![]) }
}
#[cold]
#[inline(never)]
pub fn type_error(msg: impl Into<String>) -> Exc {
    new_exc(&TYPE_ERROR, msg)
}
#[cold]
#[inline(never)]
pub fn value_error(msg: impl Into<String>) -> Exc {
    new_exc(&VALUE_ERROR, msg)
}
#[cold]
#[inline(never)]
pub fn zero_division(msg: &str) -> Exc {
    new_exc(&ZERO_DIVISION_ERROR, zero_division_message(msg, crate::modules::sys::python_minor()))
}

/// The numeric operations' messages (given in 3.11's wording) as the bytecode's version
/// words them: 3.13 completes "float modulo", 3.14 says only "division by zero" and "zero to
/// a negative power".
fn zero_division_message(msg: &str, minor: u32) -> &str {
    match msg {
        "0.0 cannot be raised to a negative power" if minor >= 14 => "zero to a negative power",
        "float modulo" if minor == 13 => "float modulo by zero",
        "integer division or modulo by zero" | "integer modulo by zero" | "float division by zero"
        | "float floor division by zero" | "float modulo" | "float divmod()" | "complex division by zero"
            if minor >= 14 =>
        {
            "division by zero"
        }
        _ => msg,
    }
}
#[cold]
#[inline(never)]
/// MemoryError() with no message, what CPython's PyErr_NoMemory raises.
pub fn memory_error() -> Exc {
    new_exc_noargs(&MEMORY_ERROR)
}
#[cold]
#[inline(never)]
pub fn overflow_error(msg: impl Into<String>) -> Exc {
    new_exc(&OVERFLOW_ERROR, msg)
}
#[cold]
#[inline(never)]
/// An unknown keyword argument (getargs.c, Argument Clinic): up to 3.12 "'k' is an invalid
/// keyword argument for f()", from 3.13 "f() got an unexpected keyword argument 'k'"
/// (`fname` "": "this function").
pub fn unexpected_keyword(k: &str, fname: &str) -> Exc {
    let f = if fname.is_empty() { "this function".to_string() } else { format!("{}()", fname) };
    if crate::modules::sys::python_minor() >= 13 {
        type_error(format!("{} got an unexpected keyword argument '{}'", f, k))
    } else {
        type_error(format!("'{}' is an invalid keyword argument for {}", k, f))
    }
}

pub fn index_error(msg: impl Into<String>) -> Exc {
    new_exc(&INDEX_ERROR, msg)
}
#[cold]
#[inline(never)]
pub fn runtime_error(msg: impl Into<String>) -> Exc {
    new_exc(&RUNTIME_ERROR, msg)
}
#[cold]
#[inline(never)]
pub fn attribute_error(msg: impl Into<String>) -> Exc {
    new_exc(&ATTRIBUTE_ERROR, msg)
}
#[cold]
#[inline(never)]
pub fn name_error(name: &str) -> Exc {
    let e = new_exc(&NAME_ERROR, format!("name '{}' is not defined", name));
    set_suggest(&e, SuggestCtx { name: Obj::str(name), obj: None, globals: None, locals: None });
    e
}

/// NameError for `name` looked up in `globals` (and `locals`, a class or module body's
/// namespace): the suggestions of an uncaught one read them.
#[cold]
#[inline(never)]
pub fn name_error_in(name: &Obj, globals: &Obj, locals: Option<&Obj>) -> Exc {
    let n = name.as_str().unwrap_or("?");
    let e = new_exc(&NAME_ERROR, format!("name '{}' is not defined", n));
    set_suggest(&e, SuggestCtx { name: name.clone(), obj: None, globals: Some(globals.clone()), locals: locals.cloned() });
    e
}

/// A NameError of LOAD_NAME: the class or module body's namespace is the frame's locals.
#[cold]
#[inline(never)]
pub fn name_error_locals(e: &Exc, locals: &Obj) {
    if let Some(d) = exc_data(e.value()) {
        if let Some(c) = d.suggest.borrow_mut().as_mut() {
            c.locals = Some(locals.clone());
        }
    }
}

fn set_suggest(e: &Exc, ctx: SuggestCtx) {
    if let Some(d) = exc_data(e.value()) {
        *d.suggest.borrow_mut() = Some(Box::new(ctx));
    }
}

/// CPython's `set_attribute_error_context`: an AttributeError leaving a getattr of `name` on
/// `o` gets that name and object unless it has them already (for "Did you mean").
#[cold]
#[inline(never)]
pub fn attribute_error_context(e: &Exc, o: &Obj, name: &str) {
    attribute_error_context_with(e, o, || Obj::str(name))
}

/// `attribute_error_context` with the name object made only when it is recorded (a str
/// subclass given to `getattr` stays what it was, as `e.name`).
pub fn attribute_error_context_with(e: &Exc, o: &Obj, name: impl FnOnce() -> Obj) {
    if !e.is_instance(&ATTRIBUTE_ERROR) {
        return;
    }
    if let Some(d) = exc_data(e.value()) {
        if d.suggest.borrow().is_some() {
            return;
        }
        if let Some(dict) = &*d.dict.borrow() {
            let has = |k: &str| super::dict::dict_get_str(dict, &Obj::str(k)).map_or(false, |v| !v.is_none());
            if has("name") || has("obj") {
                return;
            }
        }
        *d.suggest.borrow_mut() = Some(Box::new(SuggestCtx { name: name(), obj: Some(o.clone()), globals: None, locals: None }));
    }
}
#[cold]
#[inline(never)]
pub fn key_error(key: Obj) -> Exc {
    Exc { value: new_exc_obj(&KEY_ERROR, vec![key]) }
}
pub fn stop_iteration() -> Exc {
    new_exc_noargs(&STOP_ITERATION)
}

/// `UnboundLocalError: cannot access local variable 'x' where it is not associated with a value`
#[cold]
#[inline(never)]
pub fn unbound_local(name: &str) -> Exc {
    new_exc(
        &UNBOUND_LOCAL_ERROR,
        format!("cannot access local variable '{}' where it is not associated with a value", name),
    )
}

/// `raise X`: X is an exception instance, or an exception class instantiated with no args.
pub fn raise_(exc: &Obj) -> Exc {
    if exc_data(exc).is_some() {
        return Exc { value: exc.clone() };
    }
    if exc.layout() == Layout::Type && exc.as_type().is_subtype(&BASE_EXCEPTION) {
        return match crate::call(exc, vec![], None) {
            Ok(v) => {
                if exc_data(&v).is_some() {
                    Exc { value: v }
                } else {
                    type_error(format!(
                        "calling {} should have returned an instance of BaseException, not {}",
                        ops::repr_string(exc).unwrap_or_default(),
                        v.type_name()
                    ))
                }
            }
            Err(e) => e,
        };
    }
    type_error("exceptions must derive from BaseException")
}

pub fn exc_args(o: &Obj) -> Obj {
    exc_data(o).map(|e| e.args.borrow().clone()).unwrap_or_else(|| Obj::tuple(vec![]))
}

/// str(exception)
pub fn exc_str(o: &Obj) -> PyResult<String> {
    if o.is_instance_of(&OS_ERROR) {
        if let Some(s) = crate::modules::posix::os_error_str(o) {
            return Ok(s);
        }
    }
    if let Some(s) = crate::modules::codecs::unicode_error_str(o) {
        return Ok(s);
    }
    if let Some(s) = super::exc_group::group_str(o) {
        return Ok(s);
    }
    if o.is_instance_of(&SYNTAX_ERROR) {
        if let Some(s) = syntax_error_str(o) {
            return Ok(s);
        }
    }
    let args = exc_args(o);
    let items = super::tuple::tuple_items(&args);
    if o.is_instance_of(&KEY_ERROR) && items.len() == 1 {
        return ops::repr_string(&items[0]);
    }
    match items.len() {
        0 => Ok(String::new()),
        1 => ops::str_string(&items[0]),
        _ => ops::repr_string(&args),
    }
}

/// repr(exception): `ValueError('x')`
pub fn exc_repr(o: &Obj) -> PyResult<String> {
    let args = exc_args(o);
    let items = super::tuple::tuple_items(&args);
    let name = o.ty().name;
    if items.len() == 1 {
        return Ok(format!("{}({})", name, ops::repr_string(&items[0])?));
    }
    let r = ops::repr_string(&args)?;
    if items.is_empty() {
        return Ok(format!("{}()", name));
    }
    Ok(format!("{}{}", name, r))
}

/// The last line of a traceback: `TypeName: message` or just `TypeName`.
pub fn exc_line(o: &Obj) -> String {
    let ty = o.ty();
    let name = if ty.module == "builtins" || ty.module == "__main__" { ty.name.to_string() } else { ty.qualified_name() };
    let msg = match exc_str(o) {
        Ok(s) => s,
        Err(_) => "<exception str() failed>".to_string(),
    };
    if msg.is_empty() {
        name
    } else {
        format!("{}: {}", name, msg)
    }
}

/// Calling an exception class: `ValueError("msg")`.
pub fn exc_new(ty: &'static TypeObject, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    if ty.is_subtype(&BASE_EXCEPTION_GROUP) {
        return super::exc_group::group_new(ty, args, kw);
    }
    if ty.is_subtype(&IMPORT_ERROR) {
        return import_error_new(ty, args, kw);
    }
    if kw.map(super::tuple::tuple_len).unwrap_or(0) > 0 {
        return Err(type_error(format!("{}() takes no keyword arguments", ty.name)));
    }
    if ty.is_subtype(&OS_ERROR) {
        return Ok(crate::modules::posix::oserror_new(ty, args));
    }
    Ok(new_exc_obj(ty, args.to_vec()))
}

/// `ImportError(*args, name=None, path=None)`: `msg` is the only argument, if just one.
fn import_error_new(ty: &'static TypeObject, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = crate::builtins::split_kw(args, kw);
    let e = new_exc_obj(ty, pos.to_vec());
    let mut attrs = vec![("name", Obj::none()), ("path", Obj::none())];
    for (k, v) in kws {
        match attrs.iter_mut().find(|(n, _)| *n == k) {
            Some(slot) => slot.1 = v.clone(),
            None => return Err(unexpected_keyword(k, ty.name)),
        }
    }
    attrs.push(("msg", if pos.len() == 1 { pos[0].clone() } else { Obj::none() }));
    for (k, v) in attrs {
        crate::setattr(&e, &Obj::str(k), v)?;
    }
    Ok(e)
}

/// `e.__traceback__`: made from the recorded entries, kept while they stay the same.
fn traceback_of(e: &ExcObj) -> Obj {
    let n = e.tb.borrow().len();
    if let Some((covered, tb)) = &*e.tb_obj.borrow() {
        if *covered == n {
            return tb.clone();
        }
    }
    let mut entries = e.tb.borrow().clone();
    entries.reverse();
    let tb = crate::modules::typesmod::traceback_object(&entries).unwrap_or_else(|_| Obj::none());
    *e.tb_obj.borrow_mut() = Some((n, tb.clone()));
    tb
}

/// Attribute lookup on exception instances: args, __traceback__, value/code, user attributes.
pub fn exc_getattr(o: &Obj, name: &str) -> Option<Obj> {
    let e = exc_data(o)?;
    if let Some(d) = &*e.dict.borrow() {
        if let Some(v) = super::dict::dict_get_str(d, &Obj::str(name)) {
            return Some(v);
        }
    }
    let first = || {
        let a = e.args.borrow();
        super::tuple::tuple_items(&a).get(0).cloned().unwrap_or_else(Obj::none)
    };
    match name {
        "args" => Some(e.args.borrow().clone()),
        "__cause__" => Some(e.cause.borrow().clone().unwrap_or_else(Obj::none)),
        "__context__" => Some(e.context.borrow().clone().unwrap_or_else(Obj::none)),
        "__suppress_context__" => Some(Obj::bool(e.suppress_context.get())),
        "__traceback__" => Some(traceback_of(e)),
        "message" | "exceptions" if e.group.is_some() => {
            let g = e.group.as_ref().unwrap();
            Some(if name == "message" { g.0.clone() } else { g.1.clone() })
        }
        "value" if o.is_instance_of(&STOP_ITERATION) => Some(first()),
        "code" if o.is_instance_of(&SYSTEM_EXIT) => {
            let a = e.args.borrow();
            let items = super::tuple::tuple_items(&a);
            Some(match items.len() {
                0 => Obj::none(),
                1 => items[0].clone(),
                _ => a.clone(),
            })
        }
        "errno" | "strerror" if o.is_instance_of(&OS_ERROR) => {
            let a = e.args.borrow();
            let items = super::tuple::tuple_items(&a);
            Some(if items.len() >= 2 { items[if name == "errno" { 0 } else { 1 }].clone() } else { Obj::none() })
        }
        "filename" | "filename2" if o.is_instance_of(&OS_ERROR) => Some(Obj::none()),
        "encoding" | "object" | "start" | "end" | "reason" => crate::modules::codecs::unicode_error_attr(o, name),
        "name" if o.is_instance_of(&NAME_ERROR) || o.is_instance_of(&ATTRIBUTE_ERROR) => {
            Some(e.suggest.borrow().as_ref().map(|c| c.name.clone()).unwrap_or_else(Obj::none))
        }
        "obj" if o.is_instance_of(&ATTRIBUTE_ERROR) => {
            Some(e.suggest.borrow().as_ref().and_then(|c| c.obj.clone()).unwrap_or_else(Obj::none))
        }
        "name_from" if o.is_instance_of(&IMPORT_ERROR) && crate::modules::sys::python_minor() >= 12 => Some(Obj::none()),
        "name" | "path" | "msg" if o.is_instance_of(&IMPORT_ERROR) => Some(Obj::none()),
        _ if o.is_instance_of(&SYNTAX_ERROR) => syntax_error_attr(&e.args.borrow(), name),
        _ => None,
    }
}

/// SyntaxError's `msg` and the details of `SyntaxError(msg, (filename, lineno, offset, text,
/// end_lineno, end_offset))`, as CPython's SyntaxError_init sets them.
fn syntax_error_attr(args: &Obj, name: &str) -> Option<Obj> {
    let items = super::tuple::tuple_items(args);
    if name == "msg" {
        return Some(items.get(0).cloned().unwrap_or_else(Obj::none));
    }
    let field = ["filename", "lineno", "offset", "text", "end_lineno", "end_offset"].iter().position(|f| *f == name);
    match field {
        Some(i) => {
            let details = if items.len() == 2 { super::tuple::tuple_items(&items[1]).to_vec() } else { Vec::new() };
            Some(details.get(i).cloned().unwrap_or_else(Obj::none))
        }
        None if name == "print_file_and_line" => Some(Obj::none()),
        None => None,
    }
}

/// The lines CPython prints for an uncaught SyntaxError after its traceback entries: where
/// (`  File "f", line N`), the line's text, carets under the offending part, then
/// `SyntaxError: msg` (pythonrun.c's print_exception / print_error_text). None when the
/// exception carries no line number.
pub fn syntax_error_lines(o: &Obj) -> Option<Vec<String>> {
    if !o.is_instance_of(&SYNTAX_ERROR) {
        return None;
    }
    let attr = |n: &str| crate::attr::getattr(o, &Obj::str(n)).ok().filter(|v| !v.is_none());
    let number = |n: &str| attr(n).and_then(|v| ops::index_value(&v).ok());
    let lineno = number("lineno")?;
    let filename = attr("filename").and_then(|f| f.as_str().map(str::to_string)).unwrap_or_else(|| "<string>".to_string());
    let mut lines = vec![format!("  File \"{}\", line {}", filename, lineno)];
    if let Some(text) = attr("text").and_then(|t| t.as_str().map(str::to_string)) {
        let mut offset = number("offset").unwrap_or(-1) - 1;
        let end_offset = number("end_offset").unwrap_or(-1) - 1;
        let stripped = text.trim_start_matches([' ', '\t', '\x0c']);
        let shift = (text.chars().count() - stripped.chars().count()) as i64;
        offset -= shift;
        let end_offset = end_offset - shift;
        let body: Vec<char> = stripped.trim_end_matches('\n').chars().collect();
        let len = body.len() as i64;
        lines.push(format!("    {}", body.iter().collect::<String>()));
        if offset >= 0 {
            let offset = offset.min(len);
            let carets = if end_offset > offset { end_offset - offset } else { 1 }.min((len - offset).max(1));
            if carets > 0 {
                let pad: String = body[..offset as usize].iter().map(|c| if c.is_whitespace() { *c } else { ' ' }).collect();
                lines.push(format!("    {}{}", pad, "^".repeat(carets as usize)));
            }
        }
    }
    let msg = attr("msg").and_then(|m| ops::str_string(&m).ok()).unwrap_or_else(|| "None".to_string());
    let ty = o.ty();
    let name = if ty.module == "builtins" || ty.module == "__main__" { ty.name.to_string() } else { ty.qualified_name() };
    lines.push(format!("{}: {}", name, msg));
    Some(lines)
}

/// str(SyntaxError): `msg (file, line N)` from the attributes, as CPython's SyntaxError_str.
fn syntax_error_str(o: &Obj) -> Option<String> {
    let attr = |n: &str| crate::attr::getattr(o, &Obj::str(n)).ok().filter(|v| !v.is_none());
    let msg = ops::str_string(&crate::attr::getattr(o, &Obj::str("msg")).ok()?).ok()?;
    let file = attr("filename").and_then(|f| f.as_str().map(|s| s.rsplit('/').next().unwrap_or(s).to_string()));
    let line = attr("lineno").filter(|l| l.is_instance_of(&super::int::INT_TYPE)).and_then(|l| ops::index_value(&l).ok());
    Some(match (file, line) {
        (Some(f), Some(l)) => format!("{} ({}, line {})", msg, f, l),
        (Some(f), None) => format!("{} ({})", msg, f),
        (None, Some(l)) => format!("{} (line {})", msg, l),
        (None, None) => msg,
    })
}

pub fn exc_setattr(o: &Obj, name: &str, v: Obj) -> PyResult<bool> {
    let e = match exc_data(o) {
        Some(e) => e,
        None => return Ok(false),
    };
    match name {
        "args" => {
            *e.args.borrow_mut() = Obj::tuple(ops::collect_iterable(&v)?);
        }
        "__cause__" => {
            *e.cause.borrow_mut() = if v.is_none() { None } else { Some(v) };
            e.suppress_context.set(true);
        }
        "__context__" => *e.context.borrow_mut() = if v.is_none() { None } else { Some(v) },
        "__suppress_context__" => e.suppress_context.set(ops::is_true(&v)?),
        "message" | "exceptions" if e.group.is_some() => return Err(attribute_error("readonly attribute")),
        _ => {
            let mut d = e.dict.borrow_mut();
            if d.is_none() {
                *d = Some(super::dict::new_dict());
            }
            let dd = d.as_ref().unwrap().clone();
            drop(d);
            super::dict::dict_set(&dd, Obj::str(name), v)?;
        }
    }
    Ok(true)
}

pub static EXC_METHODS: &[(&str, crate::object::MethodFn)] = &[
    ("__init__", exc_init_m),
    ("__str__", exc_str_m),
    ("__repr__", exc_repr_m),
    ("with_traceback", exc_with_tb_m),
    ("add_note", exc_add_note_m),
];

pub fn exc_init_m(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    if let Some(e) = exc_data(this) {
        *e.args.borrow_mut() = Obj::tuple(a.to_vec());
    }
    Ok(Obj::none())
}
pub fn exc_str_m(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::string(exc_str(this)?))
}
pub fn exc_repr_m(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::string(exc_repr(this)?))
}
pub fn exc_with_tb_m(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(this.clone())
}
/// `e.add_note(note)`: appends to the `__notes__` list (created on first use).
pub fn exc_add_note_m(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    super::str::nargs("add_note", a, 1, 1)?;
    if a[0].as_str().is_none() {
        if crate::modules::sys::python_minor() >= 14 {
            return Err(type_error(format!("add_note() argument must be str, not {}", a[0].type_name())));
        }
        return Err(type_error(format!("note must be a str, not '{}'", a[0].type_name())));
    }
    let notes_name = Obj::str("__notes__");
    let notes = match crate::attr::getattr(this, &notes_name) {
        Ok(n) => n,
        Err(e) if e.is_instance(&ATTRIBUTE_ERROR) => {
            let n = super::list::new_list(Vec::new());
            crate::attr::setattr(this, &notes_name, n.clone())?;
            n
        }
        Err(e) => return Err(e),
    };
    match super::list::as_list(&notes) {
        Some(l) => l.borrow_mut().push(a[0].clone()),
        None => return Err(type_error("Cannot add note: __notes__ is not a list")),
    }
    Ok(Obj::none())
}

/// `raise exc from cause` (cause may be None).
pub fn raise_from(exc: &Obj, cause: &Obj) -> Exc {
    let e = raise_(exc);
    if let Some(d) = exc_data(e.value()) {
        let c = if cause.layout() == Layout::Type {
            match crate::call(cause, vec![], None) {
                Ok(c) => c,
                Err(err) => return err,
            }
        } else {
            cause.clone()
        };
        if !c.is_none() && exc_data(&c).is_none() {
            return type_error("exception causes must derive from BaseException");
        }
        *d.cause.borrow_mut() = if c.is_none() { None } else { Some(c) };
        d.suppress_context.set(true);
    }
    e
}

impl Exc {
    /// Records `ctx` (the exception being handled) as `__context__`, as CPython does when an
    /// exception is raised inside an `except`/`finally` block. Returns self.
    pub fn with_context(self, ctx: &Obj) -> Exc {
        if let Some(d) = exc_data(&self.value) {
            if !ctx.is(&self.value) && d.context.borrow().is_none() {
                *d.context.borrow_mut() = Some(ctx.clone());
            }
        }
        self
    }
}
