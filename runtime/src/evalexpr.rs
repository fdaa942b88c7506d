//! `eval()` of Python expressions (the grammar of pyexpr.rs: everything but comprehensions,
//! `:=`, `yield`/`await` and lambdas with `*`/`**`/`/` parameters, which raise
//! NotImplementedError naming them), `compile()` (a code object keeping the source, or with
//! `ast.PyCF_ONLY_AST` an `ast` tree built by `_ast`), and `exec()`: of string constants
//! compiled ahead of time, else of statements interpreted by execstmt.rs (end of file).
use crate::object::Obj;
use crate::objects::dict::{dict_get_str, dict_set};
use crate::objects::exceptions::{name_error, new_exc, type_error, Exc};
use crate::objects::exc_types::{NOT_IMPLEMENTED_ERROR, SYNTAX_ERROR};
use crate::objects::function::{as_func, make_function, CodeInfo};
use crate::pyexpr::{parse_eval, unsupported, Cmp, Expr, Keyword, Kind, Lambda, UnOp};
use crate::{ops, PyResult};
use std::rc::Rc;

fn syntax(msg: &str) -> Exc {
    new_exc(&SYNTAX_ERROR, msg.to_string())
}

/// Names visible to an evaluation: the lambda's parameters (or eval's locals), then globals,
/// then builtins.
pub(crate) struct Env<'a> {
    pub locals: &'a [(String, Obj)],
    pub globals: &'a Obj,
    /// The frame of interpreted statements (execstmt.rs) when there is one: it resolves names
    /// and makes lambdas that see its locals. A trait object, so that eval alone does not
    /// link the statement interpreter.
    pub scope: Option<&'a dyn Scope>,
}

pub(crate) trait Scope {
    fn lookup(&self, name: &str) -> PyResult;
    fn lambda(&self, def: &Rc<Lambda>, defaults: Option<Obj>) -> PyResult;
}

impl Env<'_> {
    pub(crate) fn lookup(&self, name: &str) -> PyResult {
        if let Some(s) = self.scope {
            return s.lookup(name);
        }
        self.global(name)
    }

    /// A name in globals, then builtins.
    pub(crate) fn global(&self, name: &str) -> PyResult {
        if let Some((_, v)) = self.locals.iter().rev().find(|(n, _)| n == name) {
            return Ok(v.clone());
        }
        let key = Obj::str(name);
        if let Some(v) = dict_get_str(self.globals, &key) {
            return Ok(v);
        }
        let builtins = match dict_get_str(self.globals, &Obj::str("__builtins__")) {
            Some(b) if b.layout() == crate::object::Layout::Module => ops::getattr_str(&b, "__dict__")?,
            Some(b) => b,
            None => crate::builtins::builtins_dict(),
        };
        match ops::getitem(&builtins, &key) {
            Ok(v) => Ok(v),
            Err(_) => Err(name_error(name)),
        }
    }

    pub(crate) fn eval(&self, e: &Expr) -> PyResult {
        Ok(match &e.kind {
            Kind::Name(s) => self.lookup(s)?,
            Kind::Const(v, _) => v.clone(),
            Kind::Tuple(items) => Obj::tuple(self.eval_items(items)?),
            Kind::List(items) => crate::objects::list::new_list(self.eval_items(items)?),
            Kind::Set(items) => {
                let s = crate::objects::set::new_set(false);
                for v in self.eval_items(items)? {
                    crate::objects::set::set_add(&s, v)?;
                }
                s
            }
            Kind::Dict(entries) => self.dict(entries)?,
            Kind::Attr(o, a) => ops::getattr_str(&self.eval(o)?, a)?,
            Kind::Subscript(o, i) => ops::getitem(&self.eval(o)?, &self.eval(i)?)?,
            Kind::Slice(lo, hi, step) => {
                let part = |p: &Option<Box<Expr>>| p.as_ref().map_or(Ok(Obj::none()), |x| self.eval(x));
                crate::objects::slice::build_slice(part(lo)?, part(hi)?, part(step)?)
            }
            Kind::Call(f, args, keywords) => self.call(f, args, keywords)?,
            Kind::Starred(_) => return Err(syntax("can't use starred expression here")),
            Kind::BinOp(a, op, b) => ops::binary_op(&self.eval(a)?, &self.eval(b)?, *op)?,
            Kind::Unary(op, x) => {
                let v = self.eval(x)?;
                match op {
                    UnOp::Not => Obj::bool(!ops::is_true(&v)?),
                    UnOp::Neg => ops::unary_neg(&v)?,
                    UnOp::Pos => ops::unary_pos(&v)?,
                    UnOp::Invert => ops::unary_invert(&v)?,
                }
            }
            Kind::BoolOp(is_and, values) => {
                let mut last = Obj::none();
                for v in values {
                    last = self.eval(v)?;
                    if ops::is_true(&last)? != *is_and {
                        break;
                    }
                }
                last
            }
            Kind::Compare(left, rest) => self.compare(left, rest)?,
            Kind::IfExp(test, body, orelse) => {
                if ops::is_true(&self.eval(test)?)? {
                    self.eval(body)?
                } else {
                    self.eval(orelse)?
                }
            }
            Kind::Lambda(def) => self.make_lambda(def)?,
            Kind::JoinedStr(values) => {
                let mut out = String::new();
                for v in values {
                    let s = self.eval(v)?;
                    out.push_str(s.as_str().unwrap_or(""));
                }
                Obj::string(out)
            }
            Kind::Formatted(value, conv, spec) => {
                let v = self.eval(value)?;
                let spec = match spec {
                    Some(s) => Some(self.eval(s)?),
                    None => None,
                };
                crate::format::format_value(&v, *conv, spec.as_ref())?
            }
        })
    }

    /// Items of a display or argument list, `*iterable` spread in place.
    pub(crate) fn eval_items(&self, items: &[Expr]) -> PyResult<Vec<Obj>> {
        let mut out = Vec::with_capacity(items.len());
        for i in items {
            match &i.kind {
                Kind::Starred(x) => out.extend(ops::collect_iterable(&self.eval(x)?)?),
                _ => out.push(self.eval(i)?),
            }
        }
        Ok(out)
    }

    fn dict(&self, entries: &[(Option<Expr>, Expr)]) -> PyResult {
        let d = crate::objects::dict::new_dict();
        for (k, v) in entries {
            match k {
                Some(k) => {
                    let key = self.eval(k)?;
                    dict_set(&d, key, self.eval(v)?)?;
                }
                None => crate::objects::dict::dict_update_from(&d, &self.eval(v)?)?,
            }
        }
        Ok(d)
    }

    fn call(&self, f: &Expr, args: &[Expr], keywords: &[Keyword]) -> PyResult {
        let func = self.eval(f)?;
        let mut vals = self.eval_items(args)?;
        let mut names = Vec::new();
        for k in keywords {
            let v = self.eval(&k.value)?;
            match &k.arg {
                Some(name) => {
                    names.push(Obj::string(name.clone()));
                    vals.push(v);
                }
                None => {
                    let d = crate::objects::dict::new_dict();
                    crate::objects::dict::dict_update_from(&d, &v)?;
                    for (key, value) in crate::objects::dict::dict_items(&d) {
                        if key.as_str().is_none() {
                            return Err(type_error("keywords must be strings"));
                        }
                        names.push(key);
                        vals.push(value);
                    }
                }
            }
        }
        let kwnames = if names.is_empty() { None } else { Some(Obj::tuple(names)) };
        crate::call(&func, vals, kwnames.as_ref())
    }

    /// `a < b < c`: each comparison's result until one is false (operands evaluated once).
    fn compare(&self, left: &Expr, rest: &[(Cmp, Expr)]) -> PyResult {
        let mut a = self.eval(left)?;
        let mut result = Obj::bool(true);
        for (i, (op, right)) in rest.iter().enumerate() {
            let b = self.eval(right)?;
            result = match op {
                Cmp::Rich(c) => ops::compare(&a, &b, *c)?,
                Cmp::In => Obj::bool(ops::contains(&b, &a)?),
                Cmp::NotIn => Obj::bool(!ops::contains(&b, &a)?),
                Cmp::Is => Obj::bool(a.is(&b)),
                Cmp::IsNot => Obj::bool(!a.is(&b)),
            };
            if i + 1 < rest.len() && !ops::is_true(&result)? {
                return Ok(result);
            }
            a = b;
        }
        Ok(result)
    }

    fn make_lambda(&self, def: &Rc<Lambda>) -> PyResult {
        if let Some(s) = self.scope {
            let defaults = if def.defaults.is_empty() { None } else { Some(Obj::tuple(self.eval_items(&def.defaults)?)) };
            return s.lambda(def, defaults);
        }
        let code = match def.code.get() {
            Some(c) => c,
            None => {
                let names: Vec<&'static str> = def.params.iter().map(|(p, _)| &*Box::leak(p.clone().into_boxed_str())).collect();
                let code: &'static CodeInfo = Box::leak(Box::new(CodeInfo {
                    name: "<lambda>",
                    qualname: "<lambda>",
                    filename: "<string>",
                    firstlineno: 1,
                    argcount: names.len() as u32,
                    posonlyargcount: 0,
                    kwonlyargcount: 0,
                    flags: 0x3, // CO_OPTIMIZED | CO_NEWLOCALS
                    varnames: crate::objects::function::Names::leak(&names),
                    entry: lambda_entry,
                    fast: crate::objects::function::Fast::No,
                }));
                LAMBDAS.with(|l| l.borrow_mut().push((code as *const CodeInfo as usize, def.clone())));
                def.code.set(Some(code));
                code
            }
        };
        let defaults = if def.defaults.is_empty() { None } else { Some(Obj::tuple(self.eval_items(&def.defaults)?)) };
        Ok(make_function(code, self.globals, defaults, None))
    }
}

thread_local! {
    /// The lambdas made by eval, by their code's address (leaked: a lambda's code lives as
    /// long as the program, as a compiled one's does).
    static LAMBDAS: std::cell::RefCell<Vec<(usize, Rc<Lambda>)>> = std::cell::RefCell::new(Vec::new());
}

fn lambda_entry(func: &Obj, params: Vec<Obj>) -> PyResult {
    let f = as_func(func).expect("an eval lambda is a function");
    let key = f.code() as *const CodeInfo as usize;
    let def = LAMBDAS.with(|l| l.borrow().iter().find(|(k, _)| *k == key).map(|(_, d)| d.clone())).expect("eval lambda");
    let locals: Vec<(String, Obj)> = def.params.iter().map(|(p, _)| p.clone()).zip(params).collect();
    Env { locals: &locals, globals: &f.globals, scope: None }.eval(&def.body)
}

/// `eval(source, globals=None, locals=None)` for the expressions listed above.
pub fn eval(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    crate::objects::str::no_kw("eval", kw)?;
    crate::objects::str::nargs("eval", args, 1, 3)?;
    if crate::modules::typesmod::compiled_statements(&args[0]).is_some() {
        // eval() of a code object compiled in 'exec' mode runs it and gives None
        exec(args, None)?;
        return Ok(Obj::none());
    }
    let (source, filename) = match crate::modules::typesmod::compiled_expression(&args[0]) {
        Some(s) => (s, ops::getattr_str(&args[0], "co_filename").ok().and_then(|f| f.as_str().map(str::to_string))),
        None => (args[0].clone(), None),
    };
    let text = match source.as_str() {
        Some(s) => s.to_string(),
        None => match crate::objects::bytes::as_bytes(&source) {
            Some(b) => String::from_utf8(b.to_vec()).map_err(|_| syntax("source code is not valid UTF-8"))?,
            None => return Err(unsupported("code objects that are not expressions")),
        },
    };
    let globals = match args.get(1) {
        Some(g) if !g.is_none() => g.clone(),
        _ => crate::objects::function::current_globals().ok_or_else(|| unsupported("an expression outside a function"))?,
    };
    let locals: Vec<(String, Obj)> = match args.get(2) {
        Some(l) if !l.is_none() => crate::objects::dict::dict_items(l)
            .into_iter()
            .filter_map(|(k, v)| k.as_str().map(|s| (s.to_string(), v)))
            .collect(),
        _ => Vec::new(),
    };
    if !globals.is_none() && dict_get_str(&globals, &Obj::str("__builtins__")).is_none() {
        dict_set(&globals, Obj::str("__builtins__"), crate::builtins::builtins_module())?;
    }
    let tree = parse_eval(text.trim_start_matches([' ', '\t'])).map_err(|e| e.into_exc(filename.as_deref().unwrap_or("<string>")))?;
    Env { locals: &locals, globals: &globals, scope: None }.eval(&tree)
}


/// `compile(source, filename, mode, flags=0, ...)`. With `ast.PyCF_ONLY_AST` in `flags`: the
/// `ast` tree of an expression (mode 'eval') or of expression statements ('exec', 'single').
/// Otherwise mode 'eval' gives a code object that keeps the source for `eval`: a SyntaxError
/// is raised now, syntax the evaluator lacks only when evaluated (typing's ForwardRef
/// compiles every string annotation, most are never evaluated). Statements need a Python
/// compiler at run time: NotImplementedError.
pub fn compile(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    use crate::modules::native_class::bind;
    let a = bind("compile", args, kw, &["source", "filename", "mode", "flags", "dont_inherit", "optimize", "_feature_version"], 6, 3)?;
    let mode = ops::str_string(&a[2].clone().unwrap())?;
    if !matches!(mode.as_str(), "exec" | "eval" | "single") {
        return Err(crate::objects::exceptions::value_error("compile() mode must be 'exec', 'eval' or 'single'"));
    }
    let flags = match &a[3] {
        Some(f) => ops::index_value(f)?,
        None => 0,
    };
    let source = a[0].clone().unwrap();
    let text = match source.as_str() {
        Some(s) => s.to_string(),
        None => match crate::objects::bytes::as_bytes(&source) {
            Some(b) => String::from_utf8(b.to_vec()).map_err(|_| syntax("source code is not valid UTF-8"))?,
            None => return Err(type_error("compile() arg 1 must be a string, bytes or AST object")),
        },
    };
    let filename_obj = a[1].clone().unwrap();
    let filename = match filename_obj.as_str() {
        Some(f) => f.to_string(),
        None => crate::modules::posix::fspath_string(&filename_obj)?,
    };
    const PYCF_ONLY_AST: i64 = 0x400;
    if flags & PYCF_ONLY_AST != 0 {
        return ast_tree(&text, &mode, &filename);
    }
    if mode == "exec" {
        crate::execstmt::check_syntax(&text, &filename)?;
        return crate::modules::typesmod::statements_code(Obj::string(text), filename_obj);
    }
    if mode != "eval" {
        return Err(statements_unsupported("compile()"));
    }
    if let Err(crate::pyexpr::ParseError::Syntax(e)) = parse_eval(&text) {
        return Err(crate::pyexpr::ParseError::Syntax(e).into_exc(&filename));
    }
    crate::modules::typesmod::expression_code(Obj::string(text), filename_obj)
}

/// `compile(text, filename, mode, ast.PyCF_ONLY_AST)`.
fn ast_tree(text: &str, mode: &str, filename: &str) -> PyResult {
    use crate::modules::cast::{ast_node, expr_to_ast};
    if mode == "eval" {
        let tree = parse_eval(text.trim_start_matches([' ', '\t'])).map_err(|e| e.into_exc(filename))?;
        return ast_node("Expression", vec![("body", expr_to_ast(&tree)?)]);
    }
    let exprs = match crate::pyexpr::parse_expression_statements(text).map_err(|e| e.into_exc(filename))? {
        Some(e) => e,
        None => return Err(statements_unsupported("ast.parse()")),
    };
    let mut body = Vec::new();
    for e in &exprs {
        let value = expr_to_ast(e)?;
        body.push(crate::modules::cast::positioned(ast_node("Expr", vec![("value", value)])?, &e.span)?);
    }
    let body = crate::objects::list::new_list(body);
    if mode == "single" {
        return ast_node("Interactive", vec![("body", body)]);
    }
    ast_node("Module", vec![("body", body), ("type_ignores", crate::objects::list::new_list(Vec::new()))])
}

fn statements_unsupported(what: &str) -> Exc {
    new_exc(
        &NOT_IMPLEMENTED_ERROR,
        format!("{} of statements is not supported in code compiled by pybc2wasm: it needs a Python compiler at run time (expressions work)", what),
    )
}

/// FNV-1a of the UTF-8 text: the name of its ahead-of-time module (pybc2wasm/exec_sources.py).
fn fnv1a64(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3))
}

/// `exec(source, globals=None, locals=None)` of source text the compiler found as a string
/// constant of the program and compiled ahead of time; other text raises NotImplementedError.
pub fn exec(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    use crate::modules::native_class::bind;
    let a = bind("exec", args, kw, &["source", "globals", "locals", "closure"], 3, 1)?;
    let source = a[0].clone().unwrap();
    let (text, filename) = match source.as_str() {
        Some(s) => (s.to_string(), None),
        None => match crate::objects::bytes::as_bytes(&source) {
            Some(b) => (String::from_utf8(b.to_vec()).map_err(|_| syntax("source code is not valid UTF-8"))?, None),
            None => match crate::modules::typesmod::compiled_statements(&source) {
                Some(s) => {
                    let f = ops::getattr_str(&source, "co_filename")?;
                    let n = ops::getattr_str(&source, "co_name")?;
                    (ops::str_string(&s)?, Some((ops::str_string(&f)?, ops::str_string(&n)?)))
                }
                None => return Err(exec_unsupported("code objects not made by compile(..., 'exec')")),
            },
        },
    };
    let globals = match &a[1] {
        Some(g) if !g.is_none() => {
            if g.layout() != crate::object::Layout::Dict {
                return Err(crate::objects::exceptions::type_error(format!("exec() globals must be a dict, not {}", g.type_name())));
            }
            g.clone()
        }
        _ => crate::objects::function::current_globals().ok_or_else(|| exec_unsupported("source outside a function"))?,
    };
    let locals = match &a[2] {
        Some(l) if !l.is_none() => {
            if crate::objects::dict::as_dict(l).is_none() && ops::getattr_str(l, "__getitem__").is_err() {
                return Err(type_error(format!("locals must be a mapping or None, not {}", l.type_name())));
            }
            l.clone()
        }
        _ => globals.clone(),
    };
    if dict_get_str(&globals, &Obj::str("__builtins__")).is_none() {
        dict_set(&globals, Obj::str("__builtins__"), crate::builtins::builtins_module())?;
    }
    if filename.is_none() && locals.is(&globals) {
        // text compiled ahead of time (a string constant of the program)
        let name = format!("__exec__{:016x}", fnv1a64(&text));
        if crate::modules::importer::run_exec_source(&name, &globals)? {
            return Ok(Obj::none());
        }
    }
    let (filename, name) = filename.unwrap_or_else(|| ("<string>".to_string(), "<module>".to_string()));
    crate::execstmt::exec_text(&text, &filename, &name, &globals, &locals)?;
    Ok(Obj::none())
}

fn exec_unsupported(what: &str) -> Exc {
    new_exc(&NOT_IMPLEMENTED_ERROR, format!("exec() of {} is not supported in code compiled by pybc2wasm", what))
}
