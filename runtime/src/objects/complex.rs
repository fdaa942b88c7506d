//! The `complex` type with CPython's algorithms (Smith's division, integer powers by
//! repeated squaring, polar powers otherwise) and repr ("(1+2j)", "2j", "(-0-1j)").
use super::exceptions::{type_error, value_error, zero_division};
use super::float::as_float;
use super::int::{as_int, int_to_f64};
use crate::object::{alloc, Layout, MethodFn, Obj};
use crate::{BinOp, PyResult};

#[derive(Clone, Copy, Debug)]
pub struct Complex {
    pub re: f64,
    pub im: f64,
}

crate::static_type!(COMPLEX_TYPE, "complex", &super::typeobj::OBJECT_TYPE, Complex, &[]);

pub fn new_complex(re: f64, im: f64) -> Obj {
    alloc(&COMPLEX_TYPE, Complex { re, im })
}

pub fn as_complex(o: &Obj) -> Option<Complex> {
    o.payload::<Complex>(Layout::Complex).copied()
}

/// A number as a complex (ints and floats promoted); None for other types.
pub fn to_complex(o: &Obj) -> Option<PyResult<Complex>> {
    if let Some(c) = as_complex(o) {
        return Some(Ok(c));
    }
    if let Some(f) = as_float(o) {
        return Some(Ok(Complex { re: f, im: 0.0 }));
    }
    as_int(o).map(|i| int_to_f64(i).map(|re| Complex { re, im: 0.0 }))
}

fn mul(a: Complex, b: Complex) -> Complex {
    Complex { re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re }
}

pub fn quot(a: Complex, b: Complex) -> PyResult<Complex> {
    let (abs_br, abs_bi) = (b.re.abs(), b.im.abs());
    if abs_br >= abs_bi {
        if abs_br == 0.0 {
            return Err(zero_division("complex division by zero"));
        }
        let ratio = b.im / b.re;
        let denom = b.re + b.im * ratio;
        Ok(Complex { re: (a.re + a.im * ratio) / denom, im: (a.im - a.re * ratio) / denom })
    } else if abs_bi >= abs_br {
        let ratio = b.re / b.im;
        let denom = b.re * ratio + b.im;
        Ok(Complex { re: (a.re * ratio + a.im) / denom, im: (a.im * ratio - a.re) / denom })
    } else {
        Ok(Complex { re: f64::NAN, im: f64::NAN })
    }
}

fn powu(x: Complex, n: i64) -> Complex {
    let mut r = Complex { re: 1.0, im: 0.0 };
    let mut p = x;
    let mut mask: i64 = 1;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = mul(r, p);
        }
        mask <<= 1;
        p = mul(p, p);
    }
    r
}

fn pow_general(a: Complex, b: Complex) -> PyResult<Complex> {
    if b.re == 0.0 && b.im == 0.0 {
        return Ok(Complex { re: 1.0, im: 0.0 });
    }
    if a.re == 0.0 && a.im == 0.0 {
        if b.im != 0.0 || b.re < 0.0 {
            return Err(zero_division("0.0 to a negative or complex power"));
        }
        return Ok(Complex { re: 0.0, im: 0.0 });
    }
    let vabs = a.re.hypot(a.im);
    let mut len = vabs.powf(b.re);
    let at = a.im.atan2(a.re);
    let mut phase = at * b.re;
    if b.im != 0.0 {
        len /= (at * b.im).exp();
        phase += b.im * vabs.ln();
    }
    Ok(Complex { re: len * phase.cos(), im: len * phase.sin() })
}

pub fn complex_pow(a: Complex, b: Complex) -> PyResult<Complex> {
    let r = if b.im == 0.0 && b.re == b.re.floor() && b.re.abs() <= 100.0 {
        let n = b.re as i64;
        if n >= 0 {
            Ok(powu(a, n))
        } else {
            if a.re == 0.0 && a.im == 0.0 {
                return Err(zero_division("0.0 to a negative or complex power"));
            }
            quot(Complex { re: 1.0, im: 0.0 }, powu(a, -n))
        }
    } else {
        pow_general(a, b)
    }?;
    if (r.re.is_infinite() || r.im.is_infinite()) && a.re.is_finite() && a.im.is_finite() && b.re.is_finite() && b.im.is_finite() {
        return Err(super::exceptions::overflow_error("complex exponentiation"));
    }
    Ok(r)
}

/// Complex arithmetic when either operand is complex.
pub fn complex_binop(a: &Obj, b: &Obj, op: BinOp) -> Option<PyResult> {
    if as_complex(a).is_none() && as_complex(b).is_none() {
        return None;
    }
    let x = match to_complex(a)? {
        Ok(x) => x,
        Err(e) => return Some(Err(e)),
    };
    let y = match to_complex(b)? {
        Ok(y) => y,
        Err(e) => return Some(Err(e)),
    };
    let r = match op {
        BinOp::Add => Ok(Complex { re: x.re + y.re, im: x.im + y.im }),
        BinOp::Sub => Ok(Complex { re: x.re - y.re, im: x.im - y.im }),
        BinOp::Mul => Ok(mul(x, y)),
        BinOp::TrueDiv => quot(x, y),
        BinOp::Pow => complex_pow(x, y),
        BinOp::FloorDiv | BinOp::Mod => {
            return Some(Err(type_error(format!(
                "unsupported operand type(s) for {}: '{}' and '{}'",
                op.symbol(),
                a.type_name(),
                b.type_name()
            ))))
        }
        _ => return None,
    };
    Some(r.map(|c| new_complex(c.re, c.im)))
}

fn fmt_part(x: f64) -> String {
    let s = super::float::float_repr(x);
    match s.strip_suffix(".0") {
        Some(t) => t.to_string(),
        None => s,
    }
}

pub fn complex_repr(c: Complex) -> String {
    if c.re == 0.0 && c.re.is_sign_positive() {
        return format!("{}j", fmt_part(c.im));
    }
    let re = fmt_part(c.re);
    let im = fmt_part(c.im);
    let sign = if c.im.is_nan() || c.im >= 0.0 && !c.im.is_sign_negative() { "+" } else { "" };
    format!("({}{}{}j)", re, sign, im)
}

pub fn complex_hash(c: Complex) -> i64 {
    let hr = super::float::float_hash(c.re) as u64;
    let hi = super::float::float_hash(c.im) as u64;
    let h = hr.wrapping_add(1000003u64.wrapping_mul(hi)) as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

/// complex(real=0, imag=0) / complex("1+2j")
pub fn complex_new(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = crate::builtins::split_kw(args, kw);
    let mut re = pos.get(0).cloned();
    let mut im = pos.get(1).cloned();
    for (k, v) in kws {
        match k {
            "real" => re = Some(v.clone()),
            "imag" => im = Some(v.clone()),
            _ => return Err(crate::objects::exceptions::unexpected_keyword(k, "complex")),
        }
    }
    if let Some(s) = re.as_ref().and_then(|r| r.as_str().map(|s| s.to_string())) {
        if im.is_some() {
            return Err(type_error("complex() can't take second arg if first is a string"));
        }
        let c = parse(&s).ok_or_else(|| value_error("complex() arg is a malformed string"))?;
        return Ok(new_complex(c.re, c.im));
    }
    let part = |o: &Option<Obj>| -> PyResult<Complex> {
        match o {
            None => Ok(Complex { re: 0.0, im: 0.0 }),
            Some(o) => to_complex(o).unwrap_or_else(|| {
                Err(type_error(format!("complex() first argument must be a string or a number, not '{}'", o.type_name())))
            }),
        }
    };
    let (a, b) = (part(&re)?, part(&im)?);
    // CPython: only complex arguments contribute their cross terms (keeps signed zeros)
    let re_c = re.as_ref().map(|o| as_complex(o).is_some()).unwrap_or(false);
    let im_c = im.as_ref().map(|o| as_complex(o).is_some()).unwrap_or(false);
    let real = if im_c { a.re - b.im } else { a.re };
    let imag = if re_c && im.is_some() { b.re + a.im } else if re_c { a.im } else { b.re };
    Ok(new_complex(real, imag))
}

fn parse(s: &str) -> Option<Complex> {
    let t = s.trim();
    let t = t.strip_prefix('(').and_then(|x| x.strip_suffix(')')).unwrap_or(t).trim();
    if let Some(body) = t.strip_suffix('j').or_else(|| t.strip_suffix('J')) {
        // find the split between real and imaginary parts: last +/- not after 'e'
        let bytes: Vec<char> = body.chars().collect();
        let mut split = None;
        for i in (1..bytes.len()).rev() {
            if (bytes[i] == '+' || bytes[i] == '-') && bytes[i - 1] != 'e' && bytes[i - 1] != 'E' {
                split = Some(i);
                break;
            }
        }
        let num = |x: &str| -> Option<f64> {
            match x {
                "" | "+" => Some(1.0),
                "-" => Some(-1.0),
                _ => super::float::float_parse(x),
            }
        };
        return match split {
            Some(i) => {
                let re: String = bytes[..i].iter().collect();
                let im: String = bytes[i..].iter().collect();
                Some(Complex { re: super::float::float_parse(&re)?, im: num(&im)? })
            }
            None => Some(Complex { re: 0.0, im: num(body)? }),
        };
    }
    Some(Complex { re: super::float::float_parse(t)?, im: 0.0 })
}

pub fn c_conjugate(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let c = as_complex(this).unwrap();
    Ok(new_complex(c.re, -c.im))
}
pub static COMPLEX_METHODS: &[(&str, MethodFn)] = &[("conjugate", c_conjugate)];
