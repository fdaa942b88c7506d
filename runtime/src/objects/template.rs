//! 3.14 t-strings (PEP 750): BUILD_INTERPOLATION and BUILD_TEMPLATE make instances of two
//! classes named as CPython's (`string.templatelib.Template`, `.Interpolation`) with the
//! attributes CPython gives them (no iteration, concatenation or repr of their own yet).
use super::dict::{dict_set, new_dict};
use crate::{attr, ops, Obj, PyResult};
use std::cell::RefCell;

thread_local! {
    static CLASSES: RefCell<Option<(Obj, Obj)>> = RefCell::new(None);
}

fn classes() -> PyResult<(Obj, Obj)> {
    if let Some(c) = CLASSES.with(|c| c.borrow().clone()) {
        return Ok(c);
    }
    let make = |name: &str, fields: &[&str]| -> PyResult {
        let ns = new_dict();
        let names = fields.iter().map(|f| Obj::str(f)).collect();
        dict_set(&ns, Obj::str("__match_args__"), Obj::tuple(names))?;
        super::typeobj::new_class(name, vec![], ns, "string.templatelib")
    };
    let pair = (make("Template", &[])?, make("Interpolation", &["value", "expression", "conversion", "format_spec"])?);
    CLASSES.with(|c| *c.borrow_mut() = Some(pair.clone()));
    Ok(pair)
}

fn instance(cls: &Obj, attrs: Vec<(&str, Obj)>) -> PyResult {
    let o = crate::call(cls, vec![], None)?;
    for (k, v) in attrs {
        attr::setattr(&o, &Obj::str(k), v)?;
    }
    Ok(o)
}

/// `Interpolation(value, expression, conversion, format_spec)`.
pub fn build_interpolation(value: &Obj, expr: &Obj, conversion: Option<&str>, spec: Option<&Obj>) -> PyResult {
    let conversion = conversion.map(Obj::str).unwrap_or_else(Obj::none);
    let spec = spec.cloned().unwrap_or_else(|| Obj::str(""));
    let attrs = vec![("value", value.clone()), ("expression", expr.clone()), ("conversion", conversion), ("format_spec", spec)];
    instance(&classes()?.1, attrs)
}

/// `Template` of the literal strings and the interpolations (`values`: theirs).
pub fn build_template(strings: &Obj, interpolations: &Obj) -> PyResult {
    let items = super::tuple::try_tuple_items(interpolations).map(|t| t.to_vec()).unwrap_or_default();
    let values = items.iter().map(|i| ops::getattr_str(i, "value")).collect::<PyResult<Vec<Obj>>>()?;
    let attrs = vec![("strings", strings.clone()), ("interpolations", interpolations.clone()), ("values", Obj::tuple(values))];
    instance(&classes()?.0, attrs)
}
