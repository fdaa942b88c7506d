//! The `random` module: CPython's Mersenne Twister (MT19937) with the same seeding
//! (init_by_array over the seed's 32-bit words) and the same derived algorithms, so seeded
//! sequences match CPython: random, getrandbits, randrange, randint, choice, shuffle,
//! uniform, sample.
use crate::objects::bigint::BigInt;
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::exceptions::{index_error, type_error, value_error};
use crate::objects::int::{as_int, int_from_big, to_big, IntVal};
use crate::objects::list::as_list;
use crate::objects::str::nargs;
use crate::{ops, Obj, PyResult};
use std::cell::RefCell;

const N: usize = 624;
const M: usize = 397;

pub struct Mt {
    mt: [u32; N],
    idx: usize,
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
    pub fn getrandbits(&mut self, k: u64) -> BigInt {
        if k == 0 {
            return BigInt::zero();
        }
        if k <= 32 {
            return BigInt::from_u64((self.next_u32() >> (32 - k)) as u64);
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
    /// Uniform integer in [0, n) (n > 0), CPython's _randbelow_with_getrandbits.
    pub fn randbelow(&mut self, n: &BigInt) -> BigInt {
        let k = n.bit_length();
        loop {
            let r = self.getrandbits(k);
            if r.cmp(n) == std::cmp::Ordering::Less {
                return r;
            }
        }
    }
    pub fn randbelow_usize(&mut self, n: usize) -> usize {
        self.randbelow(&BigInt::from_u64(n as u64)).to_u64_mag().unwrap_or(0) as usize
    }
}

thread_local! {
    static RNG: RefCell<Mt> = RefCell::new(Mt::init_by_array(&seed_from_time()));
}

fn seed_from_time() -> Vec<u32> {
    let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    vec![t as u32, (t >> 32) as u32, (t >> 64) as u32]
}

fn with<T>(f: impl FnOnce(&mut Mt) -> T) -> T {
    RNG.with(|r| f(&mut r.borrow_mut()))
}

fn seed_key(a: &Obj) -> PyResult<Vec<u32>> {
    if a.is_none() {
        return Ok(seed_from_time());
    }
    let v = if let Some(i) = as_int(a) {
        to_big(i).abs()
    } else if let Some(f) = a.as_f64() {
        // CPython hashes non-int seeds (floats: hash(x))
        BigInt::from_i64(crate::objects::float::float_hash(f)).abs()
    } else if let Some(s) = a.as_str() {
        // CPython uses sha512 for str seeds; a stable substitute
        let mut key = Vec::new();
        for c in s.bytes() {
            key.push(c as u32);
        }
        return Ok(key);
    } else {
        BigInt::from_i64(ops::hash(a)?).abs()
    };
    if v.mag.is_empty() {
        return Ok(vec![0]);
    }
    Ok(v.mag.clone())
}

fn r_seed(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("seed", a, 0, 2)?;
    let key = seed_key(a.get(0).unwrap_or(&Obj::none()))?;
    RNG.with(|r| *r.borrow_mut() = Mt::init_by_array(&key));
    GAUSS_NEXT.with(|g| g.set(None));
    Ok(Obj::none())
}
fn r_random(_a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::float(with(|m| m.random())))
}
fn r_getrandbits(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("getrandbits", a, 1, 1)?;
    let k = ops::index_value(&a[0])?;
    if k < 0 {
        return Err(value_error("number of bits must be non-negative"));
    }
    Ok(int_from_big(with(|m| m.getrandbits(k as u64))))
}
fn int_of(o: &Obj) -> PyResult<BigInt> {
    match as_int(o) {
        Some(i) => Ok(to_big(i).into_owned()),
        None => Err(type_error(format!("'{}' object cannot be interpreted as an integer", o.type_name()))),
    }
}
fn randrange(start: BigInt, stop: Option<BigInt>, step: BigInt) -> PyResult {
    let (start, stop) = match stop {
        None => {
            if start.neg || start.is_zero() {
                return Err(value_error("empty range for randrange()"));
            }
            return Ok(int_from_big(with(|m| m.randbelow(&start))));
        }
        Some(s) => (start, s),
    };
    let width = stop.sub(&start);
    let one = BigInt::from_i64(1);
    if step.cmp(&one) == std::cmp::Ordering::Equal {
        if width.neg || width.is_zero() {
            return Err(value_error(format!(
                "empty range for randrange() ({}, {}, {})",
                start.to_string_radix(10),
                stop.to_string_radix(10),
                width.to_string_radix(10)
            )));
        }
        return Ok(int_from_big(start.add(&with(|m| m.randbelow(&width)))));
    }
    if step.is_zero() {
        return Err(value_error("zero step for randrange()"));
    }
    let n = if !step.neg {
        width.add(&step).sub(&one).divmod_floor(&step).0
    } else {
        width.add(&step).add(&one).divmod_floor(&step).0
    };
    if n.neg || n.is_zero() {
        return Err(value_error("empty range for randrange()"));
    }
    Ok(int_from_big(start.add(&step.mul(&with(|m| m.randbelow(&n))))))
}
fn r_randrange(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("randrange", a, 1, 3)?;
    let start = int_of(&a[0])?;
    let stop = match a.get(1) {
        Some(s) if !s.is_none() => Some(int_of(s)?),
        _ => None,
    };
    let step = match a.get(2) {
        Some(s) => int_of(s)?,
        None => BigInt::from_i64(1),
    };
    randrange(start, stop, step)
}
fn r_randint(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("randint", a, 2, 2)?;
    let b = int_of(&a[1])?.add(&BigInt::from_i64(1));
    randrange(int_of(&a[0])?, Some(b), BigInt::from_i64(1))
}
fn r_choice(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("choice", a, 1, 1)?;
    let n = ops::len(&a[0])?;
    if n == 0 {
        return Err(index_error("Cannot choose from an empty sequence"));
    }
    let i = with(|m| m.randbelow_usize(n));
    ops::getitem(&a[0], &Obj::int(i as i64))
}
fn r_shuffle(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("shuffle", a, 1, 1)?;
    let l = as_list(&a[0]).ok_or_else(|| type_error("shuffle() argument must be a list"))?;
    let n = l.borrow().len();
    for i in (1..n).rev() {
        let j = with(|m| m.randbelow_usize(i + 1));
        l.borrow_mut().swap(i, j);
    }
    Ok(Obj::none())
}
fn r_uniform(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("uniform", a, 2, 2)?;
    let x = ops::number_to_f64(&a[0])?;
    let y = ops::number_to_f64(&a[1])?;
    Ok(Obj::float(x + (y - x) * with(|m| m.random())))
}
fn r_sample(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, _kws) = crate::builtins::split_kw(a, kw);
    nargs("sample", pos, 2, 2)?;
    let pop = ops::collect_iterable(&pos[0])?;
    let n = pop.len();
    let k = ops::index_value(&pos[1])?;
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
        let mut pool = pop.clone();
        for i in 0..k {
            let j = with(|m| m.randbelow_usize(n - i));
            result.push(pool[j].clone());
            pool[j] = pool[n - i - 1].clone();
        }
    } else {
        let mut selected = std::collections::HashSet::new();
        for _ in 0..k {
            let mut j = with(|m| m.randbelow_usize(n));
            while selected.contains(&j) {
                j = with(|m| m.randbelow_usize(n));
            }
            selected.insert(j);
            result.push(pop[j].clone());
        }
    }
    Ok(crate::objects::list::new_list(result))
}
fn r_choices(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = crate::builtins::split_kw(a, kw);
    nargs("choices", pos, 1, 2)?;
    let pop = ops::collect_iterable(&pos[0])?;
    let mut k = 1usize;
    if let Some(v) = pos.get(1) {
        k = ops::index_value(v)? as usize;
    }
    for (name, v) in &kws {
        if *name == "k" {
            k = ops::index_value(v)? as usize;
        } else if *name == "weights" && !v.is_none() || *name == "cum_weights" && !v.is_none() {
            return Err(type_error("random.choices() with weights is not supported"));
        }
    }
    let n = pop.len() as f64;
    let mut out = Vec::with_capacity(k);
    for _ in 0..k {
        let i = (with(|m| m.random()) * n).floor() as usize;
        out.push(pop[i.min(pop.len() - 1)].clone());
    }
    Ok(crate::objects::list::new_list(out))
}
thread_local! {
    static GAUSS_NEXT: std::cell::Cell<Option<f64>> = std::cell::Cell::new(None);
}

fn r_gauss(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("gauss", a, 0, 2)?;
    let mu = a.get(0).map(ops::number_to_f64).transpose()?.unwrap_or(0.0);
    let sigma = a.get(1).map(ops::number_to_f64).transpose()?.unwrap_or(1.0);
    let z = match GAUSS_NEXT.with(|g| g.take()) {
        Some(z) => z,
        None => {
            let x2pi = with(|m| m.random()) * std::f64::consts::TAU;
            let g2rad = (-2.0 * (1.0 - with(|m| m.random())).ln()).sqrt();
            GAUSS_NEXT.with(|g| g.set(Some(x2pi.sin() * g2rad)));
            x2pi.cos() * g2rad
        }
    };
    Ok(Obj::float(mu + z * sigma))
}

fn r_normalvariate(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("normalvariate", a, 0, 2)?;
    let mu = a.get(0).map(ops::number_to_f64).transpose()?.unwrap_or(0.0);
    let sigma = a.get(1).map(ops::number_to_f64).transpose()?.unwrap_or(1.0);
    // normalvariate (Kinderman and Monahan), as CPython's normalvariate
    const NV_MAGICCONST: f64 = 1.7155277699214135;
    loop {
        let u1 = with(|m| m.random());
        let u2 = 1.0 - with(|m| m.random());
        let z = NV_MAGICCONST * (u1 - 0.5) / u2;
        let zz = z * z / 4.0;
        if zz <= -u2.ln() {
            return Ok(Obj::float(mu + z * sigma));
        }
    }
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("random"))?;
    let fns: &[(&'static str, BuiltinFn)] = &[
        ("seed", r_seed),
        ("random", r_random),
        ("getrandbits", r_getrandbits),
        ("randrange", r_randrange),
        ("randint", r_randint),
        ("choice", r_choice),
        ("shuffle", r_shuffle),
        ("uniform", r_uniform),
        ("sample", r_sample),
        ("choices", r_choices),
        ("gauss", r_gauss),
        ("normalvariate", r_normalvariate),
    ];
    for (n, f) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *f))?;
    }
    let _ = IntVal::Small(0);
    Ok(crate::objects::module::new_module("random", d))
}
