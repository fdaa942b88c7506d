//! Arbitrary-precision integer arithmetic: sign + magnitude, little-endian base-2^32 limbs.
//! Used by `int.rs` whenever a value does not fit in an i64.
use std::cmp::Ordering;

/// Invariants: no trailing zero limbs; zero is `mag == []` with `neg == false`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BigInt {
    pub neg: bool,
    pub mag: Vec<u32>,
}

fn trim(v: &mut Vec<u32>) {
    while let Some(&0) = v.last() {
        v.pop();
    }
}

fn cmp_mag(a: &[u32], b: &[u32]) -> Ordering {
    if a.len() != b.len() {
        return a.len().cmp(&b.len());
    }
    for i in (0..a.len()).rev() {
        if a[i] != b[i] {
            return a[i].cmp(&b[i]);
        }
    }
    Ordering::Equal
}

fn add_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (a, b) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let mut r = Vec::with_capacity(a.len() + 1);
    let mut carry = 0u64;
    for i in 0..a.len() {
        let s = a[i] as u64 + if i < b.len() { b[i] as u64 } else { 0 } + carry;
        r.push(s as u32);
        carry = s >> 32;
    }
    if carry != 0 {
        r.push(carry as u32);
    }
    r
}

/// a - b where |a| >= |b|.
fn sub_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut r = Vec::with_capacity(a.len());
    let mut borrow = 0i64;
    for i in 0..a.len() {
        let mut d = a[i] as i64 - borrow - if i < b.len() { b[i] as i64 } else { 0 };
        if d < 0 {
            d += 1 << 32;
            borrow = 1;
        } else {
            borrow = 0;
        }
        r.push(d as u32);
    }
    trim(&mut r);
    r
}

fn mul_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
    if a.is_empty() || b.is_empty() {
        return Vec::new();
    }
    if a.len() >= 48 && b.len() >= 48 {
        return karatsuba(a, b);
    }
    let mut r = vec![0u32; a.len() + b.len()];
    for (i, &x) in a.iter().enumerate() {
        if x == 0 {
            continue;
        }
        let mut carry = 0u64;
        for (j, &y) in b.iter().enumerate() {
            let t = x as u64 * y as u64 + r[i + j] as u64 + carry;
            r[i + j] = t as u32;
            carry = t >> 32;
        }
        let mut k = i + b.len();
        while carry != 0 {
            let t = r[k] as u64 + carry;
            r[k] = t as u32;
            carry = t >> 32;
            k += 1;
        }
    }
    trim(&mut r);
    r
}

fn shifted(a: &[u32], limbs: usize) -> Vec<u32> {
    if a.is_empty() {
        return Vec::new();
    }
    let mut v = vec![0u32; limbs];
    v.extend_from_slice(a);
    v
}

fn karatsuba(a: &[u32], b: &[u32]) -> Vec<u32> {
    let m = a.len().max(b.len()) / 2;
    let split = |x: &[u32]| -> (Vec<u32>, Vec<u32>) {
        if x.len() <= m {
            let mut lo = x.to_vec();
            trim(&mut lo);
            (lo, Vec::new())
        } else {
            let mut lo = x[..m].to_vec();
            trim(&mut lo);
            (lo, x[m..].to_vec())
        }
    };
    let (a0, a1) = split(a);
    let (b0, b1) = split(b);
    let z0 = mul_mag(&a0, &b0);
    let z2 = mul_mag(&a1, &b1);
    let z1 = mul_mag(&add_mag(&a0, &a1), &add_mag(&b0, &b1));
    let z1 = sub_mag(&sub_mag(&z1, &z0), &z2);
    let r = add_mag(&add_mag(&z0, &shifted(&z1, m)), &shifted(&z2, 2 * m));
    let mut r = r;
    trim(&mut r);
    r
}

/// Divides by a single limb; returns (quotient, remainder).
fn divmod_small(a: &[u32], d: u32) -> (Vec<u32>, u32) {
    let mut q = vec![0u32; a.len()];
    let mut rem = 0u64;
    for i in (0..a.len()).rev() {
        let cur = (rem << 32) | a[i] as u64;
        q[i] = (cur / d as u64) as u32;
        rem = cur % d as u64;
    }
    trim(&mut q);
    (q, rem as u32)
}

/// Knuth algorithm D on magnitudes; b non-empty.
fn divmod_mag(a: &[u32], b: &[u32]) -> (Vec<u32>, Vec<u32>) {
    if cmp_mag(a, b) == Ordering::Less {
        return (Vec::new(), a.to_vec());
    }
    if b.len() == 1 {
        let (q, r) = divmod_small(a, b[0]);
        return (q, if r == 0 { Vec::new() } else { vec![r] });
    }
    let s = b[b.len() - 1].leading_zeros();
    let b = shl_mag(b, s as usize);
    let alen = a.len();
    let mut a = shl_mag(a, s as usize);
    a.resize(alen + 1, 0);
    let n = b.len();
    let m = a.len() - n;
    let mut q = vec![0u32; m];
    let btop = b[n - 1] as u64;
    let bsec = b[n - 2] as u64;
    for j in (0..m).rev() {
        let num = ((a[j + n] as u64) << 32) | a[j + n - 1] as u64;
        let mut qhat = num / btop;
        let mut rhat = num % btop;
        while qhat >= (1 << 32) || qhat * bsec > ((rhat << 32) | a[j + n - 2] as u64) {
            qhat -= 1;
            rhat += btop;
            if rhat >= (1 << 32) {
                break;
            }
        }
        // multiply and subtract
        let mut borrow = 0i64;
        let mut carry = 0u64;
        for i in 0..n {
            let p = qhat * b[i] as u64 + carry;
            carry = p >> 32;
            let t = a[i + j] as i64 - borrow - (p & 0xffff_ffff) as i64;
            a[i + j] = t as u32;
            borrow = if t < 0 { 1 } else { 0 };
        }
        let t = a[j + n] as i64 - borrow - carry as i64;
        a[j + n] = t as u32;
        if t < 0 {
            qhat -= 1;
            let mut c = 0u64;
            for i in 0..n {
                let s2 = a[i + j] as u64 + b[i] as u64 + c;
                a[i + j] = s2 as u32;
                c = s2 >> 32;
            }
            a[j + n] = a[j + n].wrapping_add(c as u32);
        }
        q[j] = qhat as u32;
    }
    trim(&mut q);
    a.truncate(n);
    let mut r = shr_mag(&a, s as usize);
    trim(&mut r);
    (q, r)
}

fn shl_mag(a: &[u32], bits: usize) -> Vec<u32> {
    if a.is_empty() {
        return Vec::new();
    }
    let limbs = bits / 32;
    let b = (bits % 32) as u32;
    let mut r = vec![0u32; limbs];
    if b == 0 {
        r.extend_from_slice(a);
    } else {
        let mut carry = 0u32;
        for &x in a {
            r.push((x << b) | carry);
            carry = x >> (32 - b);
        }
        if carry != 0 {
            r.push(carry);
        }
    }
    trim(&mut r);
    r
}

fn shr_mag(a: &[u32], bits: usize) -> Vec<u32> {
    let limbs = bits / 32;
    if limbs >= a.len() {
        return Vec::new();
    }
    let b = (bits % 32) as u32;
    let src = &a[limbs..];
    let mut r = Vec::with_capacity(src.len());
    if b == 0 {
        r.extend_from_slice(src);
    } else {
        for i in 0..src.len() {
            let hi = if i + 1 < src.len() { src[i + 1] << (32 - b) } else { 0 };
            r.push((src[i] >> b) | hi);
        }
    }
    trim(&mut r);
    r
}

impl BigInt {
    pub fn zero() -> BigInt {
        BigInt { neg: false, mag: Vec::new() }
    }
    fn from_parts(neg: bool, mut mag: Vec<u32>) -> BigInt {
        trim(&mut mag);
        let neg = neg && !mag.is_empty();
        BigInt { neg, mag }
    }
    pub fn from_u64(v: u64) -> BigInt {
        BigInt::from_parts(false, vec![v as u32, (v >> 32) as u32])
    }
    pub fn from_i64(v: i64) -> BigInt {
        let mut b = BigInt::from_u64(v.unsigned_abs());
        b.neg = v < 0;
        b
    }
    pub fn from_i128(v: i128) -> BigInt {
        let u = v.unsigned_abs();
        BigInt::from_parts(v < 0, vec![u as u32, (u >> 32) as u32, (u >> 64) as u32, (u >> 96) as u32])
    }
    pub fn is_zero(&self) -> bool {
        self.mag.is_empty()
    }
    pub fn to_i64(&self) -> Option<i64> {
        if self.mag.len() > 2 {
            return None;
        }
        let mut u = 0u64;
        for (i, &l) in self.mag.iter().enumerate() {
            u |= (l as u64) << (32 * i);
        }
        if self.neg {
            if u <= 1u64 << 63 {
                Some((u as i64).wrapping_neg())
            } else {
                None
            }
        } else if u < 1u64 << 63 {
            Some(u as i64)
        } else {
            None
        }
    }
    pub fn to_u64_mag(&self) -> Option<u64> {
        if self.mag.len() > 2 {
            return None;
        }
        let mut u = 0u64;
        for (i, &l) in self.mag.iter().enumerate() {
            u |= (l as u64) << (32 * i);
        }
        Some(u)
    }
    pub fn neg(&self) -> BigInt {
        BigInt::from_parts(!self.neg, self.mag.clone())
    }
    pub fn abs(&self) -> BigInt {
        BigInt { neg: false, mag: self.mag.clone() }
    }
    pub fn cmp(&self, o: &BigInt) -> Ordering {
        match (self.neg, o.neg) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => cmp_mag(&self.mag, &o.mag),
            (true, true) => cmp_mag(&o.mag, &self.mag),
        }
    }
    pub fn add(&self, o: &BigInt) -> BigInt {
        if self.neg == o.neg {
            return BigInt::from_parts(self.neg, add_mag(&self.mag, &o.mag));
        }
        match cmp_mag(&self.mag, &o.mag) {
            Ordering::Equal => BigInt::zero(),
            Ordering::Greater => BigInt::from_parts(self.neg, sub_mag(&self.mag, &o.mag)),
            Ordering::Less => BigInt::from_parts(o.neg, sub_mag(&o.mag, &self.mag)),
        }
    }
    pub fn sub(&self, o: &BigInt) -> BigInt {
        self.add(&BigInt { neg: !o.neg && !o.mag.is_empty(), mag: o.mag.clone() })
    }
    pub fn mul(&self, o: &BigInt) -> BigInt {
        BigInt::from_parts(self.neg != o.neg, mul_mag(&self.mag, &o.mag))
    }
    /// Floor division and modulo (Python semantics). `o` must be non-zero.
    pub fn divmod_floor(&self, o: &BigInt) -> (BigInt, BigInt) {
        let (q, r) = divmod_mag(&self.mag, &o.mag);
        let mut q = BigInt::from_parts(self.neg != o.neg, q);
        let mut r = BigInt::from_parts(self.neg, r);
        if !r.is_zero() && (r.neg != o.neg) {
            q = q.sub(&BigInt::from_i64(1));
            r = r.add(o);
        }
        (q, r)
    }
    /// Truncating division (C semantics) on magnitudes, sign applied.
    pub fn divmod_trunc(&self, o: &BigInt) -> (BigInt, BigInt) {
        let (q, r) = divmod_mag(&self.mag, &o.mag);
        (BigInt::from_parts(self.neg != o.neg, q), BigInt::from_parts(self.neg, r))
    }
    pub fn pow(&self, mut e: u64) -> BigInt {
        let mut base = self.clone();
        let mut acc = BigInt::from_i64(1);
        while e > 0 {
            if e & 1 == 1 {
                acc = acc.mul(&base);
            }
            e >>= 1;
            if e > 0 {
                base = base.mul(&base);
            }
        }
        acc
    }
    pub fn shl(&self, bits: usize) -> BigInt {
        BigInt::from_parts(self.neg, shl_mag(&self.mag, bits))
    }
    /// Arithmetic shift right (floor).
    pub fn shr(&self, bits: usize) -> BigInt {
        if !self.neg {
            return BigInt::from_parts(false, shr_mag(&self.mag, bits));
        }
        // floor(-m / 2^k) = -ceil(m / 2^k)
        let q = shr_mag(&self.mag, bits);
        let back = shl_mag(&q, bits);
        let mut r = BigInt::from_parts(true, q);
        if cmp_mag(&back, &self.mag) != Ordering::Equal {
            r = r.sub(&BigInt::from_i64(1));
        }
        r
    }
    pub fn bit_length(&self) -> u64 {
        match self.mag.last() {
            None => 0,
            Some(&top) => (self.mag.len() as u64 - 1) * 32 + (32 - top.leading_zeros() as u64),
        }
    }
    fn to_twos(&self, n: usize) -> Vec<u32> {
        let mut v = self.mag.clone();
        v.resize(n, 0);
        if self.neg {
            let mut carry = 1u64;
            for x in v.iter_mut() {
                let t = (!*x) as u64 + carry;
                *x = t as u32;
                carry = t >> 32;
            }
        }
        v
    }
    fn from_twos(mut v: Vec<u32>, neg: bool) -> BigInt {
        if neg {
            let mut carry = 1u64;
            for x in v.iter_mut() {
                let t = (!*x) as u64 + carry;
                *x = t as u32;
                carry = t >> 32;
            }
        }
        BigInt::from_parts(neg, v)
    }
    /// Bitwise op with two's complement semantics: op 0 = and, 1 = or, 2 = xor.
    pub fn bitop(&self, o: &BigInt, op: u8) -> BigInt {
        let n = self.mag.len().max(o.mag.len()) + 1;
        let a = self.to_twos(n);
        let b = o.to_twos(n);
        let f = |x: u32, y: u32| match op {
            0 => x & y,
            1 => x | y,
            _ => x ^ y,
        };
        let v: Vec<u32> = a.iter().zip(b.iter()).map(|(x, y)| f(*x, *y)).collect();
        let neg = f(self.neg as u32, o.neg as u32) == 1;
        BigInt::from_twos(v, neg)
    }
    pub fn to_string_radix(&self, radix: u32) -> String {
        if self.mag.is_empty() {
            return "0".to_string();
        }
        let mut digits: Vec<u8> = Vec::new();
        let (chunk, width) = match radix {
            10 => (1_000_000_000u32, 9),
            16 => (1 << 28, 7),
            8 => (1 << 30, 10),
            2 => (1 << 31, 31),
            _ => (radix, 1),
        };
        let mut cur = self.mag.clone();
        while !cur.is_empty() {
            let (q, mut r) = divmod_small(&cur, chunk);
            cur = q;
            for _ in 0..width {
                digits.push(std::char::from_digit(r % radix, radix).unwrap() as u8);
                r /= radix;
                if cur.is_empty() && r == 0 {
                    break;
                }
            }
        }
        while digits.len() > 1 && *digits.last().unwrap() == b'0' {
            digits.pop();
        }
        if self.neg {
            digits.push(b'-');
        }
        digits.reverse();
        String::from_utf8(digits).unwrap()
    }
    /// Parses digits (no sign, no underscores, no prefix) in `radix`.
    pub fn from_digits(s: &str, radix: u32, neg: bool) -> Option<BigInt> {
        let mut mag: Vec<u32> = Vec::new();
        for c in s.chars() {
            let d = c.to_digit(radix)?;
            // mag = mag * radix + d
            let mut carry = d as u64;
            for x in mag.iter_mut() {
                let t = *x as u64 * radix as u64 + carry;
                *x = t as u32;
                carry = t >> 32;
            }
            if carry != 0 {
                mag.push(carry as u32);
            }
        }
        Some(BigInt::from_parts(neg, mag))
    }
    /// Correctly rounded conversion; None on overflow.
    pub fn to_f64(&self) -> Option<f64> {
        let n = self.bit_length();
        let m = if n <= 64 {
            self.to_u64_mag().unwrap() as f64
        } else {
            let sh = (n - 64) as usize;
            let top = shr_mag(&self.mag, sh);
            let mut u = top[0] as u64 | (*top.get(1).unwrap_or(&0) as u64) << 32;
            let back = shl_mag(&top, sh);
            if cmp_mag(&back, &self.mag) != Ordering::Equal {
                u |= 1;
            }
            let f = u as f64;
            let r = ldexp(f, sh as i32);
            if r.is_infinite() {
                return None;
            }
            r
        };
        Some(if self.neg { -m } else { m })
    }
    /// Truncates a finite float to an integer.
    pub fn from_f64(f: f64) -> BigInt {
        let f = f.trunc();
        if f.abs() < 9.0e18 {
            return BigInt::from_i64(f as i64);
        }
        let bits = f.to_bits();
        let exp = ((bits >> 52) & 0x7ff) as i64 - 1075;
        let mant = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
        let b = BigInt::from_u64(mant).shl(exp as usize);
        if f < 0.0 {
            b.neg()
        } else {
            b
        }
    }
    /// |self| mod (2^61 - 1), with sign, as CPython's hash (without the -1 fixup).
    pub fn hash_mod(&self) -> i64 {
        const P: u128 = (1u128 << 61) - 1;
        let mut acc: u128 = 0;
        for &l in self.mag.iter().rev() {
            acc = ((acc << 32) | l as u128) % P;
        }
        let h = acc as i64;
        if self.neg {
            -h
        } else {
            h
        }
    }
}

/// x * 2^e without double rounding for normal results.
pub fn ldexp(x: f64, e: i32) -> f64 {
    let mut x = x;
    let mut e = e;
    while e > 1000 {
        x *= f64::from_bits(((1000 + 1023) as u64) << 52);
        e -= 1000;
        if x.is_infinite() {
            return x;
        }
    }
    while e < -1000 {
        x *= f64::from_bits(((-1000 + 1023) as u64) << 52);
        e += 1000;
    }
    x * f64::from_bits(((e + 1023) as u64) << 52)
}
