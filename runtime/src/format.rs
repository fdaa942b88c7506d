//! Formatting: the format-spec mini-language (format(), f-strings), str.format(), and
//! printf-style `str % args`.
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

pub fn parse_spec(s: &str) -> PyResult<Spec> {
    let cs: Vec<char> = s.chars().collect();
    let mut sp = Spec::default();
    let mut i = 0;
    let is_align = |c: char| matches!(c, '<' | '>' | '=' | '^');
    if cs.len() >= 2 && is_align(cs[1]) {
        sp.fill = Some(cs[0]);
        sp.align = Some(cs[1]);
        i = 2;
    } else if !cs.is_empty() && is_align(cs[0]) {
        sp.align = Some(cs[0]);
        i = 1;
    }
    if i < cs.len() && matches!(cs[i], '+' | '-' | ' ') {
        sp.sign = Some(cs[i]);
        i += 1;
    }
    if i < cs.len() && cs[i] == 'z' {
        sp.z = true;
        i += 1;
    }
    if i < cs.len() && cs[i] == '#' {
        sp.alt = true;
        i += 1;
    }
    if i < cs.len() && cs[i] == '0' {
        sp.zero = true;
        i += 1;
    }
    let st = i;
    while i < cs.len() && cs[i].is_ascii_digit() {
        i += 1;
    }
    if i > st {
        sp.width = Some(cs[st..i].iter().collect::<String>().parse().unwrap());
    }
    if i < cs.len() && (cs[i] == ',' || cs[i] == '_') {
        sp.grouping = Some(cs[i]);
        i += 1;
    }
    if i < cs.len() && cs[i] == '.' {
        i += 1;
        let st = i;
        while i < cs.len() && cs[i].is_ascii_digit() {
            i += 1;
        }
        if i == st {
            return Err(value_error("Format specifier missing precision"));
        }
        sp.precision = Some(cs[st..i].iter().collect::<String>().parse().unwrap());
    }
    if i < cs.len() {
        sp.ty = Some(cs[i]);
        i += 1;
    }
    if i < cs.len() {
        return Err(value_error("Invalid format specifier"));
    }
    check_grouping(&sp)?;
    Ok(sp)
}

/// CPython's check of ',' / '_' against the type (PEP 378, PEP 515): '_' also goes with
/// b/o/x/X, nothing goes with c, n, s.
fn check_grouping(sp: &Spec) -> PyResult<()> {
    let (g, ty) = match (sp.grouping, sp.ty) {
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

/// Pads `body` (with optional sign/prefix kept left of '=' padding) to the spec width.
fn pad(sign: &str, body: &str, sp: &Spec, default_align: char) -> String {
    // '0' sets the fill when none is given; it implies '=' only for right-aligned kinds
    let fill = sp.fill.unwrap_or(if sp.zero { '0' } else { ' ' });
    let align = sp.align.unwrap_or(if sp.zero && default_align == '>' { '=' } else { default_align });
    let len = sign.chars().count() + body.chars().count();
    let w = sp.width.unwrap_or(0);
    if len >= w {
        return format!("{}{}", sign, body);
    }
    let padn = w - len;
    let f = |n: usize| std::iter::repeat(fill).take(n).collect::<String>();
    match align {
        '<' => format!("{}{}{}", sign, body, f(padn)),
        '>' => format!("{}{}{}", f(padn), sign, body),
        '^' => format!("{}{}{}{}", f(padn / 2), sign, body, f(padn - padn / 2)),
        _ => format!("{}{}{}", sign, f(padn), body),
    }
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
    let neg = int_is_neg(v);
    let (digits, prefix) = match ty {
        'd' | 'n' | 'x' | 'X' | 'o' | 'b' => magnitude_digits(v, ty)?,
        'c' => {
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
            return Ok(pad("", &c.to_string(), sp, '>'));
        }
        _ => {
            return Err(value_error(format!("Unknown format code '{}' for object of type '{}'", ty, tname)));
        }
    };
    let every = if ty == 'd' || ty == 'n' { 3 } else { 4 };
    let sign = format!("{}{}", sign_str(neg, sp), if sp.alt { prefix } else { "" });
    if let Some(s) = zero_pad_grouped(&sign, &digits, "", sp, sp.grouping, every) {
        return Ok(s);
    }
    let body = match sp.grouping {
        Some(g) => group(&digits, g, every),
        None => digits,
    };
    Ok(pad(&sign, &body, sp, '>'))
}

/// The digits of |v| for an integer presentation type (d n x X o b) and its `#` prefix; a
/// machine-size int without going through a big integer.
fn magnitude_digits(v: &IntVal, ty: char) -> PyResult<(String, &'static str)> {
    if let IntVal::Small(i) = v {
        let m = i.unsigned_abs();
        return Ok(match ty {
            'x' => (format!("{:x}", m), "0x"),
            'X' => (format!("{:X}", m), "0X"),
            'o' => (format!("{:o}", m), "0o"),
            'b' => (format!("{:b}", m), "0b"),
            _ => (m.to_string(), ""),
        });
    }
    let mag_v = IntVal::Big(Box::new(to_big(v).abs()));
    Ok(match ty {
        'x' => (int_to_string_radix(&mag_v, 16), "0x"),
        'X' => (int_to_string_radix(&mag_v, 16).to_uppercase(), "0X"),
        'o' => (int_to_string_radix(&mag_v, 8), "0o"),
        'b' => (int_to_string_radix(&mag_v, 2), "0b"),
        _ => (crate::objects::int::int_to_decimal(&mag_v)?, ""),
    })
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
    let ax = x.abs();
    let body = if x.is_nan() {
        if ty == '%' { "nan%" } else { "nan" }.to_string()
    } else if x.is_infinite() {
        if ty == '%' { "inf%" } else { "inf" }.to_string()
    } else {
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
    let (int_part, frac) = match body.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => (body[..i].to_string(), body[i..].to_string()),
        None => (body.clone(), String::new()),
    };
    if x.is_finite() {
        if let Some(s) = zero_pad_grouped(sign, &int_part, &frac, sp, sp.grouping, 3) {
            return Ok(s);
        }
    }
    let body = match sp.grouping {
        Some(g) if x.is_finite() => format!("{}{}", group(&int_part, g, 3), frac),
        _ => body,
    };
    Ok(pad(sign, &body, sp, '>'))
}

pub fn format_str(s: &str, sp: &Spec) -> PyResult<String> {
    format_str_of(s, sp, "str")
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
    if sp.align == Some('=') {
        return Err(value_error("'=' alignment not allowed in string format specifier"));
    }
    let body: String = match sp.precision {
        Some(p) => s.chars().take(p).collect(),
        None => s.to_string(),
    };
    Ok(pad("", &body, sp, '<'))
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
    if let Some(i) = as_int(v) {
        return format_int_of(i, &parse_spec(spec)?, v.type_name());
    }
    if let Some(f) = as_float(v) {
        return format_float_of(f, &parse_spec(spec)?, v.type_name());
    }
    if let Some(s) = v.as_str() {
        return format_str_of(s, &parse_spec(spec)?, v.type_name());
    }
    Err(type_error(format!("unsupported format string passed to {}.__format__", v.type_name())))
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
    let cs: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if c == '{' {
            if i + 1 < cs.len() && cs[i + 1] == '{' {
                out.push('{');
                i += 2;
                continue;
            }
            // find matching '}'
            let mut lvl = 1;
            let mut j = i + 1;
            while j < cs.len() {
                if cs[j] == '{' {
                    lvl += 1;
                } else if cs[j] == '}' {
                    lvl -= 1;
                    if lvl == 0 {
                        break;
                    }
                }
                j += 1;
            }
            if j >= cs.len() {
                return Err(value_error("expected '}' before end of string"));
            }
            let field: String = cs[i + 1..j].iter().collect();
            let (name_conv, spec) = match field.find(':') {
                Some(p) => (field[..p].to_string(), field[p + 1..].to_string()),
                None => (field.clone(), String::new()),
            };
            let (name, conv) = match name_conv.find('!') {
                Some(p) => (name_conv[..p].to_string(), name_conv[p + 1..].chars().next()),
                None => (name_conv, None),
            };
            let v = field_lookup(&name, args, kw, auto)?;
            let v = match conv {
                Some('r') => ops::to_repr(&v)?,
                Some('s') => ops::to_str(&v)?,
                Some('a') => Obj::string(ascii_of(&ops::repr_string(&v)?)),
                None => v,
                Some(c) => return Err(value_error(format!("Unknown conversion specifier {}", c))),
            };
            let spec = if spec.contains('{') { vformat(&spec, args, kw, auto, depth + 1)? } else { spec };
            out.push_str(&format_obj(&v, &spec)?);
            i = j + 1;
        } else if c == '}' {
            if i + 1 < cs.len() && cs[i + 1] == '}' {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(value_error("Single '}' encountered in format string"));
        } else {
            out.push(c);
            i += 1;
        }
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
    Ok(Obj::string(percent_core(fmt.chars().collect(), arg, false)?))
}

/// `bytes % arg` (PEP 461): the format's bytes as Latin-1 characters through the same
/// formatter, `%s`/`%b` taking bytes-like values, `%r`/`%a` ascii(), `%c` one byte.
pub fn percent_format_bytes(fmt: &[u8], arg: &Obj) -> PyResult {
    let out = percent_core(fmt.iter().map(|b| *b as char).collect(), arg, true)?;
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
fn key_end(cs: &[char], open: usize) -> PyResult<usize> {
    let mut depth = 0;
    for (k, c) in cs.iter().enumerate().skip(open) {
        match c {
            '(' => depth += 1,
            ')' => {
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

fn percent_core(cs: Vec<char>, arg: &Obj, bytes_mode: bool) -> PyResult<String> {
    let mut args = PercentArgs::new(arg, bytes_mode);
    let mut out = String::new();
    let mut i = 0;
    while i < cs.len() {
        if cs[i] != '%' {
            out.push(cs[i]);
            i += 1;
            continue;
        }
        i += 1;
        if i >= cs.len() {
            return Err(value_error("incomplete format"));
        }
        if cs[i] == '(' {
            let e = key_end(&cs, i)?;
            let key: String = cs[i + 1..e].iter().collect();
            let key = if bytes_mode { Obj::bytes(&key.chars().map(|c| c as u32 as u8).collect::<Vec<u8>>()) } else { Obj::string(key) };
            args.select_key(&key)?;
            i = e + 1;
        }
        let mut sp = Spec::default();
        let mut left = false;
        while i < cs.len() && matches!(cs[i], '-' | '+' | ' ' | '#' | '0') {
            match cs[i] {
                '-' => left = true,
                '+' => sp.sign = Some('+'),
                ' ' => {
                    if sp.sign.is_none() {
                        sp.sign = Some(' ')
                    }
                }
                '#' => sp.alt = true,
                _ => sp.zero = true,
            }
            i += 1;
        }
        if i < cs.len() && cs[i] == '*' {
            let w = star_int(&args.next()?)?;
            if w < 0 {
                left = true;
            }
            sp.width = Some(w.unsigned_abs() as usize);
            i += 1;
        } else {
            let st = i;
            while i < cs.len() && cs[i].is_ascii_digit() {
                i += 1;
            }
            if i > st {
                sp.width = Some(cs[st..i].iter().collect::<String>().parse().unwrap());
            }
        }
        if i < cs.len() && cs[i] == '.' {
            i += 1;
            if i < cs.len() && cs[i] == '*' {
                sp.precision = Some(star_int(&args.next()?)?.max(0) as usize);
                i += 1;
            } else {
                let st = i;
                while i < cs.len() && cs[i].is_ascii_digit() {
                    i += 1;
                }
                sp.precision = Some(cs[st..i].iter().collect::<String>().parse().unwrap_or(0));
            }
        }
        if i >= cs.len() {
            return Err(value_error("incomplete format"));
        }
        let conv = cs[i];
        i += 1;
        if conv == '%' {
            out.push('%');
            continue;
        }
        if left {
            sp.align = Some('<');
            sp.zero = false;
        }
        let v = args.next()?;
        let s = match conv {
            's' | 'r' | 'a' | 'b' if bytes_mode || conv != 'b' => {
                let s = match conv {
                    's' | 'b' if bytes_mode => bytes_conversion(&v)?,
                    'r' if bytes_mode => ascii_of(&ops::repr_string(&v)?),
                    's' => ops::str_string(&v)?,
                    'r' => ops::repr_string(&v)?,
                    _ => ascii_of(&ops::repr_string(&v)?),
                };
                let s: String = match sp.precision {
                    Some(p) => s.chars().take(p).collect(),
                    None => s,
                };
                sp.precision = None;
                sp.zero = false;
                pad("", &s, &sp, '>')
            }
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                let iv = if let (Some(f), 'd' | 'i' | 'u') = (as_float(&v), conv) {
                    if f.is_infinite() {
                        return Err(crate::objects::exceptions::overflow_error("cannot convert float infinity to integer"));
                    }
                    if f.is_nan() {
                        return Err(value_error("cannot convert float NaN to integer"));
                    }
                    crate::objects::int::int_from_big(crate::objects::bigint::BigInt::from_f64(f))
                } else if as_int(&v).is_some() {
                    v.clone()
                } else {
                    return Err(type_error(format!(
                        "%{} format: {} is required, not {}",
                        conv,
                        if conv == 'd' || conv == 'i' || conv == 'u' { "a real number" } else { "an integer" },
                        v.type_name()
                    )));
                };
                let mut isp = Spec { ty: Some(if matches!(conv, 'i' | 'u') { 'd' } else { conv }), ..Default::default() };
                isp.sign = sp.sign;
                isp.alt = sp.alt;
                isp.width = sp.width;
                isp.align = sp.align;
                isp.zero = sp.zero;
                let prec = sp.precision;
                let mut r = format_int(as_int(&iv).unwrap(), &Spec { ty: isp.ty, ..Default::default() })?;
                // precision pads the digits with zeros; the '#' prefix goes in front of them
                let (sg, mut digits) = if r.starts_with('-') { ("-", r[1..].to_string()) } else { ("", r.clone()) };
                if let Some(p) = prec {
                    if digits.len() < p {
                        digits = format!("{}{}", "0".repeat(p - digits.len()), digits);
                    }
                }
                let prefix = if isp.alt && matches!(conv, 'x' | 'X' | 'o') { format!("0{}", conv) } else { String::new() };
                r = format!("{}{}", sg, digits);
                let neg = r.starts_with('-');
                let body = if neg { r[1..].to_string() } else { r };
                // zero padding goes between the sign and '#' prefix and the digits
                pad(&format!("{}{}", sign_str(neg, &isp), prefix), &body, &isp, '>')
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let f = ops::number_to_f64(&v).map_err(|_| type_error(format!("must be real number, not {}", v.type_name())))?;
                sp.ty = Some(conv);
                if sp.precision.is_none() {
                    sp.precision = Some(6);
                }
                format_float(f, &sp)?
            }
            'c' if bytes_mode => {
                let c = byte_char(&v)?;
                sp.zero = false;
                pad("", &c, &sp, '>')
            }
            'c' => {
                let c = if let Some(s) = v.as_str().filter(|s| s.chars().count() == 1) {
                    s.to_string()
                } else if as_int(&v).is_some() {
                    let n = ops::index_value(&v).unwrap_or(-1);
                    match std::char::from_u32(n as u32).filter(|_| (0..0x110000).contains(&n)) {
                        Some(c) => c.to_string(),
                        None => return Err(crate::objects::exceptions::overflow_error("%c arg not in range(0x110000)")),
                    }
                } else {
                    return Err(type_error("%c requires int or char"));
                };
                sp.zero = false;
                pad("", &c, &sp, '>')
            }
            _ => {
                return Err(value_error(format!(
                    "unsupported format character '{}' (0x{:x}) at index {}",
                    conv,
                    conv as u32,
                    i - 1
                )))
            }
        };
        out.push_str(&s);
    }
    if !args.all_converted() {
        return Err(not_all_converted(bytes_mode));
    }
    Ok(out)
}
