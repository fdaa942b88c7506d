//! `binascii` (CPython's Modules/binascii.c): hex, base64 (with strict_mode), uu, crc32,
//! crc_hqx, and the Error / Incomplete exceptions. Quoted-printable is not provided.
use crate::object::Obj;
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::bytes::as_bytes;
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::exceptions::{type_error, value_error, Exc};
use crate::objects::native::{posonly, unpack};
use crate::{call, ops, PyResult};
use std::cell::RefCell;

thread_local! {
    static CLASSES: RefCell<Option<(Obj, Obj)>> = RefCell::new(None);
}

/// (Error, Incomplete)
fn classes() -> (Obj, Obj) {
    CLASSES.with(|c| {
        if let Some(x) = &*c.borrow() {
            return x.clone();
        }
        let mk = |name: &str, base: Obj| {
            let ns = new_dict();
            let _ = dict_set(&ns, Obj::str("__module__"), Obj::str("binascii"));
            crate::objects::typeobj::new_class(name, vec![base], ns, "binascii").expect("binascii class")
        };
        let e = mk("Error", crate::objects::exceptions::VALUE_ERROR.obj());
        let i = mk("Incomplete", crate::objects::exceptions::EXCEPTION.obj());
        *c.borrow_mut() = Some((e.clone(), i.clone()));
        (e, i)
    })
}

fn error(msg: impl Into<String>) -> Exc {
    match call(&classes().0, vec![Obj::string(msg.into())], None) {
        Ok(v) => Exc::from_value(v),
        Err(e) => e,
    }
}

/// Input of the a2b_* functions: bytes or an ASCII str.
fn ascii_data(o: &Obj) -> PyResult<Vec<u8>> {
    if let Some(s) = o.as_str() {
        if !s.is_ascii() {
            return Err(value_error("string argument should contain only ASCII characters"));
        }
        return Ok(s.as_bytes().to_vec());
    }
    match as_bytes(o) {
        Some(b) => Ok(b.to_vec()),
        None => Err(type_error(format!("argument should be bytes, buffer or ASCII string, not '{}'", o.type_name()))),
    }
}

/// Input of the b2a_* functions and CRCs: bytes only.
fn bin_data(o: &Obj) -> PyResult<&[u8]> {
    match as_bytes(o) {
        Some(b) if o.as_str().is_none() => Ok(b),
        _ => Err(type_error(format!("a bytes-like object is required, not '{}'", o.type_name()))),
    }
}

// ---------------------------------------------------------------- hex

fn hexlify_impl(name: &str, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = unpack(name, a, kw, &["data", "sep", "bytes_per_sep"], 1, 3, 0)?;
    let data = bin_data(v[0].as_ref().unwrap())?;
    let hex: Vec<u8> = data.iter().flat_map(|b| format!("{:02x}", b).into_bytes()).collect();
    let sep = match &v[1] {
        Some(s) if !s.is_none() => {
            let sb = match s.as_str() {
                Some(x) => x.as_bytes().to_vec(),
                None => bin_data(s)?.to_vec(),
            };
            if sb.len() != 1 || (s.as_str().is_some() && !s.as_str().unwrap().is_ascii()) {
                return Err(value_error("sep must be length 1."));
            }
            Some(sb[0])
        }
        _ => None,
    };
    let per = match &v[2] {
        Some(n) => ops::index_value(n)?,
        None => 1,
    };
    let sep = match sep {
        Some(s) if per != 0 && !data.is_empty() => s,
        _ => return Ok(Obj::bytes(&hex)),
    };
    let group = per.unsigned_abs() as usize;
    let n = data.len();
    let mut out = Vec::new();
    // groups are counted from the right for a positive bytes_per_sep, from the left otherwise
    for (i, pair) in hex.chunks(2).enumerate() {
        if i > 0 {
            let boundary = if per > 0 { (n - i) % group == 0 } else { i % group == 0 };
            if boundary {
                out.push(sep);
            }
        }
        out.extend_from_slice(pair);
    }
    Ok(Obj::bytes(&out))
}
fn hexlify(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    hexlify_impl("hexlify", a, kw)
}
fn b2a_hex(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    hexlify_impl("b2a_hex", a, kw)
}

fn unhexlify_impl(name: &str, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = posonly(name, a, kw, 1, 1)?;
    let data = ascii_data(&a[0])?;
    if data.len() % 2 != 0 {
        return Err(error("Odd-length string"));
    }
    let mut out = Vec::with_capacity(data.len() / 2);
    for p in data.chunks(2) {
        let h = (p[0] as char).to_digit(16);
        let l = (p[1] as char).to_digit(16);
        match (h, l) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            _ => return Err(error("Non-hexadecimal digit found")),
        }
    }
    Ok(Obj::bytes(&out))
}
fn unhexlify(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    unhexlify_impl("unhexlify", a, kw)
}
fn a2b_hex(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    unhexlify_impl("a2b_hex", a, kw)
}

// ---------------------------------------------------------------- base64

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn b64_value(c: u8) -> Option<u8> {
    B64.iter().position(|&x| x == c).map(|p| p as u8)
}

fn a2b_base64(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = unpack("a2b_base64", a, kw, &["data", "strict_mode"], 1, 1, 1)?;
    let data = ascii_data(v[0].as_ref().unwrap())?;
    let strict = match &v[1] {
        Some(s) => ops::is_true(s)?,
        None => false,
    };
    let mut out = Vec::with_capacity(data.len() / 4 * 3);
    let (mut quad_pos, mut pads, mut leftchar, mut padding_started) = (0u8, 0u8, 0u8, false);
    let mut done = false;
    for (i, &c) in data.iter().enumerate() {
        if c == b'=' {
            padding_started = true;
            if strict && quad_pos == 0 {
                return Err(error(if i == 0 { "Leading padding not allowed" } else { "Excess padding not allowed" }));
            }
            if quad_pos >= 2 {
                pads += 1;
                if quad_pos + pads >= 4 {
                    if strict && i + 1 < data.len() {
                        return Err(error("Excess data after padding"));
                    }
                    done = true;
                    break;
                }
            }
            continue;
        }
        let ch = match b64_value(c) {
            Some(x) => x,
            None => {
                if strict {
                    return Err(error("Only base64 data is allowed"));
                }
                continue;
            }
        };
        if strict && padding_started {
            return Err(error("Discontinuous padding not allowed"));
        }
        pads = 0;
        match quad_pos {
            0 => {
                quad_pos = 1;
                leftchar = ch;
            }
            1 => {
                quad_pos = 2;
                out.push((leftchar << 2) | (ch >> 4));
                leftchar = ch & 0x0f;
            }
            2 => {
                quad_pos = 3;
                out.push((leftchar << 4) | (ch >> 2));
                leftchar = ch & 0x03;
            }
            _ => {
                quad_pos = 0;
                out.push((leftchar << 6) | ch);
                leftchar = 0;
            }
        }
    }
    if !done && quad_pos != 0 {
        if quad_pos == 1 {
            return Err(error(format!(
                "Invalid base64-encoded string: number of data characters ({}) cannot be 1 more than a multiple of 4",
                out.len() / 3 * 4 + 1
            )));
        }
        return Err(error("Incorrect padding"));
    }
    Ok(Obj::bytes(&out))
}

fn b2a_base64(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = unpack("b2a_base64", a, kw, &["data", "newline"], 1, 1, 1)?;
    let data = bin_data(v[0].as_ref().unwrap())?;
    let newline = match &v[1] {
        Some(n) => ops::is_true(n)?,
        None => true,
    };
    let mut out = Vec::with_capacity((data.len() + 2) / 3 * 4 + 1);
    for ch in data.chunks(3) {
        let b = [ch[0], *ch.get(1).unwrap_or(&0), *ch.get(2).unwrap_or(&0)];
        let n = ((b[0] as u32) << 16) | ((b[1] as u32) << 8) | b[2] as u32;
        for k in 0..4 {
            if k <= ch.len() {
                out.push(B64[((n >> (18 - 6 * k)) & 63) as usize]);
            } else {
                out.push(b'=');
            }
        }
    }
    if newline {
        out.push(b'\n');
    }
    Ok(Obj::bytes(&out))
}

// ---------------------------------------------------------------- uu

fn b2a_uu(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = unpack("b2a_uu", a, kw, &["data", "backtick"], 1, 1, 1)?;
    let data = bin_data(v[0].as_ref().unwrap())?;
    let backtick = match &v[1] {
        Some(b) => ops::is_true(b)?,
        None => false,
    };
    if data.len() > 45 {
        return Err(error("At most 45 bytes at once"));
    }
    let enc = |x: u8| if backtick && x == 0 { b'`' } else { b' ' + x };
    let mut out = vec![enc(data.len() as u8)];
    for ch in data.chunks(3) {
        let b = [ch[0], *ch.get(1).unwrap_or(&0), *ch.get(2).unwrap_or(&0)];
        let n = ((b[0] as u32) << 16) | ((b[1] as u32) << 8) | b[2] as u32;
        for k in 0..4 {
            out.push(enc(((n >> (18 - 6 * k)) & 63) as u8));
        }
    }
    out.push(b'\n');
    Ok(Obj::bytes(&out))
}

fn a2b_uu(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = posonly("a2b_uu", a, kw, 1, 1)?;
    let data = ascii_data(&a[0])?;
    let data: Vec<u8> = data.into_iter().take_while(|&c| c != b'\n' && c != b'\r').collect();
    if data.is_empty() {
        return Ok(Obj::bytes(&[0u8; 32]));
    }
    let n = (data[0].wrapping_sub(b' ') & 0x3f) as usize;
    let dec = |c: u8| -> PyResult<u8> {
        if c == b'`' || c == b' ' || c == b'\n' {
            Ok(0)
        } else if !(b' '..=b' ' + 64).contains(&c) {
            Err(error("Illegal char"))
        } else {
            Ok((c - b' ') & 0x3f)
        }
    };
    let mut out = Vec::with_capacity(n);
    let body = &data[1..];
    let mut i = 0;
    while out.len() < n {
        let mut q = [0u8; 4];
        for k in 0..4 {
            q[k] = match body.get(i + k) {
                Some(&c) => dec(c)?,
                None => 0,
            };
        }
        i += 4;
        let v = ((q[0] as u32) << 18) | ((q[1] as u32) << 12) | ((q[2] as u32) << 6) | q[3] as u32;
        for k in 0..3 {
            if out.len() < n {
                out.push((v >> (16 - 8 * k)) as u8);
            }
        }
    }
    for &c in body.iter().skip(i) {
        if c != b' ' && c != b'`' && c != b'\n' && c != b'\r' {
            return Err(error("Trailing garbage"));
        }
    }
    Ok(Obj::bytes(&out))
}

// ---------------------------------------------------------------- CRCs

/// The CRC-32 of zlib (reflected polynomial 0xEDB88320), continuing from `crc`.
pub fn crc32_update(crc: u32, data: &[u8]) -> u32 {
    thread_local! {
        static TABLE: [u32; 256] = {
            let mut t = [0u32; 256];
            for (n, e) in t.iter_mut().enumerate() {
                let mut c = n as u32;
                for _ in 0..8 {
                    c = if c & 1 != 0 { 0xEDB88320 ^ (c >> 1) } else { c >> 1 };
                }
                *e = c;
            }
            t
        };
    }
    TABLE.with(|t| {
        let mut c = !crc;
        for &b in data {
            c = t[((c ^ b as u32) & 0xff) as usize] ^ (c >> 8);
        }
        !c
    })
}

/// An unsigned int argument masked to 32 bits (CPython's `unsigned int(bitwise=True)`).
pub fn u32_arg(o: &Obj) -> PyResult<u32> {
    if crate::objects::int::as_int(o).is_none() {
        return Err(type_error(format!("'{}' object cannot be interpreted as an integer", o.type_name())));
    }
    let b = crate::objects::int::to_big(crate::objects::int::as_int(o).unwrap()).into_owned();
    let low = *b.mag.first().unwrap_or(&0);
    Ok(if b.neg { low.wrapping_neg() } else { low })
}

fn crc32(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = posonly("crc32", a, kw, 1, 2)?;
    let data = bin_data(&a[0])?;
    let crc = match a.get(1) {
        Some(c) => u32_arg(c)?,
        None => 0,
    };
    Ok(Obj::int(crc32_update(crc, data) as i64))
}

fn crc_hqx(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = posonly("crc_hqx", a, kw, 2, 2)?;
    let data = bin_data(&a[0])?;
    let mut crc = (u32_arg(&a[1])? & 0xffff) as u16;
    for &b in data {
        crc ^= (b as u16) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 { (crc << 1) ^ 0x1021 } else { crc << 1 };
        }
    }
    Ok(Obj::int(crc as i64))
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("binascii"))?;
    let fns: &[(&'static str, BuiltinFn)] = &[
        ("hexlify", hexlify),
        ("b2a_hex", b2a_hex),
        ("unhexlify", unhexlify),
        ("a2b_hex", a2b_hex),
        ("a2b_base64", a2b_base64),
        ("b2a_base64", b2a_base64),
        ("a2b_uu", a2b_uu),
        ("b2a_uu", b2a_uu),
        ("crc32", crc32),
        ("crc_hqx", crc_hqx),
    ];
    for (n, g) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *g))?;
    }
    let (e, i) = classes();
    dict_set(&d, Obj::str("Error"), e)?;
    dict_set(&d, Obj::str("Incomplete"), i)?;
    Ok(crate::objects::module::new_module("binascii", d))
}
