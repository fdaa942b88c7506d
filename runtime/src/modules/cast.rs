//! `_ast` (CPython's Python/Python-ast.c): the AST node classes with their `_fields`,
//! `_attributes`, `__match_args__` and None defaults of optional fields, and AST's
//! constructor (positional arguments by `_fields`, keywords) and `__reduce__`. What `ast.py`
//! and `inspect` need at import; and trees of parsed expressions (`expr_to_ast`, for
//! `compile(..., ast.PyCF_ONLY_AST)`: `ast.parse` of expressions, `ast.literal_eval`).
use crate::object::Obj;
use crate::objects::builtin_fn::{new_native_fn, NATIVE_METHOD_TYPE};
use crate::objects::dict::{dict_get_str, dict_set, new_dict};
use crate::objects::exceptions::type_error;
use crate::objects::typeobj::new_class;
use crate::{builtins::split_kw, ops, PyResult};

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
    Ok(Obj::tuple3(this.ty().obj(), Obj::tuple(vec![]), d))
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
    for line in NODES.lines().filter(|l| !l.is_empty()) {
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

/// One line per node class (base classes first), generated from CPython 3.11's `_ast`:
/// name, base, _fields, own _attributes, fields defaulting to None ('-' = none).
const NODES: &str = r"alias AST name,asname lineno,col_offset,end_lineno,end_col_offset asname,end_lineno,end_col_offset
arg AST arg,annotation,type_comment lineno,col_offset,end_lineno,end_col_offset annotation,type_comment,end_lineno,end_col_offset
arguments AST posonlyargs,args,vararg,kwonlyargs,kw_defaults,kwarg,defaults - vararg,kwarg
boolop AST - - -
cmpop AST - - -
comprehension AST target,iter,ifs,is_async - -
excepthandler AST - lineno,col_offset,end_lineno,end_col_offset end_lineno,end_col_offset
expr AST - lineno,col_offset,end_lineno,end_col_offset end_lineno,end_col_offset
expr_context AST - - -
keyword AST arg,value lineno,col_offset,end_lineno,end_col_offset arg,end_lineno,end_col_offset
match_case AST pattern,guard,body - guard
mod AST - - -
operator AST - - -
pattern AST - lineno,col_offset,end_lineno,end_col_offset -
stmt AST - lineno,col_offset,end_lineno,end_col_offset end_lineno,end_col_offset
type_ignore AST - - -
unaryop AST - - -
withitem AST context_expr,optional_vars - optional_vars
Add operator - - -
And boolop - - -
AnnAssign stmt target,annotation,value,simple - value
Assert stmt test,msg - msg
Assign stmt targets,value,type_comment - type_comment
AsyncFor stmt target,iter,body,orelse,type_comment - type_comment
AsyncFunctionDef stmt name,args,body,decorator_list,returns,type_comment - returns,type_comment
AsyncWith stmt items,body,type_comment - type_comment
Attribute expr value,attr,ctx - -
AugAssign stmt target,op,value - -
Await expr value - -
BinOp expr left,op,right - -
BitAnd operator - - -
BitOr operator - - -
BitXor operator - - -
BoolOp expr op,values - -
Break stmt - - -
Call expr func,args,keywords - -
ClassDef stmt name,bases,keywords,body,decorator_list - -
Compare expr left,ops,comparators - -
Constant expr value,kind - kind
Continue stmt - - -
Del expr_context - - -
Delete stmt targets - -
Dict expr keys,values - -
DictComp expr key,value,generators - -
Div operator - - -
Eq cmpop - - -
ExceptHandler excepthandler type,name,body - type,name
Expr stmt value - -
Expression mod body - -
FloorDiv operator - - -
For stmt target,iter,body,orelse,type_comment - type_comment
FormattedValue expr value,conversion,format_spec - format_spec
FunctionDef stmt name,args,body,decorator_list,returns,type_comment - returns,type_comment
FunctionType mod argtypes,returns - -
GeneratorExp expr elt,generators - -
Global stmt names - -
Gt cmpop - - -
GtE cmpop - - -
If stmt test,body,orelse - -
IfExp expr test,body,orelse - -
Import stmt names - -
ImportFrom stmt module,names,level - module,level
In cmpop - - -
Interactive mod body - -
Invert unaryop - - -
Is cmpop - - -
IsNot cmpop - - -
JoinedStr expr values - -
LShift operator - - -
Lambda expr args,body - -
List expr elts,ctx - -
ListComp expr elt,generators - -
Load expr_context - - -
Lt cmpop - - -
LtE cmpop - - -
MatMult operator - - -
Match stmt subject,cases - -
MatchAs pattern pattern,name - pattern,name
MatchClass pattern cls,patterns,kwd_attrs,kwd_patterns - -
MatchMapping pattern keys,patterns,rest - rest
MatchOr pattern patterns - -
MatchSequence pattern patterns - -
MatchSingleton pattern value - -
MatchStar pattern name - name
MatchValue pattern value - -
Mod operator - - -
Module mod body,type_ignores - -
Mult operator - - -
Name expr id,ctx - -
NamedExpr expr target,value - -
Nonlocal stmt names - -
Not unaryop - - -
NotEq cmpop - - -
NotIn cmpop - - -
Or boolop - - -
Pass stmt - - -
Pow operator - - -
RShift operator - - -
Raise stmt exc,cause - exc,cause
Return stmt value - value
Set expr elts - -
SetComp expr elt,generators - -
Slice expr lower,upper,step - lower,upper,step
Starred expr value,ctx - -
Store expr_context - - -
Sub operator - - -
Subscript expr value,slice,ctx - -
Try stmt body,handlers,orelse,finalbody - -
TryStar stmt body,handlers,orelse,finalbody - -
Tuple expr elts,ctx - -
TypeIgnore type_ignore lineno,tag - -
UAdd unaryop - - -
USub unaryop - - -
UnaryOp expr op,operand - -
While stmt test,body,orelse - -
With stmt items,body,type_comment - type_comment
Yield expr value - value
YieldFrom expr value - -
";

// ---------------------------------------------------------------- trees from pyexpr

/// A new `_ast.<name>` node with the given fields.
pub fn ast_node(name: &str, fields: Vec<(&str, Obj)>) -> PyResult {
    let module = crate::modules::importer::find_and_load("_ast")?;
    let node = crate::call(&ops::getattr_str(&module, name)?, Vec::new(), None)?;
    for (k, v) in fields {
        crate::setattr(&node, &Obj::str(k), v)?;
    }
    Ok(node)
}

/// Sets a node's `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
pub fn positioned(node: Obj, span: &crate::pyexpr::Span) -> PyResult {
    for (k, v) in [("lineno", span.line), ("col_offset", span.col), ("end_lineno", span.end_line), ("end_col_offset", span.end_col)] {
        crate::setattr(&node, &Obj::str(k), Obj::int(v as i64))?;
    }
    Ok(node)
}

fn load() -> PyResult {
    ast_node("Load", Vec::new())
}

fn ast_list(items: &[crate::pyexpr::Expr]) -> PyResult {
    Ok(crate::objects::list::new_list(items.iter().map(expr_to_ast).collect::<PyResult<Vec<_>>>()?))
}

fn optional(e: &Option<Box<crate::pyexpr::Expr>>) -> PyResult {
    e.as_ref().map_or(Ok(Obj::none()), |x| expr_to_ast(x))
}

fn binop_name(op: ops::BinOp) -> &'static str {
    use ops::BinOp::*;
    match op {
        Add => "Add",
        Sub => "Sub",
        Mul => "Mult",
        TrueDiv => "Div",
        FloorDiv => "FloorDiv",
        Mod => "Mod",
        Pow => "Pow",
        LShift => "LShift",
        RShift => "RShift",
        And => "BitAnd",
        Or => "BitOr",
        Xor => "BitXor",
        MatMul => "MatMult",
    }
}

fn cmp_name(op: crate::pyexpr::Cmp) -> &'static str {
    use crate::pyexpr::Cmp::*;
    use ops::CmpOp::*;
    match op {
        Rich(Lt) => "Lt",
        Rich(Le) => "LtE",
        Rich(Eq) => "Eq",
        Rich(Ne) => "NotEq",
        Rich(Gt) => "Gt",
        Rich(Ge) => "GtE",
        In => "In",
        NotIn => "NotIn",
        Is => "Is",
        IsNot => "IsNot",
    }
}

/// The `ast` node of a parsed expression, as CPython's parser builds it.
pub fn expr_to_ast(e: &crate::pyexpr::Expr) -> PyResult {
    use crate::pyexpr::{Kind, UnOp};
    let node = match &e.kind {
        Kind::Name(n) => ast_node("Name", vec![("id", Obj::string(n.clone())), ("ctx", load()?)])?,
        Kind::Const(v, u) => ast_node("Constant", vec![("value", v.clone()), ("kind", if *u { Obj::str("u") } else { Obj::none() })])?,
        Kind::Tuple(items) => ast_node("Tuple", vec![("elts", ast_list(items)?), ("ctx", load()?)])?,
        Kind::List(items) => ast_node("List", vec![("elts", ast_list(items)?), ("ctx", load()?)])?,
        Kind::Set(items) => ast_node("Set", vec![("elts", ast_list(items)?)])?,
        Kind::Dict(entries) => {
            let mut keys = Vec::new();
            let mut values = Vec::new();
            for (k, v) in entries {
                keys.push(match k {
                    Some(k) => expr_to_ast(k)?,
                    None => Obj::none(),
                });
                values.push(expr_to_ast(v)?);
            }
            let (keys, values) = (crate::objects::list::new_list(keys), crate::objects::list::new_list(values));
            ast_node("Dict", vec![("keys", keys), ("values", values)])?
        }
        Kind::Attr(v, a) => ast_node("Attribute", vec![("value", expr_to_ast(v)?), ("attr", Obj::string(a.clone())), ("ctx", load()?)])?,
        Kind::Subscript(v, i) => ast_node("Subscript", vec![("value", expr_to_ast(v)?), ("slice", expr_to_ast(i)?), ("ctx", load()?)])?,
        Kind::Slice(lo, hi, step) => ast_node("Slice", vec![("lower", optional(lo)?), ("upper", optional(hi)?), ("step", optional(step)?)])?,
        Kind::Call(f, args, keywords) => {
            let mut kws = Vec::new();
            for k in keywords {
                let arg = k.arg.clone().map_or_else(Obj::none, Obj::string);
                kws.push(positioned(ast_node("keyword", vec![("arg", arg), ("value", expr_to_ast(&k.value)?)])?, &k.span)?);
            }
            let kws = crate::objects::list::new_list(kws);
            ast_node("Call", vec![("func", expr_to_ast(f)?), ("args", ast_list(args)?), ("keywords", kws)])?
        }
        Kind::Starred(v) => ast_node("Starred", vec![("value", expr_to_ast(v)?), ("ctx", load()?)])?,
        Kind::BinOp(a, op, b) => ast_node("BinOp", vec![("left", expr_to_ast(a)?), ("op", ast_node(binop_name(*op), Vec::new())?), ("right", expr_to_ast(b)?)])?,
        Kind::Unary(op, x) => {
            let name = match op {
                UnOp::Not => "Not",
                UnOp::Neg => "USub",
                UnOp::Pos => "UAdd",
                UnOp::Invert => "Invert",
            };
            ast_node("UnaryOp", vec![("op", ast_node(name, Vec::new())?), ("operand", expr_to_ast(x)?)])?
        }
        Kind::BoolOp(is_and, values) => ast_node("BoolOp", vec![("op", ast_node(if *is_and { "And" } else { "Or" }, Vec::new())?), ("values", ast_list(values)?)])?,
        Kind::Compare(left, rest) => {
            let ops = rest.iter().map(|(op, _)| ast_node(cmp_name(*op), Vec::new())).collect::<PyResult<Vec<_>>>()?;
            let comparators = rest.iter().map(|(_, c)| expr_to_ast(c)).collect::<PyResult<Vec<_>>>()?;
            let (ops, comparators) = (crate::objects::list::new_list(ops), crate::objects::list::new_list(comparators));
            ast_node("Compare", vec![("left", expr_to_ast(left)?), ("ops", ops), ("comparators", comparators)])?
        }
        Kind::IfExp(test, body, orelse) => ast_node("IfExp", vec![("test", expr_to_ast(test)?), ("body", expr_to_ast(body)?), ("orelse", expr_to_ast(orelse)?)])?,
        Kind::JoinedStr(values) => ast_node("JoinedStr", vec![("values", ast_list(values)?)])?,
        Kind::Formatted(value, conv, spec) => {
            let conversion = if *conv == 0 { -1 } else { *conv as i64 };
            let spec = match spec {
                Some(s) => expr_to_ast(s)?,
                None => Obj::none(),
            };
            ast_node("FormattedValue", vec![("value", expr_to_ast(value)?), ("conversion", Obj::int(conversion)), ("format_spec", spec)])?
        }
        Kind::Lambda(def) => {
            let mut params = Vec::new();
            for (name, span) in &def.params {
                params.push(positioned(ast_node("arg", vec![("arg", Obj::string(name.clone()))])?, span)?);
            }
            let empty = || crate::objects::list::new_list(Vec::new());
            let arguments = ast_node(
                "arguments",
                vec![
                    ("posonlyargs", empty()),
                    ("args", crate::objects::list::new_list(params)),
                    ("kwonlyargs", empty()),
                    ("kw_defaults", empty()),
                    ("defaults", ast_list(&def.defaults)?),
                ],
            )?;
            ast_node("Lambda", vec![("args", arguments), ("body", expr_to_ast(&def.body)?)])?
        }
    };
    positioned(node, &e.span)
}
