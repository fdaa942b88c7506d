//! The builtins module: builtin functions, constructors of builtin types, and the builtins
//! namespace that `load_global` falls back to.
use crate::object::{Layout, Obj, TypeObject};
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::dict::{dict_get_str, dict_set, new_dict};
use crate::objects::exceptions::{self, new_exc, new_exc_noargs, type_error, value_error, Exc};
use crate::objects::float::{as_float, float_parse};
use crate::objects::int::{self, as_int, int_from_big, int_parse, IntVal};
use crate::objects::iter::{self, dyn_iter};
use crate::objects::list::{new_list, sort_items, sort_kwargs};
use crate::objects::str::{nargs, no_kw};
use crate::objects::tuple::{tuple_items, tuple_len};
use crate::objects::{bigint::BigInt, module, typeobj};
use crate::ops::{self, CmpOp};
use crate::{call, io, PyResult};
use std::cell::RefCell;

thread_local! {
    static BUILTINS: RefCell<Option<Obj>> = RefCell::new(None);
    static BUILTINS_MOD: RefCell<Option<Obj>> = RefCell::new(None);
}

/// The builtins dict once made (a reference of its own, never released): read without the
/// thread-local's access path by the global load caches. The runtime is single-threaded.
static mut BUILTINS_DICT: Option<Obj> = None;

/// The builtins dict, borrowed, if it has been made.
#[inline]
pub fn builtins_dict_ref() -> Option<&'static Obj> {
    unsafe { (*std::ptr::addr_of!(BUILTINS_DICT)).as_ref() }
}

/// The builtins namespace dict.
pub fn builtins_dict() -> Obj {
    BUILTINS.with(|b| {
        if let Some(d) = &*b.borrow() {
            return d.clone();
        }
        let d = make_builtins();
        *b.borrow_mut() = Some(d.clone());
        unsafe { BUILTINS_DICT = Some(Obj::from_static_ptr(d.as_ptr())) };
        crate::speculation::remember_builtins(&d);
        d
    })
}

/// The builtins module object.
pub fn builtins_module() -> Obj {
    BUILTINS_MOD.with(|b| {
        if let Some(m) = &*b.borrow() {
            return m.clone();
        }
        let m = module::new_module("builtins", builtins_dict());
        *b.borrow_mut() = Some(m.clone());
        m
    })
}

/// Splits args into positional and (name, value) keyword pairs.
pub fn split_kw<'a>(args: &'a [Obj], kw: Option<&'a Obj>) -> (&'a [Obj], Vec<(&'a str, &'a Obj)>) {
    match kw {
        None => (args, Vec::new()),
        Some(k) => {
            let names = tuple_items(k);
            let npos = args.len() - names.len();
            let pairs = names.iter().zip(args[npos..].iter()).map(|(n, v)| (n.as_str().unwrap_or(""), v)).collect();
            (&args[..npos], pairs)
        }
    }
}

fn reject_kw(fname: &str, kws: &[(&str, &Obj)], allowed: &[&str]) -> PyResult<()> {
    for (k, _) in kws {
        if !allowed.contains(k) {
            return Err(crate::objects::exceptions::unexpected_keyword(k, fname));
        }
    }
    Ok(())
}

pub fn print(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(args, kw);
    reject_kw("print", &kws, &["sep", "end", "file", "flush"])?;
    let mut sep = " ".to_string();
    let mut end = "\n".to_string();
    let mut file: Option<Obj> = None;
    let mut flush = false;
    for (k, v) in &kws {
        match *k {
            "sep" if !v.is_none() => {
                sep = v.as_str().ok_or_else(|| type_error(format!("sep must be None or a string, not {}", v.type_name())))?.to_string()
            }
            "end" if !v.is_none() => {
                end = v.as_str().ok_or_else(|| type_error(format!("end must be None or a string, not {}", v.type_name())))?.to_string()
            }
            "file" if !v.is_none() => file = Some((*v).clone()),
            "flush" => flush = ops::is_true(v)?,
            _ => {}
        }
    }
    if let Some(f) = file.as_ref().filter(|f| !crate::sys::is_stderr(f) && !crate::sys::is_stdout(f)) {
        return print_to_object(f, &pos, &sep, &end, flush);
    }
    let mut s = String::new();
    for (i, a) in pos.iter().enumerate() {
        if i > 0 {
            s.push_str(&sep);
        }
        match a.as_str() {
            Some(t) if !a.ty().heap => s.push_str(t),
            _ => s.push_str(&ops::str_string(a)?),
        }
    }
    s.push_str(&end);
    match file {
        Some(f) if crate::sys::is_stderr(&f) => io::write_stderr(s.as_bytes()),
        _ => io::write_stdout(s.as_bytes()),
    }
    Ok(Obj::none())
}

/// print() to a file object of the program's: one `write` per argument, separator and end,
/// each argument converted just before its write, then `flush()` if asked (as CPython does).
fn print_to_object(f: &Obj, pos: &[Obj], sep: &str, end: &str, flush: bool) -> PyResult {
    let write = |text: Obj| ops::call_method(f, "write", vec![text], None).map(drop);
    for (i, a) in pos.iter().enumerate() {
        if i > 0 {
            write(Obj::str(sep))?;
        }
        write(Obj::string(ops::str_string(a)?))?;
    }
    write(Obj::str(end))?;
    if flush {
        ops::call_method(f, "flush", vec![], None)?;
    }
    Ok(Obj::none())
}

pub fn b_len(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("len", kw)?;
    nargs("len", args, 1, 1)?;
    Ok(Obj::int(ops::len(&args[0])? as i64))
}

pub fn b_abs(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("abs", kw)?;
    nargs("abs", args, 1, 1)?;
    let a = &args[0];
    if let Some(i) = as_int(a) {
        return Ok(int::int_abs(i));
    }
    if let Some(f) = as_float(a) {
        return Ok(Obj::float(f.abs()));
    }
    if let Some(c) = crate::objects::complex::as_complex(a) {
        let r = c.re.hypot(c.im);
        if r.is_infinite() && c.re.is_finite() && c.im.is_finite() {
            return Err(exceptions::overflow_error("absolute value too large"));
        }
        return Ok(Obj::float(r));
    }
    if let Some(r) = ops::call_special(a, "__abs__", &[]) {
        return r;
    }
    Err(type_error(format!("bad operand type for abs(): '{}'", a.type_name())))
}

fn min_max(args: &[Obj], kw: Option<&Obj>, is_max: bool) -> PyResult {
    if kw.is_none() && args.len() >= 2 {
        // `max(1, x // 10)`: the arguments compared where they are, no vectors (the loop
        // below, without a key: an item replaces the best when it compares greater / less)
        let op = if is_max { CmpOp::Gt } else { CmpOp::Lt };
        let mut best = &args[0];
        for it in &args[1..] {
            if ops::compare_bool(it, best, op)? {
                best = it;
            }
        }
        return Ok(best.clone());
    }
    let name = if is_max { "max" } else { "min" };
    let (pos, kws) = split_kw(args, kw);
    reject_kw(name, &kws, &["key", "default"])?;
    let key = kws.iter().find(|(k, _)| *k == "key").map(|(_, v)| (*v).clone()).filter(|k| !k.is_none());
    let default = kws.iter().find(|(k, _)| *k == "default").map(|(_, v)| (*v).clone());
    let items = match pos.len() {
        0 => return Err(type_error(format!("{} expected at least 1 argument, got 0", name))),
        1 => ops::collect_iterable(&pos[0])?,
        _ => {
            if default.is_some() {
                return Err(type_error(format!(
                    "Cannot specify a default for {}() with multiple positional arguments",
                    name
                )));
            }
            pos.to_vec()
        }
    };
    let mut best: Option<(Obj, Obj)> = None;
    for it in items {
        let k = match &key {
            Some(f) => call(f, vec![it.clone()], None)?,
            None => it.clone(),
        };
        best = match best {
            None => Some((k, it)),
            Some((bk, bv)) => {
                let better = ops::compare_bool(&k, &bk, if is_max { CmpOp::Gt } else { CmpOp::Lt })?;
                if better {
                    Some((k, it))
                } else {
                    Some((bk, bv))
                }
            }
        };
    }
    match best {
        Some((_, v)) => Ok(v),
        None => default.ok_or_else(|| value_error(format!("{}() arg is an empty sequence", name))),
    }
}
pub fn b_max(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    min_max(args, kw, true)
}
pub fn b_min(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    min_max(args, kw, false)
}

pub fn b_sum(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(args, kw);
    reject_kw("sum", &kws, &["start"])?;
    if pos.is_empty() || pos.len() > 2 {
        return Err(type_error(format!("sum() takes at most 2 arguments ({} given)", pos.len())));
    }
    let mut acc = pos.get(1).cloned().or_else(|| kws.get(0).map(|(_, v)| (*v).clone())).unwrap_or_else(|| Obj::int(0));
    if acc.as_str().is_some() {
        return Err(type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    if acc.layout() == Layout::Bytes {
        return Err(type_error("sum() can't sum bytes [use b''.join(seq) instead]"));
    }
    let it = ops::get_iter(&pos[0])?;
    while let Some(x) = ops::iter_next(&it)? {
        acc = ops::binary_op(&acc, &x, crate::BinOp::Add)?;
    }
    Ok(acc)
}


/// int()'s ValueError: the argument's repr cut at 200 characters, as CPython's "%.200R".
fn invalid_int_literal(x: &Obj, base: i64) -> crate::objects::exceptions::Exc {
    let repr = match ops::to_repr(x) {
        Ok(r) => r.as_str().unwrap_or("").to_string(),
        Err(e) => return e,
    };
    let cut: String = repr.chars().take(200).collect();
    value_error(format!("invalid literal for int() with base {}: {}", base, cut))
}

pub fn int_new(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(args, kw);
    reject_kw("int", &kws, &["base"])?;
    let base = pos.get(1).cloned().or_else(|| kws.get(0).map(|(_, v)| (*v).clone()));
    if pos.len() > 2 {
        return Err(type_error(format!("int() takes at most 2 arguments ({} given)", pos.len())));
    }
    let x = match pos.get(0) {
        Some(x) => x,
        None => {
            if base.is_some() {
                return Err(type_error("int() missing string argument"));
            }
            return Ok(Obj::int(0));
        }
    };
    if let Some(b) = base {
        let b = ops::index_value(&b)?;
        if b != 0 && !(2..=36).contains(&b) {
            return Err(value_error("int() base must be >= 2 and <= 36, or 0"));
        }
        let s = match x.as_str() {
            Some(s) => s.to_string(),
            None => match crate::objects::bytes::as_bytes(x) {
                Some(b) => String::from_utf8_lossy(b).into_owned(),
                None => return Err(type_error("int() can't convert non-string with explicit base")),
            },
        };
        int::check_parse_limit(&s, if b == 0 { 10 } else { b as u32 })?;
        return int_parse(&s, b as u32).ok_or_else(|| invalid_int_literal(x, b));
    }
    if let Some(i) = as_int(x) {
        return Ok(int_from_big(int::to_big(i).into_owned()));
    }
    if let Some(f) = as_float(x) {
        return float_to_int(f);
    }
    if let Some(s) = x.as_str() {
        int::check_parse_limit(s, 10)?;
        return int_parse(s, 10).ok_or_else(|| invalid_int_literal(x, 10));
    }
    if let Some(b) = crate::objects::bytes::as_bytes(x) {
        let s = String::from_utf8_lossy(b).into_owned();
        return int_parse(&s, 10).ok_or_else(|| invalid_int_literal(x, 10));
    }
    for m in ["__int__", "__index__", "__trunc__"] {
        if let Some(r) = ops::call_special(x, m, &[]) {
            return r;
        }
    }
    Err(type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        x.type_name()
    )))
}

pub fn float_to_int(f: f64) -> PyResult {
    if f.is_nan() {
        return Err(value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(exceptions::overflow_error("cannot convert float infinity to integer"));
    }
    if f.abs() < 9.0e18 {
        return Ok(Obj::int(f as i64));
    }
    Ok(int_from_big(BigInt::from_f64(f)))
}

pub fn float_new(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("float", kw)?;
    if args.len() > 1 {
        return Err(type_error(format!("float expected at most 1 argument, got {}", args.len())));
    }
    let x = match args.get(0) {
        Some(x) => x,
        None => return Ok(Obj::float(0.0)),
    };
    if let Some(f) = as_float(x) {
        return Ok(Obj::float(f));
    }
    if let Some(i) = as_int(x) {
        return Ok(Obj::float(int::int_to_f64(i)?));
    }
    if let Some(s) = x.as_str() {
        return float_parse(s)
            .map(Obj::float)
            .ok_or_else(|| value_error(format!("could not convert string to float: {}", crate::objects::str::str_repr(s))));
    }
    if let Some(r) = ops::call_special(x, "__float__", &[]) {
        return r;
    }
    if let Some(r) = ops::call_special(x, "__index__", &[]) {
        return float_new(&[r?], None);
    }
    Err(type_error(format!("float() argument must be a string or a real number, not '{}'", x.type_name())))
}

pub fn str_new(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(args, kw);
    reject_kw("str", &kws, &["object", "encoding", "errors"])?;
    if pos.is_empty() && kws.is_empty() {
        return Ok(Obj::str(""));
    }
    let x = pos.get(0).cloned().or_else(|| kws.iter().find(|(k, _)| *k == "object").map(|(_, v)| (*v).clone())).unwrap_or_else(|| Obj::str(""));
    if pos.len() > 1 || kws.iter().any(|(k, _)| *k == "encoding") {
        let enc = pos.get(1).cloned().or_else(|| kws.iter().find(|(k, _)| *k == "encoding").map(|(_, v)| (*v).clone()));
        let enc = enc.and_then(|e| e.as_str().map(|s| s.to_ascii_lowercase().replace('_', "-"))).unwrap_or_default();
        match crate::objects::bytes::as_bytes(&x) {
            Some(b) if matches!(enc.as_str(), "latin1" | "latin-1" | "iso-8859-1" | "iso8859-1" | "l1") => {
                return Ok(Obj::string(b.iter().map(|&c| c as char).collect()));
            }
            Some(b) => return Ok(Obj::string(String::from_utf8_lossy(b).into_owned())),
            None => {
                return Err(type_error(format!("decoding to str: need a bytes-like object, {} found", x.type_name())));
            }
        }
    }
    ops::to_str(&x)
}

pub fn bool_new(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("bool", kw)?;
    nargs("bool", args, 0, 1)?;
    match args.get(0) {
        Some(x) => Ok(Obj::bool(ops::is_true(x)?)),
        None => Ok(Obj::bool(false)),
    }
}

pub fn list_new(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("list", kw)?;
    nargs("list", args, 0, 1)?;
    match args.get(0) {
        Some(x) => Ok(new_list(ops::collect_iterable(x)?)),
        None => Ok(new_list(Vec::new())),
    }
}

pub fn tuple_new(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("tuple", kw)?;
    nargs("tuple", args, 0, 1)?;
    match args.get(0) {
        Some(x) if x.is_type(&crate::objects::tuple::TUPLE_TYPE) => Ok(x.clone()),
        Some(x) => Ok(Obj::tuple(ops::collect_iterable(x)?)),
        None => Ok(Obj::tuple(Vec::new())),
    }
}

pub fn b_repr(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("repr", kw)?;
    nargs("repr", args, 1, 1)?;
    ops::to_repr(&args[0])
}

pub fn b_ascii(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("ascii", kw)?;
    nargs("ascii", args, 1, 1)?;
    Ok(Obj::string(crate::format::ascii_of(&ops::repr_string(&args[0])?)))
}

pub fn b_isinstance(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("isinstance", kw)?;
    if args.len() != 2 {
        return Err(type_error(format!("isinstance expected 2 arguments, got {}", args.len())));
    }
    Ok(Obj::bool(typeobj::isinstance(&args[0], &args[1])?))
}

pub fn b_issubclass(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("issubclass", kw)?;
    if args.len() != 2 {
        return Err(type_error(format!("issubclass expected 2 arguments, got {}", args.len())));
    }
    Ok(Obj::bool(typeobj::issubclass(&args[0], &args[1])?))
}

pub fn b_iter(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("iter", kw)?;
    nargs("iter", args, 1, 2)?;
    if args.len() == 2 {
        let f = args[0].clone();
        let sentinel = args[1].clone();
        return Ok(dyn_iter(
            &iter::CALLABLE_ITER_TYPE,
            Box::new(move || {
                let v = call(&f, vec![], None)?;
                if ops::eq(&v, &sentinel)? {
                    Ok(None)
                } else {
                    Ok(Some(v))
                }
            }),
        ));
    }
    ops::get_iter(&args[0])
}

pub fn b_next(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("next", kw)?;
    nargs("next", args, 1, 2)?;
    let it = &args[0];
    if !matches!(it.layout(), Layout::SeqIter | Layout::RangeIter | Layout::DictIter | Layout::DynIter | Layout::SetIter | Layout::Generator)
        && ops::lookup_special(it, "__next__").is_none()
    {
        return Err(type_error(format!("'{}' object is not an iterator", it.type_name())));
    }
    if it.layout() == Layout::Generator && args.len() == 1 {
        return crate::objects::generator::gen_next(it); // StopIteration carries the return value
    }
    match ops::iter_next(it)? {
        Some(v) => Ok(v),
        None => match args.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(exceptions::stop_iteration()),
        },
    }
}

/// round-half-even of x to `nd` decimal digits, correctly rounded via exact decimal formatting.
fn round_float(x: f64, nd: i64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    if nd > 330 {
        return x;
    }
    if nd >= 0 {
        let s = crate::objects::float::fmt_fixed(x, nd as usize);
        let r: f64 = s.parse().unwrap_or(x);
        return if r == 0.0 { 0.0f64.copysign(x) } else { r };
    }
    round_integer_part(x, (-nd) as usize)
}

/// x rounded half-even to a multiple of 10**k (k >= 1), exactly: the integer part's decimal
/// digits (Rust prints a float's exact value) are rounded as a string, as CPython's dtoa does.
fn round_integer_part(x: f64, k: usize) -> f64 {
    let digits = format!("{:.0}", x.abs().trunc());
    let has_fraction = x.fract() != 0.0;
    let (head, rest) = if k >= digits.len() { ("", digits.as_str()) } else { digits.split_at(digits.len() - k) };
    let rest_padded = format!("{:0>width$}", rest, width = k);
    let half = format!("5{}", "0".repeat(k - 1));
    let up = match rest_padded.as_str().cmp(half.as_str()) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => has_fraction || head.bytes().last().map(|d| (d - b'0') % 2 == 1).unwrap_or(false),
    };
    let mut q: Vec<u8> = if head.is_empty() { vec![b'0'] } else { head.as_bytes().to_vec() };
    if up {
        let mut i = q.len();
        loop {
            if i == 0 {
                q.insert(0, b'1');
                break;
            }
            i -= 1;
            if q[i] == b'9' {
                q[i] = b'0';
            } else {
                q[i] += 1;
                break;
            }
        }
    }
    let text = format!("{}{}", String::from_utf8(q).unwrap(), "0".repeat(k));
    let z: f64 = text.parse().unwrap_or(f64::INFINITY);
    if z == 0.0 {
        0.0f64.copysign(x)
    } else {
        z.copysign(x)
    }
}

pub fn b_round(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(args, kw);
    reject_kw("round", &kws, &["number", "ndigits"])?;
    let x = pos.get(0).cloned().or_else(|| kws.iter().find(|(k, _)| *k == "number").map(|(_, v)| (*v).clone()));
    let x = x.ok_or_else(|| type_error("round() missing required argument 'number' (pos 1)"))?;
    let nd = pos.get(1).cloned().or_else(|| kws.iter().find(|(k, _)| *k == "ndigits").map(|(_, v)| (*v).clone())).filter(|n| !n.is_none());
    if let Some(f) = as_float(&x) {
        return match nd {
            None => {
                let mut r = f.round();
                if (f - f.trunc()).abs() == 0.5 {
                    r = 2.0 * (f / 2.0).round();
                }
                float_to_int(r)
            }
            Some(n) => Ok(Obj::float(round_float(f, ops::index_value(&n)?))),
        };
    }
    if let Some(i) = as_int(&x) {
        let n = match nd {
            None => return Ok(int_from_big(int::to_big(i).into_owned())),
            Some(n) => ops::index_value(&n)?,
        };
        if n >= 0 {
            return Ok(int_from_big(int::to_big(i).into_owned()));
        }
        let p = BigInt::from_i64(10).pow((-n) as u64);
        let v = int::to_big(i).into_owned();
        let (q, r) = v.divmod_floor(&p);
        let twice = r.shl(1);
        let c = twice.cmp(&p);
        let q = if c == std::cmp::Ordering::Greater || (c == std::cmp::Ordering::Equal && q.mag.first().map(|d| d & 1 == 1).unwrap_or(false)) {
            q.add(&BigInt::from_i64(1))
        } else {
            q
        };
        return Ok(int_from_big(q.mul(&p)));
    }
    if let Some(r) = ops::call_special(&x, "__round__", &nd.iter().collect::<Vec<&Obj>>()) {
        return r;
    }
    Err(type_error(format!("type {} doesn't define __round__ method", x.type_name())))
}

pub fn b_divmod(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("divmod", kw)?;
    if args.len() != 2 {
        return Err(type_error(format!("divmod expected 2 arguments, got {}", args.len())));
    }
    let (a, b) = (&args[0], &args[1]);
    if (as_int(a).is_some() || as_float(a).is_some()) && (as_int(b).is_some() || as_float(b).is_some()) {
        if as_int(a).is_some() && as_int(b).is_some() {
            let q = ops::binary_op(a, b, crate::BinOp::FloorDiv)?;
            let r = ops::binary_op(a, b, crate::BinOp::Mod)?;
            return Ok(Obj::tuple2(q, r));
        }
        let x = ops::number_to_f64(a)?;
        let y = ops::number_to_f64(b)?;
        if y == 0.0 {
            return Err(exceptions::zero_division("float divmod()"));
        }
        let (q, r) = crate::objects::float::float_divmod(x, y);
        return Ok(Obj::tuple2(Obj::float(q), Obj::float(r)));
    }
    if let Some(r) = ops::call_special(a, "__divmod__", &[b]) {
        return r;
    }
    Err(type_error(format!(
        "unsupported operand type(s) for divmod(): '{}' and '{}'",
        a.type_name(),
        b.type_name()
    )))
}

pub fn b_pow(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(args, kw);
    reject_kw("pow", &kws, &["base", "exp", "mod"])?;
    let get = |i: usize, n: &str| pos.get(i).cloned().or_else(|| kws.iter().find(|(k, _)| *k == n).map(|(_, v)| (*v).clone()));
    let base = get(0, "base").ok_or_else(|| type_error("pow() missing required argument 'base' (pos 1)"))?;
    let exp = get(1, "exp").ok_or_else(|| type_error("pow() missing required argument 'exp' (pos 2)"))?;
    match get(2, "mod").filter(|m| !m.is_none()) {
        None => ops::binary_op(&base, &exp, crate::BinOp::Pow),
        Some(m) => match (as_int(&base), as_int(&exp), as_int(&m)) {
            (Some(a), Some(b), Some(c)) => int::int_pow_mod(a, b, c),
            _ => Err(type_error("pow() 3rd argument not allowed unless all arguments are integers")),
        },
    }
}

pub fn b_chr(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("chr", kw)?;
    nargs("chr", args, 1, 1)?;
    let i = match as_int(&args[0]) {
        Some(IntVal::Small(i)) => *i,
        Some(_) => return Err(exceptions::overflow_error("Python int too large to convert to C int")),
        None => return Err(type_error(format!("'{}' object cannot be interpreted as an integer", args[0].type_name()))),
    };
    if !(0..0x110000).contains(&i) {
        return Err(value_error("chr() arg not in range(0x110000)"));
    }
    match std::char::from_u32(i as u32) {
        Some(c) => Ok(Obj::string(c.to_string())),
        None => Ok(Obj::string(char::REPLACEMENT_CHARACTER.to_string())),
    }
}

pub fn b_ord(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("ord", kw)?;
    nargs("ord", args, 1, 1)?;
    if let Some(s) = args[0].as_str() {
        let mut cs = s.chars();
        return match (cs.next(), cs.next()) {
            (Some(c), None) => Ok(Obj::int(c as i64)),
            _ => Err(type_error(format!(
                "ord() expected a character, but string of length {} found",
                s.chars().count()
            ))),
        };
    }
    if let Some(b) = crate::objects::bytes::as_bytes(&args[0]) {
        if b.len() == 1 {
            return Ok(Obj::int(b[0] as i64));
        }
        return Err(type_error(format!("ord() expected a character, but string of length {} found", b.len())));
    }
    Err(type_error(format!("ord() expected string of length 1, but {} found", args[0].type_name())))
}

fn radix(args: &[Obj], kw: Option<&Obj>, name: &str, r: u32, prefix: &str) -> PyResult {
    no_kw(name, kw)?;
    nargs(name, args, 1, 1)?;
    let v = match as_int(&args[0]) {
        Some(v) => int_from_big(int::to_big(v).into_owned()),
        None => Obj::int(ops::index_value(&args[0])?),
    };
    let v = as_int(&v).unwrap();
    let s = int::int_to_string_radix(v, r);
    Ok(Obj::string(match s.strip_prefix('-') {
        Some(d) => format!("-{}{}", prefix, d),
        None => format!("{}{}", prefix, s),
    }))
}
pub fn b_hex(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    radix(args, kw, "hex", 16, "0x")
}
pub fn b_bin(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    radix(args, kw, "bin", 2, "0b")
}
pub fn b_oct(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    radix(args, kw, "oct", 8, "0o")
}

pub fn b_hash(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("hash", kw)?;
    nargs("hash", args, 1, 1)?;
    Ok(Obj::int(ops::hash(&args[0])?))
}

pub fn b_id(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("id", kw)?;
    nargs("id", args, 1, 1)?;
    Ok(Obj::int(args[0].addr() as i64))
}

pub fn is_callable(o: &Obj) -> bool {
    matches!(o.layout(), Layout::Function | Layout::Builtin | Layout::BuiltinMethod | Layout::Method | Layout::Type | Layout::NativeFn)
        || ops::lookup_special(o, "__call__").is_some()
        || crate::objects::module::as_descr(o).map(|d| d.kind == 1).unwrap_or(false)
}

pub fn b_callable(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("callable", kw)?;
    nargs("callable", args, 1, 1)?;
    Ok(Obj::bool(is_callable(&args[0])))
}

pub fn b_any(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("any", kw)?;
    nargs("any", args, 1, 1)?;
    let it = ops::get_iter(&args[0])?;
    while let Some(x) = ops::iter_next(&it)? {
        if ops::is_true(&x)? {
            return Ok(Obj::bool(true));
        }
    }
    Ok(Obj::bool(false))
}

pub fn b_all(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("all", kw)?;
    nargs("all", args, 1, 1)?;
    let it = ops::get_iter(&args[0])?;
    while let Some(x) = ops::iter_next(&it)? {
        if !ops::is_true(&x)? {
            return Ok(Obj::bool(false));
        }
    }
    Ok(Obj::bool(true))
}

pub fn enumerate_new(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(args, kw);
    reject_kw("enumerate", &kws, &["iterable", "start"])?;
    let src = pos.get(0).cloned().or_else(|| kws.iter().find(|(k, _)| *k == "iterable").map(|(_, v)| (*v).clone()));
    let src = src.ok_or_else(|| type_error("enumerate() missing required argument 'iterable' (pos 1)"))?;
    let start = pos.get(1).cloned().or_else(|| kws.iter().find(|(k, _)| *k == "start").map(|(_, v)| (*v).clone()));
    let it = ops::get_iter(&src)?;
    let mut n = match start {
        Some(s) => {
            if as_int(&s).is_none() {
                return Err(type_error(format!("'{}' object cannot be interpreted as an integer", s.type_name())));
            }
            s
        }
        None => Obj::int(0),
    };
    Ok(dyn_iter(
        &iter::ENUMERATE_TYPE,
        Box::new(move || match ops::iter_next(&it)? {
            Some(v) => {
                let i = n.clone();
                n = ops::binary_op(&n, &Obj::int(1), crate::BinOp::Add)?;
                Ok(Some(Obj::tuple2(i, v)))
            }
            None => Ok(None),
        }),
    ))
}

pub fn zip_new(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(args, kw);
    reject_kw("zip", &kws, &["strict"])?;
    let strict = match kws.get(0) {
        Some((_, v)) => ops::is_true(v)?,
        None => false,
    };
    let mut its = Vec::new();
    for a in pos {
        its.push(ops::get_iter(a)?);
    }
    Ok(dyn_iter(
        &iter::ZIP_TYPE,
        Box::new(move || {
            if its.is_empty() {
                return Ok(None);
            }
            let mut out = Vec::with_capacity(its.len());
            for (i, it) in its.iter().enumerate() {
                match ops::iter_next(it)? {
                    Some(v) => out.push(v),
                    None => {
                        if strict {
                            if i > 0 {
                                return Err(value_error(format!(
                                    "zip() argument {} is shorter than argument{} 1{}",
                                    i + 1,
                                    if i > 1 { "s" } else { "" },
                                    if i > 1 { format!("-{}", i) } else { String::new() }
                                )));
                            }
                            for (j, other) in its.iter().enumerate().skip(1) {
                                if ops::iter_next(other)?.is_some() {
                                    return Err(value_error(format!(
                                        "zip() argument {} is longer than argument{} 1{}",
                                        j + 1,
                                        if j > 1 { "s" } else { "" },
                                        if j > 1 { format!("-{}", j) } else { String::new() }
                                    )));
                                }
                            }
                        }
                        return Ok(None);
                    }
                }
            }
            Ok(Some(Obj::tuple(out)))
        }),
    ))
}

pub fn map_new(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("map", kw)?;
    if args.len() < 2 {
        return Err(type_error("map() must have at least two arguments."));
    }
    let f = args[0].clone();
    let mut its = Vec::new();
    for a in &args[1..] {
        its.push(ops::get_iter(a)?);
    }
    Ok(dyn_iter(
        &iter::MAP_TYPE,
        Box::new(move || {
            let mut vals = Vec::with_capacity(its.len());
            for it in &its {
                match ops::iter_next(it)? {
                    Some(v) => vals.push(v),
                    None => return Ok(None),
                }
            }
            Ok(Some(call(&f, vals, None)?))
        }),
    ))
}

pub fn filter_new(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("filter", kw)?;
    if args.len() != 2 {
        return Err(type_error(format!("filter expected 2 arguments, got {}", args.len())));
    }
    let f = args[0].clone();
    let it = ops::get_iter(&args[1])?;
    Ok(dyn_iter(
        &iter::FILTER_TYPE,
        Box::new(move || loop {
            match ops::iter_next(&it)? {
                Some(v) => {
                    let keep = if f.is_none() { ops::is_true(&v)? } else { ops::is_true(&call(&f, vec![v.clone()], None)?)? };
                    if keep {
                        return Ok(Some(v));
                    }
                }
                None => return Ok(None),
            }
        }),
    ))
}

pub fn reversed_new(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("reversed", kw)?;
    nargs("reversed", args, 1, 1)?;
    let o = &args[0];
    if let Some(r) = crate::objects::range::as_range(o) {
        return crate::objects::range::range_reversed(r);
    }
    if let Some(r) = ops::call_special(o, "__reversed__", &[]) {
        return r;
    }
    let is_seq = matches!(o.layout(), Layout::List | Layout::Tuple | Layout::Str | Layout::Bytes)
        || (ops::lookup_special(o, "__getitem__").is_some() && ops::lookup_special(o, "__len__").is_some());
    if !is_seq {
        if o.layout() == Layout::Dict || o.layout() == Layout::DictView {
            let mut items = ops::collect_iterable(o)?;
            items.reverse();
            let mut k = items.into_iter();
            return Ok(dyn_iter(&iter::REVERSED_TYPE, Box::new(move || Ok(k.next()))));
        }
        return Err(type_error(format!("'{}' object is not reversible", o.type_name())));
    }
    let seq = o.clone();
    let mut i = ops::len(o)? as i64;
    let ty = if o.layout() == Layout::List { &iter::LIST_REVITER_TYPE } else { &iter::REVERSED_TYPE };
    Ok(dyn_iter(
        ty,
        Box::new(move || {
            i -= 1;
            if i < 0 {
                return Ok(None);
            }
            if let Some(l) = crate::objects::list::as_list(&seq) {
                let n = l.borrow().len() as i64;
                if i >= n {
                    return Ok(None);
                }
            }
            Ok(Some(ops::getitem(&seq, &Obj::int(i))?))
        }),
    ))
}

pub fn b_sorted(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, key, reverse) = sort_kwargs(args, kw, "sort")?;
    if pos.len() != 1 {
        return Err(type_error(format!("sorted expected 1 argument, got {}", pos.len())));
    }
    let mut items = ops::collect_iterable(&pos[0])?;
    sort_items(&mut items, key, reverse)?;
    Ok(new_list(items))
}

pub fn b_format(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("format", kw)?;
    nargs("format", args, 1, 2)?;
    crate::format::format_value(&args[0], 0, args.get(1))
}

/// The name `getattr`/`hasattr` look up: a str made at run time (`"eval_" +
/// type(node).__name__`) is a new object at every call, and the class attribute cache is
/// keyed by the name's identity, so it would miss and walk the MRO each time; the shared
/// object of that text (`intern_dyn`) hits.
fn lookup_name(n: &Obj) -> Obj {
    if n.is_type(&crate::objects::str::STR_TYPE) {
        if let Some(s) = n.as_str() {
            return crate::object::intern_dyn(s);
        }
    }
    n.clone()
}

pub fn b_getattr(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("getattr", kw)?;
    nargs("getattr", args, 2, 3)?;
    if args[1].as_str().is_none() {
        return Err(type_error("attribute name must be string"));
    }
    match ops::getattr(&args[0], &lookup_name(&args[1])) {
        Ok(v) => Ok(v),
        Err(e) => {
            if args.len() == 3 && e.is_instance(&exceptions::ATTRIBUTE_ERROR) {
                Ok(args[2].clone())
            } else {
                Err(e)
            }
        }
    }
}

pub fn b_setattr(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("setattr", kw)?;
    nargs("setattr", args, 3, 3)?;
    ops::setattr(&args[0], &args[1], args[2].clone())?;
    Ok(Obj::none())
}

pub fn b_delattr(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("delattr", kw)?;
    nargs("delattr", args, 2, 2)?;
    ops::delattr(&args[0], &args[1])?;
    Ok(Obj::none())
}

pub fn b_hasattr(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("hasattr", kw)?;
    nargs("hasattr", args, 2, 2)?;
    if args[1].as_str().is_none() {
        return Err(type_error("attribute name must be string"));
    }
    match ops::getattr(&args[0], &lookup_name(&args[1])) {
        Ok(_) => Ok(Obj::bool(true)),
        Err(e) => {
            if e.is_instance(&exceptions::ATTRIBUTE_ERROR) {
                Ok(Obj::bool(false))
            } else {
                Err(e)
            }
        }
    }
}

pub fn b_input(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("input", kw)?;
    nargs("input", args, 0, 1)?;
    if let Some(p) = args.get(0) {
        io::write_stdout(ops::str_string(p)?.as_bytes());
    }
    io::flush_stdout();
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) => Err(new_exc(&exceptions::EOF_ERROR, "EOF when reading a line")),
        Ok(_) => {
            if line.ends_with('\n') {
                line.pop();
                if line.ends_with('\r') {
                    line.pop();
                }
            }
            Ok(Obj::string(line))
        }
        Err(e) => Err(new_exc(&exceptions::OS_ERROR, e.to_string())),
    }
}

pub fn b_exit(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("exit", kw)?;
    Err(Exc::from_value(exceptions::new_exc_obj(&exceptions::SYSTEM_EXIT, args.to_vec())))
}

/// `__build_class__(func, name, *bases, metaclass=None, **kw)` as CPython's: `__mro_entries__`
/// of non-class bases, the metaclass calculation, `__prepare__`, the body run in the
/// namespace, then `metaclass(name, bases, ns, **kw)`.
pub fn b_build_class(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(args, kw);
    if pos.len() < 2 {
        return Err(type_error("__build_class__: not enough arguments"));
    }
    let func = &pos[0];
    let name = pos[1].as_str().ok_or_else(|| type_error("__build_class__: name is not a string"))?.to_string();
    let orig_bases: Vec<Obj> = pos[2..].to_vec();
    let bases = update_bases(&orig_bases)?;
    let class_kwargs: Vec<(&str, &Obj)> = kws.iter().filter(|(k, _)| *k != "metaclass").cloned().collect();
    let meta = match kws.iter().find(|(k, _)| *k == "metaclass") {
        Some((_, m)) => (*m).clone(),
        None => match bases.first() {
            Some(b) => b.ty().obj(),
            None => typeobj::TYPE_TYPE.obj(),
        },
    };
    let meta = if meta.layout() == Layout::Type { typeobj::calculate_meta(meta.as_type(), &bases)?.obj() } else { meta };
    let bases_t = Obj::tuple(bases.clone());
    let ns = if meta.is(&typeobj::TYPE_TYPE.obj()) {
        new_dict()
    } else {
        let prep = if meta.layout() == Layout::Type { typeobj::type_lookup(meta.as_type(), "__prepare__") } else { ops::getattr_str(&meta, "__prepare__").ok() };
        match prep {
            Some(p) => {
                let p = ops::static_or_class_method(&p, &meta).unwrap_or(p);
                let (a, kwn) = typeobj::with_kwargs(vec![pos[1].clone(), bases_t.clone()], &class_kwargs);
                let ns = call(&p, a, kwn.as_ref())?;
                if ns.layout() != Layout::Dict && ops::lookup_special(&ns, "__getitem__").is_none() {
                    let mname = if meta.layout() == Layout::Type { meta.as_type().name.to_string() } else { "<metaclass>".into() };
                    return Err(type_error(format!("{}.__prepare__() must return a mapping, not {}", mname, ns.type_name())));
                }
                ns
            }
            None => new_dict(),
        }
    };
    let module = match crate::objects::function::as_func(func) {
        Some(f) => dict_get_str(&f.globals, &Obj::str("__name__")),
        None => None,
    }
    .unwrap_or_else(|| Obj::str("__main__"));
    ops::setitem(&ns, &Obj::str("__module__"), module)?;
    if let Some(f) = crate::objects::function::as_func(func) {
        ops::setitem(&ns, &Obj::str("__qualname__"), Obj::str(f.code().qualname.trim_end_matches(".<locals>")))?;
        // the class body receives its namespace as its single parameter
        crate::objects::function::enter(func, f.code(), vec![ns.clone()])?;
    } else {
        call(func, vec![ns.clone()], None)?;
    }
    if bases.len() != orig_bases.len() || bases.iter().zip(orig_bases.iter()).any(|(a, b)| !a.is(b)) {
        ops::setitem(&ns, &Obj::str("__orig_bases__"), Obj::tuple(orig_bases))?;
    }
    let (a, kwn) = typeobj::with_kwargs(vec![pos[1].clone(), bases_t, ns.clone()], &class_kwargs);
    let cls = call(&meta, a, kwn.as_ref())?;
    let _ = name;
    Ok(cls)
}

/// `open` is `_io.open`, imported on first use: a program that never names `open` does not
/// link `_io` (the module graph adds `_io` to a program whose code names `open`).
pub fn b_open(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let io = crate::modules::importer::find_and_load("_io")?;
    call(&ops::getattr_str(&io, "open")?, a.to_vec(), kw)
}

/// Bases that are not classes but define `__mro_entries__` are replaced by what it returns.
fn update_bases(bases: &[Obj]) -> PyResult<Vec<Obj>> {
    let mut out = Vec::with_capacity(bases.len());
    let all = Obj::tuple(bases.to_vec());
    for b in bases {
        if b.layout() == Layout::Type {
            out.push(b.clone());
            continue;
        }
        match ops::getattr_str(b, "__mro_entries__") {
            Ok(f) => {
                let r = call(&f, vec![all.clone()], None)?;
                match crate::objects::tuple::try_tuple_items(&r) {
                    Some(items) if r.is_type(&crate::objects::tuple::TUPLE_TYPE) => out.extend_from_slice(items),
                    _ => return Err(type_error("__mro_entries__ must return a tuple")),
                }
            }
            Err(e) if e.is_instance(&exceptions::ATTRIBUTE_ERROR) => out.push(b.clone()),
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

pub fn b_property(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(args, kw);
    let fget = pos.get(0).cloned().or_else(|| kws.iter().find(|(k, _)| *k == "fget").map(|(_, v)| (*v).clone()));
    let fset = pos.get(1).cloned().or_else(|| kws.iter().find(|(k, _)| *k == "fset").map(|(_, v)| (*v).clone()));
    let fdel = pos.get(2).cloned().or_else(|| kws.iter().find(|(k, _)| *k == "fdel").map(|(_, v)| (*v).clone()));
    Ok(module::new_property(fget.unwrap_or_else(Obj::none), fset.filter(|f| !f.is_none()), fdel.filter(|f| !f.is_none())))
}
pub fn b_staticmethod(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("staticmethod", kw)?;
    nargs("staticmethod", args, 1, 1)?;
    Ok(module::new_descr(1, args[0].clone(), None))
}
pub fn b_classmethod(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("classmethod", kw)?;
    nargs("classmethod", args, 1, 1)?;
    Ok(module::new_descr(2, args[0].clone(), None))
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`: the import statement's
/// machinery (the module itself for a non-empty fromlist, else the top-level package).
pub fn b_import(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    const NAMES: [&str; 5] = ["name", "globals", "locals", "fromlist", "level"];
    let (pos, kws) = split_kw(args, kw);
    if pos.len() > 5 {
        return Err(type_error(format!("__import__() takes at most 5 arguments ({} given)", pos.len())));
    }
    let mut vals: Vec<Option<Obj>> = pos.iter().map(|o| Some((*o).clone())).collect();
    vals.resize(5, None);
    for (k, v) in kws {
        match NAMES.iter().position(|n| *n == k) {
            Some(i) => vals[i] = Some((*v).clone()),
            None => return Err(crate::objects::exceptions::unexpected_keyword(k, "__import__")),
        }
    }
    let name = match &vals[0] {
        Some(n) => n.clone(),
        None => return Err(type_error("__import__() missing required argument 'name' (pos 1)")),
    };
    let name = match name.as_str() {
        Some(s) => s.to_string(),
        None => return Err(type_error(format!("__import__() argument 1 must be str, not {}", name.type_name()))),
    };
    let globals = vals[1].clone().filter(|g| !g.is_none()).unwrap_or_else(crate::objects::dict::new_dict);
    let fromlist = vals[3].clone().unwrap_or_else(Obj::none);
    let level = match &vals[4] {
        Some(l) => l.as_i64().ok_or_else(|| type_error(format!("'{}' object cannot be interpreted as an integer", l.type_name())))?,
        None => 0,
    };
    if level < 0 {
        return Err(crate::objects::exceptions::value_error("level must be >= 0"));
    }
    crate::modules::importer::import_name(&globals, &name, &fromlist, level as u32)
}

pub fn b_vars(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("vars", kw)?;
    nargs("vars", args, 0, 1)?;
    if args.is_empty() {
        // vars() is locals(): a module body's are its globals (a class body's namespace is
        // bound by load_name, which finds this builtin there); a function's are not kept by name
        return crate::objects::function::module_body_globals().ok_or_else(|| {
            crate::objects::exceptions::new_exc(&crate::objects::exceptions::NOT_IMPLEMENTED_ERROR, "vars() without arguments outside a module or class body is not supported in code compiled by pybc2wasm".to_string())
        });
    }
    ops::getattr_str(&args[0], "__dict__").map_err(|e| {
        if e.is_instance(&crate::objects::exceptions::ATTRIBUTE_ERROR) {
            type_error("vars() argument must have __dict__ attribute")
        } else {
            e
        }
    })
}

pub fn b_dir(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("dir", kw)?;
    nargs("dir", args, 0, 1)?;
    if args.is_empty() {
        // a module body's local scope is its globals; a function's locals are not kept by name
        let g = crate::objects::function::module_body_globals()
            .ok_or_else(|| type_error("dir() without arguments is not supported in code compiled by pybc2wasm"))?;
        let mut items = ops::collect_iterable(&g)?;
        sort_items(&mut items, None, false)?;
        return Ok(new_list(items));
    }
    let o = &args[0];
    if o.ty().heap && o.layout() != Layout::Type {
        if let Some(f) = typeobj::type_lookup(o.ty(), "__dir__") {
            let r = call(&f, vec![o.clone()], None)?;
            let mut items = ops::collect_iterable(&r)?;
            sort_items(&mut items, None, false)?;
            return Ok(new_list(items));
        }
    }
    if o.layout() == Layout::Module {
        let d = ops::getattr_str(o, "__dict__")?;
        let mut items = crate::objects::dict::dict_keys(&d);
        sort_items(&mut items, None, false)?;
        return Ok(new_list(items));
    }
    dir_of(o)
}

/// The default `__dir__`: instance dict keys and the attributes of the class (and of the
/// metaclass for classes), sorted.
pub fn dir_of(o: &Obj) -> PyResult {
    let mut names: Vec<String> = Vec::new();
    if let Some(d) = typeobj::instance_dict(o) {
        for k in crate::objects::dict::dict_keys(&d) {
            names.push(ops::str_string(&k)?);
        }
    }
    let t = if o.layout() == Layout::Type { o.as_type() } else { o.ty() };
    for c in t.mro_list() {
        if let Some(d) = &*c.dict.borrow() {
            for k in crate::objects::dict::dict_keys(d) {
                names.push(ops::str_string(&k)?);
            }
        }
        for (n, _) in c.methods.get() {
            names.push(n.to_string());
        }
    }
    if o.layout() == Layout::Type {
        names.extend(["__name__", "__qualname__", "__module__", "__doc__", "__dict__", "__class__"].iter().map(|s| s.to_string()));
    } else {
        names.push("__class__".into());
    }
    names.sort();
    names.dedup();
    Ok(new_list(names.into_iter().map(Obj::string).collect()))
}

pub fn b_super(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_kw("super", kw)?;
    match args.len() {
        2 => crate::objects::superobj::new_super(&args[0], &args[1]),
        0 => Err(exceptions::runtime_error("super(): no arguments")),
        _ => Err(type_error("super() needs 2 arguments here (zero-argument super is resolved by the compiler)")),
    }
}

/// `f` is the builtin `super` (the zero-argument form applies), decided without looking the
/// name up in builtins: a `super` the program put in builtins is called as it is, as CPython
/// does. By name: the runtime makes one builtin function called "super", and function
/// addresses are not unique across codegen units.
pub fn is_builtin_super(f: &Obj) -> bool {
    matches!(crate::objects::builtin_fn::as_builtin(f), Some(b) if b.name == "super")
}

/// A builtin function object (for runtime-internal callables such as sort keys).
pub fn builtin_fn_obj(name: &'static str, f: BuiltinFn) -> Obj {
    new_builtin(name, f)
}

pub fn b_eval(a: &[Obj], k: Option<&Obj>) -> PyResult {
    crate::evalexpr::eval(a, k)
}
pub fn b_exec(a: &[Obj], k: Option<&Obj>) -> PyResult {
    crate::evalexpr::exec(a, k)
}
pub fn b_compile(a: &[Obj], k: Option<&Obj>) -> PyResult {
    crate::evalexpr::compile(a, k)
}

/// Every builtin function: the full table (`install_fns`; a printed `main` installs only the
/// ones its program can name, see `method_tables`).
pub static BUILTIN_FNS: &[(&str, BuiltinFn)] = &[
    ("print", print),
    ("len", b_len),
    ("abs", b_abs),
    ("min", b_min),
    ("max", b_max),
    ("sum", b_sum),
    ("repr", b_repr),
    ("ascii", b_ascii),
    ("isinstance", b_isinstance),
    ("issubclass", b_issubclass),
    ("iter", b_iter),
    ("next", b_next),
    ("round", b_round),
    ("divmod", b_divmod),
    ("pow", b_pow),
    ("chr", b_chr),
    ("ord", b_ord),
    ("hex", b_hex),
    ("bin", b_bin),
    ("oct", b_oct),
    ("hash", b_hash),
    ("id", b_id),
    ("callable", b_callable),
    ("any", b_any),
    ("all", b_all),
    ("sorted", b_sorted),
    ("format", b_format),
    ("getattr", b_getattr),
    ("setattr", b_setattr),
    ("delattr", b_delattr),
    ("hasattr", b_hasattr),
    ("input", b_input),
    ("exit", b_exit),
    ("quit", b_exit),
    ("__build_class__", b_build_class),
    ("__import__", b_import),
    ("vars", b_vars),
    ("dir", b_dir),
    ("super", b_super),
    ("open", b_open),
    ("eval", b_eval),
    ("exec", b_exec),
    ("compile", b_compile),
];

struct FnTable(std::cell::Cell<&'static [(&'static str, BuiltinFn)]>);
unsafe impl Sync for FnTable {}
static INSTALLED_FNS: FnTable = FnTable(std::cell::Cell::new(&[]));

/// Makes `table` the builtin functions of the builtins module (before it is first made).
pub fn install_fns(table: &'static [(&'static str, BuiltinFn)]) {
    INSTALLED_FNS.0.set(table);
}

fn make_builtins() -> Obj {
    let d = new_dict();
    let fns = INSTALLED_FNS.0.get();
    for (n, f) in fns {
        let _ = dict_set(&d, Obj::str(n), new_builtin(n, *f));
    }
    use crate::objects::*;
    let types: &[&'static TypeObject] = &[
        &int::INT_TYPE,
        &float::FLOAT_TYPE,
        &complex::COMPLEX_TYPE,
        &str::STR_TYPE,
        &bool::BOOL_TYPE,
        &list::LIST_TYPE,
        &tuple::TUPLE_TYPE,
        &dict::DICT_TYPE,
        &set::SET_TYPE,
        &set::FROZENSET_TYPE,
        &range::RANGE_TYPE,
        &bytes::BYTES_TYPE,
        &bytes::BYTEARRAY_TYPE,
        &bytes::MEMORYVIEW_TYPE,
        &slice::SLICE_TYPE,
        &typeobj::TYPE_TYPE,
        &typeobj::OBJECT_TYPE,
        &module::PROPERTY_TYPE,
        &module::STATICMETHOD_TYPE,
        &module::CLASSMETHOD_TYPE,
        &iter::ENUMERATE_TYPE,
        &iter::ZIP_TYPE,
        &iter::MAP_TYPE,
        &iter::FILTER_TYPE,
        &iter::REVERSED_TYPE,
    ];
    for t in types {
        let _ = dict_set(&d, Obj::str(t.name), t.obj());
    }
    crate::objects::exc_group::init_types();
    for t in exceptions::ALL {
        let _ = dict_set(&d, Obj::str(t.name), t.obj());
    }
    let _ = dict_set(&d, Obj::str("EnvironmentError"), exceptions::OS_ERROR.obj());
    let _ = dict_set(&d, Obj::str("IOError"), exceptions::OS_ERROR.obj());
    let _ = dict_set(&d, Obj::str("None"), Obj::none());
    let _ = dict_set(&d, Obj::str("True"), Obj::bool(true));
    let _ = dict_set(&d, Obj::str("False"), Obj::bool(false));
    let _ = dict_set(&d, Obj::str("Ellipsis"), Obj::ellipsis());
    let _ = dict_set(&d, Obj::str("NotImplemented"), Obj::not_implemented());
    let _ = dict_set(&d, Obj::str("__name__"), Obj::str("builtins"));
    let _ = dict_set(&d, Obj::str("__debug__"), Obj::bool(true));
    let _ = new_exc_noargs;
    let _ = tuple_len;
    d
}
