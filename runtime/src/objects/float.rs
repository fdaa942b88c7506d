//! The `float` type: arithmetic with CPython's special cases, repr (shortest round-trip),
//! hashing compatible with int, and exact int/float comparison.
use super::typeobj::value_format;
use super::bigint::BigInt;
use super::exceptions::{overflow_error, value_error, zero_division};
use super::int::{int_cmp, to_big, IntVal};
use crate::object::{Layout, Obj};
use crate::{BinOp, PyResult};
use std::cmp::Ordering;

crate::static_type!(FLOAT_TYPE, "float", &super::typeobj::OBJECT_TYPE, Float, &[]);

pub static FLOAT_METHODS: &[(&str, crate::object::MethodFn)] = &[
    ("is_integer", float_is_integer),
    ("__format__", value_format),
    ("conjugate", float_conjugate),
    ("as_integer_ratio", float_as_integer_ratio),
    ("hex", float_hex),
];

fn this_f(o: &Obj) -> f64 {
    *o.payload::<f64>(Layout::Float).unwrap()
}
pub fn float_is_integer(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let f = this_f(this);
    Ok(Obj::bool(f.is_finite() && f.fract() == 0.0))
}
pub fn float_conjugate(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::float(this_f(this)))
}
pub fn float_as_integer_ratio(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let f = this_f(this);
    if f.is_infinite() {
        return Err(overflow_error("cannot convert Infinity to integer ratio"));
    }
    if f.is_nan() {
        return Err(value_error("cannot convert NaN to integer ratio"));
    }
    let (mut m, mut e) = frexp(f);
    while m != m.floor() {
        m *= 2.0;
        e -= 1;
    }
    let num = BigInt::from_f64(m);
    let (num, den) = if e >= 0 { (num.shl(e as usize), BigInt::from_i64(1)) } else { (num, BigInt::from_i64(1).shl((-e) as usize)) };
    Ok(Obj::tuple2(super::int::int_from_big(num), super::int::int_from_big(den)))
}
pub fn float_hex(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let f = this_f(this);
    if !f.is_finite() {
        return Ok(Obj::str(&float_repr(f)));
    }
    if f == 0.0 {
        return Ok(Obj::str(if f.is_sign_negative() { "-0x0.0p+0" } else { "0x0.0p+0" }));
    }
    let bits = f.to_bits();
    let sign = if f < 0.0 { "-" } else { "" };
    let mut exp = ((bits >> 52) & 0x7ff) as i64;
    let mant = bits & ((1u64 << 52) - 1);
    let lead = if exp == 0 {
        exp = -1022;
        0
    } else {
        exp -= 1023;
        1
    };
    let mut hex = format!("{:013x}", mant);
    while hex.len() > 1 && hex.ends_with('0') {
        hex.pop();
    }
    Ok(Obj::str(&format!("{}0x{}.{}p{}{}", sign, lead, hex, if exp >= 0 { "+" } else { "-" }, exp.abs())))
}

pub static mut FLOAT_FREE: crate::object::FreeList<f64> = crate::object::FreeList::new();

impl Obj {
    #[inline]
    pub fn float(f: f64) -> Obj {
        unsafe { (*std::ptr::addr_of_mut!(FLOAT_FREE)).alloc(&FLOAT_TYPE, f) }
    }
    /// Some only for an exact float.
    #[inline]
    pub fn as_f64(&self) -> Option<f64> {
        if self.is_type(&FLOAT_TYPE) {
            Some(unsafe { *self.data::<f64>() })
        } else {
            None
        }
    }
}

/// The value of a float or float-subclass instance.
#[inline]
pub fn as_float(o: &Obj) -> Option<f64> {
    o.payload::<f64>(Layout::Float).copied()
}

pub fn frexp(f: f64) -> (f64, i32) {
    if f == 0.0 || !f.is_finite() {
        return (f, 0);
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(f * f64::from_bits(((64 + 1023) as u64) << 52));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, exp - 1022)
}

/// CPython's repr of a float: shortest round-trip digits.
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    let s = shortest_sci(f);
    let (mant, exp) = s.split_at(s.find('e').unwrap());
    let exp: i32 = exp[1..].parse().unwrap();
    let (neg, mant) = match mant.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mant),
    };
    let digits: String = mant.chars().filter(|c| *c != '.').collect();
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if (-4..16).contains(&exp) {
        if exp >= 0 {
            let e = exp as usize;
            if digits.len() > e + 1 {
                out.push_str(&digits[..e + 1]);
                out.push('.');
                out.push_str(&digits[e + 1..]);
            } else {
                out.push_str(&digits);
                for _ in digits.len()..e + 1 {
                    out.push('0');
                }
                out.push_str(".0");
            }
        } else {
            out.push_str("0.");
            for _ in 0..(-exp - 1) {
                out.push('0');
            }
            out.push_str(&digits);
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", exp.abs()));
    }
    out
}

/// Shortest round-trip digits in Rust's `{:e}` form, with CPython's tie-breaking: among
/// shortest candidates, the correctly rounded one (round-half-even) is chosen.
fn shortest_sci(f: f64) -> String {
    let s = format!("{:e}", f);
    let ndigits = s.find('e').unwrap() - if s.starts_with('-') { 1 } else { 0 } - if s.contains('.') { 1 } else { 0 };
    let c = format!("{:.*e}", ndigits.saturating_sub(1), f);
    if c.parse::<f64>().ok() == Some(f) {
        c
    } else {
        s
    }
}

/// `{:.prec}` fixed formatting, correctly rounded (works around old Rust rounding 0.5 up).
pub fn fmt_fixed(x: f64, prec: usize) -> String {
    if prec == 0 && x.is_finite() && x.abs() < 1.0 {
        let neg = x.is_sign_negative();
        let one = x.abs() > 0.5;
        return format!("{}{}", if neg { "-" } else { "" }, if one { 1 } else { 0 });
    }
    format!("{:.*}", prec, x)
}

/// CPython's float hash (consistent with int hash for integral values).
pub fn float_hash(v: f64) -> i64 {
    const BITS: i32 = 61;
    const P: u64 = (1u64 << 61) - 1;
    if !v.is_finite() {
        if v.is_infinite() {
            return if v > 0.0 { 314159 } else { -314159 };
        }
        return 0;
    }
    let (mut m, mut e) = frexp(v);
    let mut sign = 1i64;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & P) | x >> (BITS - 28);
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= P {
            x -= P;
        }
    }
    let e = if e >= 0 { e % BITS } else { BITS - 1 - ((-1 - e) % BITS) };
    x = ((x << e) & P) | x >> (BITS - e);
    let h = x as i64 * sign;
    if h == -1 {
        -2
    } else {
        h
    }
}

pub fn float_pow(a: f64, b: f64) -> PyResult {
    if b == 0.0 {
        return Ok(Obj::float(1.0));
    }
    if a == 0.0 && b < 0.0 && b.is_finite() {
        return Err(zero_division("0.0 cannot be raised to a negative power"));
    }
    if a < 0.0 && a.is_finite() && b.is_finite() && b.fract() != 0.0 {
        // CPython hands negative ** fractional to complex
        let r = super::complex::complex_pow(super::complex::Complex { re: a, im: 0.0 }, super::complex::Complex { re: b, im: 0.0 })?;
        return Ok(super::complex::new_complex(r.re, r.im));
    }
    let r = a.powf(b);
    if r.is_infinite() && a.is_finite() && b.is_finite() {
        return Err(overflow_error("(34, 'Numerical result out of range')"));
    }
    Ok(Obj::float(r))
}

pub fn float_divmod(a: f64, b: f64) -> (f64, f64) {
    let mut m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    let fd = if div != 0.0 {
        let mut fd = div.floor();
        if div - fd > 0.5 {
            fd += 1.0;
        }
        fd
    } else {
        0.0f64.copysign(a / b)
    };
    (fd, m)
}

/// Float arithmetic (ints already converted). None for unsupported ops.
pub fn float_binop(a: f64, b: f64, op: BinOp) -> Option<PyResult> {
    Some(Ok(Obj::float(match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::TrueDiv => {
            if b == 0.0 {
                return Some(Err(zero_division("float division by zero")));
            }
            a / b
        }
        BinOp::FloorDiv => {
            if b == 0.0 {
                return Some(Err(zero_division("float floor division by zero")));
            }
            float_divmod(a, b).0
        }
        BinOp::Mod => {
            if b == 0.0 {
                return Some(Err(zero_division("float modulo")));
            }
            float_divmod(a, b).1
        }
        BinOp::Pow => return Some(float_pow(a, b)),
        _ => return None,
    })))
}

/// Exact comparison of an int with a float (None if the float is nan).
pub fn cmp_int_float(i: &IntVal, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 { Ordering::Less } else { Ordering::Greater });
    }
    if let IntVal::Small(x) = i {
        if x.unsigned_abs() <= 1 << 53 {
            return (*x as f64).partial_cmp(&f);
        }
    }
    let fl = f.floor();
    let fi = BigInt::from_f64(fl);
    let c = to_big(i).cmp(&fi);
    if c == Ordering::Equal && f > fl {
        return Some(Ordering::Less);
    }
    Some(c)
}

pub fn int_float_eq(i: &IntVal, f: f64) -> bool {
    cmp_int_float(i, f) == Some(Ordering::Equal)
}

pub fn int_cmp_ord(a: &IntVal, b: &IntVal) -> Ordering {
    int_cmp(a, b)
}

/// Parses a float literal as float() accepts it.
pub fn float_parse(s: &str) -> Option<f64> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let (sign, body) = match lower.strip_prefix('-') {
        Some(r) => (-1.0, r.to_string()),
        None => (1.0, lower.strip_prefix('+').unwrap_or(&lower).to_string()),
    };
    match body.as_str() {
        "inf" | "infinity" => return Some(sign * f64::INFINITY),
        "nan" => return Some(f64::NAN),
        _ => {}
    }
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return None;
    }
    // one sign only, and '_' only between digits (Rust's parser would take "--1" and "1_.5")
    let b = body.as_bytes();
    if !(b[0].is_ascii_digit() || b[0] == b'.') {
        return None;
    }
    if (1..b.len()).any(|i| b[i] == b'_' && !(b[i - 1].is_ascii_digit() && b.get(i + 1).map_or(false, |c| c.is_ascii_digit()))) {
        return None;
    }
    if !body.chars().all(|c| c.is_ascii_digit() || c == '.' || c == 'e' || c == '+' || c == '-' || c == '_') {
        return None;
    }
    let clean: String = body.chars().filter(|&c| c != '_').collect();
    clean.parse::<f64>().ok().map(|f| sign * f)
}

/// float.fromhex(s)
pub fn float_fromhex(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    super::str::nargs("fromhex", a, 1, 1)?;
    let s = a[0].as_str().ok_or_else(|| super::exceptions::type_error("fromhex() argument must be str"))?;
    let t = s.trim().to_ascii_lowercase();
    let (neg, t) = match t.strip_prefix('-') {
        Some(r) => (true, r.to_string()),
        None => (false, t.strip_prefix('+').unwrap_or(&t).to_string()),
    };
    if let Some(f) = float_parse(&t).filter(|f| !f.is_finite()) {
        return Ok(Obj::float(if neg { -f } else { f }));
    }
    let t = t.strip_prefix("0x").unwrap_or(&t);
    let (mant, exp) = match t.find('p') {
        Some(i) => (&t[..i], t[i + 1..].parse::<i32>().map_err(|_| value_error("invalid hexadecimal floating-point string"))?),
        None => (t, 0),
    };
    let (ip, fp) = match mant.find('.') {
        Some(i) => (&mant[..i], &mant[i + 1..]),
        None => (mant, ""),
    };
    if ip.is_empty() && fp.is_empty() {
        return Err(value_error("invalid hexadecimal floating-point string"));
    }
    let digits: String = format!("{}{}", ip, fp);
    let v = BigInt::from_digits(&digits, 16, false).ok_or_else(|| value_error("invalid hexadecimal floating-point string"))?;
    let f = v.to_f64().unwrap_or(f64::INFINITY);
    let r = super::bigint::ldexp(f, exp - 4 * fp.len() as i32);
    if r.is_infinite() {
        return Err(overflow_error("hexadecimal value too large to represent as a float"));
    }
    Ok(Obj::float(if neg { -r } else { r }))
}
