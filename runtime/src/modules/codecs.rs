//! `_codecs`: the codec registry (register/lookup with search functions, as CPython's
//! Python/codecs.c; the first lookup imports `encodings` if the program has it), error
//! handlers (strict, ignore, replace, backslashreplace, xmlcharrefreplace, namereplace,
//! surrogateescape, surrogatepass, and register_error'ed ones), and the built-in codecs:
//! utf-8, latin-1, ascii, utf-16(-le/-be), utf-32(-le/-be), escape, unicode_escape,
//! raw_unicode_escape, charmap. `str.encode`/`bytes.decode` come here (`encode_str`,
//! `decode_bytes`): utf-8/latin-1/ascii directly, every other name through the registry.
//!
//! Strings are UTF-8 in this runtime, so lone surrogates cannot exist: decoding with
//! surrogateescape/surrogatepass fails on bytes that would need one (strictly).
use crate::modules::native_class::bind;
use crate::object::Obj;
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::bytes::as_bytes;
use crate::objects::dict::{dict_get_str, dict_set, new_dict};
use crate::objects::exc_types::{LOOKUP_ERROR, UNICODE_DECODE_ERROR, UNICODE_ENCODE_ERROR};
use crate::objects::exceptions::{self as exc, new_exc, type_error, Exc};
use crate::objects::str::nargs;
use crate::{ops, PyResult};
use std::cell::RefCell;

thread_local! {
    static SEARCH: RefCell<Vec<Obj>> = RefCell::new(Vec::new());
    static CACHE: RefCell<Option<Obj>> = RefCell::new(None);
    static ERRORS: RefCell<Option<Obj>> = RefCell::new(None);
    static IMPORTED: std::cell::Cell<bool> = std::cell::Cell::new(false);
}

fn cache() -> Obj {
    CACHE.with(|c| c.borrow_mut().get_or_insert_with(new_dict).clone())
}

// ---------------------------------------------------------------- unicode errors

/// The `UnicodeEncodeError`/`UnicodeDecodeError` str(): CPython's messages.
pub fn unicode_error_str(o: &Obj) -> Option<String> {
    let encode = o.is_instance_of(&UNICODE_ENCODE_ERROR);
    if !encode && !o.is_instance_of(&UNICODE_DECODE_ERROR) {
        return None;
    }
    let args = exc::exc_args(o);
    let it = crate::objects::tuple::tuple_items(&args);
    if it.len() != 5 {
        return None;
    }
    let enc = it[0].as_str()?;
    let (start, end) = (it[2].as_i64()?, it[3].as_i64()?);
    let reason = it[4].as_str()?;
    if encode {
        let s = it[1].as_str()?;
        if end == start + 1 {
            let c = s.chars().nth(start as usize)? as u32;
            let cs = if c < 0x100 {
                format!("\\x{:02x}", c)
            } else if c < 0x10000 {
                format!("\\u{:04x}", c)
            } else {
                format!("\\U{:08x}", c)
            };
            return Some(format!("'{}' codec can't encode character '{}' in position {}: {}", enc, cs, start, reason));
        }
        return Some(format!("'{}' codec can't encode characters in position {}-{}: {}", enc, start, end - 1, reason));
    }
    let b = as_bytes(&it[1])?;
    if end == start + 1 {
        let byte = *b.get(start as usize)?;
        return Some(format!("'{}' codec can't decode byte 0x{:02x} in position {}: {}", enc, byte, start, reason));
    }
    Some(format!("'{}' codec can't decode bytes in position {}-{}: {}", enc, start, end - 1, reason))
}

/// Attributes of unicode errors made from (encoding, object, start, end, reason).
pub fn unicode_error_attr(o: &Obj, name: &str) -> Option<Obj> {
    if !o.is_instance_of(&UNICODE_ENCODE_ERROR) && !o.is_instance_of(&UNICODE_DECODE_ERROR) {
        return None;
    }
    let i = ["encoding", "object", "start", "end", "reason"].iter().position(|n| *n == name)?;
    let args = exc::exc_args(o);
    crate::objects::tuple::tuple_items(&args).get(i).cloned()
}

fn encode_error(enc: &str, s: &str, start: usize, end: usize, reason: &str) -> Obj {
    exc::new_exc_obj(
        &UNICODE_ENCODE_ERROR,
        vec![Obj::str(enc), Obj::str(s), Obj::int(start as i64), Obj::int(end as i64), Obj::str(reason)],
    )
}
fn decode_error(enc: &str, b: &[u8], start: usize, end: usize, reason: &str) -> Obj {
    exc::new_exc_obj(
        &UNICODE_DECODE_ERROR,
        vec![Obj::str(enc), Obj::bytes(b), Obj::int(start as i64), Obj::int(end as i64), Obj::str(reason)],
    )
}

// ---------------------------------------------------------------- error handlers

fn errors_dict() -> Obj {
    ERRORS.with(|e| {
        if let Some(d) = &*e.borrow() {
            return d.clone();
        }
        let d = new_dict();
        let hs: &[(&str, &str, BuiltinFn)] = &[
            ("strict", "strict_errors", strict_errors),
            ("ignore", "ignore_errors", ignore_errors),
            ("replace", "replace_errors", replace_errors),
            ("xmlcharrefreplace", "xmlcharrefreplace_errors", xmlcharrefreplace_errors),
            ("backslashreplace", "backslashreplace_errors", backslashreplace_errors),
            ("namereplace", "namereplace_errors", namereplace_errors),
            ("surrogateescape", "surrogateescape", surrogateescape_errors),
            ("surrogatepass", "surrogatepass", surrogatepass_errors),
        ];
        for (n, fname, f) in hs {
            let _ = dict_set(&d, Obj::str(n), new_builtin(fname, *f));
        }
        *e.borrow_mut() = Some(d.clone());
        d
    })
}

fn lookup_error_obj(name: &str) -> PyResult {
    dict_get_str(&errors_dict(), &Obj::str(name)).ok_or_else(|| new_exc(&LOOKUP_ERROR, format!("unknown error handler name '{}'", name)))
}

fn exc_fields(e: &Obj) -> PyResult<(Obj, usize, usize)> {
    let obj = ops::getattr_str(e, "object")?;
    let start = ops::index_value(&ops::getattr_str(e, "start")?)? as usize;
    let end = ops::index_value(&ops::getattr_str(e, "end")?)? as usize;
    Ok((obj, start, end))
}

fn wrong_exc(e: &Obj) -> Exc {
    type_error(format!("don't know how to handle {} in error callback", e.type_name()))
}

fn strict_errors(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("strict_errors", a, 1, 1)?;
    if a[0].is_instance_of(&crate::objects::exc_types::BASE_EXCEPTION) {
        return Err(Exc::from_value(a[0].clone()));
    }
    Err(type_error("codec must pass exception instance"))
}
fn ignore_errors(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("ignore_errors", a, 1, 1)?;
    let (_, _, end) = exc_fields(&a[0]).map_err(|_| wrong_exc(&a[0]))?;
    Ok(Obj::tuple2(Obj::str(""), Obj::int(end as i64)))
}
fn replace_errors(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("replace_errors", a, 1, 1)?;
    let (_, start, end) = exc_fields(&a[0]).map_err(|_| wrong_exc(&a[0]))?;
    let n = end.saturating_sub(start);
    let r = if a[0].is_instance_of(&UNICODE_ENCODE_ERROR) { "?".repeat(n) } else { "\u{fffd}".to_string() };
    Ok(Obj::tuple2(Obj::string(r), Obj::int(end as i64)))
}
fn chars_of(obj: &Obj, start: usize, end: usize) -> Vec<char> {
    obj.as_str().map(|s| s.chars().skip(start).take(end.saturating_sub(start)).collect()).unwrap_or_default()
}
fn xmlcharrefreplace_errors(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("xmlcharrefreplace_errors", a, 1, 1)?;
    if !a[0].is_instance_of(&UNICODE_ENCODE_ERROR) {
        return Err(wrong_exc(&a[0]));
    }
    let (obj, start, end) = exc_fields(&a[0])?;
    let r: String = chars_of(&obj, start, end).iter().map(|c| format!("&#{};", *c as u32)).collect();
    Ok(Obj::tuple2(Obj::string(r), Obj::int(end as i64)))
}
fn backslash_char(c: u32) -> String {
    if c < 0x100 {
        format!("\\x{:02x}", c)
    } else if c < 0x10000 {
        format!("\\u{:04x}", c)
    } else {
        format!("\\U{:08x}", c)
    }
}
fn backslashreplace_errors(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("backslashreplace_errors", a, 1, 1)?;
    let (obj, start, end) = exc_fields(&a[0]).map_err(|_| wrong_exc(&a[0]))?;
    let r: String = if a[0].is_instance_of(&UNICODE_DECODE_ERROR) {
        let b = as_bytes(&obj).unwrap_or(&[]);
        b[start.min(b.len())..end.min(b.len())].iter().map(|c| format!("\\x{:02x}", c)).collect()
    } else {
        chars_of(&obj, start, end).iter().map(|c| backslash_char(*c as u32)).collect()
    };
    Ok(Obj::tuple2(Obj::string(r), Obj::int(end as i64)))
}
fn namereplace_errors(a: &[Obj], k: Option<&Obj>) -> PyResult {
    // character names need unicodedata: fall back to the escapes
    backslashreplace_errors(a, k)
}
fn surrogateescape_errors(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Err(Exc::from_value(a[0].clone()))
}
fn surrogatepass_errors(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Err(Exc::from_value(a[0].clone()))
}

/// What an error handler gives for an error: (replacement, position to resume at).
fn call_handler(errors: &str, e: Obj, len: usize) -> PyResult<(Obj, usize)> {
    let h = lookup_error_obj(errors)?;
    let r = crate::call(&h, vec![e], None)?;
    let items = crate::objects::tuple::try_tuple_items(&r).map(|x| x.to_vec()).unwrap_or_default();
    if items.len() != 2 || items[1].as_i64().is_none() {
        return Err(type_error("encoding error handler must return (str/bytes, int) tuple"));
    }
    let mut pos = items[1].as_i64().unwrap();
    if pos < 0 {
        pos += len as i64;
    }
    if pos < 0 || pos as usize > len {
        return Err(exc::index_error(format!("position {} from error handler out of bounds", pos)));
    }
    Ok((items[0].clone(), pos as usize))
}

// ---------------------------------------------------------------- built-in encoders

/// Encodes `s` with code points below `limit` as single bytes (ascii 128, latin-1 256).
fn encode_limited(s: &str, enc: &str, limit: u32, errors: &str) -> PyResult<Vec<u8>> {
    if s.chars().all(|c| (c as u32) < limit) {
        return Ok(s.chars().map(|c| c as u32 as u8).collect());
    }
    let chars: Vec<char> = s.chars().collect();
    let reason = format!("ordinal not in range({})", limit);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i] as u32;
        if c < limit {
            out.push(c as u8);
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && chars[j] as u32 >= limit {
            j += 1;
        }
        match errors {
            "strict" => return Err(Exc::from_value(encode_error(enc, s, i, j, &reason))),
            "ignore" => {}
            "replace" => out.extend(std::iter::repeat(b'?').take(j - i)),
            "backslashreplace" => chars[i..j].iter().for_each(|c| out.extend(backslash_char(*c as u32).bytes())),
            "xmlcharrefreplace" => chars[i..j].iter().for_each(|c| out.extend(format!("&#{};", *c as u32).bytes())),
            _ => {
                let (rep, pos) = call_handler(errors, encode_error(enc, s, i, j, &reason), chars.len())?;
                match (rep.as_str(), as_bytes(&rep)) {
                    (Some(r), _) => {
                        if let Some(p) = r.chars().position(|c| c as u32 >= limit) {
                            return Err(Exc::from_value(encode_error(enc, s, i + p, i + p + 1, &reason)));
                        }
                        out.extend(r.chars().map(|c| c as u32 as u8));
                    }
                    (None, Some(b)) => out.extend_from_slice(b),
                    _ => return Err(type_error("encoding error handler must return (str/bytes, int) tuple")),
                }
                i = pos;
                continue;
            }
        }
        i = j;
    }
    Ok(out)
}

fn utf16_units(s: &str, big: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let mut push = |u: u16| out.extend_from_slice(&if big { u.to_be_bytes() } else { u.to_le_bytes() });
    if bom {
        push(0xfeff);
    }
    for u in s.encode_utf16() {
        push(u);
    }
    out
}
fn utf32_units(s: &str, big: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let mut push = |u: u32| out.extend_from_slice(&if big { u.to_be_bytes() } else { u.to_le_bytes() });
    if bom {
        push(0xfeff);
    }
    for c in s.chars() {
        push(c as u32);
    }
    out
}

/// The built-in codec a normalised name stands for (`encodings`' names and aliases).
fn builtin_codec(name: &str) -> Option<&'static str> {
    let n = name.to_ascii_lowercase().replace(['-', ' '], "_");
    Some(match n.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "utf8_ucs2" | "utf8_ucs4" | "cp65001" => "utf-8",
        "latin_1" | "latin1" | "iso_8859_1" | "iso8859_1" | "8859" | "cp819" | "latin" | "l1" | "iso_ir_100" | "csisolatin1" | "iso_8859_1_1987" | "ibm819" => "latin-1",
        "ascii" | "us_ascii" | "646" | "ansi_x3.4_1968" | "ansi_x3_4_1968" | "ansi_x3.4_1986" | "cp367" | "csascii" | "ibm367" | "iso646_us" | "iso_646.irv_1991" | "iso_ir_6" | "us" => "ascii",
        "utf_16" | "utf16" | "u16" => "utf-16",
        "utf_16_le" | "utf_16le" | "unicodelittleunmarked" => "utf-16-le",
        "utf_16_be" | "utf_16be" | "unicodebigunmarked" => "utf-16-be",
        "utf_32" | "utf32" | "u32" => "utf-32",
        "utf_32_le" | "utf_32le" => "utf-32-le",
        "utf_32_be" | "utf_32be" => "utf-32-be",
        _ => return None,
    })
}

fn encode_builtin(codec: &str, s: &str, errors: &str) -> PyResult<Vec<u8>> {
    Ok(match codec {
        "utf-8" => s.as_bytes().to_vec(),
        "latin-1" => encode_limited(s, "latin-1", 256, errors)?,
        "ascii" => encode_limited(s, "ascii", 128, errors)?,
        "utf-16" => utf16_units(s, false, true),
        "utf-16-le" => utf16_units(s, false, false),
        "utf-16-be" => utf16_units(s, true, false),
        "utf-32" => utf32_units(s, false, true),
        "utf-32-le" => utf32_units(s, false, false),
        _ => utf32_units(s, true, false),
    })
}

// ---------------------------------------------------------------- built-in decoders

/// Decodes with the error handler deciding about each bad range [start, end) found by `next`:
/// `next(b, pos)` → Ok(decoded char + length) or Err((end, reason)) or Ok(None) at a
/// truncated end when not `final`.
type Step = fn(&[u8], usize, bool) -> Result<Option<(char, usize)>, (usize, &'static str)>;

fn decode_with(enc: &str, b: &[u8], errors: &str, final_: bool, step: Step) -> PyResult<(String, usize)> {
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        match step(b, i, final_) {
            Ok(Some((c, n))) => {
                out.push(c);
                i += n;
            }
            Ok(None) => break,
            Err((end, reason)) => match errors {
                "strict" | "surrogateescape" | "surrogatepass" => return Err(Exc::from_value(decode_error(enc, b, i, end, reason))),
                "ignore" => i = end,
                "replace" => {
                    out.push('\u{fffd}');
                    i = end;
                }
                "backslashreplace" => {
                    b[i..end].iter().for_each(|c| out.push_str(&format!("\\x{:02x}", c)));
                    i = end;
                }
                _ => {
                    let (rep, pos) = call_handler(errors, decode_error(enc, b, i, end, reason), b.len())?;
                    out.push_str(rep.as_str().ok_or_else(|| type_error("decoding error handler must return (str, int) tuple"))?);
                    i = pos;
                }
            },
        }
    }
    Ok((out, i))
}

fn utf8_step(b: &[u8], i: usize, final_: bool) -> Result<Option<(char, usize)>, (usize, &'static str)> {
    let c = b[i];
    if c < 0x80 {
        return Ok(Some((c as char, 1)));
    }
    let end = (i + 4).min(b.len());
    match std::str::from_utf8(&b[i..end]) {
        Ok(s) => {
            let ch = s.chars().next().unwrap();
            Ok(Some((ch, ch.len_utf8())))
        }
        Err(e) if e.valid_up_to() > 0 => {
            let ch = std::str::from_utf8(&b[i..i + e.valid_up_to()]).unwrap().chars().next().unwrap();
            Ok(Some((ch, ch.len_utf8())))
        }
        Err(e) => match e.error_len() {
            None if !final_ => Ok(None),
            None => Err((b.len(), "unexpected end of data")),
            Some(n) => Err((i + n, if (0xc2..=0xf4).contains(&c) { "invalid continuation byte" } else { "invalid start byte" })),
        },
    }
}

pub fn utf8_decode(b: &[u8], errors: &str, final_: bool) -> PyResult<(String, usize)> {
    if let Ok(s) = std::str::from_utf8(b) {
        return Ok((s.to_string(), b.len()));
    }
    decode_with("utf-8", b, errors, final_, utf8_step)
}

fn ascii_step(b: &[u8], i: usize, _f: bool) -> Result<Option<(char, usize)>, (usize, &'static str)> {
    if b[i] < 0x80 {
        Ok(Some((b[i] as char, 1)))
    } else {
        Err((i + 1, "ordinal not in range(128)"))
    }
}

fn utf16_step_le(b: &[u8], i: usize, f: bool) -> Result<Option<(char, usize)>, (usize, &'static str)> {
    utf16_step(b, i, f, false)
}
fn utf16_step_be(b: &[u8], i: usize, f: bool) -> Result<Option<(char, usize)>, (usize, &'static str)> {
    utf16_step(b, i, f, true)
}
fn utf16_step(b: &[u8], i: usize, final_: bool, big: bool) -> Result<Option<(char, usize)>, (usize, &'static str)> {
    let unit = |j: usize| if big { u16::from_be_bytes([b[j], b[j + 1]]) } else { u16::from_le_bytes([b[j], b[j + 1]]) };
    if i + 2 > b.len() {
        return if final_ { Err((b.len(), "truncated data")) } else { Ok(None) };
    }
    let u = unit(i);
    if !(0xd800..0xe000).contains(&u) {
        return Ok(Some((char::from_u32(u as u32).unwrap(), 2)));
    }
    if u >= 0xdc00 {
        return Err((i + 2, "illegal encoding"));
    }
    if i + 4 > b.len() {
        return if final_ { Err((b.len(), "unexpected end of data")) } else { Ok(None) };
    }
    let u2 = unit(i + 2);
    if !(0xdc00..0xe000).contains(&u2) {
        return Err((i + 2, "illegal UTF-16 surrogate"));
    }
    let c = 0x10000 + (((u as u32) - 0xd800) << 10) + ((u2 as u32) - 0xdc00);
    Ok(Some((char::from_u32(c).unwrap(), 4)))
}
fn utf32_step_le(b: &[u8], i: usize, f: bool) -> Result<Option<(char, usize)>, (usize, &'static str)> {
    utf32_step(b, i, f, false)
}
fn utf32_step_be(b: &[u8], i: usize, f: bool) -> Result<Option<(char, usize)>, (usize, &'static str)> {
    utf32_step(b, i, f, true)
}
fn utf32_step(b: &[u8], i: usize, final_: bool, big: bool) -> Result<Option<(char, usize)>, (usize, &'static str)> {
    if i + 4 > b.len() {
        return if final_ { Err((b.len(), "truncated data")) } else { Ok(None) };
    }
    let w = [b[i], b[i + 1], b[i + 2], b[i + 3]];
    let u = if big { u32::from_be_bytes(w) } else { u32::from_le_bytes(w) };
    if u > 0x10ffff {
        return Err((i + 4, "code point not in range(0x110000)"));
    }
    match char::from_u32(u) {
        Some(c) => Ok(Some((c, 4))),
        None => Err((i + 4, "code point in surrogate code point range(0xd800, 0xe000)")),
    }
}

/// utf-16 / utf-32 with a byte order mark: (text, consumed, byteorder found: -1 LE, 1 BE, 0).
fn decode_bom(enc: &str, b: &[u8], errors: &str, final_: bool, mut order: i64, wide: bool) -> PyResult<(String, usize, i64)> {
    let mut skip = 0;
    if order == 0 {
        let (le, be): (&[u8], &[u8]) = if wide { (&[0xff, 0xfe, 0, 0], &[0, 0, 0xfe, 0xff]) } else { (&[0xff, 0xfe], &[0xfe, 0xff]) };
        if b.starts_with(le) {
            order = -1;
            skip = le.len();
        } else if b.starts_with(be) {
            order = 1;
            skip = be.len();
        } else if b.len() < le.len() && !final_ {
            return Ok((String::new(), 0, 0));
        }
    }
    let step: Step = match (wide, order > 0) {
        (false, false) => utf16_step_le,
        (false, true) => utf16_step_be,
        (true, false) => utf32_step_le,
        (true, true) => utf32_step_be,
    };
    let (s, n) = decode_with(enc, &b[skip..], errors, final_, step)?;
    Ok((s, n + skip, order))
}

fn decode_builtin(codec: &str, b: &[u8], errors: &str) -> PyResult<String> {
    Ok(match codec {
        "utf-8" => utf8_decode(b, errors, true)?.0,
        "latin-1" => b.iter().map(|&c| c as char).collect(),
        "ascii" => decode_with("ascii", b, errors, true, ascii_step)?.0,
        "utf-16" => decode_bom("utf-16", b, errors, true, 0, false)?.0,
        "utf-16-le" => decode_with("utf-16-le", b, errors, true, utf16_step_le)?.0,
        "utf-16-be" => decode_with("utf-16-be", b, errors, true, utf16_step_be)?.0,
        "utf-32" => decode_bom("utf-32", b, errors, true, 0, true)?.0,
        "utf-32-le" => decode_with("utf-32-le", b, errors, true, utf32_step_le)?.0,
        _ => decode_with("utf-32-be", b, errors, true, utf32_step_be)?.0,
    })
}

// ---------------------------------------------------------------- registry

/// `_Py_normalize_encoding`: ASCII letters and digits and '.' kept (lower-cased), each run of
/// anything else one '_' between them.
fn normalize_encoding(name: &str) -> String {
    let mut out = String::new();
    let mut punct = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '.' {
            if punct && !out.is_empty() {
                out.push('_');
            }
            punct = false;
            out.push(c.to_ascii_lowercase());
        } else {
            punct = true;
        }
    }
    out
}

/// `codecs.lookup(encoding)`: the CodecInfo from the search functions (cached).
pub fn lookup(encoding: &str) -> PyResult {
    let key = normalize_encoding(encoding);
    if let Some(v) = dict_get_str(&cache(), &Obj::str(&key)) {
        return Ok(v);
    }
    import_encodings_once();
    let funcs = SEARCH.with(|s| s.borrow().clone());
    for f in funcs {
        let r = crate::call(&f, vec![Obj::str(&key)], None)?;
        if r.is_none() {
            continue;
        }
        if crate::objects::tuple::try_tuple_items(&r).map(|t| t.len() != 4).unwrap_or(true) {
            return Err(type_error("codec search functions must return 4-tuples"));
        }
        dict_set(&cache(), Obj::str(&key), r.clone())?;
        return Ok(r);
    }
    Err(new_exc(&LOOKUP_ERROR, format!("unknown encoding: {}", encoding)))
}

/// `str.encode(encoding, errors)`.
pub fn encode_str(s: &str, encoding: &str, errors: &str) -> PyResult {
    if let Some(c) = builtin_codec(encoding) {
        return Ok(Obj::bytes(&encode_builtin(c, s, errors)?));
    }
    let info = lookup(encoding)?;
    if let Ok(false) = ops::getattr_str(&info, "_is_text_encoding").and_then(|v| ops::is_true(&v)) {
        return Err(new_exc(
            &LOOKUP_ERROR,
            format!("'{}' is not a text encoding; use codecs.encode() to handle arbitrary codecs", encoding),
        ));
    }
    let r = call_codec(&info, 0, Obj::str(s), errors)?;
    if as_bytes(&r).is_none() {
        return Err(type_error(format!(
            "'{}' encoder returned '{}' instead of 'bytes'; use codecs.encode() to encode to arbitrary types",
            encoding,
            r.type_name()
        )));
    }
    Ok(r)
}

/// `bytes.decode(encoding, errors)`.
pub fn decode_bytes(b: &[u8], encoding: &str, errors: &str) -> PyResult {
    if let Some(c) = builtin_codec(encoding) {
        return Ok(Obj::string(decode_builtin(c, b, errors)?));
    }
    let info = lookup(encoding)?;
    if let Ok(false) = ops::getattr_str(&info, "_is_text_encoding").and_then(|v| ops::is_true(&v)) {
        return Err(new_exc(
            &LOOKUP_ERROR,
            format!("'{}' is not a text encoding; use codecs.decode() to handle arbitrary codecs", encoding),
        ));
    }
    let r = call_codec(&info, 1, Obj::bytes(b), errors)?;
    if r.as_str().is_none() {
        return Err(type_error(format!(
            "'{}' decoder returned '{}' instead of 'str'; use codecs.decode() to decode to arbitrary types",
            encoding,
            r.type_name()
        )));
    }
    Ok(r)
}

/// info[which](obj, errors)[0]
fn call_codec(info: &Obj, which: usize, obj: Obj, errors: &str) -> PyResult {
    let f = crate::objects::tuple::tuple_items(info)[which].clone();
    let r = crate::call(&f, vec![obj, Obj::str(errors)], None)?;
    match crate::objects::tuple::try_tuple_items(&r) {
        Some(t) if t.len() == 2 => Ok(t[0].clone()),
        _ => Err(type_error(if which == 0 { "encoder must return a tuple (object, integer)" } else { "decoder must return a tuple (object,integer)" })),
    }
}

/// CPython imports `encodings` at startup, so its search function comes first; here on the
/// first lookup or registration, if compiled in.
fn import_encodings_once() {
    if !IMPORTED.with(|i| i.replace(true)) {
        let _ = crate::modules::load("encodings");
    }
}

fn register(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("register", a, 1, 1)?;
    if !crate::builtins::is_callable(&a[0]) {
        return Err(type_error("argument must be callable"));
    }
    import_encodings_once();
    SEARCH.with(|s| s.borrow_mut().push(a[0].clone()));
    Ok(Obj::none())
}
fn unregister(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("unregister", a, 1, 1)?;
    SEARCH.with(|s| s.borrow_mut().retain(|f| !f.is(&a[0])));
    CACHE.with(|c| *c.borrow_mut() = None);
    Ok(Obj::none())
}
fn forget_codec(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("_forget_codec", a, 1, 1)?;
    let _ = crate::objects::dict::dict_pop(&cache(), &a[0]);
    Ok(Obj::none())
}
fn lookup_fn(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("lookup", a, 1, 1)?;
    let e = a[0].as_str().ok_or_else(|| type_error(format!("lookup() argument must be str, not {}", a[0].type_name())))?;
    lookup(e)
}
fn lookup_error_fn(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("lookup_error", a, 1, 1)?;
    lookup_error_obj(&ops::str_string(&a[0])?)
}
fn register_error(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("register_error", a, 2, 2)?;
    if !crate::builtins::is_callable(&a[1]) {
        return Err(type_error("handler must be callable"));
    }
    dict_set(&errors_dict(), a[0].clone(), a[1].clone())?;
    Ok(Obj::none())
}

fn enc_args(fname: &str, a: &[Obj], kw: Option<&Obj>) -> PyResult<(Obj, String, String)> {
    let v = bind(fname, a, kw, &["obj", "encoding", "errors"], 3, 1)?;
    let enc = match &v[1] {
        Some(e) => ops::str_string(e)?,
        None => "utf-8".into(),
    };
    let errors = match &v[2] {
        Some(e) => ops::str_string(e)?,
        None => "strict".into(),
    };
    Ok((v[0].clone().unwrap(), enc, errors))
}
/// `codecs.encode(obj, encoding='utf-8', errors='strict')`: any codec, any types.
fn encode_fn(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (o, enc, errors) = enc_args("encode", a, kw)?;
    if let (Some(s), Some(c)) = (o.as_str(), builtin_codec(&enc)) {
        return Ok(Obj::bytes(&encode_builtin(c, s, &errors)?));
    }
    call_codec(&lookup(&enc)?, 0, o, &errors)
}
fn decode_fn(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (o, enc, errors) = enc_args("decode", a, kw)?;
    if let (Some(b), Some(c)) = (as_bytes(&o), builtin_codec(&enc)) {
        return Ok(Obj::string(decode_builtin(c, b, &errors)?));
    }
    call_codec(&lookup(&enc)?, 1, o, &errors)
}

// ---------------------------------------------------------------- codec functions

fn errors_arg(v: &Option<Obj>) -> PyResult<String> {
    match v.as_ref().filter(|x| !x.is_none()) {
        Some(e) => ops::str_string(e),
        None => Ok("strict".into()),
    }
}
fn final_arg(v: &Option<Obj>) -> PyResult<bool> {
    match v {
        Some(f) => ops::is_true(f),
        None => Ok(false),
    }
}
fn bytes_arg(fname: &str, o: &Obj) -> PyResult<Vec<u8>> {
    match as_bytes(o) {
        Some(b) => Ok(b.to_vec()),
        None => Err(type_error(format!("a bytes-like object is required, not '{}'", o.type_name()))),
    }
    .map_err(|e| {
        let _ = fname;
        e
    })
}
fn str_arg(fname: &str, o: &Obj) -> PyResult<String> {
    o.as_str().map(|s| s.to_string()).ok_or_else(|| type_error(format!("{}() argument 1 must be str, not {}", fname, o.type_name())))
}
fn pair(a: Obj, n: usize) -> Obj {
    Obj::tuple2(a, Obj::int(n as i64))
}

macro_rules! encoder {
    ($f:ident, $name:expr, $codec:expr) => {
        fn $f(a: &[Obj], kw: Option<&Obj>) -> PyResult {
            let v = bind($name, a, kw, &["str", "errors"], 2, 1)?;
            let s = str_arg($name, v[0].as_ref().unwrap())?;
            let out = encode_builtin($codec, &s, &errors_arg(&v[1])?)?;
            Ok(pair(Obj::bytes(&out), s.chars().count()))
        }
    };
}
encoder!(utf_8_encode, "utf_8_encode", "utf-8");
encoder!(latin_1_encode, "latin_1_encode", "latin-1");
encoder!(ascii_encode, "ascii_encode", "ascii");
encoder!(utf_16_le_encode, "utf_16_le_encode", "utf-16-le");
encoder!(utf_16_be_encode, "utf_16_be_encode", "utf-16-be");
encoder!(utf_32_le_encode, "utf_32_le_encode", "utf-32-le");
encoder!(utf_32_be_encode, "utf_32_be_encode", "utf-32-be");

fn bom_encode(fname: &str, a: &[Obj], kw: Option<&Obj>, wide: bool) -> PyResult {
    let v = bind(fname, a, kw, &["str", "errors", "byteorder"], 3, 1)?;
    let s = str_arg(fname, v[0].as_ref().unwrap())?;
    let order = match &v[2] {
        Some(o) => ops::index_value(o)?,
        None => 0,
    };
    let out = match (wide, order) {
        (false, 0) => utf16_units(&s, false, true),
        (false, o) => utf16_units(&s, o > 0, false),
        (true, 0) => utf32_units(&s, false, true),
        (true, o) => utf32_units(&s, o > 0, false),
    };
    Ok(pair(Obj::bytes(&out), s.chars().count()))
}
fn utf_16_encode(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    bom_encode("utf_16_encode", a, kw, false)
}
fn utf_32_encode(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    bom_encode("utf_32_encode", a, kw, true)
}

macro_rules! decoder {
    ($f:ident, $name:expr, $enc:expr, $step:expr) => {
        fn $f(a: &[Obj], kw: Option<&Obj>) -> PyResult {
            let v = bind($name, a, kw, &["data", "errors", "final"], 3, 1)?;
            let b = bytes_arg($name, v[0].as_ref().unwrap())?;
            let (s, n) = decode_with($enc, &b, &errors_arg(&v[1])?, final_arg(&v[2])?, $step)?;
            Ok(pair(Obj::string(s), n))
        }
    };
}
decoder!(utf_16_le_decode, "utf_16_le_decode", "utf-16-le", utf16_step_le);
decoder!(utf_16_be_decode, "utf_16_be_decode", "utf-16-be", utf16_step_be);
decoder!(utf_32_le_decode, "utf_32_le_decode", "utf-32-le", utf32_step_le);
decoder!(utf_32_be_decode, "utf_32_be_decode", "utf-32-be", utf32_step_be);

fn utf_8_decode(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("utf_8_decode", a, kw, &["data", "errors", "final"], 3, 1)?;
    let b = bytes_arg("utf_8_decode", v[0].as_ref().unwrap())?;
    let (s, n) = utf8_decode(&b, &errors_arg(&v[1])?, final_arg(&v[2])?)?;
    Ok(pair(Obj::string(s), n))
}
fn latin_1_decode(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("latin_1_decode", a, kw, &["data", "errors"], 2, 1)?;
    let b = bytes_arg("latin_1_decode", v[0].as_ref().unwrap())?;
    Ok(pair(Obj::string(b.iter().map(|&c| c as char).collect()), b.len()))
}
fn ascii_decode(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("ascii_decode", a, kw, &["data", "errors"], 2, 1)?;
    let b = bytes_arg("ascii_decode", v[0].as_ref().unwrap())?;
    let (s, n) = decode_with("ascii", &b, &errors_arg(&v[1])?, true, ascii_step)?;
    Ok(pair(Obj::string(s), n))
}
fn bom_decode(fname: &str, a: &[Obj], kw: Option<&Obj>, wide: bool, ex: bool) -> PyResult {
    let params: &[&str] = if ex { &["data", "errors", "byteorder", "final"] } else { &["data", "errors", "final"] };
    let v = bind(fname, a, kw, params, params.len(), 1)?;
    let b = bytes_arg(fname, v[0].as_ref().unwrap())?;
    let order = if ex { v[2].as_ref().map(ops::index_value).transpose()?.unwrap_or(0) } else { 0 };
    let fin = final_arg(&v[params.len() - 1])?;
    let enc = if wide { "utf-32" } else { "utf-16" };
    let (s, n, o) = decode_bom(enc, &b, &errors_arg(&v[1])?, fin, order, wide)?;
    if ex {
        return Ok(Obj::tuple3(Obj::string(s), Obj::int(n as i64), Obj::int(o)));
    }
    Ok(pair(Obj::string(s), n))
}
fn utf_16_decode(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    bom_decode("utf_16_decode", a, kw, false, false)
}
fn utf_32_decode(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    bom_decode("utf_32_decode", a, kw, true, false)
}
fn utf_16_ex_decode(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    bom_decode("utf_16_ex_decode", a, kw, false, true)
}
fn utf_32_ex_decode(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    bom_decode("utf_32_ex_decode", a, kw, true, true)
}

// ---- escape codecs

/// Decodes backslash escapes of bytes (`escape_decode`) or of text (`unicode_escape`).
fn unescape(b: &[u8], errors: &str, unicode: bool, raw: bool) -> PyResult<String> {
    let enc = if raw { "rawunicodeescape" } else { "unicodeescape" };
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c != b'\\' || i + 1 >= b.len() {
            if c == b'\\' && !raw {
                let e = decode_error(enc, b, i, b.len(), "\\ at end of string");
                if errors == "strict" {
                    return Err(Exc::from_value(e));
                }
                i += 1;
                if errors == "replace" {
                    out.push('\u{fffd}');
                }
                continue;
            }
            out.push(c as char);
            i += 1;
            continue;
        }
        let n = b[i + 1];
        if raw && n != b'u' && n != b'U' {
            out.push('\\');
            i += 1;
            continue;
        }
        let simple = match n {
            b'\n' => Some(None),
            b'\\' => Some(Some('\\')),
            b'\'' => Some(Some('\'')),
            b'"' => Some(Some('"')),
            b'a' => Some(Some('\x07')),
            b'b' => Some(Some('\x08')),
            b'f' => Some(Some('\x0c')),
            b'n' => Some(Some('\n')),
            b'r' => Some(Some('\r')),
            b't' => Some(Some('\t')),
            b'v' => Some(Some('\x0b')),
            _ => None,
        };
        if let Some(ch) = simple {
            if let Some(ch) = ch {
                out.push(ch);
            }
            i += 2;
            continue;
        }
        if (b'0'..=b'7').contains(&n) {
            let mut v = 0u32;
            let mut j = i + 1;
            while j < b.len() && j < i + 4 && (b'0'..=b'7').contains(&b[j]) {
                v = v * 8 + (b[j] - b'0') as u32;
                j += 1;
            }
            out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            i = j;
            continue;
        }
        let digits = match n {
            b'x' => 2,
            b'u' if unicode => 4,
            b'U' if unicode => 8,
            _ => 0,
        };
        if digits == 0 {
            out.push('\\');
            i += 1;
            continue;
        }
        let start = i;
        let mut v = 0u32;
        let mut j = i + 2;
        while j < b.len() && j < i + 2 + digits && (b[j] as char).is_ascii_hexdigit() {
            v = v * 16 + (b[j] as char).to_digit(16).unwrap();
            j += 1;
        }
        let bad = if j < i + 2 + digits {
            Some(match n {
                b'x' => "truncated \\xXX escape",
                b'u' => "truncated \\uXXXX escape",
                _ => "truncated \\UXXXXXXXX escape",
            })
        } else if char::from_u32(v).is_none() {
            Some("illegal Unicode character")
        } else {
            None
        };
        match bad {
            None => out.push(char::from_u32(v).unwrap()),
            Some(reason) => match errors {
                "strict" => return Err(Exc::from_value(decode_error(enc, b, start, j, reason))),
                "replace" => out.push('\u{fffd}'),
                _ => {}
            },
        }
        i = j;
    }
    Ok(out)
}

fn escape_decode(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("escape_decode", a, kw, &["data", "errors"], 2, 1)?;
    let d = v[0].as_ref().unwrap();
    let b: Vec<u8> = match d.as_str() {
        Some(s) => s.as_bytes().to_vec(),
        None => bytes_arg("escape_decode", d)?,
    };
    // bytes escapes: \x and octal give bytes, not characters
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 1 < b.len() {
            let n = b[i + 1];
            if n == b'x' {
                let hex = b.get(i + 2..i + 4).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(x) => {
                        out.push(x);
                        i += 4;
                        continue;
                    }
                    None => return Err(crate::objects::exceptions::value_error(format!("invalid \\x escape at position {}", i))),
                }
            }
            if (b'0'..=b'7').contains(&n) {
                let mut v = 0u32;
                let mut j = i + 1;
                while j < b.len() && j < i + 4 && (b'0'..=b'7').contains(&b[j]) {
                    v = v * 8 + (b[j] - b'0') as u32;
                    j += 1;
                }
                out.push(v as u8);
                i = j;
                continue;
            }
            let s = unescape(&b[i..i + 2], "strict", false, false)?;
            if s.len() != 2 || n == b'\\' || n == b'\'' || n == b'"' || n == b'\n' {
                out.extend(s.chars().map(|c| c as u32 as u8));
            } else {
                out.extend_from_slice(&b[i..i + 2]);
            }
            i += 2;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    Ok(pair(Obj::bytes(&out), b.len()))
}

fn escape_encode(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("escape_encode", a, kw, &["data", "errors"], 2, 1)?;
    let b = bytes_arg("escape_encode", v[0].as_ref().unwrap())?;
    let mut out = Vec::new();
    for &c in &b {
        match c {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\'' => out.extend_from_slice(b"\\'"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            0x20..=0x7e => out.push(c),
            _ => out.extend(format!("\\x{:02x}", c).bytes()),
        }
    }
    Ok(pair(Obj::bytes(&out), b.len()))
}

fn unicode_escape_decode_impl(fname: &str, a: &[Obj], kw: Option<&Obj>, raw: bool) -> PyResult {
    let v = bind(fname, a, kw, &["data", "errors", "final"], 3, 1)?;
    let d = v[0].as_ref().unwrap();
    let b: Vec<u8> = match d.as_str() {
        Some(s) => s.as_bytes().to_vec(),
        None => bytes_arg(fname, d)?,
    };
    let s = unescape(&b, &errors_arg(&v[1])?, true, raw)?;
    Ok(pair(Obj::string(s), b.len()))
}
fn unicode_escape_decode(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    unicode_escape_decode_impl("unicode_escape_decode", a, kw, false)
}
fn raw_unicode_escape_decode(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    unicode_escape_decode_impl("raw_unicode_escape_decode", a, kw, true)
}
fn unicode_escape_encode(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("unicode_escape_encode", a, kw, &["str", "errors"], 2, 1)?;
    let s = str_arg("unicode_escape_encode", v[0].as_ref().unwrap())?;
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            ' '..='~' => out.push(c),
            _ => out.push_str(&backslash_char(c as u32)),
        }
    }
    Ok(pair(Obj::bytes(out.as_bytes()), s.chars().count()))
}
fn raw_unicode_escape_encode(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("raw_unicode_escape_encode", a, kw, &["str", "errors"], 2, 1)?;
    let s = str_arg("raw_unicode_escape_encode", v[0].as_ref().unwrap())?;
    let mut out = Vec::new();
    for c in s.chars() {
        let u = c as u32;
        if u < 0x100 {
            out.push(u as u8);
        } else if u < 0x10000 {
            out.extend(format!("\\u{:04x}", u).bytes());
        } else {
            out.extend(format!("\\U{:08x}", u).bytes());
        }
    }
    Ok(pair(Obj::bytes(&out), s.chars().count()))
}

// ---- charmap

fn charmap_build(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("charmap_build", a, 1, 1)?;
    let s = str_arg("charmap_build", &a[0])?;
    let d = new_dict();
    for (i, c) in s.chars().enumerate() {
        dict_set(&d, Obj::int(c as i64), Obj::int(i as i64))?;
    }
    Ok(d)
}

fn charmap_decode(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("charmap_decode", a, kw, &["data", "errors", "mapping"], 3, 1)?;
    let b = bytes_arg("charmap_decode", v[0].as_ref().unwrap())?;
    let errors = errors_arg(&v[1])?;
    let mapping = v[2].clone().filter(|m| !m.is_none());
    let mapping = match mapping {
        Some(m) => m,
        None => return Ok(pair(Obj::string(b.iter().map(|&c| c as char).collect()), b.len())),
    };
    let table: Option<Vec<char>> = mapping.as_str().map(|s| s.chars().collect());
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let got: Option<String> = match &table {
            Some(t) => t.get(c as usize).filter(|ch| **ch != '\u{fffe}').map(|ch| ch.to_string()),
            None => match ops::getitem(&mapping, &Obj::int(c as i64)) {
                Ok(x) if x.is_none() => None,
                Ok(x) => match x.as_i64() {
                    Some(0xfffe) => None,
                    Some(n) => Some(char::from_u32(n as u32).map(|c| c.to_string()).ok_or_else(|| type_error("character mapping must be in range(0x110000)"))?),
                    None => match x.as_str() {
                        Some("\u{fffe}") => None,
                        Some(s) => Some(s.to_string()),
                        None => return Err(type_error("character mapping must return integer, None or str")),
                    },
                },
                Err(e) if e.is_instance(&crate::objects::exc_types::LOOKUP_ERROR) => None,
                Err(e) => return Err(e),
            },
        };
        match got {
            Some(s) => {
                out.push_str(&s);
                i += 1;
            }
            None => match errors.as_str() {
                "strict" => return Err(Exc::from_value(decode_error("charmap", &b, i, i + 1, "character maps to <undefined>"))),
                "ignore" => i += 1,
                "replace" => {
                    out.push('\u{fffd}');
                    i += 1
                }
                _ => {
                    let (rep, pos) = call_handler(&errors, decode_error("charmap", &b, i, i + 1, "character maps to <undefined>"), b.len())?;
                    out.push_str(rep.as_str().unwrap_or(""));
                    i = pos;
                }
            },
        }
    }
    Ok(pair(Obj::string(out), b.len()))
}

fn charmap_encode(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("charmap_encode", a, kw, &["str", "errors", "mapping"], 3, 1)?;
    let s = str_arg("charmap_encode", v[0].as_ref().unwrap())?;
    let errors = errors_arg(&v[1])?;
    let mapping = match v[2].clone().filter(|m| !m.is_none()) {
        Some(m) => m,
        None => return Ok(pair(Obj::bytes(&encode_limited(&s, "latin-1", 256, &errors)?), s.chars().count())),
    };
    let chars: Vec<char> = s.chars().collect();
    let map_one = |c: char| -> PyResult<Option<Vec<u8>>> {
        match ops::getitem(&mapping, &Obj::int(c as i64)) {
            Ok(x) if x.is_none() => Ok(None),
            Ok(x) => match x.as_i64() {
                Some(n) if (0..256).contains(&n) => Ok(Some(vec![n as u8])),
                Some(_) => Err(type_error("character mapping must be in range(256)")),
                None => match as_bytes(&x) {
                    Some(b) => Ok(Some(b.to_vec())),
                    None => Err(type_error("character mapping must return integer, bytes or None, not str")),
                },
            },
            Err(e) if e.is_instance(&crate::objects::exc_types::LOOKUP_ERROR) => Ok(None),
            Err(e) => Err(e),
        }
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some(b) = map_one(chars[i])? {
            out.extend(b);
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && map_one(chars[j])?.is_none() {
            j += 1;
        }
        let reason = "character maps to <undefined>";
        match errors.as_str() {
            "strict" => return Err(Exc::from_value(encode_error("charmap", &s, i, j, reason))),
            "ignore" => {}
            "replace" => {
                for _ in i..j {
                    out.extend(map_one('?')?.unwrap_or_default());
                }
            }
            "backslashreplace" | "xmlcharrefreplace" => {
                for c in &chars[i..j] {
                    let r = if errors == "xmlcharrefreplace" { format!("&#{};", *c as u32) } else { backslash_char(*c as u32) };
                    for rc in r.chars() {
                        out.extend(map_one(rc)?.unwrap_or_default());
                    }
                }
            }
            _ => {
                let (rep, pos) = call_handler(&errors, encode_error("charmap", &s, i, j, reason), chars.len())?;
                if let Some(r) = rep.as_str() {
                    for rc in r.chars() {
                        match map_one(rc)? {
                            Some(b) => out.extend(b),
                            None => return Err(Exc::from_value(encode_error("charmap", &s, i, j, reason))),
                        }
                    }
                } else if let Some(b) = as_bytes(&rep) {
                    out.extend_from_slice(b);
                }
                i = pos;
                continue;
            }
        }
        i = j;
    }
    Ok(pair(Obj::bytes(&out), chars.len()))
}

fn readbuffer_encode(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = bind("readbuffer_encode", a, kw, &["data", "errors"], 2, 1)?;
    let d = v[0].as_ref().unwrap();
    let b = match d.as_str() {
        Some(s) => s.as_bytes().to_vec(),
        None => bytes_arg("readbuffer_encode", d)?,
    };
    Ok(pair(Obj::bytes(&b), b.len()))
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("_codecs"))?;
    let fns: &[(&str, BuiltinFn)] = &[
        ("register", register),
        ("unregister", unregister),
        ("lookup", lookup_fn),
        ("encode", encode_fn),
        ("decode", decode_fn),
        ("escape_encode", escape_encode),
        ("escape_decode", escape_decode),
        ("utf_8_encode", utf_8_encode),
        ("utf_8_decode", utf_8_decode),
        ("utf_16_encode", utf_16_encode),
        ("utf_16_decode", utf_16_decode),
        ("utf_16_le_encode", utf_16_le_encode),
        ("utf_16_le_decode", utf_16_le_decode),
        ("utf_16_be_encode", utf_16_be_encode),
        ("utf_16_be_decode", utf_16_be_decode),
        ("utf_16_ex_decode", utf_16_ex_decode),
        ("utf_32_encode", utf_32_encode),
        ("utf_32_decode", utf_32_decode),
        ("utf_32_le_encode", utf_32_le_encode),
        ("utf_32_le_decode", utf_32_le_decode),
        ("utf_32_be_encode", utf_32_be_encode),
        ("utf_32_be_decode", utf_32_be_decode),
        ("utf_32_ex_decode", utf_32_ex_decode),
        ("unicode_escape_encode", unicode_escape_encode),
        ("unicode_escape_decode", unicode_escape_decode),
        ("raw_unicode_escape_encode", raw_unicode_escape_encode),
        ("raw_unicode_escape_decode", raw_unicode_escape_decode),
        ("latin_1_encode", latin_1_encode),
        ("latin_1_decode", latin_1_decode),
        ("ascii_encode", ascii_encode),
        ("ascii_decode", ascii_decode),
        ("charmap_encode", charmap_encode),
        ("charmap_decode", charmap_decode),
        ("charmap_build", charmap_build),
        ("readbuffer_encode", readbuffer_encode),
        ("register_error", register_error),
        ("lookup_error", lookup_error_fn),
        ("_forget_codec", forget_codec),
    ];
    for (n, f) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *f))?;
    }
    Ok(crate::objects::module::new_module("_codecs", d))
}

/// Arguments (encoding, errors) of str.encode / bytes.decode.
pub fn encoding_args(fname: &str, a: &[Obj], kw: Option<&Obj>) -> PyResult<(String, String)> {
    let v = bind(fname, a, kw, &["encoding", "errors"], 2, 0)?;
    let enc = match &v[0] {
        Some(e) => e.as_str().map(|s| s.to_string()).ok_or_else(|| type_error(format!("{}() argument 'encoding' must be str, not {}", fname, e.type_name())))?,
        None => "utf-8".into(),
    };
    let errors = match &v[1] {
        Some(e) => e.as_str().map(|s| s.to_string()).ok_or_else(|| type_error(format!("{}() argument 'errors' must be str, not {}", fname, e.type_name())))?,
        None => "strict".into(),
    };
    Ok((enc, errors))
}
