//! `_sha1` (FIPS 180-4).
use super::hashes::{ctor_data, data_arg, md_pad, module, new_hash, HashState, HASH_METHODS};
use crate::object::Obj;
use crate::PyResult;

crate::native_type!(SHA1_TYPE, "_sha1", "_sha1.sha1", HASH_METHODS);

#[derive(Clone)]
struct Sha1 {
    h: [u32; 5],
    buf: Vec<u8>,
    total: u128,
}

fn compress(h: &mut [u32; 5], block: &[u8]) {
    let mut w = [0u32; 80];
    for (i, c) in block.chunks(4).enumerate() {
        w[i] = u32::from_be_bytes([c[0], c[1], c[2], c[3]]);
    }
    for t in 16..80 {
        w[t] = (w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16]).rotate_left(1);
    }
    let (mut a, mut b, mut c, mut d, mut e) = (h[0], h[1], h[2], h[3], h[4]);
    for (t, wt) in w.iter().enumerate() {
        let (f, k) = match t / 20 {
            0 => ((b & c) | (!b & d), 0x5a827999),
            1 => (b ^ c ^ d, 0x6ed9eba1),
            2 => ((b & c) | (b & d) | (c & d), 0x8f1bbcdc),
            _ => (b ^ c ^ d, 0xca62c1d6u32),
        };
        let tmp = a.rotate_left(5).wrapping_add(f).wrapping_add(e).wrapping_add(k).wrapping_add(*wt);
        e = d;
        d = c;
        c = b.rotate_left(30);
        b = a;
        a = tmp;
    }
    for (x, v) in h.iter_mut().zip([a, b, c, d, e]) {
        *x = x.wrapping_add(v);
    }
}

impl HashState for Sha1 {
    fn update(&mut self, data: &[u8]) {
        self.total += data.len() as u128;
        self.buf.extend_from_slice(data);
        let full = self.buf.len() / 64 * 64;
        for blk in self.buf[..full].chunks(64) {
            compress(&mut self.h, blk);
        }
        self.buf.drain(..full);
    }
    fn digest(&self, _len: usize) -> Vec<u8> {
        let mut h = self.h;
        for blk in md_pad(&self.buf, self.total, 64, 8, true).chunks(64) {
            compress(&mut h, blk);
        }
        h.iter().flat_map(|w| w.to_be_bytes()).collect()
    }
    fn boxed_clone(&self) -> Box<dyn HashState> {
        Box::new(self.clone())
    }
}

fn sha1(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let d = ctor_data("sha1", a, kw)?;
    let mut st = Sha1 { h: [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0], buf: Vec::new(), total: 0 };
    if let Some(d) = d {
        st.update(data_arg(&d)?);
    }
    Ok(new_hash(&SHA1_TYPE, "sha1", 20, 64, false, Box::new(st)))
}

pub fn make_module() -> PyResult {
    module("_sha1", &[("sha1", sha1)], &[("SHA1Type", &SHA1_TYPE)])
}
