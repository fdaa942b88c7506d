//! `_csv` (CPython's Modules/_csv.c): Dialect, reader, writer, the dialect registry,
//! field_size_limit and Error. The reader is _csv.c's state machine, char by char.
use crate::object::{MethodFn, Obj};
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::dict::{dict_get, dict_keys, dict_pop, dict_set, new_dict};
use crate::objects::exceptions::type_error;
use crate::objects::native::{self, expect, new_native, NativeData};
use crate::{builtins::split_kw, call, ops, Exc, PyResult};
use std::cell::{Cell, RefCell};

crate::native_type!(DIALECT_TYPE, "_csv", "_csv.Dialect", DIALECT_METHODS);
crate::native_type!(READER_TYPE, "_csv", "_csv.reader", READER_METHODS);
crate::native_type!(WRITER_TYPE, "_csv", "_csv.writer", WRITER_METHODS);

const QUOTE_MINIMAL: i64 = 0;
const QUOTE_ALL: i64 = 1;
const QUOTE_NONNUMERIC: i64 = 2;
const QUOTE_NONE: i64 = 3;

thread_local! {
    static ERROR: RefCell<Option<Obj>> = RefCell::new(None);
    static DIALECTS: Obj = new_dict();
    static FIELD_LIMIT: Cell<i64> = Cell::new(128 * 1024);
}

fn error_class() -> Obj {
    ERROR.with(|e| {
        if let Some(c) = &*e.borrow() {
            return c.clone();
        }
        let ns = new_dict();
        let _ = dict_set(&ns, Obj::str("__module__"), Obj::str("_csv"));
        let c = crate::objects::typeobj::new_class("Error", vec![crate::objects::exceptions::EXCEPTION.obj()], ns, "_csv").expect("_csv.Error");
        *e.borrow_mut() = Some(c.clone());
        c
    })
}

fn err(msg: impl Into<String>) -> Exc {
    match call(&error_class(), vec![Obj::string(msg.into())], None) {
        Ok(v) => Exc::from_value(v),
        Err(e) => e,
    }
}

fn dialects() -> Obj {
    DIALECTS.with(|d| d.clone())
}

// ---------------------------------------------------------------- Dialect

#[derive(Clone)]
struct Dialect {
    delimiter: char,
    doublequote: bool,
    escapechar: Option<char>,
    lineterminator: String,
    quotechar: Option<char>,
    quoting: i64,
    skipinitialspace: bool,
    strict: bool,
}
impl NativeData for Dialect {
    fn getattr(&self, _this: &Obj, name: &str) -> Option<PyResult> {
        let ch = |c: Option<char>| c.map(|c| Obj::string(c.to_string())).unwrap_or_else(Obj::none);
        Some(Ok(match name {
            "delimiter" => Obj::string(self.delimiter.to_string()),
            "doublequote" => Obj::bool(self.doublequote),
            "escapechar" => ch(self.escapechar),
            "lineterminator" => Obj::string(self.lineterminator.clone()),
            "quotechar" => ch(self.quotechar),
            "quoting" => Obj::int(self.quoting),
            "skipinitialspace" => Obj::bool(self.skipinitialspace),
            "strict" => Obj::bool(self.strict),
            _ => return None,
        }))
    }
}

const ATTRS: &[&str] = &["delimiter", "doublequote", "escapechar", "lineterminator", "quotechar", "quoting", "skipinitialspace", "strict"];

/// A 1-character attribute (None allowed when `optional`).
fn char_attr(name: &str, v: Option<Obj>, default: Option<char>, optional: bool) -> PyResult<Option<char>> {
    let v = match v {
        None => return Ok(default),
        Some(v) => v,
    };
    if v.is_none() && optional {
        return Ok(None);
    }
    match v.as_str() {
        Some(s) if s.chars().count() == 1 => Ok(s.chars().next()),
        Some(_) => Err(type_error(format!("\"{}\" must be a 1-character string", name))),
        None => Err(type_error(format!("\"{}\" must be string, not {}", name, v.type_name()))),
    }
}

fn bool_attr(v: Option<Obj>, default: bool) -> PyResult<bool> {
    match v {
        Some(v) => ops::is_true(&v),
        None => Ok(default),
    }
}

/// `_csv.Dialect(dialect=None, **kwargs)`: attributes of `dialect` (a name, a Dialect or any
/// object), overridden by the keywords, validated with _csv.c's messages.
fn dialect_from(base: Option<Obj>, kws: &[(String, Obj)]) -> PyResult {
    let mut base = base.filter(|b| !b.is_none());
    if let Some(b) = &base {
        if b.as_str().is_some() {
            base = Some(get_dialect_obj(b)?);
        }
    }
    if let Some(b) = &base {
        if kws.is_empty() && b.is_type(&DIALECT_TYPE) {
            return Ok(b.clone());
        }
    }
    let mut vals: Vec<Option<Obj>> = vec![None; ATTRS.len()];
    if let Some(b) = &base {
        for (i, a) in ATTRS.iter().enumerate() {
            match ops::getattr_str(b, a) {
                Ok(v) => vals[i] = Some(v),
                Err(e) if e.is_instance(&crate::objects::exceptions::ATTRIBUTE_ERROR) => {}
                Err(e) => return Err(e),
            }
        }
    }
    for (k, v) in kws {
        match ATTRS.iter().position(|a| a == k) {
            Some(i) => vals[i] = Some(v.clone()),
            None => return Err(crate::objects::exceptions::unexpected_keyword(k, "")),
        }
    }
    let mut it = vals.into_iter();
    let mut next = || it.next().unwrap();
    let delimiter = char_attr("delimiter", next(), Some(','), false)?.unwrap();
    let doublequote = bool_attr(next(), true)?;
    let escapechar = char_attr("escapechar", next(), None, true)?;
    let lineterminator = match next() {
        None => "\r\n".to_string(),
        Some(v) => match v.as_str() {
            Some(s) => s.to_string(),
            None => return Err(type_error("\"lineterminator\" must be a string")),
        },
    };
    let quotechar_arg = next();
    let quote_none = quotechar_arg.as_ref().map(|q| q.is_none()).unwrap_or(false);
    let quotechar = char_attr("quotechar", quotechar_arg, Some('"'), true)?;
    let quoting = match next() {
        // quotechar=None without a quoting means QUOTE_NONE
        None if quote_none => QUOTE_NONE,
        None => QUOTE_MINIMAL,
        Some(v) => match v.as_i64() {
            Some(q) if (0..=3).contains(&q) => q,
            Some(_) => return Err(type_error("bad \"quoting\" value")),
            None => return Err(type_error("\"quoting\" must be an integer")),
        },
    };
    let skipinitialspace = bool_attr(next(), false)?;
    let strict = bool_attr(next(), false)?;
    if quotechar.is_none() && quoting != QUOTE_NONE {
        return Err(type_error("quotechar must be set if quoting enabled"));
    }
    let d = Dialect { delimiter, doublequote, escapechar, lineterminator, quotechar, quoting, skipinitialspace, strict };
    Ok(new_native(&DIALECT_TYPE, d))
}

fn dialect_new(_this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(a, kw);
    native::check_positional("Dialect", pos.len(), 0, 1)?;
    let mut kws: Vec<(String, Obj)> = kws.into_iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
    let mut base = pos.get(0).cloned();
    if let Some(i) = kws.iter().position(|(k, _)| k == "dialect") {
        base = Some(kws.remove(i).1);
    }
    dialect_from(base, &kws)
}

static DIALECT_METHODS: &[(&str, MethodFn)] = &[("__new__", dialect_new)];

fn dialect_of(o: &Obj) -> PyResult<Dialect> {
    Ok(expect::<Dialect>(o, "_csv.Dialect")?.clone())
}

/// The dialect argument and format keywords of reader()/writer()/register_dialect().
fn dialect_args(rest: &[Obj], kws: Vec<(&str, Obj)>) -> PyResult {
    let mut kws: Vec<(String, Obj)> = kws.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    let mut base = rest.get(0).cloned();
    if let Some(i) = kws.iter().position(|(k, _)| k == "dialect") {
        base = Some(kws.remove(i).1);
    }
    dialect_from(base, &kws)
}

// ---------------------------------------------------------------- reader

#[derive(Clone, Copy, PartialEq)]
enum State {
    StartRecord,
    StartField,
    EscapedChar,
    InField,
    InQuotedField,
    EscapeInQuotedField,
    QuoteInQuotedField,
    EatCrnl,
    AfterEscapedCrnl,
}

struct Reader {
    input: Obj,
    dialect: Obj,
    d: Dialect,
    state: Cell<State>,
    field: RefCell<String>,
    field_len: Cell<i64>,
    numeric: Cell<bool>,
    fields: RefCell<Vec<Obj>>,
    line_num: Cell<i64>,
}
impl NativeData for Reader {
    fn traverse(&self, v: &mut dyn FnMut(&Obj)) -> bool {
        v(&self.input);
        v(&self.dialect);
        match self.fields.try_borrow() {
            Ok(f) => f.iter().for_each(|o| v(o)),
            Err(_) => return false,
        }
        true
    }
    fn getattr(&self, _this: &Obj, name: &str) -> Option<PyResult> {
        match name {
            "dialect" => Some(Ok(self.dialect.clone())),
            "line_num" => Some(Ok(Obj::int(self.line_num.get()))),
            _ => None,
        }
    }
}

impl Reader {
    fn save_field(&self) -> PyResult<()> {
        let s = std::mem::take(&mut *self.field.borrow_mut());
        self.field_len.set(0);
        let mut v = Obj::string(s);
        if self.numeric.get() {
            self.numeric.set(false);
            v = call(&crate::objects::float::FLOAT_TYPE.obj(), vec![v], None)?;
        }
        self.fields.borrow_mut().push(v);
        Ok(())
    }

    fn add_char(&self, c: char) -> PyResult<()> {
        let limit = FIELD_LIMIT.with(|l| l.get());
        if self.field_len.get() >= limit {
            return Err(err(format!("field larger than field limit ({})", limit)));
        }
        self.field.borrow_mut().push(c);
        self.field_len.set(self.field_len.get() + 1);
        Ok(())
    }

    /// One character (None: the end of the line).
    fn process(&self, c: Option<char>) -> PyResult<()> {
        use State::*;
        let d = &self.d;
        let nl = |c: Option<char>| c == Some('\n') || c == Some('\r');
        let after = |c: Option<char>| if c.is_none() { StartRecord } else { EatCrnl };
        let mut state = self.state.get();
        if state == StartRecord {
            if c.is_none() {
                return Ok(());
            }
            if nl(c) {
                self.state.set(EatCrnl);
                return Ok(());
            }
            state = StartField;
        }
        if state == AfterEscapedCrnl {
            if c.is_none() {
                return Ok(());
            }
            state = InField;
        }
        let next = match state {
            StartField => {
                if nl(c) || c.is_none() {
                    self.save_field()?;
                    after(c)
                } else if c == d.quotechar && d.quoting != QUOTE_NONE {
                    InQuotedField
                } else if c.is_some() && c == d.escapechar {
                    EscapedChar
                } else if c == Some(' ') && d.skipinitialspace {
                    StartField
                } else if c == Some(d.delimiter) {
                    self.save_field()?;
                    StartField
                } else {
                    if d.quoting == QUOTE_NONNUMERIC {
                        self.numeric.set(true);
                    }
                    self.add_char(c.unwrap())?;
                    InField
                }
            }
            EscapedChar => {
                if nl(c) {
                    self.add_char(c.unwrap())?;
                    AfterEscapedCrnl
                } else {
                    self.add_char(c.unwrap_or('\n'))?;
                    InField
                }
            }
            InField => {
                if nl(c) || c.is_none() {
                    self.save_field()?;
                    after(c)
                } else if c == d.escapechar {
                    EscapedChar
                } else if c == Some(d.delimiter) {
                    self.save_field()?;
                    StartField
                } else {
                    self.add_char(c.unwrap())?;
                    InField
                }
            }
            InQuotedField => {
                if c.is_none() {
                    InQuotedField
                } else if c == d.escapechar {
                    EscapeInQuotedField
                } else if c == d.quotechar && d.quoting != QUOTE_NONE {
                    if d.doublequote {
                        QuoteInQuotedField
                    } else {
                        InField
                    }
                } else {
                    self.add_char(c.unwrap())?;
                    InQuotedField
                }
            }
            EscapeInQuotedField => {
                self.add_char(c.unwrap_or('\n'))?;
                InQuotedField
            }
            QuoteInQuotedField => {
                if d.quoting != QUOTE_NONE && c.is_some() && c == d.quotechar {
                    self.add_char(c.unwrap())?;
                    InQuotedField
                } else if c == Some(d.delimiter) {
                    self.save_field()?;
                    StartField
                } else if nl(c) || c.is_none() {
                    self.save_field()?;
                    after(c)
                } else if !d.strict {
                    self.add_char(c.unwrap())?;
                    InField
                } else {
                    return Err(err(format!("'{}' expected after '{}'", d.delimiter, d.quotechar.unwrap_or('"'))));
                }
            }
            EatCrnl => {
                if nl(c) {
                    EatCrnl
                } else if c.is_none() {
                    StartRecord
                } else {
                    return Err(err("new-line character seen in unquoted field - do you need to open the file in universal-newline mode?"));
                }
            }
            StartRecord | AfterEscapedCrnl => unreachable!(),
        };
        self.state.set(next);
        Ok(())
    }

    fn reset(&self) {
        self.fields.borrow_mut().clear();
        self.field.borrow_mut().clear();
        self.field_len.set(0);
        self.state.set(State::StartRecord);
        self.numeric.set(false);
    }
}

fn reader_next(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let r = expect::<Reader>(this, "_csv.reader")?;
    r.reset();
    loop {
        let line = match ops::iter_next(&r.input)? {
            Some(l) => l,
            None => {
                if r.field_len.get() != 0 || r.state.get() == State::InQuotedField {
                    if r.d.strict {
                        return Err(err("unexpected end of data"));
                    }
                    r.save_field()?;
                    break;
                }
                return Err(crate::objects::exceptions::stop_iteration());
            }
        };
        let s = match line.as_str() {
            Some(s) => s.to_string(),
            None => {
                return Err(err(format!(
                    "iterator should return strings, not {} (the file should be opened in text mode)",
                    line.type_name()
                )))
            }
        };
        r.line_num.set(r.line_num.get() + 1);
        for c in s.chars() {
            r.process(Some(c))?;
        }
        r.process(None)?;
        if r.state.get() == State::StartRecord {
            break;
        }
    }
    let fields = std::mem::take(&mut *r.fields.borrow_mut());
    Ok(crate::objects::list::new_list(fields))
}

fn self_iter(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(this.clone())
}

static READER_METHODS: &[(&str, MethodFn)] = &[("__next__", reader_next), ("__iter__", self_iter)];

fn reader(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(a, kw);
    if pos.is_empty() || pos.len() > 2 {
        return Err(type_error(format!("expected at most 2 arguments, got {}", pos.len())));
    }
    let input = ops::get_iter(&pos[0])?;
    let dialect = dialect_args(&pos[1..], kws.into_iter().map(|(k, v)| (k, v.clone())).collect())?;
    let d = dialect_of(&dialect)?;
    let r = Reader {
        input,
        dialect,
        d,
        state: Cell::new(State::StartRecord),
        field: RefCell::new(String::new()),
        field_len: Cell::new(0),
        numeric: Cell::new(false),
        fields: RefCell::new(Vec::new()),
        line_num: Cell::new(0),
    };
    Ok(new_native(&READER_TYPE, r))
}

// ---------------------------------------------------------------- writer

struct Writer {
    write: Obj,
    dialect: Obj,
    d: Dialect,
}
impl NativeData for Writer {
    fn traverse(&self, v: &mut dyn FnMut(&Obj)) -> bool {
        v(&self.write);
        v(&self.dialect);
        true
    }
    fn getattr(&self, _this: &Obj, name: &str) -> Option<PyResult> {
        match name {
            "dialect" => Some(Ok(self.dialect.clone())),
            _ => None,
        }
    }
}

fn is_number(o: &Obj) -> bool {
    o.as_i64().is_some()
        || crate::objects::int::as_int(o).is_some()
        || crate::objects::float::as_float(o).is_some()
        || ops::lookup_special(o, "__float__").is_some()
        || ops::lookup_special(o, "__index__").is_some()
        || ops::lookup_special(o, "__int__").is_some()
}

/// Appends one field to `rec` (`nfields` fields already there), quoting and escaping it.
fn join_field(d: &Dialect, rec: &mut String, nfields: usize, field: &str, mut quoted: bool) -> PyResult<()> {
    let mut body = String::new();
    for c in field.chars() {
        let mut want_escape = false;
        if c == d.delimiter || Some(c) == d.escapechar || Some(c) == d.quotechar || d.lineterminator.contains(c) {
            if d.quoting == QUOTE_NONE {
                want_escape = true;
            } else {
                if Some(c) == d.quotechar {
                    if d.doublequote {
                        body.push(c);
                    } else {
                        want_escape = true;
                    }
                } else if Some(c) == d.escapechar {
                    want_escape = true;
                }
                if !want_escape {
                    quoted = true;
                }
            }
            if want_escape {
                match d.escapechar {
                    Some(e) => body.push(e),
                    None => return Err(err("need to escape, but no escapechar set")),
                }
            }
        }
        body.push(c);
    }
    if nfields > 0 {
        rec.push(d.delimiter);
    }
    let q: String = d.quotechar.map(|c| c.to_string()).unwrap_or_default();
    if quoted {
        rec.push_str(&q);
    }
    rec.push_str(&body);
    if quoted {
        rec.push_str(&q);
    }
    Ok(())
}

fn writerow_impl(w: &Writer, seq: &Obj) -> PyResult {
    let it = ops::get_iter(seq).map_err(|e| {
        if e.is_instance(&crate::objects::exceptions::TYPE_ERROR) {
            err(format!("iterable expected, not {}", seq.type_name()))
        } else {
            e
        }
    })?;
    let d = &w.d;
    let mut rec = String::new();
    let mut n = 0;
    let mut last_empty = false;
    while let Some(f) = ops::iter_next(&it)? {
        let quoted = match d.quoting {
            QUOTE_NONNUMERIC => !is_number(&f),
            QUOTE_ALL => true,
            _ => false,
        };
        let s = if f.is_none() {
            String::new()
        } else if let Some(s) = f.as_str() {
            s.to_string()
        } else {
            crate::repr::to_str(&f)?.as_str().unwrap_or("").to_string()
        };
        last_empty = s.is_empty();
        join_field(d, &mut rec, n, &s, quoted)?;
        n += 1;
    }
    if n == 1 && last_empty && rec.is_empty() {
        if d.quoting == QUOTE_NONE {
            return Err(err("single empty field record must be quoted"));
        }
        join_field(d, &mut rec, 0, "", true)?;
    }
    rec.push_str(&d.lineterminator);
    call(&w.write, vec![Obj::string(rec)], None)
}

fn writerow(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let seq = native::meth_o("writerow", a, kw)?;
    writerow_impl(expect::<Writer>(this, "_csv.writer")?, seq)
}

fn writerows(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let rows = native::meth_o("writerows", a, kw)?;
    let w = expect::<Writer>(this, "_csv.writer")?;
    let it = ops::get_iter(rows)?;
    while let Some(r) = ops::iter_next(&it)? {
        writerow_impl(w, &r)?;
    }
    Ok(Obj::none())
}

static WRITER_METHODS: &[(&str, MethodFn)] = &[("writerow", writerow), ("writerows", writerows)];

fn writer(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(a, kw);
    if pos.is_empty() || pos.len() > 2 {
        return Err(type_error(format!("expected at most 2 arguments, got {}", pos.len())));
    }
    let write = match ops::getattr_str(&pos[0], "write") {
        Ok(w) if crate::builtins::is_callable(&w) => w,
        _ => return Err(type_error("argument 1 must have a \"write\" method")),
    };
    let dialect = dialect_args(&pos[1..], kws.into_iter().map(|(k, v)| (k, v.clone())).collect())?;
    let d = dialect_of(&dialect)?;
    Ok(new_native(&WRITER_TYPE, Writer { write, dialect, d }))
}

// ---------------------------------------------------------------- registry

fn get_dialect_obj(name: &Obj) -> PyResult {
    dict_get(&dialects(), name)?.ok_or_else(|| err("unknown dialect"))
}

fn register_dialect(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(a, kw);
    native::check_positional("register_dialect", pos.len(), 1, 2)?;
    if pos[0].as_str().is_none() {
        return Err(type_error("dialect name must be a string"));
    }
    let d = dialect_args(&pos[1..], kws.into_iter().map(|(k, v)| (k, v.clone())).collect())?;
    dict_set(&dialects(), pos[0].clone(), d)?;
    Ok(Obj::none())
}

fn unregister_dialect(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = native::posonly("unregister_dialect", a, kw, 1, 1)?;
    match dict_pop(&dialects(), &a[0])? {
        Some(_) => Ok(Obj::none()),
        None => Err(err("unknown dialect")),
    }
}

fn get_dialect(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = native::posonly("get_dialect", a, kw, 1, 1)?;
    get_dialect_obj(&a[0])
}

fn list_dialects(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    native::posonly("list_dialects", a, kw, 0, 0)?;
    Ok(crate::objects::list::new_list(dict_keys(&dialects())))
}

fn field_size_limit(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = native::unpack("field_size_limit", a, kw, &["new_limit"], 0, 1, 0)?;
    let old = FIELD_LIMIT.with(|l| l.get());
    if let Some(n) = &v[0] {
        if crate::objects::int::as_int(n).is_none() {
            return Err(type_error("limit must be an integer"));
        }
        let n = n.as_i64().ok_or_else(|| crate::objects::exceptions::overflow_error("Python int too large to convert to C long"))?;
        FIELD_LIMIT.with(|l| l.set(n));
    }
    Ok(Obj::int(old))
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("_csv"))?;
    dict_set(&d, Obj::str("__doc__"), Obj::str("CSV parsing and writing.\n"))?;
    dict_set(&d, Obj::str("__version__"), Obj::str("1.0"))?;
    let fns: &[(&'static str, BuiltinFn)] = &[
        ("reader", reader),
        ("writer", writer),
        ("register_dialect", register_dialect),
        ("unregister_dialect", unregister_dialect),
        ("get_dialect", get_dialect),
        ("list_dialects", list_dialects),
        ("field_size_limit", field_size_limit),
    ];
    for (n, g) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *g))?;
    }
    for (n, v) in [("QUOTE_MINIMAL", QUOTE_MINIMAL), ("QUOTE_ALL", QUOTE_ALL), ("QUOTE_NONNUMERIC", QUOTE_NONNUMERIC), ("QUOTE_NONE", QUOTE_NONE)] {
        dict_set(&d, Obj::str(n), Obj::int(v))?;
    }
    dict_set(&d, Obj::str("Dialect"), DIALECT_TYPE.obj())?;
    dict_set(&d, Obj::str("Reader"), READER_TYPE.obj())?;
    dict_set(&d, Obj::str("Writer"), WRITER_TYPE.obj())?;
    dict_set(&d, Obj::str("Error"), error_class())?;
    dict_set(&d, Obj::str("_dialects"), dialects())?;
    Ok(crate::objects::module::new_module("_csv", d))
}
