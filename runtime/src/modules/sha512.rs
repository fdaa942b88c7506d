//! SHA-512 (FIPS 180-4), needed by `random.seed(str)`: CPython seeds with
//! `int.from_bytes(s + sha512(s).digest())`. The round constants are derived at first use from
//! their definition (fractional bits of square / cube roots of the first primes).
use crate::objects::bigint::BigInt;
use std::cmp::Ordering;

/// floor(x^(1/n)) for x < 2^(68n): bit-by-bit integer root.
fn iroot(x: &BigInt, n: u64) -> u128 {
    let mut r: u128 = 0;
    for bit in (0..68).rev() {
        let cand = r | (1u128 << bit);
        let c = BigInt::from_i128(cand as i128);
        if c.pow(n).cmp(x) != Ordering::Greater {
            r = cand;
        }
    }
    r
}

/// The first 64 fractional bits of p^(1/n) for each of the first `count` primes.
pub fn root_fractions(n: u64, count: usize) -> Vec<u64> {
    let mut primes = Vec::with_capacity(count);
    let mut c = 2u64;
    while primes.len() < count {
        if primes.iter().all(|p| c % p != 0) {
            primes.push(c);
        }
        c += 1;
    }
    primes.iter().map(|&p| iroot(&BigInt::from_u64(p).shl(64 * n as usize), n) as u64).collect()
}

thread_local! {
    static CONSTANTS: (Vec<u64>, Vec<u64>) = (root_fractions(2, 8), root_fractions(3, 80));
}

fn compress(h: &mut [u64; 8], k: &[u64], block: &[u8]) {
    let mut w = [0u64; 80];
    for (t, chunk) in block.chunks(8).enumerate() {
        let mut b = [0u8; 8];
        b.copy_from_slice(chunk);
        w[t] = u64::from_be_bytes(b);
    }
    for t in 16..80 {
        let s0 = w[t - 15].rotate_right(1) ^ w[t - 15].rotate_right(8) ^ (w[t - 15] >> 7);
        let s1 = w[t - 2].rotate_right(19) ^ w[t - 2].rotate_right(61) ^ (w[t - 2] >> 6);
        w[t] = s1.wrapping_add(w[t - 7]).wrapping_add(s0).wrapping_add(w[t - 16]);
    }
    let mut v = *h;
    for t in 0..80 {
        let (a, b, c, e, f, g) = (v[0], v[1], v[2], v[4], v[5], v[6]);
        let big_s1 = e.rotate_right(14) ^ e.rotate_right(18) ^ e.rotate_right(41);
        let ch = (e & f) ^ (!e & g);
        let t1 = v[7].wrapping_add(big_s1).wrapping_add(ch).wrapping_add(k[t]).wrapping_add(w[t]);
        let big_s0 = a.rotate_right(28) ^ a.rotate_right(34) ^ a.rotate_right(39);
        let maj = (a & b) ^ (a & c) ^ (b & c);
        let t2 = big_s0.wrapping_add(maj);
        v = [t1.wrapping_add(t2), a, b, c, v[3].wrapping_add(t1), e, f, g];
    }
    for i in 0..8 {
        h[i] = h[i].wrapping_add(v[i]);
    }
}

/// The 64-byte SHA-512 digest of `data`.
pub fn sha512(data: &[u8]) -> Vec<u8> {
    CONSTANTS.with(|(init, k)| {
        let mut h = [0u64; 8];
        h.copy_from_slice(init);
        let mut msg = data.to_vec();
        msg.push(0x80);
        while msg.len() % 128 != 112 {
            msg.push(0);
        }
        msg.extend_from_slice(&((data.len() as u128) * 8).to_be_bytes());
        for block in msg.chunks(128) {
            compress(&mut h, k, block);
        }
        h.iter().flat_map(|x| x.to_be_bytes()).collect()
    })
}

// ---------------------------------------------------------------- the `_sha512` module

use super::hashes::{ctor_data, data_arg, md_pad, module, new_hash, HashState, HASH_METHODS};
use crate::object::Obj;
use crate::PyResult;

crate::native_type!(SHA384_TYPE, "_sha512", "_sha512.sha384", HASH_METHODS);
crate::native_type!(SHA512_TYPE, "_sha512", "_sha512.sha512", HASH_METHODS);

thread_local! {
    static IV384: Vec<u64> = root_fractions(2, 16)[8..].to_vec();
}

#[derive(Clone)]
struct Sha512 {
    h: [u64; 8],
    buf: Vec<u8>,
    total: u128,
    out: usize,
}

impl HashState for Sha512 {
    fn update(&mut self, data: &[u8]) {
        self.total += data.len() as u128;
        self.buf.extend_from_slice(data);
        let full = self.buf.len() / 128 * 128;
        CONSTANTS.with(|(_, k)| {
            for blk in self.buf[..full].chunks(128) {
                compress(&mut self.h, k, blk);
            }
        });
        self.buf.drain(..full);
    }
    fn digest(&self, _len: usize) -> Vec<u8> {
        let mut h = self.h;
        CONSTANTS.with(|(_, k)| {
            for blk in md_pad(&self.buf, self.total, 128, 16, true).chunks(128) {
                compress(&mut h, k, blk);
            }
        });
        let mut d: Vec<u8> = h.iter().flat_map(|w| w.to_be_bytes()).collect();
        d.truncate(self.out);
        d
    }
    fn boxed_clone(&self) -> Box<dyn HashState> {
        Box::new(self.clone())
    }
}

/// The SHA-512 IV (BLAKE2b uses it).
pub fn iv512() -> [u64; 8] {
    let mut h = [0u64; 8];
    CONSTANTS.with(|(init, _)| h.copy_from_slice(init));
    h
}

fn make(a: &[Obj], kw: Option<&Obj>, is384: bool) -> PyResult {
    let name = if is384 { "sha384" } else { "sha512" };
    let d = ctor_data(name, a, kw)?;
    let mut h = iv512();
    if is384 {
        IV384.with(|iv| h.copy_from_slice(iv));
    }
    let mut st = Sha512 { h, buf: Vec::new(), total: 0, out: if is384 { 48 } else { 64 } };
    if let Some(d) = d {
        st.update(data_arg(&d)?);
    }
    let ty = if is384 { &SHA384_TYPE } else { &SHA512_TYPE };
    Ok(new_hash(ty, name, st.out, 128, false, Box::new(st)))
}
fn m_sha384(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    make(a, kw, true)
}
fn m_sha512(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    make(a, kw, false)
}

pub fn make_module() -> PyResult {
    module("_sha512", &[("sha384", m_sha384), ("sha512", m_sha512)], &[("SHA384Type", &SHA384_TYPE), ("SHA512Type", &SHA512_TYPE)])
}
