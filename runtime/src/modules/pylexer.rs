//! The Python lexer behind `_tokenize.TokenizerIter` (ctokenize.rs): CPython 3.12+'s C
//! tokenizer in the mode the `tokenize` module runs it (`extra_tokens=True`): comments and
//! non-logical newlines are tokens, every operator is OP, f-strings (and 3.14's t-strings) are
//! split into START / MIDDLE / END around their replacement fields, and the literal checks
//! the parser would make (number suffixes, bracket matching) are left out as CPython leaves
//! them out. Positions are (line, column in characters); `line` is the physical line a token
//! ends on (every line a string literal spans), as CPython reports them.
//!
//! Pure Rust with no runtime types: lines come from a closure (the caller's `readline`), errors
//! carry what the caller needs to raise CPython's SyntaxError / IndentationError / TabError.
//! Checked token for token against the real interpreters (tests/programs_versions).

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    EndMarker,
    Name,
    Number,
    Str,
    Newline,
    Indent,
    Dedent,
    Op,
    Comment,
    Nl,
    FStart,
    FMiddle,
    FEnd,
    TStart,
    TMiddle,
    TEnd,
}

pub struct Token {
    pub kind: Kind,
    pub text: String,
    pub start: (usize, usize),
    pub end: (usize, usize),
    pub line: String,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ErrKind {
    Syntax,
    Indentation,
    Tab,
}

pub enum LexError<E> {
    /// the readline callable raised
    Read(E),
    /// `kind` with `msg` at (lineno, offset); `text` is the offending line for the
    /// indentation errors (CPython passes it; None for SyntaxError here)
    Lex { kind: ErrKind, msg: String, lineno: usize, offset: usize, text: Option<String> },
}

/// Lexer options that differ by CPython version.
#[derive(Clone, Copy)]
pub struct Dialect {
    /// 3.14: t-strings, and 'u'/'r' or 'b'/'f' prefixes together are an error
    pub minor: u32,
}

struct Field {
    /// bracket level just after this replacement field's '{'
    level: usize,
    in_spec: bool,
}

struct FStr {
    quote: char,
    triple: bool,
    raw: bool,
    template: bool,
    start: (usize, usize),
    fields: Vec<Field>,
    /// a MIDDLE just stopped at a brace: the brace itself is the next token
    stopped_at_brace: bool,
    /// a doubled brace's second character, to be skipped before the next MIDDLE
    skip_brace: bool,
}

pub struct Lexer<F> {
    readline: F,
    dialect: Dialect,
    lines: Vec<Vec<char>>,
    /// current position: line index into `lines`, column in characters
    li: usize,
    ci: usize,
    eof: bool,
    implicit_newline: bool,
    atbol: bool,
    blankline: bool,
    level: usize,
    indents: Vec<usize>,
    altindents: Vec<usize>,
    pending: std::collections::VecDeque<Token>,
    fstack: Vec<FStr>,
    done: bool,
    last_lineno: usize,
    last_line: String,
    last_empty_middle: Option<(usize, usize)>,
    pub warnings: Vec<(char, usize)>,
}

type Res<T, E> = Result<T, LexError<E>>;

fn is_ident_start(c: char) -> bool {
    c == '_' || c.is_ascii_alphabetic() || c as u32 >= 128
}

fn is_ident_char(c: char) -> bool {
    is_ident_start(c) || c.is_ascii_digit()
}

/// the string prefix letters 3.14 names as incompatible, in the order its message names them
const CLASHES: [(char, char); 7] = [('u', 'r'), ('b', 'f'), ('u', 'b'), ('u', 'f'), ('u', 't'), ('b', 't'), ('f', 't')];

const THREE: [&str; 5] = ["**=", "...", "//=", "<<=", ">>="];
const TWO: [&str; 20] = [
    "!=", "%=", "&=", "**", "*=", "+=", "-=", "->", "//", "/=", ":=", "<<", "<=", "<>", "==", ">=", ">>",
    "@=", "^=", "|=",
];

impl<E, F: FnMut() -> Result<Option<String>, E>> Lexer<F> {
    pub fn new(readline: F, dialect: Dialect) -> Self {
        Lexer {
            readline,
            dialect,
            lines: Vec::new(),
            li: 0,
            ci: 0,
            eof: false,
            implicit_newline: false,
            atbol: true,
            blankline: false,
            level: 0,
            indents: vec![0],
            altindents: vec![0],
            pending: std::collections::VecDeque::new(),
            fstack: Vec::new(),
            done: false,
            last_lineno: 0,
            last_line: String::new(),
            last_empty_middle: None,
            warnings: Vec::new(),
        }
    }

    // ---- reading -------------------------------------------------------------------------

    fn read_line(&mut self) -> Res<bool, E> {
        if self.eof {
            return Ok(false);
        }
        let line = (self.readline)().map_err(LexError::Read)?;
        match line {
            Some(s) if !s.is_empty() => {
                let mut v: Vec<char> = s.chars().collect();
                if v.last() != Some(&'\n') {
                    v.push('\n');
                    self.implicit_newline = true;
                }
                self.lines.push(v);
                Ok(true)
            }
            _ => {
                self.eof = true;
                Ok(false)
            }
        }
    }

    /// the character at the current position, reading the next line when the current one is
    /// used up; None at the end of input
    fn cur(&mut self) -> Res<Option<char>, E> {
        loop {
            if let Some(line) = self.lines.get(self.li) {
                if self.ci < line.len() {
                    return Ok(Some(line[self.ci]));
                }
                if self.li + 1 < self.lines.len() {
                    self.li += 1;
                    self.ci = 0;
                    continue;
                }
            }
            if !self.read_line()? {
                return Ok(None);
            }
            self.li = self.lines.len() - 1;
            self.ci = 0;
        }
    }

    /// the character `k` places after the current one on the current line
    fn peek(&self, k: usize) -> Option<char> {
        self.lines.get(self.li).and_then(|l| l.get(self.ci + k)).copied()
    }

    fn bump(&mut self) -> Res<Option<char>, E> {
        let c = self.cur()?;
        if c.is_some() {
            self.ci += 1;
        }
        Ok(c)
    }

    fn pos(&self) -> (usize, usize) {
        (self.li, self.ci)
    }

    fn line_text(&self, from: usize) -> String {
        let mut s = String::new();
        for l in &self.lines[from..=self.li.min(self.lines.len() - 1)] {
            s.extend(l.iter());
        }
        if self.implicit_newline && s.ends_with('\n') && self.li + 1 >= self.lines.len() {
            s.pop();
        }
        s
    }

    fn slice(&self, start: (usize, usize), end: (usize, usize)) -> String {
        let mut s = String::new();
        for li in start.0..=end.0 {
            let l = &self.lines[li];
            let a = if li == start.0 { start.1 } else { 0 };
            let b = if li == end.0 { end.1 } else { l.len() };
            s.extend(l[a..b].iter());
        }
        s
    }

    fn err(&self, kind: ErrKind, msg: String, lineno: usize, offset: usize) -> LexError<E> {
        let text = self.lines.get(lineno.wrapping_sub(1)).map(|l| {
            let mut s: String = l.iter().collect();
            while s.ends_with('\n') || s.ends_with('\r') {
                s.pop();
            }
            s
        });
        LexError::Lex { kind, msg, lineno, offset, text }
    }

    fn syntax(&self, msg: &str, at: (usize, usize)) -> LexError<E> {
        self.err(ErrKind::Syntax, msg.to_string(), at.0 + 1, at.1)
    }

    // ---- tokens --------------------------------------------------------------------------

    fn make(&mut self, kind: Kind, start: (usize, usize), end: (usize, usize), text: String) -> Token {
        let string_lit = matches!(kind, Kind::Str | Kind::FMiddle | Kind::TMiddle);
        let lineno = if string_lit { start.0 + 1 } else { self.li + 1 };
        // CPython caches the line by the tokenizer's current line against the previous
        // token's first line: a token after a multi-line one recomputes it
        if self.li + 1 != self.last_lineno {
            self.last_line = self.line_text(if string_lit { start.0 } else { self.li });
        }
        self.last_lineno = lineno;
        let start_col = if string_lit || start.0 == self.li { start.1 } else { 0 };
        Token { kind, text, start: (lineno, start_col), end: (end.0 + 1, end.1), line: self.last_line.clone() }
    }

    fn trailing(&mut self, kind: Kind) -> Token {
        let n = self.lines.len() + 1;
        self.last_lineno = n;
        self.last_line = String::new();
        Token { kind, text: String::new(), start: (n, 0), end: (n, 0), line: String::new() }
    }

    pub fn next_token(&mut self) -> Res<Option<Token>, E> {
        if self.done {
            return Ok(None);
        }
        loop {
            if let Some(t) = self.pending.pop_front() {
                return Ok(Some(t));
            }
            if let Some(f) = self.fstack.last() {
                let literal = match f.fields.last() {
                    None => true,
                    Some(field) => field.in_spec && self.level == field.level,
                };
                if literal {
                    return self.fstring_part().map(Some);
                }
            }
            if self.atbol {
                self.atbol = false;
                self.line_start()?;
                continue;
            }
            let t = self.normal()?;
            if t.kind == Kind::EndMarker {
                self.done = true;
            }
            return Ok(Some(t));
        }
    }

    /// indentation at the start of a logical line: INDENT / DEDENT tokens into `pending`
    fn line_start(&mut self) -> Res<(), E> {
        let (mut col, mut altcol) = (0usize, 0usize);
        let mut cont_col: Option<usize> = None;
        loop {
            match self.cur()? {
                Some(' ') => {
                    col += 1;
                    altcol += 1;
                }
                Some('\t') => {
                    col = (col / 8 + 1) * 8;
                    altcol += 1;
                }
                Some('\x0c') => {
                    col = 0;
                    altcol = 0;
                }
                Some('\\') if matches!(self.peek(1), Some('\n')) || (self.peek(1) == Some('\r') && self.peek(2) == Some('\n')) => {
                    // the first backslash's column decides, but a column of 0 counts as none yet
                    if cont_col.unwrap_or(0) == 0 {
                        cont_col = Some(col);
                    }
                    self.ci = self.lines[self.li].len();
                    if self.cur()?.is_none() {
                        return Err(self.eof_after_continuation());
                    }
                    continue;
                }
                _ => break,
            }
            self.ci += 1;
        }
        if let Some(c) = cont_col.filter(|&c| c > 0) {
            col = c;
            altcol = c;
        }
        let c = self.cur()?;
        self.blankline = matches!(c, Some('#') | Some('\n') | Some('\r'));
        if self.blankline || self.level > 0 {
            return Ok(());
        }
        let at_eof = c.is_none();
        let top = *self.indents.last().unwrap();
        let alttop = *self.altindents.last().unwrap();
        if col == top {
            if altcol != alttop {
                return Err(self.tab_error());
            }
        } else if col > top {
            if altcol <= alttop {
                return Err(self.tab_error());
            }
            self.indents.push(col);
            self.altindents.push(altcol);
            let start = (self.li, 0);
            let end = self.pos();
            let text = self.slice(start, end);
            let t = self.make(Kind::Indent, start, end, text);
            self.pending.push_back(t);
        } else {
            while self.indents.len() > 1 && col < *self.indents.last().unwrap() {
                self.indents.pop();
                self.altindents.pop();
                let t = if at_eof {
                    self.trailing(Kind::Dedent)
                } else {
                    let p = self.pos();
                    self.make(Kind::Dedent, p, p, String::new())
                };
                self.pending.push_back(t);
            }
            if col != *self.indents.last().unwrap() {
                let n = self.lines[self.li].len();
                return Err(self.err(
                    ErrKind::Indentation,
                    "unindent does not match any outer indentation level".into(),
                    self.li + 1,
                    n,
                ));
            }
            if altcol != *self.altindents.last().unwrap() {
                return Err(self.tab_error());
            }
        }
        Ok(())
    }

    fn tab_error(&self) -> LexError<E> {
        let n = self.lines[self.li].len();
        self.err(ErrKind::Tab, "inconsistent use of tabs and spaces in indentation".into(), self.li + 1, n)
    }

    fn in_fstring_expr(&self) -> Option<usize> {
        self.fstack.last().and_then(|f| f.fields.last()).map(|field| field.level)
    }

    fn normal(&mut self) -> Res<Token, E> {
        loop {
            while let Some(' ') | Some('\t') | Some('\x0c') = self.cur()? {
                self.ci += 1;
            }
            let start = self.pos();
            let c = match self.cur()? {
                None => return self.at_eof(),
                Some(c) => c,
            };
            if c == '#' {
                let line = &self.lines[self.li];
                let mut end = self.ci;
                while end < line.len() && line[end] != '\n' && !(line[end] == '\r' && line.get(end + 1) == Some(&'\n')) {
                    end += 1;
                }
                self.ci = end;
                let text = self.slice(start, (self.li, end));
                return Ok(self.make(Kind::Comment, start, (self.li, end), text));
            }
            if c == '\n' || (c == '\r' && self.peek(1) == Some('\n')) {
                let width = if c == '\r' { 2 } else { 1 };
                self.ci += width;
                let nl = self.blankline || self.level > 0;
                self.blankline = false;
                self.atbol = true;
                let last = self.li + 1 == self.lines.len() && self.implicit_newline;
                let text = if last { String::new() } else if c == '\r' { "\r\n".into() } else { "\n".into() };
                let end = self.pos();
                return Ok(self.make(if nl { Kind::Nl } else { Kind::Newline }, start, end, text));
            }
            if c == '\\' {
                let next = self.peek(1);
                if next == Some('\n') || (next == Some('\r') && self.peek(2) == Some('\n')) {
                    self.ci = self.lines[self.li].len();
                    if self.cur()?.is_none() {
                        return Err(self.eof_after_continuation());
                    }
                    continue;
                }
                let n = self.lines[self.li].len();
                return Err(self.syntax("unexpected character after line continuation character", (self.li, n)));
            }
            if is_ident_start(c) {
                return self.name_or_string(start);
            }
            if c.is_ascii_digit() || (c == '.' && self.peek(1).map_or(false, |d| d.is_ascii_digit())) {
                return self.number(start);
            }
            if c == '\'' || c == '"' {
                return self.string(start);
            }
            return self.operator(start, c);
        }
    }

    fn eof_after_continuation(&self) -> LexError<E> {
        let n = self.lines.last().map_or(0, |l| l.len());
        self.err(ErrKind::Syntax, "unexpected EOF in multi-line statement".into(), self.lines.len(), n)
    }

    fn at_eof(&mut self) -> Res<Token, E> {
        if self.level > 0 || !self.fstack.is_empty() {
            return Err(self.err(ErrKind::Syntax, "unexpected EOF in multi-line statement".into(), self.lines.len(), 0));
        }
        if self.indents.len() > 1 {
            self.indents.pop();
            self.altindents.pop();
            return Ok(self.trailing(Kind::Dedent));
        }
        Ok(self.trailing(Kind::EndMarker))
    }

    fn name_or_string(&mut self, start: (usize, usize)) -> Res<Token, E> {
        // a string prefix: b, r, u, f (and t on 3.14) in the combinations CPython accepts
        let (mut b, mut r, mut u, mut f, mut t) = (false, false, false, false, false);
        let mut k = 0;
        while let Some(c) = self.peek(k) {
            match c.to_ascii_lowercase() {
                'b' if !b && !u && !f && !t => b = true,
                'r' if !r && !u => r = true,
                'u' if !b && !r && !u && !f && !t => u = true,
                'f' if !f && !b && !u && !t => f = true,
                't' if self.dialect.minor >= 14 && !t && !f && !b && !u => t = true,
                _ => break,
            }
            k += 1;
        }
        if k > 0 && matches!(self.peek(k), Some('\'') | Some('"')) {
            self.ci += k;
            if f || t {
                return self.fstring_start(start, r, t);
            }
            return self.string(start);
        }
        if self.dialect.minor >= 14 && k > 0 {
            // 3.14 names the conflict when the next letter would have made a prefix
            if let Some(next) = self.peek(k) {
                let n = next.to_ascii_lowercase();
                let quote_after = matches!(self.peek(k + 1), Some('\'') | Some('"'));
                if quote_after {
                    let seen = |x: char| match x {
                        'u' => u,
                        'b' => b,
                        'f' => f,
                        't' => t,
                        _ => r,
                    };
                    let clash = CLASHES.iter().find(|&&(a, z)| (n == a && seen(z)) || (n == z && seen(a)));
                    if let Some((a, z)) = clash {
                        let msg = format!("'{}' and '{}' prefixes are incompatible", a, z);
                        return Err(self.syntax(&msg, (start.0, start.1 + 1)));
                    }
                }
            }
        }
        let line = &self.lines[self.li];
        let mut end = self.ci;
        while end < line.len() && is_ident_char(line[end]) {
            end += 1;
        }
        let word: Vec<char> = line[self.ci..end].to_vec();
        self.ci = end;
        let text = word.into_iter().collect();
        Ok(self.make(Kind::Name, start, self.pos(), text))
    }

    fn digits(&mut self, ok: fn(char) -> bool, kind: &str) -> Res<(), E> {
        loop {
            while self.peek(0).map_or(false, ok) {
                self.ci += 1;
            }
            if self.peek(0) != Some('_') {
                return Ok(());
            }
            self.ci += 1;
            if !self.peek(0).map_or(false, ok) {
                return Err(self.syntax(&format!("invalid {} literal", kind), (self.li, self.ci)));
            }
        }
    }

    fn number(&mut self, start: (usize, usize)) -> Res<Token, E> {
        let c = self.peek(0).unwrap();
        let radix = if c == '0' { self.peek(1).map(|x| x.to_ascii_lowercase()) } else { None };
        match radix {
            Some(x) if x == 'x' || x == 'o' || x == 'b' => {
                self.ci += 2;
                let (ok, kind): (fn(char) -> bool, &str) = match x {
                    'x' => (|c: char| c.is_ascii_hexdigit(), "hexadecimal"),
                    'o' => (|c: char| ('0'..='7').contains(&c), "octal"),
                    _ => (|c: char| c == '0' || c == '1', "binary"),
                };
                if self.peek(0) == Some('_') {
                    self.ci += 1;
                }
                if !self.peek(0).map_or(false, ok) {
                    if x != 'x' {
                        if let Some(d) = self.peek(0).filter(|d| d.is_ascii_digit()) {
                            return Err(self.syntax(&format!("invalid digit '{}' in {} literal", d, kind), (self.li, self.ci + 1)));
                        }
                    }
                    return Err(self.syntax(&format!("invalid {} literal", kind), (self.li, self.ci)));
                }
                self.digits(ok, kind)?;
                if x != 'x' {
                    if let Some(d) = self.peek(0).filter(|d| d.is_ascii_digit()) {
                        return Err(self.syntax(&format!("invalid digit '{}' in {} literal", d, kind), (self.li, self.ci + 1)));
                    }
                }
            }
            _ => {
                let dec = |c: char| c.is_ascii_digit();
                if c != '.' {
                    self.digits(dec, "decimal")?;
                }
                if self.peek(0) == Some('.') {
                    self.ci += 1;
                    if self.peek(0).map_or(false, dec) {
                        self.digits(dec, "decimal")?;
                    }
                }
                if matches!(self.peek(0), Some('e') | Some('E')) {
                    let save = self.ci;
                    self.ci += 1;
                    if matches!(self.peek(0), Some('+') | Some('-')) {
                        self.ci += 1;
                        if !self.peek(0).map_or(false, dec) {
                            return Err(self.syntax("invalid decimal literal", (self.li, self.ci)));
                        }
                    }
                    if self.peek(0).map_or(false, dec) {
                        self.digits(dec, "decimal")?;
                    } else {
                        self.ci = save;
                    }
                }
                if matches!(self.peek(0), Some('j') | Some('J')) {
                    self.ci += 1;
                }
            }
        }
        let text = self.slice(start, self.pos());
        Ok(self.make(Kind::Number, start, self.pos(), text))
    }

    /// a string literal (its prefix, if any, from `start` up to the current position)
    fn string(&mut self, start: (usize, usize)) -> Res<Token, E> {
        let quote = self.peek(0).unwrap();
        let triple = self.peek(1) == Some(quote) && self.peek(2) == Some(quote);
        self.ci += if triple { 3 } else { 1 };
        let size = if triple { 3 } else { 1 };
        let mut run = 0;
        while run < size {
            let c = match self.bump()? {
                None => return Err(self.unterminated(start, quote, triple, "string literal")),
                Some(c) => c,
            };
            if c == '\n' && !triple {
                return Err(self.unterminated(start, quote, false, "string literal"));
            }
            if c == quote {
                run += 1;
            } else {
                run = 0;
                if c == '\\' && self.bump()?.is_none() {
                    return Err(self.unterminated(start, quote, triple, "string literal"));
                }
            }
        }
        let text = self.slice(start, self.pos());
        Ok(self.make(Kind::Str, start, self.pos(), text))
    }

    fn unterminated(&self, start: (usize, usize), quote: char, triple: bool, what: &str) -> LexError<E> {
        if let Some(f) = self.fstack.last() {
            // a string in a replacement field that runs into the f-string's own quote
            if f.quote == quote && f.triple == triple {
                let which = if f.template { 't' } else { 'f' };
                return self.syntax(&format!("{}-string: expecting '}}'", which), (start.0, start.1 + 1));
            }
        }
        let detected = if triple { self.lines.len() } else { self.li + 1 };
        self.unterminated_at(start, triple, what, detected)
    }

    /// "unterminated [triple-quoted ]WHAT (detected at line N)" reported at `start` + 1
    fn unterminated_at(&self, start: (usize, usize), triple: bool, what: &str, detected: usize) -> LexError<E> {
        let quoted = if triple { "triple-quoted " } else { "" };
        let msg = format!("unterminated {}{} (detected at line {})", quoted, what, detected);
        self.err(ErrKind::Syntax, msg, start.0 + 1, start.1 + 1)
    }

    fn operator(&mut self, start: (usize, usize), c: char) -> Res<Token, E> {
        if let Some(level) = self.in_fstring_expr() {
            if self.level == level {
                if c == '}' {
                    self.ci += 1;
                    self.level -= 1;
                    let f = self.fstack.last_mut().unwrap();
                    f.fields.pop();
                    f.stopped_at_brace = false;
                    return Ok(self.make(Kind::Op, start, self.pos(), "}".into()));
                }
                if c == ':' {
                    self.ci += 1;
                    let f = self.fstack.last_mut().unwrap();
                    let field = f.fields.last_mut().unwrap();
                    field.in_spec = true;
                    f.stopped_at_brace = false;
                    return Ok(self.make(Kind::Op, start, self.pos(), ":".into()));
                }
            }
        }
        let chars: Vec<char> = (0..3).filter_map(|k| self.peek(k)).collect();
        let s3: String = chars.iter().collect();
        let s2: String = chars.iter().take(2).collect();
        let width = if chars.len() == 3 && THREE.contains(&s3.as_str()) {
            3
        } else if chars.len() >= 2 && TWO.contains(&s2.as_str()) {
            2
        } else {
            1
        };
        match c {
            '(' | '[' | '{' => self.level += 1,
            ')' | ']' | '}' => self.level = self.level.saturating_sub(1),
            _ => {}
        }
        self.ci += width;
        let text = self.slice(start, self.pos());
        Ok(self.make(Kind::Op, start, self.pos(), text))
    }

    // ---- f-strings and t-strings ---------------------------------------------------------

    fn fstring_start(&mut self, start: (usize, usize), raw: bool, template: bool) -> Res<Token, E> {
        let quote = self.peek(0).unwrap();
        let triple = self.peek(1) == Some(quote) && self.peek(2) == Some(quote);
        self.ci += if triple { 3 } else { 1 };
        self.fstack.push(FStr {
            quote,
            triple,
            raw,
            template,
            start,
            fields: Vec::new(),
            stopped_at_brace: false,
            skip_brace: false,
        });
        let text = self.slice(start, self.pos());
        Ok(self.make(if template { Kind::TStart } else { Kind::FStart }, start, self.pos(), text))
    }

    fn at_end_quote(&self, f: &FStr) -> bool {
        let n = if f.triple { 3 } else { 1 };
        (0..n).all(|k| self.peek(k) == Some(f.quote))
    }

    /// the literal part of the innermost f-string (or of its current format spec): a MIDDLE,
    /// the END, or the '{' / '}' that opens or closes a replacement field
    fn fstring_part(&mut self) -> Res<Token, E> {
        let f = self.fstack.last().unwrap();
        let (template, triple, raw, fstart) = (f.template, f.triple, f.raw, f.start);
        let in_spec = f.fields.last().map_or(false, |x| x.in_spec);
        let (mid, end_kind) = if template { (Kind::TMiddle, Kind::TEnd) } else { (Kind::FMiddle, Kind::FEnd) };
        if self.fstack.last().unwrap().skip_brace {
            self.fstack.last_mut().unwrap().skip_brace = false;
            self.ci += 1;
        }
        if self.cur()?.is_none() {
            return Err(self.unterminated_f(fstart, triple));
        }
        let start = self.pos();
        if !in_spec && self.at_end_quote(self.fstack.last().unwrap()) {
            let n = if triple { 3 } else { 1 };
            self.ci += n;
            let f = self.fstack.pop().unwrap();
            let text: String = std::iter::repeat(f.quote).take(n).collect();
            return Ok(self.make(end_kind, start, self.pos(), text));
        }
        let c = self.cur()?.unwrap();
        let stopped = self.fstack.last().unwrap().stopped_at_brace;
        if c == '{' && (stopped || self.peek(1) != Some('{')) {
            return Ok(self.open_field(start));
        }
        if c == '}' && stopped {
            self.fstack.last_mut().unwrap().stopped_at_brace = false;
            if in_spec {
                // the spec ends: the '}' closes its replacement field
                self.ci += 1;
                self.level -= 1;
                self.fstack.last_mut().unwrap().fields.pop();
                return Ok(self.make(Kind::Op, start, self.pos(), "}".into()));
            }
            return Err(self.syntax("f-string: single '}' is not allowed", (start.0, start.1 + 1)));
        }
        // the literal text up to the next field, the end, or a doubled brace
        loop {
            let c = match self.cur()? {
                None => return Err(self.unterminated_f(fstart, triple)),
                Some(c) => c,
            };
            if !in_spec && self.at_end_quote(self.fstack.last().unwrap()) {
                break;
            }
            if in_spec && (c == '\'' || c == '"') && self.at_end_quote(self.fstack.last().unwrap()) {
                return Err(self.syntax("f-string: expecting '}'", (self.li, self.ci + 1)));
            }
            if c == '\n' && !triple {
                if in_spec {
                    if self.dialect.minor >= 13 {
                        return Err(self.syntax(
                            "f-string: newlines are not allowed in format specifiers for single quoted f-strings",
                            (self.li, self.ci + 1),
                        ));
                    }
                    // 3.12 ends the spec there: the newline and what follows are the field's
                    self.fstack.last_mut().unwrap().fields.last_mut().unwrap().in_spec = false;
                    break;
                }
                return Err(self.unterminated_f(fstart, false));
            }
            if c == '{' {
                if !in_spec && self.peek(1) == Some('{') {
                    self.ci += 1;
                    self.fstack.last_mut().unwrap().skip_brace = true;
                } else {
                    self.fstack.last_mut().unwrap().stopped_at_brace = true;
                }
                break;
            }
            if c == '}' {
                if !in_spec && self.peek(1) == Some('}') {
                    self.ci += 1;
                    self.fstack.last_mut().unwrap().skip_brace = true;
                    break;
                }
                self.fstack.last_mut().unwrap().stopped_at_brace = true;
                break;
            }
            self.ci += 1;
            if c == '\\' {
                match self.cur()? {
                    Some('{') | Some('}') => {
                        if !raw {
                            let brace = self.peek(0).unwrap();
                            self.warnings.push((brace, self.li + 1));
                        }
                    }
                    Some('N') if !raw && self.peek(1) == Some('{') => {
                        // a named escape is literal text up to its '}', which ends the MIDDLE
                        let mut closed = false;
                        while let Some(x) = self.peek(0) {
                            self.ci += 1;
                            if x == '}' {
                                closed = true;
                                break;
                            }
                            if x == '\n' {
                                break;
                            }
                        }
                        if closed {
                            break;
                        }
                    }
                    Some(_) => {
                        self.ci += 1;
                    }
                    None => return Err(self.unterminated_f(fstart, triple)),
                }
            }
        }
        let end = self.pos();
        if end == start && self.last_empty_middle == Some(start) {
            // never loop on an empty piece: a lexer state this file does not expect
            return Err(self.syntax("f-string: internal tokenizer error", (start.0, start.1 + 1)));
        }
        self.last_empty_middle = if end == start { Some(start) } else { None };
        let text = self.slice(start, end);
        Ok(self.make(mid, start, end, text))
    }

    fn open_field(&mut self, start: (usize, usize)) -> Token {
        self.ci += 1;
        self.level += 1;
        let level = self.level;
        let f = self.fstack.last_mut().unwrap();
        f.stopped_at_brace = false;
        f.fields.push(Field { level, in_spec: false });
        self.make(Kind::Op, start, self.pos(), "{".into())
    }

    fn unterminated_f(&self, fstart: (usize, usize), triple: bool) -> LexError<E> {
        let detected = self.lines.len().min(self.li + 1);
        let kind = if self.fstack.last().map_or(false, |f| f.template) { "t-string literal" } else { "f-string literal" };
        self.unterminated_at(fstart, triple, kind, detected)
    }
}
