//! `_sre`, CPython 3.11's regular expression engine module (Modules/_sre/sre.c): `compile()`
//! makes a Pattern from the code re/_compiler.py produced; Pattern, Match and SRE_Scanner
//! objects with CPython's methods, attributes and messages. The matcher is sre_engine.rs.
use super::sre_engine::{self as eng, State};
use crate::object::{alloc, Layout, MethodFn, Obj, PyObjectHeader, TypeObject, IMMORTAL};
use crate::objects::builtin_fn::new_builtin;
use crate::objects::bytes::as_bytes;
use crate::objects::dict::{dict_get, dict_items, dict_len, dict_set, new_dict};
use crate::objects::exceptions::{index_error, overflow_error, runtime_error, type_error, value_error, Exc};
use crate::objects::int::{as_int, IntVal};
use crate::objects::list::{as_list, new_list};
use crate::objects::tuple::{try_tuple_items, tuple_items};
use crate::{ops, PyResult};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

const FLAG_LOCALE: i64 = 4;
const FLAG_UNICODE: i64 = 32;
const FLAG_ASCII: i64 = 256;

// ---------------------------------------------------------------- objects

pub struct PatternData {
    code: Vec<u32>,
    groups: usize,
    flags: i64,
    pattern: Obj,
    groupindex: Option<Obj>,
    indexgroup: Option<Obj>,
    isbytes: i8, // -1: pattern None
}

pub struct MatchData {
    pattern: Obj,
    string: Obj,
    wide: Option<Rc<Vec<u32>>>,
    marks: Vec<isize>, // (start, end) per group, group 0 first; -1 = unmatched
    pos: usize,
    endpos: usize,
    lastindex: isize,
}

pub struct ScannerData {
    pattern: Obj,
    subject: Subject,
    state: RefCell<State>,
    done: Cell<bool>,
    executing: Cell<bool>,
}

/// Payload of the three `_sre` types (layout `Sre`).
pub enum SreObj {
    Pattern(PatternData),
    Match(MatchData),
    Scanner(ScannerData),
}

macro_rules! sre_type {
    ($id:ident, $name:expr, $module:expr, $methods:expr) => {
        pub static $id: TypeObject = TypeObject {
            ob: PyObjectHeader { refcnt: Cell::new(IMMORTAL), ty: &crate::objects::typeobj::TYPE_TYPE },
            name: $name,
            base: &crate::objects::typeobj::OBJECT_TYPE,
            layout: Layout::Sre,
            methods: Cell::new($methods),
            dict: RefCell::new(None),
            mro: RefCell::new(Vec::new()),
            heap: false,
            module: $module,
        };
    };
}
sre_type!(PATTERN_TYPE, "Pattern", "re", PATTERN_METHODS);
sre_type!(MATCH_TYPE, "Match", "re", MATCH_METHODS);
sre_type!(SCANNER_TYPE, "SRE_Scanner", "_sre", SCANNER_METHODS);

fn payload(o: &Obj) -> Option<&SreObj> {
    o.payload::<SreObj>(Layout::Sre)
}
fn pat(o: &Obj) -> PyResult<&PatternData> {
    match payload(o) {
        Some(SreObj::Pattern(p)) => Ok(p),
        _ => Err(type_error(format!("descriptor requires a 're.Pattern' object but received a '{}'", o.type_name()))),
    }
}
fn mat(o: &Obj) -> PyResult<&MatchData> {
    match payload(o) {
        Some(SreObj::Match(m)) => Ok(m),
        _ => Err(type_error(format!("descriptor requires a 're.Match' object but received a '{}'", o.type_name()))),
    }
}
fn scan(o: &Obj) -> PyResult<&ScannerData> {
    match payload(o) {
        Some(SreObj::Scanner(s)) => Ok(s),
        _ => Err(type_error(format!("descriptor requires a '_sre.SRE_Scanner' object but received a '{}'", o.type_name()))),
    }
}

// ---------------------------------------------------------------- subjects

/// A string being matched: bytes and ASCII str are matched in place as u8; any other str as
/// its code points (decoded once and cached for the last string seen).
#[derive(Clone)]
pub struct Subject {
    obj: Obj,
    isbytes: bool,
    wide: Option<Rc<Vec<u32>>>,
}

enum Txt<'a> {
    N(&'a [u8]),
    W(&'a [u32]),
}

thread_local! {
    static WIDE_CACHE: RefCell<Option<(Obj, Rc<Vec<u32>>)>> = RefCell::new(None);
}

fn decode_wide(o: &Obj, s: &str) -> Rc<Vec<u32>> {
    WIDE_CACHE.with(|c| {
        if let Some((k, v)) = &*c.borrow() {
            if k.is(o) {
                return v.clone();
            }
        }
        let v: Rc<Vec<u32>> = Rc::new(s.chars().map(|c| c as u32).collect());
        *c.borrow_mut() = Some((o.clone(), v.clone()));
        v
    })
}

/// getstring(): the subject or CPython's TypeError.
fn subject(o: &Obj) -> PyResult<Subject> {
    if let Some(so) = crate::objects::str::str_obj(o) {
        let wide = if so.s.len() == so.nchars { None } else { Some(decode_wide(o, &so.s)) };
        return Ok(Subject { obj: o.clone(), isbytes: false, wide });
    }
    if as_bytes(o).is_some() {
        return Ok(Subject { obj: o.clone(), isbytes: true, wide: None });
    }
    Err(type_error(format!("expected string or bytes-like object, got '{}'", o.type_name())))
}

impl Subject {
    fn txt(&self) -> Txt<'_> {
        if let Some(w) = &self.wide {
            return Txt::W(w);
        }
        match self.obj.as_str() {
            Some(s) => Txt::N(s.as_bytes()),
            None => Txt::N(as_bytes(&self.obj).unwrap_or(&[])),
        }
    }
    fn len(&self) -> usize {
        match self.txt() {
            Txt::N(b) => b.len(),
            Txt::W(w) => w.len(),
        }
    }
    fn slice(&self, i: usize, j: usize) -> Obj {
        getslice(&self.obj, self.isbytes, self.wide.as_deref().map(|v| &v[..]), i, j)
    }
}

fn getslice(o: &Obj, isbytes: bool, wide: Option<&[u32]>, i: usize, j: usize) -> Obj {
    if isbytes {
        let b = as_bytes(o).unwrap_or(&[]);
        if i == 0 && j == b.len() && o.is_type(&crate::objects::bytes::BYTES_TYPE) {
            return o.clone();
        }
        return Obj::bytes(&b[i.min(b.len())..j.min(b.len())]);
    }
    match wide {
        Some(w) => {
            let (i, j) = (i.min(w.len()), j.min(w.len()));
            if i == 0 && j == w.len() && o.is_type(&crate::objects::str::STR_TYPE) {
                return o.clone();
            }
            Obj::string(w[i..j].iter().map(|&c| char::from_u32(c).unwrap_or('\u{fffd}')).collect())
        }
        None => {
            let s = o.as_str().unwrap_or("");
            let (i, j) = (i.min(s.len()), j.min(s.len()));
            if i == 0 && j == s.len() && o.is_type(&crate::objects::str::STR_TYPE) {
                return o.clone();
            }
            Obj::str(&s[i..j])
        }
    }
}

fn engine_error() -> Exc {
    runtime_error("internal error in regular expression engine")
}

fn do_match(st: &mut State, subj: &Subject, code: &[u32]) -> PyResult<bool> {
    let r = match subj.txt() {
        Txt::N(b) => eng::run(st, b, code, 0, true),
        Txt::W(w) => eng::run(st, w, code, 0, true),
    };
    r.map_err(|_| engine_error())
}

fn do_search(st: &mut State, subj: &Subject, code: &[u32]) -> PyResult<bool> {
    let r = match subj.txt() {
        Txt::N(b) => eng::search(st, b, code),
        Txt::W(w) => eng::search(st, w, code),
    };
    r.map_err(|_| engine_error())
}

/// state_init(): checks the subject against the pattern's kind.
fn state_init(p: &PatternData, string: &Obj, pos: isize, endpos: isize) -> PyResult<(Subject, State)> {
    let subj = subject(string)?;
    if subj.isbytes && p.isbytes == 0 {
        return Err(type_error("cannot use a string pattern on a bytes-like object"));
    }
    if !subj.isbytes && p.isbytes > 0 {
        return Err(type_error("cannot use a bytes pattern on a string-like object"));
    }
    let st = State::new(subj.len(), p.groups, pos, endpos);
    Ok((subj, st))
}

/// pattern_new_match(): a Match object from a successful state.
fn new_match(pattern: &Obj, p: &PatternData, st: &State, subj: &Subject) -> Obj {
    let mut marks = Vec::with_capacity(2 * (p.groups + 1));
    marks.push(st.start as isize);
    marks.push(st.ptr as isize);
    for g in 1..=p.groups {
        match st.group_span(g) {
            Some((a, b)) => {
                marks.push(a as isize);
                marks.push(b as isize);
            }
            None => {
                marks.push(-1);
                marks.push(-1);
            }
        }
    }
    alloc(
        &MATCH_TYPE,
        SreObj::Match(MatchData {
            pattern: pattern.clone(),
            string: subj.obj.clone(),
            wide: subj.wide.clone(),
            marks,
            pos: st.pos,
            endpos: st.endpos,
            lastindex: st.lastindex,
        }),
    )
}

// ---------------------------------------------------------------- argument binding

/// Binds Argument Clinic style arguments: `names` in order, the first `required` mandatory.
fn bind(fname: &str, args: &[Obj], kw: Option<&Obj>, names: &[&str], required: usize) -> PyResult<Vec<Option<Obj>>> {
    crate::objects::native::unpack(fname, args, kw, names, required, names.len(), 0)
}

/// A Py_ssize_t argument.
fn ssize(o: &Obj) -> PyResult<isize> {
    ops::ssize_value(o).map(|v| v as isize)
}

fn opt_ssize(o: &Option<Obj>, default: isize) -> PyResult<isize> {
    match o {
        Some(v) => ssize(v),
        None => Ok(default),
    }
}

/// (string, pos, endpos) of match/search/fullmatch/findall/finditer/scanner.
fn string_pos_args(fname: &str, args: &[Obj], kw: Option<&Obj>) -> PyResult<(Obj, isize, isize)> {
    let a = bind(fname, args, kw, &["string", "pos", "endpos"], 1)?;
    Ok((a[0].clone().unwrap(), opt_ssize(&a[1], 0)?, opt_ssize(&a[2], isize::MAX)?))
}

// ---------------------------------------------------------------- Pattern methods

fn match_impl(this: &Obj, args: &[Obj], kw: Option<&Obj>, fname: &str, full: bool, search: bool) -> PyResult {
    let p = pat(this)?;
    let (string, pos, endpos) = string_pos_args(fname, args, kw)?;
    let (subj, mut st) = state_init(p, &string, pos, endpos)?;
    st.match_all = full;
    let ok = if search { do_search(&mut st, &subj, &p.code)? } else { do_match(&mut st, &subj, &p.code)? };
    Ok(if ok { new_match(this, p, &st, &subj) } else { Obj::none() })
}

fn p_match(this: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    match_impl(this, args, kw, "match", false, false)
}
fn p_fullmatch(this: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    match_impl(this, args, kw, "fullmatch", true, false)
}
fn p_search(this: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    match_impl(this, args, kw, "search", false, true)
}

fn p_findall(this: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let p = pat(this)?;
    let (string, pos, endpos) = string_pos_args("findall", args, kw)?;
    let (subj, mut st) = state_init(p, &string, pos, endpos)?;
    let mut out = Vec::new();
    while st.start <= st.end {
        st.reset();
        st.ptr = st.start;
        if !do_search(&mut st, &subj, &p.code)? {
            break;
        }
        let item = match p.groups {
            0 => subj.slice(st.start, st.ptr),
            1 => group_or_empty(&st, &subj, 1),
            n => Obj::tuple((1..=n).map(|g| group_or_empty(&st, &subj, g)).collect()),
        };
        out.push(item);
        st.must_advance = st.ptr == st.start;
        st.start = st.ptr;
    }
    Ok(new_list(out))
}

fn group_or_empty(st: &State, subj: &Subject, g: usize) -> Obj {
    match st.group_span(g) {
        Some((a, b)) => subj.slice(a, b),
        None => subj.slice(0, 0),
    }
}

fn new_scanner(this: &Obj, string: &Obj, pos: isize, endpos: isize) -> PyResult {
    let p = pat(this)?;
    let (subj, st) = state_init(p, string, pos, endpos)?;
    Ok(alloc(
        &SCANNER_TYPE,
        SreObj::Scanner(ScannerData {
            pattern: this.clone(),
            subject: subj,
            state: RefCell::new(st),
            done: Cell::new(false),
            executing: Cell::new(false),
        }),
    ))
}

fn p_finditer(this: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (string, pos, endpos) = string_pos_args("finditer", args, kw)?;
    let sc = new_scanner(this, &string, pos, endpos)?;
    let search = ops::getattr_str(&sc, "search")?;
    crate::call(&crate::builtin("iter"), vec![search, Obj::none()], None)
}

fn p_scanner(this: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (string, pos, endpos) = string_pos_args("scanner", args, kw)?;
    new_scanner(this, &string, pos, endpos)
}

fn p_split(this: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let p = pat(this)?;
    let a = bind("split", args, kw, &["string", "maxsplit"], 1)?;
    let maxsplit = opt_ssize(&a[1], 0)?;
    let (subj, mut st) = state_init(p, a[0].as_ref().unwrap(), 0, isize::MAX)?;
    let mut out = Vec::new();
    let mut n = 0;
    let mut last = st.start;
    while maxsplit == 0 || n < maxsplit {
        st.reset();
        st.ptr = st.start;
        if !do_search(&mut st, &subj, &p.code)? {
            break;
        }
        out.push(subj.slice(last, st.start));
        for g in 1..=p.groups {
            out.push(match st.group_span(g) {
                Some((x, y)) => subj.slice(x, y),
                None => Obj::none(),
            });
        }
        n += 1;
        st.must_advance = st.ptr == st.start;
        st.start = st.ptr;
        last = st.start;
    }
    out.push(subj.slice(last, st.endpos));
    Ok(new_list(out))
}

/// Calls `re.<name>(*args)` (sub templates and Match.expand go through Python code).
fn call_re(name: &str, args: Vec<Obj>) -> PyResult {
    let re = super::importer::find_and_load("re")?;
    let f = ops::getattr_str(&re, name)?;
    crate::call(&f, args, None)
}

enum Filter {
    Literal(Obj),
    Callable(Obj),
    /// 3.12+: a `_sre.template` (see `f_template`)
    Template(Obj),
}

/// 3.12+ `re` has no `_subx`/`_expand`: the C code asks `re._compile_template(pattern, repl)`,
/// which returns `_sre.template(pattern, re._parser.parse_template(repl, pattern))`, and
/// expands that itself. Returns the filter: the literal when the template has no group.
fn compile_template(pattern: &Obj, repl: &Obj) -> PyResult<Filter> {
    let t = call_re("_compile_template", vec![pattern.clone(), repl.clone()])?;
    let items = crate::objects::tuple::try_tuple_items(&t).map(|i| i.to_vec()).unwrap_or_default();
    Ok(if items.len() == 1 { Filter::Literal(items[0].clone()) } else { Filter::Template(t) })
}

/// `_sre.template(pattern, template)`: `template` alternates literals and group indexes
/// (an odd length, literals first and last); kept as a tuple.
fn f_template(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    crate::objects::str::no_kw("template", kw)?;
    crate::objects::str::nargs("template", args, 2, 2)?;
    let items = match as_list(&args[1]) {
        Some(l) => l.borrow().clone(),
        None => return Err(type_error(format!("template() argument 2 must be list, not {}", args[1].type_name()))),
    };
    if items.len() % 2 == 0 {
        return Err(type_error("invalid template"));
    }
    for idx in items.iter().skip(1).step_by(2) {
        match crate::objects::int::int_as_i64(idx) {
            Some(i) if i >= 0 => {}
            _ => return Err(type_error("invalid template")),
        }
    }
    Ok(Obj::tuple(items))
}

/// expand_template(): the literals and the groups of `m` a template names, joined (an
/// unmatched group adds nothing); IndexError "no such group" past the match's groups.
fn expand_template(t: &Obj, m: &Obj) -> PyResult {
    let md = mat(m)?;
    let items = crate::objects::tuple::try_tuple_items(t).map(|i| i.to_vec()).unwrap_or_default();
    let mut pieces = Vec::new();
    for (k, item) in items.iter().enumerate() {
        if k % 2 == 0 {
            if ops::len(item)? > 0 {
                pieces.push(item.clone());
            }
            continue;
        }
        let g = crate::objects::int::int_as_i64(item).unwrap_or(-1);
        if g < 0 || g as usize >= md.ngroups() {
            return Err(index_error("no such group"));
        }
        let v = md.slice(g as usize, &Obj::none());
        if !v.is_none() {
            pieces.push(v);
        }
    }
    let isbytes = items.first().map_or(false, |l| l.as_str().is_none());
    join(&pieces, isbytes)
}

fn has_backslash(o: &Obj) -> Option<bool> {
    if let Some(s) = o.as_str() {
        return Some(s.contains('\\'));
    }
    as_bytes(o).map(|b| b.contains(&b'\\'))
}

fn subx(this: &Obj, args: &[Obj], kw: Option<&Obj>, fname: &str, subn: bool) -> PyResult {
    let p = pat(this)?;
    let a = bind(fname, args, kw, &["repl", "string", "count"], 2)?;
    let repl = a[0].clone().unwrap();
    let count = opt_ssize(&a[2], 0)?;
    let filter = if crate::builtins::is_callable(&repl) {
        Filter::Callable(repl)
    } else if has_backslash(&repl) == Some(false) {
        Filter::Literal(repl)
    } else if crate::modules::sys::python_minor() >= 12 {
        compile_template(this, &repl)?
    } else {
        let f = call_re("_subx", vec![this.clone(), repl])?;
        if crate::builtins::is_callable(&f) {
            Filter::Callable(f)
        } else {
            Filter::Literal(f)
        }
    };
    let (subj, mut st) = state_init(p, a[1].as_ref().unwrap(), 0, isize::MAX)?;
    let mut pieces: Vec<Obj> = Vec::new();
    let (mut n, mut i) = (0isize, 0usize);
    while count == 0 || n < count {
        st.reset();
        st.ptr = st.start;
        if !do_search(&mut st, &subj, &p.code)? {
            break;
        }
        let (b, e) = (st.start, st.ptr);
        if i < b {
            pieces.push(subj.slice(i, b));
        }
        let item = match &filter {
            Filter::Literal(l) => l.clone(),
            Filter::Callable(f) => {
                let m = new_match(this, p, &st, &subj);
                crate::call(f, vec![m], None)?
            }
            Filter::Template(t) => expand_template(t, &new_match(this, p, &st, &subj))?,
        };
        if !item.is_none() {
            pieces.push(item);
        }
        i = e;
        n += 1;
        st.must_advance = st.ptr == st.start;
        st.start = st.ptr;
    }
    if i < st.endpos {
        pieces.push(subj.slice(i, st.endpos));
    }
    let joined = join(&pieces, subj.isbytes)?;
    Ok(if subn { Obj::tuple2(joined, Obj::int(n as i64)) } else { joined })
}

/// PyUnicode_Join / PyBytes_Join with an empty separator.
fn join(pieces: &[Obj], isbytes: bool) -> PyResult {
    if isbytes {
        let mut out = Vec::new();
        for (k, o) in pieces.iter().enumerate() {
            match as_bytes(o) {
                Some(b) => out.extend_from_slice(b),
                None => {
                    return Err(type_error(format!(
                        "sequence item {}: expected a bytes-like object, {} found",
                        k,
                        o.type_name()
                    )))
                }
            }
        }
        return Ok(Obj::bytes(&out));
    }
    if pieces.len() == 1 && pieces[0].is_type(&crate::objects::str::STR_TYPE) {
        return Ok(pieces[0].clone());
    }
    let mut out = String::new();
    for (k, o) in pieces.iter().enumerate() {
        match o.as_str() {
            Some(s) => out.push_str(s),
            None => return Err(type_error(format!("sequence item {}: expected str instance, {} found", k, o.type_name()))),
        }
    }
    Ok(Obj::string(out))
}

fn p_sub(this: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    subx(this, args, kw, "sub", false)
}
fn p_subn(this: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    subx(this, args, kw, "subn", true)
}

fn p_copy(this: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    crate::objects::str::no_kw("__copy__", kw)?;
    crate::objects::str::nargs("__copy__", args, 0, 0)?;
    Ok(this.clone())
}
fn deepcopy(this: &Obj, args: &[Obj], kw: Option<&Obj>, cls: &str) -> PyResult {
    crate::objects::str::no_kw("__deepcopy__", kw)?;
    if args.len() != 1 {
        return Err(type_error(format!("{}.__deepcopy__() takes exactly one argument ({} given)", cls, args.len())));
    }
    Ok(this.clone())
}
fn p_deepcopy(this: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    deepcopy(this, args, kw, "Pattern")
}
fn class_getitem(this: &Obj, _args: &[Obj], _kw: Option<&Obj>) -> PyResult {
    Ok(this.clone())
}

static PATTERN_METHODS: &[(&str, MethodFn)] = &[
    ("match", p_match),
    ("fullmatch", p_fullmatch),
    ("search", p_search),
    ("sub", p_sub),
    ("subn", p_subn),
    ("findall", p_findall),
    ("split", p_split),
    ("finditer", p_finditer),
    ("scanner", p_scanner),
    ("__copy__", p_copy),
    ("__deepcopy__", p_deepcopy),
    ("__class_getitem__", class_getitem),
];

/// `repr(pattern)`: re.compile('...', re.FLAG|...), the pattern's repr cut at 200 characters.
fn pattern_repr(p: &PatternData) -> PyResult<String> {
    const NAMES: &[(&str, i64)] = &[
        ("re.IGNORECASE", 2),
        ("re.LOCALE", 4),
        ("re.MULTILINE", 8),
        ("re.DOTALL", 16),
        ("re.UNICODE", 32),
        ("re.VERBOSE", 64),
        ("re.DEBUG", 128),
        ("re.ASCII", 256),
    ];
    let mut flags = p.flags;
    if p.isbytes == 0 && flags & (FLAG_LOCALE | FLAG_UNICODE | FLAG_ASCII) == FLAG_UNICODE {
        flags &= !FLAG_UNICODE;
    }
    let mut items: Vec<String> = Vec::new();
    for (n, v) in NAMES {
        if flags & v != 0 {
            items.push(n.to_string());
            flags &= !v;
        }
    }
    if flags != 0 {
        items.push(format!("0x{:x}", flags));
    }
    let r: String = ops::repr_string(&p.pattern)?.chars().take(200).collect();
    Ok(if items.is_empty() { format!("re.compile({})", r) } else { format!("re.compile({}, {})", r, items.join("|")) })
}

/// pattern_hash()
pub fn pattern_hash(o: &Obj) -> PyResult<i64> {
    let p = pat(o)?;
    let mut h = ops::hash(&p.pattern)?;
    let mut h2: u64 = 0xcbf29ce484222325;
    for c in &p.code {
        h2 = (h2 ^ *c as u64).wrapping_mul(0x100000001b3);
    }
    h ^= h2 as i64;
    h ^= p.flags;
    h ^= p.isbytes as i64;
    h ^= p.code.len() as i64;
    Ok(if h == -1 { -2 } else { h })
}

/// pattern_richcompare() for == and != (None: not two patterns).
pub fn pattern_eq(a: &Obj, b: &Obj) -> Option<PyResult<bool>> {
    let (x, y) = match (payload(a), payload(b)) {
        (Some(SreObj::Pattern(x)), Some(SreObj::Pattern(y))) => (x, y),
        _ => return None,
    };
    if a.is(b) {
        return Some(Ok(true));
    }
    if x.flags != y.flags || x.isbytes != y.isbytes || x.code != y.code {
        return Some(Ok(false));
    }
    Some(ops::eq(&x.pattern, &y.pattern))
}

// ---------------------------------------------------------------- Match methods

impl MatchData {
    fn ngroups(&self) -> usize {
        self.marks.len() / 2
    }
    fn span(&self, g: usize) -> (isize, isize) {
        (self.marks[2 * g], self.marks[2 * g + 1])
    }
    fn slice(&self, g: usize, default: &Obj) -> Obj {
        let (a, b) = self.span(g);
        if a < 0 {
            return default.clone();
        }
        let isbytes = !self.string.as_str().is_some();
        getslice(&self.string, isbytes, self.wide.as_deref().map(|v| &v[..]), a as usize, b as usize)
    }
    /// match_getindex(): a group number or name → index, IndexError "no such group".
    fn index(&self, g: &Obj) -> PyResult<usize> {
        let i: isize = if as_int(g).is_some() || ops::lookup_special(g, "__index__").is_some() {
            ssize(g)?
        } else {
            let gi = pat(&self.pattern)?.groupindex.clone();
            match gi {
                Some(d) => match dict_get(&d, g) {
                    Ok(Some(v)) => v.as_i64().map(|v| v as isize).unwrap_or(-1),
                    Ok(None) => -1,
                    Err(_) => -1, // unhashable: "no such group"
                },
                None => -1,
            }
        };
        if i < 0 || i as usize >= self.ngroups() {
            return Err(index_error("no such group"));
        }
        Ok(i as usize)
    }
}

fn m_group(this: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    crate::objects::str::no_kw("group", kw)?;
    let m = mat(this)?;
    let none = Obj::none();
    match args.len() {
        0 => Ok(m.slice(0, &none)),
        1 => Ok(m.slice(m.index(&args[0])?, &none)),
        _ => {
            let mut out = Vec::with_capacity(args.len());
            for g in args {
                out.push(m.slice(m.index(g)?, &none));
            }
            Ok(Obj::tuple(out))
        }
    }
}

/// `m[g]`
pub fn match_getitem(o: &Obj, key: &Obj) -> PyResult {
    let m = mat(o)?;
    Ok(m.slice(m.index(key)?, &Obj::none()))
}

fn m_getitem(this: &Obj, args: &[Obj], _kw: Option<&Obj>) -> PyResult {
    crate::objects::str::nargs("__getitem__", args, 1, 1)?;
    match_getitem(this, &args[0])
}

fn m_groups(this: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let m = mat(this)?;
    let a = bind("groups", args, kw, &["default"], 0)?;
    let default = a[0].clone().unwrap_or_else(Obj::none);
    Ok(Obj::tuple((1..m.ngroups()).map(|g| m.slice(g, &default)).collect()))
}

fn m_groupdict(this: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let m = mat(this)?;
    let a = bind("groupdict", args, kw, &["default"], 0)?;
    let default = a[0].clone().unwrap_or_else(Obj::none);
    let d = new_dict();
    if let Some(gi) = &pat(&m.pattern)?.groupindex {
        for (k, _) in dict_items(gi) {
            let v = m.slice(m.index(&k)?, &default);
            dict_set(&d, k, v)?;
        }
    }
    Ok(d)
}

/// The optional positional-only group of start/end/span.
fn group_arg(m: &MatchData, fname: &str, args: &[Obj], kw: Option<&Obj>) -> PyResult<usize> {
    crate::objects::str::no_kw(fname, kw)?;
    if args.len() > 1 {
        return Err(type_error(format!("{} expected at most 1 argument, got {}", fname, args.len())));
    }
    match args.first() {
        Some(g) => m.index(g),
        None => Ok(0),
    }
}

fn m_start(this: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let m = mat(this)?;
    let g = group_arg(m, "start", args, kw)?;
    Ok(Obj::int(m.span(g).0 as i64))
}
fn m_end(this: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let m = mat(this)?;
    let g = group_arg(m, "end", args, kw)?;
    Ok(Obj::int(m.span(g).1 as i64))
}
fn pair(a: isize, b: isize) -> Obj {
    Obj::tuple2(Obj::int(a as i64), Obj::int(b as i64))
}
fn m_span(this: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let m = mat(this)?;
    let g = group_arg(m, "span", args, kw)?;
    let (a, b) = m.span(g);
    Ok(pair(a, b))
}
fn m_expand(this: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let m = mat(this)?;
    let a = bind("expand", args, kw, &["template"], 1)?;
    if crate::modules::sys::python_minor() >= 12 {
        return match compile_template(&m.pattern, a[0].as_ref().unwrap())? {
            Filter::Template(t) => expand_template(&t, this),
            Filter::Literal(l) | Filter::Callable(l) => Ok(l),
        };
    }
    call_re("_expand", vec![m.pattern.clone(), this.clone(), a[0].clone().unwrap()])
}
fn m_copy(this: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    p_copy(this, args, kw)
}
fn m_deepcopy(this: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    deepcopy(this, args, kw, "Match")
}

static MATCH_METHODS: &[(&str, MethodFn)] = &[
    ("group", m_group),
    ("start", m_start),
    ("end", m_end),
    ("span", m_span),
    ("groups", m_groups),
    ("groupdict", m_groupdict),
    ("expand", m_expand),
    ("__getitem__", m_getitem),
    ("__copy__", m_copy),
    ("__deepcopy__", m_deepcopy),
    ("__class_getitem__", class_getitem),
];

fn match_repr(m: &MatchData) -> PyResult<String> {
    let g0 = m.slice(0, &Obj::none());
    let r: String = ops::repr_string(&g0)?.chars().take(50).collect();
    Ok(format!("<re.Match object; span=({}, {}), match={}>", m.marks[0], m.marks[1], r))
}

// ---------------------------------------------------------------- Scanner methods

fn scanner_step(this: &Obj, args: &[Obj], kw: Option<&Obj>, fname: &str, search: bool) -> PyResult {
    crate::objects::str::no_kw(fname, kw)?;
    crate::objects::str::nargs(fname, args, 0, 0)?;
    let s = scan(this)?;
    if s.executing.get() {
        return Err(value_error("regular expression scanner already executing"));
    }
    if s.done.get() {
        return Ok(Obj::none());
    }
    s.executing.set(true);
    let p = pat(&s.pattern)?;
    let mut st = s.state.borrow_mut();
    st.reset();
    st.ptr = st.start;
    let r = if search { do_search(&mut st, &s.subject, &p.code) } else { do_match(&mut st, &s.subject, &p.code) };
    s.executing.set(false);
    let out = if r? {
        let m = new_match(&s.pattern, p, &st, &s.subject);
        st.must_advance = st.ptr == st.start;
        st.start = st.ptr;
        m
    } else {
        s.done.set(true);
        Obj::none()
    };
    Ok(out)
}
fn s_match(this: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    scanner_step(this, args, kw, "match", false)
}
fn s_search(this: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    scanner_step(this, args, kw, "search", true)
}
static SCANNER_METHODS: &[(&str, MethodFn)] = &[("match", s_match), ("search", s_search)];

// ---------------------------------------------------------------- attributes, repr

/// Data attributes of Pattern, Match and SRE_Scanner objects.
pub fn sre_getattr(o: &Obj, name: &str) -> Option<PyResult> {
    match payload(o)? {
        SreObj::Pattern(p) => Some(Ok(match name {
            "pattern" => p.pattern.clone(),
            "flags" => Obj::int(p.flags),
            "groups" => Obj::int(p.groups as i64),
            "groupindex" => {
                let d = new_dict();
                if let Some(gi) = &p.groupindex {
                    for (k, v) in dict_items(gi) {
                        if let Err(e) = dict_set(&d, k, v) {
                            return Some(Err(e));
                        }
                    }
                }
                d
            }
            _ => return None,
        })),
        SreObj::Match(m) => Some(Ok(match name {
            "string" => m.string.clone(),
            "re" => m.pattern.clone(),
            "pos" => Obj::int(m.pos as i64),
            "endpos" => Obj::int(m.endpos as i64),
            "lastindex" => {
                if m.lastindex >= 0 {
                    Obj::int(m.lastindex as i64)
                } else {
                    Obj::none()
                }
            }
            "lastgroup" => {
                let p = match pat(&m.pattern) {
                    Ok(p) => p,
                    Err(e) => return Some(Err(e)),
                };
                match &p.indexgroup {
                    Some(ig) if m.lastindex >= 0 && (m.lastindex as usize) < tuple_items(ig).len() => {
                        tuple_items(ig)[m.lastindex as usize].clone()
                    }
                    _ => Obj::none(),
                }
            }
            "regs" => Obj::tuple((0..m.ngroups()).map(|g| pair(m.span(g).0, m.span(g).1)).collect()),
            _ => return None,
        })),
        SreObj::Scanner(s) => match name {
            "pattern" => Some(Ok(s.pattern.clone())),
            _ => None,
        },
    }
}

pub fn sre_repr(o: &Obj) -> PyResult<String> {
    match payload(o) {
        Some(SreObj::Pattern(p)) => pattern_repr(p),
        Some(SreObj::Match(m)) => match_repr(m),
        _ => Ok(format!("<_sre.SRE_Scanner object at {:#x}>", o.addr())),
    }
}

// ---------------------------------------------------------------- module functions

fn char_arg(fname: &str, args: &[Obj], kw: Option<&Obj>) -> PyResult<u32> {
    crate::objects::str::no_kw(fname, kw)?;
    crate::objects::str::nargs(fname, args, 1, 1)?;
    let v = match as_int(&args[0]) {
        Some(IntVal::Small(v)) => *v,
        Some(IntVal::Big(_)) => return Err(overflow_error("Python int too large to convert to C int")),
        None => ops::index_value(&args[0])?,
    };
    if v > i32::MAX as i64 || v < i32::MIN as i64 {
        return Err(overflow_error("Python int too large to convert to C int"));
    }
    Ok(v as i32 as u32)
}

fn f_getcodesize(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    crate::objects::str::no_kw("getcodesize", kw)?;
    crate::objects::str::nargs("getcodesize", args, 0, 0)?;
    Ok(Obj::int(4))
}
fn f_ascii_iscased(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let c = char_arg("ascii_iscased", args, kw)?;
    Ok(Obj::bool(c < 128 && (c as u8).is_ascii_alphabetic()))
}
fn f_unicode_iscased(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let c = char_arg("unicode_iscased", args, kw)?;
    Ok(Obj::bool(c != eng::lower_unicode(c) || c != eng::upper_unicode(c)))
}
fn f_ascii_tolower(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let c = char_arg("ascii_tolower", args, kw)?;
    Ok(Obj::int(eng::lower_ascii(c) as i32 as i64))
}
fn f_unicode_tolower(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let c = char_arg("unicode_tolower", args, kw)?;
    Ok(Obj::int(eng::lower_unicode(c) as i32 as i64))
}

/// `_sre.compile(pattern, flags, code, groups, groupindex, indexgroup)`
fn f_compile(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = bind("compile", args, kw, &["pattern", "flags", "code", "groups", "groupindex", "indexgroup"], 6)?;
    let a: Vec<Obj> = a.into_iter().map(|o| o.unwrap()).collect();
    let flags = match as_int(&a[1]) {
        Some(IntVal::Small(v)) if *v >= i32::MIN as i64 && *v <= i32::MAX as i64 => *v,
        _ => ops::index_value(&a[1])?,
    };
    let items = match as_list(&a[2]) {
        Some(l) => l.borrow().clone(),
        None => return Err(type_error(format!("compile() argument 'code' must be list, not {}", a[2].type_name()))),
    };
    let mut code = Vec::with_capacity(items.len());
    for o in &items {
        let v = match as_int(o) {
            Some(IntVal::Small(v)) if *v >= 0 => *v,
            Some(IntVal::Small(_)) => return Err(overflow_error("can't convert negative value to unsigned int")),
            Some(IntVal::Big(_)) => return Err(overflow_error("regular expression code size limit exceeded")),
            None => return Err(type_error(format!("an integer is required (got type {})", o.type_name()))),
        };
        if v > u32::MAX as i64 {
            return Err(overflow_error("regular expression code size limit exceeded"));
        }
        code.push(v as u32);
    }
    let groups = ssize(&a[3])?;
    if crate::objects::dict::as_dict(&a[4]).is_none() {
        return Err(type_error(format!("compile() argument 'groupindex' must be dict, not {}", a[4].type_name())));
    }
    if try_tuple_items(&a[5]).is_none() {
        return Err(type_error(format!("compile() argument 'indexgroup' must be tuple, not {}", a[5].type_name())));
    }
    let isbytes = if a[0].is_none() {
        -1
    } else {
        match subject(&a[0]) {
            Ok(s) => s.isbytes as i8,
            Err(e) => return Err(e),
        }
    };
    if groups < 0 || groups as usize > eng::MAXGROUPS || code.last() != Some(&eng::SUCCESS) {
        return Err(runtime_error("invalid SRE code"));
    }
    let (groupindex, indexgroup) = if dict_len(&a[4]) > 0 {
        (Some(a[4].clone()), if tuple_items(&a[5]).is_empty() { None } else { Some(a[5].clone()) })
    } else {
        (None, None)
    };
    Ok(alloc(
        &PATTERN_TYPE,
        SreObj::Pattern(PatternData {
            code,
            groups: groups as usize,
            flags,
            pattern: a[0].clone(),
            groupindex,
            indexgroup,
            isbytes,
        }),
    ))
}

static HOOKS: crate::hooks::Sre = crate::hooks::Sre {
    getattr: sre_getattr,
    repr: sre_repr,
    is_match: |o| o.is_type(&MATCH_TYPE),
    match_getitem,
    is_pattern: |o| o.is_type(&PATTERN_TYPE),
    pattern_hash,
    pattern_eq,
};

pub fn make_module() -> PyResult {
    crate::hooks::SRE.install(&HOOKS);
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("_sre"))?;
    let fns: &[(&'static str, crate::objects::builtin_fn::BuiltinFn)] = &[
        ("compile", f_compile),
        ("getcodesize", f_getcodesize),
        ("template", f_template),
        ("ascii_iscased", f_ascii_iscased),
        ("unicode_iscased", f_unicode_iscased),
        ("ascii_tolower", f_ascii_tolower),
        ("unicode_tolower", f_unicode_tolower),
    ];
    for (n, f) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *f))?;
    }
    // the opcodes are 3.11's in 3.12-3.14 too; only the version stamp re/_compiler.py checks moved
    let magic = match crate::modules::sys::python_minor() {
        12 => 20221023,
        m if m >= 13 => 20230612,
        _ => eng::MAGIC,
    };
    dict_set(&d, Obj::str("MAGIC"), Obj::int(magic))?;
    dict_set(&d, Obj::str("CODESIZE"), Obj::int(4))?;
    dict_set(&d, Obj::str("MAXREPEAT"), Obj::int(eng::MAXREPEAT as i64))?;
    dict_set(&d, Obj::str("MAXGROUPS"), Obj::int(eng::MAXGROUPS as i64))?;
    dict_set(&d, Obj::str("copyright"), Obj::str(" SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB "))?;
    Ok(crate::objects::module::new_module("_sre", d))
}
