//! Python's expression grammar (3.11's `expressions` rules, as `eval` and `ast.parse(mode=
//! 'eval')` take them): tokens with their positions, then a recursive-descent parser into
//! `Expr` trees. Used by `eval()`/`compile()` (evalexpr.rs) and by `_ast` to build
//! `ast.Expression` trees (`ast.literal_eval`). What it lacks — comprehensions,
//! `:=`, `yield`/`await`, lambdas with `*`/`**`/`/` — is reported as NotImplementedError
//! naming it, never parsed into something else. Columns are UTF-8 byte offsets, as CPython's.
use crate::object::Obj;
use crate::objects::exc_types::{NOT_IMPLEMENTED_ERROR, SYNTAX_ERROR};
use crate::objects::exceptions::{new_exc, Exc};
use crate::ops::{BinOp, CmpOp};
use std::cell::Cell;
use std::rc::Rc;

pub mod stmt;

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Span {
    pub line: u32,
    pub col: u32,
    pub end_line: u32,
    pub end_col: u32,
}

impl Span {
    fn to(self, end: Span) -> Span {
        Span { end_line: end.end_line, end_col: end.end_col, ..self }
    }
}

pub struct Expr {
    pub kind: Kind,
    pub span: Span,
}

pub enum Kind {
    Name(String),
    /// A literal's value and whether a `u` prefix spelled it (ast.Constant's `kind`).
    Const(Obj, bool),
    Tuple(Vec<Expr>),
    List(Vec<Expr>),
    Set(Vec<Expr>),
    /// Keys and values; a `None` key is a `**mapping` entry.
    Dict(Vec<(Option<Expr>, Expr)>),
    Attr(Box<Expr>, String),
    Subscript(Box<Expr>, Box<Expr>),
    Slice(Option<Box<Expr>>, Option<Box<Expr>>, Option<Box<Expr>>),
    Call(Box<Expr>, Vec<Expr>, Vec<Keyword>),
    Starred(Box<Expr>),
    BinOp(Box<Expr>, BinOp, Box<Expr>),
    Unary(UnOp, Box<Expr>),
    /// `and` (true) or `or` (false) over two or more values.
    BoolOp(bool, Vec<Expr>),
    Compare(Box<Expr>, Vec<(Cmp, Expr)>),
    IfExp(Box<Expr>, Box<Expr>, Box<Expr>),
    Lambda(Rc<Lambda>),
    /// An f-string: Const strings and Formatted values.
    JoinedStr(Vec<Expr>),
    /// A replacement field: the value, its conversion (0, b's', b'r', b'a'), its format spec
    /// (a JoinedStr).
    Formatted(Box<Expr>, u8, Option<Box<Expr>>),
}

/// `name=value`, or `**value` when `arg` is None.
pub struct Keyword {
    pub arg: Option<String>,
    pub value: Expr,
    pub span: Span,
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum UnOp {
    Not,
    Neg,
    Pos,
    Invert,
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Cmp {
    Rich(CmpOp),
    In,
    NotIn,
    Is,
    IsNot,
}

pub struct Lambda {
    pub params: Vec<(String, Span)>,
    pub defaults: Vec<Expr>,
    pub body: Expr,
    /// The code object made the first time the lambda is evaluated (evalexpr.rs).
    pub code: Cell<Option<&'static crate::CodeInfo>>,
}

pub fn unsupported(what: &str) -> Exc {
    new_exc(&NOT_IMPLEMENTED_ERROR, format!("eval() of {} is not supported in code compiled by pybc2wasm", what))
}

/// Where a syntax error is: 1-based line, 1-based character offsets, the line's text.
pub struct SyntaxErr {
    pub msg: String,
    pub line: u32,
    pub offset: u32,
    pub end_offset: u32,
    pub text: String,
    /// An IndentationError (a SyntaxError otherwise).
    pub indent: bool,
}

pub enum ParseError {
    Syntax(SyntaxErr),
    Other(Exc),
}

impl From<Exc> for ParseError {
    fn from(e: Exc) -> Self {
        ParseError::Other(e)
    }
}

impl ParseError {
    /// The exception to raise; `filename` goes into a SyntaxError's details.
    pub fn into_exc(self, filename: &str) -> Exc {
        match self {
            ParseError::Other(e) => e,
            ParseError::Syntax(s) => {
                let details = Obj::tuple(vec![
                    Obj::string(filename.to_string()),
                    Obj::int(s.line as i64),
                    Obj::int(s.offset as i64),
                    Obj::string(s.text),
                    Obj::int(s.line as i64),
                    Obj::int(s.end_offset as i64),
                ]);
                let ty = if s.indent { &crate::objects::exc_types::INDENTATION_ERROR } else { &SYNTAX_ERROR };
                match crate::call(&ty.obj(), vec![Obj::string(s.msg), details], None) {
                    Ok(e) => crate::objects::exceptions::raise_(&e),
                    Err(e) => e,
                }
            }
        }
    }
}

type PResult<T> = Result<T, ParseError>;

#[derive(Clone, PartialEq, Debug)]
enum Tok {
    Name(String),
    /// A number's literal text (underscores kept: int()/float() with base 0 read them).
    Number(String),
    Str(String, bool),
    Bytes(Vec<u8>),
    /// An f-string's literal text and replacement fields.
    FStr(Vec<FPart>),
    Op(&'static str),
    Newline,
    End,
}

struct Token {
    tok: Tok,
    span: Span,
}

const OPS: &[&str] = &[
    "**=", "//=", ">>=", "<<=", "+=", "-=", "*=", "/=", "%=", "@=", "&=", "|=", "^=", "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "->", ":=", "+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">", "(", ")",
    "[", "]", "{", "}", ",", ":", ".", "=", ";",
];

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    line: u32,
    line_start: usize,
    /// Open brackets and where each opened (newlines inside them are not tokens).
    brackets: Vec<(char, Span)>,
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}
fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// A piece of an f-string: literal text (escapes decoded) or a replacement field.
#[derive(Clone, PartialEq, Debug)]
pub enum FPart {
    Lit(String),
    /// The expression's text, the conversion (0, b's', b'r', b'a'), the format spec's parts
    /// (None without a `:`) and, for `{x=}`, the text printed before the value.
    Field(String, u8, Option<Vec<FPart>>, Option<String>),
}

/// Decodes the escapes of an f-string's literal text.
fn decode_escapes(text: &str) -> Result<String, String> {
    let mut lx = Lexer { src: text, pos: 0, line: 1, line_start: 0, brackets: Vec::new() };
    let mut out = String::new();
    while let Some(c) = lx.peek_char(0) {
        lx.pos += c.len_utf8();
        if c != '\\' {
            out.push(c);
            continue;
        }
        let e = match lx.peek_char(0) {
            Some(e) => e,
            None => {
                out.push('\\');
                break;
            }
        };
        lx.pos += e.len_utf8();
        match lx.escape(e, false) {
            Ok(Some(ch)) => out.push(ch),
            Ok(None) if e == '\n' => {}
            Ok(None) => {
                out.push('\\');
                out.push(e);
            }
            Err(ParseError::Syntax(s)) => return Err(s.msg),
            Err(ParseError::Other(_)) => return Err("(unicode error) \\N{...} escapes are not supported".to_string()),
        }
    }
    Ok(out)
}

/// The parts of f-string text from `i`; in a format spec (`in_spec`) up to the `}` that ends
/// it. Returns the parts and the index where it stopped.
fn fstring_parts(s: &[char], mut i: usize, raw: bool, in_spec: bool) -> Result<(Vec<FPart>, usize), String> {
    let mut parts = Vec::new();
    let mut lit = String::new();
    let flush = |lit: &mut String, parts: &mut Vec<FPart>| -> Result<(), String> {
        if !lit.is_empty() {
            let text = if raw { std::mem::take(lit) } else { decode_escapes(&std::mem::take(lit))? };
            parts.push(FPart::Lit(text));
        }
        Ok(())
    };
    while i < s.len() {
        let c = s[i];
        if c == '{' {
            if !in_spec && s.get(i + 1) == Some(&'{') {
                lit.push('{');
                i += 2;
                continue;
            }
            flush(&mut lit, &mut parts)?;
            let (field, next) = fstring_field(s, i + 1, raw)?;
            parts.push(field);
            i = next;
            continue;
        }
        if c == '}' {
            if in_spec {
                break;
            }
            if s.get(i + 1) == Some(&'}') {
                lit.push('}');
                i += 2;
                continue;
            }
            return Err("f-string: single '}' is not allowed".to_string());
        }
        if c == '\\' && !raw && i + 1 < s.len() {
            lit.push(c);
            lit.push(s[i + 1]);
            i += 2;
            continue;
        }
        lit.push(c);
        i += 1;
    }
    flush(&mut lit, &mut parts)?;
    Ok((parts, i))
}

/// One replacement field, from just after its `{`; returns it and the index after its `}`.
fn fstring_field(s: &[char], start: usize, raw: bool) -> Result<(FPart, usize), String> {
    let mut i = start;
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    while i < s.len() {
        let c = s[i];
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            i += 1;
            continue;
        }
        match c {
            '\'' | '"' => quote = Some(c),
            '\\' => return Err("f-string expression part cannot include a backslash".to_string()),
            '#' => return Err("f-string expression part cannot include '#'".to_string()),
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth > 0 => depth -= 1,
            '}' | ':' if depth == 0 => break,
            '!' if depth == 0 && s.get(i + 1) != Some(&'=') => break,
            '=' if depth == 0 => {
                let prev = if i > start { s[i - 1] } else { ' ' };
                let next = s.get(i + 1).copied().unwrap_or(' ');
                if next != '=' && !matches!(prev, '=' | '!' | '<' | '>') {
                    break;
                }
                if next == '=' {
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    if quote.is_some() || i >= s.len() {
        return Err("f-string: expecting '}'".to_string());
    }
    let expr: String = s[start..i].iter().collect();
    if expr.trim().is_empty() {
        if crate::modules::sys::python_minor() >= 12 {
            return Err(format!("f-string: valid expression required before '{}'", s[i]));
        }
        return Err("f-string: empty expression not allowed".to_string());
    }
    let mut debug = None;
    if s[i] == '=' {
        i += 1;
        while i < s.len() && s[i].is_whitespace() {
            i += 1;
        }
        debug = Some(s[start..i].iter().collect::<String>());
    }
    let mut conv = 0u8;
    if i < s.len() && s[i] == '!' {
        conv = match s.get(i + 1) {
            Some('s') => b's',
            Some('r') => b'r',
            Some('a') => b'a',
            other => return Err(bad_conversion(other.copied())),
        };
        i += 2;
    }
    let mut spec = None;
    if i < s.len() && s[i] == ':' {
        let (parts, next) = fstring_parts(s, i + 1, raw, true)?;
        spec = Some(parts);
        i = next;
    }
    if i >= s.len() || s[i] != '}' {
        return Err("f-string: expecting '}'".to_string());
    }
    if debug.is_some() && conv == 0 && spec.is_none() {
        conv = b'r';
    }
    Ok((FPart::Field(expr, conv, spec, debug), i + 1))
}

impl<'a> Lexer<'a> {
    fn peek_char(&self, ahead: usize) -> Option<char> {
        self.src[self.pos..].chars().nth(ahead)
    }
    fn here(&self) -> (u32, u32) {
        (self.line, (self.pos - self.line_start) as u32)
    }
    fn span_from(&self, start: (u32, u32)) -> Span {
        let (end_line, end_col) = self.here();
        Span { line: start.0, col: start.1, end_line, end_col }
    }
    fn line_text(&self, line_start: usize) -> String {
        let rest = &self.src[line_start..];
        rest[..rest.find('\n').map(|i| i + 1).unwrap_or(rest.len())].to_string()
    }
    /// A SyntaxError at byte column `col` .. `end_col` of the current line.
    fn error_at(&self, msg: &str, line: u32, line_start: usize, col: u32, end_col: u32) -> ParseError {
        let text = self.line_text(line_start);
        let chars = |c: u32| text.get(..c as usize).map(|s| s.chars().count() as u32).unwrap_or(c) + 1;
        ParseError::Syntax(SyntaxErr { msg: msg.to_string(), line, offset: chars(col), end_offset: chars(end_col), text, indent: false })
    }
    fn error_here(&self, msg: &str) -> ParseError {
        let col = (self.pos - self.line_start) as u32;
        self.error_at(msg, self.line, self.line_start, col, col + 1)
    }

    fn newline(&mut self) {
        self.line += 1;
        self.line_start = self.pos;
    }

    fn tokens(mut self) -> PResult<(Vec<Token>, Vec<usize>)> {
        let mut out = Vec::new();
        let mut line_starts = vec![0];
        loop {
            let c = match self.peek_char(0) {
                Some(c) => c,
                None => break,
            };
            let start = self.here();
            if c == ' ' || c == '\t' || c == '\x0c' || c == '\r' {
                self.pos += 1;
            } else if c == '#' {
                while let Some(c) = self.peek_char(0) {
                    if c == '\n' {
                        break;
                    }
                    self.pos += c.len_utf8();
                }
            } else if c == '\\' && matches!(self.peek_char(1), Some('\n')) {
                self.pos += 2;
                self.newline();
                line_starts.push(self.pos);
            } else if c == '\n' {
                self.pos += 1;
                if self.brackets.is_empty() {
                    out.push(Token { tok: Tok::Newline, span: self.span_from(start) });
                }
                self.newline();
                line_starts.push(self.pos);
            } else if let Some(prefix_len) = self.string_prefix() {
                let tok = self.string(prefix_len, &mut line_starts)?;
                out.push(Token { tok, span: self.span_from(start) });
            } else if is_ident_start(c) {
                let s = self.pos;
                while let Some(c) = self.peek_char(0).filter(|c| is_ident_char(*c)) {
                    self.pos += c.len_utf8();
                }
                out.push(Token { tok: Tok::Name(self.src[s..self.pos].to_string()), span: self.span_from(start) });
            } else if c.is_ascii_digit() || (c == '.' && self.peek_char(1).map_or(false, |d| d.is_ascii_digit())) {
                let tok = self.number()?;
                out.push(Token { tok, span: self.span_from(start) });
            } else if c == '.' && self.src[self.pos..].starts_with("...") {
                self.pos += 3;
                out.push(Token { tok: Tok::Name("...".into()), span: self.span_from(start) });
            } else if let Some(op) = OPS.iter().find(|op| self.src[self.pos..].starts_with(**op)) {
                self.pos += op.len();
                let span = self.span_from(start);
                self.bracket(op, span)?;
                out.push(Token { tok: Tok::Op(op), span });
            } else {
                return Err(self.error_here(&format!("invalid character '{}' (U+{:04X})", c, c as u32)));
            }
        }
        if let Some((open, span)) = self.brackets.last() {
            let ls = line_starts[(span.line - 1) as usize];
            return Err(self.error_at(&format!("'{}' was never closed", open), span.line, ls, span.col, span.col + 1));
        }
        let end = self.span_from(self.here());
        out.push(Token { tok: Tok::End, span: end });
        Ok((out, line_starts))
    }

    fn bracket(&mut self, op: &str, span: Span) -> PResult<()> {
        let c = op.chars().next().unwrap();
        match c {
            '(' | '[' | '{' => self.brackets.push((c, span)),
            ')' | ']' | '}' => {
                let want = match c {
                    ')' => '(',
                    ']' => '[',
                    _ => '{',
                };
                match self.brackets.pop() {
                    Some((o, _)) if o == want => {}
                    Some((o, _)) => {
                        let msg = format!("closing parenthesis '{}' does not match opening parenthesis '{}'", c, o);
                        return Err(self.error_at(&msg, span.line, self.line_start, span.col, span.end_col));
                    }
                    None => return Err(self.error_at(&format!("unmatched '{}'", c), span.line, self.line_start, span.col, span.end_col)),
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The length of a string prefix (`r`, `b`, `rb`, `u`, `f`, ...) followed by a quote here.
    fn string_prefix(&self) -> Option<usize> {
        let rest = &self.src[self.pos..];
        for n in 0..=2 {
            let (prefix, tail) = (rest.get(..n)?, &rest[n..]);
            if !(tail.starts_with('\'') || tail.starts_with('"')) {
                continue;
            }
            let p = prefix.to_ascii_lowercase();
            if matches!(p.as_str(), "" | "r" | "u" | "b" | "f" | "br" | "rb" | "fr" | "rf") {
                return Some(n);
            }
            return None;
        }
        None
    }

    fn string(&mut self, prefix_len: usize, line_starts: &mut Vec<usize>) -> PResult<Tok> {
        let (line0, start0) = (self.line, self.line_start);
        let col0 = (self.pos - self.line_start) as u32;
        let prefix = self.src[self.pos..self.pos + prefix_len].to_ascii_lowercase();
        self.pos += prefix_len;
        if prefix.contains('f') {
            return self.fstring(prefix.contains('r'), line_starts, (line0, start0, col0));
        }
        let q = self.peek_char(0).unwrap();
        let triple = self.src[self.pos..].starts_with(&q.to_string().repeat(3));
        self.pos += if triple { 3 } else { 1 };
        let raw = prefix.contains('r');
        let is_bytes = prefix.contains('b');
        let mut text = String::new();
        loop {
            let c = match self.peek_char(0) {
                Some(c) => c,
                None => {
                    let msg = if triple { "unterminated triple-quoted string literal" } else { "unterminated string literal" };
                    let m = format!("{} (detected at line {})", msg, self.line);
                    return Err(self.error_at(&m, line0, start0, col0, col0 + 1));
                }
            };
            if c == q && (!triple || self.src[self.pos..].starts_with(&q.to_string().repeat(3))) {
                self.pos += if triple { 3 } else { 1 };
                break;
            }
            if c == '\n' {
                if !triple {
                    let m = format!("unterminated string literal (detected at line {})", self.line);
                    return Err(self.error_at(&m, line0, start0, col0, col0 + 1));
                }
                self.pos += 1;
                self.newline();
                line_starts.push(self.pos);
                text.push('\n');
                continue;
            }
            self.pos += c.len_utf8();
            if c != '\\' {
                if is_bytes && !c.is_ascii() {
                    return Err(self.error_at("bytes can only contain ASCII literal characters", line0, start0, col0, col0 + 1));
                }
                text.push(c);
                continue;
            }
            let e = match self.peek_char(0) {
                Some(e) => e,
                None => continue,
            };
            if raw {
                text.push('\\');
                if e == q || e == '\\' {
                    text.push(e);
                    self.pos += 1;
                }
                continue;
            }
            self.pos += e.len_utf8();
            match self.escape(e, is_bytes)? {
                Some(ch) => text.push(ch),
                None if e == '\n' => {
                    self.newline();
                    line_starts.push(self.pos);
                }
                None => {
                    text.push('\\');
                    text.push(e);
                }
            }
        }
        if is_bytes {
            // \xhh escapes of bytes above 0x7f were pushed as U+0080..U+00FF
            return Ok(Tok::Bytes(text.chars().map(|c| c as u32 as u8).collect()));
        }
        Ok(Tok::Str(text, prefix == "u"))
    }

    /// An f-string (3.11: the text up to the closing quote, then its replacement fields).
    fn fstring(&mut self, raw: bool, line_starts: &mut Vec<usize>, at: (u32, usize, u32)) -> PResult<Tok> {
        let (line0, start0, col0) = at;
        let q = self.peek_char(0).unwrap();
        let quote3 = q.to_string().repeat(3);
        let triple = self.src[self.pos..].starts_with(&quote3);
        self.pos += if triple { 3 } else { 1 };
        let body_start = self.pos;
        let body_end;
        loop {
            let c = match self.peek_char(0) {
                Some(c) => c,
                None => {
                    let msg = if triple { "unterminated triple-quoted f-string literal" } else { "unterminated f-string literal" };
                    let m = format!("{} (detected at line {})", msg.replace(" f-string", " string"), self.line);
                    return Err(self.error_at(&m, line0, start0, col0, col0 + 1));
                }
            };
            if c == q && (!triple || self.src[self.pos..].starts_with(&quote3)) {
                body_end = self.pos;
                self.pos += if triple { 3 } else { 1 };
                break;
            }
            if c == '\n' && !triple {
                let m = format!("unterminated string literal (detected at line {})", self.line);
                return Err(self.error_at(&m, line0, start0, col0, col0 + 1));
            }
            self.pos += c.len_utf8();
            if c == '\\' {
                if let Some(e) = self.peek_char(0) {
                    self.pos += e.len_utf8();
                    if e == '\n' {
                        self.newline();
                        line_starts.push(self.pos);
                    }
                }
            } else if c == '\n' {
                self.newline();
                line_starts.push(self.pos);
            }
        }
        let body: Vec<char> = self.src[body_start..body_end].chars().collect();
        let (parts, _) = fstring_parts(&body, 0, raw, false).map_err(|m| self.error_at(&m, line0, start0, col0, col0 + 1))?;
        Ok(Tok::FStr(parts))
    }

    /// The character an escape stands for; None for `\` + newline and for unknown escapes
    /// (kept as written, as CPython does).
    fn escape(&mut self, e: char, is_bytes: bool) -> PResult<Option<char>> {
        Ok(Some(match e {
            '\n' => return Ok(None),
            '\\' => '\\',
            '\'' => '\'',
            '"' => '"',
            'a' => '\x07',
            'b' => '\x08',
            'f' => '\x0c',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\x0b',
            '0'..='7' => {
                let mut v = e.to_digit(8).unwrap();
                for _ in 0..2 {
                    match self.peek_char(0).and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            self.pos += 1;
                        }
                        None => break,
                    }
                }
                char::from_u32(if is_bytes { v & 0xff } else { v }).unwrap_or('\u{fffd}')
            }
            'x' => self.hex_escape(2, "\\xXX")?,
            'u' if !is_bytes => self.hex_escape(4, "\\uXXXX")?,
            'U' if !is_bytes => self.hex_escape(8, "\\UXXXXXXXX")?,
            'N' if !is_bytes => return Err(unsupported("a \\N{...} escape").into()),
            _ => return Ok(None),
        }))
    }

    fn hex_escape(&mut self, n: usize, form: &str) -> PResult<char> {
        let digits = self.src[self.pos..].get(..n).filter(|d| d.chars().all(|c| c.is_ascii_hexdigit()));
        match digits {
            Some(d) => {
                let v = u32::from_str_radix(d, 16).unwrap();
                self.pos += n;
                // lone surrogates: the runtime's strings are UTF-8 (README)
                Ok(char::from_u32(v).unwrap_or('\u{fffd}'))
            }
            None => {
                let kind = if form.starts_with("\\x") { "truncated \\xXX escape" } else if n == 4 { "truncated \\uXXXX escape" } else { "truncated \\UXXXXXXXX escape" };
                Err(self.error_here(&format!("(unicode error) 'unicodeescape' codec can't decode bytes: {}", kind)))
            }
        }
    }

    fn number(&mut self) -> PResult<Tok> {
        let s = self.pos;
        let bytes = self.src.as_bytes();
        let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
        if at(s) == b'0' && matches!(at(s + 1), b'x' | b'X' | b'o' | b'O' | b'b' | b'B') {
            self.pos += 2;
            while at(self.pos).is_ascii_alphanumeric() || at(self.pos) == b'_' {
                self.pos += 1;
            }
        } else {
            let digits = |p: &mut usize| {
                while at(*p).is_ascii_digit() || at(*p) == b'_' {
                    *p += 1;
                }
            };
            let mut p = self.pos;
            digits(&mut p);
            if at(p) == b'.' {
                p += 1;
                digits(&mut p);
            }
            if matches!(at(p), b'e' | b'E') && (at(p + 1).is_ascii_digit() || (matches!(at(p + 1), b'+' | b'-') && at(p + 2).is_ascii_digit())) {
                p += 2;
                digits(&mut p);
            }
            if matches!(at(p), b'j' | b'J') {
                p += 1;
            }
            self.pos = p;
        }
        if self.peek_char(0).map_or(false, is_ident_char) {
            return Err(self.error_here("invalid decimal literal"));
        }
        Ok(Tok::Number(self.src[s..self.pos].to_string()))
    }
}

/// The value of a number literal, with CPython's messages for the malformed ones.
fn number_value(text: &str) -> Result<Obj, String> {
    use crate::objects::float::FLOAT_TYPE;
    use crate::objects::int::INT_TYPE;
    let lower = text.to_ascii_lowercase();
    let is_radix = lower.starts_with("0x") || lower.starts_with("0o") || lower.starts_with("0b");
    if !is_radix && lower.ends_with('j') {
        let f = crate::call(&FLOAT_TYPE.obj(), vec![Obj::string(text[..text.len() - 1].to_string())], None).map_err(|_| "invalid imaginary literal".to_string())?;
        let im = crate::objects::float::as_float(&f).unwrap_or(0.0);
        return Ok(crate::objects::complex::new_complex(0.0, im));
    }
    if !is_radix && (lower.contains('.') || lower.contains('e')) {
        return crate::call(&FLOAT_TYPE.obj(), vec![Obj::string(text.to_string())], None).map_err(|_| "invalid decimal literal".to_string());
    }
    match crate::call(&INT_TYPE.obj(), vec![Obj::string(text.to_string()), Obj::int(0)], None) {
        Ok(v) => Ok(v),
        Err(_) if !is_radix && text.len() > 1 && text.starts_with('0') && text.bytes().all(|b| b.is_ascii_digit() || b == b'_') => {
            Err("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers".to_string())
        }
        Err(_) if lower.starts_with("0x") => Err("invalid hexadecimal literal".to_string()),
        Err(_) if lower.starts_with("0o") => Err("invalid octal literal".to_string()),
        Err(_) if lower.starts_with("0b") => Err("invalid binary literal".to_string()),
        Err(_) => Err("invalid decimal literal".to_string()),
    }
}

pub struct Parser {
    toks: Vec<Token>,
    pos: usize,
    src_lines: Vec<String>,
}

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except",
    "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
    "while", "with", "yield",
];

/// Parses `src` as `eval` input: one expression list, then only newlines.
pub fn parse_eval(src: &str) -> PResult<Expr> {
    let mut p = Parser::new(src)?;
    let e = p.star_expressions()?;
    while p.peek() == &Tok::Newline {
        p.pos += 1;
    }
    if p.peek() != &Tok::End {
        return Err(p.error("invalid syntax"));
    }
    Ok(e)
}

/// Parses `src` as `exec` input made only of expression statements; None if it has anything
/// else (a statement the parser does not know).
pub fn parse_expression_statements(src: &str) -> PResult<Option<Vec<Expr>>> {
    let mut p = Parser::new(src)?;
    let mut out = Vec::new();
    let mut line_start = true;
    loop {
        while p.peek() == &Tok::Newline || p.peek() == &Tok::Op(";") {
            line_start = p.peek() == &Tok::Newline;
            p.pos += 1;
        }
        if p.peek() == &Tok::End {
            return Ok(Some(out));
        }
        if line_start && p.span().col != 0 {
            return Ok(None); // indented: a block, not an expression statement
        }
        line_start = false;
        match p.star_expressions() {
            Ok(e) => out.push(e),
            Err(_) => return Ok(None),
        }
        if !matches!(p.peek(), Tok::Newline | Tok::End | Tok::Op(";")) {
            return Ok(None);
        }
    }
}

impl Parser {
    fn new(src: &str) -> PResult<Parser> {
        let lexer = Lexer { src, pos: 0, line: 1, line_start: 0, brackets: Vec::new() };
        let (toks, _) = lexer.tokens()?;
        Ok(Parser { toks, pos: 0, src_lines: src.split_inclusive('\n').map(str::to_string).collect() })
    }
    /// The current token (the last one, End, once past the end).
    fn current(&self) -> &Token {
        &self.toks[self.pos.min(self.toks.len() - 1)]
    }
    fn peek(&self) -> &Tok {
        &self.current().tok
    }
    fn peek_at(&self, n: usize) -> &Tok {
        &self.toks[(self.pos + n).min(self.toks.len() - 1)].tok
    }
    fn span(&self) -> Span {
        self.current().span
    }
    fn prev_span(&self) -> Span {
        self.toks[self.pos.saturating_sub(1).min(self.toks.len() - 1)].span
    }
    fn advance(&mut self) -> Token {
        let t = Token { tok: self.peek().clone(), span: self.span() };
        self.pos += 1;
        t
    }
    fn is_op(&self, op: &str) -> bool {
        matches!(self.peek(), Tok::Op(o) if *o == op)
    }
    fn is_kw(&self, kw: &str) -> bool {
        matches!(self.peek(), Tok::Name(n) if n == kw)
    }
    fn eat_op(&mut self, op: &str) -> bool {
        if self.is_op(op) {
            self.advance();
            return true;
        }
        false
    }
    fn eat_kw(&mut self, kw: &str) -> bool {
        if self.is_kw(kw) {
            self.advance();
            return true;
        }
        false
    }
    fn expect_op(&mut self, op: &str) -> PResult<()> {
        if self.eat_op(op) {
            Ok(())
        } else {
            Err(self.error("invalid syntax"))
        }
    }
    /// A SyntaxError at the current token.
    fn error(&self, msg: &str) -> ParseError {
        let sp = self.span();
        if self.peek() == &Tok::End && !self.src_lines.last().map_or(false, |l| l.ends_with('\n')) {
            // CPython reports an error at the end of text without a final newline at offset 0
            // (line 0 for empty text)
            let line = if self.src_lines.is_empty() { 0 } else { sp.line };
            let text = self.src_lines.last().cloned().unwrap_or_default();
            return ParseError::Syntax(SyntaxErr { msg: msg.to_string(), line, offset: 0, end_offset: 0, text, indent: false });
        }
        let text = self.src_lines.get((sp.line.max(1) - 1) as usize).cloned().unwrap_or_default();
        let chars = |c: u32| text.get(..c as usize).map(|s| s.chars().count() as u32).unwrap_or(c) + 1;
        let end = if sp.end_line == sp.line && sp.end_col > sp.col { sp.end_col } else { sp.col + 1 };
        ParseError::Syntax(SyntaxErr { msg: msg.to_string(), line: sp.line.max(1), offset: chars(sp.col), end_offset: chars(end), text, indent: false })
    }
    /// A SyntaxError with one caret, at the start of the current token.
    fn error_point(&self, msg: &str) -> ParseError {
        match self.error(msg) {
            ParseError::Syntax(mut e) => {
                e.end_offset = e.offset + 1;
                ParseError::Syntax(e)
            }
            other => other,
        }
    }
    fn node(kind: Kind, span: Span) -> Expr {
        Expr { kind, span }
    }

    /// star_expressions: an expression, or a tuple when a comma follows.
    fn star_expressions(&mut self) -> PResult<Expr> {
        self.items_or_tuple(Parser::star_expression)
    }

    /// One `item`, or the tuple of `item`s when commas follow (a trailing comma allowed).
    fn items_or_tuple(&mut self, item: fn(&mut Parser) -> PResult<Expr>) -> PResult<Expr> {
        let first = item(self)?;
        if !self.is_op(",") {
            return Ok(first);
        }
        let start = first.span;
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.at_expression_end() {
                break;
            }
            items.push(item(self)?);
        }
        let span = start.to(self.prev_span());
        Ok(Self::node(Kind::Tuple(items), span))
    }

    fn at_expression_end(&self) -> bool {
        matches!(self.peek(), Tok::End | Tok::Newline | Tok::Op(")") | Tok::Op("]") | Tok::Op("}") | Tok::Op(";") | Tok::Op("="))
    }

    fn star_expression(&mut self) -> PResult<Expr> {
        if self.is_op("*") {
            let start = self.advance().span;
            let value = self.bitor()?;
            let span = start.to(value.span);
            return Ok(Self::node(Kind::Starred(Box::new(value)), span));
        }
        self.expression()
    }

    /// expression: lambda | disjunction ['if' disjunction 'else' expression]
    fn expression(&mut self) -> PResult<Expr> {
        if self.is_kw("lambda") {
            return self.lambda();
        }
        let body = self.disjunction()?;
        if self.is_op(":=") {
            return Err(unsupported("assignment expressions (:=)").into());
        }
        if !self.eat_kw("if") {
            return Ok(body);
        }
        let test = self.disjunction()?;
        if !self.eat_kw("else") {
            return Err(self.error("expected 'else' after 'if' expression"));
        }
        let orelse = self.expression()?;
        let span = body.span.to(orelse.span);
        Ok(Self::node(Kind::IfExp(Box::new(test), Box::new(body), Box::new(orelse)), span))
    }

    fn bool_chain(&mut self, kw: &str, is_and: bool, next: fn(&mut Parser) -> PResult<Expr>) -> PResult<Expr> {
        let first = next(self)?;
        if !self.is_kw(kw) {
            return Ok(first);
        }
        let mut values = vec![first];
        while self.eat_kw(kw) {
            values.push(next(self)?);
        }
        let span = values[0].span.to(values.last().unwrap().span);
        Ok(Self::node(Kind::BoolOp(is_and, values), span))
    }
    fn disjunction(&mut self) -> PResult<Expr> {
        self.bool_chain("or", false, Parser::conjunction)
    }
    fn conjunction(&mut self) -> PResult<Expr> {
        self.bool_chain("and", true, Parser::inversion)
    }
    fn inversion(&mut self) -> PResult<Expr> {
        if self.is_kw("not") {
            let start = self.advance().span;
            let operand = self.inversion()?;
            let span = start.to(operand.span);
            return Ok(Self::node(Kind::Unary(UnOp::Not, Box::new(operand)), span));
        }
        self.comparison()
    }

    fn comparison_op(&mut self) -> Option<Cmp> {
        let next_is = |p: &Parser, kw: &str| matches!(p.peek_at(1), Tok::Name(n) if n == kw);
        let (op, width) = match self.peek() {
            Tok::Op("<") => (Cmp::Rich(CmpOp::Lt), 1),
            Tok::Op("<=") => (Cmp::Rich(CmpOp::Le), 1),
            Tok::Op("==") => (Cmp::Rich(CmpOp::Eq), 1),
            Tok::Op("!=") => (Cmp::Rich(CmpOp::Ne), 1),
            Tok::Op(">") => (Cmp::Rich(CmpOp::Gt), 1),
            Tok::Op(">=") => (Cmp::Rich(CmpOp::Ge), 1),
            Tok::Name(n) if n == "in" => (Cmp::In, 1),
            Tok::Name(n) if n == "not" && next_is(self, "in") => (Cmp::NotIn, 2),
            Tok::Name(n) if n == "is" && next_is(self, "not") => (Cmp::IsNot, 2),
            Tok::Name(n) if n == "is" => (Cmp::Is, 1),
            _ => return None,
        };
        for _ in 0..width {
            self.advance();
        }
        Some(op)
    }

    fn comparison(&mut self) -> PResult<Expr> {
        let left = self.bitor()?;
        let mut rest = Vec::new();
        while let Some(op) = self.comparison_op() {
            rest.push((op, self.bitor()?));
        }
        if rest.is_empty() {
            return Ok(left);
        }
        let span = left.span.to(rest.last().unwrap().1.span);
        Ok(Self::node(Kind::Compare(Box::new(left), rest), span))
    }

    /// One left-associative level of binary operators.
    fn binary_level(&mut self, ops: &[(&str, BinOp)], next: fn(&mut Parser) -> PResult<Expr>) -> PResult<Expr> {
        let mut left = next(self)?;
        loop {
            let op = match ops.iter().find(|(s, _)| self.is_op(s)) {
                Some((_, op)) => *op,
                None => return Ok(left),
            };
            self.advance();
            let right = next(self)?;
            let span = left.span.to(right.span);
            left = Self::node(Kind::BinOp(Box::new(left), op, Box::new(right)), span);
        }
    }
    fn bitor(&mut self) -> PResult<Expr> {
        self.binary_level(&[("|", BinOp::Or)], Parser::bitxor)
    }
    fn bitxor(&mut self) -> PResult<Expr> {
        self.binary_level(&[("^", BinOp::Xor)], Parser::bitand)
    }
    fn bitand(&mut self) -> PResult<Expr> {
        self.binary_level(&[("&", BinOp::And)], Parser::shift)
    }
    fn shift(&mut self) -> PResult<Expr> {
        self.binary_level(&[("<<", BinOp::LShift), (">>", BinOp::RShift)], Parser::sum)
    }
    fn sum(&mut self) -> PResult<Expr> {
        self.binary_level(&[("+", BinOp::Add), ("-", BinOp::Sub)], Parser::term)
    }
    fn term(&mut self) -> PResult<Expr> {
        let ops = [("*", BinOp::Mul), ("//", BinOp::FloorDiv), ("/", BinOp::TrueDiv), ("%", BinOp::Mod), ("@", BinOp::MatMul)];
        self.binary_level(&ops, Parser::factor)
    }
    fn factor(&mut self) -> PResult<Expr> {
        let op = match self.peek() {
            Tok::Op("+") => UnOp::Pos,
            Tok::Op("-") => UnOp::Neg,
            Tok::Op("~") => UnOp::Invert,
            _ => return self.power(),
        };
        let start = self.advance().span;
        let operand = self.factor()?;
        let span = start.to(operand.span);
        Ok(Self::node(Kind::Unary(op, Box::new(operand)), span))
    }
    fn power(&mut self) -> PResult<Expr> {
        if self.is_kw("await") {
            return Err(unsupported("await").into());
        }
        let base = self.primary()?;
        if !self.eat_op("**") {
            return Ok(base);
        }
        let exp = self.factor()?;
        let span = base.span.to(exp.span);
        Ok(Self::node(Kind::BinOp(Box::new(base), BinOp::Pow, Box::new(exp)), span))
    }

    fn primary(&mut self) -> PResult<Expr> {
        let mut e = self.atom()?;
        loop {
            if self.eat_op(".") {
                let name = match self.advance().tok {
                    Tok::Name(n) if !KEYWORDS.contains(&n.as_str()) => n,
                    _ => {
                        self.pos -= 1;
                        return Err(self.error("invalid syntax"));
                    }
                };
                let span = e.span.to(self.prev_span());
                e = Self::node(Kind::Attr(Box::new(e), name), span);
            } else if self.eat_op("[") {
                let index = self.slices()?;
                self.expect_op("]")?;
                let span = e.span.to(self.prev_span());
                e = Self::node(Kind::Subscript(Box::new(e), Box::new(index)), span);
            } else if self.eat_op("(") {
                let (args, keywords) = self.call_args()?;
                let span = e.span.to(self.prev_span());
                e = Self::node(Kind::Call(Box::new(e), args, keywords), span);
            } else {
                return Ok(e);
            }
        }
    }

    /// The inside of `x[...]`: one slice or expression, or a tuple of them.
    fn slices(&mut self) -> PResult<Expr> {
        self.items_or_tuple(Parser::slice)
    }

    fn slice(&mut self) -> PResult<Expr> {
        let start = self.span();
        let lower = if self.is_op(":") {
            None
        } else {
            let e = self.star_expression()?;
            if !self.is_op(":") {
                return Ok(e);
            }
            Some(Box::new(e))
        };
        self.expect_op(":")?;
        let bound = |p: &mut Parser| -> PResult<Option<Box<Expr>>> {
            if p.is_op(":") || p.is_op(",") || p.is_op("]") {
                Ok(None)
            } else {
                Ok(Some(Box::new(p.expression()?)))
            }
        };
        let upper = bound(self)?;
        let step = if self.eat_op(":") { bound(self)? } else { None };
        let span = start.to(self.prev_span());
        Ok(Self::node(Kind::Slice(lower, upper, step), span))
    }

    fn call_args(&mut self) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        let (mut args, mut keywords) = (Vec::new(), Vec::new());
        while !self.eat_op(")") {
            let start = self.span();
            if self.eat_op("**") {
                let value = self.expression()?;
                keywords.push(Keyword { arg: None, span: start.to(value.span), value });
            } else if let (Tok::Name(k), Tok::Op("=")) = (self.peek().clone(), self.peek_at(1).clone()) {
                self.pos += 2;
                let value = self.expression()?;
                keywords.push(Keyword { arg: Some(k), span: start.to(value.span), value });
            } else {
                let e = self.star_expression()?;
                if self.is_kw("for") || self.is_kw("async") {
                    return Err(unsupported("generator expressions").into());
                }
                if !keywords.is_empty() && !matches!(e.kind, Kind::Starred(_)) {
                    let kw_unpack = keywords.iter().any(|k| k.arg.is_none());
                    let msg = if kw_unpack { "positional argument follows keyword argument unpacking" } else { "positional argument follows keyword argument" };
                    return Err(self.error(msg));
                }
                args.push(e);
            }
            if !self.eat_op(",") {
                self.expect_op(")")?;
                break;
            }
        }
        Ok((args, keywords))
    }

    fn lambda(&mut self) -> PResult<Expr> {
        let start = self.advance().span;
        let (mut params, mut defaults) = (Vec::new(), Vec::new());
        while !self.eat_op(":") {
            let t = self.advance();
            match t.tok {
                Tok::Name(p) if !KEYWORDS.contains(&p.as_str()) => params.push((p, t.span)),
                Tok::Op("*") | Tok::Op("**") | Tok::Op("/") => return Err(unsupported("a lambda with *, ** or / parameters").into()),
                _ => {
                    self.pos -= 1;
                    return Err(self.error("invalid syntax"));
                }
            }
            if self.eat_op("=") {
                defaults.push(self.expression()?);
            } else if !defaults.is_empty() {
                self.pos -= 1;
                return Err(self.error(non_default_after_default()));
            }
            if !self.eat_op(",") {
                self.expect_op(":")?;
                break;
            }
        }
        let body = self.expression()?;
        let span = start.to(body.span);
        Ok(Self::node(Kind::Lambda(Rc::new(Lambda { params, defaults, body, code: Cell::new(None) })), span))
    }

    fn constant(&self, value: Obj, span: Span) -> Expr {
        Self::node(Kind::Const(value, false), span)
    }

    fn atom(&mut self) -> PResult<Expr> {
        let t = self.advance();
        let span = t.span;
        Ok(match t.tok {
            Tok::Name(n) => match n.as_str() {
                "None" => self.constant(Obj::none(), span),
                "True" => self.constant(Obj::bool(true), span),
                "False" => self.constant(Obj::bool(false), span),
                "..." => self.constant(Obj::ellipsis(), span),
                "yield" => return Err(unsupported("yield").into()),
                _ if KEYWORDS.contains(&n.as_str()) => {
                    self.pos -= 1;
                    return Err(self.error("invalid syntax"));
                }
                _ => Self::node(Kind::Name(n), span),
            },
            Tok::Number(text) => match number_value(&text) {
                Ok(v) => self.constant(v, span),
                Err(msg) => {
                    self.pos -= 1;
                    return Err(self.error_point(&msg));
                }
            },
            Tok::Str(s, u) => self.strings(vec![FPart::Lit(s)], u, span)?,
            Tok::FStr(parts) => self.strings(parts, false, span)?,
            Tok::Bytes(b) => self.bytes_concat(b, span)?,
            Tok::Op("(") => self.parenthesised(span)?,
            Tok::Op("[") => {
                let items = self.display_items("]")?;
                Self::node(Kind::List(items), span.to(self.prev_span()))
            }
            Tok::Op("{") => self.braces(span)?,
            _ => {
                self.pos -= 1;
                return Err(self.error("invalid syntax"));
            }
        })
    }

    /// Adjacent string literals are one constant (`kind` from the first), or one f-string.
    fn strings(&mut self, mut parts: Vec<FPart>, u: bool, span: Span) -> PResult<Expr> {
        let mut end = span;
        loop {
            match self.peek().clone() {
                Tok::Str(t, _) => {
                    parts.push(FPart::Lit(t));
                    end = self.advance().span;
                }
                Tok::FStr(p) => {
                    parts.extend(p);
                    end = self.advance().span;
                }
                Tok::Bytes(_) => return Err(self.error("cannot mix bytes and nonbytes literals")),
                _ => break,
            }
        }
        let span = span.to(end);
        if parts.iter().all(|p| matches!(p, FPart::Lit(_))) {
            let mut s = String::new();
            for p in parts {
                if let FPart::Lit(t) = p {
                    s.push_str(&t);
                }
            }
            return Ok(Self::node(Kind::Const(Obj::string(s), u), span));
        }
        Ok(Self::node(Kind::JoinedStr(self.fstring_values(parts, span)?), span))
    }

    /// The values of a JoinedStr: adjacent literal text merged, each field parsed.
    fn fstring_values(&self, parts: Vec<FPart>, span: Span) -> PResult<Vec<Expr>> {
        let mut values = Vec::new();
        let mut text = String::new();
        for p in parts {
            match p {
                FPart::Lit(t) => text.push_str(&t),
                FPart::Field(src, conv, spec, debug) => {
                    if let Some(d) = debug {
                        text.push_str(&d);
                    }
                    if !text.is_empty() {
                        values.push(Self::node(Kind::Const(Obj::string(std::mem::take(&mut text)), false), span));
                    }
                    let mut inner = Parser::new(&format!("({})", src))?;
                    let mut value = inner.star_expressions()?;
                    if inner.peek() != &Tok::End {
                        return Err(self.error("f-string: invalid syntax"));
                    }
                    value.span = span;
                    let spec = match spec {
                        Some(sp) => Some(Box::new(Self::node(Kind::JoinedStr(self.fstring_values(sp, span)?), span))),
                        None => None,
                    };
                    values.push(Self::node(Kind::Formatted(Box::new(value), conv, spec), span));
                }
            }
        }
        if !text.is_empty() {
            values.push(Self::node(Kind::Const(Obj::string(text), false), span));
        }
        Ok(values)
    }

    fn bytes_concat(&mut self, mut b: Vec<u8>, span: Span) -> PResult<Expr> {
        let mut end = span;
        loop {
            match self.peek().clone() {
                Tok::Bytes(t) => {
                    b.extend_from_slice(&t);
                    end = self.advance().span;
                }
                Tok::Str(..) | Tok::FStr(_) => return Err(self.error("cannot mix bytes and nonbytes literals")),
                _ => break,
            }
        }
        Ok(self.constant(Obj::bytes(&b), span.to(end)))
    }

    /// `( ... )`: the empty tuple, a parenthesised expression or a tuple.
    fn parenthesised(&mut self, start: Span) -> PResult<Expr> {
        if self.eat_op(")") {
            return Ok(Self::node(Kind::Tuple(Vec::new()), start.to(self.prev_span())));
        }
        if self.is_kw("yield") {
            return Err(unsupported("yield").into());
        }
        let first = self.star_expression()?;
        if self.is_kw("for") || self.is_kw("async") {
            return Err(unsupported("generator expressions").into());
        }
        if self.eat_op(")") {
            if matches!(first.kind, Kind::Starred(_)) {
                return Err(self.error("cannot use starred expression here"));
            }
            // a parenthesised expression keeps its own position (CPython's AST does)
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.is_op(")") {
                break;
            }
            items.push(self.star_expression()?);
        }
        self.expect_op(")")?;
        Ok(Self::node(Kind::Tuple(items), start.to(self.prev_span())))
    }

    /// Comma-separated (starred) expressions up to `close`, which is consumed.
    fn display_items(&mut self, close: &str) -> PResult<Vec<Expr>> {
        let mut items = Vec::new();
        while !self.eat_op(close) {
            items.push(self.star_expression()?);
            if self.is_kw("for") || self.is_kw("async") {
                return Err(unsupported("comprehensions").into());
            }
            if !self.eat_op(",") {
                self.expect_op(close)?;
                break;
            }
        }
        Ok(items)
    }

    /// `{}`: a dict (`{}`, `{k: v, **m}`) or a set (`{a, *b}`).
    fn braces(&mut self, start: Span) -> PResult<Expr> {
        if self.eat_op("}") {
            return Ok(Self::node(Kind::Dict(Vec::new()), start.to(self.prev_span())));
        }
        let first_is_dict = self.is_op("**") || {
            let save = self.pos;
            let e = self.star_expression();
            let is_dict = e.is_ok() && self.is_op(":");
            self.pos = save;
            is_dict
        };
        if !first_is_dict {
            let items = self.display_items("}")?;
            return Ok(Self::node(Kind::Set(items), start.to(self.prev_span())));
        }
        let mut entries = Vec::new();
        while !self.eat_op("}") {
            if self.eat_op("**") {
                entries.push((None, self.bitor()?));
            } else {
                let k = self.expression()?;
                self.expect_op(":")?;
                entries.push((Some(k), self.expression()?));
            }
            if self.is_kw("for") || self.is_kw("async") {
                return Err(unsupported("comprehensions").into());
            }
            if !self.eat_op(",") {
                self.expect_op("}")?;
                break;
            }
        }
        Ok(Self::node(Kind::Dict(entries), start.to(self.prev_span())))
    }
}

/// An f-string conversion that is not !s, !r or !a, worded as the bytecode's version words it.
fn bad_conversion(c: Option<char>) -> String {
    if crate::modules::sys::python_minor() < 12 {
        return "f-string: invalid conversion character: expected 's', 'r', or 'a'".to_string();
    }
    match c {
        None | Some(':') | Some('}') => "f-string: missing conversion character".to_string(),
        Some(c) => format!("f-string: invalid conversion character '{}': expected 's', 'r', or 'a'", c),
    }
}

/// A parameter without a default after one with a default (3.12 reworded it).
pub fn non_default_after_default() -> &'static str {
    if crate::modules::sys::python_minor() >= 12 {
        "parameter without a default follows parameter with a default"
    } else {
        "non-default argument follows default argument"
    }
}
