//! `_md5` (RFC 1321).
use super::hashes::{ctor_data, data_arg, md_pad, module, new_hash, HashState, HASH_METHODS};
use crate::object::Obj;
use crate::PyResult;

crate::native_type!(MD5_TYPE, "_md5", "_md5.md5", HASH_METHODS);

const S: [u32; 64] = [
    7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11,
    16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
];

thread_local! {
    /// K[i] = floor(|sin(i + 1)| * 2^32)
    static K: [u32; 64] = {
        let mut k = [0u32; 64];
        for (i, e) in k.iter_mut().enumerate() {
            *e = (((i + 1) as f64).sin().abs() * 4294967296.0) as u32;
        }
        k
    };
}

#[derive(Clone)]
pub struct Md5 {
    h: [u32; 4],
    buf: Vec<u8>,
    total: u128,
}

impl Md5 {
    pub fn new() -> Md5 {
        Md5 { h: [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476], buf: Vec::new(), total: 0 }
    }
}

fn compress(h: &mut [u32; 4], block: &[u8]) {
    let mut m = [0u32; 16];
    for (i, c) in block.chunks(4).enumerate() {
        m[i] = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
    }
    let (mut a, mut b, mut c, mut d) = (h[0], h[1], h[2], h[3]);
    K.with(|k| {
        for i in 0..64 {
            let (f, g) = match i / 16 {
                0 => ((b & c) | (!b & d), i),
                1 => ((d & b) | (!d & c), (5 * i + 1) % 16),
                2 => (b ^ c ^ d, (3 * i + 5) % 16),
                _ => (c ^ (b | !d), (7 * i) % 16),
            };
            let t = d;
            d = c;
            c = b;
            b = b.wrapping_add(a.wrapping_add(f).wrapping_add(k[i]).wrapping_add(m[g]).rotate_left(S[i]));
            a = t;
        }
    });
    h[0] = h[0].wrapping_add(a);
    h[1] = h[1].wrapping_add(b);
    h[2] = h[2].wrapping_add(c);
    h[3] = h[3].wrapping_add(d);
}

impl HashState for Md5 {
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
        for blk in md_pad(&self.buf, self.total, 64, 8, false).chunks(64) {
            compress(&mut h, blk);
        }
        h.iter().flat_map(|w| w.to_le_bytes()).collect()
    }
    fn boxed_clone(&self) -> Box<dyn HashState> {
        Box::new(self.clone())
    }
}

fn md5(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let d = ctor_data("md5", a, kw)?;
    let mut st = Md5::new();
    if let Some(d) = d {
        st.update(data_arg(&d)?);
    }
    Ok(new_hash(&MD5_TYPE, "md5", 16, 64, false, Box::new(st)))
}

pub fn make_module() -> PyResult {
    module("_md5", &[("md5", md5)], &[("MD5Type", &MD5_TYPE)])
}
