//! The `bytes` type: immutable byte strings with CPython's repr.
use super::exceptions::{index_error, type_error, value_error};
use super::str::nargs;
use crate::object::{alloc, Layout, MethodFn, Obj};
use crate::ops;
use crate::PyResult;

pub struct BytesObj {
    pub b: Vec<u8>,
}

crate::static_type!(BYTES_TYPE, "bytes", &super::typeobj::OBJECT_TYPE, Bytes, &[]);

impl Obj {
    pub fn bytes(b: &[u8]) -> Obj {
        alloc(&BYTES_TYPE, BytesObj { b: b.to_vec() })
    }
}

pub fn as_bytes(o: &Obj) -> Option<&[u8]> {
    o.payload::<BytesObj>(Layout::Bytes).map(|b| b.b.as_slice())
}

pub fn bytes_repr(b: &[u8]) -> String {
    let q = if b.contains(&b'\'') && !b.contains(&b'"') { '"' } else { '\'' };
    let mut out = String::from("b");
    out.push(q);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c as char == q => {
                out.push('\\');
                out.push(q);
            }
            0x20..=0x7e => out.push(c as char),
            _ => out.push_str(&format!("\\x{:02x}", c)),
        }
    }
    out.push(q);
    out
}

pub fn bytes_hash(b: &[u8]) -> i64 {
    let mut x: u64 = 0xcbf29ce484222325;
    for &c in b {
        x ^= c as u64;
        x = x.wrapping_mul(0x100000001b3);
    }
    let h = (x >> 1) as i64;
    if b.is_empty() {
        0
    } else {
        h
    }
}

pub fn bytes_getitem(o: &Obj, key: &Obj) -> PyResult {
    let b = as_bytes(o).unwrap();
    if let Some(sl) = super::slice::as_slice(key) {
        let (start, _stop, step, len) = sl.indices(b.len() as i64)?;
        let mut out = Vec::with_capacity(len as usize);
        let mut i = start;
        for _ in 0..len {
            out.push(b[i as usize]);
            i += step;
        }
        return Ok(Obj::bytes(&out));
    }
    let i = ops::index_value(key)?;
    let n = b.len() as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(index_error("index out of range"));
    }
    Ok(Obj::int(b[j as usize] as i64))
}

pub fn bytes_new(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    super::str::no_kw("bytes", kw)?;
    nargs("bytes", args, 0, 3)?;
    let a = match args.get(0) {
        None => return Ok(Obj::bytes(b"")),
        Some(a) => a,
    };
    if let Some(s) = a.as_str() {
        if args.len() < 2 {
            return Err(type_error("string argument without an encoding"));
        }
        return Ok(Obj::bytes(s.as_bytes()));
    }
    if let Some(n) = super::int::int_as_i64(a) {
        if n < 0 {
            return Err(value_error("negative count"));
        }
        return Ok(Obj::bytes(&vec![0u8; n as usize]));
    }
    if let Some(b) = as_bytes(a) {
        return Ok(Obj::bytes(b));
    }
    let mut out = Vec::new();
    for it in ops::collect_iterable(a)? {
        let v = ops::index_value(&it)?;
        if !(0..256).contains(&v) {
            return Err(value_error("bytes must be in range(0, 256)"));
        }
        out.push(v as u8);
    }
    Ok(Obj::bytes(&out))
}

pub fn m_decode(this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let (enc, errors) = crate::modules::codecs::encoding_args("decode", a, k)?;
    crate::modules::codecs::decode_bytes(as_bytes(this).unwrap(), &enc, &errors)
}

pub fn m_hex(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let b = as_bytes(this).unwrap();
    Ok(Obj::string(b.iter().map(|c| format!("{:02x}", c)).collect()))
}
pub fn m_count(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("count", a, 1, 1)?;
    let b = as_bytes(this).unwrap();
    let n = if let Some(v) = super::int::int_as_i64(&a[0]) {
        b.iter().filter(|&&c| c as i64 == v).count()
    } else {
        let sub = as_bytes(&a[0]).ok_or_else(|| type_error("argument should be integer or bytes-like object"))?;
        if sub.is_empty() {
            b.len() + 1
        } else {
            let mut n = 0;
            let mut i = 0;
            while i + sub.len() <= b.len() {
                if &b[i..i + sub.len()] == sub {
                    n += 1;
                    i += sub.len();
                } else {
                    i += 1;
                }
            }
            n
        }
    };
    Ok(Obj::int(n as i64))
}
fn b(o: &Obj) -> &[u8] {
    as_bytes(o).unwrap()
}
fn barg<'a>(o: &'a Obj) -> PyResult<&'a [u8]> {
    as_bytes(o).ok_or_else(|| type_error(format!("a bytes-like object is required, not '{}'", o.type_name())))
}
fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}
fn find_sub(h: &[u8], n: &[u8]) -> Option<usize> {
    if n.is_empty() {
        return Some(0);
    }
    h.windows(n.len()).position(|w| w == n)
}
fn rfind_sub(h: &[u8], n: &[u8]) -> Option<usize> {
    if n.is_empty() {
        return Some(h.len());
    }
    h.windows(n.len()).rposition(|w| w == n)
}
pub fn m_split(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("split", a, 0, 2)?;
    let h = b(this);
    let maxsplit = match a.get(1) {
        Some(m) => ops::index_value(m)?,
        None => -1,
    };
    let mut out = Vec::new();
    match a.get(0).filter(|o| !o.is_none()) {
        None => {
            let mut i = 0;
            let mut n = 0;
            while i < h.len() {
                while i < h.len() && is_ws(h[i]) {
                    i += 1;
                }
                if i >= h.len() {
                    break;
                }
                if maxsplit >= 0 && n >= maxsplit {
                    let mut end = h.len();
                    while end > i && is_ws(h[end - 1]) {
                        end -= 1;
                    }
                    out.push(like(this, h[i..end].to_vec()));
                    break;
                }
                let st = i;
                while i < h.len() && !is_ws(h[i]) {
                    i += 1;
                }
                out.push(like(this, h[st..i].to_vec()));
                n += 1;
            }
        }
        Some(sep) => {
            let sep = barg(sep)?;
            if sep.is_empty() {
                return Err(value_error("empty separator"));
            }
            let mut rest = h;
            let mut n = 0;
            loop {
                if maxsplit >= 0 && n >= maxsplit {
                    out.push(like(this, rest.to_vec()));
                    break;
                }
                match find_sub(rest, sep) {
                    Some(p) => {
                        out.push(like(this, rest[..p].to_vec()));
                        rest = &rest[p + sep.len()..];
                        n += 1;
                    }
                    None => {
                        out.push(like(this, rest.to_vec()));
                        break;
                    }
                }
            }
        }
    }
    Ok(super::list::new_list(out))
}
pub fn m_join(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("join", a, 1, 1)?;
    let sep = b(this);
    let mut out = Vec::new();
    for (i, it) in ops::collect_iterable(&a[0])?.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(sep);
        }
        out.extend_from_slice(as_bytes(it).ok_or_else(|| {
            type_error(format!("sequence item {}: expected a bytes-like object, {} found", i, it.type_name()))
        })?);
    }
    Ok(like(this, out))
}
fn strip_impl(this: &Obj, a: &[Obj], left: bool, right: bool) -> PyResult {
    let h = b(this);
    let set: Vec<u8> = match a.get(0).filter(|o| !o.is_none()) {
        Some(c) => barg(c)?.to_vec(),
        None => b" \t\n\r\x0b\x0c".to_vec(),
    };
    let (mut i, mut j) = (0, h.len());
    if left {
        while i < j && set.contains(&h[i]) {
            i += 1;
        }
    }
    if right {
        while j > i && set.contains(&h[j - 1]) {
            j -= 1;
        }
    }
    Ok(like(this, h[i..j].to_vec()))
}
pub fn m_strip(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    strip_impl(this, a, true, true)
}
pub fn m_lstrip(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    strip_impl(this, a, true, false)
}
pub fn m_rstrip(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    strip_impl(this, a, false, true)
}
/// The needle (bytes or one byte's int) and the start/end slice bounds of find/rfind/index.
fn search_args(this: &Obj, a: &[Obj]) -> PyResult<(Vec<u8>, usize, usize)> {
    let n: Vec<u8> = match super::int::int_as_i64(&a[0]) {
        Some(v) if (0..256).contains(&v) => vec![v as u8],
        Some(_) => return Err(value_error("byte must be in range(0, 256)")),
        None => barg(&a[0])?.to_vec(),
    };
    let len = b(this).len() as i64;
    let bound = |o: Option<&Obj>, d: i64| -> PyResult<usize> {
        let v = match o {
            Some(x) if !x.is_none() => ops::index_value(x)?,
            _ => d,
        };
        Ok((if v < 0 { (v + len).max(0) } else { v.min(len) }) as usize)
    };
    Ok((n, bound(a.get(1), 0)?, bound(a.get(2), len)?))
}
pub fn m_find(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("find", a, 1, 3)?;
    let (n, start, end) = search_args(this, a)?;
    if start > end {
        return Ok(Obj::int(-1));
    }
    Ok(Obj::int(find_sub(&b(this)[start..end], &n).map(|p| (p + start) as i64).unwrap_or(-1)))
}
pub fn m_translate(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("translate", a, 1, 2)?;
    let table = if a[0].is_none() { None } else { Some(barg(&a[0])?) };
    if let Some(t) = table {
        if t.len() != 256 {
            return Err(value_error("translation table must be 256 characters long"));
        }
    }
    let delete = match a.get(1) {
        Some(d) => barg(d)?,
        None => &[],
    };
    let out: Vec<u8> = b(this).iter().filter(|c| !delete.contains(c)).map(|&c| table.map_or(c, |t| t[c as usize])).collect();
    Ok(like(this, out))
}

// ---------------------------------------------------------------- bytearray
// A bytearray is a bytes payload under its own type whose buffer is changed in place (only
// through `ba_vec`, never while a borrowed slice of it is alive).

crate::static_type!(BYTEARRAY_TYPE, "bytearray", &super::typeobj::OBJECT_TYPE, Bytes, &[]);

pub static BYTEARRAY_METHODS: &[(&str, MethodFn)] = &[
    ("find", m_find),
    ("translate", m_translate),
    ("decode", m_decode),
    ("count", m_count),
    ("hex", m_hex),
    ("startswith", m_startswith),
    ("endswith", m_endswith),
    ("append", ba_append),
    ("extend", ba_extend),
    ("copy", ba_copy),
    ("ljust", m_ljust),
    ("rjust", m_rjust),
    ("center", m_center),
    ("clear", ba_clear),
    ("reverse", ba_reverse),
    ("insert", ba_insert),
    ("pop", ba_pop),
    ("remove", ba_remove),
    ("split", m_split),
    ("join", m_join),
    ("strip", m_strip),
    ("lstrip", m_lstrip),
    ("rstrip", m_rstrip),
    ("rfind", m_rfind),
    ("index", m_index),
    ("replace", m_replace),
    ("upper", m_upper),
    ("lower", m_lower),
    ("isdigit", m_isdigit),
    ("isalpha", m_isalpha),
    ("isalnum", m_isalnum),
    ("isspace", m_isspace),
    ("rindex", m_rindex),
    ("partition", m_partition),
    ("rpartition", m_rpartition),
    ("rsplit", m_rsplit),
    ("splitlines", m_splitlines),
    ("removeprefix", m_removeprefix),
    ("removesuffix", m_removesuffix),
    ("capitalize", m_capitalize),
    ("swapcase", m_swapcase),
    ("title", m_title),
    ("istitle", m_istitle),
    ("isupper", m_isupper),
    ("islower", m_islower),
    ("isascii", m_isascii),
    ("expandtabs", m_expandtabs),
    ("zfill", m_zfill),
];

#[allow(clippy::mut_from_ref)]
fn ba_vec(o: &Obj) -> &mut Vec<u8> {
    unsafe { &mut (*(o.as_ptr() as *mut crate::object::PyBox<BytesObj>)).data.b }
}

pub fn is_bytearray(o: &Obj) -> bool {
    o.is_type(&BYTEARRAY_TYPE)
}

/// `bytearray(x)`: like bytes(x), mutable.
pub fn bytearray_new(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let b = if args.is_empty() { Obj::bytes(b"") } else { bytes_new(args, kw)? };
    Ok(alloc(&BYTEARRAY_TYPE, BytesObj { b: as_bytes(&b).unwrap().to_vec() }))
}

fn byte_value(v: &Obj) -> PyResult<u8> {
    let i = ops::index_value(v)?;
    if !(0..256).contains(&i) {
        return Err(value_error("byte must be in range(0, 256)"));
    }
    Ok(i as u8)
}

/// The bytes a slice assignment to a bytearray stores: a bytes-like value or an iterable of
/// ints in range(0, 256).
fn bytes_to_assign(v: &Obj) -> PyResult<Vec<u8>> {
    if let Some(x) = as_bytes(v) {
        return Ok(x.to_vec());
    }
    let refused = || type_error("can assign only bytes, buffers, or iterables of ints in range(0, 256)");
    if v.as_str().is_some() || super::int::as_int(v).is_some() {
        return Err(refused());
    }
    let items = ops::collect_iterable(v).map_err(|_| refused())?;
    items.iter().map(byte_value).collect()
}

/// The positions a slice selects in a sequence of `n` items, ascending.
fn slice_positions(sl: &super::slice::SliceObj, n: i64) -> PyResult<Vec<usize>> {
    let (start, _stop, step, slen) = sl.indices(n)?;
    let mut idx: Vec<usize> = (0..slen).map(|k| (start + k * step) as usize).collect();
    idx.sort_unstable();
    Ok(idx)
}

/// `ba[i] = v`, `ba[i:j] = data`, `ba[i:j:k] = data`
pub fn bytearray_setitem(o: &Obj, key: &Obj, v: &Obj) -> PyResult<()> {
    if let Some(sl) = super::slice::as_slice(key) {
        let data = bytes_to_assign(v)?;
        let n = b(o).len() as i64;
        let (start, stop, step, slen) = sl.indices(n)?;
        if step == 1 {
            let (lo, hi) = (start as usize, stop.max(start) as usize);
            ba_vec(o).splice(lo..hi, data);
            return Ok(());
        }
        if data.len() as i64 != slen {
            return Err(value_error(format!("attempt to assign bytes of size {} to extended slice of size {}", data.len(), slen)));
        }
        let vec = ba_vec(o);
        for (k, x) in data.into_iter().enumerate() {
            vec[(start + k as i64 * step) as usize] = x;
        }
        return Ok(());
    }
    let n = b(o).len() as i64;
    let i = ops::index_value(key)?;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(index_error("bytearray index out of range"));
    }
    let x = byte_value(v)?;
    ba_vec(o)[j as usize] = x;
    Ok(())
}

/// `del ba[i]`, `del ba[i:j:k]`
pub fn bytearray_delitem(o: &Obj, key: &Obj) -> PyResult<()> {
    let n = b(o).len() as i64;
    if let Some(sl) = super::slice::as_slice(key) {
        let idx = slice_positions(sl, n)?;
        let mut p = 0;
        let mut i = 0;
        ba_vec(o).retain(|_| {
            let drop_it = p < idx.len() && idx[p] == i;
            if drop_it {
                p += 1;
            }
            i += 1;
            !drop_it
        });
        return Ok(());
    }
    let i = ops::index_value(key)?;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(index_error("bytearray index out of range"));
    }
    ba_vec(o).remove(j as usize);
    Ok(())
}

pub fn ba_copy(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("copy", a, 0, 0)?;
    Ok(alloc(&BYTEARRAY_TYPE, BytesObj { b: b(this).to_vec() }))
}

/// `ba += other`
pub fn bytearray_iadd(o: &Obj, other: &Obj) -> PyResult<()> {
    let add = barg(other)
        .map_err(|_| type_error(format!("can't concat {} to bytearray", other.type_name())))?
        .to_vec();
    ba_vec(o).extend_from_slice(&add);
    Ok(())
}

pub fn ba_append(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("append", a, 1, 1)?;
    let x = byte_value(&a[0])?;
    ba_vec(this).push(x);
    Ok(Obj::none())
}
pub fn ba_extend(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("extend", a, 1, 1)?;
    let mut add = Vec::new();
    match as_bytes(&a[0]) {
        Some(x) => add.extend_from_slice(x),
        None => {
            for it in ops::collect_iterable(&a[0])? {
                add.push(byte_value(&it)?);
            }
        }
    }
    ba_vec(this).extend_from_slice(&add);
    Ok(Obj::none())
}
pub fn m_rfind(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("rfind", a, 1, 3)?;
    let (n, start, end) = search_args(this, a)?;
    if start > end {
        return Ok(Obj::int(-1));
    }
    Ok(Obj::int(rfind_sub(&b(this)[start..end], &n).map(|p| (p + start) as i64).unwrap_or(-1)))
}
pub fn m_rindex(this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let r = m_rfind(this, a, k)?;
    if r.as_i64() == Some(-1) {
        return Err(value_error("subsection not found"));
    }
    Ok(r)
}
pub fn m_index(this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let r = m_find(this, a, k)?;
    if r.as_i64() == Some(-1) {
        return Err(value_error("subsection not found"));
    }
    Ok(r)
}
pub fn m_replace(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("replace", a, 2, 3)?;
    let (old, new) = (barg(&a[0])?, barg(&a[1])?);
    let mut count = match a.get(2) {
        Some(c) => ops::index_value(c)?,
        None => -1,
    };
    let h = b(this);
    let mut out = Vec::new();
    let mut i = 0;
    if old.is_empty() {
        // the new bytes go before every byte and at the end, `count` times at most
        for &c in h {
            if count == 0 {
                break;
            }
            out.extend_from_slice(new);
            out.push(c);
            count -= 1;
            i += 1;
        }
        if count != 0 {
            out.extend_from_slice(new);
        }
        out.extend_from_slice(&h[i..]);
        return Ok(like(this, out));
    }
    while i < h.len() {
        if count != 0 && h[i..].starts_with(old) {
            out.extend_from_slice(new);
            i += old.len();
            count -= 1;
        } else {
            out.push(h[i]);
            i += 1;
        }
    }
    Ok(like(this, out))
}
fn affix(this: &Obj, a: &[Obj], end: bool) -> PyResult {
    nargs(if end { "endswith" } else { "startswith" }, a, 1, 1)?;
    let h = b(this);
    let test = |p: &[u8]| if end { h.ends_with(p) } else { h.starts_with(p) };
    if let Some(items) = super::tuple::try_tuple_items(&a[0]) {
        for it in items {
            if test(barg(it)?) {
                return Ok(Obj::bool(true));
            }
        }
        return Ok(Obj::bool(false));
    }
    Ok(Obj::bool(test(barg(&a[0])?)))
}
pub fn m_startswith(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    affix(this, a, false)
}
pub fn m_endswith(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    affix(this, a, true)
}
pub fn m_upper(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(like(this, b(this).to_ascii_uppercase()))
}
pub fn m_lower(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(like(this, b(this).to_ascii_lowercase()))
}
fn bpred(this: &Obj, f: fn(&u8) -> bool) -> PyResult {
    let h = b(this);
    Ok(Obj::bool(!h.is_empty() && h.iter().all(f)))
}
pub fn m_isdigit(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    bpred(this, u8::is_ascii_digit)
}
pub fn m_isalpha(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    bpred(this, u8::is_ascii_alphabetic)
}
pub fn m_isalnum(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    bpred(this, u8::is_ascii_alphanumeric)
}
pub fn m_isspace(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    bpred(this, |c| is_ws(*c))
}

/// bytes/bytearray ljust, rjust, center (align 0, 1, 2): a bytearray pads to a bytearray.
fn bpad(this: &Obj, a: &[Obj], name: &str, align: u8) -> PyResult {
    nargs(name, a, 1, 2)?;
    let w = ops::index_value(&a[0])?;
    let fill = match a.get(1) {
        Some(f) => match as_bytes(f) {
            Some(&[c]) => c,
            _ => {
                return Err(type_error(format!(
                    "{}() argument 2 must be a byte string of length 1, not {}",
                    name,
                    f.type_name()
                )))
            }
        },
        None => b' ',
    };
    let h = b(this);
    let n = h.len() as i64;
    if w <= n && !is_bytearray(this) {
        return Ok(this.clone());
    }
    let total = (w - n).max(0) as usize;
    let (l, r) = match align {
        0 => (0, total),
        1 => (total, 0),
        _ => {
            let l = total / 2 + (total & (w as usize) & 1);
            (l, total - l)
        }
    };
    let mut out = vec![fill; l];
    out.extend_from_slice(h);
    out.resize(out.len() + r, fill);
    Ok(like(this, out))
}
/// A result of `this`'s kind: bytearray for a bytearray, else bytes.
fn like(this: &Obj, v: Vec<u8>) -> Obj {
    if is_bytearray(this) {
        alloc(&BYTEARRAY_TYPE, BytesObj { b: v })
    } else {
        Obj::bytes(&v)
    }
}
pub fn m_ljust(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    bpad(this, a, "ljust", 0)
}
pub fn m_rjust(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    bpad(this, a, "rjust", 1)
}
pub fn m_center(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    bpad(this, a, "center", 2)
}

/// bytes.maketrans(frm, to) (also bytearray.maketrans): a 256-byte table, always bytes.
pub fn bytes_maketrans(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("maketrans", a, 2, 2)?;
    let (frm, to) = (barg(&a[0])?, barg(&a[1])?);
    if frm.len() != to.len() {
        return Err(value_error("maketrans arguments must have same length"));
    }
    let mut t: Vec<u8> = (0..=255u8).collect();
    for (&f, &x) in frm.iter().zip(to) {
        t[f as usize] = x;
    }
    Ok(Obj::bytes(&t))
}

/// bytes.fromhex(s)
pub fn bytes_fromhex(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("fromhex", a, 1, 1)?;
    let s = a[0].as_str().ok_or_else(|| type_error("fromhex() argument must be str"))?;
    let digits: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() % 2 != 0 {
        return Err(value_error("non-hexadecimal number found in fromhex() arg"));
    }
    let mut out = Vec::new();
    for pair in digits.chunks(2) {
        let h: String = pair.iter().collect();
        out.push(u8::from_str_radix(&h, 16).map_err(|_| value_error("non-hexadecimal number found in fromhex() arg"))?);
    }
    Ok(Obj::bytes(&out))
}

// ---------------------------------------------------------------- more bytes/bytearray methods
// Byte-string forms of the str methods: ASCII-only case rules, results of the receiver's kind.

fn partition_impl(this: &Obj, a: &[Obj], name: &str, right: bool) -> PyResult {
    nargs(name, a, 1, 1)?;
    let sep = barg(&a[0])?;
    if sep.is_empty() {
        return Err(value_error("empty separator"));
    }
    let h = b(this);
    let at = if right { rfind_sub(h, sep) } else { find_sub(h, sep) };
    let parts = match at {
        Some(p) => [h[..p].to_vec(), sep.to_vec(), h[p + sep.len()..].to_vec()],
        None if right => [Vec::new(), Vec::new(), h.to_vec()],
        None => [h.to_vec(), Vec::new(), Vec::new()],
    };
    let [x, y, z] = parts;
    Ok(Obj::tuple3(like(this, x), like(this, y), like(this, z)))
}
pub fn m_partition(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    partition_impl(this, a, "partition", false)
}
pub fn m_rpartition(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    partition_impl(this, a, "rpartition", true)
}
pub fn m_rsplit(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("rsplit", a, 0, 2)?;
    let maxsplit = match a.get(1) {
        Some(m) => ops::index_value(m)?,
        None => -1,
    };
    let h = b(this);
    let mut out = Vec::new();
    match a.get(0).filter(|o| !o.is_none()) {
        None => {
            let mut j = h.len();
            let mut n = 0;
            loop {
                while j > 0 && is_ws(h[j - 1]) {
                    j -= 1;
                }
                if j == 0 {
                    break;
                }
                if maxsplit >= 0 && n >= maxsplit {
                    // the rest keeps its leading whitespace, as CPython's
                    out.push(like(this, h[..j].to_vec()));
                    break;
                }
                let end = j;
                while j > 0 && !is_ws(h[j - 1]) {
                    j -= 1;
                }
                out.push(like(this, h[j..end].to_vec()));
                n += 1;
            }
        }
        Some(sep) => {
            let sep = barg(sep)?;
            if sep.is_empty() {
                return Err(value_error("empty separator"));
            }
            let mut rest = h;
            let mut n = 0;
            loop {
                if maxsplit >= 0 && n >= maxsplit {
                    out.push(like(this, rest.to_vec()));
                    break;
                }
                match rfind_sub(rest, sep) {
                    Some(p) => {
                        out.push(like(this, rest[p + sep.len()..].to_vec()));
                        rest = &rest[..p];
                        n += 1;
                    }
                    None => {
                        out.push(like(this, rest.to_vec()));
                        break;
                    }
                }
            }
        }
    }
    out.reverse();
    Ok(super::list::new_list(out))
}
pub fn m_splitlines(this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let keep = crate::objects::native::unpack("splitlines", a, k, &["keepends"], 0, 1, 0)?;
    let keepends = match &keep[0] {
        Some(v) => ops::is_true(v)?,
        None => false,
    };
    let h = b(this);
    let (mut out, mut i, mut start) = (Vec::new(), 0, 0);
    while i < h.len() {
        let eol = match h[i] {
            b'\n' => 1,
            b'\r' if h.get(i + 1) == Some(&b'\n') => 2,
            b'\r' => 1,
            _ => 0,
        };
        if eol == 0 {
            i += 1;
            continue;
        }
        let end = if keepends { i + eol } else { i };
        out.push(like(this, h[start..end].to_vec()));
        i += eol;
        start = i;
    }
    if start < h.len() {
        out.push(like(this, h[start..].to_vec()));
    }
    Ok(super::list::new_list(out))
}
fn remove_affix(this: &Obj, a: &[Obj], name: &str, suffix: bool) -> PyResult {
    nargs(name, a, 1, 1)?;
    let (h, x) = (b(this), barg(&a[0])?);
    let kept = if suffix && h.ends_with(x) {
        &h[..h.len() - x.len()]
    } else if !suffix && h.starts_with(x) {
        &h[x.len()..]
    } else {
        h
    };
    Ok(like(this, kept.to_vec()))
}
pub fn m_removeprefix(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    remove_affix(this, a, "removeprefix", false)
}
pub fn m_removesuffix(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    remove_affix(this, a, "removesuffix", true)
}
pub fn m_capitalize(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let h = b(this);
    let out = h.iter().enumerate().map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() }).collect();
    Ok(like(this, out))
}
pub fn m_swapcase(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let out = b(this)
        .iter()
        .map(|c| if c.is_ascii_uppercase() { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() })
        .collect();
    Ok(like(this, out))
}
pub fn m_title(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let mut prev_cased = false;
    let mut out = Vec::with_capacity(b(this).len());
    for &c in b(this) {
        out.push(if prev_cased { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() });
        prev_cased = c.is_ascii_alphabetic();
    }
    Ok(like(this, out))
}
fn cased_pred(this: &Obj, want_upper: bool) -> PyResult {
    let h = b(this);
    let has = h.iter().any(|c| if want_upper { c.is_ascii_uppercase() } else { c.is_ascii_lowercase() });
    let other = h.iter().any(|c| if want_upper { c.is_ascii_lowercase() } else { c.is_ascii_uppercase() });
    Ok(Obj::bool(has && !other))
}
pub fn m_isupper(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    cased_pred(this, true)
}
pub fn m_islower(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    cased_pred(this, false)
}
pub fn m_istitle(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let (mut prev_cased, mut any) = (false, false);
    for &c in b(this) {
        if c.is_ascii_uppercase() {
            if prev_cased {
                return Ok(Obj::bool(false));
            }
            prev_cased = true;
            any = true;
        } else if c.is_ascii_lowercase() {
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
pub fn m_isascii(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::bool(b(this).is_ascii()))
}
pub fn m_expandtabs(this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let size = crate::objects::native::unpack("expandtabs", a, k, &["tabsize"], 0, 1, 0)?;
    let tab = match &size[0] {
        Some(v) => ops::index_value(v)?,
        None => 8,
    };
    let (mut out, mut col) = (Vec::new(), 0i64);
    for &c in b(this) {
        match c {
            b'\t' => {
                if tab > 0 {
                    let n = tab - col % tab;
                    out.extend(std::iter::repeat(b' ').take(n as usize));
                    col += n;
                }
            }
            b'\n' | b'\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(like(this, out))
}
pub fn m_zfill(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("zfill", a, 1, 1)?;
    let width = ops::index_value(&a[0])?;
    let h = b(this);
    if width <= h.len() as i64 {
        return Ok(like(this, h.to_vec()));
    }
    let fill = width as usize - h.len();
    let (sign, digits) = match h.first() {
        Some(&c) if c == b'+' || c == b'-' => (&h[..1], &h[1..]),
        _ => (&h[..0], h),
    };
    let mut out = sign.to_vec();
    out.extend(std::iter::repeat(b'0').take(fill));
    out.extend_from_slice(digits);
    Ok(like(this, out))
}

// bytearray's own mutators
pub fn ba_clear(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("clear", a, 0, 0)?;
    ba_vec(this).clear();
    Ok(Obj::none())
}
pub fn ba_reverse(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("reverse", a, 0, 0)?;
    ba_vec(this).reverse();
    Ok(Obj::none())
}
pub fn ba_insert(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("insert", a, 2, 2)?;
    let i = ops::index_value(&a[0])?;
    let x = byte_value(&a[1])?;
    let n = ba_vec(this).len() as i64;
    let at = if i < 0 { (i + n).max(0) } else { i.min(n) };
    ba_vec(this).insert(at as usize, x);
    Ok(Obj::none())
}
pub fn ba_pop(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("pop", a, 0, 1)?;
    let n = ba_vec(this).len() as i64;
    if n == 0 {
        return Err(index_error("pop from empty bytearray"));
    }
    let i = match a.get(0) {
        Some(v) => ops::index_value(v)?,
        None => -1,
    };
    let at = if i < 0 { i + n } else { i };
    if at < 0 || at >= n {
        return Err(index_error("pop index out of range"));
    }
    Ok(Obj::int(ba_vec(this).remove(at as usize) as i64))
}
pub fn ba_remove(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("remove", a, 1, 1)?;
    let x = byte_value(&a[0])?;
    match ba_vec(this).iter().position(|&c| c == x) {
        Some(p) => {
            ba_vec(this).remove(p);
            Ok(Obj::none())
        }
        None => Err(value_error("value not found in bytearray")),
    }
}


pub static BYTES_METHODS: &[(&str, MethodFn)] = &[
    ("translate", m_translate),
    ("decode", m_decode),
    ("hex", m_hex),
    ("count", m_count),
    ("split", m_split),
    ("join", m_join),
    ("strip", m_strip),
    ("lstrip", m_lstrip),
    ("rstrip", m_rstrip),
    ("find", m_find),
    ("rfind", m_rfind),
    ("index", m_index),
    ("replace", m_replace),
    ("startswith", m_startswith),
    ("endswith", m_endswith),
    ("upper", m_upper),
    ("lower", m_lower),
    ("isdigit", m_isdigit),
    ("isalpha", m_isalpha),
    ("isalnum", m_isalnum),
    ("isspace", m_isspace),
    ("ljust", m_ljust),
    ("rjust", m_rjust),
    ("center", m_center),
    ("rindex", m_rindex),
    ("partition", m_partition),
    ("rpartition", m_rpartition),
    ("rsplit", m_rsplit),
    ("splitlines", m_splitlines),
    ("removeprefix", m_removeprefix),
    ("removesuffix", m_removesuffix),
    ("capitalize", m_capitalize),
    ("swapcase", m_swapcase),
    ("title", m_title),
    ("istitle", m_istitle),
    ("isupper", m_isupper),
    ("islower", m_islower),
    ("isascii", m_isascii),
    ("expandtabs", m_expandtabs),
    ("zfill", m_zfill),
];

// ---------------------------------------------------------------- memoryview
// A read-only copy of a bytes-like object, of format 'B' or (after cast('I')) 'I': what
// re._compiler needs (memoryview(b).cast('I').tolist()).

crate::static_type!(MEMORYVIEW_TYPE, "memoryview", &super::typeobj::OBJECT_TYPE, Bytes, &[]);
crate::static_type!(MEMORYVIEW_U32_TYPE, "memoryview", &super::typeobj::OBJECT_TYPE, Bytes, &[]);

pub static MEMORYVIEW_METHODS: &[(&str, MethodFn)] = &[("cast", mv_cast), ("tolist", mv_tolist), ("tobytes", mv_tobytes), ("release", mv_release)];

pub fn is_memoryview(o: &Obj) -> bool {
    o.is_type(&MEMORYVIEW_TYPE) || o.is_type(&MEMORYVIEW_U32_TYPE)
}

/// `memoryview(obj)`
pub fn memoryview_new(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    super::str::no_kw("memoryview", kw)?;
    nargs("memoryview", args, 1, 1)?;
    match as_bytes(&args[0]) {
        Some(b) => Ok(alloc(&MEMORYVIEW_TYPE, BytesObj { b: b.to_vec() })),
        None => Err(type_error(format!("memoryview: a bytes-like object is required, not '{}'", args[0].type_name()))),
    }
}

fn itemsize(o: &Obj) -> usize {
    if o.is_type(&MEMORYVIEW_U32_TYPE) {
        4
    } else {
        1
    }
}

/// `len(view)`: items, not bytes.
pub fn memoryview_len(o: &Obj) -> usize {
    b(o).len() / itemsize(o)
}

pub fn memoryview_getattr(o: &Obj, name: &str) -> Option<Obj> {
    if !is_memoryview(o) {
        return None;
    }
    Some(match name {
        "itemsize" => Obj::int(itemsize(o) as i64),
        "nbytes" => Obj::int(b(o).len() as i64),
        "format" => Obj::str(if itemsize(o) == 4 { "I" } else { "B" }),
        "readonly" => Obj::bool(true),
        "ndim" => Obj::int(1),
        _ => return None,
    })
}

pub fn mv_cast(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("cast", a, 1, 2)?;
    let ty = match a[0].as_str() {
        Some("B") => &MEMORYVIEW_TYPE,
        Some("I") | Some("@I") => {
            if b(this).len() % 4 != 0 {
                return Err(type_error("memoryview: length is not a multiple of itemsize"));
            }
            &MEMORYVIEW_U32_TYPE
        }
        Some(_) => {
            return Err(value_error(
                "memoryview: destination format must be a native single character format prefixed with an optional '@'",
            ))
        }
        None => return Err(type_error(format!("cast() argument 'format' must be str, not {}", a[0].type_name()))),
    };
    Ok(alloc(ty, BytesObj { b: b(this).to_vec() }))
}
pub fn mv_tolist(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("tolist", a, 0, 0)?;
    let bytes = b(this);
    let items = if itemsize(this) == 4 {
        bytes.chunks(4).map(|c| Obj::int(u32::from_ne_bytes([c[0], c[1], c[2], c[3]]) as i64)).collect()
    } else {
        bytes.iter().map(|&c| Obj::int(c as i64)).collect()
    };
    Ok(super::list::new_list(items))
}
pub fn mv_tobytes(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("tobytes", a, 0, 1)?;
    Ok(Obj::bytes(b(this)))
}
pub fn mv_release(_this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("release", a, 0, 0)?;
    Ok(Obj::none())
}
