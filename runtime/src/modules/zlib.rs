//! `zlib` (CPython's Modules/zlibmodule.c over a DEFLATE implementation of its own):
//! crc32, adler32, compress/decompress, compressobj/decompressobj, zlib/gzip/raw framing
//! chosen by wbits, zlib's error messages. Inflate handles every block type; deflate is LZ77
//! (hash chains) with fixed-Huffman blocks (stored blocks at level 0), so its output is valid
//! DEFLATE but not byte-identical to zlib's.
use crate::object::{MethodFn, Obj};
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::bytes::as_bytes;
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::exceptions::{type_error, value_error, Exc};
use crate::objects::native::{self, new_native, posonly, unpack, NativeData};
use crate::{call, ops, PyResult};
use std::cell::{Cell, RefCell};

crate::native_type!(COMPRESS_TYPE, "zlib", "zlib.Compress", COMPRESS_METHODS);
crate::native_type!(DECOMPRESS_TYPE, "zlib", "zlib.Decompress", DECOMPRESS_METHODS);

thread_local! {
    static ERROR: RefCell<Option<Obj>> = RefCell::new(None);
}

fn error_class() -> Obj {
    ERROR.with(|e| {
        if let Some(c) = &*e.borrow() {
            return c.clone();
        }
        let ns = new_dict();
        let _ = dict_set(&ns, Obj::str("__module__"), Obj::str("zlib"));
        let c = crate::objects::typeobj::new_class("error", vec![crate::objects::exceptions::EXCEPTION.obj()], ns, "zlib").expect("zlib.error");
        *e.borrow_mut() = Some(c.clone());
        c
    })
}

fn zerr(msg: impl Into<String>) -> Exc {
    match call(&error_class(), vec![Obj::string(msg.into())], None) {
        Ok(v) => Exc::from_value(v),
        Err(e) => e,
    }
}

fn data_arg(o: &Obj) -> PyResult<&[u8]> {
    match as_bytes(o) {
        Some(b) if o.as_str().is_none() => Ok(b),
        _ => Err(type_error(format!("a bytes-like object is required, not '{}'", o.type_name()))),
    }
}

// ---------------------------------------------------------------- checksums

pub fn adler32_update(adler: u32, data: &[u8]) -> u32 {
    let (mut a, mut b) = (adler & 0xffff, adler >> 16);
    for chunk in data.chunks(5552) {
        for &x in chunk {
            a += x as u32;
            b += a;
        }
        a %= 65521;
        b %= 65521;
    }
    (b << 16) | a
}

fn m_adler32(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = posonly("adler32", a, kw, 1, 2)?;
    let start = match a.get(1) {
        Some(v) => super::binascii::u32_arg(v)?,
        None => 1,
    };
    Ok(Obj::int(adler32_update(start, data_arg(&a[0])?) as i64))
}

fn m_crc32(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = posonly("crc32", a, kw, 1, 2)?;
    let start = match a.get(1) {
        Some(v) => super::binascii::u32_arg(v)?,
        None => 0,
    };
    Ok(Obj::int(super::binascii::crc32_update(start, data_arg(&a[0])?) as i64))
}

// ---------------------------------------------------------------- inflate

const LEN_BASE: [u16; 29] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEN_EXTRA: [u8; 29] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE: [u16; 30] =
    [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA: [u8; 30] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CL_ORDER: [usize; 19] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/// Why inflating stopped early.
enum Stop {
    /// more input needed
    Incomplete,
    /// corrupt data (zlib's message)
    Bad(&'static str),
}

struct Bits<'a> {
    d: &'a [u8],
    pos: usize,
    bit: u64,
    nbits: u32,
}

impl<'a> Bits<'a> {
    fn need(&mut self, n: u32) -> Result<u32, Stop> {
        if self.nbits < n {
            self.fill();
            if self.nbits < n {
                return Err(Stop::Incomplete);
            }
        }
        let v = (self.bit & ((1u64 << n) - 1)) as u32;
        self.bit >>= n;
        self.nbits -= n;
        Ok(v)
    }
    /// Reads whole bytes into the buffer until it holds at least 56 bits or the input ends:
    /// eight at once where eight remain (one symbol's code, extra bits, distance code and
    /// distance extra bits take at most 48).
    #[inline]
    fn fill(&mut self) {
        if self.pos + 8 <= self.d.len() {
            let mut w = [0u8; 8];
            w.copy_from_slice(&self.d[self.pos..self.pos + 8]);
            let took = (63 - self.nbits) >> 3;
            self.bit |= u64::from_le_bytes(w) << self.nbits;
            self.pos += took as usize;
            self.nbits += took * 8;
            self.bit &= (1u64 << self.nbits) - 1;
            return;
        }
        self.fill_bytes()
    }
    #[inline(never)]
    fn fill_bytes(&mut self) {
        while self.nbits <= 56 && self.pos < self.d.len() {
            self.bit |= (self.d[self.pos] as u64) << self.nbits;
            self.pos += 1;
            self.nbits += 8;
        }
    }
    /// Gives back the whole bytes `fill` read ahead, so the buffer holds fewer than 8 bits, the
    /// rest of the byte at `pos - 1`: `align` and the consumed count rely on it.
    fn unread(&mut self) {
        while self.nbits >= 8 {
            self.pos -= 1;
            self.nbits -= 8;
        }
        self.bit &= (1u64 << self.nbits) - 1;
    }
    fn align(&mut self) {
        self.unread();
        self.bit = 0;
        self.nbits = 0;
    }
}

/// Codes of up to this many bits decode with one lookup in `Huff::fast`.
const FAST_BITS: u32 = 11;

/// Canonical Huffman decoding table (puff.c style): counts per length, symbols by code; and
/// `fast`, indexed by the next `FAST_BITS` input bits: symbol << 4 | code length, 0 for a
/// longer code (decoded bit by bit).
struct Huff {
    count: [u16; 16],
    sym: Vec<u16>,
    fast: Vec<u16>,
}

fn build(lengths: &[u8]) -> (Huff, i32) {
    let mut count = [0u16; 16];
    for &l in lengths {
        count[l as usize] += 1;
    }
    let mut left: i32 = 1;
    for len in 1..16 {
        left <<= 1;
        left -= count[len] as i32;
        if left < 0 {
            return (Huff { count, sym: vec![], fast: vec![0; 1 << FAST_BITS] }, left);
        }
    }
    let mut offs = [0u16; 16];
    for len in 1..15 {
        offs[len + 1] = offs[len] + count[len];
    }
    let mut sym = vec![0u16; lengths.len()];
    for (s, &l) in lengths.iter().enumerate() {
        if l != 0 {
            sym[offs[l as usize] as usize] = s as u16;
            offs[l as usize] += 1;
        }
    }
    (Huff { count, sym, fast: fast_table(lengths, &count) }, left)
}

/// `Huff::fast` for canonical codes of `lengths`: each code's bits reversed (the stream sends
/// a code's most significant bit first, in a byte's least significant bit first), repeated for
/// every value of the bits after it.
fn fast_table(lengths: &[u8], count: &[u16; 16]) -> Vec<u16> {
    let mut next = [0u32; 16];
    let mut code = 0u32;
    for len in 1..16 {
        code = (code + if len == 1 { 0 } else { count[len - 1] as u32 }) << 1;
        next[len] = code;
    }
    let mut fast = vec![0u16; 1 << FAST_BITS];
    for (s, &l) in lengths.iter().enumerate() {
        let l = l as u32;
        if l == 0 {
            continue;
        }
        let c = next[l as usize];
        next[l as usize] += 1;
        if l > FAST_BITS {
            continue;
        }
        let mut r = c.reverse_bits() >> (32 - l);
        while r < 1 << FAST_BITS {
            fast[r as usize] = (s as u16) << 4 | l as u16;
            r += 1 << l;
        }
    }
    fast
}

#[inline(always)]
fn decode(b: &mut Bits, h: &Huff) -> Result<u16, Stop> {
    if b.nbits < FAST_BITS {
        b.fill();
    }
    let e = h.fast[(b.bit & ((1 << FAST_BITS) - 1)) as usize] as u32;
    let len = e & 15;
    if e != 0 && len <= b.nbits {
        b.bit >>= len;
        b.nbits -= len;
        return Ok((e >> 4) as u16);
    }
    decode_slow(b, h)
}

/// A code longer than `FAST_BITS` (or one near the end of the input), bit by bit.
#[inline(never)]
fn decode_slow(b: &mut Bits, h: &Huff) -> Result<u16, Stop> {
    let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
    for len in 1..16 {
        code |= b.need(1)? as i32;
        let count = h.count[len] as i32;
        if code - count < first {
            return Ok(h.sym[(index + (code - first)) as usize]);
        }
        index += count;
        first += count;
        first <<= 1;
        code <<= 1;
    }
    Err(Stop::Bad("invalid code"))
}

/// Inflates raw DEFLATE data: (output, input bytes consumed, reached the final block).
/// `limit` stops once that much output exists (the consumed count is then where it stopped).
fn inflate(d: &[u8], dict: &[u8], limit: Option<usize>) -> (Vec<u8>, usize, Result<(), Stop>) {
    let mut out: Vec<u8> = dict.to_vec();
    let base = dict.len();
    let mut b = Bits { d, pos: 0, bit: 0, nbits: 0 };
    let r = inflate_blocks(&mut b, &mut out, base, limit);
    b.unread();
    let out = out.split_off(base);
    (out, b.pos, r)
}

/// Inflates raw DEFLATE data the program carries itself (unicodedata's database, printed units'
/// string tables): the whole output, or None when it is not complete, valid DEFLATE.
pub(crate) fn inflate_raw(d: &[u8]) -> Option<Vec<u8>> {
    match inflate(d, &[], None) {
        (out, _, Ok(())) => Some(out),
        _ => None,
    }
}

fn inflate_blocks(b: &mut Bits, out: &mut Vec<u8>, base: usize, limit: Option<usize>) -> Result<(), Stop> {
    loop {
        let last = b.need(1)?;
        let kind = b.need(2)?;
        match kind {
            0 => {
                b.align();
                if b.pos + 4 > b.d.len() {
                    return Err(Stop::Incomplete);
                }
                let len = u16::from_le_bytes([b.d[b.pos], b.d[b.pos + 1]]);
                let nlen = u16::from_le_bytes([b.d[b.pos + 2], b.d[b.pos + 3]]);
                if len != !nlen {
                    return Err(Stop::Bad("invalid stored block lengths"));
                }
                b.pos += 4;
                let n = len as usize;
                let avail = (b.d.len() - b.pos).min(n);
                out.extend_from_slice(&b.d[b.pos..b.pos + avail]);
                b.pos += avail;
                if avail < n {
                    return Err(Stop::Incomplete);
                }
            }
            1 => {
                let mut l = [0u8; 288];
                for (i, x) in l.iter_mut().enumerate() {
                    *x = if i < 144 { 8 } else if i < 256 { 9 } else if i < 280 { 7 } else { 8 };
                }
                let (lit, _) = build(&l);
                let (dist, _) = build(&[5u8; 30]);
                codes(b, out, base, &lit, &dist, limit)?;
            }
            2 => {
                let nlen = b.need(5)? as usize + 257;
                let ndist = b.need(5)? as usize + 1;
                let ncode = b.need(4)? as usize + 4;
                if nlen > 286 || ndist > 30 {
                    return Err(Stop::Bad("too many length or distance symbols"));
                }
                let mut cl = [0u8; 19];
                for &i in CL_ORDER.iter().take(ncode) {
                    cl[i] = b.need(3)? as u8;
                }
                let (clh, left) = build(&cl);
                if left != 0 {
                    return Err(Stop::Bad("invalid code lengths set"));
                }
                let mut lengths = vec![0u8; nlen + ndist];
                let mut i = 0;
                while i < nlen + ndist {
                    let sym = decode(b, &clh).map_err(|e| match e {
                        Stop::Bad(_) => Stop::Bad("invalid code lengths set"),
                        x => x,
                    })?;
                    if sym < 16 {
                        lengths[i] = sym as u8;
                        i += 1;
                        continue;
                    }
                    let (val, rep) = match sym {
                        16 => {
                            if i == 0 {
                                return Err(Stop::Bad("invalid bit length repeat"));
                            }
                            (lengths[i - 1], 3 + b.need(2)? as usize)
                        }
                        17 => (0, 3 + b.need(3)? as usize),
                        _ => (0, 11 + b.need(7)? as usize),
                    };
                    if i + rep > nlen + ndist {
                        return Err(Stop::Bad("invalid bit length repeat"));
                    }
                    for x in &mut lengths[i..i + rep] {
                        *x = val;
                    }
                    i += rep;
                }
                if lengths[256] == 0 {
                    return Err(Stop::Bad("invalid code -- missing end-of-block"));
                }
                let (lit, left) = build(&lengths[..nlen]);
                if left < 0 || (left > 0 && nlen - lit.count[0] as usize != 1) {
                    return Err(Stop::Bad("invalid literal/lengths set"));
                }
                let (dist, left) = build(&lengths[nlen..]);
                if left < 0 || (left > 0 && ndist - dist.count[0] as usize != 1) {
                    return Err(Stop::Bad("invalid distances set"));
                }
                codes(b, out, base, &lit, &dist, limit)?;
            }
            _ => return Err(Stop::Bad("invalid block type")),
        }
        if last == 1 {
            return Ok(());
        }
        if let Some(l) = limit {
            if out.len() - base >= l {
                return Err(Stop::Incomplete);
            }
        }
    }
}

fn codes(b: &mut Bits, out: &mut Vec<u8>, base: usize, lit: &Huff, dist: &Huff, limit: Option<usize>) -> Result<(), Stop> {
    loop {
        if let Some(l) = limit {
            if out.len() - base >= l {
                return Err(Stop::Incomplete);
            }
        }
        let sym = decode(b, lit).map_err(|e| match e {
            Stop::Bad(_) => Stop::Bad("invalid literal/length code"),
            x => x,
        })?;
        if sym < 256 {
            out.push(sym as u8);
        } else if sym == 256 {
            return Ok(());
        } else {
            let s = (sym - 257) as usize;
            if s >= 29 {
                return Err(Stop::Bad("invalid literal/length code"));
            }
            let len = LEN_BASE[s] as usize + b.need(LEN_EXTRA[s] as u32)? as usize;
            let ds = decode(b, dist).map_err(|e| match e {
                Stop::Bad(_) => Stop::Bad("invalid distance code"),
                x => x,
            })? as usize;
            if ds >= 30 {
                return Err(Stop::Bad("invalid distance code"));
            }
            let d = DIST_BASE[ds] as usize + b.need(DIST_EXTRA[ds] as u32)? as usize;
            if d > out.len() {
                return Err(Stop::Bad("invalid distance too far back"));
            }
            // an overlapping match repeats its last `d` bytes: copied in chunks that double
            let start = out.len() - d;
            let mut left = len;
            while left > 0 {
                let n = left.min(out.len() - start);
                out.extend_from_within(start..start + n);
                left -= n;
            }
        }
    }
}

// ---------------------------------------------------------------- deflate

struct BitOut {
    out: Vec<u8>,
    bit: u64,
    n: u32,
}

impl BitOut {
    fn put(&mut self, v: u32, n: u32) {
        self.bit |= (v as u64) << self.n;
        self.n += n;
        while self.n >= 8 {
            self.out.push(self.bit as u8);
            self.bit >>= 8;
            self.n -= 8;
        }
    }
    /// a Huffman code: most significant bit first
    fn code(&mut self, code: u32, len: u32) {
        let mut r = 0;
        for i in 0..len {
            r |= ((code >> i) & 1) << (len - 1 - i);
        }
        self.put(r, len);
    }
    fn flush_byte(&mut self) {
        if self.n > 0 {
            self.out.push(self.bit as u8);
        }
        self.bit = 0;
        self.n = 0;
    }
}

fn fixed_lit(w: &mut BitOut, v: u32) {
    match v {
        0..=143 => w.code(0x30 + v, 8),
        144..=255 => w.code(0x190 + v - 144, 9),
        256..=279 => w.code(v - 256, 7),
        _ => w.code(0xc0 + v - 280, 8),
    }
}

fn put_match(w: &mut BitOut, len: usize, dist: usize) {
    let li = LEN_BASE.iter().rposition(|&x| x as usize <= len).unwrap();
    fixed_lit(w, 257 + li as u32);
    w.put((len - LEN_BASE[li] as usize) as u32, LEN_EXTRA[li] as u32);
    let di = DIST_BASE.iter().rposition(|&x| x as usize <= dist).unwrap();
    w.code(di as u32, 5);
    w.put((dist - DIST_BASE[di] as usize) as u32, DIST_EXTRA[di] as u32);
}

/// DEFLATE-compresses `data` as one or more blocks (the last one final if `last`); `hist` is
/// earlier data of the stream that matches may refer to.
fn deflate(w: &mut BitOut, hist: &[u8], data: &[u8], level: i32, last: bool) {
    if level == 0 || data.is_empty() && !last {
        // stored blocks (an empty non-final one is zlib's sync-flush marker)
        let mut chunks: Vec<&[u8]> = data.chunks(65535).collect();
        if chunks.is_empty() {
            chunks.push(&[]);
        }
        let n = chunks.len();
        for (i, c) in chunks.into_iter().enumerate() {
            w.put((last && i == n - 1) as u32, 1);
            w.put(0, 2);
            w.flush_byte();
            w.out.extend_from_slice(&(c.len() as u16).to_le_bytes());
            w.out.extend_from_slice(&(!(c.len() as u16)).to_le_bytes());
            w.out.extend_from_slice(c);
        }
        return;
    }
    w.put(last as u32, 1);
    w.put(1, 2);
    let mut buf = hist[hist.len().saturating_sub(32768)..].to_vec();
    let start = buf.len();
    buf.extend_from_slice(data);
    let chain_max = match level {
        1..=3 => 8,
        4..=6 | -1 => 64,
        _ => 512,
    };
    const HSIZE: usize = 1 << 15;
    let mut head = vec![usize::MAX; HSIZE];
    let mut prev = vec![usize::MAX; buf.len()];
    let hash = |p: usize| ((buf[p] as usize) << 10 ^ (buf[p + 1] as usize) << 5 ^ buf[p + 2] as usize) & (HSIZE - 1);
    let insert = |head: &mut Vec<usize>, prev: &mut Vec<usize>, p: usize| {
        if p + 2 < buf.len() {
            let h = hash(p);
            prev[p] = head[h];
            head[h] = p;
        }
    };
    for p in 0..start {
        insert(&mut head, &mut prev, p);
    }
    let mut i = start;
    while i < buf.len() {
        let (mut best_len, mut best_dist) = (0usize, 0usize);
        if i + 2 < buf.len() {
            let mut cand = head[hash(i)];
            let mut chain = 0;
            let max_len = (buf.len() - i).min(258);
            while cand != usize::MAX && i - cand <= 32768 && chain < chain_max {
                let mut l = 0;
                while l < max_len && buf[cand + l] == buf[i + l] {
                    l += 1;
                }
                if l > best_len {
                    best_len = l;
                    best_dist = i - cand;
                    if l == max_len {
                        break;
                    }
                }
                cand = prev[cand];
                chain += 1;
            }
        }
        if best_len >= 3 {
            put_match(w, best_len, best_dist);
            for p in i..i + best_len {
                insert(&mut head, &mut prev, p);
            }
            i += best_len;
        } else {
            fixed_lit(w, buf[i] as u32);
            insert(&mut head, &mut prev, i);
            i += 1;
        }
    }
    fixed_lit(w, 256);
}

// ---------------------------------------------------------------- framing

#[derive(Clone, Copy, PartialEq)]
enum Frame {
    Zlib,
    Raw,
    Gzip,
    /// decompress only: zlib or gzip by the header
    Auto,
}

fn frame_of(wbits: i64, decompress: bool) -> PyResult<Frame> {
    Ok(match wbits {
        9..=15 => Frame::Zlib,
        8 if decompress => Frame::Zlib,
        0 if decompress => Frame::Zlib,
        -15..=-9 => Frame::Raw,
        -8 if decompress => Frame::Raw,
        25..=31 => Frame::Gzip,
        24 if decompress => Frame::Gzip,
        40..=47 if decompress => Frame::Auto,
        _ => {
            return Err(if decompress { zerr(format!("Error -2 while preparing to decompress data: inconsistent stream state")) } else { value_error("Invalid initialization option") })
        }
    })
}

fn level_flags(level: i32) -> (u8, u8) {
    // (zlib FLEVEL, gzip XFL)
    match level {
        0 | 1 => (0, 4),
        2..=5 => (1, 0),
        -1 | 6 => (2, 0),
        9 => (3, 2),
        _ => (3, 0),
    }
}

fn header(frame: Frame, wbits: i64, level: i32) -> Vec<u8> {
    let (flevel, xfl) = level_flags(level);
    match frame {
        Frame::Zlib => {
            let cmf = (((wbits.clamp(9, 15) - 8) as u8) << 4) | 8;
            let mut flg = flevel << 6;
            let rem = ((cmf as u16) * 256 + flg as u16) % 31;
            if rem != 0 {
                flg += (31 - rem) as u8;
            }
            vec![cmf, flg]
        }
        Frame::Gzip => vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, xfl, 3],
        _ => vec![],
    }
}

fn trailer(frame: Frame, all: &[u8]) -> Vec<u8> {
    match frame {
        Frame::Zlib => adler32_update(1, all).to_be_bytes().to_vec(),
        Frame::Gzip => {
            let mut t = super::binascii::crc32_update(0, all).to_le_bytes().to_vec();
            t.extend_from_slice(&(all.len() as u32).to_le_bytes());
            t
        }
        _ => vec![],
    }
}

fn check_level(level: i64) -> PyResult<i32> {
    if !(-1..=9).contains(&level) {
        return Err(zerr("Bad compression level"));
    }
    Ok(level as i32)
}

fn m_compress(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = unpack("compress", a, kw, &["data", "level", "wbits"], 1, 3, 1)?;
    let data = data_arg(v[0].as_ref().unwrap())?;
    let level = check_level(match &v[1] {
        Some(l) => ops::index_value(l)?,
        None => -1,
    })?;
    let wbits = match &v[2] {
        Some(w) => ops::index_value(w)?,
        None => 15,
    };
    let frame = frame_of(wbits, false).map_err(|_| zerr("Bad compression level"))?;
    let mut w = BitOut { out: header(frame, wbits, level), bit: 0, n: 0 };
    deflate(&mut w, &[], data, level, true);
    w.flush_byte();
    let mut out = w.out;
    out.extend(trailer(frame, data));
    Ok(Obj::bytes(&out))
}

/// Parses the stream header; Ok(None) when more input is needed. Returns (header length, frame).
fn parse_header(d: &[u8], frame: Frame, wbits: i64) -> Result<Option<(usize, Frame)>, &'static str> {
    let frame = if frame == Frame::Auto {
        match d.first() {
            None => return Ok(None),
            Some(0x1f) => Frame::Gzip,
            _ => Frame::Zlib,
        }
    } else {
        frame
    };
    match frame {
        Frame::Raw => Ok(Some((0, frame))),
        Frame::Zlib => {
            if d.len() < 2 {
                return Ok(None);
            }
            if ((d[0] as u16) * 256 + d[1] as u16) % 31 != 0 {
                return Err("incorrect header check");
            }
            if d[0] & 0x0f != 8 {
                return Err("unknown compression method");
            }
            let w = (d[0] >> 4) as i64 + 8;
            let limit = if wbits == 0 || wbits > 15 { 15 } else { wbits.abs() };
            if w > limit.max(8) {
                return Err("invalid window size");
            }
            if d[1] & 0x20 != 0 {
                return Err("need dictionary");
            }
            Ok(Some((2, frame)))
        }
        _ => {
            if d.len() < 10 {
                return Ok(None);
            }
            if d[0] != 0x1f || d[1] != 0x8b {
                return Err("incorrect header check");
            }
            if d[2] != 8 {
                return Err("unknown compression method");
            }
            let flg = d[3];
            if flg & 0xe0 != 0 {
                return Err("unknown header flags set");
            }
            let mut p = 10;
            if flg & 4 != 0 {
                if d.len() < p + 2 {
                    return Ok(None);
                }
                p += 2 + u16::from_le_bytes([d[p], d[p + 1]]) as usize;
            }
            for bit in [8u8, 16] {
                if flg & bit != 0 {
                    match d.get(p..).and_then(|r| r.iter().position(|&c| c == 0)) {
                        Some(z) => p += z + 1,
                        None => return Ok(None),
                    }
                }
            }
            if flg & 2 != 0 {
                p += 2;
            }
            if d.len() < p {
                return Ok(None);
            }
            Ok(Some((p, frame)))
        }
    }
}

/// Decompression of a whole buffer so far.
struct Inflated {
    out: Vec<u8>,
    /// the stream (with its trailer) is complete
    eof: bool,
    /// bytes after the end of the stream
    unused: usize,
    /// input bytes used when the output limit was reached
    consumed: usize,
    error: Option<&'static str>,
}

fn run_inflate(d: &[u8], frame: Frame, wbits: i64, dict: &[u8], limit: Option<usize>) -> Inflated {
    let mut r = Inflated { out: vec![], eof: false, unused: 0, consumed: d.len(), error: None };
    let (hlen, frame) = match parse_header(d, frame, wbits) {
        Ok(Some(h)) => h,
        Ok(None) => return r,
        Err(e) => {
            r.error = Some(e);
            return r;
        }
    };
    let body = &d[hlen..];
    let (out, used, res) = inflate(body, dict, limit);
    r.out = out;
    match res {
        Ok(()) => {
            let tlen = match frame {
                Frame::Zlib => 4,
                Frame::Gzip => 8,
                _ => 0,
            };
            let rest = &body[used..];
            if rest.len() < tlen {
                return r;
            }
            match frame {
                Frame::Zlib if u32::from_be_bytes([rest[0], rest[1], rest[2], rest[3]]) != adler32_update(1, &r.out) => {
                    r.error = Some("incorrect data check")
                }
                Frame::Gzip if u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]) != super::binascii::crc32_update(0, &r.out) => {
                    r.error = Some("incorrect data check")
                }
                Frame::Gzip if u32::from_le_bytes([rest[4], rest[5], rest[6], rest[7]]) != r.out.len() as u32 => {
                    r.error = Some("incorrect length check")
                }
                _ => {}
            }
            r.eof = true;
            r.unused = rest.len() - tlen;
        }
        Err(Stop::Incomplete) => {
            if let Some(l) = limit {
                if r.out.len() >= l {
                    r.consumed = hlen + used;
                }
            }
        }
        Err(Stop::Bad(m)) => r.error = Some(m),
    }
    r
}

fn m_decompress(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = unpack("decompress", a, kw, &["data", "wbits", "bufsize"], 1, 3, 1)?;
    let data = data_arg(v[0].as_ref().unwrap())?;
    let wbits = match &v[1] {
        Some(w) => ops::index_value(w)?,
        None => 15,
    };
    if let Some(b) = &v[2] {
        if ops::index_value(b)? < 0 {
            return Err(value_error("bufsize must be non-negative"));
        }
    }
    let frame = frame_of(wbits, true).map_err(|_| zerr("Error -2 while preparing to decompress data: inconsistent stream state"))?;
    let r = run_inflate(data, frame, wbits, &[], None);
    if let Some(e) = r.error {
        return Err(zerr(format!("Error -3 while decompressing data: {}", e)));
    }
    if !r.eof {
        return Err(zerr("Error -5 while decompressing data: incomplete or truncated stream"));
    }
    Ok(Obj::bytes(&r.out))
}

// ---------------------------------------------------------------- Compress objects

struct Compressor {
    level: i32,
    frame: Frame,
    wbits: i64,
    /// all input so far (for matches across calls and the trailer)
    all: RefCell<Vec<u8>>,
    /// input not yet emitted
    pending: RefCell<Vec<u8>>,
    bits: RefCell<BitOut>,
    started: Cell<bool>,
    finished: Cell<bool>,
}
impl NativeData for Compressor {}

fn m_compressobj(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = unpack("compressobj", a, kw, &["level", "method", "wbits", "memLevel", "strategy", "zdict"], 0, 6, 0)?;
    let level = check_level(match &v[0] {
        Some(l) => ops::index_value(l)?,
        None => -1,
    })?;
    if let Some(m) = &v[1] {
        if ops::index_value(m)? != 8 {
            return Err(value_error("Invalid initialization option"));
        }
    }
    let wbits = match &v[2] {
        Some(w) => ops::index_value(w)?,
        None => 15,
    };
    let frame = frame_of(wbits, false)?;
    let zdict = match &v[5] {
        Some(z) => data_arg(z)?.to_vec(),
        None => vec![],
    };
    if !zdict.is_empty() {
        return Err(value_error("zdict is not supported by this zlib"));
    }
    Ok(new_native(
        &COMPRESS_TYPE,
        Compressor {
            level,
            frame,
            wbits,
            all: RefCell::new(vec![]),
            pending: RefCell::new(vec![]),
            bits: RefCell::new(BitOut { out: vec![], bit: 0, n: 0 }),
            started: Cell::new(false),
            finished: Cell::new(false),
        },
    ))
}

fn comp(this: &Obj) -> PyResult<&Compressor> {
    native::expect::<Compressor>(this, "zlib.Compress")
}

fn c_compress(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = posonly("compress", a, kw, 1, 1)?;
    let c = comp(this)?;
    if c.finished.get() {
        return Err(zerr("Error -2 while compressing data: inconsistent stream state"));
    }
    let d = data_arg(&a[0])?;
    c.pending.borrow_mut().extend_from_slice(d);
    let mut out = vec![];
    if !c.started.get() {
        c.started.set(true);
        out = header(c.frame, c.wbits, c.level);
    }
    Ok(Obj::bytes(&out))
}

fn c_flush(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = posonly("flush", a, kw, 0, 1)?;
    let c = comp(this)?;
    let mode = match a.first() {
        Some(m) => ops::index_value(m)?,
        None => 4,
    };
    if mode == 0 || c.finished.get() {
        return Ok(Obj::bytes(b""));
    }
    let mut out = vec![];
    if !c.started.get() {
        c.started.set(true);
        out = header(c.frame, c.wbits, c.level);
    }
    let pending = std::mem::take(&mut *c.pending.borrow_mut());
    let mut w = c.bits.borrow_mut();
    let finish = mode == 4;
    {
        let all = c.all.borrow();
        if !pending.is_empty() || finish {
            deflate(&mut w, &all, &pending, c.level, finish);
        }
    }
    c.all.borrow_mut().extend_from_slice(&pending);
    if finish {
        w.flush_byte();
        c.finished.set(true);
    } else {
        // sync/full flush: an empty stored block aligns the output to a byte
        deflate(&mut w, &[], &[], 0, false);
    }
    out.extend(std::mem::take(&mut w.out));
    if finish {
        out.extend(trailer(c.frame, &c.all.borrow()));
    }
    Ok(Obj::bytes(&out))
}

fn c_copy(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    posonly("copy", a, kw, 0, 0)?;
    let c = comp(this)?;
    let b = c.bits.borrow();
    Ok(new_native(
        &COMPRESS_TYPE,
        Compressor {
            level: c.level,
            frame: c.frame,
            wbits: c.wbits,
            all: RefCell::new(c.all.borrow().clone()),
            pending: RefCell::new(c.pending.borrow().clone()),
            bits: RefCell::new(BitOut { out: b.out.clone(), bit: b.bit, n: b.n }),
            started: Cell::new(c.started.get()),
            finished: Cell::new(c.finished.get()),
        },
    ))
}

static COMPRESS_METHODS: &[(&str, MethodFn)] = &[("compress", c_compress), ("flush", c_flush), ("copy", c_copy), ("__copy__", c_copy)];

// ---------------------------------------------------------------- Decompress objects

struct Decompressor {
    frame: Frame,
    wbits: i64,
    zdict: Vec<u8>,
    /// the stream's input so far (up to the end of the stream once found)
    input: RefCell<Vec<u8>>,
    /// output already returned
    given: Cell<usize>,
    eof: Cell<bool>,
    unused: RefCell<Vec<u8>>,
    tail: RefCell<Vec<u8>>,
}
impl NativeData for Decompressor {
    fn getattr(&self, _this: &Obj, name: &str) -> Option<PyResult> {
        Some(Ok(match name {
            "eof" => Obj::bool(self.eof.get()),
            "unused_data" => Obj::bytes(&self.unused.borrow()),
            "unconsumed_tail" => Obj::bytes(&self.tail.borrow()),
            _ => return None,
        }))
    }
}

fn m_decompressobj(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = unpack("decompressobj", a, kw, &["wbits", "zdict"], 0, 2, 0)?;
    let wbits = match &v[0] {
        Some(w) => ops::index_value(w)?,
        None => 15,
    };
    let frame = frame_of(wbits, true).map_err(|_| value_error("Invalid initialization option"))?;
    let zdict = match &v[1] {
        Some(z) => data_arg(z)?.to_vec(),
        None => vec![],
    };
    Ok(new_native(
        &DECOMPRESS_TYPE,
        Decompressor {
            frame,
            wbits,
            zdict,
            input: RefCell::new(vec![]),
            given: Cell::new(0),
            eof: Cell::new(false),
            unused: RefCell::new(vec![]),
            tail: RefCell::new(vec![]),
        },
    ))
}

fn dec(this: &Obj) -> PyResult<&Decompressor> {
    native::expect::<Decompressor>(this, "zlib.Decompress")
}

/// Feeds `data`, returns new output (at most `max` bytes when max > 0).
fn feed(d: &Decompressor, data: &[u8], max: usize) -> PyResult<Vec<u8>> {
    if d.eof.get() {
        d.unused.borrow_mut().extend_from_slice(data);
        return Ok(vec![]);
    }
    d.input.borrow_mut().extend_from_slice(data);
    let limit = if max > 0 { Some(d.given.get() + max) } else { None };
    let dict: &[u8] = if d.frame == Frame::Raw { &d.zdict } else { &[] };
    let r = run_inflate(&d.input.borrow(), d.frame, d.wbits, dict, limit);
    if let Some(e) = r.error {
        return Err(zerr(format!("Error -3 while decompressing data: {}", e)));
    }
    let mut out = r.out[d.given.get().min(r.out.len())..].to_vec();
    if max > 0 && out.len() > max {
        out.truncate(max);
    }
    d.given.set(d.given.get() + out.len());
    *d.tail.borrow_mut() = vec![];
    if r.eof && limit.map(|l| r.out.len() <= l).unwrap_or(true) && d.given.get() == r.out.len() {
        d.eof.set(true);
        let n = d.input.borrow().len();
        let unused = d.input.borrow()[n - r.unused..].to_vec();
        d.input.borrow_mut().truncate(n - r.unused);
        d.unused.borrow_mut().extend(unused);
    } else if max > 0 && r.consumed < d.input.borrow().len() {
        let tail = d.input.borrow()[r.consumed..].to_vec();
        d.input.borrow_mut().truncate(r.consumed);
        *d.tail.borrow_mut() = tail;
    }
    Ok(out)
}

fn d_decompress(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = unpack("decompress", a, kw, &["data", "max_length"], 1, 2, 1)?;
    let data = data_arg(v[0].as_ref().unwrap())?.to_vec();
    let max = match &v[1] {
        Some(m) => ops::index_value(m)?,
        None => 0,
    };
    if max < 0 {
        return Err(value_error("max_length must be non-negative"));
    }
    Ok(Obj::bytes(&feed(dec(this)?, &data, max as usize)?))
}

fn d_flush(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = posonly("flush", a, kw, 0, 1)?;
    if let Some(l) = a.first() {
        if ops::index_value(l)? <= 0 {
            return Err(value_error("length must be greater than zero"));
        }
    }
    let d = dec(this)?;
    let tail = std::mem::take(&mut *d.tail.borrow_mut());
    Ok(Obj::bytes(&feed(d, &tail, 0)?))
}

fn d_copy(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    posonly("copy", a, kw, 0, 0)?;
    let d = dec(this)?;
    Ok(new_native(
        &DECOMPRESS_TYPE,
        Decompressor {
            frame: d.frame,
            wbits: d.wbits,
            zdict: d.zdict.clone(),
            input: RefCell::new(d.input.borrow().clone()),
            given: Cell::new(d.given.get()),
            eof: Cell::new(d.eof.get()),
            unused: RefCell::new(d.unused.borrow().clone()),
            tail: RefCell::new(d.tail.borrow().clone()),
        },
    ))
}

static DECOMPRESS_METHODS: &[(&str, MethodFn)] =
    &[("decompress", d_decompress), ("flush", d_flush), ("copy", d_copy), ("__copy__", d_copy)];

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("zlib"))?;
    let fns: &[(&'static str, BuiltinFn)] = &[
        ("adler32", m_adler32),
        ("crc32", m_crc32),
        ("compress", m_compress),
        ("decompress", m_decompress),
        ("compressobj", m_compressobj),
        ("decompressobj", m_decompressobj),
    ];
    for (n, g) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *g))?;
    }
    let ints: &[(&str, i64)] = &[
        ("DEFLATED", 8),
        ("DEF_BUF_SIZE", 16384),
        ("DEF_MEM_LEVEL", 8),
        ("MAX_WBITS", 15),
        ("Z_BEST_COMPRESSION", 9),
        ("Z_BEST_SPEED", 1),
        ("Z_BLOCK", 5),
        ("Z_DEFAULT_COMPRESSION", -1),
        ("Z_DEFAULT_STRATEGY", 0),
        ("Z_FILTERED", 1),
        ("Z_FINISH", 4),
        ("Z_FIXED", 4),
        ("Z_FULL_FLUSH", 3),
        ("Z_HUFFMAN_ONLY", 2),
        ("Z_NO_COMPRESSION", 0),
        ("Z_NO_FLUSH", 0),
        ("Z_PARTIAL_FLUSH", 1),
        ("Z_RLE", 3),
        ("Z_SYNC_FLUSH", 2),
        ("Z_TREES", 6),
    ];
    for (n, v) in ints {
        dict_set(&d, Obj::str(n), Obj::int(*v))?;
    }
    dict_set(&d, Obj::str("ZLIB_VERSION"), Obj::str("1.2.13"))?;
    dict_set(&d, Obj::str("ZLIB_RUNTIME_VERSION"), Obj::str("1.2.13"))?;
    dict_set(&d, Obj::str("error"), error_class())?;
    Ok(crate::objects::module::new_module("zlib", d))
}
