//! repr() and str() of every builtin type (with recursion guards for containers),
//! and conversions of numbers used by builtins.
use crate::object::{Layout, Obj};
use crate::objects::builtin_fn::{as_builtin, as_builtin_method};
use crate::objects::bytes::{as_bytes, bytes_repr};
use crate::objects::dict::{self};
use crate::objects::exceptions::{self, index_error, type_error, Exc};
use crate::objects::float::{self, as_float, float_repr};
use crate::objects::function::{as_func, as_method};
use crate::objects::int::{self, as_int, int_to_f64};
use crate::objects::list::as_list;
use crate::objects::range::{self, as_range};
use crate::objects::set::{self};
use crate::objects::str::str_repr;
use crate::objects::tuple::try_tuple_items;
use crate::objects::typeobj::{self, type_lookup};
use crate::PyResult;
use std::cell::RefCell;
use crate::ops::*;

// ---------------------------------------------------------------- repr / str

thread_local! {
    static REPR_STACK: RefCell<Vec<usize>> = RefCell::new(Vec::new());
}

pub fn with_repr_guard(o: &Obj, recursive: &str, f: impl FnOnce() -> PyResult<String>) -> PyResult<String> {
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
    if is_heap(o) {
        if let Some(r) = call_special(o, "__repr__", &[]) {
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
        Layout::Bytes if crate::objects::bytes::is_bytearray(o) => format!("bytearray({})", bytes_repr(as_bytes(o).unwrap())),
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
            let h = crate::hooks::COLLECTIONS.installed();
            with_repr_guard(o, "{...}", || Ok((h.dict_subclass_repr)(o)?.unwrap_or_default()))?
        }
        Layout::Deque => with_repr_guard(o, "[...]", || (crate::hooks::COLLECTIONS.installed().deque_repr)(o))?,
        Layout::Sre => (crate::hooks::SRE.installed().repr)(o)?,
        Layout::NativeFn => format!("<built-in function {}>", crate::objects::builtin_fn::as_native_fn(o).unwrap().name),
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
        Layout::Range => range::range_repr(as_range(o).unwrap())?,
        Layout::Slice => {
            let s = crate::objects::slice::as_slice(o).unwrap();
            format!("slice({}, {}, {})", repr_string(&s.start)?, repr_string(&s.stop)?, repr_string(&s.step)?)
        }
        Layout::Type => typeobj::type_repr(o.as_type()),
        Layout::Function => {
            let f = as_func(o).unwrap();
            format!("<function {} at 0x{:x}>", f.code().qualname, o.addr())
        }
        Layout::Method => {
            let m = as_method(o).unwrap();
            let q = as_func(&m.func).map(|f| f.code().qualname).unwrap_or("?");
            format!("<bound method {} of {}>", q, repr_string(&m.this)?)
        }
        Layout::Builtin => format!("<built-in function {}>", as_builtin(o).unwrap().name),
        Layout::BuiltinMethod => {
            let m = as_builtin_method(o).unwrap();
            match &m.this {
                Some(t) => format!("<built-in method {} of {} object at 0x{:x}>", m.name, t.type_name(), t.addr()),
                None => match m.owner {
                    Some(t) => format!("<method '{}' of '{}' objects>", m.name, t.name),
                    None => format!("<method '{}' objects>", m.name),
                },
            }
        }
        Layout::Exception => exceptions::exc_repr(o)?,
        Layout::Module => crate::modules::importer::module_repr(o),
        Layout::Generator | Layout::Coroutine => crate::objects::generator::gen_repr(o),
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
    if is_heap(o) {
        if let Some(r) = call_special(o, "__str__", &[]) {
            let r = r?;
            return match r.as_str() {
                Some(s) => Ok(s.to_string()),
                None => Err(type_error(format!("__str__ returned non-string (type {})", r.type_name()))),
            };
        }
        // str.__str__ sits before object.__str__ on a str subclass's MRO: its own __repr__ is not str()
        if o.layout() == Layout::Str {
            return Ok(o.as_str().unwrap().to_string());
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
    if let Some(r) = call_special(o, "__float__", &[]) {
        return number_to_f64(&r?);
    }
    if let Some(r) = call_special(o, "__index__", &[]) {
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

