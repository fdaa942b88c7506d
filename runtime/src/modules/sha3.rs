//! `_sha3`: SHA3-224/256/384/512 and SHAKE128/256 (FIPS 202, Keccak-f[1600]). Round constants
//! and rotation offsets are computed from their definitions.
use super::hashes::{data_arg, module, new_hash, HashState, HASH_METHODS};
use crate::object::{Obj, TypeObject};
use crate::objects::native::unpack;
use crate::PyResult;

crate::native_type!(SHA3_224_TYPE, "_sha3", "_sha3.sha3_224", HASH_METHODS);
crate::native_type!(SHA3_256_TYPE, "_sha3", "_sha3.sha3_256", HASH_METHODS);
crate::native_type!(SHA3_384_TYPE, "_sha3", "_sha3.sha3_384", HASH_METHODS);
crate::native_type!(SHA3_512_TYPE, "_sha3", "_sha3.sha3_512", HASH_METHODS);
crate::native_type!(SHAKE128_TYPE, "_sha3", "_sha3.shake_128", HASH_METHODS);
crate::native_type!(SHAKE256_TYPE, "_sha3", "_sha3.shake_256", HASH_METHODS);

thread_local! {
    /// (round constants, rotation offsets by lane x + 5y)
    static KECCAK: ([u64; 24], [u32; 25]) = {
        let rc_bit = |t: usize| -> u64 {
            let mut r: u16 = 1;
            for _ in 0..t % 255 {
                r <<= 1;
                if r & 0x100 != 0 {
                    r ^= 0x171;
                }
            }
            (r & 1) as u64
        };
        let mut rc = [0u64; 24];
        for (i, c) in rc.iter_mut().enumerate() {
            for j in 0..7 {
                *c |= rc_bit(j + 7 * i) << ((1 << j) - 1);
            }
        }
        let mut rot = [0u32; 25];
        let (mut x, mut y) = (1usize, 0usize);
        for t in 0..24u32 {
            rot[x + 5 * y] = ((t + 1) * (t + 2) / 2) % 64;
            let nx = y;
            y = (2 * x + 3 * y) % 5;
            x = nx;
        }
        (rc, rot)
    };
}

fn keccak_f(a: &mut [u64; 25]) {
    KECCAK.with(|(rc, rot)| {
        for round_constant in rc.iter() {
            let mut c = [0u64; 5];
            for x in 0..5 {
                c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
            }
            for x in 0..5 {
                let d = c[(x + 4) % 5] ^ c[(x + 1) % 5].rotate_left(1);
                for y in 0..5 {
                    a[x + 5 * y] ^= d;
                }
            }
            let mut b = [0u64; 25];
            for x in 0..5 {
                for y in 0..5 {
                    b[y + 5 * ((2 * x + 3 * y) % 5)] = a[x + 5 * y].rotate_left(rot[x + 5 * y]);
                }
            }
            for x in 0..5 {
                for y in 0..5 {
                    a[x + 5 * y] = b[x + 5 * y] ^ (!b[(x + 1) % 5 + 5 * y] & b[(x + 2) % 5 + 5 * y]);
                }
            }
            a[0] ^= round_constant;
        }
    });
}

#[derive(Clone)]
struct Keccak {
    a: [u64; 25],
    rate: usize,
    buf: Vec<u8>,
    pad: u8,
    out: usize,
}

fn absorb(a: &mut [u64; 25], block: &[u8]) {
    for (i, c) in block.chunks(8).enumerate() {
        let mut w = [0u8; 8];
        w[..c.len()].copy_from_slice(c);
        a[i] ^= u64::from_le_bytes(w);
    }
    keccak_f(a);
}

impl HashState for Keccak {
    fn update(&mut self, data: &[u8]) {
        self.buf.extend_from_slice(data);
        let full = self.buf.len() / self.rate * self.rate;
        for blk in self.buf[..full].chunks(self.rate) {
            absorb(&mut self.a, blk);
        }
        self.buf.drain(..full);
    }
    fn digest(&self, len: usize) -> Vec<u8> {
        let mut a = self.a;
        let mut last = self.buf.clone();
        last.push(self.pad);
        last.resize(self.rate, 0);
        last[self.rate - 1] |= 0x80;
        absorb(&mut a, &last);
        let n = if self.out == 0 { len } else { self.out };
        let mut out = Vec::with_capacity(n);
        loop {
            for w in a.iter().take(self.rate / 8) {
                out.extend_from_slice(&w.to_le_bytes());
            }
            if out.len() >= n {
                break;
            }
            keccak_f(&mut a);
        }
        out.truncate(n);
        out
    }
    fn boxed_clone(&self) -> Box<dyn HashState> {
        Box::new(self.clone())
    }
}

fn make(fname: &'static str, a: &[Obj], kw: Option<&Obj>, ty: &'static TypeObject, bits: usize, shake: bool) -> PyResult {
    let v = unpack(fname, a, kw, &["data", "usedforsecurity"], 0, 1, 1)?;
    let rate = 200 - 2 * bits / 8;
    let mut st = Keccak { a: [0; 25], rate, buf: Vec::new(), pad: if shake { 0x1f } else { 0x06 }, out: if shake { 0 } else { bits / 8 } };
    if let Some(d) = &v[0] {
        st.update(data_arg(d)?);
    }
    Ok(new_hash(ty, fname, st.out, rate, shake, Box::new(st)))
}
fn sha3_224(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    make("sha3_224", a, kw, &SHA3_224_TYPE, 224, false)
}
fn sha3_256(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    make("sha3_256", a, kw, &SHA3_256_TYPE, 256, false)
}
fn sha3_384(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    make("sha3_384", a, kw, &SHA3_384_TYPE, 384, false)
}
fn sha3_512(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    make("sha3_512", a, kw, &SHA3_512_TYPE, 512, false)
}
fn shake_128(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    make("shake_128", a, kw, &SHAKE128_TYPE, 128, true)
}
fn shake_256(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    make("shake_256", a, kw, &SHAKE256_TYPE, 256, true)
}

pub fn make_module() -> PyResult {
    module(
        "_sha3",
        &[
            ("sha3_224", sha3_224),
            ("sha3_256", sha3_256),
            ("sha3_384", sha3_384),
            ("sha3_512", sha3_512),
            ("shake_128", shake_128),
            ("shake_256", shake_256),
        ],
        &[],
    )
}
