//! `marshal` (CPython's Python/marshal.c) for the value types: None, bools, Ellipsis, ints,
//! floats, complex, str, bytes, tuples, lists, dicts, sets and frozensets (format version
//! 4). Code objects cannot be marshalled: a compiled program has no bytecode to load.
//! `dumps` writes no FLAG_REF back-references (CPython adds them for objects with more than
//! one reference, which this runtime does not track); `loads` reads them.
use super::native_class::bind;
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::dict::{dict_items, dict_set, new_dict};
use crate::objects::exceptions::{new_exc, value_error, Exc};
use crate::objects::exc_types::EOF_ERROR;
use crate::objects::{bool::BOOL_TYPE, float::FLOAT_TYPE, int::INT_TYPE, set, str::STR_TYPE, tuple::TUPLE_TYPE};
use crate::{ops, Obj, PyResult};

const FLAG_REF: u8 = 0x80;

fn unmarshallable() -> Exc {
    value_error("unmarshallable object")
}

fn bad_data() -> Exc {
    new_exc(&EOF_ERROR, "EOF read where object expected".to_string())
}

fn w_long(out: &mut Vec<u8>, v: i32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn w_size(out: &mut Vec<u8>, n: usize) -> PyResult<()> {
    if n > i32::MAX as usize {
        return Err(value_error("unmarshallable object"));
    }
    w_long(out, n as i32);
    Ok(())
}

/// An int as CPython's 'l': a signed count of 15-bit digits, least significant first.
fn w_pylong(out: &mut Vec<u8>, v: &Obj) -> PyResult<()> {
    let neg = ops::compare_bool(v, &Obj::int(0), crate::CmpOp::Lt)?;
    let mut rest = if neg { ops::unary_neg(v)? } else { v.clone() };
    let base = Obj::int(1 << 15);
    let mut digits = Vec::new();
    while ops::is_true(&rest)? {
        let d = ops::binary_op(&rest, &base, crate::BinOp::Mod)?;
        digits.push(ops::index_value(&d)? as u16);
        rest = ops::binary_op(&rest, &base, crate::BinOp::FloorDiv)?;
    }
    out.push(b'l');
    let n = digits.len() as i32;
    w_long(out, if neg { -n } else { n });
    for d in digits {
        out.extend_from_slice(&d.to_le_bytes());
    }
    Ok(())
}

fn w_object(out: &mut Vec<u8>, v: &Obj, depth: usize) -> PyResult<()> {
    if depth > 2000 {
        return Err(value_error("object too deeply nested to marshal"));
    }
    if v.is_none() {
        out.push(b'N');
    } else if v.is_type(&BOOL_TYPE) {
        out.push(if ops::is_true(v)? { b'T' } else { b'F' });
    } else if std::ptr::eq(v.ty(), &crate::objects::none::ELLIPSIS_TYPE) {
        out.push(b'.');
    } else if v.is_type(&INT_TYPE) {
        match v.as_i64().filter(|i| *i >= i32::MIN as i64 && *i <= i32::MAX as i64) {
            Some(i) => {
                out.push(b'i');
                w_long(out, i as i32);
            }
            None => w_pylong(out, v)?,
        }
    } else if v.is_type(&FLOAT_TYPE) {
        out.push(b'g');
        out.extend_from_slice(&crate::objects::float::as_float(v).unwrap().to_le_bytes());
    } else if v.is_type(&crate::objects::complex::COMPLEX_TYPE) {
        out.push(b'y');
        let c = crate::objects::complex::as_complex(v).unwrap();
        out.extend_from_slice(&c.re.to_le_bytes());
        out.extend_from_slice(&c.im.to_le_bytes());
    } else if v.is_type(&STR_TYPE) {
        let s = v.as_str().unwrap();
        if s.is_ascii() && s.len() < 256 {
            out.push(b'z');
            out.push(s.len() as u8);
        } else if s.is_ascii() {
            out.push(b'a');
            w_size(out, s.len())?;
        } else {
            out.push(b'u');
            w_size(out, s.len())?;
        }
        out.extend_from_slice(s.as_bytes());
    } else if let Some(b) = crate::objects::bytes::as_bytes(v) {
        out.push(b's');
        w_size(out, b.len())?;
        out.extend_from_slice(b);
    } else if v.is_type(&TUPLE_TYPE) {
        let items = crate::objects::tuple::tuple_items(v);
        if items.len() < 256 {
            out.push(b')');
            out.push(items.len() as u8);
        } else {
            out.push(b'(');
            w_size(out, items.len())?;
        }
        for i in items {
            w_object(out, i, depth + 1)?;
        }
    } else if v.is_type(&crate::objects::list::LIST_TYPE) {
        let items = crate::objects::list::as_list(v).unwrap().borrow().clone();
        out.push(b'[');
        w_size(out, items.len())?;
        for i in &items {
            w_object(out, i, depth + 1)?;
        }
    } else if v.is_type(&crate::objects::dict::DICT_TYPE) {
        out.push(b'{');
        for (k, val) in dict_items(v) {
            w_object(out, &k, depth + 1)?;
            w_object(out, &val, depth + 1)?;
        }
        out.push(b'0');
    } else if v.is_type(&set::SET_TYPE) || v.is_type(&set::FROZENSET_TYPE) {
        let items = set::items(v);
        out.push(if set::is_frozen(v) { b'>' } else { b'<' });
        w_size(out, items.len())?;
        for i in &items {
            w_object(out, i, depth + 1)?;
        }
    } else {
        return Err(unmarshallable());
    }
    Ok(())
}

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    refs: Vec<Obj>,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> PyResult<&[u8]> {
        if self.pos + n > self.data.len() {
            return Err(new_exc(&EOF_ERROR, "marshal data too short".to_string()));
        }
        self.pos += n;
        Ok(&self.data[self.pos - n..self.pos])
    }
    fn byte(&mut self) -> PyResult<u8> {
        Ok(self.take(1)?[0])
    }
    fn long(&mut self) -> PyResult<i32> {
        let b = self.take(4)?;
        Ok(i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn size(&mut self) -> PyResult<usize> {
        let n = self.long()?;
        if n < 0 {
            return Err(value_error("bad marshal data (size out of range)"));
        }
        Ok(n as usize)
    }
    fn f64(&mut self) -> PyResult<f64> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(f64::from_le_bytes(a))
    }
    fn text(&mut self, n: usize) -> PyResult {
        let b = self.take(n)?.to_vec();
        String::from_utf8(b).map(Obj::string).map_err(|_| value_error("bad marshal data (invalid unicode)"))
    }
    fn items(&mut self, n: usize) -> PyResult<Vec<Obj>> {
        (0..n).map(|_| self.object()).collect()
    }

    fn object(&mut self) -> PyResult {
        let code = self.byte().map_err(|_| bad_data())?;
        let flag = code & FLAG_REF != 0;
        // a container is registered before its items are read (they may refer to it)
        let slot = if flag {
            self.refs.push(Obj::none());
            Some(self.refs.len() - 1)
        } else {
            None
        };
        let v = match code & !FLAG_REF {
            b'0' => return Err(value_error("bad marshal data (unknown type code)")),
            b'N' => Obj::none(),
            b'F' => Obj::bool(false),
            b'T' => Obj::bool(true),
            b'.' => Obj::from_static(&crate::objects::none::ELLIPSIS),
            b'S' => crate::objects::exc_types::STOP_ITERATION.obj(),
            b'i' => Obj::int(self.long()? as i64),
            b'l' => self.pylong()?,
            b'g' => Obj::float(self.f64()?),
            b'y' => {
                let (re, im) = (self.f64()?, self.f64()?);
                crate::objects::complex::new_complex(re, im)
            }
            b's' => {
                let n = self.size()?;
                Obj::bytes(self.take(n)?)
            }
            b'u' | b't' | b'a' | b'A' => {
                let n = self.size()?;
                self.text(n)?
            }
            b'z' | b'Z' => {
                let n = self.byte()? as usize;
                self.text(n)?
            }
            b')' => {
                let n = self.byte()? as usize;
                Obj::tuple(self.items(n)?)
            }
            b'(' => {
                let n = self.size()?;
                Obj::tuple(self.items(n)?)
            }
            b'[' => {
                let n = self.size()?;
                let l = crate::objects::list::new_list(vec![]);
                self.set_ref(slot, &l);
                let items = self.items(n)?;
                *crate::objects::list::as_list(&l).unwrap().borrow_mut() = items;
                l
            }
            b'{' => {
                let d = new_dict();
                self.set_ref(slot, &d);
                loop {
                    if self.data.get(self.pos) == Some(&b'0') {
                        self.pos += 1;
                        break;
                    }
                    let k = self.object()?;
                    let v = self.object()?;
                    dict_set(&d, k, v)?;
                }
                d
            }
            c @ (b'<' | b'>') => {
                let n = self.size()?;
                let s = set::new_set(c == b'>');
                self.set_ref(slot, &s);
                for i in self.items(n)? {
                    set::set_add(&s, i)?;
                }
                s
            }
            b'r' => {
                let i = self.size()?;
                return self.refs.get(i).cloned().ok_or_else(|| value_error("bad marshal data (invalid reference)"));
            }
            b'c' => return Err(value_error("bad marshal data (code objects are not supported)")),
            _ => return Err(value_error("bad marshal data (unknown type code)")),
        };
        self.set_ref(slot, &v);
        Ok(v)
    }

    fn set_ref(&mut self, slot: Option<usize>, v: &Obj) {
        if let Some(i) = slot {
            self.refs[i] = v.clone();
        }
    }

    fn pylong(&mut self) -> PyResult {
        let n = self.long()?;
        let mut v = Obj::int(0);
        let base = Obj::int(1 << 15);
        let digits: Vec<u16> = (0..n.unsigned_abs()).map(|_| self.take(2).map(|b| u16::from_le_bytes([b[0], b[1]]))).collect::<PyResult<_>>()?;
        for d in digits.iter().rev() {
            v = ops::binary_op(&ops::binary_op(&v, &base, crate::BinOp::Mul)?, &Obj::int(*d as i64), crate::BinOp::Add)?;
        }
        if n < 0 {
            v = ops::unary_neg(&v)?;
        }
        Ok(v)
    }
}

fn dumps(a: &[Obj], k: Option<&Obj>) -> PyResult {
    let args = bind("dumps", a, k, &["value", "version"], 2, 1)?;
    let mut out = Vec::new();
    w_object(&mut out, args[0].as_ref().unwrap(), 0)?;
    Ok(Obj::bytes(&out))
}

fn loads_bytes(data: &[u8]) -> PyResult<(Obj, usize)> {
    let mut r = Reader { data, pos: 0, refs: Vec::new() };
    let v = r.object()?;
    Ok((v, r.pos))
}

fn loads(a: &[Obj], k: Option<&Obj>) -> PyResult {
    let args = bind("loads", a, k, &["bytes"], 1, 1)?;
    let b = args[0].as_ref().unwrap();
    let data = crate::objects::bytes::as_bytes(b)
        .ok_or_else(|| crate::objects::exceptions::type_error(format!("a bytes-like object is required, not '{}'", b.type_name())))?
        .to_vec();
    Ok(loads_bytes(&data)?.0)
}

fn dump(a: &[Obj], k: Option<&Obj>) -> PyResult {
    let args = bind("dump", a, k, &["value", "file", "version"], 3, 2)?;
    let data = dumps(&a[..1], None)?;
    crate::call(&ops::getattr_str(args[1].as_ref().unwrap(), "write")?, vec![data], None)?;
    Ok(Obj::none())
}

/// `load(file)`: reads the rest of the file and unmarshals its first value.
fn load(a: &[Obj], k: Option<&Obj>) -> PyResult {
    let args = bind("load", a, k, &["file"], 1, 1)?;
    let data = crate::call(&ops::getattr_str(args[0].as_ref().unwrap(), "read")?, vec![], None)?;
    let bytes = crate::objects::bytes::as_bytes(&data).map(|b| b.to_vec()).unwrap_or_default();
    Ok(loads_bytes(&bytes)?.0)
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("marshal"))?;
    dict_set(&d, Obj::str("version"), Obj::int(4))?;
    let fns: &[(&'static str, BuiltinFn)] = &[("dumps", dumps), ("loads", loads), ("dump", dump), ("load", load)];
    for (n, f) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *f))?;
    }
    Ok(crate::objects::module::new_module("marshal", d))
}
