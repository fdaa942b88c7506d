//! `_struct` (CPython's Modules/_struct.c): pack/unpack of C values with every format code,
//! byte order and native alignment. Native sizes are those of CPython on a 64-bit (LP64)
//! little-endian host (l, L, n, N, P are 8 bytes), also under wasm32, so packed data is the
//! same everywhere.
use crate::object::{MethodFn, Obj};
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::bytes::as_bytes;
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::exceptions::{overflow_error, type_error, Exc};
use crate::objects::native::{self, check_positional, new_native, no_keywords, unpack as unpack_args, NativeData};
use crate::{call, ops, PyResult};
use std::cell::{Cell, RefCell};

crate::native_type!(STRUCT_TYPE, "_struct", "_struct.Struct", STRUCT_METHODS);
crate::native_type!(UNPACK_ITER_TYPE, "_struct", "_struct.unpack_iterator", UNPACK_ITER_METHODS);

thread_local! {
    static ERROR: RefCell<Option<Obj>> = RefCell::new(None);
}

fn error_class() -> Obj {
    ERROR.with(|e| {
        if let Some(c) = &*e.borrow() {
            return c.clone();
        }
        let ns = new_dict();
        let _ = dict_set(&ns, Obj::str("__module__"), Obj::str("struct"));
        let c = crate::objects::typeobj::new_class("error", vec![crate::objects::exceptions::EXCEPTION.obj()], ns, "struct").expect("struct.error");
        *e.borrow_mut() = Some(c.clone());
        c
    })
}

/// A `struct.error` with `msg`.
fn err(msg: impl Into<String>) -> Exc {
    match call(&error_class(), vec![Obj::string(msg.into())], None) {
        Ok(v) => Exc::from_value(v),
        Err(e) => e,
    }
}

#[derive(Clone, Copy)]
struct Item {
    code: u8,
    size: usize,
    offset: usize,
}

struct Layout {
    items: Vec<Item>,
    size: usize,
    little: bool,
    native: bool,
}

/// Size and alignment of a code in native (`@`) or standard mode.
fn code_size(c: u8, native: bool) -> Option<usize> {
    Some(match c {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'f' => 4,
        b'l' | b'L' => {
            if native {
                8
            } else {
                4
            }
        }
        b'q' | b'Q' | b'd' => 8,
        b'n' | b'N' | b'P' if native => 8,
        _ => return None,
    })
}

fn parse_format(fmt: &[u8]) -> PyResult<Layout> {
    let (little, native, body) = match fmt.first() {
        Some(b'<') => (true, false, &fmt[1..]),
        Some(b'>') | Some(b'!') => (false, false, &fmt[1..]),
        Some(b'=') => (true, false, &fmt[1..]),
        Some(b'@') => (true, true, &fmt[1..]),
        _ => (true, true, fmt),
    };
    let mut items = Vec::new();
    let mut size: usize = 0;
    let mut i = 0;
    while i < body.len() {
        let c = body[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let mut num: Option<usize> = None;
        while i < body.len() && body[i].is_ascii_digit() {
            let d = (body[i] - b'0') as usize;
            num = Some(num.unwrap_or(0).checked_mul(10).and_then(|n| n.checked_add(d)).ok_or_else(|| err("total struct size too long"))?);
            i += 1;
        }
        if i >= body.len() {
            return Err(err("repeat count given without format specifier"));
        }
        let c = body[i];
        i += 1;
        let csize = code_size(c, native).ok_or_else(|| err("bad char in struct format"))?;
        let n = num.unwrap_or(1);
        if native && csize > 1 {
            size = (size + csize - 1) / csize * csize;
        }
        if c == b's' || c == b'p' {
            items.push(Item { code: c, size: n, offset: size });
            size = size.checked_add(n).ok_or_else(|| err("total struct size too long"))?;
        } else if c == b'x' {
            size = size.checked_add(n).ok_or_else(|| err("total struct size too long"))?;
        } else {
            for _ in 0..n {
                items.push(Item { code: c, size: csize, offset: size });
                size = size.checked_add(csize).ok_or_else(|| err("total struct size too long"))?;
            }
        }
        if size > isize::MAX as usize {
            return Err(err("total struct size too long"));
        }
    }
    Ok(Layout { items, size, little, native })
}

/// The format argument: str or bytes.
fn format_bytes(o: &Obj, fname: &str) -> PyResult<Vec<u8>> {
    if let Some(s) = o.as_str() {
        return Ok(s.as_bytes().to_vec());
    }
    if let Some(b) = as_bytes(o) {
        return Ok(b.to_vec());
    }
    Err(type_error(format!("{}() argument 1 must be a str or bytes object, not {}", fname, o.type_name())))
}

// ---------------------------------------------------------------- packing

fn int_value(v: &Obj) -> PyResult<i128> {
    let iv = if crate::objects::int::as_int(v).is_some() {
        v.clone()
    } else if ops::lookup_special(v, "__index__").is_some() {
        ops::call_special(v, "__index__", &[]).unwrap()?
    } else {
        return Err(err("required argument is not an integer"));
    };
    let b = crate::objects::int::to_big(crate::objects::int::as_int(&iv).unwrap()).into_owned();
    if b.mag.len() > 3 {
        return Ok(if b.neg { i128::MIN } else { i128::MAX });
    }
    let mut u: i128 = 0;
    for (k, &l) in b.mag.iter().enumerate() {
        u |= (l as i128) << (32 * k);
    }
    Ok(if b.neg { -u } else { u })
}

fn range_check(c: u8, x: i128, native: bool, size: usize) -> PyResult<()> {
    let (lo, hi): (i128, i128) = match c {
        b'b' => (-128, 127),
        b'B' => (0, 255),
        b'h' => (-32768, 32767),
        b'H' => (0, 65535),
        b'?' => return Ok(()),
        _ if c.is_ascii_uppercase() => (0, (1i128 << (8 * size)) - 1),
        _ => (-(1i128 << (8 * size - 1)), (1i128 << (8 * size - 1)) - 1),
    };
    if x >= lo && x <= hi {
        return Ok(());
    }
    let named = match c {
        b'b' => Some("byte"),
        b'B' => Some("ubyte"),
        b'h' => Some("short"),
        b'H' => Some("ushort"),
        _ => None,
    };
    if let Some(n) = named {
        return Err(err(format!("{} format requires {} <= number <= {}", n, lo, hi)));
    }
    let _ = native;
    // 8-byte codes and negative unsigned values fail in the C conversion itself
    if size == 8 || (c.is_ascii_uppercase() && x < 0) {
        return Err(err("argument out of range"));
    }
    Err(err(format!("'{}' format requires {} <= number <= {}", c as char, lo, hi)))
}

fn float_value(v: &Obj) -> PyResult<f64> {
    ops::number_to_f64(v).map_err(|_| err("required argument is not a float"))
}

/// IEEE 754 half precision, round half to even (PyFloat_Pack2).
fn pack_half(x: f64) -> PyResult<u16> {
    let sign: u16 = if x.is_sign_negative() { 1 } else { 0 };
    if x.is_nan() {
        return Ok(0x7e00 | (sign << 15));
    }
    if x.is_infinite() {
        return Ok(0x7c00 | (sign << 15));
    }
    let a = x.abs();
    if a == 0.0 {
        return Ok(sign << 15);
    }
    let overflow = || overflow_error("float too large to pack with e format");
    let (mut f, mut e) = frexp(a);
    f *= 2.0;
    e -= 1;
    if e >= 16 {
        return Err(overflow());
    } else if e < -25 {
        f = 0.0;
        e = 0;
    } else if e < -14 {
        f = crate::objects::bigint::ldexp(f, 14 + e);
        e = 0;
    } else {
        e += 15;
        f -= 1.0;
    }
    f *= 1024.0;
    let mut bits = f as u32;
    let diff = f - bits as f64;
    if diff > 0.5 || (diff == 0.5 && bits % 2 == 1) {
        bits += 1;
        if bits == 1024 {
            bits = 0;
            e += 1;
            if e == 31 {
                return Err(overflow());
            }
        }
    }
    Ok((bits as u16) | ((e as u16) << 10) | (sign << 15))
}

fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (f, e) = frexp(x * (1u64 << 54) as f64);
        return (f, e - 54);
    }
    let f = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (f, exp - 1022)
}

fn unpack_half(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let e = ((h >> 10) & 0x1f) as i32;
    let m = (h & 0x3ff) as f64;
    let v = if e == 0 {
        crate::objects::bigint::ldexp(m, -24)
    } else if e == 31 {
        if m == 0.0 {
            f64::INFINITY
        } else {
            f64::NAN
        }
    } else {
        crate::objects::bigint::ldexp(m + 1024.0, e - 25)
    };
    sign * v
}

fn put(out: &mut [u8], x: u128, size: usize, little: bool) {
    for k in 0..size {
        let b = (x >> (8 * k)) as u8;
        if little {
            out[k] = b;
        } else {
            out[size - 1 - k] = b;
        }
    }
}

fn pack_item(it: &Item, v: &Obj, lay: &Layout, out: &mut [u8]) -> PyResult<()> {
    let o = &mut out[it.offset..it.offset + it.size];
    match it.code {
        b's' | b'p' => {
            let b = match as_bytes(v) {
                Some(b) if v.as_str().is_none() => b,
                _ => return Err(err(format!("argument for '{}' must be a bytes object", it.code as char))),
            };
            if it.code == b's' {
                let n = b.len().min(it.size);
                o[..n].copy_from_slice(&b[..n]);
            } else if it.size > 0 {
                let n = b.len().min(it.size - 1);
                o[1..1 + n].copy_from_slice(&b[..n]);
                o[0] = n.min(255) as u8;
            }
        }
        b'c' => match as_bytes(v) {
            Some(b) if b.len() == 1 && v.as_str().is_none() => o[0] = b[0],
            _ => return Err(err("char format requires a bytes object of length 1")),
        },
        b'?' => o[0] = ops::is_true(v)? as u8,
        b'e' => put(o, pack_half(float_value(v)?)? as u128, 2, lay.little),
        b'f' => {
            let x = float_value(v)?;
            let y = x as f32;
            if y.is_infinite() && !x.is_infinite() {
                return Err(overflow_error("float too large to pack with f format"));
            }
            put(o, y.to_bits() as u128, 4, lay.little);
        }
        b'd' => put(o, float_value(v)?.to_bits() as u128, 8, lay.little),
        c => {
            let x = int_value(v)?;
            if c == b'P' {
                put(o, x as u128, 8, lay.little);
                return Ok(());
            }
            range_check(c, x, lay.native, it.size)?;
            put(o, x as u128, it.size, lay.little);
        }
    }
    Ok(())
}

fn pack_values(lay: &Layout, args: &[Obj], fname: &str) -> PyResult<Vec<u8>> {
    if args.len() != lay.items.len() {
        return Err(err(format!("{} expected {} items for packing (got {})", fname, lay.items.len(), args.len())));
    }
    let mut out = vec![0u8; lay.size];
    for (it, v) in lay.items.iter().zip(args) {
        pack_item(it, v, lay, &mut out)?;
    }
    Ok(out)
}

// ---------------------------------------------------------------- unpacking

fn get(b: &[u8], little: bool) -> u128 {
    let mut x: u128 = 0;
    for k in 0..b.len() {
        let byte = if little { b[k] } else { b[b.len() - 1 - k] };
        x |= (byte as u128) << (8 * k);
    }
    x
}

fn unpack_values(lay: &Layout, data: &[u8]) -> PyResult<Obj> {
    let mut out = Vec::with_capacity(lay.items.len());
    for it in &lay.items {
        let b = &data[it.offset..it.offset + it.size];
        out.push(match it.code {
            b's' => Obj::bytes(b),
            b'p' => {
                let n = if b.is_empty() { 0 } else { (b[0] as usize).min(b.len() - 1) };
                Obj::bytes(if b.is_empty() { b } else { &b[1..1 + n] })
            }
            b'c' => Obj::bytes(b),
            b'?' => Obj::bool(b[0] != 0),
            b'e' => Obj::float(unpack_half(get(b, lay.little) as u16)),
            b'f' => Obj::float(f32::from_bits(get(b, lay.little) as u32) as f64),
            b'd' => Obj::float(f64::from_bits(get(b, lay.little) as u64)),
            c => {
                let u = get(b, lay.little);
                let bits = 8 * it.size as u32;
                if c.is_ascii_uppercase() || c == b'P' {
                    int_obj(u as i128)
                } else {
                    let sh = 128 - bits;
                    int_obj(((u << sh) as i128) >> sh)
                }
            }
        });
    }
    Ok(Obj::tuple(out))
}

fn int_obj(x: i128) -> Obj {
    if let Ok(v) = i64::try_from(x) {
        return Obj::int(v);
    }
    crate::objects::int::int_from_big(crate::objects::bigint::BigInt::from_i128(x))
}

/// The buffer argument as bytes.
fn buffer<'a>(o: &'a Obj) -> PyResult<&'a [u8]> {
    match as_bytes(o) {
        Some(b) if o.as_str().is_none() => Ok(b),
        _ => Err(type_error(format!("a bytes-like object is required, not '{}'", o.type_name()))),
    }
}

// ---------------------------------------------------------------- the Struct type

struct StructData {
    format: Obj,
    lay: Layout,
}
impl NativeData for StructData {
    fn getattr(&self, _this: &Obj, name: &str) -> Option<PyResult> {
        match name {
            "format" => Some(Ok(self.format.clone())),
            "size" => Some(Ok(Obj::int(self.lay.size as i64))),
            _ => None,
        }
    }
}

fn new_struct(t: &'static crate::object::TypeObject, fmt: &Obj, fname: &str) -> PyResult {
    let f = format_bytes(fmt, fname)?;
    let lay = parse_format(&f)?;
    Ok(new_native(t, StructData { format: Obj::string(String::from_utf8_lossy(&f).into_owned()), lay }))
}

fn struct_new(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = unpack_args("Struct", a, kw, &["format"], 1, 1, 0)?;
    new_struct(native::new_type(this)?, v[0].as_ref().unwrap(), "Struct")
}

fn sd(this: &Obj) -> PyResult<&StructData> {
    native::expect::<StructData>(this, "_struct.Struct")
}

/// The Struct for a format argument of the module functions (or the Struct itself).
fn struct_for(fmt: &Obj) -> PyResult<Obj> {
    if native::native_ref::<StructData>(fmt).is_some() {
        return Ok(fmt.clone());
    }
    new_struct(&STRUCT_TYPE, fmt, "Struct")
}

fn s_pack(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_keywords("pack", kw)?;
    Ok(Obj::bytes(&pack_values(&sd(this)?.lay, a, "pack")?))
}

fn s_unpack(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = native::posonly("unpack", a, kw, 1, 1)?;
    let s = sd(this)?;
    let b = buffer(&a[0])?;
    if b.len() != s.lay.size {
        return Err(err(format!("unpack requires a buffer of {} bytes", s.lay.size)));
    }
    unpack_values(&s.lay, b)
}

fn s_unpack_from(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = unpack_args("unpack_from", a, kw, &["buffer", "offset"], 1, 2, 0)?;
    let s = sd(this)?;
    let b = buffer(v[0].as_ref().unwrap())?;
    let mut off = match &v[1] {
        Some(o) => ops::index_value(o)?,
        None => 0,
    };
    let n = b.len() as i64;
    if off < 0 {
        if off + n < 0 {
            return Err(err(format!("offset {} out of range for {}-byte buffer", off, n)));
        }
        off += n;
    }
    if n - off < s.lay.size as i64 {
        return Err(err(format!(
            "unpack_from requires a buffer of at least {} bytes for unpacking {} bytes at offset {} (actual buffer size is {})",
            s.lay.size as i64 + off,
            s.lay.size,
            off,
            n
        )));
    }
    unpack_values(&s.lay, &b[off as usize..])
}

fn s_pack_into(_this: &Obj, a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    check_positional("pack_into", a.len(), 2, usize::MAX)?;
    Err(type_error(format!("argument must be read-write bytes-like object, not {}", a[0].type_name())))
}

struct UnpackIter {
    st: Obj,
    data: Obj,
    pos: Cell<usize>,
}
impl NativeData for UnpackIter {
    fn traverse(&self, v: &mut dyn FnMut(&Obj)) -> bool {
        v(&self.st);
        v(&self.data);
        true
    }
}

fn s_iter_unpack(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = native::posonly("iter_unpack", a, kw, 1, 1)?;
    let s = sd(this)?;
    let b = buffer(&a[0])?;
    if s.lay.size == 0 {
        return Err(err("cannot iteratively unpack with a struct of length 0"));
    }
    if b.len() % s.lay.size != 0 {
        return Err(err(format!("iterative unpacking requires a buffer of a multiple of {} bytes", s.lay.size)));
    }
    Ok(new_native(&UNPACK_ITER_TYPE, UnpackIter { st: this.clone(), data: a[0].clone(), pos: Cell::new(0) }))
}

fn ui(this: &Obj) -> PyResult<&UnpackIter> {
    native::expect::<UnpackIter>(this, "_struct.unpack_iterator")
}

fn ui_next(this: &Obj, _a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    let u = ui(this)?;
    let s = sd(&u.st)?;
    let b = buffer(&u.data)?;
    let p = u.pos.get();
    if p + s.lay.size > b.len() {
        return Err(crate::objects::exceptions::stop_iteration());
    }
    u.pos.set(p + s.lay.size);
    unpack_values(&s.lay, &b[p..])
}

fn ui_iter(this: &Obj, _a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    Ok(this.clone())
}

fn ui_length_hint(this: &Obj, _a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    let u = ui(this)?;
    let s = sd(&u.st)?;
    let n = buffer(&u.data)?.len();
    Ok(Obj::int(((n - u.pos.get().min(n)) / s.lay.size) as i64))
}

fn s_sizeof(this: &Obj, _a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    Ok(Obj::int(40 + 32 * (sd(this)?.lay.items.len() as i64 + 1)))
}

static STRUCT_METHODS: &[(&str, MethodFn)] = &[
    ("__new__", struct_new),
    ("pack", s_pack),
    ("unpack", s_unpack),
    ("unpack_from", s_unpack_from),
    ("pack_into", s_pack_into),
    ("iter_unpack", s_iter_unpack),
    ("__sizeof__", s_sizeof),
];

static UNPACK_ITER_METHODS: &[(&str, MethodFn)] = &[("__next__", ui_next), ("__iter__", ui_iter), ("__length_hint__", ui_length_hint)];

// ---------------------------------------------------------------- module functions

/// fn(format, ...) → the Struct method with the rest.
fn with_struct(name: &str, a: &[Obj], kw: Option<&Obj>, min: usize, f: MethodFn) -> PyResult {
    let (pos, _) = crate::builtins::split_kw(a, kw);
    if pos.is_empty() {
        if min == 1 {
            return Err(type_error(format!("{}() missing required argument 'format' (pos 1)", name)));
        }
        return Err(type_error(format!("{} expected at least {} argument{}, got 0", name, min, if min == 1 { "" } else { "s" })));
    }
    if pos.len() < min {
        return Err(type_error(format!("{} expected {} arguments, got {}", name, min, pos.len())));
    }
    let s = struct_for(&a[0])?;
    f(&s, &a[1..], kw)
}

fn m_pack(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_keywords("pack", kw)?;
    if a.is_empty() {
        return Err(type_error("pack expected at least 1 argument, got 0"));
    }
    with_struct("pack", a, kw, 1, s_pack)
}
fn m_unpack(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_keywords("unpack", kw)?;
    check_positional("unpack", a.len(), 2, 2)?;
    with_struct("unpack", a, kw, 2, s_unpack)
}
fn m_unpack_from(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let v = unpack_args("unpack_from", a, kw, &["format", "buffer", "offset"], 2, 3, 1)?;
    let s = struct_for(v[0].as_ref().unwrap())?;
    let mut rest = vec![v[1].clone().unwrap()];
    if let Some(o) = &v[2] {
        rest.push(o.clone());
    }
    s_unpack_from(&s, &rest, None)
}
fn m_iter_unpack(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_keywords("iter_unpack", kw)?;
    check_positional("iter_unpack", a.len(), 2, 2)?;
    with_struct("iter_unpack", a, kw, 2, s_iter_unpack)
}
fn m_pack_into(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_keywords("pack_into", kw)?;
    if a.len() < 3 {
        return Err(type_error(format!("pack_into expected at least 3 arguments, got {}", a.len())));
    }
    let _ = struct_for(&a[0])?;
    s_pack_into(&a[0], &a[1..], None)
}
fn m_calcsize(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = native::posonly("calcsize", a, kw, 1, 1)?;
    let s = struct_for(&a[0])?;
    Ok(Obj::int(sd(&s)?.lay.size as i64))
}
fn m_clearcache(_a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    Ok(Obj::none())
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("_struct"))?;
    dict_set(&d, Obj::str("__doc__"), Obj::str(DOC))?;
    let fns: &[(&'static str, BuiltinFn)] = &[
        ("pack", m_pack),
        ("unpack", m_unpack),
        ("unpack_from", m_unpack_from),
        ("iter_unpack", m_iter_unpack),
        ("pack_into", m_pack_into),
        ("calcsize", m_calcsize),
        ("_clearcache", m_clearcache),
    ];
    for (n, g) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *g))?;
    }
    dict_set(&d, Obj::str("Struct"), STRUCT_TYPE.obj())?;
    dict_set(&d, Obj::str("error"), error_class())?;
    Ok(crate::objects::module::new_module("_struct", d))
}

/// CPython's `_struct.__doc__` (struct.py re-exports it).
const DOC: &str = "Functions to convert between Python values and C structs.
Python bytes objects are used to hold the data representing the C struct
and also as format strings (explained below) to describe the layout of data
in the C struct.

The optional first format char indicates byte order, size and alignment:
  @: native order, size & alignment (default)
  =: native order, std. size & alignment
  <: little-endian, std. size & alignment
  >: big-endian, std. size & alignment
  !: same as >

The remaining chars indicate types of args and must match exactly;
these can be preceded by a decimal repeat count:
  x: pad byte (no data); c:char; b:signed byte; B:unsigned byte;
  ?: _Bool (requires C99; if not available, char is used instead)
  h:short; H:unsigned short; i:int; I:unsigned int;
  l:long; L:unsigned long; f:float; d:double; e:half-float.
Special cases (preceding decimal count indicates length):
  s:string (array of char); p: pascal string (with count byte).
Special cases (only available in native format):
  n:ssize_t; N:size_t;
  P:an integer type that is wide enough to hold a pointer.
Special case (not in native mode unless 'long long' in platform C):
  q:long long; Q:unsigned long long
Whitespace between formats is ignored.

The variable struct.error is an exception raised on errors.
";
