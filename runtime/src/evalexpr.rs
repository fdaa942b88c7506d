//! `exec()` of string constants compiled ahead of time (end of file), and `eval()` of the expressions a compiled program can evaluate without a Python compiler:
//! names, literals (int, float, str, None/True/False, `...`), tuples, lists, attribute access,
//! subscripts, calls (positional and keyword arguments) and `lambda` with positional
//! parameters and defaults — what `collections.namedtuple` builds its `__new__` from. Any
//! other syntax raises NotImplementedError naming what is missing.
use crate::object::Obj;
use crate::objects::dict::{dict_get_str, dict_set};
use crate::objects::exceptions::{name_error, new_exc, Exc};
use crate::objects::exc_types::{NOT_IMPLEMENTED_ERROR, SYNTAX_ERROR};
use crate::objects::function::{as_func, make_function, CodeInfo};
use crate::{ops, PyResult};
use std::cell::Cell;
use std::rc::Rc;

enum Lit {
    Int(i64),
    Float(f64),
    Str(String),
    None,
    Ellipsis,
    Bool(bool),
}

enum Node {
    Name(String),
    Lit(Lit),
    Tuple(Vec<Node>),
    List(Vec<Node>),
    Attr(Box<Node>, String),
    Sub(Box<Node>, Box<Node>),
    Call(Box<Node>, Vec<Node>, Vec<(String, Node)>),
    Lambda(Rc<LambdaDef>),
}

struct LambdaDef {
    params: Vec<String>,
    defaults: Vec<Node>,
    body: Node,
    code: Cell<Option<&'static CodeInfo>>,
}

#[derive(Clone, PartialEq, Debug)]
enum Tok {
    Name(String),
    Int(i64),
    Float(f64),
    Str(String),
    Op(char),
    End,
}

fn unsupported(what: &str) -> Exc {
    new_exc(&NOT_IMPLEMENTED_ERROR, format!("eval() of {} is not supported in code compiled by pybc2wasm", what))
}

fn syntax(msg: &str) -> Exc {
    new_exc(&SYNTAX_ERROR, msg.to_string())
}

fn tokenize(src: &str) -> Result<Vec<Tok>, Exc> {
    let cs: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
            i += 1;
        } else if c.is_alphabetic() || c == '_' {
            let s = i;
            while i < cs.len() && (cs[i].is_alphanumeric() || cs[i] == '_') {
                i += 1;
            }
            out.push(Tok::Name(cs[s..i].iter().collect()));
        } else if c.is_ascii_digit() {
            let s = i;
            while i < cs.len() && (cs[i].is_ascii_digit() || cs[i] == '.' || cs[i] == '_') {
                i += 1;
            }
            let text: String = cs[s..i].iter().filter(|c| **c != '_').collect();
            out.push(if text.contains('.') {
                Tok::Float(text.parse().map_err(|_| syntax("invalid decimal literal"))?)
            } else {
                Tok::Int(text.parse().map_err(|_| unsupported("an integer literal beyond 64 bits"))?)
            });
        } else if c == '\'' || c == '"' {
            i += 1;
            let mut s = String::new();
            loop {
                match cs.get(i) {
                    None | Some('\n') => return Err(syntax("unterminated string literal")),
                    Some(&q) if q == c => break,
                    Some('\\') => {
                        i += 1;
                        s.push(match cs.get(i) {
                            Some('n') => '\n',
                            Some('t') => '\t',
                            Some('\\') => '\\',
                            Some('\'') => '\'',
                            Some('"') => '"',
                            _ => return Err(unsupported("this string escape")),
                        });
                    }
                    Some(&x) => s.push(x),
                }
                i += 1;
            }
            i += 1;
            out.push(Tok::Str(s));
        } else if c == '.' && cs.get(i + 1) == Some(&'.') && cs.get(i + 2) == Some(&'.') {
            out.push(Tok::Name("...".into()));
            i += 3;
        } else if "()[],:.=".contains(c) {
            out.push(Tok::Op(c));
            i += 1;
        } else {
            return Err(unsupported(&format!("an expression with '{}'", c)));
        }
    }
    out.push(Tok::End);
    Ok(out)
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.toks[self.pos]
    }
    fn next(&mut self) -> Tok {
        let t = self.toks[self.pos].clone();
        if self.pos + 1 < self.toks.len() {
            self.pos += 1;
        }
        t
    }
    fn eat(&mut self, c: char) -> bool {
        if *self.peek() == Tok::Op(c) {
            self.pos += 1;
            return true;
        }
        false
    }
    fn expect(&mut self, c: char) -> Result<(), Exc> {
        if self.eat(c) {
            Ok(())
        } else {
            Err(syntax("invalid syntax"))
        }
    }

    /// expr (',' expr)* [','] — a tuple when there is a comma.
    fn exprlist(&mut self, close: Option<char>) -> Result<(Vec<Node>, bool), Exc> {
        let mut items = Vec::new();
        let mut comma = false;
        loop {
            if let Some(c) = close {
                if *self.peek() == Tok::Op(c) {
                    break;
                }
            }
            if *self.peek() == Tok::End {
                break;
            }
            items.push(self.expr()?);
            if !self.eat(',') {
                break;
            }
            comma = true;
        }
        Ok((items, comma))
    }

    fn expr(&mut self) -> Result<Node, Exc> {
        if *self.peek() == Tok::Name("lambda".into()) {
            self.next();
            return self.lambda();
        }
        let mut n = self.atom()?;
        loop {
            if self.eat('.') {
                match self.next() {
                    Tok::Name(a) => n = Node::Attr(Box::new(n), a),
                    _ => return Err(syntax("invalid syntax")),
                }
            } else if self.eat('[') {
                // `x[a, b]` subscripts with a tuple (`tuple[int, ...]`)
                let (mut items, comma) = self.exprlist(Some(']'))?;
                if *self.peek() != Tok::Op(']') {
                    return Err(unsupported("this subscript"));
                }
                self.next();
                let i = if items.len() == 1 && !comma { items.pop().unwrap() } else { Node::Tuple(items) };
                n = Node::Sub(Box::new(n), Box::new(i));
            } else if self.eat('(') {
                let (args, kws) = self.call_args()?;
                n = Node::Call(Box::new(n), args, kws);
            } else {
                return match self.peek() {
                    Tok::Op(_) | Tok::End => Ok(n),
                    _ => Err(unsupported("operators and this syntax")),
                };
            }
        }
    }

    fn call_args(&mut self) -> Result<(Vec<Node>, Vec<(String, Node)>), Exc> {
        let (mut args, mut kws) = (Vec::new(), Vec::new());
        while !self.eat(')') {
            if let (Tok::Name(k), Tok::Op('=')) = (self.peek().clone(), self.toks[self.pos + 1].clone()) {
                self.pos += 2;
                kws.push((k, self.expr()?));
            } else {
                args.push(self.expr()?);
            }
            if !self.eat(',') {
                self.expect(')')?;
                break;
            }
        }
        Ok((args, kws))
    }

    fn lambda(&mut self) -> Result<Node, Exc> {
        let (mut params, mut defaults) = (Vec::new(), Vec::new());
        while !self.eat(':') {
            match self.next() {
                Tok::Name(p) => params.push(p),
                _ => return Err(unsupported("a lambda with * or ** parameters")),
            }
            if self.eat('=') {
                defaults.push(self.expr()?);
            } else if !defaults.is_empty() {
                return Err(syntax("non-default argument follows default argument"));
            }
            if !self.eat(',') {
                self.expect(':')?;
                break;
            }
        }
        let body = self.expr()?;
        Ok(Node::Lambda(Rc::new(LambdaDef { params, defaults, body, code: Cell::new(None) })))
    }

    fn atom(&mut self) -> Result<Node, Exc> {
        Ok(match self.next() {
            Tok::Name(n) => match n.as_str() {
                "None" => Node::Lit(Lit::None),
                "..." => Node::Lit(Lit::Ellipsis),
                "True" => Node::Lit(Lit::Bool(true)),
                "False" => Node::Lit(Lit::Bool(false)),
                _ => Node::Name(n),
            },
            Tok::Int(i) => Node::Lit(Lit::Int(i)),
            Tok::Float(f) => Node::Lit(Lit::Float(f)),
            Tok::Str(mut s) => {
                while let Tok::Str(t) = self.peek().clone() {
                    s.push_str(&t);
                    self.next();
                }
                Node::Lit(Lit::Str(s))
            }
            Tok::Op('(') => {
                let (items, comma) = self.exprlist(Some(')'))?;
                self.expect(')')?;
                if items.len() == 1 && !comma {
                    items.into_iter().next().unwrap()
                } else {
                    Node::Tuple(items)
                }
            }
            Tok::Op('[') => {
                let (items, _) = self.exprlist(Some(']'))?;
                self.expect(']')?;
                Node::List(items)
            }
            Tok::End => return Err(syntax("invalid syntax")),
            _ => return Err(unsupported("this syntax")),
        })
    }
}

/// Names visible to an evaluation: the lambda's parameters, then globals, then builtins.
struct Env<'a> {
    locals: &'a [(String, Obj)],
    globals: &'a Obj,
}

impl Env<'_> {
    fn lookup(&self, name: &str) -> PyResult {
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

    fn eval(&self, n: &Node) -> PyResult {
        Ok(match n {
            Node::Name(s) => self.lookup(s)?,
            Node::Lit(l) => match l {
                Lit::Int(i) => Obj::int(*i),
                Lit::Float(f) => Obj::float(*f),
                Lit::Str(s) => Obj::string(s.clone()),
                Lit::None => Obj::none(),
                Lit::Ellipsis => Obj::ellipsis(),
                Lit::Bool(b) => Obj::bool(*b),
            },
            Node::Tuple(items) => Obj::tuple(self.eval_all(items)?),
            Node::List(items) => crate::objects::list::new_list(self.eval_all(items)?),
            Node::Attr(o, a) => ops::getattr_str(&self.eval(o)?, a)?,
            Node::Sub(o, i) => ops::getitem(&self.eval(o)?, &self.eval(i)?)?,
            Node::Call(f, args, kws) => {
                let func = self.eval(f)?;
                let mut vals = self.eval_all(args)?;
                let mut names = Vec::new();
                for (k, v) in kws {
                    names.push(Obj::string(k.clone()));
                    vals.push(self.eval(v)?);
                }
                let kwnames = if names.is_empty() { None } else { Some(Obj::tuple(names)) };
                crate::call(&func, vals, kwnames.as_ref())?
            }
            Node::Lambda(def) => self.make_lambda(def)?,
        })
    }

    fn eval_all(&self, items: &[Node]) -> PyResult<Vec<Obj>> {
        items.iter().map(|i| self.eval(i)).collect()
    }

    fn make_lambda(&self, def: &Rc<LambdaDef>) -> PyResult {
        let code = match def.code.get() {
            Some(c) => c,
            None => {
                let names: Vec<&'static str> = def.params.iter().map(|p| &*Box::leak(p.clone().into_boxed_str())).collect();
                let code: &'static CodeInfo = Box::leak(Box::new(CodeInfo {
                    name: "<lambda>",
                    qualname: "<lambda>",
                    filename: "<string>",
                    firstlineno: 1,
                    argcount: names.len() as u32,
                    posonlyargcount: 0,
                    kwonlyargcount: 0,
                    flags: 0x3, // CO_OPTIMIZED | CO_NEWLOCALS
                    varnames: Box::leak(names.into_boxed_slice()),
                    entry: lambda_entry,
                    fast: crate::objects::function::Fast::No,
                }));
                LAMBDAS.with(|l| l.borrow_mut().push((code as *const CodeInfo as usize, def.clone())));
                def.code.set(Some(code));
                code
            }
        };
        let defaults = if def.defaults.is_empty() { None } else { Some(Obj::tuple(self.eval_all(&def.defaults)?)) };
        Ok(make_function(code, self.globals, defaults, None))
    }
}

thread_local! {
    /// The lambdas made by eval, by their code's address (leaked: a lambda's code lives as
    /// long as the program, as a compiled one's does).
    static LAMBDAS: std::cell::RefCell<Vec<(usize, Rc<LambdaDef>)>> = std::cell::RefCell::new(Vec::new());
}

fn lambda_entry(func: &Obj, params: Vec<Obj>) -> PyResult {
    let f = as_func(func).expect("an eval lambda is a function");
    let key = f.code as *const CodeInfo as usize;
    let def = LAMBDAS.with(|l| l.borrow().iter().find(|(k, _)| *k == key).map(|(_, d)| d.clone())).expect("eval lambda");
    let locals: Vec<(String, Obj)> = def.params.iter().cloned().zip(params).collect();
    Env { locals: &locals, globals: &f.globals }.eval(&def.body)
}

/// `eval(source, globals=None, locals=None)` for the expressions listed above.
pub fn eval(args: &[Obj], kw: Option<&Obj>) -> PyResult {
    crate::objects::str::no_kw("eval", kw)?;
    crate::objects::str::nargs("eval", args, 1, 3)?;
    let source = match crate::modules::typesmod::compiled_expression(&args[0]) {
        Some(s) => s,
        None => args[0].clone(),
    };
    let src = source.as_str().ok_or_else(|| unsupported("code objects and bytes"))?;
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
    let (items, comma) = parse(src)?;
    let env = Env { locals: &locals, globals: &globals };
    if items.len() == 1 && !comma {
        env.eval(&items[0])
    } else {
        Ok(Obj::tuple(env.eval_all(&items)?))
    }
}

fn parse(src: &str) -> Result<(Vec<Node>, bool), Exc> {
    let mut p = Parser { toks: tokenize(src.trim_start_matches([' ', '\t']))?, pos: 0 };
    let (items, comma) = p.exprlist(None)?;
    if *p.peek() != Tok::End || items.is_empty() {
        return Err(syntax("invalid syntax"));
    }
    Ok((items, comma))
}

/// `compile(source, filename, 'eval')`: a code object that keeps the source for `eval`. A
/// SyntaxError is raised now; syntax this evaluator lacks is only an error when evaluated
/// (typing's ForwardRef compiles every string annotation, most are never evaluated).
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
            None => return Err(crate::objects::exceptions::type_error("compile() arg 1 must be a string, bytes or AST object")),
        },
    };
    if mode != "eval" || flags & 0x400 != 0 {
        return Err(new_exc(&NOT_IMPLEMENTED_ERROR, "compile() is not supported in code compiled by pybc2wasm".to_string()));
    }
    if let Err(e) = parse(&text) {
        if e.is_instance(&SYNTAX_ERROR) {
            return Err(e);
        }
    }
    crate::modules::typesmod::expression_code(Obj::string(text), a[1].clone().unwrap())
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
    let text = match source.as_str() {
        Some(s) => s.to_string(),
        None => match crate::objects::bytes::as_bytes(&source) {
            Some(b) => String::from_utf8(b.to_vec()).map_err(|_| syntax("source code is not valid UTF-8"))?,
            None => return Err(exec_unsupported("code objects")),
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
    if let Some(l) = &a[2] {
        if !l.is_none() && !l.is(&globals) {
            return Err(exec_unsupported("source with locals apart from its globals"));
        }
    }
    if dict_get_str(&globals, &Obj::str("__builtins__")).is_none() {
        dict_set(&globals, Obj::str("__builtins__"), crate::builtins::builtins_module())?;
    }
    let name = format!("__exec__{:016x}", fnv1a64(&text));
    if crate::modules::importer::run_exec_source(&name, &globals)? {
        return Ok(Obj::none());
    }
    Err(exec_unsupported("source text that is not a string constant of the compiled program"))
}

fn exec_unsupported(what: &str) -> Exc {
    new_exc(&NOT_IMPLEMENTED_ERROR, format!("exec() of {} is not supported in code compiled by pybc2wasm", what))
}
