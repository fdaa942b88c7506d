//! Formatting: the format-spec mini-language (format(), f-strings), str.format(), and
//! printf-style `str % args`. Results are built in one `String` each: digits of machine ints
//! go through a stack buffer, padding is written in place, and the format strings are scanned
//! as bytes (every character with a meaning in them is ASCII).
use crate::objects::exceptions::{index_error, key_error, type_error, value_error};
use crate::objects::float::as_float;
use crate::objects::int::{as_int, int_is_neg, int_to_f64, int_to_string_radix, to_big, IntVal};
use crate::objects::tuple::try_tuple_items;
use crate::ops;
use crate::{Obj, PyResult};

#[derive(Default, Debug)]
pub struct Spec {
    pub fill: Option<char>,
    pub align: Option<char>,
    pub sign: Option<char>,
    pub z: bool,
    pub alt: bool,
    pub zero: bool,
    pub width: Option<usize>,
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    pub ty: Option<char>,
}

fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '^')
}

/// The decimal number of ASCII digits at `b[*i..]`, if any (advancing `*i`).
fn digits_at(b: &[u8], i: &mut usize) -> Option<usize> {
    let st = *i;
    let mut n: usize = 0;
    while *i < b.len() && b[*i].is_ascii_digit() {
        n = n.saturating_mul(10).saturating_add((b[*i] - b'0') as usize);
        *i += 1;
    }
    if *i > st {
        Some(n)
    } else {
        None
    }
}

/// Parses a format spec for a value of type `tname`, whose presentation type is `default_ty`
/// when the spec gives none (CPython checks ',' and '_' against it: `'s'` for str, `'d'` for
/// int, none for float).
pub fn parse_spec(s: &str, default_ty: Option<char>, tname: &str) -> PyResult<Spec> {
    let mut sp = Spec::default();
    let mut cs = s.chars();
    let (c0, c1) = (cs.next(), cs.next());
    let rest = match (c0, c1) {
        (Some(f), Some(a)) if is_align(a) => {
            sp.fill = Some(f);
            sp.align = Some(a);
            &s[f.len_utf8() + 1..]
        }
        (Some(a), _) if is_align(a) => {
            sp.align = Some(a);
            &s[1..]
        }
        _ => s,
    };
    // from here on every meaningful character is ASCII: byte indices stay on char boundaries
    let b = rest.as_bytes();
    let mut i = 0;
    if i < b.len() && matches!(b[i], b'+' | b'-' | b' ') {
        sp.sign = Some(b[i] as char);
        i += 1;
    }
    if i < b.len() && b[i] == b'z' {
        sp.z = true;
        i += 1;
    }
    if i < b.len() && b[i] == b'#' {
        sp.alt = true;
        i += 1;
    }
    if i < b.len() && b[i] == b'0' {
        sp.zero = true;
        i += 1;
    }
    sp.width = digits_at(b, &mut i);
    if i < b.len() && (b[i] == b',' || b[i] == b'_') {
        sp.grouping = Some(b[i] as char);
        i += 1;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        sp.precision = digits_at(b, &mut i);
        if sp.precision.is_none() {
            return Err(value_error("Format specifier missing precision"));
        }
    }
    if let Some(t) = rest[i..].chars().next() {
        sp.ty = Some(t);
        i += t.len_utf8();
    }
    if i < b.len() {
        return Err(value_error(format!("Invalid format specifier '{}' for object of type '{}'", s, tname)));
    }
    check_grouping(&sp, default_ty)?;
    Ok(sp)
}

/// CPython's check of ',' / '_' against the type (PEP 378, PEP 515): '_' also goes with
/// b/o/x/X, nothing goes with c, n, s.
fn check_grouping(sp: &Spec, default_ty: Option<char>) -> PyResult<()> {
    let (g, ty) = match (sp.grouping, sp.ty.or(default_ty)) {
        (Some(g), ty) => (g, ty),
        _ => return Ok(()),
    };
    let ok = match ty {
        None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => true,
        Some('b' | 'o' | 'x' | 'X') => g == '_',
        _ => false,
    };
    if ok {
        return Ok(());
    }
    let t = ty.unwrap_or(' ');
    let shown = if (' '..='~').contains(&t) { format!("'{}'", t) } else { format!("'\\x{:x}'", t as u32) };
    Err(value_error(format!("Cannot specify '{}' with {}.", g, shown)))
}

fn group(digits: &str, sep: char, every: usize) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / every);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i) % every == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

fn push_fill(out: &mut String, fill: char, n: usize) {
    for _ in 0..n {
        out.push(fill);
    }
}

/// Appends `sign`, `prefix` (ASCII) and `body` padded to the spec's width: fill and alignment
/// from the spec, `default_align` when it gives none; '=' pads between prefix and body.
fn pad_into(out: &mut String, sign: &str, prefix: &str, body: &str, sp: &Spec, default_align: char) {
    let w = sp.width.unwrap_or(0);
    let fixed = sign.len() + prefix.len();
    // a char takes at most 4 bytes: when even that many reach the width, no need to count
    let len = if fixed + body.len() / 4 >= w { w } else { fixed + body.chars().count() };
    if len >= w {
        out.reserve(fixed + body.len());
        out.push_str(sign);
        out.push_str(prefix);
        out.push_str(body);
        return;
    }
    // '0' sets the fill when none is given; it implies '=' only for right-aligned kinds
    let fill = sp.fill.unwrap_or(if sp.zero { '0' } else { ' ' });
    let align = sp.align.unwrap_or(if sp.zero && default_align == '>' { '=' } else { default_align });
    let n = w - len;
    out.reserve(fixed + body.len() + n * fill.len_utf8());
    let (before, between, after) = match align {
        '<' => (0, 0, n),
        '>' => (n, 0, 0),
        '^' => (n / 2, 0, n - n / 2),
        _ => (0, n, 0),
    };
    push_fill(out, fill, before);
    out.push_str(sign);
    out.push_str(prefix);
    push_fill(out, fill, between);
    out.push_str(body);
    push_fill(out, fill, after);
}

/// `pad_into` a new string.
fn pad(sign: &str, prefix: &str, body: &str, sp: &Spec, default_align: char) -> String {
    let mut out = String::new();
    pad_into(&mut out, sign, prefix, body, sp, default_align);
    out
}

fn sign_str(neg: bool, sp: &Spec) -> &'static str {
    if neg {
        "-"
    } else {
        match sp.sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    }
}

/// Zero-padding with grouping: CPython inserts separators into the padding too.
fn zero_pad_grouped(sign: &str, digits: &str, frac: &str, sp: &Spec, sep: Option<char>, every: usize) -> Option<String> {
    // grouped zero padding whenever the padding is '0' fill with '=' alignment, however given
    let fill = sp.fill.unwrap_or(if sp.zero { '0' } else { ' ' });
    let align = sp.align.unwrap_or(if sp.zero { '=' } else { '>' });
    if !(fill == '0' && align == '=') || sep.is_none() {
        return None;
    }
    let w = sp.width.unwrap_or(0);
    let mut d = digits.to_string();
    loop {
        let g = group(&d, sep.unwrap(), every);
        if sign.len() + g.len() + frac.len() >= w {
            return Some(format!("{}{}{}", sign, g, frac));
        }
        d.insert(0, '0');
    }
}

pub fn format_int(v: &IntVal, sp: &Spec) -> PyResult<String> {
    format_int_of(v, sp, "int")
}

/// The base of an integer presentation type, its digits' case and its `#` prefix.
fn radix_of(ty: char) -> (u64, bool, &'static str) {
    match ty {
        'x' => (16, false, "0x"),
        'X' => (16, true, "0X"),
        'o' => (8, false, "0o"),
        'b' => (2, false, "0b"),
        _ => (10, false, ""),
    }
}

/// The digits of `m` in the type's base, written at the end of `buf`.
fn machine_digits(m: u64, ty: char, buf: &mut [u8; 64]) -> &str {
    let (base, upper, _) = radix_of(ty);
    let table: &[u8; 16] = if upper { b"0123456789ABCDEF" } else { b"0123456789abcdef" };
    let start = match base {
        10 => write_digits::<10>(m, table, buf),
        16 => write_digits::<16>(m, table, buf),
        8 => write_digits::<8>(m, table, buf),
        _ => write_digits::<2>(m, table, buf),
    };
    // only ASCII digits were written
    unsafe { std::str::from_utf8_unchecked(&buf[start..]) }
}

/// Writes the digits of `m` in base `B` at the end of `buf` (a constant base: the division
/// is a multiplication or a shift); returns where they start.
fn write_digits<const B: u64>(mut m: u64, table: &[u8; 16], buf: &mut [u8; 64]) -> usize {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = table[(m % B) as usize];
        m /= B;
        if m == 0 {
            return i;
        }
    }
}

/// The digits of |v| of a big int for an integer presentation type (d n x X o b).
fn big_digits(v: &IntVal, ty: char) -> PyResult<String> {
    let mag_v = IntVal::Big(Box::new(to_big(v).abs()));
    Ok(match ty {
        'x' => int_to_string_radix(&mag_v, 16),
        'X' => int_to_string_radix(&mag_v, 16).to_uppercase(),
        'o' => int_to_string_radix(&mag_v, 8),
        'b' => int_to_string_radix(&mag_v, 2),
        _ => crate::objects::int::int_to_decimal(&mag_v)?,
    })
}

/// Calls `f` with the digits of |v| for an integer presentation type.
fn with_digits<R>(v: &IntVal, ty: char, f: impl FnOnce(&str) -> PyResult<R>) -> PyResult<R> {
    match v {
        IntVal::Small(i) => f(machine_digits(i.unsigned_abs(), ty, &mut [0u8; 64])),
        IntVal::Big(_) => f(&big_digits(v, ty)?),
    }
}

/// `format_int` for a value of the type named `tname` (a subclass or bool: CPython's error
/// names the value's own type).
fn format_int_of(v: &IntVal, sp: &Spec, tname: &str) -> PyResult<String> {
    let ty = sp.ty.unwrap_or('d');
    if !matches!(ty, 'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') {
        return Err(value_error(format!("Unknown format code '{}' for object of type '{}'", ty, tname)));
    }
    if matches!(ty, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') {
        return format_float(int_to_f64(v)?, sp);
    }
    if sp.precision.is_some() {
        return Err(value_error("Precision not allowed in integer format specifier"));
    }
    if sp.z {
        return Err(value_error("Negative zero coercion (z) not allowed in integer format specifier"));
    }
    if ty == 'c' {
        return format_int_char(v, sp);
    }
    let sign = sign_str(int_is_neg(v), sp);
    let prefix = if sp.alt { radix_of(ty).2 } else { "" };
    let every = if ty == 'd' || ty == 'n' { 3 } else { 4 };
    with_digits(v, ty, |digits| {
        let grouped;
        let body = match sp.grouping {
            Some(g) => {
                if let Some(s) = zero_pad_grouped(&format!("{}{}", sign, prefix), digits, "", sp, sp.grouping, every) {
                    return Ok(s);
                }
                grouped = group(digits, g, every);
                &grouped
            }
            None => digits,
        };
        Ok(pad(sign, prefix, body, sp, '>'))
    })
}

/// An int formatted with type 'c': the character with that code point.
fn format_int_char(v: &IntVal, sp: &Spec) -> PyResult<String> {
    if sp.sign.is_some() {
        return Err(value_error("Sign not allowed with integer format specifier 'c'"));
    }
    if sp.alt {
        return Err(value_error("Alternate form (#) not allowed with integer format specifier 'c'"));
    }
    let c = match v {
        IntVal::Small(i) if *i >= 0 && *i < 0x110000 => std::char::from_u32(*i as u32).unwrap_or('?'),
        // CPython converts to a C long first
        IntVal::Big(_) => return Err(crate::objects::exceptions::overflow_error("Python int too large to convert to C long")),
        _ => return Err(crate::objects::exceptions::overflow_error("%c arg not in range(0x110000)")),
    };
    Ok(pad("", "", c.encode_utf8(&mut [0u8; 4]), sp, '>'))
}

/// Rust `{:.*e}` output → (mantissa digits string "d.ddd", exponent).
fn sci_parts(x: f64, prec: usize) -> (String, i32) {
    let s = format!("{:.*e}", prec, x);
    let (m, e) = s.split_at(s.find('e').unwrap());
    (m.to_string(), e[1..].parse().unwrap())
}

fn exp_str(e: i32) -> String {
    format!("{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
}

fn strip_zeros(s: &str) -> String {
    if s.contains('.') {
        let t = s.trim_end_matches('0');
        t.trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

/// Formats |x| (non-negative, finite) per type/precision; returns body without sign.
fn float_body(x: f64, ty: char, prec: Option<usize>, alt: bool) -> String {
    match ty {
        'f' | 'F' | '%' => {
            let p = prec.unwrap_or(6);
            let s = crate::objects::float::fmt_fixed(x, p);
            if alt && p == 0 {
                format!("{}.", s)
            } else {
                s
            }
        }
        'e' | 'E' => {
            let p = prec.unwrap_or(6);
            let (m, e) = sci_parts(x, p);
            let m = if alt && p == 0 { format!("{}.", m) } else { m };
            let r = format!("{}e{}", m, exp_str(e));
            if ty == 'E' {
                r.to_uppercase()
            } else {
                r
            }
        }
        'g' | 'G' | 'r' => {
            // 'r': no type given, precision given (like g, but keep ".0")
            let p = prec.unwrap_or(6).max(1);
            let (m, e) = sci_parts(x, p - 1);
            // 'r' adds ".0" to integral results, so CPython switches to exponent one digit earlier
            let limit = if ty == 'r' { p as i32 - 1 } else { p as i32 };
            let r = if e >= -4 && e < limit {
                let s = crate::objects::float::fmt_fixed(x, (p as i32 - 1 - e).max(0) as usize);
                if alt {
                    if s.contains('.') {
                        s
                    } else {
                        format!("{}.", s)
                    }
                } else {
                    let t = strip_zeros(&s);
                    if ty == 'r' && !t.contains('.') {
                        format!("{}.0", t)
                    } else {
                        t
                    }
                }
            } else {
                let m = if !alt {
                    strip_zeros(&m)
                } else if m.contains('.') {
                    m
                } else {
                    format!("{}.", m)
                };
                format!("{}e{}", m, exp_str(e))
            };
            if ty == 'G' {
                r.to_uppercase()
            } else {
                r
            }
        }
        _ => {
            let r = crate::objects::float::float_repr(x);
            // '#' keeps a decimal point: 1e+16 -> 1.e+16
            if alt && !r.contains('.') && x.is_finite() {
                match r.find('e') {
                    Some(i) => format!("{}.{}", &r[..i], &r[i..]),
                    None => format!("{}.", r),
                }
            } else {
                r
            }
        }
    }
}

pub fn format_float(x: f64, sp: &Spec) -> PyResult<String> {
    format_float_of(x, sp, "float")
}

fn format_float_of(x: f64, sp: &Spec, tname: &str) -> PyResult<String> {
    let ty = sp.ty.unwrap_or(if sp.precision.is_some() { 'r' } else { 's' });
    // 'r' and 's' are internal here (no type given): not accepted from a spec
    if !matches!(ty, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' | 'n' | 'r' | 's') || matches!(sp.ty, Some('r' | 's')) {
        return Err(value_error(format!("Unknown format code '{}' for object of type '{}'", ty, tname)));
    }
    let ty = if ty == 'n' { 'g' } else { ty };
    let mut neg = x.is_sign_negative() && !x.is_nan();
    let body = if x.is_nan() {
        if ty == '%' { "nan%" } else { "nan" }.to_string()
    } else if x.is_infinite() {
        if ty == '%' { "inf%" } else { "inf" }.to_string()
    } else {
        let ax = x.abs();
        let v = if ty == '%' { ax * 100.0 } else { ax };
        let mut b = float_body(v, ty, sp.precision, sp.alt);
        if ty == '%' {
            b.push('%');
        }
        b
    };
    let body = if matches!(ty, 'E' | 'F' | 'G') { body.to_uppercase() } else { body };
    if sp.z && neg && body.chars().all(|c| matches!(c, '0' | '.' | 'e' | 'E' | '+' | '-' | '%')) {
        neg = false;
    }
    let sign = sign_str(neg, sp);
    if let (Some(g), true) = (sp.grouping, x.is_finite()) {
        let (int_part, frac) = body.split_at(body.find(|c: char| !c.is_ascii_digit()).unwrap_or(body.len()));
        if let Some(s) = zero_pad_grouped(sign, int_part, frac, sp, sp.grouping, 3) {
            return Ok(s);
        }
        let grouped = format!("{}{}", group(int_part, g, 3), frac);
        return Ok(pad(sign, "", &grouped, sp, '>'));
    }
    Ok(pad(sign, "", &body, sp, '>'))
}

pub fn format_str(s: &str, sp: &Spec) -> PyResult<String> {
    format_str_of(s, sp, "str")
}

/// The first `p` characters of `s` (all of it when shorter).
fn char_prefix(s: &str, p: usize) -> &str {
    match s.char_indices().nth(p) {
        Some((b, _)) => &s[..b],
        None => s,
    }
}

fn format_str_of(s: &str, sp: &Spec, tname: &str) -> PyResult<String> {
    if let Some(t) = sp.ty {
        if t != 's' {
            return Err(value_error(format!("Unknown format code '{}' for object of type '{}'", t, tname)));
        }
    }
    if sp.sign.is_some() {
        return Err(value_error("Sign not allowed in string format specifier"));
    }
    if sp.z {
        return Err(value_error("Negative zero coercion (z) not allowed in string format specifier"));
    }
    if sp.alt {
        return Err(value_error("Alternate form (#) not allowed in string format specifier"));
    }
    if sp.align == Some('=') {
        return Err(value_error("'=' alignment not allowed in string format specifier"));
    }
    let body = match sp.precision {
        Some(p) => char_prefix(s, p),
        None => s,
    };
    Ok(pad("", "", body, sp, '<'))
}

/// format(v, spec) as a Rust string.
pub fn format_obj(v: &Obj, spec: &str) -> PyResult<String> {
    if v.ty().heap {
        if let Some(r) = ops::call_special(v, "__format__", &[&Obj::str(spec)]) {
            let r = r?;
            return r.as_str().map(|s| s.to_string()).ok_or_else(|| type_error("__format__ must return a str"));
        }
    }
    format_builtin(v, spec)
}

/// The builtin types' own formatting of `v` (what their `__format__` does).
pub fn format_builtin(v: &Obj, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return ops::str_string(v);
    }
    let tname = v.type_name();
    if let Some(i) = as_int(v) {
        return format_int_of(i, &parse_spec(spec, Some('d'), tname)?, tname);
    }
    if let Some(f) = as_float(v) {
        return format_float_of(f, &parse_spec(spec, None, tname)?, tname);
    }
    if let Some(s) = v.as_str() {
        return format_str_of(s, &parse_spec(spec, Some('s'), tname)?, tname);
    }
    Err(type_error(format!("unsupported format string passed to {}.__format__", tname)))
}

/// FORMAT_VALUE: conversion (0, 's', 'r', 'a') then format with the spec.
pub fn format_value(v: &Obj, conversion: u8, spec: Option<&Obj>) -> PyResult {
    // b's'/b'r'/b'a', or CPython's FORMAT_VALUE conversion codes 1/2/3
    let converted = match conversion {
        b's' | 1 => ops::to_str(v)?,
        b'r' | 2 => ops::to_repr(v)?,
        b'a' | 3 => Obj::string(ascii_of(&ops::repr_string(v)?)),
        _ => v.clone(),
    };
    let spec_s = match spec {
        Some(s) => s.as_str().unwrap_or(""),
        None => "",
    };
    if spec_s.is_empty() && converted.is_type(&crate::objects::str::STR_TYPE) {
        return Ok(converted);
    }
    Ok(Obj::string(format_obj(&converted, spec_s)?))
}

pub fn ascii_of(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let u = c as u32;
        if u < 128 {
            out.push(c);
        } else if u <= 0xff {
            out.push_str(&format!("\\x{:02x}", u));
        } else if u <= 0xffff {
            out.push_str(&format!("\\u{:04x}", u));
        } else {
            out.push_str(&format!("\\U{:08x}", u));
        }
    }
    out
}

// ---------------------------------------------------------------- str.format

fn field_lookup(name: &str, args: &[Obj], kw: &[(String, Obj)], auto: &mut usize) -> PyResult {
    // split first part from .attr / [key] chain
    let end = name.find(|c| c == '.' || c == '[').unwrap_or(name.len());
    let first = &name[..end];
    let mut obj = if first.is_empty() {
        let i = *auto;
        *auto += 1;
        args.get(i).cloned().ok_or_else(|| index_error(format!("Replacement index {} out of range for positional args tuple", i)))?
    } else if let Ok(i) = first.parse::<usize>() {
        args.get(i).cloned().ok_or_else(|| index_error(format!("Replacement index {} out of range for positional args tuple", i)))?
    } else {
        match kw.iter().find(|(k, _)| k == first) {
            Some((_, v)) => v.clone(),
            None => return Err(key_error(Obj::str(first))),
        }
    };
    let mut rest = &name[end..];
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let e = r.find(|c| c == '.' || c == '[').unwrap_or(r.len());
            obj = ops::getattr_str(&obj, &r[..e])?;
            rest = &r[e..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let e = r.find(']').ok_or_else(|| value_error("Missing ']' in format string"))?;
            let key = &r[..e];
            let k = match key.parse::<i64>() {
                Ok(i) => Obj::int(i),
                Err(_) => Obj::str(key),
            };
            obj = ops::getitem(&obj, &k)?;
            rest = &r[e + 1..];
        } else {
            return Err(value_error("Only '.' or '[' may follow ']' in format field specifier"));
        }
    }
    Ok(obj)
}

pub fn vformat(fmt: &str, args: &[Obj], kw: &[(String, Obj)], auto: &mut usize, depth: u32) -> PyResult<String> {
    if depth > 2 {
        return Err(value_error("Max string recursion exceeded"));
    }
    let b = fmt.as_bytes();
    let mut out = String::with_capacity(fmt.len());
    let mut i = 0;
    while i < b.len() {
        let run = b[i..].iter().position(|&c| c == b'{' || c == b'}').map_or(b.len(), |k| i + k);
        out.push_str(&fmt[i..run]);
        i = run;
        if i >= b.len() {
            break;
        }
        if b[i] == b'}' {
            if i + 1 < b.len() && b[i + 1] == b'}' {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(value_error("Single '}' encountered in format string"));
        }
        if i + 1 < b.len() && b[i + 1] == b'{' {
            out.push('{');
            i += 2;
            continue;
        }
        // the matching '}'
        let mut lvl = 1;
        let mut j = i + 1;
        while j < b.len() {
            if b[j] == b'{' {
                lvl += 1;
            } else if b[j] == b'}' {
                lvl -= 1;
                if lvl == 0 {
                    break;
                }
            }
            j += 1;
        }
        if j >= b.len() {
            return Err(value_error("expected '}' before end of string"));
        }
        let field = &fmt[i + 1..j];
        let (name_conv, spec) = match field.find(':') {
            Some(p) => (&field[..p], &field[p + 1..]),
            None => (field, ""),
        };
        let (name, conv) = match name_conv.find('!') {
            Some(p) => (&name_conv[..p], name_conv[p + 1..].chars().next()),
            None => (name_conv, None),
        };
        let v = field_lookup(name, args, kw, auto)?;
        let v = match conv {
            Some('r') => ops::to_repr(&v)?,
            Some('s') => ops::to_str(&v)?,
            Some('a') => Obj::string(ascii_of(&ops::repr_string(&v)?)),
            None => v,
            Some(c) => return Err(value_error(format!("Unknown conversion specifier {}", c))),
        };
        if spec.contains('{') {
            let spec = vformat(spec, args, kw, auto, depth + 1)?;
            out.push_str(&format_obj(&v, &spec)?);
        } else if spec.is_empty() && v.is_type(&crate::objects::str::STR_TYPE) {
            out.push_str(v.as_str().unwrap());
        } else {
            out.push_str(&format_obj(&v, spec)?);
        }
        i = j + 1;
    }
    Ok(out)
}

pub fn str_format_method(fmt: &str, args: &[Obj], kwnames: Option<&Obj>) -> PyResult {
    let names: Vec<String> = kwnames
        .and_then(try_tuple_items)
        .map(|t| t.iter().map(|n| n.as_str().unwrap_or("").to_string()).collect())
        .unwrap_or_default();
    let npos = args.len() - names.len();
    let kw: Vec<(String, Obj)> = names.into_iter().zip(args[npos..].iter().cloned()).collect();
    let mut auto = 0;
    Ok(Obj::string(vformat(fmt, &args[..npos], &kw, &mut auto, 0)?))
}

// ---------------------------------------------------------------- printf-style

/// `str % arg`
/// What `ops` calls for `%` (see `hooks::Percent`): a program's `main` installs it.
pub static PERCENT_HOOKS: crate::hooks::Percent = crate::hooks::Percent { str: percent_format, bytes: percent_format_bytes };

pub fn percent_format(fmt: &str, arg: &Obj) -> PyResult {
    Ok(Obj::string(percent_core(fmt, arg, false)?))
}

/// `bytes % arg` (PEP 461): the format's bytes as Latin-1 characters through the same
/// formatter, `%s`/`%b` taking bytes-like values, `%r`/`%a` ascii(), `%c` one byte.
pub fn percent_format_bytes(fmt: &[u8], arg: &Obj) -> PyResult {
    let out = percent_core(&latin1(fmt), arg, true)?;
    Ok(Obj::bytes(&out.chars().map(|c| c as u32 as u8).collect::<Vec<u8>>()))
}

fn latin1(b: &[u8]) -> String {
    b.iter().map(|b| *b as char).collect()
}

/// `%s` / `%b` in a bytes format: a bytes-like object or one with `__bytes__`.
fn bytes_conversion(v: &Obj) -> PyResult<String> {
    if let Some(b) = crate::objects::bytes::as_bytes(v) {
        return Ok(latin1(b));
    }
    if let Some(r) = ops::call_special(v, "__bytes__", &[]) {
        let r = r?;
        if let Some(b) = crate::objects::bytes::as_bytes(&r) {
            return Ok(latin1(b));
        }
    }
    Err(type_error(format!(
        "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
        v.type_name()
    )))
}

/// `%c` in a bytes format: an int in range(256) or a bytes object of length 1.
fn byte_char(v: &Obj) -> PyResult<String> {
    if let Some(b) = crate::objects::bytes::as_bytes(v).filter(|b| b.len() == 1) {
        return Ok(latin1(b));
    }
    if as_int(v).is_some() {
        return match ops::index_value(v) {
            Ok(n) if (0..256).contains(&n) => Ok((n as u8 as char).to_string()),
            _ => Err(crate::objects::exceptions::overflow_error("%c arg not in range(256)")),
        };
    }
    if crate::modules::sys::python_minor() >= 14 {
        return Err(type_error(format!("%c requires an integer in range(256) or a single byte, not {}", v.type_name())));
    }
    Err(type_error("%c requires an integer in range(256) or a single byte"))
}

/// The index of the `)` closing a `%(key)` that opens at `open`; parentheses nest in keys.
fn key_end(b: &[u8], open: usize) -> PyResult<usize> {
    let mut depth = 0;
    for (k, c) in b.iter().enumerate().skip(open) {
        match c {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Ok(k);
                }
            }
            _ => {}
        }
    }
    Err(value_error("incomplete format key"))
}

/// A `*` width or precision: an exact int argument.
fn star_int(v: &Obj) -> PyResult<i64> {
    if as_int(v).is_none() {
        return Err(type_error("* wants int"));
    }
    ops::index_value(v)
}

fn not_all_converted(bytes_mode: bool) -> crate::objects::exceptions::Exc {
    type_error(format!("not all arguments converted during {} formatting", if bytes_mode { "bytes" } else { "string" }))
}

/// PyMapping_Check as `%` applies it: the argument is a mapping for `%(key)` conversions when
/// its type can be subscripted and it is not a tuple (nor the format's own kind of string).
fn percent_mapping(arg: &Obj, bytes_mode: bool) -> bool {
    match arg.layout() {
        crate::object::Layout::Tuple => false,
        crate::object::Layout::Str => bytes_mode,
        crate::object::Layout::Bytes => !bytes_mode,
        crate::object::Layout::Dict | crate::object::Layout::List | crate::object::Layout::Range => true,
        _ => ops::lookup_special(arg, "__getitem__").is_some(),
    }
}

/// The arguments of a `%` format as CPython walks them: a tuple's items one by one, any other
/// object once; a `%(key)` conversion takes `mapping[key]` and leaves nothing for conversions
/// without a key after it.
struct PercentArgs {
    args: Obj,
    len: isize,
    idx: isize,
    mapping: Option<Obj>,
}

impl PercentArgs {
    fn new(arg: &Obj, bytes_mode: bool) -> PercentArgs {
        let len = try_tuple_items(arg).map(|t| t.len() as isize);
        PercentArgs {
            args: arg.clone(),
            len: len.unwrap_or(-1),
            idx: if len.is_some() { 0 } else { -2 },
            mapping: if percent_mapping(arg, bytes_mode) { Some(arg.clone()) } else { None },
        }
    }

    fn next(&mut self) -> PyResult {
        if self.idx >= self.len {
            return Err(type_error("not enough arguments for format string"));
        }
        self.idx += 1;
        if self.len < 0 {
            return Ok(self.args.clone());
        }
        Ok(try_tuple_items(&self.args).expect("tuple")[(self.idx - 1) as usize].clone())
    }

    fn select_key(&mut self, key: &Obj) -> PyResult<()> {
        let map = self.mapping.clone().ok_or_else(|| type_error("format requires a mapping"))?;
        self.args = ops::getitem(&map, key)?;
        self.len = -1;
        self.idx = -2;
        Ok(())
    }

    fn all_converted(&self) -> bool {
        self.idx >= self.len || self.mapping.is_some()
    }
}

/// The flags, width and precision of one `%` conversion, from `b[*i..]` (advancing `*i`);
/// `*` takes the width or precision from the arguments; `-` sets left alignment.
fn percent_spec(b: &[u8], i: &mut usize, args: &mut PercentArgs) -> PyResult<Spec> {
    let mut sp = Spec::default();
    let mut left = false;
    while *i < b.len() && matches!(b[*i], b'-' | b'+' | b' ' | b'#' | b'0') {
        match b[*i] {
            b'-' => left = true,
            b'+' => sp.sign = Some('+'),
            b' ' => {
                if sp.sign.is_none() {
                    sp.sign = Some(' ')
                }
            }
            b'#' => sp.alt = true,
            _ => sp.zero = true,
        }
        *i += 1;
    }
    if *i < b.len() && b[*i] == b'*' {
        let w = star_int(&args.next()?)?;
        if w < 0 {
            left = true;
        }
        sp.width = Some(w.unsigned_abs() as usize);
        *i += 1;
    } else {
        sp.width = digits_at(b, i);
    }
    if *i < b.len() && b[*i] == b'.' {
        *i += 1;
        if *i < b.len() && b[*i] == b'*' {
            sp.precision = Some(star_int(&args.next()?)?.max(0) as usize);
            *i += 1;
        } else {
            sp.precision = Some(digits_at(b, i).unwrap_or(0));
        }
    }
    if left {
        sp.align = Some('<');
        sp.zero = false;
    }
    Ok(sp)
}

/// `%d %i %u %x %X %o`: an int (or for d/i/u a float, truncated) with the flags; precision
/// is a minimum number of digits, and the `#` prefix and sign go before any zero padding.
fn percent_int(out: &mut String, v: &Obj, conv: char, sp: &Spec) -> PyResult<()> {
    let converted;
    let iv = if let (Some(f), 'd' | 'i' | 'u') = (as_float(v), conv) {
        if f.is_infinite() {
            return Err(crate::objects::exceptions::overflow_error("cannot convert float infinity to integer"));
        }
        if f.is_nan() {
            return Err(value_error("cannot convert float NaN to integer"));
        }
        converted = crate::objects::int::int_from_big(crate::objects::bigint::BigInt::from_f64(f));
        as_int(&converted).unwrap()
    } else if let Some(i) = as_int(v) {
        i
    } else {
        return Err(type_error(format!(
            "%{} format: {} is required, not {}",
            conv,
            if conv == 'd' || conv == 'i' || conv == 'u' { "a real number" } else { "an integer" },
            v.type_name()
        )));
    };
    let ty = if matches!(conv, 'i' | 'u') { 'd' } else { conv };
    let sign = sign_str(int_is_neg(iv), sp);
    let prefix = if sp.alt && ty != 'd' { radix_of(ty).2 } else { "" };
    let isp = Spec { width: sp.width, align: sp.align, zero: sp.zero, ..Default::default() };
    with_digits(iv, ty, |digits| {
        match sp.precision {
            Some(p) if digits.len() < p => {
                let padded = format!("{}{}", "0".repeat(p - digits.len()), digits);
                pad_into(out, sign, prefix, &padded, &isp, '>')
            }
            _ => pad_into(out, sign, prefix, digits, &isp, '>'),
        }
        Ok(())
    })
}

/// `%s %r %a` (and `%b` of bytes): the text of `v`, cut to the precision, padded.
fn percent_text(out: &mut String, v: &Obj, conv: char, sp: &Spec, bytes_mode: bool) -> PyResult<()> {
    let owned;
    let text: &str = match conv {
        's' | 'b' if bytes_mode => {
            owned = bytes_conversion(v)?;
            &owned
        }
        'r' if bytes_mode => {
            owned = ascii_of(&ops::repr_string(v)?);
            &owned
        }
        's' if v.is_type(&crate::objects::str::STR_TYPE) => v.as_str().unwrap(),
        's' => {
            owned = ops::str_string(v)?;
            &owned
        }
        'r' => {
            owned = ops::repr_string(v)?;
            &owned
        }
        _ => {
            owned = ascii_of(&ops::repr_string(v)?);
            &owned
        }
    };
    let text = match sp.precision {
        Some(p) => char_prefix(text, p),
        None => text,
    };
    let tsp = Spec { width: sp.width, align: sp.align, ..Default::default() };
    pad_into(out, "", "", text, &tsp, '>');
    Ok(())
}

/// `%c`: one character (str) or code point (int); in a bytes format one byte.
fn percent_char(out: &mut String, v: &Obj, sp: &Spec, bytes_mode: bool) -> PyResult<()> {
    let c = if bytes_mode {
        byte_char(v)?
    } else if let Some(s) = v.as_str().filter(|s| s.chars().count() == 1) {
        s.to_string()
    } else if as_int(v).is_some() {
        let n = ops::index_value(v).unwrap_or(-1);
        match std::char::from_u32(n as u32).filter(|_| (0..0x110000).contains(&n)) {
            Some(c) => c.to_string(),
            None => return Err(crate::objects::exceptions::overflow_error("%c arg not in range(0x110000)")),
        }
    } else {
        return Err(type_error("%c requires int or char"));
    };
    let csp = Spec { width: sp.width, align: sp.align, ..Default::default() };
    pad_into(out, "", "", &c, &csp, '>');
    Ok(())
}

fn percent_core(fmt: &str, arg: &Obj, bytes_mode: bool) -> PyResult<String> {
    let b = fmt.as_bytes();
    let mut args = PercentArgs::new(arg, bytes_mode);
    let mut out = String::with_capacity(fmt.len() + 16);
    let mut i = 0;
    while i < b.len() {
        let run = b[i..].iter().position(|&c| c == b'%').map_or(b.len(), |k| i + k);
        out.push_str(&fmt[i..run]);
        if run >= b.len() {
            break;
        }
        i = run + 1;
        if i >= b.len() {
            return Err(value_error("incomplete format"));
        }
        if b[i] == b'%' {
            out.push('%');
            i += 1;
            continue;
        }
        if b[i] == b'(' {
            let e = key_end(b, i)?;
            let key = &fmt[i + 1..e];
            let key = if bytes_mode { Obj::bytes(&key.chars().map(|c| c as u32 as u8).collect::<Vec<u8>>()) } else { Obj::str(key) };
            args.select_key(&key)?;
            i = e + 1;
        }
        let mut sp = percent_spec(b, &mut i, &mut args)?;
        let conv = match fmt[i..].chars().next() {
            Some(c) => c,
            None => return Err(value_error("incomplete format")),
        };
        let at = i;
        i += conv.len_utf8();
        let v = args.next()?;
        match conv {
            's' | 'r' | 'a' => percent_text(&mut out, &v, conv, &sp, bytes_mode)?,
            'b' if bytes_mode => percent_text(&mut out, &v, conv, &sp, bytes_mode)?,
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' => percent_int(&mut out, &v, conv, &sp)?,
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let f = ops::number_to_f64(&v).map_err(|_| type_error(format!("must be real number, not {}", v.type_name())))?;
                sp.ty = Some(conv);
                if sp.precision.is_none() {
                    sp.precision = Some(6);
                }
                out.push_str(&format_float(f, &sp)?);
            }
            'c' => percent_char(&mut out, &v, &sp, bytes_mode)?,
            _ => {
                return Err(value_error(format!(
                    "unsupported format character '{}' (0x{:x}) at index {}",
                    conv,
                    conv as u32,
                    fmt[..at].chars().count()
                )))
            }
        }
    }
    if !args.all_converted() {
        return Err(not_all_converted(bytes_mode));
    }
    Ok(out)
}
