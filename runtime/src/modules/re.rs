//! The `re` module: a backtracking regex engine over code points with Python's syntax
//! (classes, groups incl. named and non-capturing, alternation, greedy/lazy quantifiers,
//! anchors, \b, backreferences, lookahead) and flags IGNORECASE, MULTILINE, DOTALL, VERBOSE;
//! match/search/fullmatch/findall/finditer/sub/subn/split/compile/escape and Match objects.
use crate::object::{alloc, Layout, MethodFn, Obj};
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::exceptions::{index_error, new_exc, type_error};
use crate::objects::list::new_list;
use crate::objects::str::nargs;
use crate::{builtins::split_kw, call, ops, PyResult};
use std::rc::Rc;

const I: u32 = 2;
const M: u32 = 8;
const S: u32 = 16;
const X: u32 = 64;

#[derive(Debug, Clone)]
enum Node {
    Char(char),
    Any,
    Class(Vec<(char, char)>, Vec<ClassEsc>, bool),
    Start,
    End,
    StrStart,
    StrEnd,
    WordB(bool),
    Group(Option<usize>, Vec<Vec<Node>>),
    Repeat(Box<Node>, usize, usize, bool),
    Backref(usize),
    Look(Vec<Vec<Node>>, bool),
}

#[derive(Debug, Clone, Copy)]
enum ClassEsc {
    Digit(bool),
    Word(bool),
    Space(bool),
}

pub struct Regex {
    alts: Vec<Vec<Node>>,
    ngroups: usize,
    names: Vec<(String, usize)>,
    flags: u32,
    pattern: Obj,
}

fn re_error(msg: String) -> crate::Exc {
    new_exc(&RE_ERROR, msg)
}

struct Parser<'a> {
    p: &'a [char],
    i: usize,
    ngroups: usize,
    names: Vec<(String, usize)>,
    flags: u32,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<char> {
        self.p.get(self.i).copied()
    }
    fn skip_verbose(&mut self) {
        if self.flags & X == 0 {
            return;
        }
        while let Some(c) = self.peek() {
            if c.is_whitespace() {
                self.i += 1;
            } else if c == '#' {
                while let Some(c) = self.peek() {
                    self.i += 1;
                    if c == '\n' {
                        break;
                    }
                }
            } else {
                break;
            }
        }
    }
    fn alts(&mut self) -> PyResult<Vec<Vec<Node>>> {
        let mut alts = vec![self.seq()?];
        while self.peek() == Some('|') {
            self.i += 1;
            alts.push(self.seq()?);
        }
        Ok(alts)
    }
    fn seq(&mut self) -> PyResult<Vec<Node>> {
        let mut out = Vec::new();
        loop {
            self.skip_verbose();
            match self.peek() {
                None | Some('|') | Some(')') => return Ok(out),
                _ => {}
            }
            let atom = self.atom()?;
            let atom = self.quant(atom)?;
            out.push(atom);
        }
    }
    fn number(&mut self) -> Option<usize> {
        let st = self.i;
        while self.peek().map(|c| c.is_ascii_digit()).unwrap_or(false) {
            self.i += 1;
        }
        if self.i == st {
            None
        } else {
            self.p[st..self.i].iter().collect::<String>().parse().ok()
        }
    }
    fn quant(&mut self, atom: Node) -> PyResult<Node> {
        self.skip_verbose();
        let (min, max) = match self.peek() {
            Some('*') => (0, usize::MAX),
            Some('+') => (1, usize::MAX),
            Some('?') => (0, 1),
            Some('{') => {
                let save = self.i;
                self.i += 1;
                let lo = self.number();
                let hi = if self.peek() == Some(',') {
                    self.i += 1;
                    self.number().or(Some(usize::MAX))
                } else {
                    lo
                };
                if self.peek() != Some('}') || (lo.is_none() && hi.is_none()) {
                    self.i = save;
                    return Ok(atom);
                }
                let r = (lo.unwrap_or(0), hi.unwrap_or(usize::MAX));
                if r.0 > r.1 {
                    return Err(re_error(format!("min repeat greater than max repeat at position {}", save)));
                }
                r
            }
            _ => return Ok(atom),
        };
        self.i += 1;
        let mut greedy = true;
        if self.peek() == Some('?') {
            self.i += 1;
            greedy = false;
        }
        if matches!(atom, Node::Start | Node::End | Node::StrStart | Node::StrEnd | Node::WordB(_)) {
            return Err(re_error(format!("nothing to repeat at position {}", self.i - 1)));
        }
        Ok(Node::Repeat(Box::new(atom), min, max, greedy))
    }
    fn escape(&mut self, in_class: bool) -> PyResult<Result<char, ClassEsc>> {
        let c = self.peek().ok_or_else(|| re_error("bad escape (end of pattern) at position ".to_string() + &(self.i - 1).to_string()))?;
        self.i += 1;
        Ok(match c {
            'd' => Err(ClassEsc::Digit(false)),
            'D' => Err(ClassEsc::Digit(true)),
            'w' => Err(ClassEsc::Word(false)),
            'W' => Err(ClassEsc::Word(true)),
            's' => Err(ClassEsc::Space(false)),
            'S' => Err(ClassEsc::Space(true)),
            'n' => Ok('\n'),
            't' => Ok('\t'),
            'r' => Ok('\r'),
            'f' => Ok('\x0c'),
            'v' => Ok('\x0b'),
            'a' => Ok('\x07'),
            'b' if in_class => Ok('\x08'),
            '0' => Ok('\0'),
            'x' => {
                let h: String = self.p[self.i..(self.i + 2).min(self.p.len())].iter().collect();
                self.i += 2;
                Ok(std::char::from_u32(u32::from_str_radix(&h, 16).map_err(|_| re_error("bad escape \\x".into()))?).unwrap_or('\0'))
            }
            'u' => {
                let h: String = self.p[self.i..(self.i + 4).min(self.p.len())].iter().collect();
                self.i += 4;
                Ok(std::char::from_u32(u32::from_str_radix(&h, 16).map_err(|_| re_error("bad escape \\u".into()))?).unwrap_or('\0'))
            }
            c if c.is_ascii_alphanumeric() => {
                return Err(re_error(format!("bad escape \\{} at position {}", c, self.i - 2)));
            }
            c => Ok(c),
        })
    }
    fn class(&mut self) -> PyResult<Node> {
        let start = self.i - 1;
        let mut neg = false;
        if self.peek() == Some('^') {
            neg = true;
            self.i += 1;
        }
        let mut ranges = Vec::new();
        let mut escs = Vec::new();
        let mut first = true;
        loop {
            let c = self.peek().ok_or_else(|| re_error(format!("unterminated character set at position {}", start)))?;
            if c == ']' && !first {
                self.i += 1;
                break;
            }
            first = false;
            self.i += 1;
            let lo = if c == '\\' {
                match self.escape(true)? {
                    Ok(ch) => ch,
                    Err(e) => {
                        escs.push(e);
                        continue;
                    }
                }
            } else {
                c
            };
            if self.peek() == Some('-') && self.p.get(self.i + 1).map(|&c| c != ']').unwrap_or(false) {
                self.i += 1;
                let hc = self.peek().unwrap();
                self.i += 1;
                let hi = if hc == '\\' {
                    match self.escape(true)? {
                        Ok(ch) => ch,
                        Err(_) => return Err(re_error(format!("bad character range at position {}", self.i))),
                    }
                } else {
                    hc
                };
                if hi < lo {
                    return Err(re_error(format!("bad character range {}-{} at position {}", lo, hi, self.i - 3)));
                }
                ranges.push((lo, hi));
            } else {
                ranges.push((lo, lo));
            }
        }
        Ok(Node::Class(ranges, escs, neg))
    }
    fn atom(&mut self) -> PyResult<Node> {
        let c = self.peek().unwrap();
        self.i += 1;
        Ok(match c {
            '.' => Node::Any,
            '^' => Node::Start,
            '$' => Node::End,
            '[' => self.class()?,
            '(' => {
                let mut idx: Option<usize> = None;
                let mut look: Option<bool> = None;
                if self.peek() == Some('?') {
                    self.i += 1;
                    match self.peek() {
                        Some(':') => self.i += 1,
                        Some('=') | Some('!') => {
                            look = Some(self.peek() == Some('!'));
                            self.i += 1;
                        }
                        Some('P') => {
                            self.i += 1;
                            if self.peek() == Some('<') {
                                self.i += 1;
                                let st = self.i;
                                while self.peek().map(|c| c != '>').unwrap_or(false) {
                                    self.i += 1;
                                }
                                let name: String = self.p[st..self.i].iter().collect();
                                self.i += 1;
                                self.ngroups += 1;
                                self.names.push((name, self.ngroups));
                                idx = Some(self.ngroups);
                            } else if self.peek() == Some('=') {
                                self.i += 1;
                                let st = self.i;
                                while self.peek().map(|c| c != ')').unwrap_or(false) {
                                    self.i += 1;
                                }
                                let name: String = self.p[st..self.i].iter().collect();
                                self.i += 1;
                                let n = self.names.iter().find(|(x, _)| *x == name).map(|(_, n)| *n).ok_or_else(|| re_error(format!("unknown group name '{}'", name)))?;
                                return Ok(Node::Backref(n));
                            }
                        }
                        Some(c) if "aiLmsux".contains(c) => {
                            // inline flags (?i) etc.
                            while let Some(c) = self.peek() {
                                self.i += 1;
                                match c {
                                    'i' => self.flags |= I,
                                    'm' => self.flags |= M,
                                    's' => self.flags |= S,
                                    'x' => self.flags |= X,
                                    ')' => break,
                                    _ => {}
                                }
                            }
                            return Ok(Node::Group(None, vec![vec![]]));
                        }
                        _ => return Err(re_error(format!("unknown extension ?{} at position {}", self.peek().unwrap_or(' '), self.i - 1))),
                    }
                } else {
                    self.ngroups += 1;
                    idx = Some(self.ngroups);
                }
                let alts = self.alts()?;
                if self.peek() != Some(')') {
                    return Err(re_error(format!("missing ), unterminated subpattern at position {}", self.i)));
                }
                self.i += 1;
                match look {
                    Some(neg) => Node::Look(alts, neg),
                    None => Node::Group(idx, alts),
                }
            }
            ')' => return Err(re_error(format!("unbalanced parenthesis at position {}", self.i - 1))),
            '*' | '+' | '?' => return Err(re_error(format!("nothing to repeat at position {}", self.i - 1))),
            '\\' => match self.peek() {
                Some('A') => {
                    self.i += 1;
                    Node::StrStart
                }
                Some('Z') => {
                    self.i += 1;
                    Node::StrEnd
                }
                Some('b') => {
                    self.i += 1;
                    Node::WordB(true)
                }
                Some('B') => {
                    self.i += 1;
                    Node::WordB(false)
                }
                Some(d) if d.is_ascii_digit() && d != '0' => {
                    let n = self.number().unwrap();
                    Node::Backref(n)
                }
                _ => match self.escape(false)? {
                    Ok(ch) => Node::Char(ch),
                    Err(e) => Node::Class(vec![], vec![e], false),
                },
            },
            c => Node::Char(c),
        })
    }
}

pub fn compile_regex(pattern: &Obj, flags: u32) -> PyResult<Rc<Regex>> {
    let text = pattern.as_str().ok_or_else(|| type_error("first argument must be string or compiled pattern"))?;
    let chars: Vec<char> = text.chars().collect();
    let mut p = Parser { p: &chars, i: 0, ngroups: 0, names: Vec::new(), flags };
    let alts = p.alts()?;
    if p.i < chars.len() {
        return Err(re_error(format!("unbalanced parenthesis at position {}", p.i)));
    }
    Ok(Rc::new(Regex { alts, ngroups: p.ngroups, names: p.names, flags: p.flags, pattern: pattern.clone() }))
}

// ---------------------------------------------------------------- matching

struct St<'a> {
    s: &'a [char],
    caps: Vec<Option<(usize, usize)>>,
    /// the group closed last on the current path (sre's lastindex; 0 = none)
    last: usize,
    flags: u32,
    steps: u64,
}

/// A successful match: group spans (0 = the whole match) and the group closed last.
#[derive(Clone)]
struct Found {
    spans: Vec<Option<(usize, usize)>>,
    lastindex: Option<usize>,
}

impl std::ops::Index<usize> for Found {
    type Output = Option<(usize, usize)>;
    fn index(&self, g: usize) -> &Self::Output {
        &self.spans[g]
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn esc_match(e: ClassEsc, c: char) -> bool {
    match e {
        ClassEsc::Digit(n) => (c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric())) != n,
        ClassEsc::Word(n) => is_word(c) != n,
        ClassEsc::Space(n) => c.is_whitespace() != n,
    }
}

fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

fn single(n: &Node, st: &St, pos: usize) -> bool {
    let c = match st.s.get(pos) {
        Some(&c) => c,
        None => return false,
    };
    match n {
        Node::Char(x) => *x == c || (st.flags & I != 0 && fold(*x) == fold(c)),
        Node::Any => c != '\n' || st.flags & S != 0,
        Node::Class(ranges, escs, neg) => {
            let mut hit = ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) || escs.iter().any(|e| esc_match(*e, c));
            if !hit && st.flags & I != 0 {
                let (l, u) = (fold(c), c.to_uppercase().next().unwrap_or(c));
                hit = ranges.iter().any(|&(lo, hi)| (lo <= l && l <= hi) || (lo <= u && u <= hi));
            }
            hit != *neg
        }
        _ => false,
    }
}

fn is_single(n: &Node) -> bool {
    matches!(n, Node::Char(_) | Node::Any | Node::Class(..))
}

type K<'k, 'a> = &'k mut dyn FnMut(&mut St<'a>, usize) -> bool;

fn m_alts<'a>(alts: &[Vec<Node>], st: &mut St<'a>, pos: usize, k: K<'_, 'a>) -> bool {
    for a in alts {
        if m_seq(a, st, pos, k) {
            return true;
        }
    }
    false
}

fn m_seq<'a>(nodes: &[Node], st: &mut St<'a>, pos: usize, k: K<'_, 'a>) -> bool {
    st.steps += 1;
    match nodes.split_first() {
        None => k(st, pos),
        Some((n, rest)) => m_node(n, st, pos, &mut |st: &mut St<'a>, p| m_seq(rest, st, p, k)),
    }
}

fn m_node<'a>(n: &Node, st: &mut St<'a>, pos: usize, k: K<'_, 'a>) -> bool {
    let len = st.s.len();
    match n {
        Node::Char(_) | Node::Any | Node::Class(..) => single(n, st, pos) && k(st, pos + 1),
        Node::Start => (pos == 0 || (st.flags & M != 0 && st.s[pos - 1] == '\n')) && k(st, pos),
        Node::End => {
            (pos == len || (pos == len - 1 && st.s[pos] == '\n') || (st.flags & M != 0 && st.s[pos] == '\n')) && k(st, pos)
        }
        Node::StrStart => pos == 0 && k(st, pos),
        Node::StrEnd => pos == len && k(st, pos),
        Node::WordB(want) => {
            let a = pos > 0 && is_word(st.s[pos - 1]);
            let b = pos < len && is_word(st.s[pos]);
            ((a != b) == *want) && k(st, pos)
        }
        Node::Backref(g) => match st.caps.get(*g).copied().flatten() {
            Some((a, b)) => {
                let l = b - a;
                if pos + l > len {
                    return false;
                }
                let ok = (0..l).all(|i| {
                    let (x, y) = (st.s[a + i], st.s[pos + i]);
                    x == y || (st.flags & I != 0 && fold(x) == fold(y))
                });
                ok && k(st, pos + l)
            }
            None => false,
        },
        Node::Look(alts, neg) => {
            let (saved, saved_last) = (st.caps.clone(), st.last);
            let found = m_alts(alts, st, pos, &mut |_, _| true);
            if found == *neg || *neg {
                st.caps = saved;
                st.last = saved_last;
            }
            if found == *neg {
                return false;
            }
            k(st, pos)
        }
        Node::Group(idx, alts) => match idx {
            None => m_alts(alts, st, pos, k),
            Some(g) => {
                let g = *g;
                m_alts(alts, st, pos, &mut |st: &mut St<'a>, p| {
                    let (old, old_last) = (st.caps[g], st.last);
                    st.caps[g] = Some((pos, p));
                    st.last = g;
                    if k(st, p) {
                        return true;
                    }
                    st.caps[g] = old;
                    st.last = old_last;
                    false
                })
            }
        },
        Node::Repeat(inner, min, max, greedy) => {
            if is_single(inner) {
                // fast path: count the run, then try lengths without recursion
                let mut n = 0;
                while n < *max && single(inner, st, pos + n) {
                    n += 1;
                    if !*greedy && n >= *min {
                        break;
                    }
                }
                if *greedy {
                    let mut i = n;
                    loop {
                        if i < *min {
                            return false;
                        }
                        if k(st, pos + i) {
                            return true;
                        }
                        if i == 0 {
                            return false;
                        }
                        i -= 1;
                    }
                } else {
                    let mut i = *min;
                    loop {
                        if i > *max {
                            return false;
                        }
                        if (0..i).all(|j| single(inner, st, pos + j)) {
                            if k(st, pos + i) {
                                return true;
                            }
                        } else {
                            return false;
                        }
                        i += 1;
                    }
                }
            }
            rep(inner, *min, *max, *greedy, 0, st, pos, k)
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn rep<'a>(inner: &Node, min: usize, max: usize, greedy: bool, count: usize, st: &mut St<'a>, pos: usize, k: K<'_, 'a>) -> bool {
    if st.steps > 50_000_000 {
        return false;
    }
    if greedy {
        if count < max
            && m_node(inner, st, pos, &mut |st: &mut St<'a>, p| {
                if p == pos && count >= min {
                    // an empty iteration ends the loop (sre: ptr == last_ptr): only the tail
                    return k(st, p);
                }
                rep(inner, min, max, greedy, count + 1, st, p, k)
            })
        {
            return true;
        }
        count >= min && k(st, pos)
    } else {
        if count >= min && k(st, pos) {
            return true;
        }
        count < max
            && m_node(inner, st, pos, &mut |st: &mut St<'a>, p| {
                if p == pos && count >= min {
                    // an empty iteration ends the loop (sre: ptr == last_ptr): only the tail
                    return k(st, p);
                }
                rep(inner, min, max, greedy, count + 1, st, p, k)
            })
    }
}

/// Tries to match at exactly `pos`; returns group spans.
fn match_at(re: &Regex, s: &[char], pos: usize, endpos: usize, full: bool) -> Option<Found> {
    match_at2(re, s, pos, endpos, full, false)
}

/// `forbid_empty`: an empty match at `pos` is not acceptable (sre's must_advance).
fn match_at2(re: &Regex, s: &[char], pos: usize, endpos: usize, full: bool, forbid_empty: bool) -> Option<Found> {
    let sub = &s[..endpos];
    let mut st = St { s: sub, caps: vec![None; re.ngroups + 1], last: 0, flags: re.flags, steps: 0 };
    let mut end = 0;
    let ok = m_alts(&re.alts, &mut st, pos, &mut |_st, p| {
        if full && p != endpos {
            return false;
        }
        if forbid_empty && p == pos {
            return false;
        }
        end = p;
        true
    });
    if ok {
        st.caps[0] = Some((pos, end));
        Some(Found { spans: st.caps, lastindex: if st.last == 0 { None } else { Some(st.last) } })
    } else {
        None
    }
}

fn search(re: &Regex, s: &[char], pos: usize, endpos: usize) -> Option<Found> {
    search2(re, s, pos, endpos, false)
}

fn search2(re: &Regex, s: &[char], pos: usize, endpos: usize, must_advance: bool) -> Option<Found> {
    let mut p = pos;
    while p <= endpos {
        if let Some(c) = match_at2(re, s, p, endpos, false, must_advance && p == pos) {
            return Some(c);
        }
        p += 1;
    }
    None
}

// ---------------------------------------------------------------- Python objects

pub struct PatternObj {
    pub re: Rc<Regex>,
}

pub struct MatchObj {
    pub re: Rc<Regex>,
    pub string: Obj,
    pub chars: Rc<Vec<char>>,
    pub spans: Vec<Option<(usize, usize)>>,
    pub lastindex: Option<usize>,
    pub pos: usize,
    pub endpos: usize,
}

crate::static_type!(PATTERN_TYPE, "Pattern", &crate::objects::typeobj::OBJECT_TYPE, NativeFn, PATTERN_METHODS);
crate::static_type!(MATCH_TYPE, "Match", &crate::objects::typeobj::OBJECT_TYPE, NativeFn, MATCH_METHODS);

/// re.error
pub static RE_ERROR: crate::object::TypeObject = crate::object::TypeObject {
    ob: crate::object::PyObjectHeader { refcnt: std::cell::Cell::new(crate::object::IMMORTAL), ty: &crate::objects::typeobj::TYPE_TYPE },
    name: "error",
    base: &crate::objects::exceptions::EXCEPTION,
    layout: Layout::Exception,
    methods: &[],
    dict: std::cell::RefCell::new(None),
    mro: std::cell::RefCell::new(Vec::new()),
    heap: false,
    module: "re",
};

// Patterns and matches are stored as NativeFn objects whose dict holds nothing; the Rust
// state lives in a side table keyed by object address (kept alive by the object).
thread_local! {
    static PATTERNS: std::cell::RefCell<std::collections::HashMap<usize, Rc<Regex>>> = std::cell::RefCell::new(std::collections::HashMap::new());
    static MATCHES: std::cell::RefCell<std::collections::HashMap<usize, Rc<MatchObj>>> = std::cell::RefCell::new(std::collections::HashMap::new());
    static CACHE: std::cell::RefCell<Vec<(String, u32, Obj)>> = std::cell::RefCell::new(Vec::new());
}

fn new_pattern(re: Rc<Regex>) -> Obj {
    let r2 = re.clone();
    let o = crate::objects::builtin_fn::new_native_fn(&PATTERN_TYPE, "Pattern", Box::new(move |_a, _k| Err(type_error(format!("'re.Pattern' object is not callable ({})", r2.ngroups)))));
    PATTERNS.with(|p| p.borrow_mut().insert(o.addr(), re));
    o
}

fn pattern_of(o: &Obj) -> PyResult<Rc<Regex>> {
    PATTERNS.with(|p| p.borrow().get(&o.addr()).cloned()).ok_or_else(|| type_error("not a compiled pattern"))
}

fn new_match(m: MatchObj) -> Obj {
    let o = crate::objects::builtin_fn::new_native_fn(&MATCH_TYPE, "Match", Box::new(|_a, _k| Err(type_error("'re.Match' object is not callable"))));
    MATCHES.with(|x| x.borrow_mut().insert(o.addr(), Rc::new(m)));
    o
}

fn match_of(o: &Obj) -> Rc<MatchObj> {
    MATCHES.with(|x| x.borrow().get(&o.addr()).cloned()).expect("match object")
}

/// Forgets side-table state of a pattern/match object being freed.
pub fn forget(addr: usize) {
    let _ = PATTERNS.try_with(|p| p.borrow_mut().remove(&addr));
    let _ = MATCHES.try_with(|x| x.borrow_mut().remove(&addr));
}

fn get_regex(p: &Obj, flags: u32) -> PyResult<Rc<Regex>> {
    if p.is_type(&PATTERN_TYPE) {
        return pattern_of(p);
    }
    let key = p.as_str().ok_or_else(|| type_error("first argument must be string or compiled pattern"))?.to_string();
    if let Some(o) = CACHE.with(|c| c.borrow().iter().find(|(k, f, _)| *k == key && *f == flags).map(|(_, _, o)| o.clone())) {
        return pattern_of(&o);
    }
    let re = compile_regex(p, flags)?;
    let o = new_pattern(re.clone());
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() > 100 {
            c.remove(0);
        }
        c.push((key, flags, o));
    });
    Ok(re)
}

fn flags_arg(o: Option<&Obj>) -> PyResult<u32> {
    match o {
        Some(f) => Ok(ops::index_value(f)? as u32),
        None => Ok(0),
    }
}

fn substr(chars: &[char], a: usize, b: usize) -> Obj {
    Obj::string(chars[a..b].iter().collect())
}

fn do_match(re: Rc<Regex>, string: &Obj, mode: u8, pos: usize, endpos: Option<usize>) -> PyResult {
    let text = string.as_str().ok_or_else(|| type_error(format!("expected string or bytes-like object, got '{}'", string.type_name())))?;
    let chars: Rc<Vec<char>> = Rc::new(text.chars().collect());
    let endpos = endpos.unwrap_or(chars.len()).min(chars.len());
    let pos = pos.min(endpos);
    let r = match mode {
        0 => match_at(&re, &chars, pos, endpos, false),
        1 => search(&re, &chars, pos, endpos),
        _ => match_at(&re, &chars, pos, endpos, true),
    };
    Ok(match r {
        Some(f) => new_match(MatchObj { re, string: string.clone(), chars, spans: f.spans, lastindex: f.lastindex, pos, endpos }),
        None => Obj::none(),
    })
}

/// All non-overlapping matches (CPython 3.7+ rules: an empty match may not directly follow
/// another empty match at the same position).
fn all_matches(re: &Regex, chars: &[char]) -> Vec<Found> {
    let mut out = Vec::new();
    let n = chars.len();
    let mut pos = 0;
    let mut must_advance = false;
    while pos <= n {
        let m = match search2(re, chars, pos, n, must_advance) {
            Some(m) => m,
            None => break,
        };
        let (a, b) = m[0].unwrap();
        must_advance = a == b;
        pos = b;
        out.push(m);
    }
    out
}

fn group_value(chars: &[char], span: Option<(usize, usize)>) -> Obj {
    match span {
        Some((a, b)) => substr(chars, a, b),
        None => Obj::none(),
    }
}

fn findall_impl(re: Rc<Regex>, string: &Obj) -> PyResult {
    let text = string.as_str().ok_or_else(|| type_error(format!("expected string or bytes-like object, got '{}'", string.type_name())))?;
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for m in all_matches(&re, &chars) {
        out.push(match re.ngroups {
            0 => group_value(&chars, m[0]),
            1 => match m[1] {
                Some(s) => group_value(&chars, Some(s)),
                None => Obj::str(""),
            },
            _ => Obj::tuple((1..=re.ngroups).map(|g| m[g].map(|s| group_value(&chars, Some(s))).unwrap_or_else(|| Obj::str(""))).collect()),
        });
    }
    Ok(new_list(out))
}

fn finditer_impl(re: Rc<Regex>, string: &Obj) -> PyResult {
    let text = string.as_str().ok_or_else(|| type_error("expected string"))?;
    let chars: Rc<Vec<char>> = Rc::new(text.chars().collect());
    let ms: Vec<Obj> = all_matches(&re, &chars)
        .into_iter()
        .map(|f| new_match(MatchObj { re: re.clone(), string: string.clone(), chars: chars.clone(), spans: f.spans, lastindex: f.lastindex, pos: 0, endpos: chars.len() }))
        .collect();
    ops::get_iter(&new_list(ms))
}

/// Expands a replacement template: \1, \g<1>, \g<name>, \n and other escapes.
fn expand(re: &Regex, chars: &[char], spans: &[Option<(usize, usize)>], tpl: &str) -> PyResult<String> {
    let t: Vec<char> = tpl.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let group = |g: usize, out: &mut String| -> PyResult<()> {
        if g > re.ngroups {
            return Err(re_error(format!("invalid group reference {}", g)));
        }
        if let Some((a, b)) = spans[g] {
            out.extend(chars[a..b].iter());
        }
        Ok(())
    };
    while i < t.len() {
        if t[i] == '\\' && i + 1 < t.len() {
            let c = t[i + 1];
            if c.is_ascii_digit() {
                let mut j = i + 1;
                while j < t.len() && t[j].is_ascii_digit() && j < i + 3 {
                    j += 1;
                }
                let g: usize = t[i + 1..j].iter().collect::<String>().parse().unwrap();
                group(g, &mut out)?;
                i = j;
                continue;
            }
            if c == 'g' && t.get(i + 2) == Some(&'<') {
                let close = (i + 3..t.len()).find(|&k| t[k] == '>').ok_or_else(|| re_error("missing >, unterminated name".into()))?;
                let name: String = t[i + 3..close].iter().collect();
                let g = match name.parse::<usize>() {
                    Ok(n) => n,
                    Err(_) => re.names.iter().find(|(n, _)| *n == name).map(|(_, g)| *g).ok_or_else(|| index_error(format!("unknown group name '{}'", name)))?,
                };
                group(g, &mut out)?;
                i = close + 1;
                continue;
            }
            let ch = match c {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                '\\' => '\\',
                other => {
                    if other.is_ascii_alphabetic() {
                        return Err(re_error(format!("bad escape \\{} at position {}", other, i)));
                    }
                    out.push('\\');
                    other
                }
            };
            out.push(ch);
            i += 2;
            continue;
        }
        out.push(t[i]);
        i += 1;
    }
    Ok(out)
}

fn subn_impl(re: Rc<Regex>, repl: &Obj, string: &Obj, count: usize) -> PyResult<(Obj, usize)> {
    let text = string.as_str().ok_or_else(|| type_error("expected string"))?;
    let chars: Rc<Vec<char>> = Rc::new(text.chars().collect());
    let mut out = String::new();
    let mut last = 0;
    let mut n = 0;
    for found in all_matches(&re, &chars) {
        let spans = &found.spans;
        if count > 0 && n >= count {
            break;
        }
        let (a, b) = spans[0].unwrap();
        out.extend(chars[last..a].iter());
        if let Some(t) = repl.as_str() {
            out.push_str(&expand(&re, &chars, spans, t)?);
        } else {
            let m = new_match(MatchObj { re: re.clone(), string: string.clone(), chars: chars.clone(), spans: spans.clone(), lastindex: found.lastindex, pos: 0, endpos: chars.len() });
            let r = call(repl, vec![m], None)?;
            out.push_str(&ops::str_string(&r)?);
        }
        last = b;
        n += 1;
    }
    out.extend(chars[last..].iter());
    Ok((Obj::string(out), n))
}

fn split_impl(re: Rc<Regex>, string: &Obj, maxsplit: usize) -> PyResult {
    let text = string.as_str().ok_or_else(|| type_error("expected string"))?;
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut last = 0;
    for (n, spans) in all_matches(&re, &chars).into_iter().enumerate() {
        if maxsplit > 0 && n >= maxsplit {
            break;
        }
        let (a, b) = spans[0].unwrap();
        out.push(substr(&chars, last, a));
        for g in 1..=re.ngroups {
            out.push(group_value(&chars, spans[g]));
        }
        last = b;
    }
    out.push(substr(&chars, last, chars.len()));
    Ok(new_list(out))
}

// module-level functions: (pattern, string, flags)
fn mod_fn(a: &[Obj], kw: Option<&Obj>, name: &str) -> PyResult<(Rc<Regex>, Obj)> {
    let (pos, kws) = split_kw(a, kw);
    nargs(name, pos, 2, 3)?;
    let mut flags = flags_arg(pos.get(2))?;
    for (k, v) in kws {
        if k == "flags" {
            flags = ops::index_value(v)? as u32;
        }
    }
    Ok((get_regex(&pos[0], flags)?, pos[1].clone()))
}
fn re_match(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (re, s) = mod_fn(a, kw, "match")?;
    do_match(re, &s, 0, 0, None)
}
fn re_search(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (re, s) = mod_fn(a, kw, "search")?;
    do_match(re, &s, 1, 0, None)
}
fn re_fullmatch(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (re, s) = mod_fn(a, kw, "fullmatch")?;
    do_match(re, &s, 2, 0, None)
}
fn re_findall(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (re, s) = mod_fn(a, kw, "findall")?;
    findall_impl(re, &s)
}
fn re_finditer(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (re, s) = mod_fn(a, kw, "finditer")?;
    finditer_impl(re, &s)
}
fn sub_args(a: &[Obj], kw: Option<&Obj>, name: &str, with_pattern: bool) -> PyResult<(Option<Obj>, Obj, Obj, usize, u32)> {
    let (pos, kws) = split_kw(a, kw);
    let off = if with_pattern { 1 } else { 0 };
    nargs(name, pos, 2 + off, 4 + off)?;
    let mut count = match pos.get(2 + off) {
        Some(c) => ops::index_value(c)? as usize,
        None => 0,
    };
    let mut flags = flags_arg(pos.get(3 + off))?;
    for (k, v) in kws {
        match k {
            "count" => count = ops::index_value(v)? as usize,
            "flags" => flags = ops::index_value(v)? as u32,
            _ => {}
        }
    }
    Ok((if with_pattern { Some(pos[0].clone()) } else { None }, pos[off].clone(), pos[1 + off].clone(), count, flags))
}
fn re_sub(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (p, repl, s, count, flags) = sub_args(a, kw, "sub", true)?;
    Ok(subn_impl(get_regex(&p.unwrap(), flags)?, &repl, &s, count)?.0)
}
fn re_subn(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (p, repl, s, count, flags) = sub_args(a, kw, "subn", true)?;
    let (r, n) = subn_impl(get_regex(&p.unwrap(), flags)?, &repl, &s, count)?;
    Ok(Obj::tuple(vec![r, Obj::int(n as i64)]))
}
fn re_split(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(a, kw);
    nargs("split", pos, 2, 4)?;
    let mut maxsplit = match pos.get(2) {
        Some(m) => ops::index_value(m)? as usize,
        None => 0,
    };
    let mut flags = flags_arg(pos.get(3))?;
    for (k, v) in kws {
        match k {
            "maxsplit" => maxsplit = ops::index_value(v)? as usize,
            "flags" => flags = ops::index_value(v)? as u32,
            _ => {}
        }
    }
    split_impl(get_regex(&pos[0], flags)?, &pos[1], maxsplit)
}
fn re_compile(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(a, kw);
    nargs("compile", pos, 1, 2)?;
    if pos[0].is_type(&PATTERN_TYPE) {
        return Ok(pos[0].clone());
    }
    let mut flags = flags_arg(pos.get(1))?;
    for (k, v) in kws {
        if k == "flags" {
            flags = ops::index_value(v)? as u32;
        }
    }
    Ok(new_pattern(compile_regex(&pos[0], flags)?))
}
fn re_escape(a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("escape", a, 1, 1)?;
    let s = ops::str_string(&a[0])?;
    let mut out = String::new();
    for c in s.chars() {
        if !(c.is_alphanumeric() || c == '_') && (c as u32) < 128 {
            out.push('\\');
        }
        out.push(c);
    }
    Ok(Obj::string(out))
}

// Pattern methods
fn pos_args(a: &[Obj]) -> PyResult<(usize, Option<usize>)> {
    let pos = match a.get(1) {
        Some(p) => ops::index_value(p)?.max(0) as usize,
        None => 0,
    };
    let end = match a.get(2) {
        Some(p) => Some(ops::index_value(p)?.max(0) as usize),
        None => None,
    };
    Ok((pos, end))
}
fn p_match(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("match", a, 1, 3)?;
    let (p, e) = pos_args(a)?;
    do_match(pattern_of(this)?, &a[0], 0, p, e)
}
fn p_search(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("search", a, 1, 3)?;
    let (p, e) = pos_args(a)?;
    do_match(pattern_of(this)?, &a[0], 1, p, e)
}
fn p_fullmatch(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("fullmatch", a, 1, 3)?;
    let (p, e) = pos_args(a)?;
    do_match(pattern_of(this)?, &a[0], 2, p, e)
}
fn p_findall(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("findall", a, 1, 1)?;
    findall_impl(pattern_of(this)?, &a[0])
}
fn p_finditer(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("finditer", a, 1, 1)?;
    finditer_impl(pattern_of(this)?, &a[0])
}
fn p_sub(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (_, repl, s, count, _) = sub_args(a, kw, "sub", false)?;
    Ok(subn_impl(pattern_of(this)?, &repl, &s, count)?.0)
}
fn p_subn(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (_, repl, s, count, _) = sub_args(a, kw, "subn", false)?;
    let (r, n) = subn_impl(pattern_of(this)?, &repl, &s, count)?;
    Ok(Obj::tuple(vec![r, Obj::int(n as i64)]))
}
fn p_split(this: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (pos, kws) = split_kw(a, kw);
    nargs("split", pos, 1, 2)?;
    let mut maxsplit = match pos.get(1) {
        Some(m) => ops::index_value(m)? as usize,
        None => 0,
    };
    for (k, v) in kws {
        if k == "maxsplit" {
            maxsplit = ops::index_value(v)? as usize;
        }
    }
    split_impl(pattern_of(this)?, &pos[0], maxsplit)
}
static PATTERN_METHODS: &[(&str, MethodFn)] = &[
    ("match", p_match),
    ("search", p_search),
    ("fullmatch", p_fullmatch),
    ("findall", p_findall),
    ("finditer", p_finditer),
    ("sub", p_sub),
    ("subn", p_subn),
    ("split", p_split),
];

// Match methods
fn group_index(m: &MatchObj, g: &Obj) -> PyResult<usize> {
    if let Some(s) = g.as_str() {
        return m.re.names.iter().find(|(n, _)| n == s).map(|(_, i)| *i).ok_or_else(|| index_error("no such group"));
    }
    let i = ops::index_value(g)?;
    if i < 0 || i as usize > m.re.ngroups {
        return Err(index_error("no such group"));
    }
    Ok(i as usize)
}
fn mt_group(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let m = match_of(this);
    if a.is_empty() {
        return Ok(group_value(&m.chars, m.spans[0]));
    }
    if a.len() == 1 {
        return Ok(group_value(&m.chars, m.spans[group_index(&m, &a[0])?]));
    }
    let mut out = Vec::new();
    for g in a {
        out.push(group_value(&m.chars, m.spans[group_index(&m, g)?]));
    }
    Ok(Obj::tuple(out))
}
fn mt_groups(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let m = match_of(this);
    let default = a.get(0).cloned().unwrap_or_else(Obj::none);
    Ok(Obj::tuple((1..=m.re.ngroups).map(|g| m.spans[g].map(|s| group_value(&m.chars, Some(s))).unwrap_or_else(|| default.clone())).collect()))
}
fn mt_groupdict(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let m = match_of(this);
    let default = a.get(0).cloned().unwrap_or_else(Obj::none);
    let d = new_dict();
    for (n, g) in &m.re.names {
        dict_set(&d, Obj::str(n), m.spans[*g].map(|s| group_value(&m.chars, Some(s))).unwrap_or_else(|| default.clone()))?;
    }
    Ok(d)
}
fn span_of(this: &Obj, a: &[Obj]) -> PyResult<(i64, i64)> {
    let m = match_of(this);
    let g = match a.get(0) {
        Some(g) => group_index(&m, g)?,
        None => 0,
    };
    Ok(match m.spans[g] {
        Some((x, y)) => (x as i64, y as i64),
        None => (-1, -1),
    })
}
fn mt_start(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::int(span_of(this, a)?.0))
}
fn mt_end(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    Ok(Obj::int(span_of(this, a)?.1))
}
fn mt_span(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    let (x, y) = span_of(this, a)?;
    Ok(Obj::tuple(vec![Obj::int(x), Obj::int(y)]))
}
fn mt_getitem(this: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult {
    mt_group(this, a, k)
}
fn mt_expand(this: &Obj, a: &[Obj], _k: Option<&Obj>) -> PyResult {
    nargs("expand", a, 1, 1)?;
    let m = match_of(this);
    Ok(Obj::string(expand(&m.re, &m.chars, &m.spans, &ops::str_string(&a[0])?)?))
}
static MATCH_METHODS: &[(&str, MethodFn)] = &[
    ("group", mt_group),
    ("groups", mt_groups),
    ("groupdict", mt_groupdict),
    ("start", mt_start),
    ("end", mt_end),
    ("span", mt_span),
    ("__getitem__", mt_getitem),
    ("expand", mt_expand),
];

/// Attributes and repr of pattern/match objects.
pub fn re_getattr(o: &Obj, name: &str) -> Option<Obj> {
    if o.is_type(&MATCH_TYPE) {
        let m = match_of(o);
        return match name {
            "string" => Some(m.string.clone()),
            "pos" => Some(Obj::int(m.pos as i64)),
            "endpos" => Some(Obj::int(m.endpos as i64)),
            "lastindex" => Some(m.lastindex.map(|g| Obj::int(g as i64)).unwrap_or_else(Obj::none)),
            "lastgroup" => Some(
                m.lastindex
                    .and_then(|g| m.re.names.iter().find(|(_, i)| *i == g))
                    .map(|(n, _)| Obj::str(n))
                    .unwrap_or_else(Obj::none),
            ),
            "regs" => Some(Obj::tuple(
                m.spans
                    .iter()
                    .map(|s| {
                        let (a, b) = s.map(|(a, b)| (a as i64, b as i64)).unwrap_or((-1, -1));
                        Obj::tuple(vec![Obj::int(a), Obj::int(b)])
                    })
                    .collect(),
            )),
            "re" => Some(new_pattern(m.re.clone())),
            _ => None,
        };
    }
    if o.is_type(&PATTERN_TYPE) {
        let re = pattern_of(o).ok()?;
        return match name {
            "pattern" => Some(re.pattern.clone()),
            "groups" => Some(Obj::int(re.ngroups as i64)),
            "flags" => Some(Obj::int((re.flags | 32) as i64)),
            "groupindex" => {
                let d = new_dict();
                for (n, g) in &re.names {
                    let _ = dict_set(&d, Obj::str(n), Obj::int(*g as i64));
                }
                Some(d)
            }
            _ => None,
        };
    }
    None
}

pub fn re_repr(o: &Obj) -> Option<String> {
    if o.is_type(&MATCH_TYPE) {
        let m = match_of(o);
        let (a, b) = m.spans[0].unwrap_or((0, 0));
        let text: String = m.chars[a..b].iter().collect();
        return Some(format!("<re.Match object; span=({}, {}), match={}>", a, b, crate::objects::str::str_repr(&text)));
    }
    if o.is_type(&PATTERN_TYPE) {
        let re = pattern_of(o).ok()?;
        return Some(format!("re.compile({})", ops::repr_string(&re.pattern).ok()?));
    }
    None
}

static HOOKS: crate::hooks::Re = crate::hooks::Re {
    getattr: re_getattr,
    repr: re_repr,
    is_match: |o| o.is_type(&MATCH_TYPE),
    dealloc: |ty, addr| {
        if std::ptr::eq(ty, &PATTERN_TYPE) || std::ptr::eq(ty, &MATCH_TYPE) {
            forget(addr);
        }
    },
};

pub fn make_module() -> PyResult {
    crate::hooks::RE.install(&HOOKS);
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("re"))?;
    let fns: &[(&'static str, BuiltinFn)] = &[
        ("match", re_match),
        ("search", re_search),
        ("fullmatch", re_fullmatch),
        ("findall", re_findall),
        ("finditer", re_finditer),
        ("sub", re_sub),
        ("subn", re_subn),
        ("split", re_split),
        ("compile", re_compile),
        ("escape", re_escape),
    ];
    for (n, f) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *f))?;
    }
    for (n, v) in [("I", I), ("IGNORECASE", I), ("M", M), ("MULTILINE", M), ("S", S), ("DOTALL", S), ("X", X), ("VERBOSE", X), ("A", 256), ("ASCII", 256), ("U", 32), ("UNICODE", 32)] {
        dict_set(&d, Obj::str(n), Obj::int(v as i64))?;
    }
    dict_set(&d, Obj::str("error"), RE_ERROR.obj())?;
    dict_set(&d, Obj::str("Pattern"), PATTERN_TYPE.obj())?;
    dict_set(&d, Obj::str("Match"), MATCH_TYPE.obj())?;
    let _ = alloc::<()>;
    Ok(crate::objects::module::new_module("re", d))
}
