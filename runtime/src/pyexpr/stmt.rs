//! Python statements on top of the expression parser (pyexpr.rs), for `exec`/`compile` of
//! source text built at run time (dataclasses' `_create_fn`, attrs, timeit): blocks by the
//! column of each line's first token (INDENT/DEDENT), `def` with every parameter form,
//! `return`, `if`/`elif`/`else`, `for`/`while` with `else`, `break`/`continue`, `raise [from]`,
//! `try`/`except`/`else`/`finally`, assignments (names, attributes, subscripts, unpacking),
//! augmented and annotated assignment, `del`, `assert`, `pass`, `global`/`nonlocal`,
//! `import`/`from ... import`, `class` (not inside a def), decorators, expression
//! statements, `yield`/`yield from` as a statement or an assignment's value (making the def a
//! generator function) and `with`. Any other statement (async, match, ...) is a NotImplementedError naming it and its line, never
//! something else. Executed by execstmt.rs.
use super::{Expr, Kind, Lambda, ParseError, PResult, Parser, Span, SyntaxErr, Tok, KEYWORDS};
use crate::objects::exc_types::NOT_IMPLEMENTED_ERROR;
use crate::objects::exceptions::new_exc;
use crate::ops::BinOp;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

pub struct Stmt {
    pub kind: S,
    pub line: u32,
}

pub enum S {
    Expr(Expr),
    /// Targets (`a = b = value`) and the value.
    Assign(Vec<Expr>, Expr),
    AugAssign(Expr, BinOp, Expr),
    /// Target, annotation, value; whether the target is a plain name.
    AnnAssign(Expr, Expr, Option<Expr>),
    Pass,
    Break,
    Continue,
    Return(Option<Expr>),
    Raise(Option<Expr>, Option<Expr>),
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    While(Expr, Vec<Stmt>, Vec<Stmt>),
    For(Expr, Expr, Vec<Stmt>, Vec<Stmt>),
    /// Body, handlers, else, finally.
    Try(Vec<Stmt>, Vec<Handler>, Vec<Stmt>, Vec<Stmt>),
    /// The function and its decorators.
    Def(Rc<FuncDef>, Vec<Expr>),
    /// The class and its decorators.
    Class(Rc<ClassDef>, Vec<Expr>),
    Global(Vec<String>),
    Nonlocal(Vec<String>),
    Del(Vec<Expr>),
    Assert(Expr, Option<Expr>),
    /// `import a.b as c`: each dotted name and its alias.
    Import(Vec<(String, Option<String>)>),
    /// `from ..m import a as b`: the module, the level, the names and aliases.
    ImportFrom(String, u32, Vec<(String, Option<String>)>),
    /// `yield v`, `yield from v`, `t = yield v`: the targets the sent (or returned) value is
    /// assigned to, the value, whether it is `yield from`. Only as a statement or the value
    /// of an assignment; a yield inside another expression is a NotImplementedError.
    Yield(Vec<Expr>, Option<Expr>, bool),
    /// `with a as x, b:`: each context manager and its target, the body.
    With(Vec<(Expr, Option<Expr>)>, Vec<Stmt>),
}

pub struct ClassDef {
    pub name: String,
    pub qualname: String,
    pub bases: Vec<Expr>,
    pub keywords: Vec<super::Keyword>,
    pub body: Vec<Stmt>,
}

pub struct Handler {
    pub ty: Option<Expr>,
    pub name: Option<String>,
    pub body: Vec<Stmt>,
}

pub struct Param {
    pub name: String,
    pub ann: Option<Expr>,
}

pub enum Body {
    Stmts(Vec<Stmt>),
    /// A lambda made inside an interpreted function (it sees the function's locals).
    Lambda(Rc<Lambda>),
}

pub struct FuncDef {
    pub name: String,
    pub qualname: String,
    pub line: u32,
    pub posonly: usize,
    /// Positional parameters (positional-only ones first).
    pub args: Vec<Param>,
    pub vararg: Option<Param>,
    pub kwonly: Vec<Param>,
    pub kwarg: Option<Param>,
    pub defaults: Vec<Expr>,
    pub kw_defaults: Vec<Option<Expr>>,
    pub returns: Option<Expr>,
    pub body: Body,
    /// The names the function binds (parameters included), decided at definition as CPython
    /// does: reading one before it is bound is an UnboundLocalError.
    pub locals: Rc<Vec<String>>,
    pub globals: Vec<String>,
    pub nonlocals: Vec<String>,
    pub doc: Option<String>,
    /// A generator function: its body has a `yield` (calling it makes a generator object).
    pub generator: bool,
    /// The locals of each enclosing function, outermost first (set when the def first runs).
    pub chain: RefCell<Option<Rc<Vec<Rc<Vec<String>>>>>>,
    pub code: Cell<Option<&'static crate::CodeInfo>>,
}

impl FuncDef {
    /// A FuncDef for a lambda evaluated inside an interpreted function.
    pub fn for_lambda(l: &Rc<Lambda>, qualname: String) -> FuncDef {
        let names: Vec<String> = l.params.iter().map(|(p, _)| p.clone()).collect();
        FuncDef {
            name: "<lambda>".to_string(),
            qualname,
            line: l.body.span.line,
            posonly: 0,
            args: names.iter().map(|n| Param { name: n.clone(), ann: None }).collect(),
            vararg: None,
            kwonly: Vec::new(),
            kwarg: None,
            defaults: Vec::new(),
            kw_defaults: Vec::new(),
            returns: None,
            body: Body::Lambda(l.clone()),
            locals: Rc::new(names),
            globals: Vec::new(),
            nonlocals: Vec::new(),
            doc: None,
            generator: false,
            chain: RefCell::new(None),
            code: Cell::new(None),
        }
    }

    /// Parameter names in CPython's co_varnames order.
    pub fn param_names(&self) -> Vec<String> {
        let mut v: Vec<String> = self.args.iter().map(|p| p.name.clone()).collect();
        v.extend(self.kwonly.iter().map(|p| p.name.clone()));
        if let Some(p) = &self.vararg {
            v.push(p.name.clone());
        }
        if let Some(p) = &self.kwarg {
            v.push(p.name.clone());
        }
        v
    }
}

pub fn stmt_unsupported(what: &str, line: u32) -> ParseError {
    ParseError::Other(new_exc(
        &NOT_IMPLEMENTED_ERROR,
        format!("exec() of {} (line {}) is not supported in code compiled by pybc2wasm", what, line),
    ))
}

struct SP {
    p: Parser,
    indents: Vec<u32>,
    /// The __qualname__ prefix of what the enclosing def or class defines ("f.<locals>",
    /// "C"), innermost last.
    defs: Vec<String>,
    /// How many defs enclose the current statement.
    in_def: usize,
}

/// Parses `src` as `exec` input: a module's statements.
pub fn parse_module(src: &str) -> PResult<Vec<Stmt>> {
    let mut sp = SP { p: Parser::new(src)?, indents: vec![0], defs: Vec::new(), in_def: 0 };
    sp.skip_newlines();
    let mut out = Vec::new();
    while sp.p.peek() != &Tok::End {
        if sp.p.span().col != 0 {
            return Err(sp.indent_error("unexpected indent"));
        }
        out.extend(sp.statement()?);
        sp.skip_newlines();
    }
    if let Some(line) = outside_function(&out) {
        let text = sp.p.src_lines.get((line - 1) as usize).cloned().unwrap_or_default();
        let col = text.len() - text.trim_start().len();
        let msg = "'return' outside function".to_string();
        return Err(ParseError::Syntax(SyntaxErr { msg, line, offset: col as u32 + 1, end_offset: col as u32 + 2, text, indent: false }));
    }
    Ok(out)
}

/// The line of a `return` that is not inside a def.
fn outside_function(body: &[Stmt]) -> Option<u32> {
    for s in body {
        let found = match &s.kind {
            S::Return(_) => Some(s.line),
            S::If(_, a, b) | S::While(_, a, b) | S::For(_, _, a, b) => outside_function(a).or_else(|| outside_function(b)),
            S::With(_, a) => outside_function(a),
            S::Try(a, hs, b, c) => outside_function(a)
                .or_else(|| hs.iter().find_map(|h| outside_function(&h.body)))
                .or_else(|| outside_function(b))
                .or_else(|| outside_function(c)),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// Whether a def's body has a `yield` (not counting nested defs and classes): CPython makes
/// it a generator function.
fn has_yield(body: &[Stmt]) -> bool {
    body.iter().any(|s| match &s.kind {
        S::Yield(..) => true,
        S::If(_, a, b) | S::While(_, a, b) | S::For(_, _, a, b) => has_yield(a) || has_yield(b),
        S::With(_, a) => has_yield(a),
        S::Try(a, hs, b, c) => has_yield(a) || hs.iter().any(|h| has_yield(&h.body)) || has_yield(b) || has_yield(c),
        _ => false,
    })
}

/// A target for `for` and the items of one: no comparison (`in` ends it).
fn target_item(p: &mut Parser) -> PResult<Expr> {
    if p.is_op("*") {
        let start = p.advance().span;
        let value = p.bitor()?;
        let span = start.to(value.span);
        return Ok(Parser::node(Kind::Starred(Box::new(value)), span));
    }
    p.bitor()
}

const AUG: &[(&str, BinOp)] = &[
    ("+=", BinOp::Add),
    ("-=", BinOp::Sub),
    ("*=", BinOp::Mul),
    ("/=", BinOp::TrueDiv),
    ("//=", BinOp::FloorDiv),
    ("%=", BinOp::Mod),
    ("@=", BinOp::MatMul),
    ("&=", BinOp::And),
    ("|=", BinOp::Or),
    ("^=", BinOp::Xor),
    (">>=", BinOp::RShift),
    ("<<=", BinOp::LShift),
    ("**=", BinOp::Pow),
];

impl SP {
    fn skip_newlines(&mut self) {
        while self.p.peek() == &Tok::Newline {
            self.p.pos += 1;
        }
    }

    fn indent_error(&self, msg: &str) -> ParseError {
        match self.p.error(msg) {
            ParseError::Syntax(mut e) => {
                e.indent = true;
                // CPython's tokenizer reports these at the end of the indentation, and an
                // unmatched dedent at the end of the line
                if msg == "unexpected indent" {
                    e.offset = e.offset.saturating_sub(1).max(1);
                } else if msg.starts_with("unindent") {
                    e.offset = e.text.chars().count() as u32;
                }
                e.end_offset = e.offset;
                ParseError::Syntax(e)
            }
            other => other,
        }
    }

    fn line(&self) -> u32 {
        self.p.span().line
    }

    /// One statement line: a compound statement, or simple statements separated by `;`.
    fn statement(&mut self) -> PResult<Vec<Stmt>> {
        let line = self.line();
        let kw = match self.p.peek() {
            Tok::Name(n) => n.clone(),
            Tok::Op("@") => "@".to_string(),
            _ => String::new(),
        };
        let one = |kind| Ok(vec![Stmt { kind, line }]);
        match kw.as_str() {
            "if" => {
                self.p.advance();
                return one(self.if_rest(line)?);
            }
            "while" => {
                self.p.advance();
                let col = self.p.prev_span().col;
                let test = self.p.expression()?;
                let body = self.block("'while' statement", line)?;
                let orelse = self.else_block(col)?;
                return one(S::While(test, body, orelse));
            }
            "for" => {
                self.p.advance();
                let col = self.p.prev_span().col;
                let target = self.p.items_or_tuple(target_item)?;
                self.check_target(&target)?;
                if !self.p.eat_kw("in") {
                    return Err(self.p.error("invalid syntax"));
                }
                let iter = self.p.star_expressions()?;
                let body = self.block("'for' statement", line)?;
                let orelse = self.else_block(col)?;
                return one(S::For(target, iter, body, orelse));
            }
            "try" => {
                self.p.advance();
                return one(self.try_rest(line)?);
            }
            "def" | "@" => return one(self.def(line)?),
            "class" => {
                self.p.advance();
                return one(self.class(Vec::new(), line)?);
            }
            "with" => {
                self.p.advance();
                let mut items = Vec::new();
                loop {
                    let mgr = self.p.expression()?;
                    let target = if self.p.eat_kw("as") {
                        let t = target_item(&mut self.p)?;
                        self.check_target(&t)?;
                        Some(t)
                    } else {
                        None
                    };
                    items.push((mgr, target));
                    if !self.p.eat_op(",") {
                        break;
                    }
                }
                let body = self.block("'with' statement", line)?;
                return one(S::With(items, body));
            }
            "async" => {
                return Err(stmt_unsupported(&format!("a '{}' statement", kw), line));
            }
            _ => {}
        }
        if let (Tok::Name(m), Tok::Name(_)) = (self.p.peek(), self.p.peek_at(1)) {
            if m == "match" {
                return Err(stmt_unsupported("a 'match' statement", line));
            }
        }
        let mut out = Vec::new();
        loop {
            out.push(Stmt { kind: self.simple()?, line });
            if self.p.eat_op(";") {
                if matches!(self.p.peek(), Tok::Newline | Tok::End) {
                    break;
                }
                continue;
            }
            break;
        }
        if !matches!(self.p.peek(), Tok::Newline | Tok::End) {
            return Err(self.p.error("invalid syntax"));
        }
        Ok(out)
    }

    /// The block after a compound statement's header: `:` then simple statements on the same
    /// line, or an indented block.
    fn block(&mut self, what: &str, line: u32) -> PResult<Vec<Stmt>> {
        if !self.p.eat_op(":") {
            return Err(self.p.error_point("expected ':'"));
        }
        if self.p.peek() != &Tok::Newline {
            return self.statement();
        }
        self.skip_newlines();
        let outer = *self.indents.last().unwrap();
        let col = self.p.span().col;
        if self.p.peek() == &Tok::End || col <= outer {
            return Err(self.indent_error(&format!("expected an indented block after {} on line {}", what, line)));
        }
        self.indents.push(col);
        let mut body = Vec::new();
        loop {
            body.extend(self.statement()?);
            self.skip_newlines();
            if self.p.peek() == &Tok::End {
                break;
            }
            let c = self.p.span().col;
            if c == col {
                continue;
            }
            if c > col {
                return Err(self.indent_error("unexpected indent"));
            }
            if !self.indents.contains(&c) {
                return Err(self.indent_error("unindent does not match any outer indentation level"));
            }
            break;
        }
        self.indents.pop();
        Ok(body)
    }

    /// Whether the next token starts a clause (`else`, `elif`, `except`, `finally`) of the
    /// compound statement at column `col`.
    fn clause(&self, col: u32, kw: &str) -> bool {
        // after a block's statements the parser stands on the next line's first token
        let mut i = self.p.pos;
        while self.p.toks.get(i).map_or(false, |t| t.tok == Tok::Newline) {
            i += 1;
        }
        match self.p.toks.get(i) {
            Some(t) => t.span.col == col && matches!(&t.tok, Tok::Name(n) if n == kw),
            None => false,
        }
    }

    fn eat_clause(&mut self, col: u32, kw: &str) -> bool {
        if !self.clause(col, kw) {
            return false;
        }
        self.skip_newlines();
        self.p.advance();
        true
    }

    fn else_block(&mut self, col: u32) -> PResult<Vec<Stmt>> {
        if self.eat_clause(col, "else") {
            let line = self.p.prev_span().line;
            return self.block("'else' statement", line);
        }
        Ok(Vec::new())
    }

    fn if_rest(&mut self, line: u32) -> PResult<S> {
        let col = self.p.prev_span().col;
        let test = self.p.expression()?;
        let body = self.block("'if' statement", line)?;
        let orelse = if self.eat_clause(col, "elif") {
            let l = self.p.prev_span().line;
            // an `elif` is an `if` in the else branch, at the same column
            let kind = self.if_rest_at(l, col)?;
            vec![Stmt { kind, line: l }]
        } else {
            self.else_block(col)?
        };
        Ok(S::If(test, body, orelse))
    }

    fn if_rest_at(&mut self, line: u32, col: u32) -> PResult<S> {
        let test = self.p.expression()?;
        let body = self.block("'elif' statement", line)?;
        let orelse = if self.eat_clause(col, "elif") {
            let l = self.p.prev_span().line;
            vec![Stmt { kind: self.if_rest_at(l, col)?, line: l }]
        } else {
            self.else_block(col)?
        };
        Ok(S::If(test, body, orelse))
    }

    fn try_rest(&mut self, line: u32) -> PResult<S> {
        let col = self.p.prev_span().col;
        let body = self.block("'try' statement", line)?;
        let mut handlers = Vec::new();
        while self.eat_clause(col, "except") {
            let l = self.p.prev_span().line;
            if self.p.is_op("*") {
                return Err(stmt_unsupported("'except*'", l));
            }
            let (mut ty, mut name) = (None, None);
            if !self.p.is_op(":") {
                ty = Some(self.p.expression()?);
                if self.p.is_op(",") {
                    return Err(self.p.error("multiple exception types must be parenthesized"));
                }
                if self.p.eat_kw("as") {
                    match self.p.advance().tok {
                        Tok::Name(n) if !KEYWORDS.contains(&n.as_str()) => name = Some(n),
                        _ => {
                            self.p.pos -= 1;
                            return Err(self.p.error("invalid syntax"));
                        }
                    }
                }
            }
            let body = self.block("'except' statement", l)?;
            handlers.push(Handler { ty, name, body });
        }
        let orelse = if !handlers.is_empty() { self.else_block(col)? } else { Vec::new() };
        let finalbody = if self.eat_clause(col, "finally") {
            let l = self.p.prev_span().line;
            self.block("'finally' statement", l)?
        } else {
            Vec::new()
        };
        if handlers.is_empty() && finalbody.is_empty() {
            return Err(self.p.error("expected 'except' or 'finally' block"));
        }
        Ok(S::Try(body, handlers, orelse, finalbody))
    }

    fn name(&mut self) -> PResult<String> {
        match self.p.advance().tok {
            Tok::Name(n) if !KEYWORDS.contains(&n.as_str()) && n != "..." => Ok(n),
            _ => {
                self.p.pos -= 1;
                Err(self.p.error("invalid syntax"))
            }
        }
    }

    fn param(&mut self, annotated: bool) -> PResult<Param> {
        let name = self.name()?;
        let ann = if annotated && self.p.eat_op(":") { Some(self.p.expression()?) } else { None };
        Ok(Param { name, ann })
    }

    fn def(&mut self, _line: u32) -> PResult<S> {
        let mut decorators = Vec::new();
        let mut col = self.p.span().col;
        while self.p.eat_op("@") {
            decorators.push(self.p.expression()?);
            if self.p.peek() != &Tok::Newline {
                return Err(self.p.error("invalid syntax"));
            }
            self.skip_newlines();
            col = self.p.span().col;
        }
        let _ = col;
        let def_line = self.line();
        if self.p.eat_kw("class") {
            return self.class(decorators, def_line);
        }
        if !self.p.eat_kw("def") {
            if self.p.is_kw("async") {
                return Err(stmt_unsupported("an 'async def'", def_line));
            }
            return Err(self.p.error("invalid syntax"));
        }
        let name = self.name()?;
        self.p.expect_op("(")?;
        let (mut args, mut kwonly, mut defaults, mut kw_defaults) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let (mut vararg, mut kwarg, mut posonly, mut star) = (None, None, 0usize, false);
        let mut star_span = self.p.span();
        while !self.p.eat_op(")") {
            if self.p.eat_op("/") {
                if star || posonly > 0 || args.is_empty() {
                    self.p.pos -= 1;
                    return Err(self.p.error("invalid syntax"));
                }
                posonly = args.len();
            } else if self.p.eat_op("**") {
                kwarg = Some(self.param(true)?);
            } else if self.p.is_op("*") {
                star_span = self.p.advance().span;
                if star {
                    self.p.pos -= 1;
                    return Err(self.p.error("* argument may appear only once"));
                }
                star = true;
                if !self.p.is_op(",") && !self.p.is_op(")") {
                    vararg = Some(self.param(true)?);
                }
            } else {
                if kwarg.is_some() {
                    return Err(self.p.error("arguments cannot follow var-keyword argument"));
                }
                let param_span = self.p.span();
                let p = self.param(true)?;
                let default = if self.p.eat_op("=") { Some(self.p.expression()?) } else { None };
                if star {
                    kwonly.push(p);
                    kw_defaults.push(default);
                } else {
                    match default {
                        Some(d) => defaults.push(d),
                        None if !defaults.is_empty() => {
                            return Err(self.syntax_at(super::non_default_after_default(), param_span));
                        }
                        None => {}
                    }
                    args.push(p);
                }
            }
            if !self.p.eat_op(",") {
                self.p.expect_op(")")?;
                break;
            }
        }
        if star && vararg.is_none() && kwonly.is_empty() {
            return Err(self.syntax_at("named arguments must follow bare *", star_span));
        }
        let returns = if self.p.eat_op("->") { Some(self.p.expression()?) } else { None };
        let qualname = self.qualname(&name);
        self.defs.push(format!("{}.<locals>", qualname));
        self.in_def += 1;
        let body = self.block("function definition", def_line);
        self.in_def -= 1;
        self.defs.pop();
        let body = body?;
        let doc = match body.first() {
            Some(Stmt { kind: S::Expr(Expr { kind: Kind::Const(v, _), .. }), .. }) => v.as_str().map(str::to_string),
            _ => None,
        };
        let mut def = FuncDef {
            name,
            qualname,
            line: def_line,
            posonly,
            args,
            vararg,
            kwonly,
            kwarg,
            defaults,
            kw_defaults,
            returns,
            body: Body::Stmts(Vec::new()),
            locals: Rc::new(Vec::new()),
            globals: Vec::new(),
            nonlocals: Vec::new(),
            doc,
            generator: false,
            chain: RefCell::new(None),
            code: Cell::new(None),
        };
        let mut bound = def.param_names();
        let (mut globals, mut nonlocals) = (Vec::new(), Vec::new());
        bindings(&body, &mut bound, &mut globals, &mut nonlocals);
        bound.retain(|n| !globals.contains(n) && !nonlocals.contains(n));
        let mut seen = Vec::new();
        bound.retain(|n| {
            let fresh = !seen.contains(n);
            seen.push(n.clone());
            fresh
        });
        def.generator = has_yield(&body);
        def.locals = Rc::new(bound);
        def.globals = globals;
        def.nonlocals = nonlocals;
        def.body = Body::Stmts(body);
        Ok(S::Def(Rc::new(def), decorators))
    }

    fn qualname(&self, name: &str) -> String {
        match self.defs.last() {
            Some(prefix) => format!("{}.{}", prefix, name),
            None => name.to_string(),
        }
    }

    /// `class Name(bases, keywords): body` (after any decorators).
    fn class(&mut self, decorators: Vec<Expr>, line: u32) -> PResult<S> {
        if self.in_def > 0 {
            return Err(stmt_unsupported("a 'class' statement inside a function", line));
        }
        let name = self.name()?;
        let (bases, keywords) = if self.p.eat_op("(") { self.p.call_args()? } else { (Vec::new(), Vec::new()) };
        let qualname = self.qualname(&name);
        self.defs.push(qualname.clone());
        let body = self.block("class definition", line);
        self.defs.pop();
        let body = body?;
        Ok(S::Class(Rc::new(ClassDef { name, qualname, bases, keywords, body }), decorators))
    }

    fn check_target(&self, e: &Expr) -> PResult<()> {
        self.check_target_as(e, "assign to", false)
    }

    /// A valid target of `verb` ("assign to", "delete"); `single` for the one target of
    /// `a = b`, whose error CPython words "... here. Maybe you meant '==' instead of '='?".
    fn check_target_as(&self, e: &Expr, verb: &str, single: bool) -> PResult<()> {
        let what = match &e.kind {
            Kind::Name(_) | Kind::Attr(..) | Kind::Subscript(..) => return Ok(()),
            Kind::Tuple(items) | Kind::List(items) => {
                let mut stars = 0;
                for i in items {
                    match &i.kind {
                        Kind::Starred(x) => {
                            stars += 1;
                            self.check_target_as(x, verb, false)?;
                        }
                        _ => self.check_target_as(i, verb, false)?,
                    }
                }
                if stars > 1 {
                    return Err(self.syntax_at("multiple starred expressions in assignment", e.span));
                }
                return Ok(());
            }
            Kind::Starred(_) => "starred",
            Kind::Call(..) => "function call",
            Kind::Const(..) | Kind::JoinedStr(_) => "literal",
            Kind::Compare(..) => "comparison",
            Kind::Lambda(_) => "lambda",
            Kind::IfExp(..) => "conditional expression",
            Kind::Dict(_) => "dict literal",
            Kind::Set(_) => "set display",
            _ => "expression",
        };
        if single && !matches!(e.kind, Kind::Const(..)) || single && matches!(&e.kind, Kind::Const(v, _) if !v.is_none() && !v.is_bool()) {
            return Err(self.syntax_at(&format!("cannot {} {} here. Maybe you meant '==' instead of '='?", verb, what), e.span));
        }
        Err(self.syntax_at(&format!("cannot {} {}", verb, what), e.span))
    }

    fn syntax_at(&self, msg: &str, sp: Span) -> ParseError {
        let text = self.p.src_lines.get((sp.line.max(1) - 1) as usize).cloned().unwrap_or_default();
        let chars = |c: u32| text.get(..c as usize).map(|s| s.chars().count() as u32).unwrap_or(c) + 1;
        let end = if sp.end_line == sp.line { sp.end_col } else { sp.col + 1 };
        ParseError::Syntax(SyntaxErr { msg: msg.to_string(), line: sp.line, offset: chars(sp.col), end_offset: chars(end), text, indent: false })
    }

    fn names_list(&mut self) -> PResult<Vec<String>> {
        let mut names = vec![self.name()?];
        while self.p.eat_op(",") {
            names.push(self.name()?);
        }
        Ok(names)
    }

    fn dotted(&mut self) -> PResult<String> {
        let mut s = self.name()?;
        while self.p.eat_op(".") {
            s.push('.');
            s.push_str(&self.name()?);
        }
        Ok(s)
    }

    fn alias(&mut self) -> PResult<Option<String>> {
        if self.p.eat_kw("as") {
            return Ok(Some(self.name()?));
        }
        Ok(None)
    }

    /// `yield [value]` / `yield from value` (the parser stands on `yield`), whose sent value
    /// goes to `targets`.
    fn yield_stmt(&mut self, targets: Vec<Expr>) -> PResult<S> {
        let start = self.p.advance().span;
        let stmt = if self.p.eat_kw("from") {
            S::Yield(targets, Some(self.p.expression()?), true)
        } else if matches!(self.p.peek(), Tok::Newline | Tok::End | Tok::Op(";")) {
            S::Yield(targets, None, false)
        } else {
            S::Yield(targets, Some(self.p.star_expressions()?), false)
        };
        if self.in_def == 0 {
            return Err(self.syntax_at("'yield' outside function", start.to(self.p.prev_span())));
        }
        Ok(stmt)
    }

    /// One simple statement.
    fn simple(&mut self) -> PResult<S> {
        let line = self.line();
        if let Tok::Name(kw) = self.p.peek().clone() {
            match kw.as_str() {
                "pass" | "break" | "continue" => {
                    self.p.advance();
                    return Ok(match kw.as_str() {
                        "pass" => S::Pass,
                        "break" => S::Break,
                        _ => S::Continue,
                    });
                }
                "return" => {
                    self.p.advance();
                    if matches!(self.p.peek(), Tok::Newline | Tok::End | Tok::Op(";")) {
                        return Ok(S::Return(None));
                    }
                    return Ok(S::Return(Some(self.p.star_expressions()?)));
                }
                "raise" => {
                    self.p.advance();
                    if matches!(self.p.peek(), Tok::Newline | Tok::End | Tok::Op(";")) {
                        return Ok(S::Raise(None, None));
                    }
                    let exc = self.p.expression()?;
                    let cause = if self.p.eat_kw("from") { Some(self.p.expression()?) } else { None };
                    return Ok(S::Raise(Some(exc), cause));
                }
                "global" | "nonlocal" => {
                    self.p.advance();
                    let names = self.names_list()?;
                    return Ok(if kw == "global" { S::Global(names) } else { S::Nonlocal(names) });
                }
                "del" => {
                    self.p.advance();
                    let t = self.p.items_or_tuple(target_item)?;
                    let targets = match t.kind {
                        Kind::Tuple(items) => items,
                        _ => vec![t],
                    };
                    for t in &targets {
                        if matches!(t.kind, Kind::Starred(_)) {
                            return Err(self.syntax_at("cannot delete starred", t.span));
                        }
                        self.check_target_as(t, "delete", false)?;
                    }
                    return Ok(S::Del(targets));
                }
                "assert" => {
                    self.p.advance();
                    let test = self.p.expression()?;
                    let msg = if self.p.eat_op(",") { Some(self.p.expression()?) } else { None };
                    return Ok(S::Assert(test, msg));
                }
                "import" => {
                    self.p.advance();
                    let mut names = Vec::new();
                    loop {
                        let d = self.dotted()?;
                        names.push((d, self.alias()?));
                        if !self.p.eat_op(",") {
                            break;
                        }
                    }
                    return Ok(S::Import(names));
                }
                "from" => {
                    self.p.advance();
                    let mut level = 0;
                    loop {
                        if self.p.eat_op(".") {
                            level += 1;
                        } else if self.p.is_kw("...") {
                            self.p.advance();
                            level += 3;
                        } else {
                            break;
                        }
                    }
                    let module = if self.p.is_kw("import") { String::new() } else { self.dotted()? };
                    if !self.p.eat_kw("import") {
                        return Err(self.p.error("invalid syntax"));
                    }
                    if self.p.is_op("*") {
                        return Err(stmt_unsupported("'from ... import *'", line));
                    }
                    let paren = self.p.eat_op("(");
                    let mut names = Vec::new();
                    loop {
                        let n = self.name()?;
                        names.push((n, self.alias()?));
                        if !self.p.eat_op(",") {
                            break;
                        }
                        if paren && self.p.is_op(")") {
                            break;
                        }
                    }
                    if paren {
                        self.p.expect_op(")")?;
                    }
                    return Ok(S::ImportFrom(module, level, names));
                }
                "yield" => return self.yield_stmt(Vec::new()),
                "class" | "with" | "async" | "if" | "while" | "for" | "try" | "def" => {
                    return Err(self.p.error("invalid syntax"));
                }
                _ => {}
            }
        }
        let first = self.p.star_expressions()?;
        if self.p.eat_op(":") {
            if !matches!(first.kind, Kind::Name(_) | Kind::Attr(..) | Kind::Subscript(..)) {
                return Err(self.syntax_at("only single target (not tuple) can be annotated", first.span));
            }
            let ann = self.p.expression()?;
            let value = if self.p.eat_op("=") { Some(self.p.star_expressions()?) } else { None };
            return Ok(S::AnnAssign(first, ann, value));
        }
        if let Some((_, op)) = AUG.iter().find(|(s, _)| self.p.is_op(s)) {
            let op = *op;
            if !matches!(first.kind, Kind::Name(_) | Kind::Attr(..) | Kind::Subscript(..)) {
                return Err(self.syntax_at("'expression' is an illegal expression for augmented assignment", first.span));
            }
            self.p.advance();
            let value = self.p.star_expressions()?;
            return Ok(S::AugAssign(first, op, value));
        }
        if !self.p.is_op("=") {
            return Ok(S::Expr(first));
        }
        let mut targets = vec![first];
        let mut value;
        loop {
            self.p.expect_op("=")?;
            if self.p.is_kw("yield") {
                let single = targets.len() == 1;
                for t in &targets {
                    self.check_target_as(t, "assign to", single)?;
                }
                return self.yield_stmt(targets);
            }
            value = self.p.star_expressions()?;
            if !self.p.is_op("=") {
                break;
            }
            targets.push(value);
        }
        let single = targets.len() == 1;
        for t in &targets {
            self.check_target_as(t, "assign to", single)?;
        }
        Ok(S::Assign(targets, value))
    }
}

fn target_names(e: &Expr, out: &mut Vec<String>) {
    match &e.kind {
        Kind::Name(n) => out.push(n.clone()),
        Kind::Tuple(items) | Kind::List(items) => items.iter().for_each(|i| target_names(i, out)),
        Kind::Starred(x) => target_names(x, out),
        _ => {}
    }
}

/// The names a block binds (not inside nested defs, whose own names count), and its global
/// and nonlocal declarations.
fn bindings(body: &[Stmt], out: &mut Vec<String>, globals: &mut Vec<String>, nonlocals: &mut Vec<String>) {
    for s in body {
        match &s.kind {
            S::Assign(targets, _) => targets.iter().for_each(|t| target_names(t, out)),
            S::AugAssign(t, _, _) | S::AnnAssign(t, _, _) => target_names(t, out),
            S::For(t, _, body, orelse) => {
                target_names(t, out);
                bindings(body, out, globals, nonlocals);
                bindings(orelse, out, globals, nonlocals);
            }
            S::If(_, body, orelse) | S::While(_, body, orelse) => {
                bindings(body, out, globals, nonlocals);
                bindings(orelse, out, globals, nonlocals);
            }
            S::Yield(targets, _, _) => targets.iter().for_each(|t| target_names(t, out)),
            S::With(items, body) => {
                for (_, t) in items {
                    if let Some(t) = t {
                        target_names(t, out);
                    }
                }
                bindings(body, out, globals, nonlocals);
            }
            S::Try(body, handlers, orelse, finalbody) => {
                bindings(body, out, globals, nonlocals);
                for h in handlers {
                    if let Some(n) = &h.name {
                        out.push(n.clone());
                    }
                    bindings(&h.body, out, globals, nonlocals);
                }
                bindings(orelse, out, globals, nonlocals);
                bindings(finalbody, out, globals, nonlocals);
            }
            S::Def(d, _) => out.push(d.name.clone()),
            S::Class(c, _) => out.push(c.name.clone()),
            S::Del(targets) => targets.iter().for_each(|t| target_names(t, out)),
            S::Import(names) => {
                for (n, alias) in names {
                    out.push(alias.clone().unwrap_or_else(|| n.split('.').next().unwrap_or("").to_string()));
                }
            }
            S::ImportFrom(_, _, names) => {
                for (n, alias) in names {
                    out.push(alias.clone().unwrap_or_else(|| n.clone()));
                }
            }
            S::Global(names) => globals.extend(names.iter().cloned()),
            S::Nonlocal(names) => nonlocals.extend(names.iter().cloned()),
            _ => {}
        }
    }
}
