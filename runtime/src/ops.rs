//! Abstract operations (CPython's Objects/abstract.c + object.c): binary/unary arithmetic
//! dispatch, rich comparison, truth, hashing, iteration, attribute and item access, repr/str.
use crate::object::{Layout, Obj, TypeObject};
use crate::objects::bytes::{as_bytes, bytes_getitem, bytes_hash};
use crate::objects::dict::{self};
use crate::objects::exceptions::{self, overflow_error, type_error, Exc};
use crate::objects::float::{as_float, cmp_int_float, float_binop, float_hash};
use crate::objects::function::{as_method, new_method};
use crate::objects::int::{self, as_int, int_binop, int_cmp, int_hash, int_to_f64, IntVal};
use crate::objects::iter::{self, dyn_iter_next, seq_iter, seq_iter_next, DynIter, SeqIter};
use crate::objects::list::{self, as_list, new_list};
use crate::objects::module::as_descr;
use crate::objects::range::{self, as_range, range_iter_next, RangeIter};
use crate::objects::set::{self, as_set};
use crate::objects::str::{str_hash, str_obj, str_repeat};
use crate::objects::tuple::{self, try_tuple_items};
use crate::PyResult;
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

/// Has Python-level special methods: a class, or a native-module type (objects/native.rs).
pub(crate) fn is_heap(o: &Obj) -> bool {
    o.ty().heap || matches!(o.layout(), Layout::Native | Layout::Deque)
}

/// Looks up a special method on the type of `o` (classes only).
pub fn lookup_special(o: &Obj, name: &'static str) -> Option<Obj> {
    let t = o.ty();
    if t.heap {
        if let Some(v) = crate::objects::typeobj::type_lookup(t, name) {
            return Some(v);
        }
    }
    if matches!(t.layout, Layout::Native | Layout::Deque) {
        return crate::objects::native::lookup_method(t, name);
    }
    None
}

/// Calls special method `name` on `o` if its class defines it (the arguments borrowed: a
/// compiled method gets them through its fixed-arity entry, without a vector).
pub fn call_special(o: &Obj, name: &'static str, args: &[&Obj]) -> Option<PyResult> {
    let f = lookup_special(o, name)?;
    Some(call_found_special(&f, o, args))
}

/// Calls special method `f` (what `lookup_special` found on the type of `o`) with `o` first.
fn call_found_special(f: &Obj, o: &Obj, args: &[&Obj]) -> PyResult {
    if f.layout() == Layout::Function {
        return crate::objects::function::call_with_self(f, o, args, None);
    }
    call_special_slow(f, o, args)
}

#[inline(never)]
fn call_special_slow(f: &Obj, o: &Obj, args: &[&Obj]) -> PyResult {
    let mut a = Vec::with_capacity(args.len() + 1);
    a.push(o.clone());
    a.extend(args.iter().map(|x| (*x).clone()));
    crate::call(f, a, None)
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

/// `int | str` operands: classes and None (types.UnionType).
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

/// wasm32: `+` and `-` of two small ints at the site (the operator is a constant there, so
/// this folds to one check and one add); None for everything else. A wasm call costs
/// wasmtime's frame and stack-limit check and returns the result through the shadow stack.
#[cfg(target_arch = "wasm32")]
#[inline(always)]
fn small_add_sub(a: &Obj, b: &Obj, op: BinOp) -> Option<Obj> {
    if op != BinOp::Add && op != BinOp::Sub {
        return None;
    }
    let (x, y) = (a.as_i64()?, b.as_i64()?);
    let r = if op == BinOp::Add { x.checked_add(y) } else { x.checked_sub(y) };
    r.map(Obj::int)
}

/// `a <op> b`
#[inline]
pub fn binary_op(a: &Obj, b: &Obj, op: BinOp) -> PyResult {
    #[cfg(target_arch = "wasm32")]
    if let Some(r) = small_add_sub(a, b, op) {
        return Ok(r);
    }
    binary_op_call(a, b, op)
}

/// binary_op as a call of its own (what native code calls; wasm32 after `small_add_sub`):
/// the operators of two exact ints or floats that need neither a wide multiply nor a
/// division check, and nothing else, so that this entry keeps no frame (wasm32: the i64
/// `checked_mul` is a call of `__multi3` returning through the shadow stack, which gave every
/// call of the function a frame, its pointer update and five register saves).
pub fn binary_op_call(a: &Obj, b: &Obj, op: BinOp) -> PyResult {
    if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) {
        let r = match op {
            BinOp::Add => x.checked_add(y),
            BinOp::Sub => x.checked_sub(y),
            // factors of 32 bits or fewer: the product fits in an i64
            BinOp::Mul if x as i32 as i64 == x && y as i32 as i64 == y => Some(x * y),
            BinOp::And => Some(x & y),
            BinOp::Or => Some(x | y),
            BinOp::Xor => Some(x ^ y),
            _ => None,
        };
        if let Some(r) = r {
            return Ok(Obj::int(r));
        }
        return binary_op_ints(a, b, x, y, op);
    } else if let (Some(x), Some(y)) = (a.as_f64(), b.as_f64()) {
        match op {
            BinOp::Add => return Ok(Obj::float(x + y)),
            BinOp::Sub => return Ok(Obj::float(x - y)),
            BinOp::Mul => return Ok(Obj::float(x * y)),
            // a zero divisor raises (float_binop's ZeroDivisionError, the slow way)
            BinOp::TrueDiv if y != 0.0 => return Ok(Obj::float(x / y)),
            _ => {}
        }
    }
    binary_op_slow(a, b, op, false)
}

/// `binary_op_call` of two small ints for the other operators (`*` of wide factors, `//`,
/// `%`, shifts, and the overflows), then the general rules.
#[inline(never)]
fn binary_op_ints(a: &Obj, b: &Obj, x: i64, y: i64, op: BinOp) -> PyResult {
    let r = match op {
        BinOp::Mul => x.checked_mul(y),
        BinOp::FloorDiv if y != 0 => int::floordiv_i64(x, y),
        BinOp::Mod if y != 0 => Some(int::mod_i64(x, y)),
        // a negative count raises (the slow way); bits shifted out of an i64 make a big int
        BinOp::LShift if (0..64).contains(&y) && (x << y) >> y == x => Some(x << y),
        BinOp::RShift if y >= 0 => Some(x >> y.min(63)),
        _ => None,
    };
    if let Some(r) = r {
        return Ok(Obj::int(r));
    }
    binary_op_slow(a, b, op, false)
}

/// `a <op>= b`: in-place for mutable containers, else like binary_op.
#[inline]
pub fn inplace_op(a: &Obj, b: &Obj, op: BinOp) -> PyResult {
    #[cfg(target_arch = "wasm32")]
    if let Some(r) = small_add_sub(a, b, op) {
        return Ok(r);
    }
    inplace_op_call(a, b, op)
}

/// inplace_op as a call of its own (what native code calls; wasm32 after `small_add_sub`).
pub fn inplace_op_call(a: &Obj, b: &Obj, op: BinOp) -> PyResult {
    // exact ints and floats have no in-place forms: `a op= b` is `a op b` (binary_op's own
    // fast paths first, then the general rules)
    // (`@=` is left to the general rules: its error names the in-place operator)
    let num = |o: &Obj| o.is_type(&int::INT_TYPE) || o.is_type(&crate::objects::float::FLOAT_TYPE);
    if op != BinOp::MatMul && num(a) && num(b) {
        return binary_op(a, b, op);
    }
    if op == BinOp::Add && crate::objects::str::str_append_in_place(a, b) {
        return Ok(a.clone());
    }
    if op == BinOp::Add && crate::objects::bytes::is_bytearray(a) {
        crate::objects::bytes::bytearray_iadd(a, b)?;
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
                    let v = seq_repeat(&l.borrow(), n)?;
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
        if let Some(r) = call_special(a, op.dunder().2, &[b]) {
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

/// An empty vector with room for `len` items, or MemoryError where Rust would abort.
pub fn vec_with_room<T>(len: usize) -> PyResult<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(len).map_err(|_| crate::objects::exceptions::memory_error())?;
    Ok(v)
}

fn seq_repeat(items: &[Obj], n: i64) -> PyResult<Vec<Obj>> {
    if items.is_empty() || n <= 0 {
        return Ok(Vec::new());
    }
    let total = usize::try_from(n).ok().and_then(|n| items.len().checked_mul(n)).ok_or_else(crate::objects::exceptions::memory_error)?;
    let mut v = vec_with_room(total)?;
    for _ in 0..n {
        v.extend_from_slice(items);
    }
    Ok(v)
}

fn bytes_repeat(b: &[u8], n: i64) -> PyResult {
    if b.is_empty() || n <= 0 {
        return Ok(Obj::bytes(b""));
    }
    if (b.len() as u128) * (n as u128) > i64::MAX as u128 {
        return Err(overflow_error("repeated bytes are too long"));
    }
    let total = usize::try_from(n).ok().and_then(|n| b.len().checked_mul(n)).ok_or_else(crate::objects::exceptions::memory_error)?;
    let mut v: Vec<u8> = vec_with_room(total)?;
    for _ in 0..n {
        v.extend_from_slice(b);
    }
    Ok(Obj::bytes(&v))
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
                Layout::List => seq_repeat(&as_list(seq).unwrap().borrow(), n).map(new_list),
                Layout::Tuple => seq_repeat(try_tuple_items(seq).unwrap(), n).map(Obj::tuple),
                _ => bytes_repeat(as_bytes(seq).unwrap(), n),
            });
        }
        BinOp::Mod => {
            if la == Layout::Str {
                return Some((crate::hooks::percent().str)(a.as_str().unwrap(), b));
            }
            if la == Layout::Bytes && (a.ty().is_subtype(&crate::objects::bytes::BYTES_TYPE) || a.ty().is_subtype(&crate::objects::bytes::BYTEARRAY_TYPE)) {
                let r = (crate::hooks::percent().bytes)(as_bytes(a).unwrap(), b);
                // bytearray % x is a bytearray
                return Some(if crate::objects::bytes::is_bytearray(a) {
                    r.and_then(|x| crate::objects::bytes::bytearray_new(&[x], None))
                } else {
                    r
                });
            }
        }
        BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor => {
            // keys and items views: set(a) op set(b) with any iterable on the other side
            let set_view = |o: &Obj, l: Layout| l == Layout::DictView && !o.is_type(&dict::DICT_VALUES_TYPE);
            if set_view(a, la) || set_view(b, lb) {
                let code = match op {
                    BinOp::Or => 0,
                    BinOp::And => 1,
                    BinOp::Sub => 2,
                    _ => 3,
                };
                let sets = set::set_from_iter(a, false).and_then(|x| Ok((x, set::set_from_iter(b, false)?)));
                return Some(sets.and_then(|(x, y)| set::set_op(&x, &y, code)));
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

/// Operator methods of classes resolved before (CPython's BINARY_OP specialisations do this
/// per site): (type(a), type(b), op) -> the function `a`'s class gives for the forward
/// method, while the type epoch is unchanged. Only the case where that method is tried first
/// (type(b) is not a proper subclass of type(a)) and is a plain function is kept.
#[derive(Clone)]
struct OpEntry {
    a: *const TypeObject,
    b: *const TypeObject,
    op: u8,
    tag: u64,
    func: Option<Obj>,
}

const OP_CACHE_SIZE: usize = 64;
static mut OP_CACHE: Option<Vec<OpEntry>> = None;

#[inline]
fn op_cache_slot(a: &Obj, b: &Obj, op: BinOp) -> usize {
    let h = (a.ty() as *const TypeObject as usize >> 4) ^ (b.ty() as *const TypeObject as usize >> 6) ^ (op as usize).wrapping_mul(0x9E37);
    h & (OP_CACHE_SIZE - 1)
}

/// The cached forward method for `a op b`, if this pair of classes has one.
#[inline]
fn op_cache_get(a: &Obj, b: &Obj, op: BinOp) -> Option<Obj> {
    unsafe {
        let e = (*std::ptr::addr_of!(OP_CACHE)).as_ref()?.get(op_cache_slot(a, b, op))?;
        if std::ptr::eq(e.a, a.ty()) && std::ptr::eq(e.b, b.ty()) && e.op == op as u8 && e.tag == crate::objects::typeobj::type_version() {
            return e.func.clone();
        }
    }
    None
}

fn op_cache_put(a: &Obj, b: &Obj, op: BinOp, tag: u64, func: &Obj) {
    let slot = op_cache_slot(a, b, op);
    let entry = OpEntry { a: a.ty(), b: b.ty(), op: op as u8, tag, func: Some(func.clone()) };
    unsafe {
        let cache = (*std::ptr::addr_of_mut!(OP_CACHE)).get_or_insert_with(|| {
            vec![OpEntry { a: std::ptr::null(), b: std::ptr::null(), op: 0, tag: 0, func: None }; OP_CACHE_SIZE]
        });
        let old = std::mem::replace(&mut cache[slot], entry);
        drop(old);
    }
}

/// Empties the operator cache (it holds the functions it found; leak checks drop them).
pub fn clear_op_cache() {
    unsafe { *std::ptr::addr_of_mut!(OP_CACHE) = None };
}

fn binary_op_slow(a: &Obj, b: &Obj, op: BinOp, inplace: bool) -> PyResult {
    let (fwd, rev, _) = op.dunder();
    if a.layout() == Layout::Instance {
        if let Some(f) = op_cache_get(a, b, op) {
            let r = crate::objects::function::call_with_self(&f, a, &[b], None)?;
            if !r.is_not_implemented() {
                return Ok(r);
            }
            return binary_op_after_forward(a, b, op, inplace, is_heap(a), is_heap(b), false, false);
        }
    }
    let heap_a = is_heap(a);
    let heap_b = is_heap(b);
    if !heap_a && !heap_b {
        if let Some(r) = builtin_binop(a, b, op) {
            return r;
        }
        if op == BinOp::Or && (a.layout() == Layout::Type || b.layout() == Layout::Type) {
            // int | str: types.UnionType
            let r = crate::modules::typesmod::union_or(a, b)?;
            if !r.is_not_implemented() {
                return Ok(r);
            }
        }
        return Err(binop_type_error(a, b, op, inplace));
    }
    // b's reflected method first if b's type is a proper subclass of a's type
    let b_first = heap_b && !std::ptr::eq(a.ty(), b.ty()) && b.ty().is_subtype(a.ty());
    if b_first {
        if let Some(r) = call_special(b, rev, &[a]) {
            let r = r?;
            if !r.is_not_implemented() {
                return Ok(r);
            }
        }
    }
    let mut tried_builtin = false;
    if heap_a {
        let tag = crate::objects::typeobj::type_version();
        match lookup_special(a, fwd) {
            Some(f) => {
                if !b_first && a.layout() == Layout::Instance && f.layout() == Layout::Function {
                    op_cache_put(a, b, op, tag, &f);
                }
                let r = call_found_special(&f, a, &[b])?;
                if !r.is_not_implemented() {
                    return Ok(r);
                }
            }
            None if a.layout() != Layout::Instance => {
                // a class deriving from a builtin type inherits its operator
                tried_builtin = true;
                if let Some(r) = builtin_binop(a, b, op) {
                    return r;
                }
            }
            None => {}
        }
    } else if let Some(r) = builtin_binop(a, b, op) {
        return r;
    }
    binary_op_after_forward(a, b, op, inplace, heap_a, heap_b, b_first, tried_builtin)
}

/// The rest of `binary_op_slow` once `a`'s forward method (or the builtin operator) has been
/// tried: b's reflected method, the builtin operator for a class deriving from a builtin,
/// `X | Y` of classes, the TypeError.
#[allow(clippy::too_many_arguments)]
fn binary_op_after_forward(a: &Obj, b: &Obj, op: BinOp, inplace: bool, heap_a: bool, heap_b: bool, b_first: bool, tried_builtin: bool) -> PyResult {
    let (_, rev, _) = op.dunder();
    if heap_b && !b_first && !std::ptr::eq(a.ty(), b.ty()) {
        if let Some(r) = call_special(b, rev, &[a]) {
            let r = r?;
            if !r.is_not_implemented() {
                return Ok(r);
            }
        }
    }
    if !tried_builtin && b.layout() != Layout::Instance && (heap_a || heap_b) {
        if let Some(r) = builtin_binop(a, b, op) {
            return r;
        }
    }
    if op == BinOp::Or && (a.layout() == Layout::Type || b.layout() == Layout::Type) {
        let r = crate::modules::typesmod::union_or(a, b)?;
        if !r.is_not_implemented() {
            return Ok(r);
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
    if let Some(r) = call_special(o, "__neg__", &[]) {
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
    if let Some(r) = call_special(o, "__pos__", &[]) {
        return r;
    }
    Err(type_error(format!("bad operand type for unary +: '{}'", o.type_name())))
}

pub fn unary_invert(o: &Obj) -> PyResult {
    if let Some(i) = as_int(o) {
        return Ok(int::int_invert(i));
    }
    if let Some(r) = call_special(o, "__invert__", &[]) {
        return r;
    }
    Err(type_error(format!("bad operand type for unary ~: '{}'", o.type_name())))
}

/// `~x` in 3.12+ bytecode: `~` on a bool is deprecated there (DeprecationWarning reported at
/// the operator's line, `code`/`line`), then inverts as before.
pub fn unary_invert_at(o: &Obj, code: &'static crate::CodeInfo, line: u32) -> PyResult {
    if o.is_bool() && crate::modules::sys::python_minor() >= 12 {
        crate::modules::warnings::warn_at(
            &crate::objects::exc_types::DEPRECATION_WARNING,
            "Bitwise inversion '~' on bool is deprecated and will be removed in Python 3.16. This returns the bitwise \
             inversion of the underlying int object and is usually not what you expect from negating a bool. Use the \
             'not' operator for boolean negation or ~int(x) if you really want the bitwise inversion of the underlying int.",
            code,
            line,
        )?;
    }
    unary_invert(o)
}

pub fn unary_not(o: &Obj) -> PyResult {
    Ok(Obj::bool(!is_true(o)?))
}

// ---------------------------------------------------------------- truth, len

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
        Layout::Range => range::range_is_true(as_range(o).unwrap()),
        Layout::Bytes => Ok(!as_bytes(o).unwrap().is_empty()),
        Layout::Complex => {
            let c = crate::objects::complex::as_complex(o).unwrap();
            Ok(c.re != 0.0 || c.im != 0.0)
        }
        _ => {
            if let Some(r) = call_special(o, "__bool__", &[]) {
                let r = r?;
                if !r.is_bool() {
                    return Err(type_error(format!("__bool__ should return bool, returned {}", r.type_name())));
                }
                return Ok(r.is_true_obj());
            }
            if lookup_special(o, "__len__").is_some() {
                return Ok(len(o)? != 0);
            }
            if matches!(o.layout(), Layout::DictView | Layout::Deque | Layout::Str | Layout::List | Layout::Tuple | Layout::Dict | Layout::Set) {
                return Ok(len(o)? != 0);
            }
            Ok(true)
        }
    }
}

/// len(o)
pub fn len(o: &Obj) -> PyResult<usize> {
    // a subclass of a builtin container uses its own __len__ (platform.uname_result)
    if !is_heap(o) || (o.layout() != Layout::Instance && crate::objects::typeobj::type_lookup(o.ty(), "__len__").is_none()) {
        match o.layout() {
            Layout::Str => return Ok(str_obj(o).unwrap().nchars),
            Layout::List => return Ok(as_list(o).unwrap().borrow().len()),
            Layout::Tuple => return Ok(try_tuple_items(o).unwrap().len()),
            Layout::Dict => return Ok(dict::dict_len(o)),
            Layout::Set => return Ok(set::set_len(o)),
            Layout::Range => return range::range_length(as_range(o).unwrap()),
            Layout::Bytes if crate::objects::bytes::is_memoryview(o) => return Ok(crate::objects::bytes::memoryview_len(o)),
            Layout::Bytes => return Ok(as_bytes(o).unwrap().len()),
            Layout::Deque => return Ok((crate::hooks::COLLECTIONS.installed().deque_len)(o)),
            Layout::DictView => {
                let v = o.payload::<dict::DictView>(Layout::DictView).unwrap();
                return Ok(dict::dict_len(&v.dict));
            }
            _ => {}
        }
    }
    if let Some(r) = call_special(o, "__len__", &[]) {
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

/// Two lists compared as CPython's list_richcompare does: lists of different lengths are
/// unequal without comparing items; items are read afresh at each index (an item's `__eq__`
/// may change either list), and the first unequal pair decides.
fn list_compare(a: &Obj, b: &Obj, op: CmpOp) -> PyResult<bool> {
    use crate::objects::list::list_item;
    let (la, lb) = (as_list(a).unwrap(), as_list(b).unwrap());
    if matches!(op, CmpOp::Eq | CmpOp::Ne) && la.borrow().len() != lb.borrow().len() {
        return Ok(op == CmpOp::Ne);
    }
    let mut i = 0;
    while let (Some(x), Some(y)) = (list_item(a, i), list_item(b, i)) {
        if !eq(&x, &y)? {
            return match op {
                CmpOp::Eq => Ok(false),
                CmpOp::Ne => Ok(true),
                _ => compare_bool(&x, &y, op),
            };
        }
        i += 1;
    }
    let (n, m) = (la.borrow().len(), lb.borrow().len());
    Ok(op.from_ord(n.cmp(&m)))
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
    if la == Layout::Sre && lb == Layout::Sre && matches!(op, CmpOp::Eq | CmpOp::Ne) {
        if let Some(r) = (crate::hooks::SRE.installed().pattern_eq)(a, b) {
            return Some(r.map(|eq| eq == (op == CmpOp::Eq)));
        }
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
        (Layout::List, Layout::List) => Some(crate::objects::function::with_recursion(" in comparison", || list_compare(a, b, op))),
        (Layout::Deque, Layout::Deque) => {
            let items = crate::hooks::COLLECTIONS.installed().deque_items;
            let (x, y) = (items(a), items(b));
            Some(seq_compare(&x, &y, op))
        }
        (Layout::Range, Layout::Range) if matches!(op, CmpOp::Eq | CmpOp::Ne) && (as_range(a).unwrap().big.is_some() || as_range(b).unwrap().big.is_some()) => {
            Some(range::range_eq(as_range(a).unwrap(), as_range(b).unwrap()).map(|e| e == (op == CmpOp::Eq)))
        }
        (Layout::Range, Layout::Range) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
            let (x, y) = (as_range(a).unwrap(), as_range(b).unwrap());
            let same = x.len == y.len && (x.len == 0 || (x.start == y.start && (x.len == 1 || x.step == y.step)));
            Some(Ok(same == (op == CmpOp::Eq)))
        }
        (Layout::Dict, Layout::Dict) if matches!(op, CmpOp::Eq | CmpOp::Ne) => Some(dict_eq(a, b).map(|e| e == (op == CmpOp::Eq))),
        (Layout::Method, Layout::Method) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
            // bound methods: the same instance and equal functions
            let (x, y) = (as_method(a).unwrap(), as_method(b).unwrap());
            Some(eq(&x.func, &y.func).map(|e| (e && x.this.is(&y.this)) == (op == CmpOp::Eq)))
        }
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
    // wasm32: two small ints compare at the site (a call there costs several times this)
    #[cfg(target_arch = "wasm32")]
    if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) {
        return Ok(op.from_ord(x.cmp(&y)));
    }
    compare_bool_call(a, b, op)
}

/// compare_bool as a call of its own (what native code calls; wasm32 after its int path).
pub fn compare_bool_call(a: &Obj, b: &Obj, op: CmpOp) -> PyResult<bool> {
    if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) {
        return Ok(op.from_ord(x.cmp(&y)));
    }
    if let (Some(x), Some(y)) = (a.as_f64(), b.as_f64()) {
        return Ok(match x.partial_cmp(&y) {
            Some(o) => op.from_ord(o),
            None => op == CmpOp::Ne,
        });
    }
    if let Some(eq) = exact_str_eq(a, b, op) {
        return Ok(eq);
    }
    compare_bool_slow(a, b, op)
}

/// `==`/`!=` of two exact strs without a call: identity, then lengths, then the bytes.
#[inline]
fn exact_str_eq(a: &Obj, b: &Obj, op: CmpOp) -> Option<bool> {
    let st = &crate::objects::str::STR_TYPE;
    if !(matches!(op, CmpOp::Eq | CmpOp::Ne) && a.is_type(st) && b.is_type(st)) {
        return None;
    }
    let same = a.is(b) || {
        let (x, y) = unsafe { (a.data::<crate::objects::str::StrObj>(), b.data::<crate::objects::str::StrObj>()) };
        x.s.len() == y.s.len() && {
            let (hx, hy) = (x.hash.get(), y.hash.get());
            (hx == -1 || hy == -1 || hx == hy) && short_bytes_eq(x.s.as_bytes(), y.s.as_bytes())
        }
    };
    Some(same == (op == CmpOp::Eq))
}

/// Equal byte strings of the same length; short ones compared inline (memcmp is a call, and
/// on wasm32 wasi-libc's byte loop).
#[inline]
pub fn short_bytes_eq(x: &[u8], y: &[u8]) -> bool {
    if x.len() <= 16 {
        x.iter().zip(y).all(|(p, q)| p == q)
    } else {
        x == y
    }
}

/// compare_bool beyond two ints or two floats (out of line: the numeric paths stay small).
#[inline(never)]
fn compare_bool_slow(a: &Obj, b: &Obj, op: CmpOp) -> PyResult<bool> {
    // two exact strs: UTF-8 byte order is code point order, so the text's order is str's
    let st = &crate::objects::str::STR_TYPE;
    if a.is_type(st) && b.is_type(st) {
        if let (Some(x), Some(y)) = (str_obj(a), str_obj(b)) {
            if a.is(b) {
                return Ok(op.from_ord(Ordering::Equal));
            }
            return Ok(op.from_ord(x.s.as_str().cmp(y.s.as_str())));
        }
    }
    if !is_heap(a) && !is_heap(b) {
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
        if let Some(r) = call_special(b, op.swapped().dunder(), &[a]) {
            let r = r?;
            if !r.is_not_implemented() {
                return Ok(r);
            }
        }
    }
    if let Some(r) = call_special(a, op.dunder(), &[b]) {
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
        if let Some(r) = call_special(b, op.swapped().dunder(), &[a]) {
            let r = r?;
            if !r.is_not_implemented() {
                return Ok(r);
            }
        }
    }
    if op == CmpOp::Ne {
        if let Some(r) = call_special(a, "__eq__", &[b]) {
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

/// The hash of a dict key or set element (`what`): 3.14 names the use in a TypeError
/// ("cannot use 'list' as a dict key (unhashable type: 'list')").
pub fn hash_key(o: &Obj, what: &str) -> PyResult<i64> {
    hash(o).map_err(|e| {
        if crate::modules::sys::python_minor() < 14 || !std::ptr::eq(e.value().ty(), &crate::objects::exceptions::TYPE_ERROR) {
            return e;
        }
        let detail = str_string(e.value()).unwrap_or_default();
        type_error(format!("cannot use '{}' as a {} ({})", o.type_name(), what, detail))
    })
}

pub fn hash(o: &Obj) -> PyResult<i64> {
    if o.is_none() && crate::modules::sys::python_minor() >= 12 {
        // 3.12+: None hashes to a constant (object.__hash__(None) stays the address's)
        return Ok(0xFCA8_6420);
    }
    if is_heap(o) && has_builtin_hash(o.layout()) {
        if let Some(h) = subclass_hash(o) {
            return h;
        }
    }
    match o.layout() {
        Layout::Str => return Ok(str_hash(str_obj(o).unwrap())),
        Layout::Int => return Ok(int_hash(as_int(o).unwrap())),
        Layout::Float => return Ok(float_hash(as_float(o).unwrap())),
        Layout::Tuple => return tuple_hash(try_tuple_items(o).unwrap()),
        Layout::Bytes if crate::objects::bytes::is_bytearray(o) => {
            return Err(type_error("unhashable type: 'bytearray'"))
        }
        Layout::Bytes => return Ok(bytes_hash(as_bytes(o).unwrap())),
        Layout::Complex => return Ok(crate::objects::complex::complex_hash(crate::objects::complex::as_complex(o).unwrap())),
        Layout::List | Layout::Dict => return Err(type_error(format!("unhashable type: '{}'", o.type_name()))),
        Layout::Sre if (crate::hooks::SRE.installed().is_pattern)(o) => return (crate::hooks::SRE.installed().pattern_hash)(o),
        Layout::Method => {
            let m = as_method(o).unwrap();
            let p = m.this.addr() as u64;
            let h = (((p >> 4) | (p << 60)) as i64) ^ hash(&m.func)?;
            return Ok(if h == -1 { -2 } else { h });
        }
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
            let r = crate::objects::function::call_with_self::<Obj>(&h, o, &[], None)?;
            return hash_result(&r);
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

/// The layouts whose builtin types hash their values (or refuse to, as list and dict do):
/// a subclass's own `__hash__` comes first (`subclass_hash`). Classes, instances and the
/// rest look `__hash__` up by name below anyway.
fn has_builtin_hash(l: Layout) -> bool {
    matches!(l, Layout::Str | Layout::Int | Layout::Float | Layout::Tuple | Layout::Bytes | Layout::Complex
        | Layout::Set | Layout::List | Layout::Dict)
}

/// The hash of an instance of a class deriving from a builtin type, when its class decides
/// it: a `__hash__` function (called) or `__hash__ = None` (unhashable; class creation puts
/// that in a class defining `__eq__` without `__hash__`). None: the builtin's hash.
fn subclass_hash(o: &Obj) -> Option<PyResult<i64>> {
    match crate::objects::typeobj::type_lookup(o.ty(), "__hash__") {
        Some(h) if h.is_none() => Some(Err(type_error(format!("unhashable type: '{}'", o.type_name())))),
        Some(h) if h.layout() == Layout::Function => {
            Some(crate::objects::function::call_with_self::<Obj>(&h, o, &[], None).and_then(|r| hash_result(&r)))
        }
        _ => None,
    }
}

/// What a `__hash__` method returned as the hash: an int that fits is used as is (-1 becomes
/// -2), a bigger one is hashed.
fn hash_result(r: &Obj) -> PyResult<i64> {
    let v = as_int(r).ok_or_else(|| type_error("__hash__ method should return an integer"))?;
    Ok(match v {
        IntVal::Small(-1) => -2,
        IntVal::Small(i) => *i,
        _ => int_hash(v),
    })
}

fn tuple_hash(items: &[Obj]) -> PyResult<i64> {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let mut acc = P5;
    for it in items {
        // an exact str's cached hash without the call (tuples of names, of characters)
        let lane = match str_obj(it) {
            Some(so) if !is_heap(it) => str_hash(so),
            _ => hash(it)?,
        } as u64;
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
        Layout::Range => return range::range_iter(as_range(o).unwrap()),
        Layout::Deque => return Ok((crate::hooks::COLLECTIONS.installed().deque_iter)(o)),
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
    if let Some(r) = call_special(o, "__iter__", &[]) {
        let it = r?;
        if !is_iterator(&it) {
            return Err(type_error(format!("iter() returned non-iterator of type '{}'", it.type_name())));
        }
        return Ok(it);
    }
    // a subclass of a builtin container without its own __iter__ iterates as its base does,
    // even when it overrides __getitem__ (CPython's list/tuple/str/dict/set tp_iter)
    match o.layout() {
        Layout::List => return Ok(seq_iter(&iter::LIST_ITER_TYPE, o.clone())),
        Layout::Tuple => return Ok(seq_iter(&iter::TUPLE_ITER_TYPE, o.clone())),
        Layout::Str => return Ok(seq_iter(&iter::STR_ITER_TYPE, o.clone())),
        Layout::Dict => return Ok(dict::dict_iter(o, 0)),
        Layout::Set => return Ok(set::set_iter(o)),
        _ => {}
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

pub fn is_iterator(o: &Obj) -> bool {
    matches!(o.layout(), Layout::SeqIter | Layout::RangeIter | Layout::DictIter | Layout::DynIter | Layout::SetIter | Layout::Generator)
        || lookup_special(o, "__next__").is_some()
}

/// Next item of an iterator; Ok(None) when exhausted.
// always inline on wasm32: a copy left out of line in each unit is what a shared helper must
// not be (tests/test_size.py)
#[cfg_attr(target_arch = "wasm32", inline(always))]
#[cfg_attr(not(target_arch = "wasm32"), inline)]
pub fn iter_next(it: &Obj) -> PyResult<Option<Obj>> {
    // wasm32: a range's and a list's or tuple's iterator advance at the site (`for` loops);
    // the rest is the call
    #[cfg(target_arch = "wasm32")]
    match it.layout() {
        Layout::RangeIter => {
            let r = unsafe { it.data::<RangeIter>() };
            let left = r.left.get();
            if left <= 0 {
                return Ok(None);
            }
            r.left.set(left - 1);
            let v = r.cur.get();
            r.cur.set(v.wrapping_add(r.step));
            return Ok(Some(Obj::int(v)));
        }
        Layout::SeqIter => {
            // seq_iter_next's list and tuple arms
            let s = unsafe { it.data::<SeqIter>() };
            let i = s.idx.get();
            match s.seq.layout() {
                Layout::List => {
                    let r = as_list(&s.seq).unwrap().borrow().get(i).cloned();
                    s.idx.set(if r.is_some() { i + 1 } else { usize::MAX / 2 });
                    return Ok(r);
                }
                Layout::Tuple => {
                    let r = try_tuple_items(&s.seq).unwrap().get(i).cloned();
                    if r.is_some() {
                        s.idx.set(i + 1);
                    }
                    return Ok(r);
                }
                _ => {}
            }
        }
        _ => {}
    }
    iter_next_call(it)
}

/// iter_next as a call of its own (what native code calls; wasm32 after its inline paths).
pub fn iter_next_call(it: &Obj) -> PyResult<Option<Obj>> {
    match it.layout() {
        Layout::RangeIter => Ok(range_iter_next(unsafe { it.data::<RangeIter>() })),
        Layout::SeqIter => Ok(seq_iter_next(unsafe { it.data::<SeqIter>() })),
        Layout::DictIter => dict::dict_iter_next(unsafe { it.data::<dict::DictIter>() }),
        Layout::SetIter => set::set_iter_next(unsafe { it.data::<set::SetIter>() }),
        Layout::DynIter => dyn_iter_next(unsafe { it.data::<DynIter>() }),
        Layout::Generator => crate::objects::generator::gen_iter_next(unsafe { it.data::<crate::objects::generator::GenObj>() }),
        _ => match call_special(it, "__next__", &[]) {
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
                let hay = container.as_str().unwrap();
                return Ok(crate::by_pattern!(s, |pat| hay.contains(pat)));
            }
            Layout::List => {
                let mut i = 0;
                while let Some(x) = crate::objects::list::list_item(container, i) {
                    if eq(&x, item)? {
                        return Ok(true);
                    }
                    i += 1;
                }
                return Ok(false);
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
                let r = as_range(container).unwrap();
                if r.big.is_some() && item.layout() == Layout::Int {
                    return range::big_contains(r, item);
                }
                if let Some(v) = int::int_as_i64(item) {
                    return Ok(range::range_contains(r, v));
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
    if let Some(r) = call_special(container, "__contains__", &[item]) {
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

/// A Py_ssize_t argument (list.pop, list.insert, ...): operator.index(o), OverflowError when
/// it does not fit, as PyNumber_AsSsize_t(o, OverflowError).
pub fn ssize_value(o: &Obj) -> PyResult<i64> {
    match as_int(o) {
        Some(IntVal::Big(_)) => Err(overflow_error("Python int too large to convert to C ssize_t")),
        Some(IntVal::Small(i)) => Ok(*i),
        None => {
            if let Some(r) = call_special(o, "__index__", &[]) {
                return ssize_value(&r?);
            }
            Err(type_error(format!("'{}' object cannot be interpreted as an integer", o.type_name())))
        }
    }
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
            if let Some(r) = call_special(o, "__index__", &[]) {
                return index_value(&r?);
            }
            Err(type_error(format!("'{}' object cannot be interpreted as an integer", o.type_name())))
        }
    }
}

// ---------------------------------------------------------------- items

// always inline on wasm32: a copy left out of line in each unit is what a shared helper must
// not be (tests/test_size.py)
#[cfg_attr(target_arch = "wasm32", inline(always))]
#[cfg_attr(not(target_arch = "wasm32"), inline)]
pub fn getitem(o: &Obj, key: &Obj) -> PyResult {
    // wasm32: an exact list or tuple indexed by a small int in range reads the item at the
    // site (a call there costs more than the read: wasmtime's frame and stack check, the
    // result through the shadow stack); everything else, errors included, is the call
    #[cfg(target_arch = "wasm32")]
    if let Some(i) = key.as_i64() {
        if let Some(v) = seq_item_at(o, i) {
            return Ok(v);
        }
    }
    getitem_call(o, key)
}

/// Item `i` (negative from the end) of an exact list or tuple, None when `o` is neither or
/// `i` is out of range (the caller then takes the generic path, which raises).
#[cfg(target_arch = "wasm32")]
#[inline]
fn seq_item_at(o: &Obj, i: i64) -> Option<Obj> {
    let ty = o.ty();
    if ty.heap {
        return None;
    }
    let at = |items: &[Obj]| {
        let n = items.len() as i64;
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            None
        } else {
            Some(items[j as usize].clone())
        }
    };
    match ty.layout {
        Layout::Tuple => at(tuple::try_tuple_items(o)?),
        Layout::List => at(&list::as_list(o)?.borrow()),
        _ => None,
    }
}

/// `o[key]` as a call of its own (what native code calls; wasm32 after its list/tuple path).
pub fn getitem_call(o: &Obj, key: &Obj) -> PyResult {
    if !is_heap(o) {
        match o.layout() {
            Layout::List => return list::list_getitem(o, key),
            Layout::Dict => return dict::dict_getitem(o, key),
            Layout::Tuple => return tuple::tuple_getitem(o, key),
            Layout::Str => return crate::objects::str::str_getitem(o, key),
            Layout::Range => return range::range_getitem(o, key),
            Layout::Bytes => return bytes_getitem(o, key),
            Layout::Deque => return (crate::hooks::COLLECTIONS.installed().deque_getitem)(o, key),
            Layout::Sre if (crate::hooks::SRE.installed().is_match)(o) => return (crate::hooks::SRE.installed().match_getitem)(o, key),
            Layout::Type => return class_getitem(o, key),
            _ => {}
        }
    }
    if let Some(r) = call_special(o, "__getitem__", &[key]) {
        return r;
    }
    if o.layout() == Layout::Deque {
        return (crate::hooks::COLLECTIONS.installed().deque_getitem)(o, key);
    }
    if o.layout() == Layout::Dict {
        if let Some(v) = dict::dict_get(o, key)? {
            return Ok(v);
        }
        if let Some(r) = call_special(o, "__missing__", &[key]) {
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
        return class_getitem(o, key);
    }
    Err(type_error(format!("'{}' object is not subscriptable", o.type_name())))
}

/// `cls[key]` without a metaclass `__getitem__`: `__class_getitem__`, or a
/// `types.GenericAlias` for the builtin generic classes (PEP 585).
fn class_getitem(o: &Obj, key: &Obj) -> PyResult {
    let t = o.as_type();
    if let Some(f) = crate::objects::typeobj::type_lookup(t, "__class_getitem__") {
        let f = static_or_class_method(&f, o).unwrap_or(f);
        return crate::call(&f, vec![key.clone()], None);
    }
    if let Some((_, f)) = t.find_named_method("__class_getitem__") {
        // a native type's classmethod (array.array[int], _contextvars.ContextVar[int])
        return f(o, std::slice::from_ref(key), None);
    }
    use crate::objects::*;
    let generic: &[&'static crate::object::TypeObject] = &[
        &list::LIST_TYPE, &dict::DICT_TYPE, &tuple::TUPLE_TYPE, &set::SET_TYPE, &set::FROZENSET_TYPE,
        &typeobj::TYPE_TYPE,
    ];
    if std::ptr::eq(t, &typeobj::OBJECT_TYPE) {
        // the hand-written typing module's placeholders (Optional[int], ...) are `object`
        return Ok(o.clone());
    }
    let collections_generic = crate::hooks::COLLECTIONS.get().map_or(false, |h| (h.is_generic)(t));
    if collections_generic || generic.iter().any(|g| std::ptr::eq(*g, t)) {
        return crate::modules::typesmod::generic_alias(o, key);
    }
    Err(type_error(format!("type '{}' is not subscriptable", t.name)))
}

pub fn setitem(o: &Obj, key: &Obj, v: Obj) -> PyResult<()> {
    if !is_heap(o) {
        match o.layout() {
            Layout::List => return list::list_setitem(o, key, v),
            Layout::Dict => return dict::dict_set(o, key.clone(), v),
            Layout::Deque => return (crate::hooks::COLLECTIONS.installed().deque_setitem)(o, key, v),
            Layout::Bytes if crate::objects::bytes::is_bytearray(o) => {
                return crate::objects::bytes::bytearray_setitem(o, key, &v)
            }
            _ => {}
        }
    }
    if let Some(r) = call_special(o, "__setitem__", &[key, &v]) {
        return r.map(|_| ());
    }
    match o.layout() {
        Layout::List => list::list_setitem(o, key, v),
        Layout::Dict => dict::dict_set(o, key.clone(), v),
        Layout::Deque => (crate::hooks::COLLECTIONS.installed().deque_setitem)(o, key, v),
        Layout::Bytes if crate::objects::bytes::is_bytearray(o) => crate::objects::bytes::bytearray_setitem(o, key, &v),
        _ => Err(type_error(format!("'{}' object does not support item assignment", o.type_name()))),
    }
}

pub fn delitem(o: &Obj, key: &Obj) -> PyResult<()> {
    if !is_heap(o) {
        match o.layout() {
            Layout::List => return list::list_delitem(o, key),
            Layout::Dict => return dict::dict_delitem(o, key),
            Layout::Deque => return (crate::hooks::COLLECTIONS.installed().deque_delitem)(o, key),
            Layout::Bytes if crate::objects::bytes::is_bytearray(o) => return crate::objects::bytes::bytearray_delitem(o, key),
            _ => {}
        }
    }
    if let Some(r) = call_special(o, "__delitem__", &[key]) {
        return r.map(|_| ());
    }
    match o.layout() {
        Layout::List => list::list_delitem(o, key),
        Layout::Dict => dict::dict_delitem(o, key),
        Layout::Deque => (crate::hooks::COLLECTIONS.installed().deque_delitem)(o, key),
        Layout::Bytes if crate::objects::bytes::is_bytearray(o) => crate::objects::bytes::bytearray_delitem(o, key),
        _ => Err(type_error(format!("'{}' object doesn't support item deletion", o.type_name()))),
    }
}

pub use crate::attr::*;
pub use crate::repr::*;

