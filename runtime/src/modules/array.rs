//! `array` (CPython's Modules/arraymodule.c): typed arrays of machine values. The items are
//! kept as raw bytes in the machine's order; `l`/`L` are C longs (4 bytes on wasm32).
use crate::object::{MethodFn, Obj};
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::exceptions::{index_error, overflow_error, type_error, value_error};
use crate::objects::int::{as_int, int_from_i128, int_is_neg, IntVal};
use crate::objects::native::{self, expect, native_ref, new_native, posonly, NativeData};
use crate::{ops, CmpOp, PyResult};
use std::cell::RefCell;

crate::native_type!(ARRAY_TYPE, "array", "array.array", ARRAY_METHODS);
crate::native_type!(ARRAYITER_TYPE, "array", "array.arrayiterator", ITER_METHODS);

const TYPECODES: &str = "bBuhHiIlLqQfd";
const LONG: usize = std::mem::size_of::<std::os::raw::c_long>();

struct Array {
    code: char,
    data: RefCell<Vec<u8>>,
}
impl NativeData for Array {
    fn getattr(&self, _this: &Obj, name: &str) -> Option<PyResult> {
        match name {
            "typecode" => Some(Ok(Obj::string(self.code.to_string()))),
            "itemsize" => Some(Ok(Obj::int(itemsize(self.code) as i64))),
            _ => None,
        }
    }
}

struct ArrayIter {
    arr: Obj,
    pos: std::cell::Cell<usize>,
}
impl NativeData for ArrayIter {
    fn traverse(&self, v: &mut dyn FnMut(&Obj)) -> bool {
        v(&self.arr);
        true
    }
}

fn itemsize(code: char) -> usize {
    match code {
        'b' | 'B' => 1,
        'h' | 'H' => 2,
        'i' | 'I' | 'f' | 'u' => 4,
        'l' | 'L' => LONG,
        _ => 8,
    }
}

fn arr(o: &Obj) -> PyResult<&Array> {
    expect::<Array>(o, "array.array")
}

// ---------------------------------------------------------------- items <-> bytes

/// An int argument as i128 (None: beyond 64 bits; the sign tells which way).
fn int_arg(o: &Obj) -> PyResult<(Option<i128>, bool)> {
    match as_int(o) {
        Some(IntVal::Small(i)) => Ok((Some(*i as i128), *i < 0)),
        Some(v @ IntVal::Big(b)) => {
            let neg = int_is_neg(v);
            let m = b.to_u64_mag().map(|m| if neg { -(m as i128) } else { m as i128 });
            Ok((m, neg))
        }
        None => match ops::call_special(o, "__index__", &[]) {
            Some(r) => int_arg(&r?),
            None => Err(type_error(format!("'{}' object cannot be interpreted as an integer", o.type_name()))),
        },
    }
}

/// CPython's range check for typecode `code` (its messages differ per code).
fn check_int(code: char, o: &Obj) -> PyResult<i128> {
    let (v, neg) = int_arg(o)?;
    let (lo, hi): (i128, i128) = match code {
        'b' => (-128, 127),
        'B' => (0, 255),
        'h' => (-32768, 32767),
        'H' => (0, 65535),
        'i' => (i32::MIN as i128, i32::MAX as i128),
        'I' => (0, u32::MAX as i128),
        'l' if LONG == 4 => (i32::MIN as i128, i32::MAX as i128),
        'L' if LONG == 4 => (0, u32::MAX as i128),
        'l' | 'q' => (i64::MIN as i128, i64::MAX as i128),
        _ => (0, u64::MAX as i128),
    };
    match v {
        Some(x) if x >= lo && x <= hi => return Ok(x),
        _ => {}
    }
    let big = !neg;
    let msg = match (code, big) {
        ('b', true) => "signed char is greater than maximum",
        ('b', false) => "signed char is less than minimum",
        ('B', true) => "unsigned byte integer is greater than maximum",
        ('B', false) => "unsigned byte integer is less than minimum",
        ('h', true) => "signed short integer is greater than maximum",
        ('h', false) => "signed short integer is less than minimum",
        ('H', true) => "unsigned short is greater than maximum",
        ('H', false) => "unsigned short is less than minimum",
        ('i', true) => "signed integer is greater than maximum",
        ('i', false) => "signed integer is less than minimum",
        ('I', true) => "unsigned int is greater than maximum",
        ('I', false) | ('L', false) => "can't convert negative value to unsigned int",
        ('l', _) => "Python int too large to convert to C long",
        ('L', true) => "Python int too large to convert to C unsigned long",
        ('Q', false) => "can't convert negative int to unsigned",
        _ => "int too big to convert",
    };
    Err(overflow_error(msg))
}

/// The bytes of one item `o` for typecode `code`.
fn encode(code: char, o: &Obj) -> PyResult<Vec<u8>> {
    Ok(match code {
        'f' => (ops_f64(o)? as f32).to_ne_bytes().to_vec(),
        'd' => ops_f64(o)?.to_ne_bytes().to_vec(),
        'u' => match o.as_str() {
            Some(s) if s.chars().count() == 1 => (s.chars().next().unwrap() as u32).to_ne_bytes().to_vec(),
            _ => return Err(type_error("array item must be unicode character")),
        },
        _ => {
            let v = check_int(code, o)?;
            let n = itemsize(code);
            (v as u64).to_ne_bytes()[..n].to_vec()
        }
    })
}

fn ops_f64(o: &Obj) -> PyResult<f64> {
    if o.as_str().is_some() {
        return Err(type_error(format!("must be real number, not {}", o.type_name())));
    }
    crate::repr::number_to_f64(o)
}

/// The item at byte offset `at`.
fn decode(code: char, b: &[u8]) -> Obj {
    let mut w = [0u8; 8];
    w[..b.len()].copy_from_slice(b);
    let u = u64::from_ne_bytes(w);
    match code {
        'b' => Obj::int(b[0] as i8 as i64),
        'B' => Obj::int(b[0] as i64),
        'h' => Obj::int(u as u16 as i16 as i64),
        'H' => Obj::int(u as u16 as i64),
        'i' => Obj::int(u as u32 as i32 as i64),
        'I' => Obj::int(u as u32 as i64),
        'l' if LONG == 4 => Obj::int(u as u32 as i32 as i64),
        'L' if LONG == 4 => Obj::int(u as u32 as i64),
        'l' | 'q' => Obj::int(u as i64),
        'L' | 'Q' => int_from_i128(u as i128),
        'f' => Obj::float(f32::from_ne_bytes([b[0], b[1], b[2], b[3]]) as f64),
        'd' => Obj::float(f64::from_ne_bytes(w)),
        _ => Obj::string(std::char::from_u32(u as u32).unwrap_or('\u{fffd}').to_string()),
    }
}

fn items(a: &Array) -> Vec<Obj> {
    let n = itemsize(a.code);
    a.data.borrow().chunks(n).map(|c| decode(a.code, c)).collect()
}

fn len_of(a: &Array) -> usize {
    a.data.borrow().len() / itemsize(a.code)
}

fn new_array(ty: &'static crate::object::TypeObject, code: char, data: Vec<u8>) -> Obj {
    new_native(ty, Array { code, data: RefCell::new(data) })
}

fn same_kind(this: &Obj, code: char, data: Vec<u8>) -> Obj {
    new_array(this.ty(), code, data)
}

/// Appends every item of `it` (an iterable) to `a`.
fn extend_iter(a: &Array, it: &Obj) -> PyResult<()> {
    let it = ops::get_iter(it)?;
    while let Some(v) = ops::iter_next(&it)? {
        let b = encode(a.code, &v)?;
        a.data.borrow_mut().extend_from_slice(&b);
    }
    Ok(())
}

// ---------------------------------------------------------------- construction

fn array_new(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let ty = native::new_type(this)?;
    if std::ptr::eq(ty, &ARRAY_TYPE) {
        native::no_keywords("array.array", kw)?;
    }
    native::check_positional("array", a.len(), 1, 2)?;
    let code = match a[0].as_str() {
        Some(s) if s.chars().count() == 1 => s.chars().next().unwrap(),
        _ => return Err(type_error(format!("array() argument 1 must be a unicode character, not {}", a[0].type_name()))),
    };
    if !TYPECODES.contains(code) {
        return Err(value_error("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)"));
    }
    let obj = new_array(ty, code, Vec::new());
    if let Some(init) = a.get(1) {
        let me = arr(&obj)?;
        if let Some(s) = init.as_str() {
            if code != 'u' {
                return Err(type_error(format!("cannot use a str to initialize an array with typecode '{}'", code)));
            }
            fromunicode_str(me, s);
        } else if let Some(b) = crate::objects::bytes::as_bytes(init) {
            frombytes_raw(me, b)?;
        } else if let Some(other) = native_ref::<Array>(init) {
            if other.code == 'u' && code != 'u' {
                return Err(type_error(format!("cannot use a unicode array to initialize an array with typecode '{}'", code)));
            }
            for v in items(other) {
                let b = encode(code, &v)?;
                me.data.borrow_mut().extend_from_slice(&b);
            }
        } else {
            extend_iter(me, init)?;
        }
    }
    Ok(obj)
}

fn fromunicode_str(a: &Array, s: &str) {
    let mut d = a.data.borrow_mut();
    for c in s.chars() {
        d.extend_from_slice(&(c as u32).to_ne_bytes());
    }
}

fn frombytes_raw(a: &Array, b: &[u8]) -> PyResult<()> {
    if b.len() % itemsize(a.code) != 0 {
        return Err(value_error("bytes length not a multiple of item size"));
    }
    a.data.borrow_mut().extend_from_slice(b);
    Ok(())
}

// ---------------------------------------------------------------- methods

fn m_append(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let x = native::meth_o("append", a, kw)?;
    let me = arr(this)?;
    let b = encode(me.code, x)?;
    me.data.borrow_mut().extend_from_slice(&b);
    Ok(Obj::none())
}

fn m_extend(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let x = native::meth_o("extend", a, kw)?;
    let me = arr(this)?;
    if let Some(other) = native_ref::<Array>(x) {
        if other.code != me.code {
            return Err(type_error("can only extend with array of same kind"));
        }
        let b = other.data.borrow().clone();
        me.data.borrow_mut().extend_from_slice(&b);
        return Ok(Obj::none());
    }
    extend_iter(me, x)?;
    Ok(Obj::none())
}

/// A position argument clamped like list.insert / normalised for pop.
fn norm_index(i: i64, n: usize) -> i64 {
    if i < 0 {
        i + n as i64
    } else {
        i
    }
}

fn m_insert(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = posonly("insert", a, kw, 2, 2)?;
    let me = arr(this)?;
    let n = len_of(me);
    let i = norm_index(ops::index_value(&a[0])?, n).max(0).min(n as i64) as usize;
    let b = encode(me.code, &a[1])?;
    let sz = itemsize(me.code);
    let mut d = me.data.borrow_mut();
    let tail = d.split_off(i * sz);
    d.extend_from_slice(&b);
    d.extend_from_slice(&tail);
    Ok(Obj::none())
}

fn m_pop(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = posonly("pop", a, kw, 0, 1)?;
    let me = arr(this)?;
    let n = len_of(me);
    if n == 0 {
        return Err(index_error("pop from empty array"));
    }
    let i = norm_index(match a.get(0) {
        Some(x) => ops::index_value(x)?,
        None => -1,
    }, n);
    if i < 0 || i >= n as i64 {
        return Err(index_error("pop index out of range"));
    }
    let sz = itemsize(me.code);
    let i = i as usize;
    let v = decode(me.code, &me.data.borrow()[i * sz..(i + 1) * sz]);
    me.data.borrow_mut().drain(i * sz..(i + 1) * sz);
    Ok(v)
}

fn find(me: &Array, x: &Obj, start: usize, stop: usize) -> PyResult<Option<usize>> {
    for (i, v) in items(me).iter().enumerate().take(stop).skip(start) {
        if ops::eq(v, x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn m_index(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = posonly("index", a, kw, 1, 3)?;
    let me = arr(this)?;
    let n = len_of(me);
    let bound = |o: Option<&Obj>, d: usize| -> PyResult<usize> {
        Ok(match o {
            Some(x) => norm_index(ops::index_value(x)?, n).max(0).min(n as i64) as usize,
            None => d,
        })
    };
    let (start, stop) = (bound(a.get(1), 0)?, bound(a.get(2), n)?);
    match find(me, &a[0], start, stop)? {
        Some(i) => Ok(Obj::int(i as i64)),
        None => Err(value_error("array.index(x): x not in array")),
    }
}

fn m_remove(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let x = native::meth_o("remove", a, kw)?;
    let me = arr(this)?;
    match find(me, x, 0, len_of(me))? {
        Some(i) => {
            let sz = itemsize(me.code);
            me.data.borrow_mut().drain(i * sz..(i + 1) * sz);
            Ok(Obj::none())
        }
        None => Err(value_error("array.remove(x): x not in array")),
    }
}

fn m_count(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let x = native::meth_o("count", a, kw)?;
    let mut n = 0;
    for v in items(arr(this)?) {
        if ops::eq(&v, x)? {
            n += 1;
        }
    }
    Ok(Obj::int(n))
}

fn m_reverse(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    posonly("reverse", a, kw, 0, 0)?;
    let me = arr(this)?;
    let sz = itemsize(me.code);
    let rev: Vec<u8> = me.data.borrow().chunks(sz).rev().flatten().copied().collect();
    *me.data.borrow_mut() = rev;
    Ok(Obj::none())
}

fn m_byteswap(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    posonly("byteswap", a, kw, 0, 0)?;
    let me = arr(this)?;
    let sz = itemsize(me.code);
    for c in me.data.borrow_mut().chunks_mut(sz) {
        c.reverse();
    }
    Ok(Obj::none())
}

fn m_tobytes(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    posonly("tobytes", a, kw, 0, 0)?;
    Ok(Obj::bytes(&arr(this)?.data.borrow()))
}

fn m_frombytes(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let x = native::meth_o("frombytes", a, kw)?;
    let b = match crate::objects::bytes::as_bytes(x) {
        Some(b) => b.to_vec(),
        None => return Err(type_error(format!("a bytes-like object is required, not '{}'", x.type_name()))),
    };
    frombytes_raw(arr(this)?, &b)?;
    Ok(Obj::none())
}

fn m_tolist(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    posonly("tolist", a, kw, 0, 0)?;
    Ok(crate::objects::list::new_list(items(arr(this)?)))
}

fn m_fromlist(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let x = native::meth_o("fromlist", a, kw)?;
    if crate::objects::list::as_list(x).is_none() {
        return Err(type_error("arg must be list"));
    }
    let me = arr(this)?;
    let mut add = Vec::new();
    for v in ops::collect_iterable(x)? {
        add.extend(encode(me.code, &v)?);
    }
    me.data.borrow_mut().extend(add);
    Ok(Obj::none())
}

fn m_tounicode(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    posonly("tounicode", a, kw, 0, 0)?;
    let me = arr(this)?;
    if me.code != 'u' {
        return Err(value_error("tounicode() may only be called on unicode type arrays"));
    }
    let s: String = items(me).iter().filter_map(|c| c.as_str().map(|s| s.to_string())).collect();
    Ok(Obj::string(s))
}

fn m_fromunicode(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let x = native::meth_o("fromunicode", a, kw)?;
    let me = arr(this)?;
    let s = x.as_str().ok_or_else(|| type_error(format!("fromunicode() argument must be str, not {}", x.type_name())))?;
    if me.code != 'u' {
        return Err(value_error("fromunicode() may only be called on unicode type arrays"));
    }
    fromunicode_str(me, s);
    Ok(Obj::none())
}

fn m_buffer_info(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    posonly("buffer_info", a, kw, 0, 0)?;
    let me = arr(this)?;
    let addr = me.data.borrow().as_ptr() as usize;
    Ok(Obj::tuple2(int_from_i128(addr as i128), Obj::int(len_of(me) as i64)))
}

fn m_copy(this: &Obj, _a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    let me = arr(this)?;
    Ok(same_kind(this, me.code, me.data.borrow().clone()))
}

fn m_reduce_ex(this: &Obj, _a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    let me = arr(this)?;
    let dict = crate::objects::native::native_obj(this).and_then(|n| n.dict.borrow().clone()).unwrap_or_else(Obj::none);
    let args = Obj::tuple2(Obj::string(me.code.to_string()), crate::objects::list::new_list(items(me)));
    Ok(Obj::tuple3(this.ty().obj(), args, dict))
}

fn m_len(this: &Obj, _a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    Ok(Obj::int(len_of(arr(this)?) as i64))
}

fn m_getitem(this: &Obj, a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    let me = arr(this)?;
    let n = len_of(me);
    let sz = itemsize(me.code);
    if let Some(s) = crate::objects::slice::as_slice(&a[0]) {
        let (start, _stop, step, count) = s.indices(n as i64)?;
        let d = me.data.borrow();
        let mut out = Vec::with_capacity(count as usize * sz);
        for k in 0..count {
            let i = (start + k * step) as usize;
            out.extend_from_slice(&d[i * sz..(i + 1) * sz]);
        }
        return Ok(same_kind(this, me.code, out));
    }
    let i = item_index(&a[0], n, "array index out of range")?;
    Ok(decode(me.code, &me.data.borrow()[i * sz..(i + 1) * sz]))
}

fn item_index(key: &Obj, n: usize, msg: &str) -> PyResult<usize> {
    if !ops::has_index(key) {
        return Err(type_error("array indices must be integers"));
    }
    let i = norm_index(ops::index_value(key)?, n);
    if i < 0 || i >= n as i64 {
        return Err(index_error(msg.to_string()));
    }
    Ok(i as usize)
}

fn m_setitem(this: &Obj, a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    let me = arr(this)?;
    let n = len_of(me);
    let sz = itemsize(me.code);
    if let Some(s) = crate::objects::slice::as_slice(&a[0]) {
        let other = match native_ref::<Array>(&a[1]) {
            Some(o) if o.code == me.code => o.data.borrow().clone(),
            Some(_) => return Err(type_error("bad argument type for built-in operation")),
            None => return Err(type_error(format!("can only assign array (not \"{}\") to array slice", a[1].type_name()))),
        };
        let (start, stop, step, count) = s.indices(n as i64)?;
        let mut d = me.data.borrow_mut();
        if step == 1 {
            let (lo, hi) = (start as usize, (stop.max(start)) as usize);
            let tail = d.split_off(hi * sz);
            d.truncate(lo * sz);
            d.extend_from_slice(&other);
            d.extend_from_slice(&tail);
            return Ok(Obj::none());
        }
        if other.len() / sz != count as usize {
            return Err(value_error(format!("attempt to assign array of size {} to extended slice of size {}", other.len() / sz, count)));
        }
        for k in 0..count as usize {
            let i = (start + k as i64 * step) as usize;
            d[i * sz..(i + 1) * sz].copy_from_slice(&other[k * sz..(k + 1) * sz]);
        }
        return Ok(Obj::none());
    }
    let i = item_index(&a[0], n, "array assignment index out of range")?;
    let b = encode(me.code, &a[1])?;
    me.data.borrow_mut()[i * sz..(i + 1) * sz].copy_from_slice(&b);
    Ok(Obj::none())
}

fn m_delitem(this: &Obj, a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    let me = arr(this)?;
    let n = len_of(me);
    let sz = itemsize(me.code);
    if let Some(s) = crate::objects::slice::as_slice(&a[0]) {
        let (start, _stop, step, count) = s.indices(n as i64)?;
        let mut gone: Vec<usize> = (0..count).map(|k| (start + k * step) as usize).collect();
        gone.sort_unstable();
        let old = me.data.borrow().clone();
        let kept: Vec<u8> = old.chunks(sz).enumerate().filter(|(i, _)| gone.binary_search(i).is_err()).flat_map(|(_, c)| c.to_vec()).collect();
        *me.data.borrow_mut() = kept;
        return Ok(Obj::none());
    }
    let i = item_index(&a[0], n, "array assignment index out of range")?;
    me.data.borrow_mut().drain(i * sz..(i + 1) * sz);
    Ok(Obj::none())
}

fn m_contains(this: &Obj, a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    let me = arr(this)?;
    Ok(Obj::bool(find(me, &a[0], 0, len_of(me))?.is_some()))
}

fn m_iter(this: &Obj, _a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    arr(this)?;
    Ok(new_native(&ARRAYITER_TYPE, ArrayIter { arr: this.clone(), pos: std::cell::Cell::new(0) }))
}

fn m_repr(this: &Obj, _a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    let me = arr(this)?;
    let name = this.ty().name.rsplit('.').next().unwrap_or("array").to_string();
    if len_of(me) == 0 {
        return Ok(Obj::string(format!("{}('{}')", name, me.code)));
    }
    let body = if me.code == 'u' { m_tounicode(this, &[], None)? } else { m_tolist(this, &[], None)? };
    Ok(Obj::string(format!("{}('{}', {})", name, me.code, crate::repr::repr_string(&body)?)))
}

fn m_add(this: &Obj, a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    let me = arr(this)?;
    match native_ref::<Array>(&a[0]) {
        Some(o) if o.code == me.code => {
            let mut d = me.data.borrow().clone();
            d.extend_from_slice(&o.data.borrow());
            Ok(same_kind(this, me.code, d))
        }
        Some(_) => Err(type_error("bad argument type for built-in operation")),
        None => Err(type_error(format!("can only append array (not \"{}\") to array", a[0].type_name()))),
    }
}

fn m_iadd(this: &Obj, a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    let me = arr(this)?;
    match native_ref::<Array>(&a[0]) {
        Some(o) if o.code == me.code => {
            let b = o.data.borrow().clone();
            me.data.borrow_mut().extend_from_slice(&b);
            Ok(this.clone())
        }
        Some(_) => Err(type_error("can only extend with array of same kind")),
        None => Err(type_error(format!("can only extend array with array (not \"{}\")", a[0].type_name()))),
    }
}

fn repeat_count(o: &Obj) -> PyResult<Option<usize>> {
    if !ops::has_index(o) {
        return Ok(None);
    }
    Ok(Some(ops::index_value(o)?.max(0) as usize))
}

fn m_mul(this: &Obj, a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    let me = arr(this)?;
    match repeat_count(&a[0])? {
        Some(k) => Ok(same_kind(this, me.code, me.data.borrow().repeat(k))),
        None => Ok(Obj::not_implemented()),
    }
}

fn m_imul(this: &Obj, a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    let me = arr(this)?;
    match repeat_count(&a[0])? {
        Some(k) => {
            let d = me.data.borrow().repeat(k);
            *me.data.borrow_mut() = d;
            Ok(this.clone())
        }
        None => Ok(Obj::not_implemented()),
    }
}

fn compare(this: &Obj, a: &[Obj], op: CmpOp) -> PyResult {
    let me = arr(this)?;
    let other = match native_ref::<Array>(&a[0]) {
        Some(o) => o,
        None => return Ok(Obj::not_implemented()),
    };
    let (x, y) = (items(me), items(other));
    if x.len() != y.len() && matches!(op, CmpOp::Eq | CmpOp::Ne) {
        return Ok(Obj::bool(op == CmpOp::Ne));
    }
    let l = crate::objects::list::new_list(x);
    let r = crate::objects::list::new_list(y);
    ops::compare(&l, &r, op)
}

fn m_eq(t: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    compare(t, a, CmpOp::Eq)
}
fn m_ne(t: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    compare(t, a, CmpOp::Ne)
}
fn m_lt(t: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    compare(t, a, CmpOp::Lt)
}
fn m_le(t: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    compare(t, a, CmpOp::Le)
}
fn m_gt(t: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    compare(t, a, CmpOp::Gt)
}
fn m_ge(t: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    compare(t, a, CmpOp::Ge)
}

fn unhashable(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Err(type_error(format!("unhashable type: '{}'", this.ty().qualified_name())))
}

fn class_getitem(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    super::typesmod::generic_alias(this, &a[0])
}

static ARRAY_METHODS: &[(&str, MethodFn)] = &[
    ("__new__", array_new),
    ("append", m_append),
    ("extend", m_extend),
    ("insert", m_insert),
    ("pop", m_pop),
    ("index", m_index),
    ("remove", m_remove),
    ("count", m_count),
    ("reverse", m_reverse),
    ("byteswap", m_byteswap),
    ("tobytes", m_tobytes),
    ("frombytes", m_frombytes),
    ("tolist", m_tolist),
    ("fromlist", m_fromlist),
    ("tounicode", m_tounicode),
    ("fromunicode", m_fromunicode),
    ("buffer_info", m_buffer_info),
    ("__copy__", m_copy),
    ("__deepcopy__", m_copy),
    ("__reduce_ex__", m_reduce_ex),
    ("__len__", m_len),
    ("__getitem__", m_getitem),
    ("__setitem__", m_setitem),
    ("__delitem__", m_delitem),
    ("__contains__", m_contains),
    ("__iter__", m_iter),
    ("__repr__", m_repr),
    ("__add__", m_add),
    ("__iadd__", m_iadd),
    ("__mul__", m_mul),
    ("__rmul__", m_mul),
    ("__imul__", m_imul),
    ("__eq__", m_eq),
    ("__ne__", m_ne),
    ("__lt__", m_lt),
    ("__le__", m_le),
    ("__gt__", m_gt),
    ("__ge__", m_ge),
    ("__hash__", unhashable),
    ("__class_getitem__", class_getitem),
];

fn it_next(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let it = expect::<ArrayIter>(this, "array.arrayiterator")?;
    let me = arr(&it.arr)?;
    let i = it.pos.get();
    if i >= len_of(me) {
        return Err(crate::objects::exceptions::stop_iteration());
    }
    it.pos.set(i + 1);
    let sz = itemsize(me.code);
    Ok(decode(me.code, &me.data.borrow()[i * sz..(i + 1) * sz]))
}

fn it_iter(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(this.clone())
}

static ITER_METHODS: &[(&str, MethodFn)] = &[("__next__", it_next), ("__iter__", it_iter)];

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("array"))?;
    dict_set(&d, Obj::str("array"), ARRAY_TYPE.obj())?;
    dict_set(&d, Obj::str("ArrayType"), ARRAY_TYPE.obj())?;
    dict_set(&d, Obj::str("typecodes"), Obj::str(TYPECODES))?;
    Ok(crate::objects::module::new_module("array", d))
}
