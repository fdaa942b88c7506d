//! The register ABI of cold (library) units: the printer's commonest operations, each as one
//! out-of-line function whose result fits a wasm value. A `PyResult<Obj>` is an (tag, pointer)
//! pair that wasm32 returns through memory, which costs every call site in a cold unit a
//! result slot and two loads; here an error is parked in `PENDING` and the site gets
//! `Option<Obj>` (`None`: `pending()` takes the exception), a `PyResult<bool>` is a `u32`
//! (0, 1, or 2 for an error) and a `PyResult<()>` a `bool` (true: an error). Hot units keep
//! calling the operations themselves (their inline fast paths).
use crate::icache::{self, AttrIc, GlobalIc, Meth};
use crate::object::{Obj, PyObjectHeader};
use crate::objects::exceptions::Exc;
use crate::ops::{self, BinOp, CmpOp};
use crate::{printer_support, PyResult};
use std::cell::RefCell;
use std::mem::ManuallyDrop;

/// A borrowed object passed as its pointer (one wasm value) rather than as the address of the
/// slot holding it, which would keep every value of a cold function in memory.
#[derive(Clone, Copy)]
#[repr(transparent)]
pub struct ObjRef(*mut PyObjectHeader);

/// `&Obj` as an `ObjRef` (inlined at the site: a load, or nothing when the value is in a local).
#[inline(always)]
pub fn oref(x: &Obj) -> ObjRef {
    ObjRef(x.as_ptr())
}

impl ObjRef {
    /// The object again, borrowed for the call (not released).
    #[inline(always)]
    fn obj(self) -> ManuallyDrop<Obj> {
        ManuallyDrop::new(unsafe { Obj::from_raw(self.0) })
    }
}

/// A new reference to a borrowed object, out of line: what a cold unit prints for `clone`
/// (inline, every increment is an address, a load, an add and a store at the site).
#[inline(never)]
pub fn ownr(x: ObjRef) -> Obj {
    (*x.obj()).clone()
}

/// A new reference to None, out of line: what a cold unit prints for `Obj::none()` (the
/// initial value of a variable that crosses blocks, what a released variable is set to).
#[inline(never)]
pub fn noner() -> Obj {
    Obj::none()
}

thread_local! {
    /// A stack: a cold function leaving with an error takes its exception back only at its
    /// exit, after dropping its live values, which may run Python code (`__del__`) whose own
    /// cold frames park and take theirs in between.
    static PENDING: RefCell<Vec<Exc>> = RefCell::new(Vec::new());
}

/// The exception of the last cold operation that returned `None`/2/true (or that `park` was
/// given).
#[cold]
#[inline(never)]
pub fn pending() -> Exc {
    PENDING.with(|p| p.borrow_mut().pop()).expect("pybc2wasm: no pending exception")
}

/// Parks `e` for `pending()`: a cold unit's error exit (`t!`) and the register forms.
#[cold]
#[inline(never)]
pub fn park(e: Exc) {
    PENDING.with(|p| p.borrow_mut().push(e));
}

/// A register form's result as what the site uses, or None for an error (parked): the cold
/// units' `r!` error exit.
pub trait Reg {
    type Out;
    fn ok(self) -> Option<Self::Out>;
}
impl Reg for Option<Obj> {
    type Out = Obj;
    #[inline(always)]
    fn ok(self) -> Option<Obj> {
        self
    }
}
impl Reg for u32 {
    type Out = bool;
    #[inline(always)]
    fn ok(self) -> Option<bool> {
        if self > 1 {
            return None;
        }
        Some(self != 0)
    }
}
impl Reg for bool {
    type Out = ();
    #[inline(always)]
    fn ok(self) -> Option<()> {
        if self {
            return None;
        }
        Some(())
    }
}
impl Reg for usize {
    type Out = Option<Obj>;
    #[inline(always)]
    fn ok(self) -> Option<Option<Obj>> {
        match self {
            0 => Some(None),
            1 => None,
            p => Some(Some(unsafe { Obj::from_raw(p as *mut PyObjectHeader) })),
        }
    }
}
impl Reg for Wide {
    type Out = MethR;
    #[inline(always)]
    fn ok(self) -> Option<MethR> {
        if self == 0 {
            return None;
        }
        Some(MethR(self))
    }
}

#[inline(always)]
fn o(r: PyResult) -> Option<Obj> {
    match r {
        Ok(v) => Some(v),
        Err(e) => {
            park(e);
            None
        }
    }
}

#[inline(always)]
fn b(r: PyResult<bool>) -> u32 {
    match r {
        Ok(v) => v as u32,
        Err(e) => {
            park(e);
            2
        }
    }
}

#[inline(always)]
fn u(r: PyResult<()>) -> bool {
    match r {
        Ok(()) => false,
        Err(e) => {
            park(e);
            true
        }
    }
}

#[inline(never)]
pub fn load_global_icr(globals: ObjRef, name: &Obj, ic: *mut GlobalIc) -> Option<Obj> {
    o(icache::load_global_ic(&globals.obj(), name, ic))
}
#[inline(never)]
pub fn load_globalr(globals: ObjRef, name: &Obj) -> Option<Obj> {
    o(crate::load_global(&globals.obj(), name))
}
#[inline(never)]
pub fn load_namer(locals: ObjRef, globals: ObjRef, name: &Obj) -> Option<Obj> {
    o(crate::helpers::load_name(&locals.obj(), &globals.obj(), name))
}
#[inline(never)]
pub fn getattr_icr(x: ObjRef, name: &Obj, ic: *mut AttrIc) -> Option<Obj> {
    o(icache::getattr_ic_call(&x.obj(), name, ic))
}
#[inline(never)]
pub fn call0r(f: ObjRef) -> Option<Obj> {
    o(printer_support::call0(&f.obj()))
}
#[inline(never)]
pub fn call1r(f: ObjRef, a: ObjRef) -> Option<Obj> {
    o(printer_support::call1(&f.obj(), &a.obj()))
}
#[inline(never)]
pub fn call2r(f: ObjRef, a: ObjRef, b_: ObjRef) -> Option<Obj> {
    o(printer_support::call2(&f.obj(), &a.obj(), &b_.obj()))
}
#[inline(never)]
pub fn call3r(f: ObjRef, a: ObjRef, b_: ObjRef, c: ObjRef) -> Option<Obj> {
    o(printer_support::call3(&f.obj(), &a.obj(), &b_.obj(), &c.obj()))
}
#[inline(never)]
pub fn call_attr_ic0r(x: ObjRef, name: &Obj, ic: *mut AttrIc) -> Option<Obj> {
    o(icache::call_attr_ic0(&x.obj(), name, ic))
}
#[inline(never)]
pub fn call_attr_ic1r(x: ObjRef, name: &Obj, ic: *mut AttrIc, a: ObjRef) -> Option<Obj> {
    o(icache::call_attr_ic1(&x.obj(), name, ic, &a.obj()))
}
#[inline(never)]
pub fn call_attr_ic2r(x: ObjRef, name: &Obj, ic: *mut AttrIc, a: ObjRef, b_: ObjRef) -> Option<Obj> {
    o(icache::call_attr_ic2(&x.obj(), name, ic, &a.obj(), &b_.obj()))
}
#[inline(never)]
pub fn binary_opr(a: ObjRef, b_: ObjRef, op: BinOp) -> Option<Obj> {
    o(ops::binary_op(&a.obj(), &b_.obj(), op))
}
#[inline(never)]
pub fn inplace_opr(a: ObjRef, b_: ObjRef, op: BinOp) -> Option<Obj> {
    o(ops::inplace_op(&a.obj(), &b_.obj(), op))
}
#[inline(never)]
pub fn getitemr(x: ObjRef, key: ObjRef) -> Option<Obj> {
    o(ops::getitem(&x.obj(), &key.obj()))
}
#[inline(never)]
pub fn get_iterr(x: ObjRef) -> Option<Obj> {
    o(ops::get_iter(&x.obj()))
}
#[inline(never)]
pub fn comparer(a: ObjRef, b_: ObjRef, op: CmpOp) -> Option<Obj> {
    o(ops::compare(&a.obj(), &b_.obj(), op))
}
#[inline(never)]
pub fn is_truer(x: ObjRef) -> u32 {
    b(ops::is_true(&x.obj()))
}
#[inline(never)]
pub fn compare_boolr(a: ObjRef, b_: ObjRef, op: CmpOp) -> u32 {
    b(ops::compare_bool(&a.obj(), &b_.obj(), op))
}
#[inline(never)]
pub fn containsr(container: ObjRef, item: ObjRef) -> u32 {
    b(ops::contains(&container.obj(), &item.obj()))
}
#[inline(never)]
pub fn store_globalr(globals: ObjRef, name: &Obj, v: Obj) -> bool {
    u(crate::store_global(&globals.obj(), name, v))
}
#[inline(never)]
pub fn setattr_icr(x: ObjRef, name: &Obj, v: Obj, ic: *mut AttrIc) -> bool {
    u(icache::setattr_ic(&x.obj(), name, v, ic))
}
#[inline(never)]
pub fn setitemr(x: ObjRef, key: ObjRef, v: Obj) -> bool {
    u(ops::setitem(&x.obj(), &key.obj(), v))
}

#[inline(never)]
pub fn call_attr_ic3r(x: ObjRef, name: &Obj, ic: *mut AttrIc, a: ObjRef, b_: ObjRef, c: ObjRef) -> Option<Obj> {
    o(icache::call_attr_ic3(&x.obj(), name, ic, &a.obj(), &b_.obj(), &c.obj()))
}

/// Two words in one wasm value (`i64` on wasm32).
#[cfg(target_pointer_width = "32")]
pub type Wide = u64;
#[cfg(target_pointer_width = "64")]
pub type Wide = u128;
const HALF: u32 = usize::BITS;

/// A `Meth` (three words, returned through memory) as one wasm value: the low word is the
/// function, the builtin method's entry or the value, the high word the receiver, tagged with
/// bit 0 for a builtin method (objects are word-aligned), or 0 for `Meth::Value`. 0 as a
/// whole is an error (a value or a function is never null).
#[repr(transparent)]
pub struct MethR(Wide);

impl Drop for MethR {
    #[inline(always)]
    fn drop(&mut self) {
        drop_methr(self.0)
    }
}

#[inline(always)]
fn pack(m: Meth) -> Wide {
    let (lo, hi) = match m {
        Meth::Bound(f, this) => (f.into_raw() as usize, this.into_raw() as usize),
        Meth::Native(f, this) => (f as usize, this.into_raw() as usize | 1),
        Meth::Value(v) => (v.into_raw() as usize, 0),
    };
    lo as Wide | (hi as Wide) << HALF
}

/// The `Meth` that `pack` made, owning its references again.
#[inline(always)]
unsafe fn unpack(w: Wide) -> Meth {
    let lo = w as usize;
    let hi = (w >> HALF) as usize;
    if hi == 0 {
        Meth::Value(Obj::from_raw(lo as *mut PyObjectHeader))
    } else if hi & 1 == 0 {
        Meth::Bound(Obj::from_raw(lo as *mut PyObjectHeader), Obj::from_raw(hi as *mut PyObjectHeader))
    } else {
        let f: crate::object::MethodFn = std::mem::transmute(lo);
        Meth::Native(f, Obj::from_raw((hi & !1) as *mut PyObjectHeader))
    }
}

#[inline(never)]
fn drop_methr(w: Wide) {
    drop(unsafe { unpack(w) });
}

/// A `MethR` passed by value for the call (still owned, and dropped, by the site).
#[inline(always)]
pub fn mref(m: &MethR) -> Wide {
    m.0
}

#[inline(always)]
fn meth(w: Wide) -> ManuallyDrop<Meth> {
    ManuallyDrop::new(unsafe { unpack(w) })
}

#[inline(never)]
pub fn load_method_icr(x: ObjRef, name: &Obj, ic: *mut AttrIc) -> Wide {
    match icache::load_method_ic(&x.obj(), name, ic) {
        Ok(m) => pack(m),
        Err(e) => {
            park(e);
            0
        }
    }
}
#[inline(always)]
pub fn meth_or_pending(w: Wide) -> PyResult<MethR> {
    if w == 0 {
        return Err(pending());
    }
    Ok(MethR(w))
}
#[inline(never)]
pub fn call_meth0r(m: Wide) -> Option<Obj> {
    o(icache::call_meth0(&meth(m)))
}
#[inline(never)]
pub fn call_meth1r(m: Wide, a: ObjRef) -> Option<Obj> {
    o(icache::call_meth1(&meth(m), &a.obj()))
}
#[inline(never)]
pub fn call_meth2r(m: Wide, a: ObjRef, b_: ObjRef) -> Option<Obj> {
    o(icache::call_meth2(&meth(m), &a.obj(), &b_.obj()))
}
#[inline(never)]
pub fn call_meth3r(m: Wide, a: ObjRef, b_: ObjRef, c: ObjRef) -> Option<Obj> {
    o(icache::call_meth3(&meth(m), &a.obj(), &b_.obj(), &c.obj()))
}
#[inline(never)]
pub fn call_methvr(m: Wide, args: Vec<Obj>, kwnames: Option<&Obj>) -> Option<Obj> {
    o(icache::call_methv(&meth(m), args, kwnames))
}
#[inline(never)]
pub fn callr(f: ObjRef, args: Vec<Obj>, kwnames: Option<&Obj>) -> Option<Obj> {
    o(crate::call(&f.obj(), args, kwnames))
}
#[inline(never)]
pub fn call_exr(f: ObjRef, args: ObjRef, kwargs: Option<&Obj>) -> Option<Obj> {
    o(crate::helpers::call_ex(&f.obj(), &args.obj(), kwargs))
}
#[inline(never)]
pub fn format_valuer(v: ObjRef, conversion: u8, spec: Option<&Obj>) -> Option<Obj> {
    o(crate::format_value(&v.obj(), conversion, spec))
}
#[inline(never)]
pub fn build_mapr(pairs: Vec<(Obj, Obj)>) -> Option<Obj> {
    o(crate::build_map(pairs))
}
#[inline(never)]
pub fn build_stringr(parts: Vec<Obj>) -> Option<Obj> {
    o(crate::build_string(parts))
}
#[inline(never)]
pub fn import_fromr(module: ObjRef, name: &Obj) -> Option<Obj> {
    o(crate::native_modules::import_from(&module.obj(), name))
}
#[inline(never)]
pub fn list_appendr(list: ObjRef, v: Obj) -> bool {
    u(crate::list_append(&list.obj(), v))
}
#[inline(never)]
pub fn list_extendr(list: ObjRef, iterable: ObjRef) -> bool {
    u(crate::helpers::list_extend(&list.obj(), &iterable.obj()))
}
/// A closure cell's value, or the NameError of an empty cell parked (`free`: a free variable).
#[inline(never)]
pub fn cell_getr(cell: ObjRef, name: &str, free: bool) -> Option<Obj> {
    let v = crate::cell_get(&cell.obj());
    if v.is_none() {
        park(if free { crate::unbound_free(name) } else { crate::objects::exceptions::unbound_local(name) });
    }
    v
}
#[inline(never)]
pub fn cell_setr(cell: ObjRef, v: Option<Obj>) {
    crate::cell_set(&cell.obj(), v)
}
/// `iter_next`: 0 when the iterator is exhausted, 1 for an error (parked), else the item's
/// pointer (objects are word-aligned: never 0 or 1).
#[inline(never)]
pub fn iter_nextr(it: ObjRef) -> usize {
    match ops::iter_next_call(&it.obj()) {
        Ok(None) => 0,
        Ok(Some(v)) => v.into_raw() as usize,
        Err(e) => {
            park(e);
            1
        }
    }
}
#[inline(always)]
pub fn next_or_pending(r: usize) -> PyResult<Option<Obj>> {
    match r {
        0 => Ok(None),
        1 => Err(pending()),
        p => Ok(Some(unsafe { Obj::from_raw(p as *mut PyObjectHeader) })),
    }
}

/// A register result back as the `PyResult` the printed code matches on (inlined at the site,
/// so the `PyResult` never exists in memory).
#[inline(always)]
pub fn or_pending(r: Option<Obj>) -> PyResult {
    match r {
        Some(v) => Ok(v),
        None => Err(pending()),
    }
}
#[inline(always)]
pub fn bool_or_pending(r: u32) -> PyResult<bool> {
    if r > 1 {
        return Err(pending());
    }
    Ok(r != 0)
}
#[inline(always)]
pub fn unit_or_pending(err: bool) -> PyResult<()> {
    if err {
        return Err(pending());
    }
    Ok(())
}
