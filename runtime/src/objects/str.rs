//! The `str` type: immutable UTF-8 text with code-point semantics (length, indexing and
//! slicing count characters), cached hash, CPython repr quoting, and the common methods.
use super::typeobj::value_format;
use super::exceptions::{index_error, type_error, value_error};
use super::int::int_as_i64;
use crate::object::{alloc, Layout, MethodFn, Obj};
use crate::ops;
use crate::PyResult;
use std::cell::Cell;

pub struct StrObj {
    pub s: String,
    pub nchars: usize,
    pub hash: Cell<i64>,
}

crate::static_type!(STR_TYPE, "str", &super::typeobj::OBJECT_TYPE, Str, &[]);

/// Evaluates `$e` with `$p` bound to the needle `$needle` as a search pattern: a `char` when
/// it is one character (std searches for that with memchr), else the `&str` (a two-way
/// search, whose set-up dominates for the one-character separators programs mostly use).
#[macro_export]
#[doc(hidden)]
macro_rules! by_pattern {
    ($needle:expr, |$p:ident| $e:expr) => {{
        let needle: &str = $needle;
        let mut cs = needle.chars();
        match (cs.next(), cs.next()) {
            (Some(c), None) => {
                let $p = c;
                $e
            }
            _ => {
                let $p = needle;
                $e
            }
        }
    }};
}

impl Obj {
    pub fn str(s: &str) -> Obj {
        Obj::string(s.to_string())
    }
    pub fn string(s: String) -> Obj {
        let nchars = if s.is_ascii() { s.len() } else { s.chars().count() };
        alloc(&STR_TYPE, StrObj { s, nchars, hash: Cell::new(-1) })
    }
    /// The text of a str (or str subclass) object.
    #[inline]
    pub fn as_str(&self) -> Option<&str> {
        self.payload::<StrObj>(Layout::Str).map(|s| s.s.as_str())
    }
    pub fn type_name(&self) -> &str {
        self.ty().name
    }
}

#[inline]
pub fn str_obj(o: &Obj) -> Option<&StrObj> {
    o.payload::<StrObj>(Layout::Str)
}

/// FNV-1a; CPython's is randomized per process, so any good hash will do.
pub fn str_hash(so: &StrObj) -> i64 {
    let h = so.hash.get();
    if h != -1 {
        return h;
    }
    if so.s.is_empty() {
        so.hash.set(0);
        return 0;
    }
    let mut x: u64 = 0xcbf29ce484222325;
    for b in so.s.bytes() {
        x ^= b as u64;
        x = x.wrapping_mul(0x100000001b3);
    }
    let mut h = (x >> 1) as i64;
    if h == -1 {
        h = -2;
    }
    so.hash.set(h);
    h
}

/// Whether `c` lies in one of the sorted inclusive ranges of `t`.
pub fn in_ranges(t: &[(u32, u32)], c: u32) -> bool {
    t.binary_search_by(|&(lo, hi)| {
        if hi < c {
            std::cmp::Ordering::Less
        } else if lo > c {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    })
    .is_ok()
}

static mut PRINTABLE_DELTA: &[(u32, u32)] = &[];

/// The code points whose printability differs in the bytecode's Unicode version (3.13: 15.1,
/// 3.14: 16.0) from the table below (14.0): printed `main`s of those versions hand them over
/// (opcode_matrix/printable_delta_3_XX.json, tools/gen_printable.py --delta).
pub fn set_printable_delta(d: &'static [(u32, u32)]) {
    unsafe { PRINTABLE_DELTA = d }
}

/// CPython's Py_UNICODE_ISPRINTABLE, from its own Unicode data (tools/gen_printable.py).
fn is_printable(c: char) -> bool {
    let u = c as u32;
    if (0x20..0x7f).contains(&u) {
        return true;
    }
    let base = !in_ranges(&super::printable::NOT_PRINTABLE, u);
    let delta = unsafe { PRINTABLE_DELTA };
    if !delta.is_empty() && in_ranges(delta, u) {
        return !base;
    }
    base
}

/// CPython's repr of a str.
pub fn str_repr(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x7f => out.push(c),
            c if !is_printable(c) => {
                let u = c as u32;
                if u <= 0xff {
                    out.push_str(&format!("\\x{:02x}", u));
                } else if u <= 0xffff {
                    out.push_str(&format!("\\u{:04x}", u));
                } else {
                    out.push_str(&format!("\\U{:08x}", u));
                }
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

/// Byte offset of character index `i` (0..=nchars).
pub fn char_offset(so: &StrObj, i: usize) -> usize {
    if so.nchars == so.s.len() {
        return i;
    }
    so.s.char_indices().nth(i).map(|(b, _)| b).unwrap_or(so.s.len())
}

pub fn str_getitem(o: &Obj, key: &Obj) -> PyResult {
    let so = str_obj(o).unwrap();
    if let Some(i) = super::int::as_int(key) {
        let n = so.nchars as i64;
        let i = match i {
            super::int::IntVal::Small(i) => *i,
            _ => return Err(index_error("cannot fit 'int' into an index-sized integer")),
        };
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return Err(index_error("string index out of range"));
        }
        if so.nchars == so.s.len() {
            let b = so.s.as_bytes()[j as usize];
            return Ok(Obj::str(std::str::from_utf8(&[b]).unwrap()));
        }
        let c = so.s.chars().nth(j as usize).unwrap();
        return Ok(Obj::string(c.to_string()));
    }
    if let Some(sl) = super::slice::as_slice(key) {
        let (start, _stop, step, len) = sl.indices(so.nchars as i64)?;
        if step == 1 {
            let a = char_offset(so, start as usize);
            let b = char_offset(so, (start + len) as usize);
            return Ok(Obj::str(&so.s[a..b]));
        }
        let chars: Vec<char> = so.s.chars().collect();
        let mut out = String::new();
        let mut i = start;
        for _ in 0..len {
            out.push(chars[i as usize]);
            i += step;
        }
        return Ok(Obj::string(out));
    }
    Err(type_error(format!("string indices must be integers, not '{}'", key.type_name())))
}

pub fn str_concat(a: &str, b: &str) -> Obj {
    let mut s = String::with_capacity(a.len() + b.len());
    s.push_str(a);
    s.push_str(b);
    Obj::string(s)
}

/// Concatenation of two str objects (character counts known: no rescan).
pub fn str_concat_objs(a: &Obj, b: &Obj) -> Obj {
    let (x, y) = (str_obj(a).unwrap(), str_obj(b).unwrap());
    let mut s = String::with_capacity(x.s.len() + y.s.len());
    s.push_str(&x.s);
    s.push_str(&y.s);
    alloc(&STR_TYPE, StrObj { s, nchars: x.nchars + y.nchars, hash: Cell::new(-1) })
}

/// `a += b` for an exact str `a` whose only reference is the caller's: appends in place
/// (amortised O(len(b)), like CPython's resize-in-place). Returns false if not applicable.
pub fn str_append_in_place(a: &Obj, b: &Obj) -> bool {
    if !a.is_type(&STR_TYPE) || a.refcount() != 1 || a.as_ptr() == b.as_ptr() {
        return false;
    }
    let y = match str_obj(b) {
        Some(y) => y,
        None => return false,
    };
    // SAFETY: refcount 1 means the caller's handle is the only one; the runtime holds no
    // borrow of this string's text across this call.
    unsafe {
        let x = &mut (*(a.as_ptr() as *mut crate::object::PyBox<StrObj>)).data;
        x.s.push_str(&y.s);
        x.nchars += y.nchars;
        x.hash.set(-1);
    }
    true
}

pub fn str_repeat(s: &str, n: i64) -> PyResult {
    if n <= 0 || s.is_empty() {
        return Ok(Obj::str(""));
    }
    // CPython's limit is a 64-bit Py_ssize_t; below it a failed allocation is a MemoryError
    if (s.chars().count() as u128) * (n as u128) > (i64::MAX as u128) {
        return Err(super::exceptions::overflow_error("repeated string is too long"));
    }
    let total = usize::try_from(n).ok().and_then(|n| s.len().checked_mul(n)).ok_or_else(super::exceptions::memory_error)?;
    let mut out = String::new();
    out.try_reserve_exact(total).map_err(|_| super::exceptions::memory_error())?;
    for _ in 0..n {
        out.push_str(s);
    }
    Ok(Obj::string(out))
}

// ---- methods ----

fn this(o: &Obj) -> &str {
    o.as_str().unwrap()
}

fn arg_str<'a>(a: &'a Obj, what: &str) -> PyResult<&'a str> {
    a.as_str().ok_or_else(|| type_error(format!("{} must be str, not {}", what, a.type_name())))
}

pub fn no_kw(name: &str, kw: Option<&Obj>) -> PyResult<()> {
    if let Some(k) = kw {
        if super::tuple::tuple_len(k) > 0 {
            return Err(type_error(format!("{}() takes no keyword arguments", name)));
        }
    }
    Ok(())
}

/// Checks a builtin method's argument count; the count test inline (every builtin method
/// call makes it), the message out of line.
#[inline]
pub fn nargs(name: &str, args: &[Obj], min: usize, max: usize) -> PyResult<()> {
    if args.len() < min || args.len() > max {
        return Err(nargs_error(name, args, min, max));
    }
    Ok(())
}

#[cold]
#[inline(never)]
fn nargs_error(name: &str, args: &[Obj], min: usize, max: usize) -> crate::Exc {
    let n = args.len();
    if min == max {
        if min == 0 {
            return type_error(format!("{}() takes no arguments ({} given)", name, n));
        }
        if min == 1 {
            return type_error(format!("{}() takes exactly one argument ({} given)", name, n));
        }
        return type_error(format!("{} expected {} arguments, got {}", name, min, n));
    }
    if n < min {
        return type_error(format!("{} expected at least {} argument{}, got {}", name, min, if min == 1 { "" } else { "s" }, n));
    }
    type_error(format!("{} expected at most {} argument{}, got {}", name, max, if max == 1 { "" } else { "s" }, n))
}

pub fn str_join(this_o: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("join", kw)?;
    nargs("join", args, 1, 1)?;
    // lists and tuples are read in place (like CPython's PySequence_Fast); joining runs no
    // Python code, so holding the list's borrow is safe
    if let Some(items) = super::tuple::try_tuple_items(&args[0]) {
        return join_slice(this_o, items);
    }
    if let Some(l) = super::list::as_list(&args[0]) {
        return join_slice(this_o, &l.borrow());
    }
    join_slice(this_o, &ops::collect_iterable(&args[0])?)
}

/// `sep.join(items)` with the result sized up front (bytes and characters).
fn join_slice(sep_o: &Obj, items: &[Obj]) -> PyResult {
    let sep = str_obj(sep_o).unwrap();
    let (mut bytes, mut chars) = (0, 0);
    for (i, it) in items.iter().enumerate() {
        match str_obj(it) {
            Some(so) => {
                bytes += so.s.len();
                chars += so.nchars;
            }
            None => {
                return Err(type_error(format!("sequence item {}: expected str instance, {} found", i, it.type_name())))
            }
        }
    }
    let n = items.len().saturating_sub(1);
    let mut out = String::with_capacity(bytes + n * sep.s.len());
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep.s);
        }
        out.push_str(&str_obj(it).unwrap().s);
    }
    Ok(alloc(&STR_TYPE, StrObj { s: out, nchars: chars + n * sep.nchars, hash: Cell::new(-1) }))
}

fn kwarg<'a>(args: &'a [Obj], kw: Option<&Obj>, name: &str) -> (&'a [Obj], Option<&'a Obj>) {
    // returns (positional, value of keyword `name`)
    if let Some(k) = kw {
        let names = super::tuple::tuple_items(k);
        let npos = args.len() - names.len();
        for (i, n) in names.iter().enumerate() {
            if n.as_str() == Some(name) {
                return (&args[..npos], Some(&args[npos + i]));
            }
        }
        return (&args[..npos], None);
    }
    (args, None)
}

fn split_args<'a>(args: &'a [Obj], kw: Option<&Obj>) -> PyResult<(Option<&'a Obj>, i64)> {
    let (pos, sepk) = kwarg(args, kw, "sep");
    let (_, maxk) = kwarg(args, kw, "maxsplit");
    let sep = pos.get(0).or(sepk);
    let maxsplit = match pos.get(1).or(maxk) {
        Some(m) => int_as_i64(m).ok_or_else(|| type_error("'str' object cannot be interpreted as an integer"))?,
        None => -1,
    };
    Ok((sep, maxsplit))
}

pub fn str_split(this_o: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let s = this(this_o);
    let (sep, maxsplit) = split_args(args, kw)?;
    let mut out: Vec<Obj> = Vec::new();
    match sep.filter(|o| !o.is_none()) {
        None => {
            let mut rest = s.trim_start();
            let mut n = 0;
            while !rest.is_empty() {
                if maxsplit >= 0 && n >= maxsplit {
                    out.push(Obj::str(rest));
                    rest = "";
                    break;
                }
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                out.push(Obj::str(&rest[..end]));
                rest = rest[end..].trim_start();
                n += 1;
            }
            let _ = rest;
        }
        Some(sep) => {
            let sep = arg_str(sep, "must be str or None")?;
            if sep.is_empty() {
                return Err(value_error("empty separator"));
            }
            if maxsplit < 0 {
                crate::by_pattern!(sep, |pat| out.extend(s.split(pat).map(Obj::str)));
            } else {
                crate::by_pattern!(sep, |pat| out.extend(s.splitn(maxsplit as usize + 1, pat).map(Obj::str)));
            }
        }
    }
    Ok(super::list::new_list(out))
}

pub fn str_rsplit(this_o: &Obj, args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let s = this(this_o);
    let (sep, maxsplit) = split_args(args, kw)?;
    let mut out: Vec<Obj> = Vec::new();
    match sep.filter(|o| !o.is_none()) {
        None => {
            let mut rest = s.trim_end();
            let mut n = 0;
            while !rest.is_empty() {
                if maxsplit >= 0 && n >= maxsplit {
                    out.push(Obj::str(rest));
                    break;
                }
                let start = rest.rfind(char::is_whitespace).map(|i| i + rest[i..].chars().next().unwrap().len_utf8()).unwrap_or(0);
                out.push(Obj::str(&rest[start..]));
                rest = rest[..start].trim_end();
                n += 1;
            }
        }
        Some(sep) => {
            let sep = arg_str(sep, "must be str or None")?;
            if sep.is_empty() {
                return Err(value_error("empty separator"));
            }
            if maxsplit < 0 {
                crate::by_pattern!(sep, |pat| out.extend(s.rsplit(pat).map(Obj::str)));
            } else {
                crate::by_pattern!(sep, |pat| out.extend(s.rsplitn(maxsplit as usize + 1, pat).map(Obj::str)));
            }
        }
    }
    out.reverse();
    Ok(super::list::new_list(out))
}

fn strip_impl(this_o: &Obj, args: &[Obj], which: u8, name: &str) -> PyResult {
    nargs(name, args, 0, 1)?;
    let s = this(this_o);
    let r = match args.get(0).filter(|o| !o.is_none()) {
        None => match which {
            0 => s.trim(),
            1 => s.trim_start(),
            _ => s.trim_end(),
        },
        Some(chars) => {
            let cs: Vec<char> = arg_str(chars, "strip arg")?.chars().collect();
            let f = |c: char| cs.contains(&c);
            match which {
                0 => s.trim_matches(f),
                1 => s.trim_start_matches(f),
                _ => s.trim_end_matches(f),
            }
        }
    };
    Ok(Obj::str(r))
}
pub fn str_strip(o: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    strip_impl(o, a, 0, "strip")
}
pub fn str_lstrip(o: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    strip_impl(o, a, 1, "lstrip")
}
pub fn str_rstrip(o: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    strip_impl(o, a, 2, "rstrip")
}
pub fn str_upper(o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::string(this(o).to_uppercase()))
}
pub fn str_lower(o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::string(this(o).to_lowercase()))
}
/// Full case folding: the lowercase mapping (without final-sigma context), then the folds
/// that differ from it (CaseFolding.txt's F and C entries outside plain lowercasing).
pub fn str_casefold(o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let mut out = String::new();
    for c in this(o).chars().flat_map(|c| c.to_lowercase()) {
        match c {
            'ß' => out.push_str("ss"),
            'ς' => out.push('σ'),
            'ſ' => out.push('s'),
            'µ' => out.push('μ'),
            '\u{345}' | '\u{1fbe}' => out.push('ι'),
            'ϐ' => out.push('β'),
            'ϑ' => out.push('θ'),
            'ϕ' => out.push('φ'),
            'ϖ' => out.push('π'),
            'ϰ' => out.push('κ'),
            'ϱ' => out.push('ρ'),
            'ϵ' => out.push('ε'),
            'ẛ' => out.push('ṡ'),
            'ŉ' => out.push_str("ʼn"),
            'ﬀ' => out.push_str("ff"),
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬃ' => out.push_str("ffi"),
            'ﬄ' => out.push_str("ffl"),
            'ﬅ' | 'ﬆ' => out.push_str("st"),
            _ => out.push(c),
        }
    }
    Ok(Obj::string(out))
}
pub fn str_swapcase(o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::string(
        this(o)
            .chars()
            .flat_map(|c| if c.is_uppercase() { c.to_lowercase().collect::<Vec<_>>() } else { c.to_uppercase().collect() })
            .collect(),
    ))
}
/// Unicode titlecase of `c` (str.title/capitalize): the digraphs DŽ/LJ/NJ/DZ have their own
/// titlecase letter; otherwise the first char of the uppercase mapping, then the rest of it
/// lowercased ('ß' -> "Ss", 'ﬁ' -> "Fi").
fn push_titlecase(c: char, out: &mut String) {
    let digraph = match c as u32 {
        0x1c4..=0x1c6 => Some('\u{1c5}'),
        0x1c7..=0x1c9 => Some('\u{1c8}'),
        0x1ca..=0x1cc => Some('\u{1cb}'),
        0x1f1..=0x1f3 => Some('\u{1f2}'),
        _ => None,
    };
    if let Some(t) = digraph {
        out.push(t);
        return;
    }
    let mut up = c.to_uppercase();
    if let Some(first) = up.next() {
        out.push(first);
    }
    for rest in up {
        out.extend(rest.to_lowercase());
    }
}

/// CPython's "cased" (Lowercase, Uppercase or a titlecase letter).
fn is_cased(c: char) -> bool {
    c.is_lowercase()
        || c.is_uppercase()
        || matches!(c as u32, 0x1c5 | 0x1c8 | 0x1cb | 0x1f2 | 0x1f88..=0x1f8f | 0x1f98..=0x1f9f | 0x1fa8..=0x1faf | 0x1fbc | 0x1fcc | 0x1ffc)
}

pub fn str_capitalize(o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let mut cs = this(o).chars();
    let mut out = String::new();
    if let Some(c) = cs.next() {
        push_titlecase(c, &mut out);
    }
    out.push_str(&cs.as_str().to_lowercase());
    Ok(Obj::string(out))
}
pub fn str_title(o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let mut out = String::new();
    let mut prev_cased = false;
    for c in this(o).chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            push_titlecase(c, &mut out);
        }
        prev_cased = is_cased(c);
    }
    Ok(Obj::string(out))
}
pub fn str_replace(o: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("replace", a, 2, 3)?;
    let s = this(o);
    let old = arg_str(&a[0], "replace() argument 1")?;
    let new = arg_str(&a[1], "replace() argument 2")?;
    let count = match a.get(2) {
        Some(c) => int_as_i64(c).unwrap_or(-1),
        None => -1,
    };
    if count < 0 {
        if old.is_empty() {
            let mut out = String::from(new);
            for c in s.chars() {
                out.push(c);
                out.push_str(new);
            }
            return Ok(Obj::string(out));
        }
        return Ok(Obj::string(crate::by_pattern!(old, |pat| s.replace(pat, new))));
    }
    if old.is_empty() {
        let mut out = String::new();
        let mut n = 0;
        for c in s.chars() {
            if n < count {
                out.push_str(new);
                n += 1;
            }
            out.push(c);
        }
        if n < count {
            out.push_str(new);
        }
        return Ok(Obj::string(out));
    }
    Ok(Obj::string(s.replacen(old, new, count as usize)))
}

/// Resolves optional start/end arguments to a byte range of `s`.
fn sub_range(so: &StrObj, start: Option<&Obj>, end: Option<&Obj>) -> PyResult<Option<(usize, usize)>> {
    let n = so.nchars as i64;
    // CPython's ADJUST_INDICES: negative indices count from the end; end is clipped to the
    // length but start is not (a start past the end finds nothing, not even "")
    let norm = |v: Option<&Obj>, d: i64, clip: bool| -> PyResult<i64> {
        match v {
            None => Ok(d),
            Some(o) if o.is_none() => Ok(d),
            Some(o) => {
                let i = ops::index_value(o)?;
                Ok(if i < 0 { (i + n).max(0) } else if clip { i.min(n) } else { i })
            }
        }
    };
    let a = norm(start, 0, false)?;
    let b = norm(end, n, true)?;
    if a > b {
        return Ok(None);
    }
    Ok(Some((char_offset(so, a as usize), char_offset(so, b as usize))))
}

fn byte_to_char(so: &StrObj, b: usize) -> usize {
    if so.nchars == so.s.len() {
        b
    } else {
        so.s[..b].chars().count()
    }
}

fn find_impl(o: &Obj, a: &[Obj], name: &str, rev: bool) -> PyResult<i64> {
    nargs(name, a, 1, 3)?;
    let so = str_obj(o).unwrap();
    let sub = arg_str(&a[0], "must be str")?;
    let (lo, hi) = match sub_range(so, a.get(1), a.get(2))? {
        Some(r) => r,
        None => return Ok(-1),
    };
    let hay = &so.s[lo..hi];
    let r = crate::by_pattern!(sub, |pat| if rev { hay.rfind(pat) } else { hay.find(pat) });
    Ok(match r {
        Some(b) => byte_to_char(so, lo + b) as i64,
        None => -1,
    })
}
pub fn str_find(o: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::int(find_impl(o, a, "find", false)?))
}
pub fn str_rfind(o: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::int(find_impl(o, a, "rfind", true)?))
}
pub fn str_index(o: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let r = find_impl(o, a, "index", false)?;
    if r < 0 {
        return Err(value_error("substring not found"));
    }
    Ok(Obj::int(r))
}
pub fn str_rindex(o: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let r = find_impl(o, a, "rindex", true)?;
    if r < 0 {
        return Err(value_error("substring not found"));
    }
    Ok(Obj::int(r))
}
pub fn str_count(o: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("count", a, 1, 3)?;
    let so = str_obj(o).unwrap();
    let sub = arg_str(&a[0], "must be str")?;
    let (lo, hi) = match sub_range(so, a.get(1), a.get(2))? {
        Some(r) => r,
        None => return Ok(Obj::int(0)),
    };
    let hay = &so.s[lo..hi];
    let n = if sub.is_empty() { hay.chars().count() + 1 } else { crate::by_pattern!(sub, |pat| hay.matches(pat).count()) };
    Ok(Obj::int(n as i64))
}

fn affix_impl(o: &Obj, a: &[Obj], name: &str, end: bool) -> PyResult {
    nargs(name, a, 1, 3)?;
    let so = str_obj(o).unwrap();
    let (lo, hi) = match sub_range(so, a.get(1), a.get(2))? {
        Some(r) => r,
        None => return Ok(Obj::bool(false)),
    };
    let hay = &so.s[lo..hi];
    let test = |p: &str| if end { hay.ends_with(p) } else { hay.starts_with(p) };
    if let Some(p) = a[0].as_str() {
        return Ok(Obj::bool(test(p)));
    }
    if let Some(items) = super::tuple::try_tuple_items(&a[0]) {
        for it in items {
            let p = it.as_str().ok_or_else(|| {
                type_error(format!("tuple for {} must only contain str, not {}", name, it.type_name()))
            })?;
            if test(p) {
                return Ok(Obj::bool(true));
            }
        }
        return Ok(Obj::bool(false));
    }
    Err(type_error(format!(
        "{} first arg must be str or a tuple of str, not {}",
        name,
        a[0].type_name()
    )))
}
pub fn str_startswith(o: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    affix_impl(o, a, "startswith", false)
}
pub fn str_endswith(o: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    affix_impl(o, a, "endswith", true)
}

fn pred(o: &Obj, f: fn(char) -> bool) -> PyResult {
    let s = this(o);
    Ok(Obj::bool(!s.is_empty() && s.chars().all(f)))
}
pub fn str_isdigit(o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    pred(o, |c| c.is_ascii_digit() || c.is_numeric() && !c.is_alphabetic())
}
pub fn str_isdecimal(o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    pred(o, |c| c.is_ascii_digit())
}
pub fn str_isnumeric(o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    pred(o, |c| c.is_numeric())
}
pub fn str_isalpha(o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    pred(o, |c| c.is_alphabetic())
}
pub fn str_isalnum(o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    pred(o, |c| c.is_alphanumeric())
}
pub fn str_isspace(o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    pred(o, |c| c.is_whitespace())
}
pub fn str_isascii(o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::bool(this(o).is_ascii()))
}
pub fn str_isidentifier(o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let s = this(o);
    let mut cs = s.chars();
    let ok = match cs.next() {
        Some(c) => (c == '_' || c.is_alphabetic()) && cs.all(|c| c == '_' || c.is_alphanumeric()),
        None => false,
    };
    Ok(Obj::bool(ok))
}
pub fn str_isupper(o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let s = this(o);
    Ok(Obj::bool(s.chars().any(|c| c.is_uppercase()) && !s.chars().any(|c| c.is_lowercase())))
}
pub fn str_islower(o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let s = this(o);
    Ok(Obj::bool(s.chars().any(|c| c.is_lowercase()) && !s.chars().any(|c| c.is_uppercase())))
}

fn pad_args(a: &[Obj], name: &str) -> PyResult<(i64, char)> {
    nargs(name, a, 1, 2)?;
    let w = ops::index_value(&a[0])?;
    let fill = match a.get(1) {
        Some(f) => {
            let s = arg_str(f, "fill character")?;
            let mut cs = s.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => c,
                _ => return Err(type_error("The fill character must be exactly one character long")),
            }
        }
        None => ' ',
    };
    Ok((w, fill))
}
fn pad(o: &Obj, a: &[Obj], name: &str, align: u8) -> PyResult {
    let (w, fill) = pad_args(a, name)?;
    let so = str_obj(o).unwrap();
    let n = so.nchars as i64;
    if w <= n {
        return Ok(o.clone());
    }
    let total = (w - n) as usize;
    let (l, r) = match align {
        0 => (0, total),
        1 => (total, 0),
        _ => {
            let l = total / 2 + (total & (w as usize) & 1);
            (l, total - l)
        }
    };
    let mut out = String::new();
    out.extend(std::iter::repeat(fill).take(l));
    out.push_str(&so.s);
    out.extend(std::iter::repeat(fill).take(r));
    Ok(Obj::string(out))
}
pub fn str_ljust(o: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    pad(o, a, "ljust", 0)
}
pub fn str_rjust(o: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    pad(o, a, "rjust", 1)
}
pub fn str_center(o: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    pad(o, a, "center", 2)
}
pub fn str_zfill(o: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("zfill", a, 1, 1)?;
    let w = ops::index_value(&a[0])?;
    let so = str_obj(o).unwrap();
    let n = so.nchars as i64;
    if w <= n {
        return Ok(o.clone());
    }
    let s = &so.s;
    let (sign, rest) = if s.starts_with('+') || s.starts_with('-') { s.split_at(1) } else { ("", s.as_str()) };
    Ok(Obj::string(format!("{}{}{}", sign, "0".repeat((w - n) as usize), rest)))
}
pub fn str_splitlines(o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kk) = kwarg(a, kw, "keepends");
    let keep = match pos.get(0).or(kk) {
        Some(k) => ops::is_true(k)?,
        None => false,
    };
    let s = this(o);
    let mut out = Vec::new();
    let mut start = 0;
    let bytes: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < bytes.len() {
        let (b, c) = bytes[i];
        let is_nl = matches!(c, '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}');
        if is_nl {
            let mut end = b + c.len_utf8();
            if c == '\r' && i + 1 < bytes.len() && bytes[i + 1].1 == '\n' {
                end += 1;
                i += 1;
            }
            out.push(Obj::str(if keep { &s[start..end] } else { &s[start..b] }));
            start = end;
        }
        i += 1;
    }
    if start < s.len() {
        out.push(Obj::str(&s[start..]));
    }
    Ok(super::list::new_list(out))
}
fn partition_impl(o: &Obj, a: &[Obj], rev: bool) -> PyResult {
    nargs(if rev { "rpartition" } else { "partition" }, a, 1, 1)?;
    let s = this(o);
    let sep = arg_str(&a[0], "must be str")?;
    if sep.is_empty() {
        return Err(value_error("empty separator"));
    }
    let found = crate::by_pattern!(sep, |pat| if rev { s.rfind(pat) } else { s.find(pat) });
    Ok(match found {
        Some(i) => Obj::tuple3(Obj::str(&s[..i]), Obj::str(sep), Obj::str(&s[i + sep.len()..])),
        None if rev => Obj::tuple3(Obj::str(""), Obj::str(""), o.clone()),
        None => Obj::tuple3(o.clone(), Obj::str(""), Obj::str("")),
    })
}
pub fn str_partition(o: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    partition_impl(o, a, false)
}
pub fn str_rpartition(o: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    partition_impl(o, a, true)
}
pub fn str_removeprefix(o: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("removeprefix", a, 1, 1)?;
    let p = arg_str(&a[0], "removeprefix() argument")?;
    Ok(Obj::str(this(o).strip_prefix(p).unwrap_or(this(o))))
}
pub fn str_removesuffix(o: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("removesuffix", a, 1, 1)?;
    let p = arg_str(&a[0], "removesuffix() argument")?;
    Ok(Obj::str(this(o).strip_suffix(p).unwrap_or(this(o))))
}
pub fn str_encode(o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let (enc, errors) = crate::modules::codecs::encoding_args("encode", a, k)?;
    crate::modules::codecs::encode_str(this(o), &enc, &errors)
}

pub fn str_format(o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    crate::format::str_format_method(this(o), a, kw)
}
pub fn str_expandtabs(o: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let ts = match a.get(0) {
        Some(t) => ops::index_value(t)?,
        None => 8,
    };
    let mut out = String::new();
    let mut col = 0i64;
    for c in this(o).chars() {
        match c {
            '\t' => {
                if ts > 0 {
                    let n = ts - col % ts;
                    out.extend(std::iter::repeat(' ').take(n as usize));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(Obj::string(out))
}

pub static STR_METHODS: &[(&str, MethodFn)] = &[
    ("join", str_join),
    ("split", str_split),
    ("__format__", value_format),
    ("rsplit", str_rsplit),
    ("strip", str_strip),
    ("lstrip", str_lstrip),
    ("rstrip", str_rstrip),
    ("upper", str_upper),
    ("lower", str_lower),
    ("casefold", str_casefold),
    ("swapcase", str_swapcase),
    ("capitalize", str_capitalize),
    ("title", str_title),
    ("replace", str_replace),
    ("find", str_find),
    ("rfind", str_rfind),
    ("index", str_index),
    ("rindex", str_rindex),
    ("count", str_count),
    ("startswith", str_startswith),
    ("endswith", str_endswith),
    ("isdigit", str_isdigit),
    ("isdecimal", str_isdecimal),
    ("isnumeric", str_isnumeric),
    ("isalpha", str_isalpha),
    ("isalnum", str_isalnum),
    ("isspace", str_isspace),
    ("isascii", str_isascii),
    ("isidentifier", str_isidentifier),
    ("isupper", str_isupper),
    ("islower", str_islower),
    ("ljust", str_ljust),
    ("rjust", str_rjust),
    ("center", str_center),
    ("zfill", str_zfill),
    ("splitlines", str_splitlines),
    ("partition", str_partition),
    ("rpartition", str_rpartition),
    ("removeprefix", str_removeprefix),
    ("removesuffix", str_removesuffix),
    ("encode", str_encode),
    ("format", str_format),
    ("expandtabs", str_expandtabs),
    ("translate", str_translate),
    ("isprintable", str_isprintable),
    ("istitle", str_istitle),
    ("format_map", str_format_map),
];

pub fn str_isprintable(o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::bool(this(o).chars().all(is_printable)))
}
pub fn str_istitle(o: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let mut prev_cased = false;
    let mut any = false;
    for c in this(o).chars() {
        if c.is_uppercase() {
            if prev_cased {
                return Ok(Obj::bool(false));
            }
            prev_cased = true;
            any = true;
        } else if c.is_lowercase() {
            if !prev_cased {
                return Ok(Obj::bool(false));
            }
            prev_cased = true;
            any = true;
        } else {
            prev_cased = false;
        }
    }
    Ok(Obj::bool(any))
}
pub fn str_format_map(o: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("format_map", a, 1, 1)?;
    let mut kw = Vec::new();
    for (k, v) in super::dict::dict_items(&a[0]) {
        kw.push((crate::ops::str_string(&k)?, v));
    }
    let mut auto = 0;
    Ok(Obj::string(crate::format::vformat(this(o), &[], &kw, &mut auto, 0)?))
}

/// str.translate(table): table maps code points to str, int or None.
pub fn str_translate(o: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("translate", a, 1, 1)?;
    let mut out = String::new();
    for c in this(o).chars() {
        match crate::ops::getitem(&a[0], &Obj::int(c as i64)) {
            Ok(v) => {
                if v.is_none() {
                    continue;
                }
                if let Some(s) = v.as_str() {
                    out.push_str(s);
                } else {
                    let n = crate::ops::index_value(&v)?;
                    out.push(std::char::from_u32(n as u32).ok_or_else(|| value_error("character mapping must be in range(0x110000)"))?);
                }
            }
            Err(e) => {
                if e.is_instance(&super::exceptions::LOOKUP_ERROR) {
                    out.push(c);
                } else {
                    return Err(e);
                }
            }
        }
    }
    Ok(Obj::string(out))
}

/// str.maketrans(x[, y[, z]])
pub fn str_maketrans(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("maketrans", a, 1, 3)?;
    let d = super::dict::new_dict();
    if a.len() == 1 {
        for (k, v) in super::dict::dict_items(&a[0]) {
            let key = match k.as_str() {
                Some(s) if s.chars().count() == 1 => Obj::int(s.chars().next().unwrap() as i64),
                Some(_) => return Err(value_error("string keys in translate table must be of length 1")),
                None => k,
            };
            super::dict::dict_set(&d, key, v)?;
        }
        return Ok(d);
    }
    let x: Vec<char> = arg_str(&a[0], "maketrans() argument 1")?.chars().collect();
    let y: Vec<char> = arg_str(&a[1], "maketrans() argument 2")?.chars().collect();
    if x.len() != y.len() {
        return Err(value_error("the first two maketrans arguments must have equal length"));
    }
    for (c, t) in x.iter().zip(y.iter()) {
        super::dict::dict_set(&d, Obj::int(*c as i64), Obj::int(*t as i64))?;
    }
    if let Some(z) = a.get(2) {
        for c in arg_str(z, "maketrans() argument 3")?.chars() {
            super::dict::dict_set(&d, Obj::int(c as i64), Obj::none())?;
        }
    }
    Ok(d)
}
