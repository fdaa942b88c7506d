//! `_random` (CPython's Modules/_randommodule.c): the Mersenne Twister base class
//! `_random.Random` (random, seed, getstate, setstate, getrandbits) that Lib/random.py's
//! Random derives from. The generator is random.rs's `Mt`; the payload its `RandomObj`.
use crate::object::{MethodFn, Obj};
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::exceptions::{overflow_error, type_error, value_error};
use crate::objects::int::{as_int, int_from_big, to_big};
use crate::objects::native::{self, posonly};
use crate::objects::tuple::try_tuple_items;
use crate::modules::random::{new_random, seed_from_time, Mt, RandomObj};
use crate::{ops, PyResult};

crate::native_type!(CRANDOM_TYPE, "_random", "_random.Random", &crate::objects::typeobj::OBJECT_TYPE, Random, CRANDOM_METHODS);

const N: usize = 624;

fn st(this: &Obj) -> PyResult<&RandomObj> {
    this.payload::<RandomObj>(crate::object::Layout::Random)
        .ok_or_else(|| type_error(format!("descriptor requires a '_random.Random' object but received a '{}'", this.type_name())))
}

/// random_seed: None → time; int → abs(n); anything else → hash(n) as an unsigned size_t.
fn seed_with(this: &Obj, arg: Option<&Obj>) -> PyResult<()> {
    let key = match arg {
        None => seed_from_time(),
        Some(a) if a.is_none() => seed_from_time(),
        Some(a) => {
            let n = match as_int(a) {
                Some(i) => to_big(i).abs(),
                None => crate::objects::bigint::BigInt::from_u64(ops::hash(a)? as u64),
            };
            if n.mag.is_empty() {
                vec![0]
            } else {
                n.mag.clone()
            }
        }
    };
    let s = st(this)?;
    *s.mt.borrow_mut() = Mt::init_by_array(&key);
    Ok(())
}

/// METH_NOARGS: "Random.random() takes no arguments (1 given)".
fn noargs(qual: &str, a: &[Obj], kw: Option<&Obj>) -> PyResult<()> {
    native::no_keywords(qual, kw)?;
    if !a.is_empty() {
        return Err(type_error(format!("{}() takes no arguments ({} given)", qual, a.len())));
    }
    Ok(())
}

fn r_new(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let t = native::new_type(this)?;
    if std::ptr::eq(t, &CRANDOM_TYPE) {
        native::no_keywords("Random", kw)?;
    }
    let (pos, _) = crate::builtins::split_kw(a, kw);
    if pos.len() > 1 {
        return Err(type_error("Random() requires 0 or 1 argument"));
    }
    let o = new_random(t);
    seed_with(&o, pos.first())?;
    Ok(o)
}

fn r_seed(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = posonly("seed", a, kw, 0, 1)?;
    seed_with(this, a.first())?;
    Ok(Obj::none())
}

fn r_random(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    noargs("Random.random", a, kw)?;
    Ok(Obj::float(st(this)?.mt.borrow_mut().random()))
}

fn r_getrandbits(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = posonly("getrandbits", a, kw, 1, 1)?;
    let k = ops::index_value(&a[0])?;
    if k < 0 {
        // 3.14 takes the count as a C uint64_t (the converter's message)
        let minor = crate::modules::sys::python_minor();
        return Err(value_error(if minor >= 14 { "Cannot convert negative int" } else { "number of bits must be non-negative" }));
    }
    Ok(int_from_big(st(this)?.mt.borrow_mut().getrandbits(k as u64)))
}

fn r_getstate(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    noargs("Random.getstate", a, kw)?;
    let mt = st(this)?.mt.borrow();
    let mut words: Vec<Obj> = mt.mt.iter().map(|w| Obj::int(*w as i64)).collect();
    words.push(Obj::int(mt.idx as i64));
    Ok(Obj::tuple(words))
}

fn r_setstate(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = posonly("setstate", a, kw, 1, 1)?;
    let items = try_tuple_items(&a[0]).ok_or_else(|| type_error("state vector must be a tuple"))?;
    if items.len() != N + 1 {
        return Err(value_error("state vector is the wrong size"));
    }
    let mut mt = [0u32; N];
    for (i, w) in items[..N].iter().enumerate() {
        let b = match as_int(w) {
            Some(v) => to_big(v).into_owned(),
            None => return Err(type_error(format!("'{}' object cannot be interpreted as an integer", w.type_name()))),
        };
        if b.neg {
            return Err(overflow_error("can't convert negative value to unsigned int"));
        }
        if b.mag.len() > 2 {
            return Err(overflow_error("Python int too large to convert to C unsigned long"));
        }
        mt[i] = b.mag.first().copied().unwrap_or(0);
    }
    let idx = ops::index_value(&items[N])?;
    if idx < 0 || idx > N as i64 {
        return Err(value_error("invalid state"));
    }
    *st(this)?.mt.borrow_mut() = Mt { mt, idx: idx as usize };
    Ok(Obj::none())
}

static CRANDOM_METHODS: &[(&str, MethodFn)] = &[
    ("__new__", r_new),
    ("seed", r_seed),
    ("random", r_random),
    ("getrandbits", r_getrandbits),
    ("getstate", r_getstate),
    ("setstate", r_setstate),
];

pub fn make_module() -> PyResult {
    crate::modules::random::install_hooks(); // _random.Random objects are Layout::Random
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("_random"))?;
    dict_set(&d, Obj::str("Random"), CRANDOM_TYPE.obj())?;
    Ok(crate::objects::module::new_module("_random", d))
}
