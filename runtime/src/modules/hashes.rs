//! The hash objects of the builtin hash modules (`_md5`, `_sha1`, `_sha256`, `_sha512`,
//! `_sha3`, `_blake2`; CPython's Modules/*module.c): update, digest, hexdigest, copy, name,
//! digest_size, block_size. Each algorithm file provides a `HashState`.
use crate::object::{MethodFn, Obj, TypeObject};
use crate::objects::bytes::as_bytes;
use crate::objects::exceptions::type_error;
use crate::objects::native::{self, new_native, posonly, unpack, NativeData};
use crate::{ops, PyResult};
use std::cell::RefCell;

/// A running hash computation.
pub trait HashState {
    fn update(&mut self, data: &[u8]);
    /// The digest of what was fed so far (`len` bytes for SHAKE); the state is unchanged.
    fn digest(&self, len: usize) -> Vec<u8>;
    fn boxed_clone(&self) -> Box<dyn HashState>;
}

pub struct HashObj {
    pub name: &'static str,
    pub digest_size: usize,
    pub block_size: usize,
    /// SHAKE: digest(length) / hexdigest(length)
    pub xof: bool,
    pub state: RefCell<Box<dyn HashState>>,
}

impl NativeData for HashObj {
    fn getattr(&self, _this: &Obj, name: &str) -> Option<PyResult> {
        Some(Ok(match name {
            "name" => Obj::str(self.name),
            "digest_size" => Obj::int(self.digest_size as i64),
            "block_size" => Obj::int(self.block_size as i64),
            _ => return None,
        }))
    }
}

/// The data argument: bytes (str: "Strings must be encoded before hashing").
pub fn data_arg(o: &Obj) -> PyResult<&[u8]> {
    if o.as_str().is_some() {
        return Err(type_error("Strings must be encoded before hashing"));
    }
    as_bytes(o).ok_or_else(|| type_error("object supporting the buffer API required"))
}

pub fn new_hash(ty: &'static TypeObject, name: &'static str, digest_size: usize, block_size: usize, xof: bool, st: Box<dyn HashState>) -> Obj {
    new_native(ty, HashObj { name, digest_size, block_size, xof, state: RefCell::new(st) })
}

fn h(this: &Obj) -> PyResult<&HashObj> {
    native::expect::<HashObj>(this, "hash")
}

fn update(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = posonly("update", a, kw, 1, 1)?;
    let d = data_arg(&a[0])?;
    h(this)?.state.borrow_mut().update(d);
    Ok(Obj::none())
}

fn length(o: &Obj, a: &[Obj], kw: Option<&Obj>, fname: &str) -> PyResult<usize> {
    let x = h(o)?;
    if !x.xof {
        native::posonly(fname, a, kw, 0, 0)?;
        return Ok(x.digest_size);
    }
    let v = unpack(fname, a, kw, &["length"], 1, 1, 0)?;
    let n = ops::index_value(v[0].as_ref().unwrap())?;
    if n < 0 {
        return Err(crate::objects::exceptions::new_exc(&crate::objects::exceptions::MEMORY_ERROR, ""));
    }
    Ok(n as usize)
}

fn digest(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let n = length(this, a, kw, "digest")?;
    Ok(Obj::bytes(&h(this)?.state.borrow().digest(n)))
}

fn hexdigest(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let n = length(this, a, kw, "hexdigest")?;
    let d = h(this)?.state.borrow().digest(n);
    Ok(Obj::string(d.iter().map(|b| format!("{:02x}", b)).collect()))
}

fn copy(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    posonly("copy", a, kw, 0, 0)?;
    let x = h(this)?;
    let st = x.state.borrow().boxed_clone();
    Ok(new_hash(this.ty(), x.name, x.digest_size, x.block_size, x.xof, st))
}

pub static HASH_METHODS: &[(&str, MethodFn)] = &[("update", update), ("digest", digest), ("hexdigest", hexdigest), ("copy", copy)];

/// Arguments of the md5/sha1/sha2 constructors: `(string=b'', *, usedforsecurity=True)`.
pub fn ctor_data(fname: &str, a: &[Obj], kw: Option<&Obj>) -> PyResult<Option<Obj>> {
    let v = unpack(fname, a, kw, &["string", "usedforsecurity"], 0, 1, 0)?;
    Ok(v[0].clone())
}

/// A module of constructor functions and hash types.
pub fn module(name: &str, fns: &[(&'static str, crate::objects::builtin_fn::BuiltinFn)], types: &[(&str, &'static TypeObject)]) -> PyResult {
    use crate::objects::dict::{dict_set, new_dict};
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str(name))?;
    for (n, g) in fns {
        dict_set(&d, Obj::str(n), crate::objects::builtin_fn::new_builtin(n, *g))?;
    }
    for (n, t) in types {
        dict_set(&d, Obj::str(n), t.obj())?;
    }
    Ok(crate::objects::module::new_module(name, d))
}

/// Merkle–Damgård padding shared by MD5 and SHA-1/2: the message, 0x80, zeros, the bit
/// length (`len_bytes` bytes, big- or little-endian), in `block`-byte blocks.
pub fn md_pad(buf: &[u8], total: u128, block: usize, len_bytes: usize, big: bool) -> Vec<u8> {
    let mut m = buf.to_vec();
    m.push(0x80);
    while m.len() % block != block - len_bytes {
        m.push(0);
    }
    let bits = total.wrapping_mul(8);
    let lb = if big { bits.to_be_bytes() } else { bits.to_le_bytes() };
    if big {
        m.extend_from_slice(&lb[16 - len_bytes..]);
    } else {
        m.extend_from_slice(&lb[..len_bytes]);
    }
    m
}
