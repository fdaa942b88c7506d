//! The `math` module (libm functions with CPython's domain/range errors).
use crate::objects::bigint::BigInt;
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::exceptions::{overflow_error, type_error, value_error};
use crate::objects::float::as_float;
use crate::objects::int::{as_int, int_from_big, int_is_neg, to_big, IntVal};
use crate::objects::str::nargs;
use crate::{ops, Obj, PyResult};

fn f(a: &Obj) -> PyResult<f64> {
    ops::number_to_f64(a)
}

fn domain() -> crate::Exc {
    value_error("math domain error")
}

/// Applies a one-argument libm function with CPython's error mapping.
fn unary(a: &[Obj], name: &str, g: fn(f64) -> f64, dom: fn(f64) -> bool) -> PyResult {
    nargs(name, a, 1, 1)?;
    let x = f(&a[0])?;
    if !dom(x) {
        return Err(domain());
    }
    let r = g(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(overflow_error("math range error"));
    }
    Ok(Obj::float(r))
}

macro_rules! unary_fn {
    ($fname:ident, $pyname:expr, $g:expr, $dom:expr) => {
        fn $fname(a: &[Obj], _k: Option<&Obj>) -> PyResult {
            unary(a, $pyname, $g, $dom)
        }
    };
}

fn any(_x: f64) -> bool {
    true
}
unary_fn!(m_sqrt, "sqrt", f64::sqrt, |x| x >= 0.0 || x.is_nan());
unary_fn!(m_exp, "exp", f64::exp, any);
unary_fn!(m_sin, "sin", f64::sin, |x| !x.is_infinite());
unary_fn!(m_cos, "cos", f64::cos, |x| !x.is_infinite());
unary_fn!(m_tan, "tan", f64::tan, |x| !x.is_infinite());
unary_fn!(m_asin, "asin", f64::asin, |x| (-1.0..=1.0).contains(&x) || x.is_nan());
unary_fn!(m_acos, "acos", f64::acos, |x| (-1.0..=1.0).contains(&x) || x.is_nan());
unary_fn!(m_atan, "atan", f64::atan, any);
unary_fn!(m_sinh, "sinh", f64::sinh, any);
unary_fn!(m_cosh, "cosh", f64::cosh, any);
unary_fn!(m_tanh, "tanh", f64::tanh, any);
unary_fn!(m_fabs, "fabs", f64::abs, any);
unary_fn!(m_degrees, "degrees", f64::to_degrees, any);
unary_fn!(m_radians, "radians", f64::to_radians, any);
unary_fn!(m_expm1, "expm1", f64::exp_m1, any);
unary_fn!(m_log1p, "log1p", f64::ln_1p, |x| x > -1.0 || x.is_nan());

/// log of an int or float; ints too big for a float use their bit length.
fn log_any(a: &Obj, g: fn(f64) -> f64) -> PyResult<f64> {
    if let Some(i) = as_int(a) {
        if int_is_neg(i) || crate::objects::int::int_is_zero(i) {
            return Err(domain());
        }
        if let IntVal::Big(b) = i {
            if b.to_f64().is_none() {
                let bits = b.bit_length() as i64 - 60;
                let top = b.shr(bits as usize).to_f64().unwrap();
                return Ok(g(top) + (bits as f64) * g(2.0));
            }
        }
    }
    let x = f(a)?;
    if x <= 0.0 || x.is_nan() && false {
        return Err(domain());
    }
    Ok(g(x))
}
fn m_log(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("log", a, 1, 2)?;
    let x = log_any(&a[0], f64::ln)?;
    match a.get(1) {
        None => Ok(Obj::float(x)),
        Some(b) => {
            let y = log_any(b, f64::ln)?;
            if y == 0.0 {
                return Err(crate::objects::exceptions::zero_division("float division by zero"));
            }
            Ok(Obj::float(x / y))
        }
    }
}
fn m_log2(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("log2", a, 1, 1)?;
    Ok(Obj::float(log_any(&a[0], f64::log2)?))
}
fn m_log10(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("log10", a, 1, 1)?;
    Ok(Obj::float(log_any(&a[0], f64::log10)?))
}

fn to_int_result(x: f64) -> PyResult {
    crate::builtins::float_to_int(x)
}
fn rounding(a: &[Obj], name: &str, g: fn(f64) -> f64, dunder: &'static str) -> PyResult {
    nargs(name, a, 1, 1)?;
    if let Some(i) = as_int(&a[0]) {
        return Ok(int_from_big(to_big(i).into_owned()));
    }
    if let Some(x) = as_float(&a[0]) {
        return to_int_result(g(x));
    }
    if let Some(r) = ops::call_special(&a[0], dunder, vec![]) {
        return r;
    }
    to_int_result(g(f(&a[0])?))
}
fn m_floor(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    rounding(a, "floor", f64::floor, "__floor__")
}
fn m_ceil(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    rounding(a, "ceil", f64::ceil, "__ceil__")
}
fn m_trunc(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    rounding(a, "trunc", f64::trunc, "__trunc__")
}

fn m_pow(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("pow", a, 2, 2)?;
    let (x, y) = (f(&a[0])?, f(&a[1])?);
    if x == 0.0 && y < 0.0 {
        return Err(domain());
    }
    if x < 0.0 && x.is_finite() && y.is_finite() && y.fract() != 0.0 {
        return Err(domain());
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(overflow_error("math range error"));
    }
    Ok(Obj::float(r))
}
fn m_atan2(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("atan2", a, 2, 2)?;
    Ok(Obj::float(f(&a[0])?.atan2(f(&a[1])?)))
}
fn m_hypot(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let mut acc = 0.0f64;
    for x in a {
        acc = acc.hypot(f(x)?);
    }
    Ok(Obj::float(acc))
}
fn m_copysign(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("copysign", a, 2, 2)?;
    Ok(Obj::float(f(&a[0])?.copysign(f(&a[1])?)))
}
fn m_fmod(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("fmod", a, 2, 2)?;
    let (x, y) = (f(&a[0])?, f(&a[1])?);
    if y == 0.0 && !x.is_nan() || x.is_infinite() {
        return Err(domain());
    }
    Ok(Obj::float(x % y))
}
fn m_modf(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("modf", a, 1, 1)?;
    let x = f(&a[0])?;
    if x.is_infinite() {
        return Ok(Obj::tuple(vec![Obj::float(0.0f64.copysign(x)), Obj::float(x)]));
    }
    Ok(Obj::tuple(vec![Obj::float(x.fract()), Obj::float(x.trunc())]))
}
fn m_frexp(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("frexp", a, 1, 1)?;
    let (m, e) = crate::objects::float::frexp(f(&a[0])?);
    Ok(Obj::tuple(vec![Obj::float(m), Obj::int(e as i64)]))
}
fn m_ldexp(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("ldexp", a, 2, 2)?;
    let x = f(&a[0])?;
    let e = ops::index_value(&a[1])?.clamp(-10000, 10000) as i32;
    let r = crate::objects::bigint::ldexp(x, e);
    if r.is_infinite() && x.is_finite() {
        return Err(overflow_error("math range error"));
    }
    Ok(Obj::float(r))
}
fn pred(a: &[Obj], name: &str, g: fn(f64) -> bool) -> PyResult {
    nargs(name, a, 1, 1)?;
    Ok(Obj::bool(g(f(&a[0])?)))
}
fn m_isnan(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    pred(a, "isnan", f64::is_nan)
}
fn m_isinf(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    pred(a, "isinf", f64::is_infinite)
}
fn m_isfinite(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    pred(a, "isfinite", f64::is_finite)
}
fn m_isclose(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = crate::builtins::split_kw(a, kw);
    nargs("isclose", pos, 2, 2)?;
    let (x, y) = (f(&pos[0])?, f(&pos[1])?);
    let mut rel = 1e-9;
    let mut abs = 0.0;
    for (k, v) in kws {
        match k {
            "rel_tol" => rel = f(v)?,
            "abs_tol" => abs = f(v)?,
            _ => return Err(type_error(format!("isclose() got an unexpected keyword argument '{}'", k))),
        }
    }
    if x == y {
        return Ok(Obj::bool(true));
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(Obj::bool(false));
    }
    let d = (x - y).abs();
    Ok(Obj::bool(d <= (rel * y).abs() || d <= (rel * x).abs() || d <= abs))
}

fn int_arg<'a>(o: &'a Obj) -> PyResult<&'a IntVal> {
    as_int(o).ok_or_else(|| type_error(format!("'{}' object cannot be interpreted as an integer", o.type_name())))
}
fn m_factorial(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("factorial", a, 1, 1)?;
    let n = match int_arg(&a[0])? {
        IntVal::Small(n) => *n,
        IntVal::Big(_) => return Err(overflow_error("factorial() argument should not exceed 9223372036854775807")),
    };
    if n < 0 {
        return Err(value_error("factorial() not defined for negative values"));
    }
    Ok(int_from_big(product(1, n as u64)))
}
/// Product of lo..=hi by binary splitting.
fn product(lo: u64, hi: u64) -> BigInt {
    if lo > hi {
        return BigInt::from_i64(1);
    }
    if hi - lo < 16 {
        let mut acc = BigInt::from_i64(1);
        let mut small: u64 = 1;
        for k in lo..=hi {
            match small.checked_mul(k) {
                Some(v) => small = v,
                None => {
                    acc = acc.mul(&BigInt::from_u64(small));
                    small = k;
                }
            }
        }
        return acc.mul(&BigInt::from_u64(small));
    }
    let mid = lo + (hi - lo) / 2;
    product(lo, mid).mul(&product(mid + 1, hi))
}
fn gcd_big(a: BigInt, b: BigInt) -> BigInt {
    let (mut a, mut b) = (a.abs(), b.abs());
    while !b.is_zero() {
        let r = a.divmod_floor(&b).1;
        a = b;
        b = r;
    }
    a
}
fn m_gcd(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let mut acc = BigInt::zero();
    for x in a {
        acc = gcd_big(acc, to_big(int_arg(x)?).into_owned());
    }
    Ok(int_from_big(acc))
}
fn m_lcm(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let mut acc = BigInt::from_i64(1);
    for x in a {
        let v = to_big(int_arg(x)?).into_owned();
        if v.is_zero() {
            return Ok(Obj::int(0));
        }
        let g = gcd_big(acc.clone(), v.clone());
        acc = acc.mul(&v).abs().divmod_floor(&g).0;
    }
    Ok(int_from_big(acc))
}
fn m_isqrt(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("isqrt", a, 1, 1)?;
    let n = to_big(int_arg(&a[0])?).into_owned();
    if n.neg {
        return Err(value_error("isqrt() argument must be nonnegative"));
    }
    if n.is_zero() {
        return Ok(Obj::int(0));
    }
    // Newton iteration from above
    let mut x = BigInt::from_i64(1).shl(((n.bit_length() + 1) / 2) as usize);
    loop {
        let y = x.add(&n.divmod_floor(&x).0).shr(1);
        if y.cmp(&x) != std::cmp::Ordering::Less {
            return Ok(int_from_big(x));
        }
        x = y;
    }
}
fn m_comb(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("comb", a, 2, 2)?;
    let n = ops::index_value(&a[0])?;
    let k = ops::index_value(&a[1])?;
    if n < 0 || k < 0 {
        return Err(value_error(if n < 0 { "n must be a non-negative integer" } else { "k must be a non-negative integer" }));
    }
    if k > n {
        return Ok(Obj::int(0));
    }
    let k = k.min(n - k);
    let mut acc = BigInt::from_i64(1);
    for i in 0..k {
        acc = acc.mul(&BigInt::from_i64(n - i)).divmod_floor(&BigInt::from_i64(i + 1)).0;
    }
    Ok(int_from_big(acc))
}
fn m_perm(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("perm", a, 1, 2)?;
    let n = ops::index_value(&a[0])?;
    let k = match a.get(1) {
        Some(k) if !k.is_none() => ops::index_value(k)?,
        _ => n,
    };
    if n < 0 || k < 0 {
        return Err(value_error(if n < 0 { "n must be a non-negative integer" } else { "k must be a non-negative integer" }));
    }
    if k > n {
        return Ok(Obj::int(0));
    }
    Ok(int_from_big(product((n - k + 1) as u64, n as u64)))
}
fn m_prod(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = crate::builtins::split_kw(a, kw);
    nargs("prod", pos, 1, 1)?;
    let mut acc = kws.iter().find(|(k, _)| *k == "start").map(|(_, v)| (*v).clone()).unwrap_or_else(|| Obj::int(1));
    for x in ops::collect_iterable(&pos[0])? {
        acc = ops::binary_op(&acc, &x, crate::BinOp::Mul)?;
    }
    Ok(acc)
}
fn m_fsum(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("fsum", a, 1, 1)?;
    // Shewchuk's algorithm (as in CPython's math.fsum)
    let mut partials: Vec<f64> = Vec::new();
    for o in ops::collect_iterable(&a[0])? {
        let mut x = f(&o)?;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        partials.push(x);
    }
    let mut hi = 0.0;
    if let Some(mut n) = partials.len().checked_sub(0) {
        if n > 0 {
            n -= 1;
            hi = partials[n];
            let mut lo = 0.0;
            while n > 0 {
                let x = hi;
                n -= 1;
                let y = partials[n];
                hi = x + y;
                let yr = hi - x;
                lo = y - yr;
                if lo != 0.0 {
                    break;
                }
            }
            if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
                let y = lo * 2.0;
                let x = hi + y;
                let yr = x - hi;
                if y == yr {
                    hi = x;
                }
            }
        }
    }
    Ok(Obj::float(hi))
}
fn m_dist(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("dist", a, 2, 2)?;
    let p = ops::collect_iterable(&a[0])?;
    let q = ops::collect_iterable(&a[1])?;
    if p.len() != q.len() {
        return Err(value_error("both points must have the same number of dimensions"));
    }
    let mut acc = 0.0f64;
    for (x, y) in p.iter().zip(q.iter()) {
        acc = acc.hypot(f(x)? - f(y)?);
    }
    Ok(Obj::float(acc))
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("math"))?;
    let fns: &[(&'static str, BuiltinFn)] = &[
        ("sqrt", m_sqrt),
        ("exp", m_exp),
        ("sin", m_sin),
        ("cos", m_cos),
        ("tan", m_tan),
        ("asin", m_asin),
        ("acos", m_acos),
        ("atan", m_atan),
        ("sinh", m_sinh),
        ("cosh", m_cosh),
        ("tanh", m_tanh),
        ("fabs", m_fabs),
        ("degrees", m_degrees),
        ("radians", m_radians),
        ("expm1", m_expm1),
        ("log1p", m_log1p),
        ("log", m_log),
        ("log2", m_log2),
        ("log10", m_log10),
        ("floor", m_floor),
        ("ceil", m_ceil),
        ("trunc", m_trunc),
        ("pow", m_pow),
        ("atan2", m_atan2),
        ("hypot", m_hypot),
        ("copysign", m_copysign),
        ("fmod", m_fmod),
        ("modf", m_modf),
        ("frexp", m_frexp),
        ("ldexp", m_ldexp),
        ("isnan", m_isnan),
        ("isinf", m_isinf),
        ("isfinite", m_isfinite),
        ("isclose", m_isclose),
        ("factorial", m_factorial),
        ("gcd", m_gcd),
        ("lcm", m_lcm),
        ("isqrt", m_isqrt),
        ("comb", m_comb),
        ("perm", m_perm),
        ("prod", m_prod),
        ("fsum", m_fsum),
        ("dist", m_dist),
    ];
    for (n, g) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *g))?;
    }
    dict_set(&d, Obj::str("pi"), Obj::float(std::f64::consts::PI))?;
    dict_set(&d, Obj::str("e"), Obj::float(std::f64::consts::E))?;
    dict_set(&d, Obj::str("tau"), Obj::float(std::f64::consts::TAU))?;
    dict_set(&d, Obj::str("inf"), Obj::float(f64::INFINITY))?;
    dict_set(&d, Obj::str("nan"), Obj::float(f64::NAN))?;
    Ok(crate::objects::module::new_module("math", d))
}
