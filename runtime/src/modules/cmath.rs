//! `cmath` (CPython's Modules/cmathmodule.c): the complex functions with CPython's algorithms
//! for finite arguments (scaling near overflow/underflow, log1p near |z| = 1) and its errors.
//! Infinite and NaN arguments follow the same formulas, not CPython's special-value tables.
use crate::object::Obj;
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::complex::{as_complex, new_complex, quot, Complex};
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::exceptions::{overflow_error, type_error, value_error};
use crate::objects::native::{meth_o, posonly, unpack};
use crate::{ops, PyResult};

const LN2: f64 = std::f64::consts::LN_2;
const LARGE: f64 = f64::MAX / 4.0;
const SCALE_UP: i32 = 53;
const SCALE_DOWN: i32 = -27;

fn log_large() -> f64 {
    LARGE.ln()
}

mod libm {
    extern "C" {
        pub fn asinh(x: f64) -> f64;
    }
}
fn asinh(x: f64) -> f64 {
    unsafe { libm::asinh(x) }
}
fn ldexp(x: f64, e: i32) -> f64 {
    crate::objects::bigint::ldexp(x, e)
}

/// The argument as a complex: complex, float, int, or __complex__ / __float__ / __index__.
fn arg(o: &Obj) -> PyResult<Complex> {
    if let Some(c) = as_complex(o) {
        return Ok(c);
    }
    if let Some(r) = ops::call_special(o, "__complex__", &[]) {
        let r = r?;
        return as_complex(&r).ok_or_else(|| type_error(format!("__complex__ returned non-complex (type {})", r.type_name())));
    }
    match ops::number_to_f64(o) {
        Ok(f) => Ok(Complex { re: f, im: 0.0 }),
        Err(e) if e.is_instance(&crate::objects::exceptions::TYPE_ERROR) => {
            Err(type_error(format!("must be real number, not {}", o.type_name())))
        }
        Err(e) => Err(e),
    }
}

fn c(re: f64, im: f64) -> Complex {
    Complex { re, im }
}

fn sqrt(z: Complex) -> Complex {
    if z.re == 0.0 && z.im == 0.0 {
        return c(0.0, z.im);
    }
    let (mut ax, ay) = (z.re.abs(), z.im.abs());
    let s = if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        ax = ldexp(ax, SCALE_UP);
        ldexp((ax + ax.hypot(ldexp(ay, SCALE_UP))).sqrt(), SCALE_DOWN)
    } else {
        ax /= 8.0;
        2.0 * (ax + ax.hypot(ay / 8.0)).sqrt()
    };
    let d = ay / (2.0 * s);
    if z.re >= 0.0 {
        c(s, d.copysign(z.im))
    } else {
        c(d, s.copysign(z.im))
    }
}

/// Err(true) = domain error.
fn log(z: Complex) -> Result<Complex, bool> {
    let (ax, ay) = (z.re.abs(), z.im.abs());
    let re = if ax > LARGE || ay > LARGE {
        (ax / 2.0).hypot(ay / 2.0).ln() + LN2
    } else if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        if ax > 0.0 || ay > 0.0 {
            ldexp(ax, 53).hypot(ldexp(ay, 53)).ln() - 53.0 * LN2
        } else {
            return Err(true);
        }
    } else {
        let h = ax.hypot(ay);
        if (0.71..=1.73).contains(&h) {
            let (am, an) = if ax > ay { (ax, ay) } else { (ay, ax) };
            ((am - 1.0) * (am + 1.0) + an * an).ln_1p() / 2.0
        } else {
            h.ln()
        }
    };
    Ok(c(re, z.im.atan2(z.re)))
}

fn exp(z: Complex) -> Complex {
    if z.re > log_large() {
        let l = (z.re - 1.0).exp();
        c(l * z.im.cos() * std::f64::consts::E, l * z.im.sin() * std::f64::consts::E)
    } else {
        let l = z.re.exp();
        c(l * z.im.cos(), l * z.im.sin())
    }
}

fn asinh_c(z: Complex) -> Complex {
    if z.re.abs() > LARGE || z.im.abs() > LARGE {
        let h = (z.re / 2.0).hypot(z.im / 2.0).ln() + LN2 * 2.0;
        let re = if z.im >= 0.0 { h.copysign(z.re) } else { -h.copysign(-z.re) };
        return c(re, z.im.atan2(z.re.abs()));
    }
    let s1 = sqrt(c(1.0 + z.im, -z.re));
    let s2 = sqrt(c(1.0 - z.im, z.re));
    c(asinh(s1.re * s2.im - s2.re * s1.im), z.im.atan2(s1.re * s2.re - s1.im * s2.im))
}

fn asin(z: Complex) -> Complex {
    let s = asinh_c(c(-z.im, z.re));
    c(s.im, -s.re)
}

fn acos(z: Complex) -> Complex {
    if z.re.abs() > LARGE || z.im.abs() > LARGE {
        let h = (z.re / 2.0).hypot(z.im / 2.0).ln() + LN2 * 2.0;
        let im = if z.re < 0.0 { -h.copysign(z.im) } else { h.copysign(-z.im) };
        return c(z.im.abs().atan2(z.re), im);
    }
    let s1 = sqrt(c(1.0 - z.re, -z.im));
    let s2 = sqrt(c(1.0 + z.re, z.im));
    c(2.0 * s1.re.atan2(s2.re), asinh(s2.re * s1.im - s2.im * s1.re))
}

fn acosh(z: Complex) -> Complex {
    if z.re.abs() > LARGE || z.im.abs() > LARGE {
        return c((z.re / 2.0).hypot(z.im / 2.0).ln() + LN2 * 2.0, z.im.atan2(z.re));
    }
    let s1 = sqrt(c(z.re - 1.0, z.im));
    let s2 = sqrt(c(z.re + 1.0, z.im));
    c(asinh(s1.re * s2.re + s1.im * s2.im), 2.0 * s1.im.atan2(s2.re))
}

fn atanh(z: Complex) -> Result<Complex, bool> {
    if z.re < 0.0 {
        let r = atanh(c(-z.re, -z.im))?;
        return Ok(c(-r.re, -r.im));
    }
    let ay = z.im.abs();
    let sqrt_large = LARGE.sqrt();
    if z.re > sqrt_large || ay > sqrt_large {
        let h = (z.re / 2.0).hypot(z.im / 2.0);
        return Ok(c(z.re / 4.0 / h / h, -(std::f64::consts::PI / 2.0).copysign(-z.im)));
    }
    if z.re == 1.0 && ay < f64::MIN_POSITIVE.sqrt() {
        if ay == 0.0 {
            return Err(true);
        }
        return Ok(c(-(ay.sqrt() / ay.hypot(2.0).sqrt()).ln(), (2f64.atan2(-ay) / 2.0).copysign(z.im)));
    }
    Ok(c(
        (4.0 * z.re / ((1.0 - z.re) * (1.0 - z.re) + ay * ay)).ln_1p() / 4.0,
        -(-2.0 * z.im).atan2((1.0 - z.re) * (1.0 + z.re) - ay * ay) / 2.0,
    ))
}

fn atan(z: Complex) -> Result<Complex, bool> {
    let s = atanh(c(-z.im, z.re))?;
    Ok(c(s.im, -s.re))
}

fn cosh(z: Complex) -> Complex {
    if z.re.abs() > log_large() {
        let x1 = z.re - 1f64.copysign(z.re);
        c(z.im.cos() * x1.cosh() * std::f64::consts::E, z.im.sin() * x1.sinh() * std::f64::consts::E)
    } else {
        c(z.im.cos() * z.re.cosh(), z.im.sin() * z.re.sinh())
    }
}

fn sinh(z: Complex) -> Complex {
    if z.re.abs() > log_large() {
        let x1 = z.re - 1f64.copysign(z.re);
        c(z.im.cos() * x1.sinh() * std::f64::consts::E, z.im.sin() * x1.cosh() * std::f64::consts::E)
    } else {
        c(z.im.cos() * z.re.sinh(), z.im.sin() * z.re.cosh())
    }
}

fn tanh(z: Complex) -> Complex {
    if z.re.abs() > log_large() {
        return c(1f64.copysign(z.re), 4.0 * z.im.sin() * z.im.cos() * (-2.0 * z.re.abs()).exp());
    }
    let (tx, ty, cx) = (z.re.tanh(), z.im.tan(), 1.0 / z.re.cosh());
    let txty = tx * ty;
    let denom = 1.0 + txty * txty;
    c(tx * (1.0 + ty * ty) / denom, ((ty / denom) * cx) * cx)
}

/// Result checks of CPython's math_1: a domain error, or overflow from finite input.
fn finish(z: Complex, r: Result<Complex, bool>, can_overflow: bool) -> PyResult {
    match r {
        Err(_) => Err(value_error("math domain error")),
        Ok(v) => {
            if can_overflow && (v.re.is_infinite() || v.im.is_infinite()) && z.re.is_finite() && z.im.is_finite() {
                return Err(overflow_error("math range error"));
            }
            Ok(new_complex(v.re, v.im))
        }
    }
}

macro_rules! cfn {
    ($name:ident, $py:expr, $f:expr, $ovf:expr) => {
        fn $name(a: &[Obj], kw: Option<&Obj>) -> PyResult {
            let z = arg(meth_o(concat!("cmath.", $py), a, kw)?)?;
            let r: Result<Complex, bool> = $f(z);
            finish(z, r, $ovf)
        }
    };
}
cfn!(m_sqrt, "sqrt", |z| Ok(sqrt(z)), false);
cfn!(m_exp, "exp", |z| Ok(exp(z)), true);
cfn!(m_log10, "log10", |z| log(z).map(|r: Complex| c(r.re / std::f64::consts::LN_10, r.im / std::f64::consts::LN_10)), false);
cfn!(m_asin, "asin", |z| Ok(asin(z)), false);
cfn!(m_acos, "acos", |z| Ok(acos(z)), false);
cfn!(m_atan, "atan", atan, false);
cfn!(m_asinh, "asinh", |z| Ok(asinh_c(z)), false);
cfn!(m_acosh, "acosh", |z| Ok(acosh(z)), false);
cfn!(m_atanh, "atanh", atanh, false);
cfn!(m_cosh, "cosh", |z| Ok(cosh(z)), true);
cfn!(m_sinh, "sinh", |z| Ok(sinh(z)), true);
cfn!(m_tanh, "tanh", |z| Ok(tanh(z)), false);
cfn!(m_cos, "cos", |z: Complex| Ok(cosh(c(-z.im, z.re))), true);
cfn!(m_sin, "sin", |z: Complex| {
    let s = sinh(c(-z.im, z.re));
    Ok(c(s.im, -s.re))
}, true);
cfn!(m_tan, "tan", |z: Complex| {
    let s = tanh(c(-z.im, z.re));
    Ok(c(s.im, -s.re))
}, false);

fn m_log(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = posonly("log", a, kw, 1, 2)?;
    let z = arg(&a[0])?;
    let x = log(z).map_err(|_| value_error("math domain error"))?;
    let r = match a.get(1) {
        None => x,
        Some(b) => {
            let y = log(arg(b)?).map_err(|_| value_error("math domain error"))?;
            quot(x, y).map_err(|_| value_error("math domain error"))?
        }
    };
    Ok(new_complex(r.re, r.im))
}

fn m_phase(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let z = arg(meth_o("cmath.phase", a, kw)?)?;
    Ok(Obj::float(z.im.atan2(z.re)))
}

fn m_polar(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let z = arg(meth_o("cmath.polar", a, kw)?)?;
    let r = z.re.hypot(z.im);
    if r.is_infinite() && z.re.is_finite() && z.im.is_finite() {
        return Err(overflow_error("math range error"));
    }
    Ok(Obj::tuple2(Obj::float(r), Obj::float(z.im.atan2(z.re))))
}

fn m_rect(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = posonly("rect", a, kw, 2, 2)?;
    let (r, phi) = (ops::number_to_f64(&a[0])?, ops::number_to_f64(&a[1])?);
    if r.is_nan() && phi.is_infinite() || r.is_finite() && phi.is_infinite() && r != 0.0 {
        return Err(value_error("math domain error"));
    }
    if phi == 0.0 {
        return Ok(new_complex(r, r * phi));
    }
    Ok(new_complex(r * phi.cos(), r * phi.sin()))
}

fn m_isfinite(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let z = arg(meth_o("cmath.isfinite", a, kw)?)?;
    Ok(Obj::bool(z.re.is_finite() && z.im.is_finite()))
}
fn m_isinf(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let z = arg(meth_o("cmath.isinf", a, kw)?)?;
    Ok(Obj::bool(z.re.is_infinite() || z.im.is_infinite()))
}
fn m_isnan(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let z = arg(meth_o("cmath.isnan", a, kw)?)?;
    Ok(Obj::bool(z.re.is_nan() || z.im.is_nan()))
}

fn m_isclose(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = unpack("isclose", a, kw, &["a", "b", "rel_tol", "abs_tol"], 2, 2, 0)?;
    let (x, y) = (arg(v[0].as_ref().unwrap())?, arg(v[1].as_ref().unwrap())?);
    let rel = match &v[2] {
        Some(r) => ops::number_to_f64(r)?,
        None => 1e-9,
    };
    let abs_tol = match &v[3] {
        Some(r) => ops::number_to_f64(r)?,
        None => 0.0,
    };
    if rel < 0.0 || abs_tol < 0.0 {
        return Err(value_error("tolerances must be non-negative"));
    }
    if x.re == y.re && x.im == y.im {
        return Ok(Obj::bool(true));
    }
    if x.re.is_infinite() || x.im.is_infinite() || y.re.is_infinite() || y.im.is_infinite() {
        return Ok(Obj::bool(false));
    }
    let diff = (x.re - y.re).hypot(x.im - y.im);
    let ok = diff <= rel * y.re.hypot(y.im) || diff <= rel * x.re.hypot(x.im) || diff <= abs_tol;
    Ok(Obj::bool(ok))
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("cmath"))?;
    let fns: &[(&'static str, BuiltinFn)] = &[
        ("sqrt", m_sqrt),
        ("exp", m_exp),
        ("log", m_log),
        ("log10", m_log10),
        ("asin", m_asin),
        ("acos", m_acos),
        ("atan", m_atan),
        ("asinh", m_asinh),
        ("acosh", m_acosh),
        ("atanh", m_atanh),
        ("sin", m_sin),
        ("cos", m_cos),
        ("tan", m_tan),
        ("sinh", m_sinh),
        ("cosh", m_cosh),
        ("tanh", m_tanh),
        ("phase", m_phase),
        ("polar", m_polar),
        ("rect", m_rect),
        ("isfinite", m_isfinite),
        ("isinf", m_isinf),
        ("isnan", m_isnan),
        ("isclose", m_isclose),
    ];
    for (n, g) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *g))?;
    }
    dict_set(&d, Obj::str("pi"), Obj::float(std::f64::consts::PI))?;
    dict_set(&d, Obj::str("e"), Obj::float(std::f64::consts::E))?;
    dict_set(&d, Obj::str("tau"), Obj::float(std::f64::consts::TAU))?;
    dict_set(&d, Obj::str("inf"), Obj::float(f64::INFINITY))?;
    dict_set(&d, Obj::str("nan"), Obj::float(f64::NAN))?;
    dict_set(&d, Obj::str("infj"), new_complex(0.0, f64::INFINITY))?;
    dict_set(&d, Obj::str("nanj"), new_complex(0.0, f64::NAN))?;
    Ok(crate::objects::module::new_module("cmath", d))
}
