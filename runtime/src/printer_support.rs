//! The API additions the printer relies on (API.md "Additions ... needed by the printer"):
//! guards of the numeric fast path, UNPACK_SEQUENCE, and LOAD_ASSERTION_ERROR.
use crate::builtins::builtins_dict;
use crate::objects::dict::{dict_get, dict_get_str};
use crate::objects::exceptions::{type_error, value_error};
use crate::objects::function::{as_func, CodeInfo};
use crate::objects::list::as_list;
use crate::objects::tuple::try_tuple_items;
use crate::{get_iter, iter_next, Obj, PyResult};

/// The code of a Python function object (None for anything else).
pub fn function_code(func: &Obj) -> Option<&'static CodeInfo> {
    as_func(func).map(|f| f.code())
}

/// `d.get(key)` without raising KeyError; hashing the key may still raise.
pub fn dict_lookup(d: &Obj, key: &Obj) -> PyResult<Option<Obj>> {
    dict_get(d, key)
}

/// The value of a name in the builtins module (what LOAD_ASSERTION_ERROR pushes).
pub fn builtin(name: &str) -> Obj {
    dict_get_str(&builtins_dict(), &crate::object::intern_dyn(name))
        .unwrap_or_else(|| panic!("pyrt: builtin {} is missing", name))
}

/// UNPACK_SEQUENCE: exactly `n` items of an iterable, with CPython 3.11's errors.
pub fn unpack(v: &Obj, n: usize) -> PyResult<Vec<Obj>> {
    if let Some(items) = try_tuple_items(v) {
        return exact(items.to_vec(), n, v);
    }
    if let Some(list) = as_list(v) {
        let items = list.borrow().clone();
        return exact(items, n, v);
    }
    let it = get_iter(v).map_err(|e| {
        if e.matches(&builtin("TypeError")).unwrap_or(false) {
            type_error(format!("cannot unpack non-iterable {} object", v.type_name()))
        } else {
            e
        }
    })?;
    let mut items = Vec::with_capacity(n);
    while let Some(item) = iter_next(&it)? {
        if items.len() == n {
            return Err(too_many(v, n));
        }
        items.push(item);
    }
    exact(items, n, v)
}

/// "too many values to unpack": 3.14's unpack_iterable adds ", got N" for an exact list,
/// tuple or dict (its size), not for subclasses or other iterables.
fn too_many(v: &Obj, n: usize) -> crate::Exc {
    if crate::modules::sys::python_minor() >= 14 {
        let size = if v.is_type(&crate::objects::list::LIST_TYPE) {
            as_list(v).map(|l| l.borrow().len())
        } else if v.is_type(&crate::objects::tuple::TUPLE_TYPE) {
            try_tuple_items(v).map(|t| t.len())
        } else if v.is_type(&crate::objects::dict::DICT_TYPE) {
            Some(crate::objects::dict::dict_len(v))
        } else {
            None
        };
        if let Some(size) = size {
            return value_error(format!("too many values to unpack (expected {}, got {})", n, size));
        }
    }
    value_error(format!("too many values to unpack (expected {})", n))
}

fn exact(items: Vec<Obj>, n: usize, v: &Obj) -> PyResult<Vec<Obj>> {
    if items.len() > n {
        return Err(too_many(v, n));
    }
    if items.len() < n {
        return Err(value_error(format!(
            "not enough values to unpack (expected {}, got {})",
            n,
            items.len()
        )));
    }
    Ok(items)
}

/// The current depth of Python calls (what the recursion limit is checked against).
pub fn recursion_depth() -> u32 {
    crate::objects::function::recursion_depth()
}

/// sys.getrecursionlimit()
pub fn recursion_limit() -> u32 {
    crate::objects::function::get_recursion_limit()
}

/// A frozenset constant (`x in {1, 2}`, `{*"ab", "c"}`): its items are hashable constants.
pub fn frozenset_const(items: Vec<Obj>) -> Obj {
    let s = crate::objects::set::new_set(true);
    for item in items {
        crate::objects::set::set_add(&s, item).expect("pyrt: unhashable frozenset constant");
    }
    s
}

/// A complex constant (`1j`, `2+3j` folded by CPython's compiler), from its parts' bits.
pub fn complex_const(re_bits: u64, im_bits: u64) -> Obj {
    crate::objects::complex::new_complex(f64::from_bits(re_bits), f64::from_bits(im_bits))
}

/// `ln` of a printed function whose error is a re-raise: no traceback entry is added.
pub const NO_FRAME: u32 = u32::MAX;

/// The one error exit of a printed function: the exception leaving it gets the function's
/// traceback entry at `line` (the failing operation's), unless `line` is `NO_FRAME`.
#[inline(never)]
pub fn frame_at(e: crate::Exc, code: &'static CodeInfo, line: u32) -> crate::Exc {
    if line == NO_FRAME {
        e
    } else {
        e.raised(code, line)
    }
}

/// Releases a value out of line: what code that runs once (module and class bodies) prints
/// instead of `drop`, whose decrement and dealloc test are inline on wasm32 (~25 bytes a site).
/// Generic: a value the printer knows only as "not a bool" may be an `Obj`, a `Meth`, or an
/// array or Vec of unpacked values (each unit instantiates the ones it uses, once).
#[inline(never)]
pub fn release<T>(o: T) {
    drop(o)
}

/// A new reference to `o`, out of line: what code that runs once prints instead of `clone`
/// for a constant it hands over.
#[inline(never)]
pub fn own(o: &Obj) -> Obj {
    o.clone()
}

/// The generic entry (`CodeInfo.entry`) of every printed function that has a fixed-arity one
/// (`CodeInfo.fast`): binds the parameter vector and enters that. One shared copy instead of a
/// printed wrapper per function (~100 bytes of wasm each). `func` is the function object whose
/// code is being entered, as for every entry.
#[inline(never)]
pub fn entry_fast(func: &Obj, params: Vec<Obj>) -> PyResult {
    use crate::objects::function::Fast;
    let fast = match crate::objects::function::as_func(func) {
        Some(f) => f.code().fast,
        None => Fast::No,
    };
    match fast {
        Fast::A0(f) => {
            drop(params);
            f(func)
        }
        Fast::A1(f) => {
            let [a]: [Obj; 1] = take_params(params);
            f(func, a)
        }
        Fast::A2(f) => {
            let [a, b]: [Obj; 2] = take_params(params);
            f(func, a, b)
        }
        Fast::A3(f) => {
            let [a, b, c]: [Obj; 3] = take_params(params);
            f(func, a, b, c)
        }
        Fast::A4(f) => {
            let [a, b, c, d]: [Obj; 4] = take_params(params);
            f(func, a, b, c, d)
        }
        Fast::A5(f) => {
            let [a, b, c, d, e]: [Obj; 5] = take_params(params);
            f(func, a, b, c, d, e)
        }
        Fast::A6(f) => {
            let [a, b, c, d, e, g]: [Obj; 6] = take_params(params);
            f(func, a, b, c, d, e, g)
        }
        Fast::No => panic!("pyrt: entry_fast entered for a function without a fixed-arity entry"),
    }
}

/// A printed function's first `N` parameters (the caller binds at least the code's count).
#[inline(always)]
pub fn take_params<const N: usize>(params: Vec<Obj>) -> [Obj; N] {
    let mut out = std::mem::MaybeUninit::<[Obj; N]>::uninit();
    unsafe {
        move_first(params, N, out.as_mut_ptr() as *mut Obj);
        out.assume_init()
    }
}

/// Moves the first `n` items of `params` to `out` and drops the rest (the part of
/// `take_params` that is not generic: one copy, not one per arity and unit).
#[inline(never)]
unsafe fn move_first(mut params: Vec<Obj>, n: usize, out: *mut Obj) {
    if params.len() < n {
        wrong_param_count();
    }
    params.truncate(n);
    std::ptr::copy_nonoverlapping(params.as_ptr(), out, n);
    params.set_len(0);
}

#[cold]
#[inline(never)]
fn wrong_param_count() -> ! {
    panic!("pyrt: a compiled function got the wrong number of parameters")
}

// Calls with a fixed number of positional arguments and no keywords: a compiled function (or
// a bound method of one) with a fixed-arity entry is entered without an argument vector; else
// the vector is built once, here, instead of at every call site of the printed code.

#[inline(always)]
fn call_fixed(f: &Obj, args: &[&Obj]) -> Option<PyResult> {
    match f.layout() {
        crate::object::Layout::Function => crate::objects::function::call_fast(f, None, args),
        crate::object::Layout::Method => {
            let m = crate::objects::function::as_method(f)?;
            crate::objects::function::call_fast(&m.func, Some(&m.this), args)
        }
        _ => None,
    }
}

/// A class called with N positional arguments (its metaclass being `type`'s kind, with no
/// `__call__` of its own, as `call` checks): the arguments in a stack array, not a vector.
#[inline(always)]
fn call_class<const N: usize>(f: &Obj, args: [&Obj; N]) -> Option<PyResult> {
    if f.layout() != crate::object::Layout::Type || f.ty().heap {
        return None;
    }
    if N == 1 {
        // `float(x)` of a float, `int(n)` of an int, `str(s)` of a str (exact types): the
        // object itself, as CPython returns it (ray_tracer's `Vec.__init__`: 1.2M calls)
        let t = f.as_type() as *const crate::object::TypeObject;
        let a = args[0];
        if std::ptr::eq(a.ty(), t)
            && (std::ptr::eq(t, &crate::objects::float::FLOAT_TYPE)
                || std::ptr::eq(t, &crate::objects::int::INT_TYPE)
                || std::ptr::eq(t, &crate::objects::str::STR_TYPE))
        {
            return Some(Ok(a.clone()));
        }
    }
    let owned: [Obj; N] = args.map(|a| a.clone());
    Some(crate::objects::typeobj::type_call(f.as_type(), &owned, None))
}

/// A builtin function, a bound builtin method or a native closure called with N positional
/// arguments: the arguments in a stack array, not a vector (`len(x)`, `operator.index(n)`, a
/// `getrandbits` bound to a local). Owned copies, as `call` passes them: a callee may reach
/// code that mutates a value it holds the only reference to (`str_append_in_place`).
#[inline(always)]
fn call_builtin<const N: usize>(f: &Obj, args: [&Obj; N]) -> Option<PyResult> {
    use crate::objects::builtin_fn::{as_builtin, as_builtin_method, as_native_fn};
    match f.layout() {
        crate::object::Layout::Builtin => {
            let b = as_builtin(f)?;
            let owned: [Obj; N] = args.map(|a| a.clone());
            Some((b.f)(&owned, None))
        }
        crate::object::Layout::BuiltinMethod => {
            let m = as_builtin_method(f)?;
            let this = m.this.as_ref()?;
            let owned: [Obj; N] = args.map(|a| a.clone());
            Some((m.f)(this, &owned, None))
        }
        crate::object::Layout::NativeFn => {
            let n = as_native_fn(f)?;
            let owned: [Obj; N] = args.map(|a| a.clone());
            Some((n.f)(&owned, None))
        }
        _ => None,
    }
}

#[inline(never)]
pub fn call0(f: &Obj) -> PyResult {
    if let Some(r) = call_fixed(f, &[]) {
        return r;
    }
    if let Some(r) = call_class(f, []) {
        return r;
    }
    if let Some(r) = call_builtin(f, []) {
        return r;
    }
    crate::call(f, Vec::new(), None)
}

#[inline(never)]
pub fn call1(f: &Obj, a: &Obj) -> PyResult {
    if let Some(r) = call_fixed(f, &[a]) {
        return r;
    }
    if let Some(r) = call_class(f, [a]) {
        return r;
    }
    if let Some(r) = call_builtin(f, [a]) {
        return r;
    }
    crate::call(f, vec![a.clone()], None)
}

#[inline(never)]
pub fn call2(f: &Obj, a: &Obj, b: &Obj) -> PyResult {
    if let Some(r) = call_fixed(f, &[a, b]) {
        return r;
    }
    if let Some(r) = call_class(f, [a, b]) {
        return r;
    }
    if let Some(r) = call_builtin(f, [a, b]) {
        return r;
    }
    crate::call(f, vec![a.clone(), b.clone()], None)
}

#[inline(never)]
pub fn call3(f: &Obj, a: &Obj, b: &Obj, c: &Obj) -> PyResult {
    if let Some(r) = call_fixed(f, &[a, b, c]) {
        return r;
    }
    if let Some(r) = call_class(f, [a, b, c]) {
        return r;
    }
    if let Some(r) = call_builtin(f, [a, b, c]) {
        return r;
    }
    crate::call(f, vec![a.clone(), b.clone(), c.clone()], None)
}

#[inline(never)]
pub fn call_attr0(o: &Obj, name: &Obj) -> PyResult {
    if let Some(f) = crate::instance_method(o, name) {
        return crate::call_with_self::<&Obj>(&f, o, &[], None);
    }
    crate::call_attr(o, name, Vec::new(), None)
}

#[inline(never)]
pub fn call_attr1(o: &Obj, name: &Obj, a: &Obj) -> PyResult {
    if let Some(f) = crate::instance_method(o, name) {
        return crate::call_with_self(&f, o, &[a], None);
    }
    crate::call_attr(o, name, vec![a.clone()], None)
}

#[inline(never)]
pub fn call_attr2(o: &Obj, name: &Obj, a: &Obj, b: &Obj) -> PyResult {
    if let Some(f) = crate::instance_method(o, name) {
        return crate::call_with_self(&f, o, &[a, b], None);
    }
    crate::call_attr(o, name, vec![a.clone(), b.clone()], None)
}

#[inline(never)]
pub fn call_attr3(o: &Obj, name: &Obj, a: &Obj, b: &Obj, c: &Obj) -> PyResult {
    if let Some(f) = crate::instance_method(o, name) {
        return crate::call_with_self(&f, o, &[a, b, c], None);
    }
    crate::call_attr(o, name, vec![a.clone(), b.clone(), c.clone()], None)
}

/// UNPACK_SEQUENCE into an array: its items are then taken without bounds checks.
#[inline(always)]
pub fn unpack_array<const N: usize>(v: &Obj) -> PyResult<[Obj; N]> {
    // a tuple or list of exactly N items (`a, b = pair`, `for k, v in d.items()`): straight
    // into the array, without the vector `unpack` builds (cloning runs no Python code, so a
    // list cannot change length meanwhile)
    if let Some(items) = try_tuple_items(v) {
        if items.len() == N {
            return Ok(std::array::from_fn(|i| items[i].clone()));
        }
    } else if let Some(list) = as_list(v) {
        let items = list.borrow();
        if items.len() == N {
            return Ok(std::array::from_fn(|i| items[i].clone()));
        }
    }
    Ok(take_params(unpack(v, N)?))
}

/// An unset slot of a printed module's constant table (`static mut K: [MaybeUninit<Obj>; N]`).
pub const UNINIT_OBJ: std::mem::MaybeUninit<Obj> = std::mem::MaybeUninit::uninit();

/// Fills a printed module's `n` string constants `dst[..n]` from its static table: each
/// string's UTF-8 length (unsigned LEB128), then its bytes.
///
/// # Safety
/// `dst` points to `n` writable, unset slots; `table` holds `n` strings of valid UTF-8.
#[inline(never)]
pub unsafe fn init_str_slots(dst: *mut Obj, n: usize, table: &[u8]) {
    let mut at = 0;
    for i in 0..n {
        let (mut len, mut shift) = (0usize, 0);
        loop {
            let b = table[at];
            at += 1;
            len |= ((b & 0x7f) as usize) << shift;
            shift += 7;
            if b < 0x80 {
                break;
            }
        }
        let s = std::str::from_utf8_unchecked(&table[at..at + len]);
        at += len;
        let o = Obj::str(s);
        // one reference more than the table's: code borrows constants straight from it, and
        // `a += b` appends in place to a str whose count is 1 (it would change the constant)
        std::mem::forget(o.clone());
        dst.add(i).write(o);
    }
}

/// `init_str_slots` over a table stored as raw DEFLATE (`len` bytes inflated): a library
/// unit's names and docstrings, a third smaller in the output for one inflate at start-up.
///
/// # Safety
/// As `init_str_slots`, for the inflated table.
#[inline(never)]
pub unsafe fn init_str_slots_deflated(dst: *mut Obj, n: usize, packed: &[u8], len: usize) {
    let table = crate::modules::zlib::inflate_raw(packed).expect("pybc2wasm: a string table is corrupt");
    debug_assert_eq!(table.len(), len);
    init_str_slots(dst, n, &table)
}

/// Builds a printed module's other constants into `dst[..n]` from `code`, a postfix program
/// printed as data (one byte-string literal instead of straight-line code: rustc compiles a
/// table of thousands of nested tuples in no time). Each op is a byte, its operands unsigned
/// LEB128 (`u`) or zigzag LEB128 (`z`); the `n` values left on the stack fill the slots in order.
/// `strs` are the module's string slots (set already). Ops: see `backends/rust/names.py`.
///
/// # Safety
/// `dst` points to `n` writable, unset slots; `strs` to set slots for every string index.
#[inline(never)]
pub unsafe fn init_const_table(dst: *mut Obj, n: usize, strs: *const Obj, code: &[u8]) {
    let mut r = ConstReader { code, at: 0 };
    let mut stack: Vec<Obj> = Vec::with_capacity(n);
    while r.at < code.len() {
        let op = r.byte();
        let v = match op {
            b'N' => Obj::none(),
            b'T' => Obj::bool(true),
            b'F' => Obj::bool(false),
            b'E' => Obj::ellipsis(),
            b's' => (*strs.add(r.uint())).clone(),
            b'i' => Obj::int(r.sint()),
            b'f' => Obj::float(r.f64()),
            b'c' => { let re = r.f64(); complex_const(re.to_bits(), r.f64().to_bits()) }
            b'I' => { let len = r.uint(); Obj::int_from_str(std::str::from_utf8(r.take(len)).unwrap()) }
            b'b' => { let len = r.uint(); Obj::bytes(r.take(len)) }
            b't' | b'z' => {
                let items = stack.split_off(stack.len() - r.uint());
                if op == b't' { Obj::tuple(items) } else { frozenset_const(items) }
            }
            _ => panic!("pyrt: bad constant table op {}", op),
        };
        stack.push(v);
    }
    init_slots(dst, n, stack);
}

struct ConstReader<'a> {
    code: &'a [u8],
    at: usize,
}

impl<'a> ConstReader<'a> {
    fn byte(&mut self) -> u8 {
        self.at += 1;
        self.code[self.at - 1]
    }
    fn take(&mut self, len: usize) -> &'a [u8] {
        self.at += len;
        &self.code[self.at - len..self.at]
    }
    fn leb(&mut self) -> u64 {
        let (mut v, mut shift) = (0u64, 0);
        loop {
            let b = self.byte();
            v |= ((b & 0x7f) as u64) << shift;
            if b < 0x80 {
                return v;
            }
            shift += 7;
        }
    }
    fn uint(&mut self) -> usize {
        self.leb() as usize
    }
    fn f64(&mut self) -> f64 {
        f64::from_bits(u64::from_le_bytes(self.take(8).try_into().unwrap()))
    }
    fn sint(&mut self) -> i64 {
        let v = self.leb();
        ((v >> 1) as i64) ^ -((v & 1) as i64)
    }
}

/// Moves a printed module's other constants into `dst[..n]`.
///
/// # Safety
/// `dst` points to `n` writable, unset slots and `items` has `n` items.
#[inline(never)]
pub unsafe fn init_slots(dst: *mut Obj, n: usize, items: Vec<Obj>) {
    assert_eq!(items.len(), n);
    for (i, o) in items.into_iter().enumerate() {
        dst.add(i).write(o);
    }
}

/// The error of an instruction of a generator expression inlined into its caller
/// (tir/passes/inline_comprehensions.py): the genexpr's traceback entry at `line`, then what a
/// generator step makes of it; the caller's own entry is added where the error leaves it.
#[inline(never)]
pub fn inline_gen_error(e: crate::Exc, code: &'static CodeInfo, line: u32) -> crate::Exc {
    crate::objects::function::inline_depth_leave();
    crate::objects::generator::step_error(frame_at(e, code, line), crate::objects::generator::GenKind::Generator)
}

/// `inline_gen_error` for a list, set or dict comprehension: its traceback entry (a plain
/// function's error passes as it is).
#[inline(never)]
pub fn inline_comp_error(e: crate::Exc, code: &'static CodeInfo, line: u32) -> crate::Exc {
    crate::objects::function::inline_depth_leave();
    frame_at(e, code, line)
}

/// `v` is still the builtin `name` that an inlined generator expression's consumer stands
/// for (all, any, sum, sorted: the runtime's one builtin function of that name; tuple, list:
/// the types; str.join: a str's bound join).
pub fn builtin_is(v: &Obj, name: &str) -> bool {
    match name {
        "tuple" => v.layout() == crate::object::Layout::Type && std::ptr::eq(v.as_type(), &crate::objects::tuple::TUPLE_TYPE),
        "list" => v.layout() == crate::object::Layout::Type && std::ptr::eq(v.as_type(), &crate::objects::list::LIST_TYPE),
        // `"sep".join`: str's own join bound to an exact str
        "str.join" => matches!(crate::objects::builtin_fn::as_builtin_method(v),
            Some(m) if m.name == "join" && matches!(&m.this, Some(t) if t.is_type(&crate::objects::str::STR_TYPE))),
        _ => matches!(crate::objects::builtin_fn::as_builtin(v), Some(b) if b.name == name),
    }
}
