//! The `bytes` type: immutable byte strings with CPython's repr.
use super::exceptions::{index_error, type_error, value_error};
use super::str::nargs;
use crate::object::{alloc, Layout, MethodFn, Obj};
use crate::ops;
use crate::PyResult;

pub struct BytesObj {
    pub b: Vec<u8>,
}

crate::static_type!(BYTES_TYPE, "bytes", &super::typeobj::OBJECT_TYPE, Bytes, BYTES_METHODS);

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

fn m_decode(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let b = as_bytes(this).unwrap();
    match std::str::from_utf8(b) {
        Ok(s) => Ok(Obj::str(s)),
        Err(e) => Err(super::exceptions::new_exc(
            &super::exceptions::UNICODE_DECODE_ERROR,
            format!(
                "'utf-8' codec can't decode byte 0x{:02x} in position {}: invalid start byte",
                b[e.valid_up_to()],
                e.valid_up_to()
            ),
        )),
    }
}
fn m_hex(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let b = as_bytes(this).unwrap();
    Ok(Obj::string(b.iter().map(|c| format!("{:02x}", c)).collect()))
}
fn m_count(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
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
static BYTES_METHODS: &[(&str, MethodFn)] = &[("decode", m_decode), ("hex", m_hex), ("count", m_count)];
