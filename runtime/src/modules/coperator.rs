//! `_operator` (CPython's Modules/_operator.c): the operator functions, itemgetter,
//! attrgetter, methodcaller, length_hint, _compare_digest. operator.py re-exports them.
use crate::object::{Layout, MethodFn, Obj};
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::dict::{dict_items, dict_set, new_dict};
use crate::objects::exceptions::{type_error, value_error};
use crate::objects::native::{self, check_positional, new_native, no_keywords, NativeData};
use crate::objects::tuple::tuple_items;
use crate::{builtins::split_kw, call, ops, BinOp, CmpOp, PyResult};

crate::native_type!(ITEMGETTER_TYPE, "operator", "operator.itemgetter", ITEMGETTER_METHODS);
crate::native_type!(ATTRGETTER_TYPE, "operator", "operator.attrgetter", ATTRGETTER_METHODS);
crate::native_type!(METHODCALLER_TYPE, "operator", "operator.methodcaller", METHODCALLER_METHODS);

fn two<'a>(name: &str, a: &'a [Obj], kw: Option<&Obj>) -> PyResult<(&'a Obj, &'a Obj)> {
    no_keywords(name, kw)?;
    check_positional(name, a.len(), 2, 2)?;
    Ok((&a[0], &a[1]))
}

/// METH_O functions: "_operator.not_() takes exactly one argument (2 given)".
fn one<'a>(name: &str, a: &'a [Obj], kw: Option<&Obj>) -> PyResult<&'a Obj> {
    no_keywords(&format!("_operator.{}", name), kw)?;
    if a.len() != 1 {
        return Err(type_error(format!("_operator.{}() takes exactly one argument ({} given)", name, a.len())));
    }
    Ok(&a[0])
}

macro_rules! binop {
    ($f:ident, $name:expr, $op:ident, $kind:ident) => {
        fn $f(a: &[Obj], kw: Option<&Obj>) -> PyResult {
            let (x, y) = two($name, a, kw)?;
            ops::$kind(x, y, BinOp::$op)
        }
    };
}
binop!(op_add, "add", Add, binary_op);
binop!(op_sub, "sub", Sub, binary_op);
binop!(op_mul, "mul", Mul, binary_op);
binop!(op_truediv, "truediv", TrueDiv, binary_op);
binop!(op_floordiv, "floordiv", FloorDiv, binary_op);
binop!(op_mod, "mod", Mod, binary_op);
binop!(op_pow, "pow", Pow, binary_op);
binop!(op_lshift, "lshift", LShift, binary_op);
binop!(op_rshift, "rshift", RShift, binary_op);
binop!(op_and, "and_", And, binary_op);
binop!(op_or, "or_", Or, binary_op);
binop!(op_xor, "xor", Xor, binary_op);
binop!(op_matmul, "matmul", MatMul, binary_op);
binop!(op_iadd, "iadd", Add, inplace_op);
binop!(op_isub, "isub", Sub, inplace_op);
binop!(op_imul, "imul", Mul, inplace_op);
binop!(op_itruediv, "itruediv", TrueDiv, inplace_op);
binop!(op_ifloordiv, "ifloordiv", FloorDiv, inplace_op);
binop!(op_imod, "imod", Mod, inplace_op);
binop!(op_ipow, "ipow", Pow, inplace_op);
binop!(op_ilshift, "ilshift", LShift, inplace_op);
binop!(op_irshift, "irshift", RShift, inplace_op);
binop!(op_iand, "iand", And, inplace_op);
binop!(op_ior, "ior", Or, inplace_op);
binop!(op_ixor, "ixor", Xor, inplace_op);
binop!(op_imatmul, "imatmul", MatMul, inplace_op);

macro_rules! cmpop {
    ($f:ident, $name:expr, $op:ident) => {
        fn $f(a: &[Obj], kw: Option<&Obj>) -> PyResult {
            let (x, y) = two($name, a, kw)?;
            ops::compare(x, y, CmpOp::$op)
        }
    };
}
cmpop!(op_lt, "lt", Lt);
cmpop!(op_le, "le", Le);
cmpop!(op_eq, "eq", Eq);
cmpop!(op_ne, "ne", Ne);
cmpop!(op_gt, "gt", Gt);
cmpop!(op_ge, "ge", Ge);

fn op_neg(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    ops::unary_neg(one("neg", a, kw)?)
}
fn op_pos(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    ops::unary_pos(one("pos", a, kw)?)
}
fn op_inv(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    ops::unary_invert(one("inv", a, kw)?)
}
fn op_invert(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    ops::unary_invert(one("invert", a, kw)?)
}
fn op_abs(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let x = one("abs", a, kw)?;
    call(&crate::builtin("abs"), vec![x.clone()], None)
}
fn op_not(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    Ok(Obj::bool(!ops::is_true(one("not_", a, kw)?)?))
}
fn op_truth(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    Ok(Obj::bool(ops::is_true(one("truth", a, kw)?)?))
}
fn op_index(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let x = one("index", a, kw)?;
    if crate::objects::int::as_int(x).is_some() && !x.ty().heap {
        return Ok(x.clone());
    }
    if let Some(r) = ops::call_special(x, "__index__", &[]) {
        let r = r?;
        if crate::objects::int::as_int(&r).is_none() {
            return Err(type_error(format!("__index__ returned non-int (type {})", r.type_name())));
        }
        return Ok(r);
    }
    if crate::objects::int::as_int(x).is_some() {
        return Ok(x.clone());
    }
    Err(type_error(format!("'{}' object cannot be interpreted as an integer", x.type_name())))
}
fn op_is(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (x, y) = two("is_", a, kw)?;
    Ok(Obj::bool(x.is(y)))
}
fn op_is_not(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (x, y) = two("is_not", a, kw)?;
    Ok(Obj::bool(!x.is(y)))
}

fn is_sequence(o: &Obj) -> bool {
    if o.ty().heap || o.layout() == Layout::Native {
        return ops::lookup_special(o, "__getitem__").is_some() && o.layout() != Layout::Dict;
    }
    matches!(o.layout(), Layout::Str | Layout::Bytes | Layout::List | Layout::Tuple | Layout::Range | Layout::Deque)
}

fn op_concat(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (x, y) = two("concat", a, kw)?;
    if !is_sequence(x) {
        return Err(type_error(format!("'{}' object can't be concatenated", x.type_name())));
    }
    ops::binary_op(x, y, BinOp::Add)
}
fn op_iconcat(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (x, y) = two("iconcat", a, kw)?;
    if !is_sequence(x) {
        return Err(type_error(format!("'{}' object can't be concatenated", x.type_name())));
    }
    ops::inplace_op(x, y, BinOp::Add)
}
fn op_contains(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (x, y) = two("contains", a, kw)?;
    Ok(Obj::bool(ops::contains(x, y)?))
}

/// Iterates `seq` for countOf / indexOf ("argument of type 'int' is not iterable").
fn iter_of(seq: &Obj) -> PyResult<Obj> {
    ops::get_iter(seq).map_err(|e| {
        if e.is_instance(&crate::objects::exceptions::TYPE_ERROR) {
            type_error(format!("argument of type '{}' is not iterable", seq.type_name()))
        } else {
            e
        }
    })
}
fn op_count_of(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (seq, x) = two("countOf", a, kw)?;
    let it = iter_of(seq)?;
    let mut n = 0i64;
    while let Some(v) = ops::iter_next(&it)? {
        if v.is(x) || ops::eq(&v, x)? {
            n += 1;
        }
    }
    Ok(Obj::int(n))
}
fn op_index_of(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (seq, x) = two("indexOf", a, kw)?;
    let it = iter_of(seq)?;
    let mut n = 0i64;
    while let Some(v) = ops::iter_next(&it)? {
        if v.is(x) || ops::eq(&v, x)? {
            return Ok(Obj::int(n));
        }
        n += 1;
    }
    Err(value_error("sequence.index(x): x not in sequence"))
}
fn op_getitem(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (x, y) = two("getitem", a, kw)?;
    ops::getitem(x, y)
}
fn op_setitem(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_keywords("setitem", kw)?;
    check_positional("setitem", a.len(), 3, 3)?;
    ops::setitem(&a[0], &a[1], a[2].clone())?;
    Ok(Obj::none())
}
fn op_delitem(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (x, y) = two("delitem", a, kw)?;
    ops::delitem(x, y)?;
    Ok(Obj::none())
}
fn op_call(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, _) = split_kw(a, kw);
    if pos.is_empty() {
        return Err(type_error(format!("call expected at least 1 argument, got 0")));
    }
    call(&a[0], a[1..].to_vec(), kw)
}

fn op_length_hint(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_keywords("_operator.length_hint", kw)?;
    check_positional("length_hint", a.len(), 1, 2)?;
    let default = match a.get(1) {
        Some(d) => {
            if crate::objects::int::as_int(d).is_none() && ops::lookup_special(d, "__index__").is_none() {
                return Err(type_error(format!("'{}' object cannot be interpreted as an integer", d.type_name())));
            }
            ops::index_value(d)?
        }
        None => 0,
    };
    length_hint(&a[0], default).map(Obj::int)
}

/// PyObject_LengthHint
pub fn length_hint(o: &Obj, default: i64) -> PyResult<i64> {
    match ops::len(o) {
        Ok(n) => return Ok(n as i64),
        Err(e) if !e.is_instance(&crate::objects::exceptions::TYPE_ERROR) => return Err(e),
        Err(_) => {}
    }
    let r = match ops::call_special(o, "__length_hint__", &[]) {
        Some(r) => r?,
        None => match o.ty().find_method("__length_hint__") {
            Some(f) if !o.ty().heap => f(o, &[], None)?,
            _ => return Ok(default),
        },
    };
    if r.is_not_implemented() {
        return Ok(default);
    }
    if crate::objects::int::as_int(&r).is_none() {
        return Err(type_error(format!("__length_hint__ must be an integer, not {}", r.type_name())));
    }
    let n = ops::index_value(&r)?;
    if n < 0 {
        return Err(value_error("__length_hint__() should return >= 0"));
    }
    Ok(n)
}

fn compare_digest(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (x, y) = two("_compare_digest", a, kw)?;
    let (bx, by): (Vec<u8>, Vec<u8>) = match (x.as_str(), y.as_str()) {
        (Some(s), Some(t)) => {
            if !s.is_ascii() || !t.is_ascii() {
                return Err(type_error("comparing strings with non-ASCII characters is not supported"));
            }
            (s.as_bytes().to_vec(), t.as_bytes().to_vec())
        }
        _ => match (crate::objects::bytes::as_bytes(x), crate::objects::bytes::as_bytes(y)) {
            (Some(p), Some(q)) if x.as_str().is_none() && y.as_str().is_none() => (p.to_vec(), q.to_vec()),
            _ => {
                return Err(type_error(format!(
                    "unsupported operand types(s) or combination of types: '{}' and '{}'",
                    x.type_name(),
                    y.type_name()
                )))
            }
        },
    };
    // constant time in the length of the second argument
    let mut diff: u8 = (bx.len() != by.len()) as u8;
    for (i, b) in by.iter().enumerate() {
        let l = if bx.len() == by.len() { bx[i] } else { *b };
        diff |= l ^ b;
    }
    Ok(Obj::bool(diff == 0))
}

// ---------------------------------------------------------------- itemgetter

struct Getter {
    items: Vec<Obj>,
}
impl NativeData for Getter {
    fn traverse(&self, v: &mut dyn FnMut(&Obj)) -> bool {
        self.items.iter().for_each(|o| v(o));
        true
    }
}

fn items_of(this: &Obj) -> PyResult<&Vec<Obj>> {
    Ok(&native::expect::<Getter>(this, &this.ty().qualified_name())?.items)
}

fn itemgetter_new(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_keywords("itemgetter", kw)?;
    if a.is_empty() {
        return Err(type_error("itemgetter expected 1 argument, got 0"));
    }
    Ok(new_native(native::new_type(this)?, Getter { items: a.to_vec() }))
}

fn getter_call_args<'a>(this: &Obj, a: &'a [Obj], kw: Option<&Obj>) -> PyResult<&'a Obj> {
    no_keywords(this.ty().name.rsplit('.').next().unwrap_or(""), kw)?;
    check_positional(this.ty().name.rsplit('.').next().unwrap_or(""), a.len(), 1, 1)?;
    Ok(&a[0])
}

fn itemgetter_call(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let items = items_of(this)?;
    let o = getter_call_args(this, a, kw)?;
    if items.len() == 1 {
        return ops::getitem(o, &items[0]);
    }
    let mut out = Vec::with_capacity(items.len());
    for k in items {
        out.push(ops::getitem(o, k)?);
    }
    Ok(Obj::tuple(out))
}

fn getter_repr(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let items = items_of(this)?.clone();
    let name = this.ty().name;
    let s = crate::repr::with_repr_guard(this, "...", || {
        let parts: PyResult<Vec<String>> = items.iter().map(ops::repr_string).collect();
        Ok(format!("{}({})", name, parts?.join(", ")))
    })?;
    Ok(Obj::string(s))
}

fn getter_reduce(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::tuple2(this.ty().obj(), Obj::tuple(items_of(this)?.clone())))
}

static ITEMGETTER_METHODS: &[(&str, MethodFn)] = &[
    ("__new__", itemgetter_new),
    ("__call__", itemgetter_call),
    ("__repr__", getter_repr),
    ("__reduce__", getter_reduce),
];

// ---------------------------------------------------------------- attrgetter

fn attrgetter_new(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    no_keywords("attrgetter", kw)?;
    if a.is_empty() {
        return Err(type_error("attrgetter expected 1 argument, got 0"));
    }
    for x in a {
        if x.as_str().is_none() {
            return Err(type_error("attribute name must be a string"));
        }
    }
    Ok(new_native(native::new_type(this)?, Getter { items: a.to_vec() }))
}

fn dotted_get(o: &Obj, name: &Obj) -> PyResult {
    let s = name.as_str().unwrap_or("");
    if !s.contains('.') {
        return ops::getattr(o, name);
    }
    let mut cur = o.clone();
    for part in s.split('.') {
        cur = ops::getattr(&cur, &Obj::str(part))?;
    }
    Ok(cur)
}

fn attrgetter_call(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let items = items_of(this)?;
    let o = getter_call_args(this, a, kw)?;
    if items.len() == 1 {
        return dotted_get(o, &items[0]);
    }
    let mut out = Vec::with_capacity(items.len());
    for k in items {
        out.push(dotted_get(o, k)?);
    }
    Ok(Obj::tuple(out))
}

static ATTRGETTER_METHODS: &[(&str, MethodFn)] = &[
    ("__new__", attrgetter_new),
    ("__call__", attrgetter_call),
    ("__repr__", getter_repr),
    ("__reduce__", getter_reduce),
];

// ---------------------------------------------------------------- methodcaller

struct Caller {
    name: Obj,
    args: Vec<Obj>,
    kw: Obj,
}
impl NativeData for Caller {
    fn traverse(&self, v: &mut dyn FnMut(&Obj)) -> bool {
        v(&self.name);
        self.args.iter().for_each(|o| v(o));
        v(&self.kw);
        true
    }
}

fn methodcaller_new(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(a, kw);
    if pos.is_empty() {
        return Err(type_error("methodcaller needs at least one argument, the method name"));
    }
    if pos[0].as_str().is_none() {
        return Err(type_error("method name must be a string"));
    }
    let d = new_dict();
    for (k, v) in kws {
        dict_set(&d, Obj::str(k), v.clone())?;
    }
    Ok(new_native(native::new_type(this)?, Caller { name: pos[0].clone(), args: pos[1..].to_vec(), kw: d }))
}

fn caller(this: &Obj) -> PyResult<&Caller> {
    native::expect::<Caller>(this, "operator.methodcaller")
}

fn methodcaller_call(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let c = caller(this)?;
    no_keywords("methodcaller", kw)?;
    check_positional("methodcaller", a.len(), 1, 1)?;
    let mut args = c.args.clone();
    let mut names = Vec::new();
    for (k, v) in dict_items(&c.kw) {
        names.push(k);
        args.push(v);
    }
    let m = ops::getattr(&a[0], &c.name)?;
    if names.is_empty() {
        call(&m, args, None)
    } else {
        call(&m, args, Some(&Obj::tuple(names)))
    }
}

fn methodcaller_repr(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let c = caller(this)?;
    let name = this.ty().name;
    let s = crate::repr::with_repr_guard(this, "...", || {
        let mut parts = vec![ops::repr_string(&c.name)?];
        for x in &c.args {
            parts.push(ops::repr_string(x)?);
        }
        for (k, v) in dict_items(&c.kw) {
            parts.push(format!("{}={}", ops::str_string(&k)?, ops::repr_string(&v)?));
        }
        Ok(format!("{}({})", name, parts.join(", ")))
    })?;
    Ok(Obj::string(s))
}

fn methodcaller_reduce(this: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let c = caller(this)?;
    if crate::objects::dict::dict_len(&c.kw) == 0 {
        let mut args = vec![c.name.clone()];
        args.extend(c.args.iter().cloned());
        return Ok(Obj::tuple2(this.ty().obj(), Obj::tuple(args)));
    }
    let partial = ops::getattr_str(&crate::modules::load("functools")?.unwrap(), "partial")?;
    let mut pa = vec![this.ty().obj(), c.name.clone()];
    let mut names = Vec::new();
    for (k, v) in dict_items(&c.kw) {
        names.push(k);
        pa.push(v);
    }
    let p = call(&partial, pa, Some(&Obj::tuple(names)))?;
    Ok(Obj::tuple2(p, Obj::tuple(c.args.clone())))
}

static METHODCALLER_METHODS: &[(&str, MethodFn)] = &[
    ("__new__", methodcaller_new),
    ("__call__", methodcaller_call),
    ("__repr__", methodcaller_repr),
    ("__reduce__", methodcaller_reduce),
];

const DOC: &str = "Operator interface.

This module exports a set of functions implemented in C corresponding
to the intrinsic operators of Python.  For example, operator.add(x, y)
is equivalent to the expression x+y.  The function names are those
used for special methods; variants without leading and trailing
'__' are also provided for convenience.";

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("_operator"))?;
    dict_set(&d, Obj::str("__doc__"), Obj::str(DOC))?;
    let fns: &[(&'static str, BuiltinFn)] = &[
        ("abs", op_abs),
        ("add", op_add),
        ("and_", op_and),
        ("call", op_call),
        ("concat", op_concat),
        ("contains", op_contains),
        ("countOf", op_count_of),
        ("delitem", op_delitem),
        ("eq", op_eq),
        ("floordiv", op_floordiv),
        ("ge", op_ge),
        ("getitem", op_getitem),
        ("gt", op_gt),
        ("iadd", op_iadd),
        ("iand", op_iand),
        ("iconcat", op_iconcat),
        ("ifloordiv", op_ifloordiv),
        ("ilshift", op_ilshift),
        ("imatmul", op_imatmul),
        ("imod", op_imod),
        ("imul", op_imul),
        ("index", op_index),
        ("indexOf", op_index_of),
        ("inv", op_inv),
        ("invert", op_invert),
        ("ior", op_ior),
        ("ipow", op_ipow),
        ("irshift", op_irshift),
        ("is_", op_is),
        ("is_not", op_is_not),
        ("isub", op_isub),
        ("itruediv", op_itruediv),
        ("ixor", op_ixor),
        ("le", op_le),
        ("length_hint", op_length_hint),
        ("lshift", op_lshift),
        ("lt", op_lt),
        ("matmul", op_matmul),
        ("mod", op_mod),
        ("mul", op_mul),
        ("ne", op_ne),
        ("neg", op_neg),
        ("not_", op_not),
        ("or_", op_or),
        ("pos", op_pos),
        ("pow", op_pow),
        ("rshift", op_rshift),
        ("setitem", op_setitem),
        ("sub", op_sub),
        ("truediv", op_truediv),
        ("truth", op_truth),
        ("xor", op_xor),
        ("_compare_digest", compare_digest),
    ];
    for (n, g) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *g))?;
    }
    dict_set(&d, Obj::str("itemgetter"), ITEMGETTER_TYPE.obj())?;
    dict_set(&d, Obj::str("attrgetter"), ATTRGETTER_TYPE.obj())?;
    dict_set(&d, Obj::str("methodcaller"), METHODCALLER_TYPE.obj())?;
    let _ = tuple_items;
    Ok(crate::objects::module::new_module("_operator", d))
}
