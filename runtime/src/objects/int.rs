//! The `int` type: i64 fast path with `BigInt` fallback; Python floor-division semantics.
use super::typeobj::value_format;
use super::bigint::BigInt;
use super::exceptions::{overflow_error, value_error, zero_division};
use super::float::float_pow;
use crate::object::{Layout, Obj};
use crate::{BinOp, PyResult};
use std::borrow::Cow;
use std::cmp::Ordering;

/// Payload of int (and bool) objects. `Big` only holds values outside i64.
pub enum IntVal {
    Small(i64),
    Big(Box<BigInt>), // boxed: keeps int objects at 32 bytes like CPython's
}

crate::static_type!(INT_TYPE, "int", &super::typeobj::OBJECT_TYPE, Int, &[]);

pub static INT_METHODS: &[(&str, crate::object::MethodFn)] = &[
    ("bit_length", int_bit_length),
    ("__format__", value_format),
    ("conjugate", int_conjugate),
    ("__index__", int_conjugate),
    ("__int__", int_conjugate),
    ("__hash__", int_hash_m),
    ("__repr__", int_repr_m),
    ("bit_count", int_bit_count),
    ("to_bytes", int_to_bytes),
    ("as_integer_ratio", int_as_integer_ratio),
    ("is_integer", int_is_integer),
];

pub fn int_bit_count(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let b = to_big(as_int(this).unwrap()).into_owned();
    Ok(Obj::int(b.mag.iter().map(|l| l.count_ones() as i64).sum()))
}
pub fn int_as_integer_ratio(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::tuple2(int_from_big(to_big(as_int(this).unwrap()).into_owned()), Obj::int(1)))
}
pub fn int_is_integer(_this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::bool(true))
}

/// Parses (length/bytes, byteorder, signed) from args + kwnames.
fn bytes_args(a: &[Obj], k: Option<&Obj>, first: &str) -> PyResult<(Option<Obj>, bool, bool)> {
    let (pos, kws) = crate::builtins::split_kw(a, k);
    let mut x = pos.get(0).cloned();
    let mut order = pos.get(1).cloned();
    let mut signed = false;
    for (n, v) in kws {
        match n {
            "byteorder" => order = Some(v.clone()),
            "signed" => signed = crate::ops::is_true(v)?,
            n if n == first => x = Some(v.clone()),
            _ => return Err(super::exceptions::unexpected_keyword(n, if first == "length" { "to_bytes" } else { "from_bytes" })),
        }
    }
    let little = match order.as_ref().and_then(|o| o.as_str().map(|s| s.to_string())) {
        None => false,
        Some(s) if s == "big" => false,
        Some(s) if s == "little" => true,
        Some(_) => return Err(value_error("byteorder must be either 'little' or 'big'")),
    };
    Ok((x, little, signed))
}

pub fn int_to_bytes(this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    let (len, little, signed) = bytes_args(a, k, "length")?;
    let len = match len {
        Some(l) => crate::ops::index_value(&l)?,
        None => 1,
    };
    if len < 0 {
        return Err(value_error("length argument must be non-negative"));
    }
    let v = to_big(as_int(this).unwrap()).into_owned();
    if v.neg && !signed {
        return Err(overflow_error("can't convert negative int to unsigned"));
    }
    // two's complement bytes, little-endian
    let nbytes = len as usize;
    let modulus = BigInt::from_i64(1).shl(8 * nbytes);
    let u = if v.neg { v.add(&modulus) } else { v.clone() };
    let fits = if signed {
        let half = BigInt::from_i64(1).shl((8 * nbytes).saturating_sub(1));
        nbytes > 0 && v.cmp(&half) == Ordering::Less && v.cmp(&half.neg()) != Ordering::Less || (nbytes == 0 && v.is_zero())
    } else {
        u.cmp(&modulus) == Ordering::Less
    };
    if !fits || u.neg {
        return Err(overflow_error("int too big to convert"));
    }
    let mut out = Vec::with_capacity(nbytes);
    for i in 0..nbytes {
        let limb = u.mag.get(i / 4).copied().unwrap_or(0);
        out.push((limb >> (8 * (i % 4))) as u8);
    }
    if !little {
        out.reverse();
    }
    Ok(Obj::bytes(&out))
}

/// int.from_bytes(bytes, byteorder='big', *, signed=False)
pub fn int_from_bytes(a: &[Obj], k: Option<&Obj>) -> PyResult {
    let (x, little, signed) = bytes_args(a, k, "bytes")?;
    let x = x.ok_or_else(|| super::exceptions::type_error("from_bytes() missing required argument 'bytes' (pos 1)"))?;
    let mut bytes: Vec<u8> = match super::bytes::as_bytes(&x) {
        Some(b) => b.to_vec(),
        None => {
            let mut v = Vec::new();
            for it in crate::ops::collect_iterable(&x)? {
                v.push(crate::ops::index_value(&it)? as u8);
            }
            v
        }
    };
    if !little {
        bytes.reverse();
    }
    let mut mag = vec![0u32; (bytes.len() + 3) / 4];
    for (i, b) in bytes.iter().enumerate() {
        mag[i / 4] |= (*b as u32) << (8 * (i % 4));
    }
    let mut v = BigInt::zero();
    for (i, l) in mag.iter().enumerate() {
        v = v.add(&BigInt::from_u64(*l as u64).shl(32 * i));
    }
    if signed && bytes.last().map(|b| b & 0x80 != 0).unwrap_or(false) {
        v = v.sub(&BigInt::from_i64(1).shl(8 * bytes.len()));
    }
    Ok(int_from_big(v))
}

pub fn int_bit_length(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let v = as_int(this).unwrap();
    Ok(match v {
        IntVal::Small(i) => Obj::int(64 - i.unsigned_abs().leading_zeros() as i64),
        IntVal::Big(b) => Obj::int(b.bit_length() as i64),
    })
}
pub fn int_conjugate(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(int_from_val(to_big(as_int(this).unwrap()).into_owned()))
}
pub fn int_hash_m(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::int(int_hash(as_int(this).unwrap())))
}
pub fn int_repr_m(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::str(&int_to_string(as_int(this).unwrap())))
}

pub static mut INT_FREE: crate::object::FreeList<IntVal> = crate::object::FreeList::new();

#[inline]
fn alloc_int(v: IntVal) -> Obj {
    unsafe { (*std::ptr::addr_of_mut!(INT_FREE)).alloc(&INT_TYPE, v) }
}

impl Obj {
    /// An int object (cached for -5..=256).
    #[inline]
    pub fn int(i: i64) -> Obj {
        if (-5..=256).contains(&i) {
            Obj::from_static(&super::small_ints::SMALL_INTS[(i + 5) as usize])
        } else {
            alloc_int(IntVal::Small(i))
        }
    }
    /// Parses a decimal literal (optional leading '-') of any size.
    pub fn int_from_str(decimal: &str) -> Obj {
        let (neg, digits) = match decimal.strip_prefix('-') {
            Some(d) => (true, d),
            None => (false, decimal),
        };
        match BigInt::from_digits(digits, 10, neg) {
            Some(b) => int_from_big(b),
            None => Obj::int(0),
        }
    }
    /// Some only for an exact int (not bool) that fits in i64.
    #[inline]
    pub fn as_i64(&self) -> Option<i64> {
        if self.is_type(&INT_TYPE) {
            match unsafe { self.data::<IntVal>() } {
                IntVal::Small(i) => Some(*i),
                IntVal::Big(_) => None,
            }
        } else {
            None
        }
    }
}

/// The int payload of an int, bool or int subclass instance.
#[inline]
pub fn as_int(o: &Obj) -> Option<&IntVal> {
    o.payload::<IntVal>(Layout::Int)
}

/// The value of an int-like object as i64 (None if not int or too big).
pub fn int_as_i64(o: &Obj) -> Option<i64> {
    match as_int(o) {
        Some(IntVal::Small(i)) => Some(*i),
        _ => None,
    }
}

pub fn int_from_big(b: BigInt) -> Obj {
    match b.to_i64() {
        Some(i) => Obj::int(i),
        None => alloc_int(IntVal::Big(Box::new(b))),
    }
}

fn int_from_val(b: BigInt) -> Obj {
    int_from_big(b)
}

pub fn int_from_i128(v: i128) -> Obj {
    if v >= i64::MIN as i128 && v <= i64::MAX as i128 {
        Obj::int(v as i64)
    } else {
        int_from_big(BigInt::from_i128(v))
    }
}

pub fn to_big(v: &IntVal) -> Cow<'_, BigInt> {
    match v {
        IntVal::Small(i) => Cow::Owned(BigInt::from_i64(*i)),
        IntVal::Big(b) => Cow::Borrowed(b),
    }
}

pub fn int_is_zero(v: &IntVal) -> bool {
    match v {
        IntVal::Small(i) => *i == 0,
        IntVal::Big(b) => b.is_zero(),
    }
}

pub fn int_is_neg(v: &IntVal) -> bool {
    match v {
        IntVal::Small(i) => *i < 0,
        IntVal::Big(b) => b.neg,
    }
}

// sys.get_int_max_str_digits() (CPython 3.11's limit on decimal conversions; 0 = none)
static mut MAX_STR_DIGITS: usize = 4300;

pub fn max_str_digits() -> usize {
    unsafe { MAX_STR_DIGITS }
}
pub fn set_max_str_digits(n: usize) {
    unsafe { MAX_STR_DIGITS = n }
}

/// Decimal text of an int, enforcing the int max str digits limit like CPython.
pub fn int_to_decimal(v: &IntVal) -> PyResult<String> {
    let s = int_to_string(v);
    let limit = max_str_digits();
    if limit > 0 && matches!(v, IntVal::Big(_)) {
        let digits = s.len() - if s.starts_with('-') { 1 } else { 0 };
        if digits > limit {
            return Err(value_error(format!(
                "Exceeds the limit ({} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
                limit
            )));
        }
    }
    Ok(s)
}

pub fn int_to_string(v: &IntVal) -> String {
    match v {
        IntVal::Small(i) => i.to_string(),
        IntVal::Big(b) => b.to_string_radix(10),
    }
}

pub fn int_to_string_radix(v: &IntVal, radix: u32) -> String {
    to_big(v).to_string_radix(radix)
}

pub fn int_cmp(a: &IntVal, b: &IntVal) -> Ordering {
    match (a, b) {
        (IntVal::Small(x), IntVal::Small(y)) => x.cmp(y),
        _ => to_big(a).cmp(&to_big(b)),
    }
}

pub fn int_hash(v: &IntVal) -> i64 {
    const P: i64 = (1i64 << 61) - 1;
    let h = match v {
        IntVal::Small(i) => {
            let m = (i.unsigned_abs() % P as u64) as i64;
            if *i < 0 {
                -m
            } else {
                m
            }
        }
        IntVal::Big(b) => b.hash_mod(),
    };
    if h == -1 {
        -2
    } else {
        h
    }
}

pub fn int_to_f64(v: &IntVal) -> PyResult<f64> {
    match v {
        IntVal::Small(i) => Ok(*i as f64),
        IntVal::Big(b) => b.to_f64().ok_or_else(|| overflow_error("int too large to convert to float")),
    }
}

pub fn int_neg(v: &IntVal) -> Obj {
    match v {
        IntVal::Small(i) => match i.checked_neg() {
            Some(r) => Obj::int(r),
            None => int_from_big(BigInt::from_i64(*i).neg()),
        },
        IntVal::Big(b) => int_from_big(b.neg()),
    }
}

pub fn int_abs(v: &IntVal) -> Obj {
    if int_is_neg(v) {
        int_neg(v)
    } else {
        int_from_big(to_big(v).into_owned())
    }
}

pub fn int_invert(v: &IntVal) -> Obj {
    match v {
        IntVal::Small(i) => Obj::int(!*i),
        IntVal::Big(b) => int_from_big(b.neg().sub(&BigInt::from_i64(1))),
    }
}

/// Python floor division of i64s (b != 0); None on overflow.
#[inline]
pub fn floordiv_i64(a: i64, b: i64) -> Option<i64> {
    let q = a.checked_div(b)?;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        Some(q - 1)
    } else {
        Some(q)
    }
}

#[inline]
pub fn mod_i64(a: i64, b: i64) -> i64 {
    let r = a.wrapping_rem(b);
    if r != 0 && ((r < 0) != (b < 0)) {
        r + b
    } else {
        r
    }
}

/// True division of two ints, correctly rounded.
pub fn int_truediv(a: &IntVal, b: &IntVal) -> PyResult {
    if int_is_zero(b) {
        return Err(zero_division("division by zero"));
    }
    if let (IntVal::Small(x), IntVal::Small(y)) = (a, b) {
        if x.unsigned_abs() <= 1 << 53 && y.unsigned_abs() <= 1 << 53 {
            return Ok(Obj::float(*x as f64 / *y as f64));
        }
    }
    let (na, nb) = (to_big(a), to_big(b));
    let neg = na.neg != nb.neg;
    let (ma, mb) = (na.abs(), nb.abs());
    if ma.is_zero() {
        return Ok(Obj::float(if neg { -0.0 } else { 0.0 }));
    }
    // scale so the integer quotient has at least 55 significant bits
    let shift = 55 - (ma.bit_length() as i64 - mb.bit_length() as i64);
    let (sa, sb) = if shift > 0 { (ma.shl(shift as usize), mb) } else { (ma, mb.shl((-shift) as usize)) };
    let (q, r) = sa.divmod_floor(&sb);
    let mut q64 = q.to_u64_mag().unwrap_or(u64::MAX);
    if !r.is_zero() {
        q64 |= 1;
    }
    let f = super::bigint::ldexp(q64 as f64, -shift as i32);
    if f.is_infinite() {
        return Err(overflow_error("integer division result too large for a float"));
    }
    Ok(Obj::float(if neg { -f } else { f }))
}

/// Binary arithmetic on two ints (bool included). Returns None for ops ints don't do.
pub fn int_binop(a: &IntVal, b: &IntVal, op: BinOp) -> Option<PyResult> {
    if let (IntVal::Small(x), IntVal::Small(y)) = (a, b) {
        let (x, y) = (*x, *y);
        let fast = match op {
            BinOp::Add => x.checked_add(y).map(Obj::int),
            BinOp::Sub => x.checked_sub(y).map(Obj::int),
            BinOp::Mul => x.checked_mul(y).map(Obj::int),
            BinOp::FloorDiv => {
                if y == 0 {
                    return Some(Err(zero_division("integer division or modulo by zero")));
                }
                floordiv_i64(x, y).map(Obj::int)
            }
            BinOp::Mod => {
                if y == 0 {
                    return Some(Err(zero_division("integer modulo by zero")));
                }
                Some(Obj::int(mod_i64(x, y)))
            }
            BinOp::And => Some(Obj::int(x & y)),
            BinOp::Or => Some(Obj::int(x | y)),
            BinOp::Xor => Some(Obj::int(x ^ y)),
            BinOp::LShift => {
                if y < 0 {
                    return Some(Err(value_error("negative shift count")));
                }
                if x == 0 {
                    Some(Obj::int(0))
                } else if y < 63 && (x.unsigned_abs().leading_zeros() as i64) > y + 1 {
                    Some(Obj::int(x << y))
                } else {
                    None
                }
            }
            BinOp::RShift => {
                if y < 0 {
                    return Some(Err(value_error("negative shift count")));
                }
                Some(Obj::int(if y >= 64 { if x < 0 { -1 } else { 0 } } else { x >> y }))
            }
            _ => None,
        };
        if let Some(r) = fast {
            return Some(Ok(r));
        }
    }
    Some(match op {
        BinOp::Add => Ok(int_from_big(to_big(a).add(&to_big(b)))),
        BinOp::Sub => Ok(int_from_big(to_big(a).sub(&to_big(b)))),
        BinOp::Mul => Ok(int_from_big(to_big(a).mul(&to_big(b)))),
        BinOp::FloorDiv | BinOp::Mod => {
            if int_is_zero(b) {
                return Some(Err(zero_division(if op == BinOp::Mod {
                    "integer modulo by zero"
                } else {
                    "integer division or modulo by zero"
                })));
            }
            let (q, r) = to_big(a).divmod_floor(&to_big(b));
            Ok(int_from_big(if op == BinOp::Mod { r } else { q }))
        }
        BinOp::TrueDiv => int_truediv(a, b),
        BinOp::Pow => int_pow(a, b),
        BinOp::And => Ok(int_from_big(to_big(a).bitop(&to_big(b), 0))),
        BinOp::Or => Ok(int_from_big(to_big(a).bitop(&to_big(b), 1))),
        BinOp::Xor => Ok(int_from_big(to_big(a).bitop(&to_big(b), 2))),
        BinOp::LShift => {
            if int_is_neg(b) {
                return Some(Err(value_error("negative shift count")));
            }
            match b {
                IntVal::Small(n) if *n <= (1 << 40) => Ok(int_from_big(to_big(a).shl(*n as usize))),
                _ => Err(overflow_error("too many digits in integer")),
            }
        }
        BinOp::RShift => {
            if int_is_neg(b) {
                return Some(Err(value_error("negative shift count")));
            }
            match b {
                IntVal::Small(n) => Ok(int_from_big(to_big(a).shr(*n as usize))),
                IntVal::Big(_) => Ok(Obj::int(if int_is_neg(a) { -1 } else { 0 })),
            }
        }
        BinOp::MatMul => return None,
    })
}

/// int ** int: negative exponents give a float.
pub fn int_pow(a: &IntVal, b: &IntVal) -> PyResult {
    if int_is_neg(b) {
        let fa = int_to_f64(a)?;
        let fb = int_to_f64(b)?;
        return float_pow(fa, fb);
    }
    let e = match b {
        IntVal::Small(e) => *e as u64,
        IntVal::Big(_) => {
            // only trivial bases are representable
            return match a {
                IntVal::Small(0) => Ok(Obj::int(0)),
                IntVal::Small(1) => Ok(Obj::int(1)),
                IntVal::Small(-1) => Ok(Obj::int(if to_big(b).mag[0] & 1 == 1 { -1 } else { 1 })),
                _ => Err(crate::objects::exceptions::memory_error()),
            };
        }
    };
    if let IntVal::Small(x) = a {
        if e < 64 {
            if let Some(r) = x.checked_pow(e as u32) {
                return Ok(Obj::int(r));
            }
        }
    }
    Ok(int_from_big(to_big(a).pow(e)))
}

/// 3-argument pow(a, b, m).
pub fn int_pow_mod(a: &IntVal, b: &IntVal, m: &IntVal) -> PyResult {
    if int_is_zero(m) {
        return Err(value_error("pow() 3rd argument cannot be 0"));
    }
    let m = to_big(m).into_owned();
    let mut base = to_big(a).divmod_floor(&m).1;
    let mut e = to_big(b).into_owned();
    if e.neg {
        // pow(a, -n, m) = pow(inverse(a) mod m, n, m) (Python 3.8+)
        base = mod_inverse(&base, &m).ok_or_else(|| value_error("base is not invertible for the given modulus"))?;
        e = e.neg();
    }
    let mut acc = BigInt::from_i64(1).divmod_floor(&m).1;
    let two = BigInt::from_i64(2);
    while !e.is_zero() {
        let (q, r) = e.divmod_floor(&two);
        if !r.is_zero() {
            acc = acc.mul(&base).divmod_floor(&m).1;
        }
        base = base.mul(&base).divmod_floor(&m).1;
        e = q;
    }
    Ok(int_from_big(acc))
}

/// Modular inverse of `a` modulo `m` (extended Euclid), normalised like `a % m`.
fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let (mut old_r, mut r) = (a.divmod_floor(&m.abs()).1, m.abs());
    let (mut old_s, mut s) = (BigInt::from_i64(1), BigInt::zero());
    while !r.is_zero() {
        let (q, rem) = old_r.divmod_floor(&r);
        old_r = std::mem::replace(&mut r, rem);
        let ns = old_s.sub(&q.mul(&s));
        old_s = std::mem::replace(&mut s, ns);
    }
    if old_r.cmp(&BigInt::from_i64(1)) != Ordering::Equal {
        return None;
    }
    Some(old_s.divmod_floor(m).1)
}

/// Parses a Python int literal string (int(s, base)): whitespace, sign, underscores, prefixes.
pub fn int_parse(s: &str, base: u32) -> Option<Obj> {
    let t = s.trim();
    let (neg, mut t) = if let Some(r) = t.strip_prefix('-') {
        (true, r)
    } else if let Some(r) = t.strip_prefix('+') {
        (false, r)
    } else {
        (false, t)
    };
    let mut base = base;
    let lower = t.to_ascii_lowercase();
    let pref = |p: &str| lower.starts_with(p);
    if (base == 16 || base == 0) && pref("0x") {
        base = 16;
        t = &t[2..];
    } else if (base == 8 || base == 0) && pref("0o") {
        base = 8;
        t = &t[2..];
    } else if (base == 2 || base == 0) && pref("0b") {
        base = 2;
        t = &t[2..];
    } else if base == 0 {
        if t.len() > 1 && t.starts_with('0') && t.chars().any(|c| c != '0' && c != '_') {
            return None;
        }
        base = 10;
    }
    let t = t.strip_prefix('_').filter(|_| s.trim().len() != t.len()).unwrap_or(t);
    if t.is_empty() || t.starts_with('_') || t.ends_with('_') || t.contains("__") {
        return None;
    }
    let digits: String = t.chars().filter(|&c| c != '_').collect();
    if digits.chars().any(|c| !c.is_ascii_alphanumeric()) {
        return None;
    }
    BigInt::from_digits(&digits, base, neg).map(int_from_big)
}

/// The digit-count limit check int() applies to non-power-of-two bases.
pub fn check_parse_limit(s: &str, base: u32) -> PyResult<()> {
    let limit = max_str_digits();
    if limit == 0 || base.is_power_of_two() {
        return Ok(());
    }
    let n = s.chars().filter(|c| c.is_ascii_alphanumeric()).count();
    if n > limit {
        return Err(value_error(format!(
            "Exceeds the limit ({} digits) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit",
            limit, n
        )));
    }
    Ok(())
}
