//! Abstract operations (CPython's Objects/abstract.c + object.c): binary/unary arithmetic
//! dispatch, rich comparison, truth, hashing, iteration, attribute and item access, repr/str.
use crate::object::{Layout, Obj};
use crate::objects::builtin_fn::{as_builtin, as_builtin_method, new_builtin_method};
use crate::objects::bytes::{as_bytes, bytes_getitem, bytes_hash, bytes_repr};
use crate::objects::dict::{self, dict_get_str};
use crate::objects::exceptions::{self, attribute_error, index_error, overflow_error, type_error, Exc};
use crate::objects::float::{self, as_float, cmp_int_float, float_binop, float_hash, float_repr};
use crate::objects::function::{as_func, as_method, new_method};
use crate::objects::int::{self, as_int, int_binop, int_cmp, int_hash, int_to_f64, IntVal};
use crate::objects::iter::{self, dyn_iter_next, seq_iter, seq_iter_next, DynIter, SeqIter};
use crate::objects::list::{self, as_list, new_list};
use crate::objects::module::{as_descr, as_module};
use crate::objects::range::{self, as_range, range_iter_next, RangeIter};
use crate::objects::set::{self, as_set};
use crate::objects::str::{str_hash, str_obj, str_repeat, str_repr};
use crate::objects::tuple::{self, try_tuple_items};
use crate::objects::typeobj::{self, instance_dict, type_lookup};
use crate::PyResult;
use std::cell::RefCell;
use std::cmp::Ordering;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
    MatMul,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CmpOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::TrueDiv => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::And => "&",
            BinOp::Or => "|",
            BinOp::Xor => "^",
            BinOp::MatMul => "@",
        }
    }
    fn dunder(self) -> (&'static str, &'static str, &'static str) {
        match self {
            BinOp::Add => ("__add__", "__radd__", "__iadd__"),
            BinOp::Sub => ("__sub__", "__rsub__", "__isub__"),
            BinOp::Mul => ("__mul__", "__rmul__", "__imul__"),
            BinOp::TrueDiv => ("__truediv__", "__rtruediv__", "__itruediv__"),
            BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
            BinOp::Mod => ("__mod__", "__rmod__", "__imod__"),
            BinOp::Pow => ("__pow__", "__rpow__", "__ipow__"),
            BinOp::LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
            BinOp::RShift => ("__rshift__", "__rrshift__", "__irshift__"),
            BinOp::And => ("__and__", "__rand__", "__iand__"),
            BinOp::Or => ("__or__", "__ror__", "__ior__"),
            BinOp::Xor => ("__xor__", "__rxor__", "__ixor__"),
            BinOp::MatMul => ("__matmul__", "__rmatmul__", "__imatmul__"),
        }
    }
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
    fn swapped(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Eq => CmpOp::Eq,
            CmpOp::Ne => CmpOp::Ne,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
        }
    }
    fn dunder(self) -> &'static str {
        match self {
            CmpOp::Lt => "__lt__",
            CmpOp::Le => "__le__",
            CmpOp::Eq => "__eq__",
            CmpOp::Ne => "__ne__",
            CmpOp::Gt => "__gt__",
            CmpOp::Ge => "__ge__",
        }
    }
    #[inline]
    pub fn from_ord(self, o: Ordering) -> bool {
        match self {
            CmpOp::Lt => o == Ordering::Less,
            CmpOp::Le => o != Ordering::Greater,
            CmpOp::Eq => o == Ordering::Equal,
            CmpOp::Ne => o != Ordering::Equal,
            CmpOp::Gt => o == Ordering::Greater,
            CmpOp::Ge => o != Ordering::Less,
        }
    }
}

// ---------------------------------------------------------------- helpers for classes

fn is_heap(o: &Obj) -> bool {
    o.ty().heap
}

/// Looks up a special method on the type of `o` (classes only).
pub fn lookup_special(o: &Obj, name: &'static str) -> Option<Obj> {
    if !is_heap(o) {
        return None;
    }
    crate::objects::typeobj::type_lookup_obj(o.ty(), &crate::object::intern(name))
}

/// Calls special method `name` on `o` if its class defines it.
pub fn call_special(o: &Obj, name: &'static str, args: Vec<Obj>) -> Option<PyResult> {
    let f = lookup_special(o, name)?;
    let mut a = Vec::with_capacity(args.len() + 1);
    a.push(o.clone());
    a.extend(args);
    Some(crate::call(&f, a, None))
}

/// For attributes found on a class: staticmethod/classmethod unwrapping when accessed on the class.
pub fn static_or_class_method(v: &Obj, cls: &Obj) -> Option<Obj> {
    let d = as_descr(v)?;
    match d.kind {
        1 => Some(d.fget.clone()),
        2 => Some(new_method(d.fget.clone(), cls.clone())),
        _ => None,
    }
}

// ---------------------------------------------------------------- arithmetic

fn binop_type_error(a: &Obj, b: &Obj, op: BinOp, inplace: bool) -> Exc {
    let sym = if op == BinOp::Pow { if inplace { "**=" } else { "** or pow()" } } else { op.symbol() };
    let eq = if inplace && op != BinOp::Pow { "=" } else { "" };
    type_error(format!(
        "unsupported operand type(s) for {}{}: '{}' and '{}'",
        sym,
        eq,
        a.type_name(),
        b.type_name()
    ))
}

/// `a <op> b`
#[inline]
pub fn binary_op(a: &Obj, b: &Obj, op: BinOp) -> PyResult {
    if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) {
        let r = match op {
            BinOp::Add => x.checked_add(y),
            BinOp::Sub => x.checked_sub(y),
            BinOp::Mul => x.checked_mul(y),
            BinOp::FloorDiv if y != 0 => int::floordiv_i64(x, y),
            BinOp::Mod if y != 0 => Some(int::mod_i64(x, y)),
            BinOp::And => Some(x & y),
            BinOp::Or => Some(x | y),
            BinOp::Xor => Some(x ^ y),
            _ => None,
        };
        if let Some(r) = r {
            return Ok(Obj::int(r));
        }
    } else if let (Some(x), Some(y)) = (a.as_f64(), b.as_f64()) {
        match op {
            BinOp::Add => return Ok(Obj::float(x + y)),
            BinOp::Sub => return Ok(Obj::float(x - y)),
            BinOp::Mul => return Ok(Obj::float(x * y)),
            _ => {}
        }
    }
    binary_op_slow(a, b, op, false)
}

/// `a <op>= b`: in-place for mutable containers, else like binary_op.
pub fn inplace_op(a: &Obj, b: &Obj, op: BinOp) -> PyResult {
    if op == BinOp::Add && crate::objects::str::str_append_in_place(a, b) {
        return Ok(a.clone());
    }
    if a.is_type(&list::LIST_TYPE) {
        match op {
            BinOp::Add => {
                let items = collect_iterable(b)?;
                as_list(a).unwrap().borrow_mut().extend(items);
                return Ok(a.clone());
            }
            BinOp::Mul => {
                if let Some(n) = int::int_as_i64(b) {
                    let l = as_list(a).unwrap();
                    let items = l.borrow().clone();
                    let mut v = Vec::new();
                    for _ in 0..n.max(0) {
                        v.extend_from_slice(&items);
                    }
                    *l.borrow_mut() = v;
                    return Ok(a.clone());
                }
            }
            _ => {}
        }
    }
    if a.is_type(&set::SET_TYPE) && as_set(b).is_some() {
        let r = match op {
            BinOp::Or => set::set_op(a, b, 0)?,
            BinOp::And => set::set_op(a, b, 1)?,
            BinOp::Sub => set::set_op(a, b, 2)?,
            BinOp::Xor => set::set_op(a, b, 3)?,
            _ => return binary_op_slow(a, b, op, true),
        };
        let nt = std::mem::take(&mut *as_set(&r).unwrap().borrow_mut());
        let old = std::mem::replace(&mut *as_set(a).unwrap().borrow_mut(), nt);
        drop(old);
        return Ok(a.clone());
    }
    if a.is_type(&dict::DICT_TYPE) && op == BinOp::Or {
        dict::dict_update_from(a, b)?;
        return Ok(a.clone());
    }
    if is_heap(a) {
        if let Some(r) = call_special(a, op.dunder().2, vec![b.clone()]) {
            let r = r?;
            if !r.is_not_implemented() {
                return Ok(r);
            }
        }
    }
    if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) {
        if let Some(r) = match op {
            BinOp::Add => x.checked_add(y),
            BinOp::Sub => x.checked_sub(y),
            BinOp::Mul => x.checked_mul(y),
            _ => None,
        } {
            return Ok(Obj::int(r));
        }
    }
    binary_op_slow(a, b, op, true)
}

fn seq_repeat(items: &[Obj], n: i64) -> Vec<Obj> {
    let mut v = Vec::with_capacity(items.len() * n.max(0) as usize);
    for _ in 0..n.max(0) {
        v.extend_from_slice(items);
    }
    v
}

fn repeat_count(o: &Obj) -> Option<PyResult<i64>> {
    match as_int(o) {
        Some(IntVal::Small(i)) => Some(Ok(*i)),
        Some(IntVal::Big(b)) => Some(if b.neg { Ok(0) } else { Err(overflow_error("cannot fit 'int' into an index-sized integer")) }),
        None => None,
    }
}

fn builtin_binop(a: &Obj, b: &Obj, op: BinOp) -> Option<PyResult> {
    let (la, lb) = (a.layout(), b.layout());
    if la == Layout::Complex || lb == Layout::Complex {
        return crate::objects::complex::complex_binop(a, b, op);
    }
    match (la, lb) {
        (Layout::Int, Layout::Int) => return int_binop(as_int(a).unwrap(), as_int(b).unwrap(), op),
        (Layout::Float, Layout::Float) | (Layout::Float, Layout::Int) | (Layout::Int, Layout::Float) => {
            if matches!(op, BinOp::LShift | BinOp::RShift | BinOp::And | BinOp::Or | BinOp::Xor | BinOp::MatMul) {
                return None;
            }
            let x = match as_float(a) {
                Some(f) => f,
                None => match int_to_f64(as_int(a).unwrap()) {
                    Ok(f) => f,
                    Err(e) => return Some(Err(e)),
                },
            };
            let y = match as_float(b) {
                Some(f) => f,
                None => match int_to_f64(as_int(b).unwrap()) {
                    Ok(f) => f,
                    Err(e) => return Some(Err(e)),
                },
            };
            return float_binop(x, y, op);
        }
        _ => {}
    }
    match op {
        BinOp::Add => {
            if la == Layout::Str && lb == Layout::Str {
                return Some(Ok(crate::objects::str::str_concat_objs(a, b)));
            }
            if la == Layout::List && lb == Layout::List {
                let mut v = as_list(a).unwrap().borrow().clone();
                v.extend(as_list(b).unwrap().borrow().iter().cloned());
                return Some(Ok(new_list(v)));
            }
            if la == Layout::Tuple && lb == Layout::Tuple {
                let mut v = try_tuple_items(a).unwrap().to_vec();
                v.extend_from_slice(try_tuple_items(b).unwrap());
                return Some(Ok(Obj::tuple(v)));
            }
            if la == Layout::Bytes && lb == Layout::Bytes {
                let mut v = as_bytes(a).unwrap().to_vec();
                v.extend_from_slice(as_bytes(b).unwrap());
                return Some(Ok(Obj::bytes(&v)));
            }
            if matches!(la, Layout::Str | Layout::List | Layout::Tuple) && !is_heap(b) {
                let n = a.ty().name;
                return Some(Err(type_error(format!(
                    "can only concatenate {} (not \"{}\") to {}",
                    n,
                    b.type_name(),
                    n
                ))));
            }
        }
        BinOp::Mul => {
            let (seq, cnt) = if matches!(la, Layout::Str | Layout::List | Layout::Tuple | Layout::Bytes) {
                (a, b)
            } else if matches!(lb, Layout::Str | Layout::List | Layout::Tuple | Layout::Bytes) {
                (b, a)
            } else {
                return None;
            };
            let n = match repeat_count(cnt) {
                Some(Ok(n)) => n,
                Some(Err(e)) => return Some(Err(e)),
                None => {
                    if is_heap(cnt) {
                        return None;
                    }
                    return Some(Err(type_error(format!(
                        "can't multiply sequence by non-int of type '{}'",
                        cnt.type_name()
                    ))));
                }
            };
            return Some(match seq.layout() {
                Layout::Str => str_repeat(seq.as_str().unwrap(), n),
                Layout::List => Ok(new_list(seq_repeat(&as_list(seq).unwrap().borrow(), n))),
                Layout::Tuple => Ok(Obj::tuple(seq_repeat(try_tuple_items(seq).unwrap(), n))),
                _ => Ok(Obj::bytes(&as_bytes(seq).unwrap().repeat(n.max(0) as usize))),
            });
        }
        BinOp::Mod => {
            if la == Layout::Str {
                return Some(crate::format::percent_format(a.as_str().unwrap(), b));
            }
        }
        BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor => {
            if (la == Layout::DictView && matches!(lb, Layout::Set | Layout::DictView))
                || (la == Layout::Set && lb == Layout::DictView)
            {
                let code = match op {
                    BinOp::Or => 0,
                    BinOp::And => 1,
                    BinOp::Sub => 2,
                    _ => 3,
                };
                let x = match set::set_from_iter(a, false) {
                    Ok(x) => x,
                    Err(e) => return Some(Err(e)),
                };
                return Some(set::set_op(&x, b, code));
            }
            if la == Layout::Set && lb == Layout::Set {
                let code = match op {
                    BinOp::Or => 0,
                    BinOp::And => 1,
                    BinOp::Sub => 2,
                    _ => 3,
                };
                return Some(set::set_op(a, b, code));
            }
            if op == BinOp::Or && la == Layout::Dict && lb == Layout::Dict {
                let d = match dict::dict_from_pairs(dict::dict_items(a)) {
                    Ok(d) => d,
                    Err(e) => return Some(Err(e)),
                };
                return Some(dict::dict_update_from(&d, b).map(|_| d));
            }
        }
        _ => {}
    }
    None
}

fn binary_op_slow(a: &Obj, b: &Obj, op: BinOp, inplace: bool) -> PyResult {
    let (fwd, rev, _) = op.dunder();
    let heap_a = is_heap(a);
    let heap_b = is_heap(b);
    if !heap_a && !heap_b {
        if let Some(r) = builtin_binop(a, b, op) {
            return r;
        }
        return Err(binop_type_error(a, b, op, inplace));
    }
    // b's reflected method first if b's type is a proper subclass of a's type
    let b_first = heap_b && !std::ptr::eq(a.ty(), b.ty()) && b.ty().is_subtype(a.ty());
    if b_first {
        if let Some(r) = call_special(b, rev, vec![a.clone()]) {
            let r = r?;
            if !r.is_not_implemented() {
                return Ok(r);
            }
        }
    }
    if heap_a {
        if let Some(r) = call_special(a, fwd, vec![b.clone()]) {
            let r = r?;
            if !r.is_not_implemented() {
                return Ok(r);
            }
        }
    } else if let Some(r) = builtin_binop(a, b, op) {
        return r;
    }
    if heap_b && !b_first && !std::ptr::eq(a.ty(), b.ty()) {
        if let Some(r) = call_special(b, rev, vec![a.clone()]) {
            let r = r?;
            if !r.is_not_implemented() {
                return Ok(r);
            }
        }
    }
    Err(binop_type_error(a, b, op, inplace))
}

pub fn unary_neg(o: &Obj) -> PyResult {
    if let Some(i) = as_int(o) {
        return Ok(int::int_neg(i));
    }
    if let Some(f) = as_float(o) {
        return Ok(Obj::float(-f));
    }
    if let Some(c) = crate::objects::complex::as_complex(o) {
        return Ok(crate::objects::complex::new_complex(-c.re, -c.im));
    }
    if let Some(r) = call_special(o, "__neg__", vec![]) {
        return r;
    }
    Err(type_error(format!("bad operand type for unary -: '{}'", o.type_name())))
}

pub fn unary_pos(o: &Obj) -> PyResult {
    if let Some(i) = as_int(o) {
        return Ok(int::int_from_big(int::to_big(i).into_owned()));
    }
    if let Some(f) = as_float(o) {
        return Ok(Obj::float(f));
    }
    if let Some(r) = call_special(o, "__pos__", vec![]) {
        return r;
    }
    Err(type_error(format!("bad operand type for unary +: '{}'", o.type_name())))
}

pub fn unary_invert(o: &Obj) -> PyResult {
    if let Some(i) = as_int(o) {
        return Ok(int::int_invert(i));
    }
    if let Some(r) = call_special(o, "__invert__", vec![]) {
        return r;
    }
    Err(type_error(format!("bad operand type for unary ~: '{}'", o.type_name())))
}

pub fn unary_not(o: &Obj) -> PyResult {
    Ok(Obj::bool(!is_true(o)?))
}

// ---------------------------------------------------------------- truth, len

#[inline]
pub fn is_true(o: &Obj) -> PyResult<bool> {
    if o.is_true_obj() {
        return Ok(true);
    }
    if o.is_false_obj() || o.is_none() {
        return Ok(false);
    }
    match o.layout() {
        Layout::Int => Ok(!int::int_is_zero(as_int(o).unwrap())),
        Layout::Float => Ok(as_float(o).unwrap() != 0.0),
        Layout::Str if !is_heap(o) => Ok(!o.as_str().unwrap().is_empty()),
        Layout::List if !is_heap(o) => Ok(!as_list(o).unwrap().borrow().is_empty()),
        Layout::Tuple if !is_heap(o) => Ok(!try_tuple_items(o).unwrap().is_empty()),
        Layout::Dict if !is_heap(o) => Ok(dict::dict_len(o) != 0),
        Layout::Set if !is_heap(o) => Ok(set::set_len(o) != 0),
        Layout::Range => Ok(as_range(o).unwrap().len != 0),
        Layout::Bytes => Ok(!as_bytes(o).unwrap().is_empty()),
        Layout::Complex => {
            let c = crate::objects::complex::as_complex(o).unwrap();
            Ok(c.re != 0.0 || c.im != 0.0)
        }
        _ => {
            if let Some(r) = call_special(o, "__bool__", vec![]) {
                let r = r?;
                if !r.is_bool() {
                    return Err(type_error(format!("__bool__ should return bool, returned {}", r.type_name())));
                }
                return Ok(r.is_true_obj());
            }
            if lookup_special(o, "__len__").is_some() {
                return Ok(len(o)? != 0);
            }
            if matches!(o.layout(), Layout::DictView | Layout::Deque) {
                return Ok(len(o)? != 0);
            }
            Ok(true)
        }
    }
}

/// len(o)
pub fn len(o: &Obj) -> PyResult<usize> {
    if !is_heap(o) || o.layout() != Layout::Instance {
        match o.layout() {
            Layout::Str => return Ok(str_obj(o).unwrap().nchars),
            Layout::List => return Ok(as_list(o).unwrap().borrow().len()),
            Layout::Tuple => return Ok(try_tuple_items(o).unwrap().len()),
            Layout::Dict => return Ok(dict::dict_len(o)),
            Layout::Set => return Ok(set::set_len(o)),
            Layout::Range => return Ok(as_range(o).unwrap().len as usize),
            Layout::Bytes => return Ok(as_bytes(o).unwrap().len()),
            Layout::Deque => return Ok(crate::modules::collections::as_deque(o).unwrap().items.borrow().len()),
            Layout::DictView => {
                let v = o.payload::<dict::DictView>(Layout::DictView).unwrap();
                return Ok(dict::dict_len(&v.dict));
            }
            _ => {}
        }
    }
    if let Some(r) = call_special(o, "__len__", vec![]) {
        let r = r?;
        let n = index_value(&r)?;
        if n < 0 {
            return Err(exceptions::value_error("__len__() should return >= 0"));
        }
        return Ok(n as usize);
    }
    Err(type_error(format!("object of type '{}' has no len()", o.type_name())))
}

// ---------------------------------------------------------------- comparison

fn seq_compare(a: &[Obj], b: &[Obj], op: CmpOp) -> PyResult<bool> {
    crate::objects::function::with_recursion(" in comparison", || seq_compare_inner(a, b, op))
}

fn seq_compare_inner(a: &[Obj], b: &[Obj], op: CmpOp) -> PyResult<bool> {
    let n = a.len().min(b.len());
    for i in 0..n {
        if !eq(&a[i], &b[i])? {
            if op == CmpOp::Eq {
                return Ok(false);
            }
            if op == CmpOp::Ne {
                return Ok(true);
            }
            return compare_bool(&a[i], &b[i], op);
        }
    }
    Ok(op.from_ord(a.len().cmp(&b.len())))
}

fn builtin_compare(a: &Obj, b: &Obj, op: CmpOp) -> Option<PyResult<bool>> {
    let (la, lb) = (a.layout(), b.layout());
    if (la == Layout::Complex || lb == Layout::Complex) && matches!(op, CmpOp::Eq | CmpOp::Ne) {
        let (x, y) = (crate::objects::complex::to_complex(a)?, crate::objects::complex::to_complex(b)?);
        return Some((|| {
            let (x, y) = (x?, y?);
            Ok((x.re == y.re && x.im == y.im) == (op == CmpOp::Eq))
        })());
    }
    match (la, lb) {
        (Layout::Int, Layout::Int) => Some(Ok(op.from_ord(int_cmp(as_int(a).unwrap(), as_int(b).unwrap())))),
        (Layout::Float, Layout::Float) => {
            let (x, y) = (as_float(a).unwrap(), as_float(b).unwrap());
            Some(Ok(match x.partial_cmp(&y) {
                Some(o) => op.from_ord(o),
                None => op == CmpOp::Ne,
            }))
        }
        (Layout::Int, Layout::Float) => Some(Ok(match cmp_int_float(as_int(a).unwrap(), as_float(b).unwrap()) {
            Some(o) => op.from_ord(o),
            None => op == CmpOp::Ne,
        })),
        (Layout::Float, Layout::Int) => Some(Ok(match cmp_int_float(as_int(b).unwrap(), as_float(a).unwrap()) {
            Some(o) => op.from_ord(o.reverse()),
            None => op == CmpOp::Ne,
        })),
        (Layout::Str, Layout::Str) => Some(Ok(op.from_ord(a.as_str().unwrap().cmp(b.as_str().unwrap())))),
        (Layout::Bytes, Layout::Bytes) => Some(Ok(op.from_ord(as_bytes(a).unwrap().cmp(as_bytes(b).unwrap())))),
        (Layout::Tuple, Layout::Tuple) => Some(seq_compare(try_tuple_items(a).unwrap(), try_tuple_items(b).unwrap(), op)),
        (Layout::List, Layout::List) => {
            let x = as_list(a).unwrap().borrow().clone();
            let y = as_list(b).unwrap().borrow().clone();
            Some(seq_compare(&x, &y, op))
        }
        (Layout::Deque, Layout::Deque) => {
            let x: Vec<Obj> = crate::modules::collections::as_deque(a).unwrap().items.borrow().iter().cloned().collect();
            let y: Vec<Obj> = crate::modules::collections::as_deque(b).unwrap().items.borrow().iter().cloned().collect();
            Some(seq_compare(&x, &y, op))
        }
        (Layout::Range, Layout::Range) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
            let (x, y) = (as_range(a).unwrap(), as_range(b).unwrap());
            let same = x.len == y.len && (x.len == 0 || (x.start == y.start && (x.len == 1 || x.step == y.step)));
            Some(Ok(same == (op == CmpOp::Eq)))
        }
        (Layout::Dict, Layout::Dict) if matches!(op, CmpOp::Eq | CmpOp::Ne) => Some(dict_eq(a, b).map(|e| e == (op == CmpOp::Eq))),
        (Layout::Set, Layout::Set) => Some((|| {
            let (na, nb) = (set::set_len(a), set::set_len(b));
            Ok(match op {
                CmpOp::Eq => na == nb && set::is_subset(a, b)?,
                CmpOp::Ne => !(na == nb && set::is_subset(a, b)?),
                CmpOp::Le => set::is_subset(a, b)?,
                CmpOp::Lt => na < nb && set::is_subset(a, b)?,
                CmpOp::Ge => set::is_subset(b, a)?,
                CmpOp::Gt => na > nb && set::is_subset(b, a)?,
            })
        })()),
        (Layout::DictView, Layout::DictView) | (Layout::DictView, Layout::Set) | (Layout::Set, Layout::DictView)
            if matches!(op, CmpOp::Eq | CmpOp::Ne) =>
        {
            Some((|| {
                let x = set::set_from_iter(a, true)?;
                let y = set::set_from_iter(b, true)?;
                let e = set::set_len(&x) == set::set_len(&y) && set::is_subset(&x, &y)?;
                Ok(e == (op == CmpOp::Eq))
            })())
        }
        _ => None,
    }
}

fn dict_eq(a: &Obj, b: &Obj) -> PyResult<bool> {
    if dict::dict_len(a) != dict::dict_len(b) {
        return Ok(false);
    }
    for (k, v) in dict::dict_items(a) {
        match dict::dict_get(b, &k)? {
            Some(w) => {
                if !eq(&v, &w)? {
                    return Ok(false);
                }
            }
            None => return Ok(false),
        }
    }
    Ok(true)
}

/// Rich comparison returning a bool (fused compare + truth).
#[inline]
pub fn compare_bool(a: &Obj, b: &Obj, op: CmpOp) -> PyResult<bool> {
    if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) {
        return Ok(op.from_ord(x.cmp(&y)));
    }
    if let (Some(x), Some(y)) = (a.as_f64(), b.as_f64()) {
        return Ok(match x.partial_cmp(&y) {
            Some(o) => op.from_ord(o),
            None => op == CmpOp::Ne,
        });
    }
    if !is_heap(a) && !is_heap(b) {
        if a.layout() == Layout::Tuple && !a.is_type(&tuple::TUPLE_TYPE) {
            if let Some(r) = crate::modules::functools::cmp_key_compare(a, b, op) {
                return r;
            }
        }
        if let Some(r) = builtin_compare(a, b, op) {
            return r;
        }
        return match op {
            CmpOp::Eq => Ok(a.is(b)),
            CmpOp::Ne => Ok(!a.is(b)),
            _ => Err(cmp_type_error(a, b, op)),
        };
    }
    let r = compare(a, b, op)?;
    is_true(&r)
}

fn cmp_type_error(a: &Obj, b: &Obj, op: CmpOp) -> Exc {
    type_error(format!(
        "'{}' not supported between instances of '{}' and '{}'",
        op.symbol(),
        a.type_name(),
        b.type_name()
    ))
}

/// Rich comparison returning an object.
pub fn compare(a: &Obj, b: &Obj, op: CmpOp) -> PyResult {
    if !is_heap(a) && !is_heap(b) {
        return compare_bool(a, b, op).map(Obj::bool);
    }
    let b_first = is_heap(b) && !std::ptr::eq(a.ty(), b.ty()) && b.ty().is_subtype(a.ty());
    if b_first {
        if let Some(r) = call_special(b, op.swapped().dunder(), vec![a.clone()]) {
            let r = r?;
            if !r.is_not_implemented() {
                return Ok(r);
            }
        }
    }
    if let Some(r) = call_special(a, op.dunder(), vec![b.clone()]) {
        let r = r?;
        if !r.is_not_implemented() {
            return Ok(r);
        }
    } else if !is_heap(a) || a.layout() != Layout::Instance {
        if let Some(r) = builtin_compare(a, b, op) {
            return r.map(Obj::bool);
        }
    }
    if !b_first {
        if let Some(r) = call_special(b, op.swapped().dunder(), vec![a.clone()]) {
            let r = r?;
            if !r.is_not_implemented() {
                return Ok(r);
            }
        }
    }
    if op == CmpOp::Ne {
        if let Some(r) = call_special(a, "__eq__", vec![b.clone()]) {
            let r = r?;
            if !r.is_not_implemented() {
                return Ok(Obj::bool(!is_true(&r)?));
            }
        }
    }
    match op {
        CmpOp::Eq => Ok(Obj::bool(a.is(b))),
        CmpOp::Ne => Ok(Obj::bool(!a.is(b))),
        _ => Err(cmp_type_error(a, b, op)),
    }
}

/// `a == b` with the identity shortcut containers use.
#[inline]
pub fn eq(a: &Obj, b: &Obj) -> PyResult<bool> {
    if a.is(b) {
        return Ok(true);
    }
    compare_bool(a, b, CmpOp::Eq)
}

#[inline]
pub fn lt(a: &Obj, b: &Obj) -> PyResult<bool> {
    compare_bool(a, b, CmpOp::Lt)
}

impl Obj {
    #[inline]
    pub fn is(&self, other: &Obj) -> bool {
        self.as_ptr() == other.as_ptr()
    }
}

// ---------------------------------------------------------------- hashing

pub fn hash(o: &Obj) -> PyResult<i64> {
    match o.layout() {
        Layout::Str => return Ok(str_hash(str_obj(o).unwrap())),
        Layout::Int if !is_heap(o) => return Ok(int_hash(as_int(o).unwrap())),
        Layout::Float if !is_heap(o) => return Ok(float_hash(as_float(o).unwrap())),
        Layout::Tuple => return tuple_hash(try_tuple_items(o).unwrap()),
        Layout::Bytes => return Ok(bytes_hash(as_bytes(o).unwrap())),
        Layout::Complex => return Ok(crate::objects::complex::complex_hash(crate::objects::complex::as_complex(o).unwrap())),
        Layout::List | Layout::Dict => return Err(type_error(format!("unhashable type: '{}'", o.type_name()))),
        Layout::Set => {
            if !set::is_frozen(o) {
                return Err(type_error(format!("unhashable type: '{}'", o.type_name())));
            }
            return Ok(frozenset_hash(o));
        }
        _ => {}
    }
    if is_heap(o) {
        if let Some(h) = lookup_special(o, "__hash__") {
            if h.is_none() {
                return Err(type_error(format!("unhashable type: '{}'", o.type_name())));
            }
            let r = crate::call(&h, vec![o.clone()], None)?;
            let v = as_int(&r).ok_or_else(|| type_error("__hash__ method should return an integer"))?;
            return Ok(int_hash(v));
        }
        if lookup_special(o, "__eq__").is_some() {
            return Err(type_error(format!("unhashable type: '{}'", o.type_name())));
        }
        if let Some(i) = as_int(o) {
            return Ok(int_hash(i));
        }
    }
    let p = o.addr() as u64;
    let h = ((p >> 4) | (p << 60)) as i64;
    Ok(if h == -1 { -2 } else { h })
}

fn tuple_hash(items: &[Obj]) -> PyResult<i64> {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let mut acc = P5;
    for it in items {
        let lane = hash(it)? as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((items.len() as u64) ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        return Ok(1546275796);
    }
    Ok(acc as i64)
}

fn frozenset_hash(o: &Obj) -> i64 {
    let mut h: u64 = 0;
    for k in set::items(o) {
        let x = hash(&k).unwrap_or(0) as u64;
        h ^= ((x ^ 89869747) ^ (x << 16)).wrapping_mul(3644798167);
    }
    h ^= (set::set_len(o) as u64 + 1).wrapping_mul(1927868237);
    h ^= (h >> 11) ^ (h >> 25);
    h = h.wrapping_mul(69069).wrapping_add(907133923);
    let r = h as i64;
    if r == -1 {
        590923713
    } else {
        r
    }
}

// ---------------------------------------------------------------- iteration

pub fn get_iter(o: &Obj) -> PyResult {
    match o.layout() {
        Layout::List if !is_heap(o) => return Ok(seq_iter(&iter::LIST_ITER_TYPE, o.clone())),
        Layout::Tuple if !is_heap(o) => return Ok(seq_iter(&iter::TUPLE_ITER_TYPE, o.clone())),
        Layout::Str if !is_heap(o) => return Ok(seq_iter(&iter::STR_ITER_TYPE, o.clone())),
        Layout::Range => return Ok(range::range_iter(as_range(o).unwrap())),
        Layout::Deque => return Ok(crate::modules::collections::deque_iter(o)),
        Layout::File => return Ok(o.clone()),
        Layout::Dict if !is_heap(o) => return Ok(dict::dict_iter(o, 0)),
        Layout::Set if !is_heap(o) => return Ok(set::set_iter(o)),
        Layout::DictView => {
            let v = o.payload::<dict::DictView>(Layout::DictView).unwrap();
            return Ok(dict::dict_iter(&v.dict, v.kind));
        }
        Layout::Bytes => {
            let items: Vec<Obj> = as_bytes(o).unwrap().iter().map(|b| Obj::int(*b as i64)).collect();
            return Ok(seq_iter(&iter::TUPLE_ITER_TYPE, Obj::tuple(items)));
        }
        Layout::SeqIter | Layout::RangeIter | Layout::DictIter | Layout::DynIter | Layout::SetIter | Layout::Generator => {
            return Ok(o.clone())
        }
        _ => {}
    }
    if let Some(r) = call_special(o, "__iter__", vec![]) {
        let it = r?;
        if !is_iterator(&it) {
            return Err(type_error(format!("iter() returned non-iterator of type '{}'", it.type_name())));
        }
        return Ok(it);
    }
    if lookup_special(o, "__getitem__").is_some() {
        let seq = o.clone();
        let mut i = 0i64;
        return Ok(iter::dyn_iter(
            &iter::GENERIC_ITER_TYPE,
            Box::new(move || match getitem(&seq, &Obj::int(i)) {
                Ok(v) => {
                    i += 1;
                    Ok(Some(v))
                }
                Err(e) => {
                    if e.is_instance(&exceptions::INDEX_ERROR) || e.is_instance(&exceptions::STOP_ITERATION) {
                        Ok(None)
                    } else {
                        Err(e)
                    }
                }
            }),
        ));
    }
    match o.layout() {
        Layout::List => Ok(seq_iter(&iter::LIST_ITER_TYPE, o.clone())),
        Layout::Tuple => Ok(seq_iter(&iter::TUPLE_ITER_TYPE, o.clone())),
        Layout::Str => Ok(seq_iter(&iter::STR_ITER_TYPE, o.clone())),
        Layout::Dict => Ok(dict::dict_iter(o, 0)),
        Layout::Set => Ok(set::set_iter(o)),
        _ => Err(type_error(format!("'{}' object is not iterable", o.type_name()))),
    }
}

fn is_iterator(o: &Obj) -> bool {
    matches!(o.layout(), Layout::SeqIter | Layout::RangeIter | Layout::DictIter | Layout::DynIter | Layout::SetIter | Layout::Generator)
        || lookup_special(o, "__next__").is_some()
}

/// Next item of an iterator; Ok(None) when exhausted.
#[inline]
pub fn iter_next(it: &Obj) -> PyResult<Option<Obj>> {
    match it.layout() {
        Layout::RangeIter => Ok(range_iter_next(unsafe { it.data::<RangeIter>() })),
        Layout::SeqIter => Ok(seq_iter_next(unsafe { it.data::<SeqIter>() })),
        Layout::DictIter => dict::dict_iter_next(unsafe { it.data::<dict::DictIter>() }),
        Layout::SetIter => set::set_iter_next(unsafe { it.data::<set::SetIter>() }),
        Layout::DynIter => dyn_iter_next(unsafe { it.data::<DynIter>() }),
        Layout::Generator => crate::objects::generator::gen_iter_next(unsafe { it.data::<crate::objects::generator::GenObj>() }),
        Layout::File => crate::modules::fileio::file_next(it),
        _ => match call_special(it, "__next__", vec![]) {
            Some(Ok(v)) => Ok(Some(v)),
            Some(Err(e)) => {
                if e.is_instance(&exceptions::STOP_ITERATION) {
                    Ok(None)
                } else {
                    Err(e)
                }
            }
            None => Err(type_error(format!("'{}' object is not an iterator", it.type_name()))),
        },
    }
}

/// All items of an iterable.
pub fn collect_iterable(o: &Obj) -> PyResult<Vec<Obj>> {
    if !is_heap(o) {
        match o.layout() {
            Layout::List => return Ok(as_list(o).unwrap().borrow().clone()),
            Layout::Tuple => return Ok(try_tuple_items(o).unwrap().to_vec()),
            _ => {}
        }
    }
    let it = get_iter(o)?;
    let mut v = Vec::new();
    while let Some(x) = iter_next(&it)? {
        v.push(x);
    }
    Ok(v)
}

/// `item in container`
pub fn contains(container: &Obj, item: &Obj) -> PyResult<bool> {
    if !is_heap(container) {
        match container.layout() {
            Layout::Str => {
                let s = item.as_str().ok_or_else(|| {
                    type_error(format!("'in <string>' requires string as left operand, not {}", item.type_name()))
                })?;
                return Ok(container.as_str().unwrap().contains(s));
            }
            Layout::List => {
                let mut i = 0;
                loop {
                    let x = match as_list(container).unwrap().borrow().get(i) {
                        Some(x) => x.clone(),
                        None => return Ok(false),
                    };
                    if eq(&x, item)? {
                        return Ok(true);
                    }
                    i += 1;
                }
            }
            Layout::Tuple => {
                for x in try_tuple_items(container).unwrap() {
                    if eq(x, item)? {
                        return Ok(true);
                    }
                }
                return Ok(false);
            }
            Layout::Dict => return Ok(dict::dict_get(container, item)?.is_some()),
            Layout::Set => return set::set_contains(container, item),
            Layout::Range => {
                if let Some(v) = int::int_as_i64(item) {
                    return Ok(range::range_contains(as_range(container).unwrap(), v));
                }
            }
            Layout::Bytes => {
                let b = as_bytes(container).unwrap();
                if let Some(v) = int::int_as_i64(item) {
                    return Ok(b.iter().any(|&c| c as i64 == v));
                }
                if let Some(s) = as_bytes(item) {
                    return Ok(s.is_empty() || b.windows(s.len()).any(|w| w == s));
                }
            }
            Layout::DictView => {
                let v = container.payload::<dict::DictView>(Layout::DictView).unwrap();
                if v.kind == 0 {
                    return Ok(dict::dict_get(&v.dict, item)?.is_some());
                }
            }
            _ => {}
        }
    }
    if let Some(r) = call_special(container, "__contains__", vec![item.clone()]) {
        return is_true(&r?);
    }
    let it = match get_iter(container) {
        Ok(it) => it,
        Err(_) => return Err(type_error(format!("argument of type '{}' is not iterable", container.type_name()))),
    };
    while let Some(x) = iter_next(&it)? {
        if eq(&x, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}

// ---------------------------------------------------------------- numbers as indices

pub fn has_index(o: &Obj) -> bool {
    as_int(o).is_some() || lookup_special(o, "__index__").is_some()
}

/// operator.index(o) as i64.
pub fn index_value(o: &Obj) -> PyResult<i64> {
    match as_int(o) {
        Some(IntVal::Small(i)) => Ok(*i),
        Some(IntVal::Big(_)) => Err(exceptions::new_exc(
            &exceptions::INDEX_ERROR,
            "cannot fit 'int' into an index-sized integer",
        )),
        None => {
            if let Some(r) = call_special(o, "__index__", vec![]) {
                return index_value(&r?);
            }
            Err(type_error(format!("'{}' object cannot be interpreted as an integer", o.type_name())))
        }
    }
}

// ---------------------------------------------------------------- items

pub fn getitem(o: &Obj, key: &Obj) -> PyResult {
    if !is_heap(o) {
        match o.layout() {
            Layout::List => return list::list_getitem(o, key),
            Layout::Dict => return dict::dict_getitem(o, key),
            Layout::Tuple => return tuple::tuple_getitem(o, key),
            Layout::Str => return crate::objects::str::str_getitem(o, key),
            Layout::Range => return range::range_getitem(o, key),
            Layout::Bytes => return bytes_getitem(o, key),
            Layout::Deque => return crate::modules::collections::deque_getitem(o, key),
            Layout::NativeFn if o.is_type(&crate::modules::re::MATCH_TYPE) => {
                return ops_call_method_getitem(o, key);
            }
            Layout::Type => {
                // PEP 585 generic alias (list[int]): return the type itself
                return Ok(o.clone());
            }
            _ => {}
        }
    }
    if let Some(r) = call_special(o, "__getitem__", vec![key.clone()]) {
        return r;
    }
    if o.layout() == Layout::Dict {
        if let Some(v) = dict::dict_get(o, key)? {
            return Ok(v);
        }
        if let Some(r) = call_special(o, "__missing__", vec![key.clone()]) {
            return r;
        }
        return Err(exceptions::key_error(key.clone()));
    }
    match o.layout() {
        Layout::List => return list::list_getitem(o, key),
        Layout::Tuple => return tuple::tuple_getitem(o, key),
        Layout::Str => return crate::objects::str::str_getitem(o, key),
        _ => {}
    }
    if o.layout() == Layout::Type {
        return Ok(o.clone());
    }
    Err(type_error(format!("'{}' object is not subscriptable", o.type_name())))
}

pub fn setitem(o: &Obj, key: &Obj, v: Obj) -> PyResult<()> {
    if !is_heap(o) {
        match o.layout() {
            Layout::List => return list::list_setitem(o, key, v),
            Layout::Dict => return dict::dict_set(o, key.clone(), v),
            Layout::Deque => return crate::modules::collections::deque_setitem(o, key, v),
            _ => {}
        }
    }
    if let Some(r) = call_special(o, "__setitem__", vec![key.clone(), v.clone()]) {
        return r.map(|_| ());
    }
    match o.layout() {
        Layout::List => list::list_setitem(o, key, v),
        Layout::Dict => dict::dict_set(o, key.clone(), v),
        _ => Err(type_error(format!("'{}' object does not support item assignment", o.type_name()))),
    }
}

pub fn delitem(o: &Obj, key: &Obj) -> PyResult<()> {
    if !is_heap(o) {
        match o.layout() {
            Layout::List => return list::list_delitem(o, key),
            Layout::Dict => return dict::dict_delitem(o, key),
            Layout::Deque => return crate::modules::collections::deque_delitem(o, key),
            _ => {}
        }
    }
    if let Some(r) = call_special(o, "__delitem__", vec![key.clone()]) {
        return r.map(|_| ());
    }
    match o.layout() {
        Layout::List => list::list_delitem(o, key),
        Layout::Dict => dict::dict_delitem(o, key),
        _ => Err(type_error(format!("'{}' object doesn't support item deletion", o.type_name()))),
    }
}

// ---------------------------------------------------------------- attributes

fn no_attr(o: &Obj, name: &str) -> Exc {
    if o.layout() == Layout::Type {
        return attribute_error(format!("type object '{}' has no attribute '{}'", o.as_type().name, name));
    }
    if let Some(m) = as_module(o) {
        return attribute_error(format!("module '{}' has no attribute '{}'", m.name, name));
    }
    attribute_error(format!("'{}' object has no attribute '{}'", o.type_name(), name))
}

/// Binds a class attribute found for instance `o` (functions become bound methods).
pub fn bind_attr(v: Obj, o: &Obj) -> PyResult {
    bind(v, o)
}

fn bind(v: Obj, o: &Obj) -> PyResult {
    match v.layout() {
        Layout::Function => Ok(new_method(v, o.clone())),
        Layout::NativeFn if v.is_type(&crate::objects::builtin_fn::NATIVE_METHOD_TYPE) => Ok(new_method(v, o.clone())),
        Layout::Property => {
            let d = as_descr(&v).unwrap();
            match d.kind {
                0 => crate::call(&d.fget, vec![o.clone()], None),
                1 => Ok(d.fget.clone()),
                _ => Ok(new_method(d.fget.clone(), o.ty().obj())),
            }
        }
        _ => Ok(v),
    }
}

pub fn getattr(o: &Obj, name: &Obj) -> PyResult {
    let ty = o.ty();
    if ty.heap && o.layout() == Layout::Instance && name.is_type(&crate::objects::str::STR_TYPE) {
        // fast path for instances of classes: no string allocation, cached hashes
        let cls_attr = crate::objects::typeobj::type_lookup_obj(ty, name);
        let is_data_descr = matches!(&cls_attr, Some(c) if as_descr(c).map(|d| d.kind == 0).unwrap_or(false));
        if !is_data_descr {
            if let Some(v) = crate::objects::typeobj::instance_dict_get(o, name) {
                return Ok(v);
            }
            if let Some(c) = cls_attr {
                return bind(c, o);
            }
        }
    }
    let n = name.as_str().ok_or_else(|| type_error("attribute name must be string"))?;
    getattr_str(o, n)
}

pub fn has_attr_str(o: &Obj, name: &str) -> bool {
    getattr_str(o, name).is_ok()
}

pub fn getattr_str(o: &Obj, name: &str) -> PyResult {
    let ty = o.ty();
    if ty.heap {
        // data descriptors (properties) on the class win over the instance dict
        let cls_attr = crate::objects::typeobj::type_lookup_dyn(ty, name);
        if let Some(c) = &cls_attr {
            if let Some(d) = as_descr(c) {
                if d.kind == 0 {
                    return bind(c.clone(), o);
                }
            }
        }
        if let Some(d) = instance_dict(o) {
            if let Some(v) = dict_get_str(&d, &Obj::str(name)) {
                return Ok(v);
            }
        }
        if let Some(v) = exceptions::exc_getattr(o, name) {
            return Ok(v);
        }
        if o.layout() == Layout::Tuple {
            if let Some(v) = crate::modules::collections::namedtuple_getattr(o, name) {
                return Ok(v);
            }
        }
        if let Some(c) = cls_attr {
            return bind(c, o);
        }
        if name == "__class__" {
            return Ok(ty.obj());
        }
        if name == "__dict__" {
            if let Some(d) = instance_dict(o) {
                return Ok(d);
            }
        }
        if let Some(f) = ty.find_method(name) {
            return Ok(new_builtin_method(static_name(ty, name), o.clone(), f));
        }
        if let Some(ga) = type_lookup(ty, "__getattr__") {
            return crate::call(&ga, vec![o.clone(), Obj::str(name)], None);
        }
        return Err(no_attr(o, name));
    }
    match o.layout() {
        Layout::Type => return typeobj::type_getattr(o, name),
        Layout::Super => return crate::objects::superobj::super_getattr(o, name),
        Layout::Deque => {
            if let Some(v) = crate::modules::collections::deque_getattr(o, name) {
                return Ok(v);
            }
        }
        Layout::File => {
            if let Some(v) = crate::modules::fileio::file_getattr(o, name) {
                return Ok(v);
            }
        }
        Layout::Module => {
            let m = as_module(o).unwrap();
            if let Some(v) = dict_get_str(&m.dict, &Obj::str(name)) {
                return Ok(v);
            }
            if name == "__name__" {
                return Ok(Obj::str(&m.name));
            }
            return Err(no_attr(o, name));
        }
        Layout::Exception => {
            if let Some(v) = exceptions::exc_getattr(o, name) {
                return Ok(v);
            }
        }
        Layout::Function => {
            let f = as_func(o).unwrap();
            match name {
                "__name__" => return Ok(f.name.borrow().clone().unwrap_or_else(|| Obj::str(f.code.name))),
                "__qualname__" => return Ok(f.qualname.borrow().clone().unwrap_or_else(|| Obj::str(f.code.qualname))),
                "__module__" => {
                    return Ok(dict_get_str(&f.globals, &Obj::str("__name__")).unwrap_or_else(Obj::none));
                }
                "__doc__" => return Ok(f.doc.borrow().clone().unwrap_or_else(Obj::none)),
                "__globals__" => return Ok(f.globals.clone()),
                "__defaults__" => return Ok(f.defaults.borrow().clone().unwrap_or_else(Obj::none)),
                "__kwdefaults__" => return Ok(f.kwdefaults.borrow().clone().unwrap_or_else(Obj::none)),
                "__dict__" => {
                    let mut d = f.dict.borrow_mut();
                    if d.is_none() {
                        *d = Some(dict::new_dict());
                    }
                    return Ok(d.clone().unwrap());
                }
                _ => {
                    if let Some(d) = &*f.dict.borrow() {
                        if let Some(v) = dict_get_str(d, &Obj::str(name)) {
                            return Ok(v);
                        }
                    }
                }
            }
        }
        Layout::Method => {
            let m = as_method(o).unwrap();
            match name {
                "__self__" => return Ok(m.this.clone()),
                "__func__" => return Ok(m.func.clone()),
                _ => return getattr_str(&m.func, name),
            }
        }
        Layout::Builtin => {
            if name == "__name__" || name == "__qualname__" {
                return Ok(Obj::str(as_builtin(o).unwrap().name));
            }
        }
        Layout::NativeFn => {
            if let Some(v) = crate::modules::re::re_getattr(o, name) {
                return Ok(v);
            }
            let nf = crate::objects::builtin_fn::as_native_fn(o).unwrap();
            if let Some(d) = &*nf.dict.borrow() {
                if let Some(v) = dict_get_str(d, &Obj::str(name)) {
                    return Ok(v);
                }
            }
            if name == "__name__" || name == "__qualname__" {
                return Ok(Obj::str(&nf.name));
            }
        }
        Layout::BuiltinMethod => {
            if name == "__name__" || name == "__qualname__" {
                return Ok(Obj::str(as_builtin_method(o).unwrap().name));
            }
        }
        Layout::Int => match name {
            "real" | "numerator" => return unary_pos(o),
            "imag" => return Ok(Obj::int(0)),
            "denominator" => return Ok(Obj::int(1)),
            _ => {}
        },
        Layout::Complex => {
            let c = crate::objects::complex::as_complex(o).unwrap();
            match name {
                "real" => return Ok(Obj::float(c.re)),
                "imag" => return Ok(Obj::float(c.im)),
                _ => {}
            }
        }
        Layout::Float => match name {
            "real" => return Ok(Obj::float(as_float(o).unwrap())),
            "imag" => return Ok(Obj::float(0.0)),
            _ => {}
        },
        Layout::Range => {
            let r = as_range(o).unwrap();
            match name {
                "start" => return Ok(Obj::int(r.start)),
                "stop" => return Ok(Obj::int(r.stop)),
                "step" => return Ok(Obj::int(r.step)),
                _ => {}
            }
        }
        Layout::Slice => {
            let s = crate::objects::slice::as_slice(o).unwrap();
            match name {
                "start" => return Ok(s.start.clone()),
                "stop" => return Ok(s.stop.clone()),
                "step" => return Ok(s.step.clone()),
                _ => {}
            }
        }
        Layout::Property => {
            let d = as_descr(o).unwrap();
            match name {
                "__func__" | "fget" => return Ok(d.fget.clone()),
                "fset" => return Ok(d.fset.clone().unwrap_or_else(Obj::none)),
                "setter" | "getter" if d.kind == 0 => {
                    let (fget, fset, which) = (d.fget.clone(), d.fset.clone(), name == "setter");
                    return Ok(crate::objects::builtin_fn::new_native_fn(
                        &crate::objects::builtin_fn::NATIVE_FN_TYPE,
                        if which { "setter" } else { "getter" },
                        Box::new(move |a, _k| {
                            crate::objects::str::nargs("setter", a, 1, 1)?;
                            Ok(if which {
                                crate::objects::module::new_descr(0, fget.clone(), Some(a[0].clone()))
                            } else {
                                crate::objects::module::new_descr(0, a[0].clone(), fset.clone())
                            })
                        }),
                    ));
                }
                "__doc__" => return getattr_str(&d.fget, "__doc__"),
                _ => {}
            }
        }
        _ => {}
    }
    if name == "__class__" {
        return Ok(ty.obj());
    }
    if let Some(f) = ty.find_method(name) {
        return Ok(new_builtin_method(static_name(ty, name), o.clone(), f));
    }
    Err(no_attr(o, name))
}

fn static_name(t: &'static crate::object::TypeObject, name: &str) -> &'static str {
    let mut c = Some(t);
    while let Some(ty) = c {
        for (n, _) in ty.methods {
            if *n == name {
                return n;
            }
        }
        c = ty.base();
    }
    "method"
}

pub fn setattr(o: &Obj, name: &Obj, v: Obj) -> PyResult<()> {
    let n = name.as_str().ok_or_else(|| type_error("attribute name must be string"))?;
    let ty = o.ty();
    if ty.heap {
        if let Some(c) = crate::objects::typeobj::type_lookup_obj(ty, name) {
            if let Some(d) = as_descr(&c) {
                if d.kind == 0 {
                    return match &d.fset {
                        Some(fset) => crate::call(fset, vec![o.clone(), v], None).map(|_| ()),
                        None => Err(attribute_error(format!(
                            "property '{}' of '{}' object has no setter",
                            n,
                            ty.name
                        ))),
                    };
                }
            }
        }
        if let Some(sa) = crate::objects::typeobj::type_lookup_obj(ty, &crate::object::intern("__setattr__")) {
            return crate::call(&sa, vec![o.clone(), name.clone(), v], None).map(|_| ());
        }
        if o.layout() == Layout::Instance && !crate::objects::typeobj::slot_allows(ty, n) {
            return Err(attribute_error(format!("'{}' object has no attribute '{}'", ty.name, n)));
        }
        if let Some(d) = instance_dict(o) {
            return dict::dict_set(&d, name.clone(), v);
        }
    }
    match o.layout() {
        Layout::Type => return typeobj::type_setattr(o, n, v),
        Layout::Exception => {
            if exceptions::exc_setattr(o, n, v)? {
                return Ok(());
            }
        }
        Layout::Module => return dict::dict_set(&as_module(o).unwrap().dict, name.clone(), v),
        Layout::NativeFn => {
            let nf = crate::objects::builtin_fn::as_native_fn(o).unwrap();
            let d = {
                let mut d = nf.dict.borrow_mut();
                if d.is_none() {
                    *d = Some(dict::new_dict());
                }
                d.clone().unwrap()
            };
            return dict::dict_set(&d, name.clone(), v);
        }
        Layout::Function => {
            let f = as_func(o).unwrap();
            match n {
                "__name__" => *f.name.borrow_mut() = Some(v),
                "__qualname__" => *f.qualname.borrow_mut() = Some(v),
                "__doc__" => *f.doc.borrow_mut() = Some(v),
                "__defaults__" => *f.defaults.borrow_mut() = if v.is_none() { None } else { Some(v) },
                "__kwdefaults__" => *f.kwdefaults.borrow_mut() = if v.is_none() { None } else { Some(v) },
                _ => {
                    let d = {
                        let mut d = f.dict.borrow_mut();
                        if d.is_none() {
                            *d = Some(dict::new_dict());
                        }
                        d.clone().unwrap()
                    };
                    return dict::dict_set(&d, name.clone(), v);
                }
            }
            return Ok(());
        }
        _ => {}
    }
    if ty.find_method(n).is_some() {
        return Err(attribute_error(format!("'{}' object attribute '{}' is read-only", ty.name, n)));
    }
    Err(attribute_error(format!("'{}' object has no attribute '{}'", ty.name, n)))
}

pub fn delattr(o: &Obj, name: &Obj) -> PyResult<()> {
    let n = name.as_str().ok_or_else(|| type_error("attribute name must be string"))?;
    if let Some(d) = instance_dict(o) {
        if dict::dict_pop(&d, name)?.is_some() {
            return Ok(());
        }
    }
    if o.layout() == Layout::Type && o.as_type().heap {
        crate::objects::typeobj::bump_type_version();
        let d = o.as_type().dict.borrow().clone().unwrap();
        if dict::dict_pop(&d, name)?.is_some() {
            return Ok(());
        }
    }
    Err(no_attr(o, n))
}

/// Calls method `name` of `o` (avoids creating a bound method for builtin types).
pub fn call_method(o: &Obj, name: &str, args: Vec<Obj>, kwnames: Option<&Obj>) -> PyResult {
    let ty = o.ty();
    if !ty.heap && !matches!(o.layout(), Layout::Type | Layout::Module | Layout::Super) {
        if let Some(f) = ty.find_method(name) {
            return f(o, &args, kwnames);
        }
    }
    let m = getattr_str(o, name)?;
    crate::call(&m, args, kwnames)
}

// ---------------------------------------------------------------- repr / str

thread_local! {
    static REPR_STACK: RefCell<Vec<usize>> = RefCell::new(Vec::new());
}

fn with_repr_guard(o: &Obj, recursive: &str, f: impl FnOnce() -> PyResult<String>) -> PyResult<String> {
    let addr = o.addr();
    let busy = REPR_STACK.with(|s| s.borrow().contains(&addr));
    if busy {
        return Ok(recursive.to_string());
    }
    REPR_STACK.with(|s| s.borrow_mut().push(addr));
    let r = f();
    REPR_STACK.with(|s| {
        s.borrow_mut().pop();
    });
    r
}

fn join_reprs(items: &[Obj]) -> PyResult<String> {
    let mut parts = Vec::with_capacity(items.len());
    for i in items {
        parts.push(repr_string(i)?);
    }
    Ok(parts.join(", "))
}

/// repr(o) as a Rust string.
pub fn repr_string(o: &Obj) -> PyResult<String> {
    match o.layout() {
        Layout::List | Layout::Tuple | Layout::Dict | Layout::Set | Layout::Deque => {
            crate::objects::function::with_recursion(" while getting the repr of an object", || repr_inner(o))
        }
        _ => repr_inner(o),
    }
}

fn repr_inner(o: &Obj) -> PyResult<String> {
    if is_heap(o) && o.layout() != Layout::Type {
        if let Some(r) = call_special(o, "__repr__", vec![]) {
            let r = r?;
            return match r.as_str() {
                Some(s) => Ok(s.to_string()),
                None => Err(type_error(format!("__repr__ returned non-string (type {})", r.type_name()))),
            };
        }
    }
    Ok(match o.layout() {
        Layout::Unit => {
            if o.is_none() {
                "None".into()
            } else if o.is_not_implemented() {
                "NotImplemented".into()
            } else {
                "Ellipsis".into()
            }
        }
        Layout::Int => {
            if o.is_bool() {
                if o.is_true_obj() { "True" } else { "False" }.into()
            } else {
                int::int_to_decimal(as_int(o).unwrap())?
            }
        }
        Layout::Float => float_repr(as_float(o).unwrap()),
        Layout::Complex => crate::objects::complex::complex_repr(crate::objects::complex::as_complex(o).unwrap()),
        Layout::Str => str_repr(o.as_str().unwrap()),
        Layout::Bytes => bytes_repr(as_bytes(o).unwrap()),
        Layout::List => with_repr_guard(o, "[...]", || {
            let items = as_list(o).unwrap().borrow().clone();
            Ok(format!("[{}]", join_reprs(&items)?))
        })?,
        Layout::Tuple if is_heap(o) && type_lookup(o.ty(), "_fields").is_some() => {
            crate::modules::collections::namedtuple_repr(o)?.unwrap_or_default()
        }
        Layout::Tuple => {
            let items = try_tuple_items(o).unwrap();
            if items.len() == 1 {
                format!("({},)", repr_string(&items[0])?)
            } else {
                with_repr_guard(o, "(...)", || Ok(format!("({})", join_reprs(items)?)))?
            }
        }
        Layout::Dict if !o.is_type(&dict::DICT_TYPE) && !is_heap(o) => {
            with_repr_guard(o, "{...}", || Ok(crate::modules::collections::dict_subclass_repr(o)?.unwrap_or_default()))?
        }
        Layout::Deque => with_repr_guard(o, "[...]", || crate::modules::collections::deque_repr(o))?,
        Layout::NativeFn => match crate::modules::re::re_repr(o) {
            Some(r) => r,
            None => format!("<built-in function {}>", crate::objects::builtin_fn::as_native_fn(o).unwrap().name),
        },
        Layout::Dict => with_repr_guard(o, "{...}", || {
            let mut parts = Vec::new();
            for (k, v) in dict::dict_items(o) {
                parts.push(format!("{}: {}", repr_string(&k)?, repr_string(&v)?));
            }
            Ok(format!("{{{}}}", parts.join(", ")))
        })?,
        Layout::Set => with_repr_guard(o, "set(...)", || set::set_repr(o))?,
        Layout::DictView => {
            let v = o.payload::<dict::DictView>(Layout::DictView).unwrap();
            let items = collect_iterable(o)?;
            let _ = v;
            format!("{}([{}])", o.type_name(), join_reprs(&items)?)
        }
        Layout::Range => range::range_repr(as_range(o).unwrap()),
        Layout::Slice => {
            let s = crate::objects::slice::as_slice(o).unwrap();
            format!("slice({}, {}, {})", repr_string(&s.start)?, repr_string(&s.stop)?, repr_string(&s.step)?)
        }
        Layout::Type => typeobj::type_repr(o.as_type()),
        Layout::Function => {
            let f = as_func(o).unwrap();
            format!("<function {} at 0x{:x}>", f.code.qualname, o.addr())
        }
        Layout::Method => {
            let m = as_method(o).unwrap();
            let q = as_func(&m.func).map(|f| f.code.qualname).unwrap_or("?");
            format!("<bound method {} of {}>", q, repr_string(&m.this)?)
        }
        Layout::Builtin => format!("<built-in function {}>", as_builtin(o).unwrap().name),
        Layout::BuiltinMethod => {
            let m = as_builtin_method(o).unwrap();
            match &m.this {
                Some(t) => format!("<built-in method {} of {} object at 0x{:x}>", m.name, t.type_name(), t.addr()),
                None => format!("<method '{}' objects>", m.name),
            }
        }
        Layout::Exception => exceptions::exc_repr(o)?,
        Layout::Module => format!("<module '{}'>", as_module(o).unwrap().name),
        Layout::Generator => crate::objects::generator::gen_repr(o),
        Layout::File => crate::modules::fileio::file_repr(o),
        Layout::Super => format!("<super: <class '{}'>, <{} object>>", crate::objects::superobj::as_super(o).unwrap().cls.name, crate::objects::superobj::as_super(o).unwrap().obj.type_name()),
        _ => typeobj::default_repr(o),
    })
}

/// str(o) as a Rust string.
pub fn str_string(o: &Obj) -> PyResult<String> {
    if let Some(s) = o.as_str() {
        if !is_heap(o) {
            return Ok(s.to_string());
        }
    }
    if is_heap(o) && o.layout() != Layout::Type {
        if let Some(r) = call_special(o, "__str__", vec![]) {
            let r = r?;
            return match r.as_str() {
                Some(s) => Ok(s.to_string()),
                None => Err(type_error(format!("__str__ returned non-string (type {})", r.type_name()))),
            };
        }
        if lookup_special(o, "__repr__").is_some() {
            return repr_string(o);
        }
    }
    match o.layout() {
        Layout::Exception => exceptions::exc_str(o),
        Layout::Str => Ok(o.as_str().unwrap().to_string()),
        _ => repr_string(o),
    }
}

/// str(o) as a str object (no copy for exact str).
pub fn to_str(o: &Obj) -> PyResult {
    if o.is_type(&crate::objects::str::STR_TYPE) {
        return Ok(o.clone());
    }
    Ok(Obj::string(str_string(o)?))
}

pub fn to_repr(o: &Obj) -> PyResult {
    Ok(Obj::string(repr_string(o)?))
}

/// float(o) for numbers (no strings).
pub fn number_to_f64(o: &Obj) -> PyResult<f64> {
    if let Some(f) = as_float(o) {
        return Ok(f);
    }
    if let Some(i) = as_int(o) {
        return int_to_f64(i);
    }
    if let Some(r) = call_special(o, "__float__", vec![]) {
        return number_to_f64(&r?);
    }
    if let Some(r) = call_special(o, "__index__", vec![]) {
        return number_to_f64(&r?);
    }
    Err(type_error(format!("must be real number, not {}", o.type_name())))
}

pub fn float_value(o: &Obj) -> Option<f64> {
    as_float(o)
}

pub use float::float_repr as float_repr_string;

pub fn index_error_msg(m: &str) -> Exc {
    index_error(m)
}

fn ops_call_method_getitem(o: &Obj, key: &Obj) -> PyResult {
    call_method(o, "__getitem__", vec![key.clone()], None)
}
