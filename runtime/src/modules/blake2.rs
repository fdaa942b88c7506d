//! `_blake2`: BLAKE2b and BLAKE2s (RFC 7693) with digest_size, key, salt, person and the tree
//! parameters of CPython's constructors.
use super::hashes::{data_arg, module, new_hash, HashState, HASH_METHODS};
use crate::object::{Obj, TypeObject};
use crate::objects::exceptions::{overflow_error, value_error};
use crate::objects::native::unpack;
use crate::{ops, PyResult};

crate::native_type!(BLAKE2B_TYPE, "_blake2", "_blake2.blake2b", HASH_METHODS);
crate::native_type!(BLAKE2S_TYPE, "_blake2", "_blake2.blake2s", HASH_METHODS);

const SIGMA: [[usize; 16]; 10] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
    [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
    [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
    [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
    [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
    [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
    [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
    [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
    [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];

/// BLAKE2 over 64-bit words (b) or 32-bit words (s): words are kept as u64.
#[derive(Clone)]
struct Blake2 {
    big: bool,
    h: [u64; 8],
    iv: [u64; 8],
    t: u128,
    buf: Vec<u8>,
    out: usize,
    last_node: bool,
}

impl Blake2 {
    fn block(&self) -> usize {
        if self.big {
            128
        } else {
            64
        }
    }
    fn compress(&self, h: &mut [u64; 8], block: &[u8], t: u128, last: bool) {
        let (w, mask, rounds, r): (usize, u64, usize, [u32; 4]) =
            if self.big { (8, u64::MAX, 12, [32, 24, 16, 63]) } else { (4, 0xffff_ffff, 10, [16, 12, 8, 7]) };
        let bits = (w * 8) as u32;
        let rotr = |x: u64, n: u32| ((x >> n) | (x << (bits - n))) & mask;
        let mut m = [0u64; 16];
        for (i, c) in block.chunks(w).enumerate() {
            let mut b = [0u8; 8];
            b[..c.len()].copy_from_slice(c);
            m[i] = u64::from_le_bytes(b);
        }
        let mut v = [0u64; 16];
        v[..8].copy_from_slice(h);
        v[8..].copy_from_slice(&self.iv);
        v[12] ^= (t as u64) & mask;
        v[13] ^= ((t >> bits) as u64) & mask;
        if last {
            v[14] ^= mask;
            if self.last_node {
                v[15] ^= mask;
            }
        }
        let g = |v: &mut [u64; 16], a: usize, b: usize, c: usize, d: usize, x: u64, y: u64| {
            v[a] = v[a].wrapping_add(v[b]).wrapping_add(x) & mask;
            v[d] = rotr(v[d] ^ v[a], r[0]);
            v[c] = v[c].wrapping_add(v[d]) & mask;
            v[b] = rotr(v[b] ^ v[c], r[1]);
            v[a] = v[a].wrapping_add(v[b]).wrapping_add(y) & mask;
            v[d] = rotr(v[d] ^ v[a], r[2]);
            v[c] = v[c].wrapping_add(v[d]) & mask;
            v[b] = rotr(v[b] ^ v[c], r[3]);
        };
        for i in 0..rounds {
            let s = &SIGMA[i % 10];
            g(&mut v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
            g(&mut v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
            g(&mut v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
            g(&mut v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
            g(&mut v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
            g(&mut v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
            g(&mut v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
            g(&mut v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
        }
        for i in 0..8 {
            h[i] ^= v[i] ^ v[i + 8];
        }
    }
}

impl HashState for Blake2 {
    fn update(&mut self, data: &[u8]) {
        self.buf.extend_from_slice(data);
        let bs = self.block();
        // keep the last (possibly full) block for the final compression
        while self.buf.len() > bs {
            self.t += bs as u128;
            let blk: Vec<u8> = self.buf.drain(..bs).collect();
            let mut h = self.h;
            self.compress(&mut h, &blk, self.t, false);
            self.h = h;
        }
    }
    fn digest(&self, _len: usize) -> Vec<u8> {
        let mut h = self.h;
        let t = self.t + self.buf.len() as u128;
        let mut last = self.buf.clone();
        last.resize(self.block(), 0);
        self.compress(&mut h, &last, t, true);
        let w = if self.big { 8 } else { 4 };
        let mut out: Vec<u8> = h.iter().flat_map(|x| x.to_le_bytes()[..w].to_vec()).collect();
        out.truncate(self.out);
        out
    }
    fn boxed_clone(&self) -> Box<dyn HashState> {
        Box::new(self.clone())
    }
}

const NAMES: &[&str] = &[
    "data", "digest_size", "key", "salt", "person", "fanout", "depth", "leaf_size", "node_offset", "node_depth", "inner_size", "last_node",
    "usedforsecurity",
];

fn bytes_opt(o: &Option<Obj>) -> PyResult<Vec<u8>> {
    match o {
        Some(x) => Ok(data_arg(x)?.to_vec()),
        None => Ok(Vec::new()),
    }
}

fn int_opt(o: &Option<Obj>, default: i64) -> PyResult<i64> {
    match o {
        Some(x) => ops::index_value(x),
        None => Ok(default),
    }
}

fn make(fname: &'static str, a: &[Obj], kw: Option<&Obj>, big: bool, ty: &'static TypeObject) -> PyResult {
    let v = unpack(fname, a, kw, NAMES, 0, 1, 1)?;
    let (maxd, maxsalt) = if big { (64, 16) } else { (32, 8) };
    let ds = int_opt(&v[1], maxd)?;
    if ds < 1 || ds > maxd {
        return Err(value_error(format!("digest_size must be between 1 and {} bytes", maxd)));
    }
    let key = bytes_opt(&v[2])?;
    let salt = bytes_opt(&v[3])?;
    let person = bytes_opt(&v[4])?;
    if key.len() > maxd as usize {
        return Err(value_error(format!("maximum key length is {} bytes", maxd)));
    }
    if salt.len() > maxsalt {
        return Err(value_error(format!("maximum salt length is {} bytes", maxsalt)));
    }
    if person.len() > maxsalt {
        return Err(value_error(format!("maximum person length is {} bytes", maxsalt)));
    }
    let fanout = int_opt(&v[5], 1)?;
    let depth = int_opt(&v[6], 1)?;
    if !(0..=255).contains(&fanout) {
        return Err(value_error("fanout must be between 0 and 255"));
    }
    if !(1..=255).contains(&depth) {
        return Err(value_error("depth must be between 1 and 255"));
    }
    let leaf = int_opt(&v[7], 0)?;
    if leaf < 0 || leaf > u32::MAX as i64 {
        return Err(overflow_error("leaf_size is too large"));
    }
    let node_offset = int_opt(&v[8], 0)? as u64;
    let node_depth = int_opt(&v[9], 0)?;
    if !(0..=255).contains(&node_depth) {
        return Err(value_error("node_depth must be between 0 and 255"));
    }
    let inner = int_opt(&v[10], 0)?;
    if inner < 0 || inner > maxd {
        return Err(value_error(format!("inner_size must be between 0 and is {}", maxd)));
    }
    let last_node = match &v[11] {
        Some(x) => ops::is_true(x)?,
        None => false,
    };
    // the parameter block, little-endian
    let plen = if big { 64 } else { 32 };
    let mut p = vec![0u8; plen];
    p[0] = ds as u8;
    p[1] = key.len() as u8;
    p[2] = fanout as u8;
    p[3] = depth as u8;
    p[4..8].copy_from_slice(&(leaf as u32).to_le_bytes());
    if big {
        p[8..16].copy_from_slice(&node_offset.to_le_bytes());
        p[16] = node_depth as u8;
        p[17] = inner as u8;
        p[32..32 + salt.len()].copy_from_slice(&salt);
        p[48..48 + person.len()].copy_from_slice(&person);
    } else {
        p[8..14].copy_from_slice(&node_offset.to_le_bytes()[..6]);
        p[14] = node_depth as u8;
        p[15] = inner as u8;
        p[16..16 + salt.len()].copy_from_slice(&salt);
        p[24..24 + person.len()].copy_from_slice(&person);
    }
    let iv: [u64; 8] = if big {
        super::sha512::iv512()
    } else {
        let s = super::sha256::iv256();
        let mut x = [0u64; 8];
        for i in 0..8 {
            x[i] = s[i] as u64;
        }
        x
    };
    let w = if big { 8 } else { 4 };
    let mut h = iv;
    for (i, c) in p.chunks(w).enumerate() {
        let mut b = [0u8; 8];
        b[..c.len()].copy_from_slice(c);
        h[i] ^= u64::from_le_bytes(b);
    }
    let mut st = Blake2 { big, h, iv, t: 0, buf: Vec::new(), out: ds as usize, last_node };
    if !key.is_empty() {
        let mut kb = key.clone();
        kb.resize(st.block(), 0);
        st.update(&kb);
    }
    if let Some(d) = &v[0] {
        st.update(data_arg(d)?);
    }
    let bs = st.block();
    Ok(new_hash(ty, fname, ds as usize, bs, false, Box::new(st)))
}
fn blake2b(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    make("blake2b", a, kw, true, &BLAKE2B_TYPE)
}
fn blake2s(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    make("blake2s", a, kw, false, &BLAKE2S_TYPE)
}

pub fn make_module() -> PyResult {
    module("_blake2", &[("blake2b", blake2b), ("blake2s", blake2s)], &[])
}
