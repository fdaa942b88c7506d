//! `_ast` (CPython's Python/Python-ast.c): the AST node classes with their `_fields`,
//! `_attributes`, `__match_args__` and None defaults of optional fields, and AST's
//! constructor (positional arguments by `_fields`, keywords) and `__reduce__`. What `ast.py`
//! and `inspect` need at import; `ast.parse` still needs `compile()`, which a compiled
//! program does not have.
use crate::object::Obj;
use crate::objects::builtin_fn::{new_native_fn, NATIVE_METHOD_TYPE};
use crate::objects::dict::{dict_get_str, dict_set, new_dict};
use crate::objects::exceptions::type_error;
use crate::objects::typeobj::new_class;
use crate::{builtins::split_kw, ops, PyResult};

/// One line per node class (base classes first), generated from CPython 3.11's `_ast`:
/// name, base, _fields, own _attributes, fields defaulting to None ('-' = none).
const NODES: &str = include_str!("ast_nodes.txt");

fn names(col: &str) -> Vec<Obj> {
    if col == "-" {
        return Vec::new();
    }
    col.split(',').map(Obj::str).collect()
}

fn fields_of(node: &Obj) -> PyResult<Vec<Obj>> {
    ops::collect_iterable(&ops::getattr_str(&node.ty().obj(), "_fields")?)
}

/// `AST.__init__(self, *args, **kwargs)`: positional arguments fill `_fields` in order.
fn ast_init(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (args, kws) = split_kw(a, kw);
    let this = &args[0];
    let fields = fields_of(this)?;
    if args.len() - 1 > fields.len() {
        let n = fields.len();
        return Err(type_error(format!(
            "{} constructor takes at most {} positional argument{}",
            this.ty().name.rsplit('.').next().unwrap_or(""),
            n,
            if n == 1 { "" } else { "s" }
        )));
    }
    for (f, v) in fields.iter().zip(&args[1..]) {
        crate::setattr(this, f, v.clone())?;
    }
    for (k, v) in kws {
        crate::setattr(this, &Obj::str(k), v.clone())?;
    }
    Ok(Obj::none())
}

/// `AST.__reduce__(self)`: (type(self), (), self.__dict__).
fn ast_reduce(a: &[Obj], _kw: Option<&Obj>) -> PyResult {
    let this = &a[0];
    let d = ops::getattr_str(this, "__dict__")?;
    Ok(Obj::tuple(vec![this.ty().obj(), Obj::tuple(vec![]), d]))
}

fn ast_base() -> PyResult {
    let ns = new_dict();
    dict_set(&ns, Obj::str("__init__"), new_native_fn(&NATIVE_METHOD_TYPE, "__init__", Box::new(ast_init)))?;
    dict_set(&ns, Obj::str("__reduce__"), new_native_fn(&NATIVE_METHOD_TYPE, "__reduce__", Box::new(ast_reduce)))?;
    for k in ["_fields", "_attributes", "__match_args__"] {
        dict_set(&ns, Obj::str(k), Obj::tuple(vec![]))?;
    }
    new_class("AST", vec![crate::objects::typeobj::OBJECT_TYPE.obj()], ns, "ast")
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("_ast"))?;
    dict_set(&d, Obj::str("AST"), ast_base()?)?;
    for (k, v) in [("PyCF_ONLY_AST", 1024), ("PyCF_TYPE_COMMENTS", 4096), ("PyCF_ALLOW_TOP_LEVEL_AWAIT", 8192)] {
        dict_set(&d, Obj::str(k), Obj::int(v))?;
    }
    for line in NODES.lines() {
        let cols: Vec<&str> = line.split(' ').collect();
        let base = dict_get_str(&d, &Obj::str(cols[1])).expect("_ast: a base class comes first");
        let ns = new_dict();
        let fields = names(cols[2]);
        dict_set(&ns, Obj::str("_fields"), Obj::tuple(fields.clone()))?;
        dict_set(&ns, Obj::str("__match_args__"), Obj::tuple(fields))?;
        if cols[3] != "-" {
            dict_set(&ns, Obj::str("_attributes"), Obj::tuple(names(cols[3])))?;
        }
        for f in names(cols[4]) {
            dict_set(&ns, f, Obj::none())?;
        }
        dict_set(&d, Obj::str(cols[0]), new_class(cols[0], vec![base], ns, "ast")?)?;
    }
    Ok(crate::objects::module::new_module("_ast", d))
}
