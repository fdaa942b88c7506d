//! `_sha256`: SHA-224 and SHA-256 (FIPS 180-4). Constants come from their definition
//! (fractional bits of square / cube roots of primes), via sha512.rs.
use super::hashes::{ctor_data, data_arg, md_pad, module, new_hash, HashState, HASH_METHODS};
use super::sha512::root_fractions;
use crate::object::Obj;
use crate::PyResult;

crate::native_type!(SHA224_TYPE, "_sha256", "_sha256.sha224", HASH_METHODS);
crate::native_type!(SHA256_TYPE, "_sha256", "_sha256.sha256", HASH_METHODS);

thread_local! {
    /// (K, SHA-256 IV, SHA-224 IV)
    static CONST: ([u32; 64], [u32; 8], [u32; 8]) = {
        let mut k = [0u32; 64];
        for (e, f) in k.iter_mut().zip(root_fractions(3, 64)) {
            *e = (f >> 32) as u32;
        }
        let sq = root_fractions(2, 16);
        let mut iv256 = [0u32; 8];
        let mut iv224 = [0u32; 8];
        for i in 0..8 {
            iv256[i] = (sq[i] >> 32) as u32;
            iv224[i] = sq[i + 8] as u32;
        }
        (k, iv256, iv224)
    };
}

#[derive(Clone)]
struct Sha256 {
    h: [u32; 8],
    buf: Vec<u8>,
    total: u128,
    out: usize,
}

fn compress(h: &mut [u32; 8], k: &[u32; 64], block: &[u8]) {
    let mut w = [0u32; 64];
    for (i, c) in block.chunks(4).enumerate() {
        w[i] = u32::from_be_bytes([c[0], c[1], c[2], c[3]]);
    }
    for t in 16..64 {
        let s0 = w[t - 15].rotate_right(7) ^ w[t - 15].rotate_right(18) ^ (w[t - 15] >> 3);
        let s1 = w[t - 2].rotate_right(17) ^ w[t - 2].rotate_right(19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16].wrapping_add(s0).wrapping_add(w[t - 7]).wrapping_add(s1);
    }
    let mut v = *h;
    for t in 0..64 {
        let (a, b, c, e, f, g) = (v[0], v[1], v[2], v[4], v[5], v[6]);
        let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
        let ch = (e & f) ^ (!e & g);
        let t1 = v[7].wrapping_add(s1).wrapping_add(ch).wrapping_add(k[t]).wrapping_add(w[t]);
        let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
        let maj = (a & b) ^ (a & c) ^ (b & c);
        v = [t1.wrapping_add(s0.wrapping_add(maj)), a, b, c, v[3].wrapping_add(t1), e, f, g];
    }
    for i in 0..8 {
        h[i] = h[i].wrapping_add(v[i]);
    }
}

impl HashState for Sha256 {
    fn update(&mut self, data: &[u8]) {
        self.total += data.len() as u128;
        self.buf.extend_from_slice(data);
        let full = self.buf.len() / 64 * 64;
        CONST.with(|(k, _, _)| {
            for blk in self.buf[..full].chunks(64) {
                compress(&mut self.h, k, blk);
            }
        });
        self.buf.drain(..full);
    }
    fn digest(&self, _len: usize) -> Vec<u8> {
        let mut h = self.h;
        CONST.with(|(k, _, _)| {
            for blk in md_pad(&self.buf, self.total, 64, 8, true).chunks(64) {
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

fn make(a: &[Obj], kw: Option<&Obj>, is224: bool) -> PyResult {
    let name = if is224 { "sha224" } else { "sha256" };
    let d = ctor_data(name, a, kw)?;
    let h = CONST.with(|(_, iv256, iv224)| if is224 { *iv224 } else { *iv256 });
    let mut st = Sha256 { h, buf: Vec::new(), total: 0, out: if is224 { 28 } else { 32 } };
    if let Some(d) = d {
        st.update(data_arg(&d)?);
    }
    let ty = if is224 { &SHA224_TYPE } else { &SHA256_TYPE };
    Ok(new_hash(ty, name, st.out, 64, false, Box::new(st)))
}
fn sha224(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    make(a, kw, true)
}
fn sha256(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    make(a, kw, false)
}

/// The SHA-256 IV (BLAKE2s uses it).
pub fn iv256() -> [u32; 8] {
    CONST.with(|(_, iv, _)| *iv)
}

pub fn make_module() -> PyResult {
    module("_sha256", &[("sha224", sha224), ("sha256", sha256)], &[("SHA224Type", &SHA224_TYPE), ("SHA256Type", &SHA256_TYPE)])
}
