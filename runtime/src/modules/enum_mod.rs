//! The `enum` module: Enum, IntEnum (as Enum), auto(), unique(). Members are instances of the
//! class created when the class is built (name, value), listed in definition order; the
//! class is iterable, supports len(), lookup by value (`Color(1)`) and by name
//! (`Color['RED']`); reprs follow CPython ("<Color.RED: 1>", "Color.RED").
use crate::object::{Obj, TypeObject};
use crate::objects::builtin_fn::{new_builtin, new_native_fn, NATIVE_METHOD_TYPE};
use crate::objects::dict::{dict_get_str, dict_items, dict_set, new_dict};
use crate::objects::exceptions::{key_error, value_error};
use crate::objects::typeobj::{instance_dict, new_instance, type_lookup_dyn, type_setattr, OBJECT_TYPE};
use crate::{ops, PyResult};

crate::static_type!(ENUM_TYPE, "Enum", &OBJECT_TYPE, Instance, &[]);
crate::static_type!(INT_ENUM_TYPE, "IntEnum", &ENUM_TYPE, Instance, &[]);
crate::static_type!(AUTO_TYPE, "auto", &OBJECT_TYPE, Instance, &[]);

pub fn is_enum_class(t: &'static TypeObject) -> bool {
    t.heap && t.is_subtype(&ENUM_TYPE)
}

fn members_of(t: &'static TypeObject) -> Vec<Obj> {
    match type_lookup_dyn(t, "_member_list_") {
        Some(l) => ops::collect_iterable(&l).unwrap_or_default(),
        None => Vec::new(),
    }
}

/// Called by __build_class__ after creating a class deriving from Enum.
pub fn setup_enum_class(cls: &Obj) -> PyResult<()> {
    let t = cls.as_type();
    let ns = match t.dict.borrow().clone() {
        Some(d) => d,
        None => return Ok(()),
    };
    let mut members = Vec::new();
    let mut next_auto = 1i64;
    for (k, v) in dict_items(&ns) {
        let name = match k.as_str() {
            Some(n) => n.to_string(),
            None => continue,
        };
        if name.starts_with('_') || crate::builtins::is_callable(&v) || v.layout() == crate::object::Layout::Property {
            continue;
        }
        let value = if v.is_type(&AUTO_TYPE) { Obj::int(next_auto) } else { v.clone() };
        if let Some(i) = value.as_i64() {
            next_auto = i + 1;
        }
        // an alias of an earlier member refers to the same object
        let existing = members.iter().find(|m: &&Obj| {
            let d = instance_dict(m).unwrap();
            dict_get_str(&d, &Obj::str("_value_")).map(|x| ops::eq(&x, &value).unwrap_or(false)).unwrap_or(false)
        }).cloned();
        let member = match existing {
            Some(m) => m,
            None => {
                let m = new_instance(t);
                let d = instance_dict(&m).unwrap();
                dict_set(&d, Obj::str("_name_"), Obj::string(name.clone()))?;
                dict_set(&d, Obj::str("_value_"), value.clone())?;
                dict_set(&d, Obj::str("name"), Obj::string(name.clone()))?;
                dict_set(&d, Obj::str("value"), value)?;
                members.push(m.clone());
                m
            }
        };
        type_setattr(cls, &name, member)?;
    }
    type_setattr(cls, "_member_list_", crate::objects::list::new_list(members))?;
    let is_int = t.is_subtype(&INT_ENUM_TYPE);
    if type_lookup_dyn(t, "__repr__").is_none() {
        type_setattr(cls, "__repr__", new_native_fn(&NATIVE_METHOD_TYPE, "__repr__", Box::new(|a, _k| {
            let d = instance_dict(&a[0]).unwrap();
            let name = dict_get_str(&d, &Obj::str("_name_")).unwrap_or_else(Obj::none);
            let value = dict_get_str(&d, &Obj::str("_value_")).unwrap_or_else(Obj::none);
            Ok(Obj::string(format!("<{}.{}: {}>", a[0].ty().name, ops::str_string(&name)?, ops::repr_string(&value)?)))
        })))?;
    }
    if type_lookup_dyn(t, "__str__").is_none() {
        type_setattr(cls, "__str__", new_native_fn(&NATIVE_METHOD_TYPE, "__str__", Box::new(move |a, _k| {
            let d = instance_dict(&a[0]).unwrap();
            if is_int {
                return ops::to_str(&dict_get_str(&d, &Obj::str("_value_")).unwrap_or_else(Obj::none));
            }
            let name = dict_get_str(&d, &Obj::str("_name_")).unwrap_or_else(Obj::none);
            Ok(Obj::string(format!("{}.{}", a[0].ty().name, ops::str_string(&name)?)))
        })))?;
    }
    if is_int {
        // IntEnum members compare and hash like their values
        for (n, op) in [("__eq__", crate::CmpOp::Eq), ("__lt__", crate::CmpOp::Lt), ("__le__", crate::CmpOp::Le), ("__gt__", crate::CmpOp::Gt), ("__ge__", crate::CmpOp::Ge)] {
            type_setattr(cls, n, new_native_fn(&NATIVE_METHOD_TYPE, n, Box::new(move |a, _k| {
                let val = |o: &Obj| -> Obj {
                    instance_dict(o).and_then(|d| dict_get_str(&d, &Obj::str("_value_"))).unwrap_or_else(|| o.clone())
                };
                ops::compare(&val(&a[0]), &val(&a[1]), op)
            })))?;
        }
        type_setattr(cls, "__hash__", new_native_fn(&NATIVE_METHOD_TYPE, "__hash__", Box::new(|a, _k| {
            let v = instance_dict(&a[0]).and_then(|d| dict_get_str(&d, &Obj::str("_value_"))).unwrap_or_else(Obj::none);
            Ok(Obj::int(ops::hash(&v)?))
        })))?;
        type_setattr(cls, "__index__", new_native_fn(&NATIVE_METHOD_TYPE, "__index__", Box::new(|a, _k| {
            Ok(instance_dict(&a[0]).and_then(|d| dict_get_str(&d, &Obj::str("_value_"))).unwrap_or_else(Obj::none))
        })))?;
    }
    Ok(())
}

/// `Color(value)`: the member with that value.
pub fn enum_call(t: &'static TypeObject, args: &[Obj]) -> PyResult {
    crate::objects::str::nargs(t.name, args, 1, 1)?;
    if args[0].ty().is_subtype(t) {
        return Ok(args[0].clone());
    }
    for m in members_of(t) {
        let v = instance_dict(&m).and_then(|d| dict_get_str(&d, &Obj::str("_value_")));
        if let Some(v) = v {
            if ops::eq(&v, &args[0])? {
                return Ok(m);
            }
        }
    }
    Err(value_error(format!("{} is not a valid {}", ops::repr_string(&args[0])?, t.name)))
}

/// `Color['RED']`
pub fn enum_getitem(t: &'static TypeObject, key: &Obj) -> PyResult {
    for m in members_of(t) {
        let n = instance_dict(&m).and_then(|d| dict_get_str(&d, &Obj::str("_name_")));
        if let Some(n) = n {
            if ops::eq(&n, key)? {
                return Ok(m);
            }
        }
    }
    Err(key_error(key.clone()))
}

pub fn enum_members(t: &'static TypeObject) -> Vec<Obj> {
    members_of(t)
}

static HOOKS: crate::hooks::Enum = crate::hooks::Enum {
    is_enum_class,
    setup_class: setup_enum_class,
    call: enum_call,
    getitem: enum_getitem,
    members: enum_members,
};

pub fn make_module() -> PyResult {
    crate::hooks::ENUM.install(&HOOKS);
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("enum"))?;
    dict_set(&d, Obj::str("Enum"), ENUM_TYPE.obj())?;
    dict_set(&d, Obj::str("IntEnum"), INT_ENUM_TYPE.obj())?;
    dict_set(&d, Obj::str("auto"), new_builtin("auto", |_a, _k| Ok(new_instance(&AUTO_TYPE))))?;
    dict_set(&d, Obj::str("unique"), new_builtin("unique", |a, _k| Ok(a[0].clone())))?;
    // what the compiled `re` package uses (RegexFlag): its members stay plain ints here
    dict_set(&d, Obj::str("IntFlag"), INT_ENUM_TYPE.obj())?;
    dict_set(&d, Obj::str("Flag"), ENUM_TYPE.obj())?;
    dict_set(&d, Obj::str("KEEP"), Obj::str("keep"))?;
    dict_set(&d, Obj::str("_simple_enum"), new_builtin("_simple_enum", |_a, _k| Ok(new_builtin("decorator", |a, _k| Ok(a[0].clone())))))?;
    dict_set(&d, Obj::str("global_enum"), new_builtin("global_enum", global_enum))?;
    Ok(crate::objects::module::new_module("enum", d))
}

/// `enum.global_enum(cls)`: the class's public constants become globals of its module.
fn global_enum(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    crate::objects::str::nargs("global_enum", a, 1, 2)?;
    let cls = &a[0];
    let module = ops::getattr_str(cls, "__module__")?;
    let m = match crate::objects::dict::dict_get(&crate::modules::modules_dict(), &module)? {
        Some(m) => m,
        None => return Ok(cls.clone()),
    };
    let md = ops::getattr_str(&m, "__dict__")?;
    if cls.layout() == crate::object::Layout::Type {
        if let Some(ns) = cls.as_type().dict.borrow().clone() {
            for (k, v) in dict_items(&ns) {
                let public = k.as_str().map_or(false, |n| !n.starts_with('_'));
                if public && v.as_i64().is_some() {
                    dict_set(&md, k, v)?;
                }
            }
        }
    }
    Ok(cls.clone())
}
