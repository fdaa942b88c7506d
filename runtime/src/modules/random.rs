//! The `random` module: CPython's Mersenne Twister (MT19937) with the same seeding
//! (init_by_array over the seed's 32-bit words; str/bytes seeds through SHA-512) and the same
//! derived algorithms from Lib/random.py, so seeded sequences match CPython.
//!
//! `random.Random` is a real class (layout `Random`: the generator state is the payload, so it
//! can be subclassed); the module-level functions are bound methods of a hidden instance, as
//! in CPython (`random.random = _inst.random`).
use crate::object::{alloc, Layout, MethodFn, Obj, PyObjectHeader, TypeObject, IMMORTAL};
use crate::objects::bigint::BigInt;
use crate::objects::builtin_fn::new_builtin_method;
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::exceptions::{index_error, type_error, value_error, Exc};
use crate::objects::int::{as_int, int_from_big};
use crate::objects::list::{as_list, new_list};
use crate::objects::tuple::tuple_items;
use crate::{ops, BinOp, CmpOp, PyResult};
use std::cell::{Cell, RefCell};
use std::cmp::Ordering;
use std::f64::consts::{E, PI, TAU};

const N: usize = 624;
const M: usize = 397;

/// MT19937 state, as `_random.Random` keeps it.
#[derive(Clone)]
pub struct Mt {
    pub mt: [u32; N],
    pub idx: usize,
}

impl Mt {
    fn init_genrand(s: u32) -> Mt {
        let mut mt = [0u32; N];
        mt[0] = s;
        for i in 1..N {
            mt[i] = 1812433253u32.wrapping_mul(mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_add(i as u32);
        }
        Mt { mt, idx: N }
    }
    pub fn init_by_array(key: &[u32]) -> Mt {
        let mut g = Mt::init_genrand(19650218);
        let mt = &mut g.mt;
        let (mut i, mut j) = (1usize, 0usize);
        let klen = key.len().max(1);
        let mut k = N.max(klen);
        while k > 0 {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1664525))
                .wrapping_add(*key.get(j).unwrap_or(&0))
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= klen {
                j = 0;
            }
            k -= 1;
        }
        k = N - 1;
        while k > 0 {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1566083941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            k -= 1;
        }
        mt[0] = 0x80000000;
        g
    }
    pub fn next_u32(&mut self) -> u32 {
        const MAG: [u32; 2] = [0, 0x9908b0df];
        if self.idx >= N {
            for kk in 0..N {
                let y = (self.mt[kk] & 0x80000000) | (self.mt[(kk + 1) % N] & 0x7fffffff);
                self.mt[kk] = self.mt[(kk + M) % N] ^ (y >> 1) ^ MAG[(y & 1) as usize];
            }
            self.idx = 0;
        }
        let mut y = self.mt[self.idx];
        self.idx += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >> 18;
        y
    }
    pub fn random(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)
    }
    /// getrandbits(k) for k <= 64 (the same words, least significant first).
    fn getrandbits_u64(&mut self, k: u64) -> u64 {
        if k == 0 {
            0
        } else if k <= 32 {
            (self.next_u32() >> (32 - k)) as u64
        } else {
            let lo = self.next_u32() as u64;
            let hi = (self.next_u32() >> (64 - k)) as u64;
            lo | hi << 32
        }
    }
    pub fn getrandbits(&mut self, k: u64) -> BigInt {
        if k <= 64 {
            return BigInt::from_u64(self.getrandbits_u64(k));
        }
        let words = ((k - 1) / 32 + 1) as usize;
        let mut mag = Vec::with_capacity(words);
        let mut left = k;
        for _ in 0..words {
            let mut r = self.next_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            mag.push(r);
            left = left.saturating_sub(32);
        }
        let mut b = BigInt::zero();
        for (i, w) in mag.iter().enumerate() {
            b = b.add(&BigInt::from_u64(*w as u64).shl(32 * i));
        }
        b
    }
}

/// Payload of `random.Random` instances (and of instances of its subclasses).
pub struct RandomObj {
    pub mt: RefCell<Mt>,
    pub gauss_next: Cell<Option<f64>>,
}

pub static RANDOM_TYPE: TypeObject = TypeObject {
    ob: PyObjectHeader { refcnt: Cell::new(IMMORTAL), ty: &crate::objects::typeobj::TYPE_TYPE },
    name: "Random",
    base: &crate::objects::typeobj::OBJECT_TYPE,
    layout: Layout::Random,
    methods: std::cell::Cell::new(RANDOM_METHODS),
    dict: RefCell::new(None),
    mro: RefCell::new(Vec::new()),
    heap: false,
    module: "random",
};

const RANDOM_METHODS: &[(&str, MethodFn)] = &[
    ("__init__", m_init),
    ("seed", m_seed),
    ("random", m_random),
    ("getrandbits", m_getrandbits),
    ("randbytes", m_randbytes),
    ("getstate", m_getstate),
    ("setstate", m_setstate),
    ("randrange", m_randrange),
    ("randint", m_randint),
    ("choice", m_choice),
    ("choices", m_choices),
    ("shuffle", m_shuffle),
    ("sample", m_sample),
    ("uniform", m_uniform),
    ("triangular", m_triangular),
    ("gauss", m_gauss),
    ("normalvariate", m_normalvariate),
    ("lognormvariate", m_lognormvariate),
    ("expovariate", m_expovariate),
    ("vonmisesvariate", m_vonmisesvariate),
    ("gammavariate", m_gammavariate),
    ("betavariate", m_betavariate),
    ("paretovariate", m_paretovariate),
    ("weibullvariate", m_weibullvariate),
];

/// A new, unseeded generator of class `t` (Random or a subclass); `__init__` seeds it.
pub fn new_random(t: &'static TypeObject) -> Obj {
    alloc(t, RandomObj { mt: RefCell::new(Mt::init_by_array(&seed_from_time())), gauss_next: Cell::new(None) })
}

/// `random.Random(x=None)`.
pub fn random_new(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let o = new_random(&RANDOM_TYPE);
    m_init(&o, args, kw)?;
    Ok(o)
}

fn state(this: &Obj) -> PyResult<&RandomObj> {
    this.payload::<RandomObj>(Layout::Random)
        .ok_or_else(|| type_error(format!("descriptor requires a 'random.Random' object but received a '{}'", this.type_name())))
}

pub fn seed_from_time() -> Vec<u32> {
    let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    vec![t as u32, (t >> 32) as u32, (t >> 64) as u32]
}

// ---------------------------------------------------------------- argument binding

/// The Python signature of a method of `random.Random` (for CPython's binding errors).
struct Sig {
    name: &'static str,
    pos: &'static [&'static str],
    required: usize,
    kwonly: &'static [&'static str],
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn quoted_list(names: &[&str]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("'{}'", n)).collect();
    match q.len() {
        1 => q[0].clone(),
        2 => format!("{} and {}", q[0], q[1]),
        n => format!("{}, and {}", q[..n - 1].join(", "), q[n - 1]),
    }
}

/// Binds `args` (positional then keyword values named by `kw`) to `sig`'s parameters after
/// `self`, with the messages of a Python method `Random.<name>`.
fn bind(sig: &Sig, args: &[Obj], kw: Option<&Obj>) -> PyResult<Vec<Option<Obj>>> {
    let (pos, kws) = crate::builtins::split_kw(args, kw);
    let np = sig.pos.len();
    if pos.len() > np {
        let takes = if sig.required == np {
            format!("{}", np + 1)
        } else {
            format!("from {} to {}", sig.required + 1, np + 1)
        };
        return Err(type_error(format!(
            "Random.{}() takes {} positional argument{} but {} were given",
            sig.name,
            takes,
            plural(np + 1),
            pos.len() + 1
        )));
    }
    let mut out: Vec<Option<Obj>> = pos.iter().cloned().map(Some).chain(std::iter::repeat(None)).take(np + sig.kwonly.len()).collect();
    for (k, v) in kws {
        let i = match sig.pos.iter().chain(sig.kwonly.iter()).position(|n| *n == k) {
            Some(i) => i,
            None => return Err(type_error(format!("Random.{}() got an unexpected keyword argument '{}'", sig.name, k))),
        };
        if out[i].is_some() {
            return Err(type_error(format!("Random.{}() got multiple values for argument '{}'", sig.name, k)));
        }
        out[i] = Some(v.clone());
    }
    let missing: Vec<&str> = (0..sig.required).filter(|i| out[*i].is_none()).map(|i| sig.pos[i]).collect();
    if !missing.is_empty() {
        return Err(type_error(format!(
            "Random.{}() missing {} required positional argument{}: {}",
            sig.name,
            missing.len(),
            plural(missing.len()),
            quoted_list(&missing)
        )));
    }
    Ok(out)
}

/// Arguments of methods implemented in C in CPython (`Random.random()`, `getrandbits(k)`).
fn c_nargs(name: &str, args: &[Obj], kw: Option<&Obj>, n: usize) -> PyResult<()> {
    crate::objects::str::no_kw(&format!("Random.{}", name), kw)?;
    if args.len() != n {
        return Err(type_error(match n {
            0 => format!("Random.{}() takes no arguments ({} given)", name, args.len()),
            _ => format!("Random.{}() takes exactly one argument ({} given)", name, args.len()),
        }));
    }
    Ok(())
}

fn f64_arg(v: &Option<Obj>, default: f64) -> PyResult<f64> {
    match v {
        Some(o) => ops::number_to_f64(o),
        None => Ok(default),
    }
}

// ---------------------------------------------------------------- core draws

/// A user subclass's override of `name` (CPython's methods call `self.random()` etc.).
fn override_of(this: &Obj, name: &'static str) -> Option<Obj> {
    if this.ty().heap {
        crate::objects::typeobj::type_lookup(this.ty(), name)
    } else {
        None
    }
}

/// `self.random()`.
fn draw(this: &Obj) -> PyResult<f64> {
    if let Some(f) = override_of(this, "random") {
        return ops::number_to_f64(&crate::call(&f, vec![this.clone()], None)?);
    }
    Ok(state(this)?.mt.borrow_mut().random())
}

fn getrandbits(this: &Obj, k: u64) -> PyResult<BigInt> {
    if let Some(f) = override_of(this, "getrandbits") {
        let r = crate::call(&f, vec![this.clone(), Obj::int(k as i64)], None)?;
        return big_of(&r);
    }
    Ok(state(this)?.mt.borrow_mut().getrandbits(k))
}

/// `self._randbelow(n)` for n > 0: CPython's `_randbelow_with_getrandbits`, or
/// `_randbelow_without_getrandbits` for subclasses that override only `random()`.
fn randbelow(this: &Obj, n: &BigInt) -> PyResult<BigInt> {
    if override_of(this, "random").is_some() && override_of(this, "getrandbits").is_none() {
        return randbelow_from_floats(this, n);
    }
    let k = n.bit_length();
    if k <= 64 && override_of(this, "getrandbits").is_none() {
        let n64 = n.to_u64_mag().unwrap_or(0);
        let st = state(this)?;
        let mut mt = st.mt.borrow_mut();
        loop {
            let r = mt.getrandbits_u64(k);
            if r < n64 {
                return Ok(BigInt::from_u64(r));
            }
        }
    }
    loop {
        let r = getrandbits(this, k)?;
        if r.cmp(n) == Ordering::Less {
            return Ok(r);
        }
    }
}

fn randbelow_from_floats(this: &Obj, n: &BigInt) -> PyResult<BigInt> {
    let maxsize = BigInt::from_u64(1 << 53);
    if n.cmp(&maxsize) != Ordering::Less {
        let r = draw(this)?;
        return Ok(BigInt::from_f64((r * n.to_f64().unwrap_or(f64::INFINITY)).floor()));
    }
    let n = n.to_u64_mag().unwrap_or(1);
    let m = 1u64 << 53;
    let rem = m % n;
    let limit = (m - rem) as f64 / m as f64;
    let mut r = draw(this)?;
    while r >= limit {
        r = draw(this)?;
    }
    Ok(BigInt::from_u64(((r * m as f64).floor() as u64) % n))
}

fn randbelow_usize(this: &Obj, n: usize) -> PyResult<usize> {
    Ok(randbelow(this, &BigInt::from_u64(n as u64))?.to_u64_mag().unwrap_or(0) as usize)
}

fn big_of(o: &Obj) -> PyResult<BigInt> {
    match as_int(o) {
        Some(i) => Ok(crate::objects::int::to_big(i).into_owned()),
        None => Err(type_error(format!("'{}' object cannot be interpreted as an integer", o.type_name()))),
    }
}

/// `operator.index(o)` as a BigInt.
fn index_big(o: &Obj) -> PyResult<BigInt> {
    if as_int(o).is_some() {
        return big_of(o);
    }
    match ops::call_special(o, "__index__", &[]) {
        Some(r) => big_of(&r?),
        None => Err(type_error(format!("'{}' object cannot be interpreted as an integer", o.type_name()))),
    }
}

// ---------------------------------------------------------------- seeding and state

/// The key words `_random.Random.seed` feeds to init_by_array.
fn seed_key(a: &Obj, version: i64) -> PyResult<Vec<u32>> {
    if a.is_none() {
        return Ok(seed_from_time());
    }
    let text: Option<Vec<u8>> = if let Some(s) = a.as_str() {
        Some(s.as_bytes().to_vec())
    } else {
        crate::objects::bytes::as_bytes(a).map(|b| b.to_vec())
    };
    let n = if let Some(bytes) = text {
        if version == 1 {
            version1_seed(a, &bytes)
        } else {
            let mut all = bytes.clone();
            all.extend_from_slice(&super::sha512::sha512(&bytes));
            big_from_be_bytes(&all)
        }
    } else if let Some(i) = as_int(a) {
        crate::objects::int::to_big(i).abs()
    } else if a.as_f64().is_some() {
        // hash(x) reinterpreted as an unsigned size_t (CPython's random_seed)
        BigInt::from_u64(ops::hash(a)? as u64)
    } else {
        return Err(type_error("The only supported seed types are: None,\nint, float, str, bytes, and bytearray."));
    };
    Ok(if n.mag.is_empty() { vec![0] } else { n.mag.clone() })
}

/// `seed(s, version=1)` for str/bytes: CPython 2's string hash.
fn version1_seed(a: &Obj, bytes: &[u8]) -> BigInt {
    let chars: Vec<u64> = match a.as_str() {
        Some(s) => s.chars().map(|c| c as u64).collect(),
        None => bytes.iter().map(|b| *b as u64).collect(),
    };
    let mut x: u64 = chars.first().map(|c| c << 7).unwrap_or(0);
    for c in &chars {
        x = 1000003u64.wrapping_mul(x) ^ c;
    }
    x ^= chars.len() as u64;
    BigInt::from_u64(x)
}

fn big_from_be_bytes(b: &[u8]) -> BigInt {
    let mut mag = Vec::with_capacity(b.len() / 4 + 1);
    for chunk in b.rchunks(4) {
        let mut w = 0u32;
        for byte in chunk {
            w = w << 8 | *byte as u32;
        }
        mag.push(w);
    }
    while mag.last() == Some(&0) {
        mag.pop();
    }
    BigInt { neg: false, mag }
}

fn m_init(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let p = bind(&Sig { name: "__init__", pos: &["x"], required: 0, kwonly: &[] }, a, kw)?;
    let x = p[0].clone().unwrap_or_else(Obj::none);
    match override_of(this, "seed") {
        Some(f) => crate::call(&f, vec![this.clone(), x], None)?,
        None => m_seed(this, &[x], None)?,
    };
    Ok(Obj::none())
}

fn m_seed(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let p = bind(&Sig { name: "seed", pos: &["a", "version"], required: 0, kwonly: &[] }, a, kw)?;
    let version = match &p[1] {
        Some(v) => ops::index_value(v)?,
        None => 2,
    };
    let key = seed_key(p[0].as_ref().unwrap_or(&Obj::none()), version)?;
    let st = state(this)?;
    *st.mt.borrow_mut() = Mt::init_by_array(&key);
    st.gauss_next.set(None);
    Ok(Obj::none())
}

fn m_random(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    c_nargs("random", a, kw, 0)?;
    Ok(Obj::float(state(this)?.mt.borrow_mut().random()))
}

fn m_getrandbits(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    c_nargs("getrandbits", a, kw, 1)?;
    let k = ops::index_value(&a[0])?;
    if k < 0 {
        return Err(value_error("number of bits must be non-negative"));
    }
    Ok(int_from_big(state(this)?.mt.borrow_mut().getrandbits(k as u64)))
}

fn m_randbytes(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let p = bind(&Sig { name: "randbytes", pos: &["n"], required: 1, kwonly: &[] }, a, kw)?;
    let n = ops::index_value(p[0].as_ref().unwrap())?;
    if n < 0 {
        return Err(value_error("number of bits must be non-negative"));
    }
    let bits = getrandbits(this, n as u64 * 8)?;
    let mut out: Vec<u8> = bits.mag.iter().flat_map(|w| w.to_le_bytes()).collect();
    out.resize(n as usize, 0);
    Ok(Obj::bytes(&out))
}

/// `getstate()`: (3, (624 words..., index), gauss_next).
fn m_getstate(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    bind(&Sig { name: "getstate", pos: &[], required: 0, kwonly: &[] }, a, kw)?;
    let st = state(this)?;
    let mt = st.mt.borrow();
    let mut words: Vec<Obj> = mt.mt.iter().map(|w| Obj::int(*w as i64)).collect();
    words.push(Obj::int(mt.idx as i64));
    let gauss = st.gauss_next.get().map(Obj::float).unwrap_or_else(Obj::none);
    Ok(Obj::tuple3(Obj::int(3), Obj::tuple(words), gauss))
}

fn m_setstate(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let p = bind(&Sig { name: "setstate", pos: &["state"], required: 1, kwonly: &[] }, a, kw)?;
    let s = p[0].clone().unwrap();
    let version = ops::getitem(&s, &Obj::int(0))?;
    let v = version.as_i64();
    if v != Some(3) && v != Some(2) {
        return Err(value_error(format!(
            "state with version {} passed to Random.setstate() of version 3",
            ops::str_string(&version)?
        )));
    }
    let parts = crate::unpack(&s, 3)?;
    let (internal, gauss) = (&parts[1], &parts[2]);
    if internal.ty().layout != Layout::Tuple {
        return Err(type_error("state vector must be a tuple"));
    }
    let items = tuple_items(internal);
    if items.len() != N + 1 {
        return Err(value_error("state vector is the wrong size"));
    }
    let mut mt = [0u32; N];
    let two32 = BigInt::from_u64(1 << 32);
    for (i, w) in items[..N].iter().enumerate() {
        let mut b = big_of(w)?;
        if v == Some(2) {
            b = b.divmod_floor(&two32).1; // version 2 stored signed words: x % 2**32
        } else if b.neg {
            return Err(crate::objects::exceptions::overflow_error("can't convert negative int to unsigned"));
        }
        mt[i] = b.mag.first().copied().unwrap_or(0);
    }
    let idx = ops::index_value(&items[N])?;
    if idx < 0 || idx > N as i64 {
        return Err(value_error("invalid state"));
    }
    let st = state(this)?;
    *st.mt.borrow_mut() = Mt { mt, idx: idx as usize };
    st.gauss_next.set(if gauss.is_none() { None } else { Some(ops::number_to_f64(gauss)?) });
    Ok(Obj::none())
}

// ---------------------------------------------------------------- integers and sequences

fn randrange(this: &Obj, start: &Obj, stop: Option<&Obj>, step: Option<&Obj>) -> PyResult {
    let istart = index_big(start)?;
    let stop = match stop {
        Some(s) if !s.is_none() => s,
        _ => {
            if step.is_some() {
                return Err(type_error("Missing a non-None stop argument"));
            }
            if istart.neg || istart.is_zero() {
                return Err(value_error("empty range for randrange()"));
            }
            return Ok(int_from_big(randbelow(this, &istart)?));
        }
    };
    let istop = index_big(stop)?;
    let width = istop.sub(&istart);
    let istep = match step {
        Some(s) => index_big(s)?,
        None => BigInt::from_i64(1),
    };
    let one = BigInt::from_i64(1);
    if istep.cmp(&one) == Ordering::Equal {
        if width.neg || width.is_zero() {
            return Err(value_error(format!(
                "empty range for randrange() ({}, {}, {})",
                istart.to_string_radix(10),
                istop.to_string_radix(10),
                width.to_string_radix(10)
            )));
        }
        return Ok(int_from_big(istart.add(&randbelow(this, &width)?)));
    }
    if istep.is_zero() {
        return Err(value_error("zero step for randrange()"));
    }
    let n = if !istep.neg {
        width.add(&istep).sub(&one).divmod_floor(&istep).0
    } else {
        width.add(&istep).add(&one).divmod_floor(&istep).0
    };
    if n.neg || n.is_zero() {
        return Err(value_error("empty range for randrange()"));
    }
    Ok(int_from_big(istart.add(&istep.mul(&randbelow(this, &n)?))))
}

fn m_randrange(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let p = bind(&Sig { name: "randrange", pos: &["start", "stop", "step"], required: 1, kwonly: &[] }, a, kw)?;
    randrange(this, p[0].as_ref().unwrap(), p[1].as_ref(), p[2].as_ref())
}

fn m_randint(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let p = bind(&Sig { name: "randint", pos: &["a", "b"], required: 2, kwonly: &[] }, a, kw)?;
    let b = ops::binary_op(p[1].as_ref().unwrap(), &Obj::int(1), BinOp::Add)?;
    randrange(this, p[0].as_ref().unwrap(), Some(&b), None)
}

fn m_choice(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let p = bind(&Sig { name: "choice", pos: &["seq"], required: 1, kwonly: &[] }, a, kw)?;
    let seq = p[0].as_ref().unwrap();
    let n = ops::len(seq)?;
    if n == 0 {
        return Err(index_error("Cannot choose from an empty sequence"));
    }
    let i = randbelow_usize(this, n)?;
    ops::getitem(seq, &Obj::int(i as i64))
}

fn m_shuffle(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let p = bind(&Sig { name: "shuffle", pos: &["x"], required: 1, kwonly: &[] }, a, kw)?;
    let x = p[0].as_ref().unwrap();
    let n = ops::len(x)?;
    for i in (1..n).rev() {
        let j = randbelow_usize(this, i + 1)?;
        if let Some(l) = as_list(x) {
            l.borrow_mut().swap(i, j);
        } else {
            let (ki, kj) = (Obj::int(i as i64), Obj::int(j as i64));
            let (xi, xj) = (ops::getitem(x, &ki)?, ops::getitem(x, &kj)?);
            ops::setitem(x, &ki, xj)?;
            ops::setitem(x, &kj, xi)?;
        }
    }
    Ok(Obj::none())
}

/// `isinstance(o, collections.abc.Sequence)` for the types the runtime has.
fn is_sequence(o: &Obj) -> bool {
    match o.layout() {
        Layout::List | Layout::Tuple | Layout::Str | Layout::Bytes | Layout::Range | Layout::Deque => true,
        Layout::Instance => crate::objects::typeobj::type_lookup(o.ty(), "__getitem__").is_some() && crate::objects::typeobj::type_lookup(o.ty(), "__len__").is_some(),
        _ => false,
    }
}

/// itertools.accumulate(values) with `+`.
fn accumulate(values: &Obj) -> PyResult<Vec<Obj>> {
    let mut out: Vec<Obj> = Vec::new();
    let it = ops::get_iter(values)?;
    while let Some(v) = ops::iter_next(&it)? {
        let next = match out.last() {
            Some(prev) => ops::binary_op(prev, &v, BinOp::Add)?,
            None => v,
        };
        out.push(next);
    }
    Ok(out)
}

/// bisect.bisect_right(a, x, 0, hi).
fn bisect_right(a: &[Obj], x: &Obj, hi: usize) -> PyResult<usize> {
    let (mut lo, mut hi) = (0usize, hi);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if ops::compare_bool(x, &a[mid], CmpOp::Lt)? {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(lo)
}

fn m_sample(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let p = bind(&Sig { name: "sample", pos: &["population", "k"], required: 2, kwonly: &["counts"] }, a, kw)?;
    let (pop, kobj) = (p[0].as_ref().unwrap(), p[1].as_ref().unwrap());
    if !is_sequence(pop) {
        return Err(type_error("Population must be a sequence.  For dicts or sets, use sorted(d)."));
    }
    let n = ops::len(pop)?;
    if let Some(counts) = p[2].as_ref().filter(|c| !c.is_none()) {
        let mut cum = accumulate(counts)?;
        if cum.len() != n {
            return Err(value_error("The number of counts does not match the population"));
        }
        let total = cum.pop().unwrap();
        if as_int(&total).is_none() {
            return Err(type_error("Counts must be integers"));
        }
        if !ops::compare_bool(&total, &Obj::int(0), CmpOp::Gt)? {
            return Err(value_error("Total of counts must be greater than zero"));
        }
        let range = crate::objects::range::range_new(&[total], None)?;
        let sel = m_sample(this, &[range, kobj.clone()], None)?;
        let mut out = Vec::new();
        for s in ops::collect_iterable(&sel)? {
            let i = bisect_right(&cum, &s, cum.len())?;
            out.push(ops::getitem(pop, &Obj::int(i as i64))?);
        }
        return Ok(new_list(out));
    }
    let k = ops::index_value(kobj)?;
    if k < 0 || k as usize > n {
        return Err(value_error("Sample larger than population or is negative"));
    }
    let k = k as usize;
    let mut setsize = 21usize;
    if k > 5 {
        let x = ((k * 3) as f64).ln() / 4f64.ln();
        setsize += 4usize.pow(x.ceil() as u32);
    }
    let mut result = Vec::with_capacity(k);
    if n <= setsize {
        let mut pool = ops::collect_iterable(pop)?;
        for i in 0..k {
            let j = randbelow_usize(this, n - i)?;
            result.push(pool[j].clone());
            pool[j] = pool[n - i - 1].clone();
        }
    } else {
        let mut selected = std::collections::HashSet::new();
        for _ in 0..k {
            let mut j = randbelow_usize(this, n)?;
            while selected.contains(&j) {
                j = randbelow_usize(this, n)?;
            }
            selected.insert(j);
            result.push(ops::getitem(pop, &Obj::int(j as i64))?);
        }
    }
    Ok(new_list(result))
}

fn m_choices(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let p = bind(&Sig { name: "choices", pos: &["population", "weights"], required: 1, kwonly: &["cum_weights", "k"] }, a, kw)?;
    let pop = p[0].as_ref().unwrap();
    let k = match &p[3] {
        Some(k) => ops::index_value(k)?.max(0) as usize,
        None => 1,
    };
    let n = ops::len(pop)?;
    let weights = p[1].as_ref().filter(|w| !w.is_none());
    let cum = match (p[2].as_ref().filter(|w| !w.is_none()), weights) {
        (None, None) => {
            let mut out = Vec::with_capacity(k);
            for _ in 0..k {
                let i = (draw(this)? * n as f64).floor() as i64;
                out.push(ops::getitem(pop, &Obj::int(i))?);
            }
            return Ok(new_list(out));
        }
        (None, Some(w)) => match accumulate(w) {
            Ok(c) => c,
            Err(e) if as_int(w).is_some() && is_type_error(&e) => {
                return Err(type_error(format!("The number of choices must be a keyword argument: k={}", ops::str_string(w)?)));
            }
            Err(e) => return Err(e),
        },
        (Some(c), None) => ops::collect_iterable(c)?,
        (Some(_), Some(_)) => return Err(type_error("Cannot specify both weights and cumulative weights")),
    };
    if cum.len() != n {
        return Err(value_error("The number of weights does not match the population"));
    }
    let total = ops::number_to_f64(&ops::binary_op(cum.last().unwrap(), &Obj::float(0.0), BinOp::Add)?)?;
    if total <= 0.0 {
        return Err(value_error("Total of weights must be greater than zero"));
    }
    if !total.is_finite() {
        return Err(value_error("Total of weights must be finite"));
    }
    let mut out = Vec::with_capacity(k);
    for _ in 0..k {
        let x = Obj::float(draw(this)? * total);
        let i = bisect_right(&cum, &x, n - 1)?;
        out.push(ops::getitem(pop, &Obj::int(i as i64))?);
    }
    Ok(new_list(out))
}

fn is_type_error(e: &Exc) -> bool {
    e.value().is_instance_of(&crate::objects::exceptions::TYPE_ERROR)
}

// ---------------------------------------------------------------- real-valued distributions

fn m_uniform(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let p = bind(&Sig { name: "uniform", pos: &["a", "b"], required: 2, kwonly: &[] }, a, kw)?;
    let (lo, hi) = (p[0].as_ref().unwrap(), p[1].as_ref().unwrap());
    let width = ops::binary_op(hi, lo, BinOp::Sub)?;
    let scaled = ops::binary_op(&width, &Obj::float(draw(this)?), BinOp::Mul)?;
    ops::binary_op(lo, &scaled, BinOp::Add)
}

fn m_triangular(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let p = bind(&Sig { name: "triangular", pos: &["low", "high", "mode"], required: 0, kwonly: &[] }, a, kw)?;
    let u = draw(this)?;
    let (mut low, mut high) = (f64_arg(&p[0], 0.0)?, f64_arg(&p[1], 1.0)?);
    let mut c = match p[2].as_ref().filter(|m| !m.is_none()) {
        None => 0.5,
        Some(m) => {
            if high == low {
                // (mode - low) / (high - low) raises ZeroDivisionError: CPython returns low
                return Ok(p[0].clone().unwrap_or_else(|| Obj::float(0.0)));
            }
            (ops::number_to_f64(m)? - low) / (high - low)
        }
    };
    let mut u = u;
    if u > c {
        u = 1.0 - u;
        c = 1.0 - c;
        std::mem::swap(&mut low, &mut high);
    }
    Ok(Obj::float(low + (high - low) * (u * c).sqrt()))
}

fn m_gauss(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let p = bind(&Sig { name: "gauss", pos: &["mu", "sigma"], required: 0, kwonly: &[] }, a, kw)?;
    let (mu, sigma) = (f64_arg(&p[0], 0.0)?, f64_arg(&p[1], 1.0)?);
    let st = state(this)?;
    let z = match st.gauss_next.take() {
        Some(z) => z,
        None => {
            let x2pi = draw(this)? * TAU;
            let g2rad = (-2.0 * (1.0 - draw(this)?).ln()).sqrt();
            st.gauss_next.set(Some(x2pi.sin() * g2rad));
            x2pi.cos() * g2rad
        }
    };
    Ok(Obj::float(mu + z * sigma))
}

fn normalvariate(this: &Obj, mu: f64, sigma: f64) -> PyResult<f64> {
    // Kinderman and Monahan; NV_MAGICCONST = 4 * exp(-0.5) / sqrt(2.0)
    let magic = 4.0 * (-0.5f64).exp() / 2f64.sqrt();
    loop {
        let u1 = draw(this)?;
        let u2 = 1.0 - draw(this)?;
        let z = magic * (u1 - 0.5) / u2;
        if z * z / 4.0 <= -u2.ln() {
            return Ok(mu + z * sigma);
        }
    }
}

fn m_normalvariate(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let p = bind(&Sig { name: "normalvariate", pos: &["mu", "sigma"], required: 0, kwonly: &[] }, a, kw)?;
    Ok(Obj::float(normalvariate(this, f64_arg(&p[0], 0.0)?, f64_arg(&p[1], 1.0)?)?))
}

fn m_lognormvariate(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let p = bind(&Sig { name: "lognormvariate", pos: &["mu", "sigma"], required: 2, kwonly: &[] }, a, kw)?;
    Ok(Obj::float(normalvariate(this, f64_arg(&p[0], 0.0)?, f64_arg(&p[1], 1.0)?)?.exp()))
}

fn m_expovariate(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let p = bind(&Sig { name: "expovariate", pos: &["lambd"], required: 1, kwonly: &[] }, a, kw)?;
    let lambd = f64_arg(&p[0], 1.0)?;
    let u = draw(this)?;
    if lambd == 0.0 {
        return Err(crate::objects::exceptions::zero_division("float division by zero"));
    }
    Ok(Obj::float(-(1.0 - u).ln() / lambd))
}

fn m_vonmisesvariate(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let p = bind(&Sig { name: "vonmisesvariate", pos: &["mu", "kappa"], required: 2, kwonly: &[] }, a, kw)?;
    let (mu, kappa) = (f64_arg(&p[0], 0.0)?, f64_arg(&p[1], 0.0)?);
    if kappa <= 1e-6 {
        return Ok(Obj::float(TAU * draw(this)?));
    }
    let s = 0.5 / kappa;
    let r = s + (1.0 + s * s).sqrt();
    let z = loop {
        let u1 = draw(this)?;
        let z = (PI * u1).cos();
        let d = z / (r + z);
        let u2 = draw(this)?;
        if u2 < 1.0 - d * d || u2 <= (1.0 - d) * d.exp() {
            break z;
        }
    };
    let q = 1.0 / r;
    let f = (q + z) / (1.0 + q * z);
    let theta = if draw(this)? > 0.5 { mu + f.acos() } else { mu - f.acos() };
    Ok(Obj::float(py_fmod(theta, TAU)))
}

/// Python's float `%` (result has the divisor's sign).
fn py_fmod(x: f64, y: f64) -> f64 {
    let m = x % y;
    if m != 0.0 && (m < 0.0) != (y < 0.0) {
        m + y
    } else {
        m
    }
}

fn gammavariate(this: &Obj, alpha: f64, beta: f64) -> PyResult<f64> {
    if alpha <= 0.0 || beta <= 0.0 {
        return Err(value_error("gammavariate: alpha and beta must be > 0.0"));
    }
    if alpha > 1.0 {
        // Cheng's rejection algorithm (R.C.H. Cheng, 1977)
        let log4 = 4f64.ln();
        let sg_magic = 1.0 + 4.5f64.ln();
        let ainv = (2.0 * alpha - 1.0).sqrt();
        let (bbb, ccc) = (alpha - log4, alpha + ainv);
        loop {
            let u1 = draw(this)?;
            if !(1e-7 < u1 && u1 < 0.9999999) {
                continue;
            }
            let u2 = 1.0 - draw(this)?;
            let v = (u1 / (1.0 - u1)).ln() / ainv;
            let x = alpha * v.exp();
            let z = u1 * u1 * u2;
            let r = bbb + ccc * v - x;
            if r + sg_magic - 4.5 * z >= 0.0 || r >= z.ln() {
                return Ok(x * beta);
            }
        }
    }
    if alpha == 1.0 {
        return Ok(-(1.0 - draw(this)?).ln() * beta);
    }
    // 0 < alpha < 1: algorithm GS (Kennedy & Gentle)
    loop {
        let u = draw(this)?;
        let b = (E + alpha) / E;
        let p = b * u;
        let x = if p <= 1.0 { p.powf(1.0 / alpha) } else { -((b - p) / alpha).ln() };
        let u1 = draw(this)?;
        let accept = if p > 1.0 { u1 <= x.powf(alpha - 1.0) } else { u1 <= (-x).exp() };
        if accept {
            return Ok(x * beta);
        }
    }
}

fn m_gammavariate(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let p = bind(&Sig { name: "gammavariate", pos: &["alpha", "beta"], required: 2, kwonly: &[] }, a, kw)?;
    Ok(Obj::float(gammavariate(this, f64_arg(&p[0], 0.0)?, f64_arg(&p[1], 0.0)?)?))
}

fn m_betavariate(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let p = bind(&Sig { name: "betavariate", pos: &["alpha", "beta"], required: 2, kwonly: &[] }, a, kw)?;
    let y = gammavariate(this, f64_arg(&p[0], 0.0)?, 1.0)?;
    if y == 0.0 {
        return Ok(Obj::float(0.0));
    }
    Ok(Obj::float(y / (y + gammavariate(this, f64_arg(&p[1], 0.0)?, 1.0)?)))
}

fn m_paretovariate(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let p = bind(&Sig { name: "paretovariate", pos: &["alpha"], required: 1, kwonly: &[] }, a, kw)?;
    let u = 1.0 - draw(this)?;
    Ok(Obj::float(u.powf(-1.0 / f64_arg(&p[0], 1.0)?)))
}

fn m_weibullvariate(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let p = bind(&Sig { name: "weibullvariate", pos: &["alpha", "beta"], required: 2, kwonly: &[] }, a, kw)?;
    let u = 1.0 - draw(this)?;
    Ok(Obj::float(f64_arg(&p[0], 0.0)? * (-u.ln()).powf(1.0 / f64_arg(&p[1], 1.0)?)))
}

// ---------------------------------------------------------------- module

/// The module: `Random`, and its methods bound to a hidden instance seeded from the time.
static HOOKS: crate::hooks::Random = crate::hooks::Random {
    is_random_type: |t| std::ptr::eq(t, &RANDOM_TYPE),
    new: random_new,
    new_instance: new_random,
};

/// Lets the core make Random instances (see `hooks`); `_random` shares them.
pub fn install_hooks() {
    crate::hooks::RANDOM.install(&HOOKS);
}

pub fn make_module() -> PyResult {
    install_hooks();
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("random"))?;
    dict_set(&d, Obj::str("Random"), RANDOM_TYPE.obj())?;
    let inst = new_random(&RANDOM_TYPE);
    for (name, f) in RANDOM_METHODS {
        if !name.starts_with("__") {
            dict_set(&d, Obj::str(name), new_builtin_method(name, inst.clone(), *f))?;
        }
    }
    dict_set(&d, Obj::str("_inst"), inst)?;
    Ok(crate::objects::module::new_module("random", d))
}
