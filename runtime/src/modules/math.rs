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
    if let Some(r) = ops::call_special(&a[0], dunder, &[]) {
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
        return Ok(Obj::tuple2(Obj::float(0.0f64.copysign(x)), Obj::float(x)));
    }
    Ok(Obj::tuple2(Obj::float(x.fract()), Obj::float(x.trunc())))
}
fn m_frexp(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("frexp", a, 1, 1)?;
    let (m, e) = crate::objects::float::frexp(f(&a[0])?);
    Ok(Obj::tuple2(Obj::float(m), Obj::int(e as i64)))
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

// ---------------------------------------------------------------- completeness (3.11)

mod libm {
    extern "C" {
        pub fn asinh(x: f64) -> f64;
        pub fn acosh(x: f64) -> f64;
        pub fn atanh(x: f64) -> f64;
        pub fn erf(x: f64) -> f64;
        pub fn erfc(x: f64) -> f64;
        pub fn cbrt(x: f64) -> f64;
        pub fn exp2(x: f64) -> f64;
    }
}
fn c_asinh(x: f64) -> f64 {
    unsafe { libm::asinh(x) }
}
fn c_acosh(x: f64) -> f64 {
    unsafe { libm::acosh(x) }
}
fn c_atanh(x: f64) -> f64 {
    unsafe { libm::atanh(x) }
}
fn c_erf(x: f64) -> f64 {
    unsafe { libm::erf(x) }
}
fn c_erfc(x: f64) -> f64 {
    unsafe { libm::erfc(x) }
}
fn c_cbrt(x: f64) -> f64 {
    unsafe { libm::cbrt(x) }
}
fn c_exp2(x: f64) -> f64 {
    unsafe { libm::exp2(x) }
}
unary_fn!(m_asinh, "asinh", c_asinh, any);
unary_fn!(m_acosh, "acosh", c_acosh, |x| x >= 1.0 || x.is_nan());
unary_fn!(m_atanh, "atanh", c_atanh, |x| (x > -1.0 && x < 1.0) || x.is_nan());
unary_fn!(m_cbrt, "cbrt", c_cbrt, any);
unary_fn!(m_exp2, "exp2", c_exp2, any);

/// erf/erfc never overflow (CPython's math_1 with can_overflow = 0).
fn m_erf(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("erf", a, 1, 1)?;
    Ok(Obj::float(c_erf(f(&a[0])?)))
}
fn m_erfc(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("erfc", a, 1, 1)?;
    Ok(Obj::float(c_erfc(f(&a[0])?)))
}

const GAMMA_INTEGRAL: [f64; 23] = [
    1.0, 1.0, 2.0, 6.0, 24.0, 120.0, 720.0, 5040.0, 40320.0, 362880.0, 3628800.0, 39916800.0, 479001600.0,
    6227020800.0, 87178291200.0, 1307674368000.0, 20922789888000.0, 355687428096000.0, 6402373705728000.0,
    121645100408832000.0, 2432902008176640000.0, 51090942171709440000.0, 1124000727777607680000.0,
];
const LANCZOS_G: f64 = 6.024680040776729583740234375;
const LANCZOS_G_MINUS_HALF: f64 = 5.524680040776729583740234375;
const LANCZOS_NUM: [f64; 13] = [
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
];
const LANCZOS_DEN: [f64; 13] =
    [0.0, 39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0, 13339535.0, 2637558.0, 357423.0, 32670.0, 1925.0, 66.0, 1.0];

fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    if x < 5.0 {
        for i in (0..13).rev() {
            num = num * x + LANCZOS_NUM[i];
            den = den * x + LANCZOS_DEN[i];
        }
    } else {
        for i in 0..13 {
            num = num / x + LANCZOS_NUM[i];
            den = den / x + LANCZOS_DEN[i];
        }
    }
    num / den
}

fn sinpi(x: f64) -> f64 {
    let pi = std::f64::consts::PI;
    let y = x.abs() % 2.0;
    let n = (2.0 * y).round() as i32;
    let r = match n {
        0 => (pi * y).sin(),
        1 => (pi * (y - 0.5)).cos(),
        2 => (pi * (1.0 - y)).sin(),
        3 => -(pi * (y - 1.5)).cos(),
        _ => (pi * (y - 2.0)).sin(),
    };
    1f64.copysign(x) * r
}

/// CPython's m_tgamma (Lanczos approximation); Err(true) = domain, Err(false) = range.
fn tgamma(x: f64) -> Result<f64, bool> {
    if !x.is_finite() {
        return if x.is_nan() || x > 0.0 { Ok(x) } else { Err(true) };
    }
    if x == 0.0 {
        return Err(true);
    }
    if x == x.floor() {
        if x < 0.0 {
            return Err(true);
        }
        if x <= 23.0 {
            return Ok(GAMMA_INTEGRAL[x as usize - 1]);
        }
    }
    let absx = x.abs();
    if absx < 1e-20 {
        let r = 1.0 / x;
        return if r.is_infinite() { Err(false) } else { Ok(r) };
    }
    if absx > 200.0 {
        return if x < 0.0 { Ok(0.0 / sinpi(x)) } else { Err(false) };
    }
    let y = absx + LANCZOS_G_MINUS_HALF;
    let z = if absx > LANCZOS_G_MINUS_HALF { (y - absx) - LANCZOS_G_MINUS_HALF } else { (y - LANCZOS_G_MINUS_HALF) - absx };
    let z = z * LANCZOS_G / y;
    let mut r;
    if x < 0.0 {
        r = -std::f64::consts::PI / sinpi(absx) / absx * y.exp() / lanczos_sum(absx);
        r -= z * r;
        if absx < 140.0 {
            r /= y.powf(absx - 0.5);
        } else {
            let sp = y.powf(absx / 2.0 - 0.25);
            r /= sp;
            r /= sp;
        }
    } else {
        r = lanczos_sum(absx) / y.exp();
        r += z * r;
        if absx < 140.0 {
            r *= y.powf(absx - 0.5);
        } else {
            let sp = y.powf(absx / 2.0 - 0.25);
            r *= sp;
            r *= sp;
        }
    }
    if r.is_infinite() {
        return Err(false);
    }
    Ok(r)
}

fn lgamma(x: f64) -> Result<f64, bool> {
    if !x.is_finite() {
        return Ok(if x.is_nan() { x } else { f64::INFINITY });
    }
    if x == x.floor() && x <= 2.0 {
        return if x <= 0.0 { Err(true) } else { Ok(0.0) };
    }
    let absx = x.abs();
    if absx < 1e-20 {
        return Ok(-absx.ln());
    }
    let mut r = lanczos_sum(absx).ln() - LANCZOS_G;
    r += (absx - 0.5) * ((absx + LANCZOS_G - 0.5).ln() - 1.0);
    if x < 0.0 {
        r = 1.144729885849400174143427351353058711647 - sinpi(absx).abs().ln() - absx.ln() - r;
    }
    if r.is_infinite() {
        return Err(false);
    }
    Ok(r)
}

fn gamma_result(r: Result<f64, bool>) -> PyResult {
    match r {
        Ok(v) => Ok(Obj::float(v)),
        Err(true) => Err(domain()),
        Err(false) => Err(overflow_error("math range error")),
    }
}
fn m_gamma(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("gamma", a, 1, 1)?;
    gamma_result(tgamma(f(&a[0])?))
}
fn m_lgamma(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("lgamma", a, 1, 1)?;
    gamma_result(lgamma(f(&a[0])?))
}

fn m_remainder(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    crate::objects::native::posonly("remainder", a, None, 2, 2)?;
    let (x, y) = (f(&a[0])?, f(&a[1])?);
    if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            return Err(domain());
        }
        let (absx, absy) = (x.abs(), y.abs());
        let m = absx % absy;
        let c = absy - m;
        let r = if m < c {
            m
        } else if m > c {
            -c
        } else {
            m - 2.0 * ((0.5 * (absx - m)) % absy)
        };
        return Ok(Obj::float(1f64.copysign(x) * r));
    }
    if x.is_nan() {
        return Ok(Obj::float(x));
    }
    if y.is_nan() {
        return Ok(Obj::float(y));
    }
    if x.is_infinite() {
        return Err(domain());
    }
    Ok(Obj::float(x))
}

fn next_after(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return x + y;
    }
    if x == y {
        return y;
    }
    if x == 0.0 {
        return f64::from_bits(1).copysign(y);
    }
    let b = x.to_bits();
    let up = (y > x) == (x > 0.0);
    f64::from_bits(if up { b + 1 } else { b - 1 })
}

fn m_nextafter(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    crate::objects::native::posonly("nextafter", a, None, 2, 2)?;
    Ok(Obj::float(next_after(f(&a[0])?, f(&a[1])?)))
}

fn m_ulp(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("ulp", a, 1, 1)?;
    let x = f(&a[0])?;
    if x.is_nan() {
        return Ok(Obj::float(x));
    }
    let x = x.abs();
    if x.is_infinite() {
        return Ok(Obj::float(x));
    }
    let x2 = next_after(x, f64::INFINITY);
    if x2.is_infinite() {
        return Ok(Obj::float(x - next_after(x, f64::NEG_INFINITY)));
    }
    Ok(Obj::float(x2 - x))
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
        ("asinh", m_asinh),
        ("acosh", m_acosh),
        ("atanh", m_atanh),
        ("cbrt", m_cbrt),
        ("exp2", m_exp2),
        ("erf", m_erf),
        ("erfc", m_erfc),
        ("gamma", m_gamma),
        ("lgamma", m_lgamma),
        ("remainder", m_remainder),
        ("nextafter", m_nextafter),
        ("ulp", m_ulp),
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
