//! The matching engine of `_sre`: interprets the SRE code that CPython's re/_compiler.py
//! produces (3.11 opcodes, MAGIC 20220615) like Modules/_sre/sre_lib.h, over a text of u8 (bytes,
//! ASCII str) or u32 (other str) code points. Backtracking uses an explicit context stack, never
//! Rust recursion, so deep patterns cannot overflow the (wasm) stack.
use super::sre_unicode as uni;

pub const MAGIC: i64 = 20220615;
pub const MAXREPEAT: u32 = u32::MAX;
pub const MAXGROUPS: usize = (u32::MAX / 4) as usize; // 2**30 - 1 with 4-byte codes

// opcodes
pub const FAILURE: u32 = 0;
pub const SUCCESS: u32 = 1;
const ANY: u32 = 2;
const ANY_ALL: u32 = 3;
const ASSERT: u32 = 4;
const ASSERT_NOT: u32 = 5;
const AT: u32 = 6;
const BRANCH: u32 = 7;
const CATEGORY: u32 = 8;
const CHARSET: u32 = 9;
const BIGCHARSET: u32 = 10;
const GROUPREF: u32 = 11;
const GROUPREF_EXISTS: u32 = 12;
const IN: u32 = 13;
const INFO: u32 = 14;
const JUMP: u32 = 15;
const LITERAL: u32 = 16;
const MARK: u32 = 17;
const MAX_UNTIL: u32 = 18;
const MIN_UNTIL: u32 = 19;
const NOT_LITERAL: u32 = 20;
const NEGATE: u32 = 21;
const RANGE: u32 = 22;
const REPEAT: u32 = 23;
const REPEAT_ONE: u32 = 24;
const MIN_REPEAT_ONE: u32 = 26;
const ATOMIC_GROUP: u32 = 27;
const POSSESSIVE_REPEAT: u32 = 28;
const POSSESSIVE_REPEAT_ONE: u32 = 29;
const GROUPREF_IGNORE: u32 = 30;
const IN_IGNORE: u32 = 31;
const LITERAL_IGNORE: u32 = 32;
const NOT_LITERAL_IGNORE: u32 = 33;
const GROUPREF_LOC_IGNORE: u32 = 34;
const IN_LOC_IGNORE: u32 = 35;
const LITERAL_LOC_IGNORE: u32 = 36;
const NOT_LITERAL_LOC_IGNORE: u32 = 37;
const GROUPREF_UNI_IGNORE: u32 = 38;
const IN_UNI_IGNORE: u32 = 39;
const LITERAL_UNI_IGNORE: u32 = 40;
const NOT_LITERAL_UNI_IGNORE: u32 = 41;
const RANGE_UNI_IGNORE: u32 = 42;

const INFO_PREFIX: u32 = 1;
const INFO_LITERAL: u32 = 2;
const INFO_CHARSET: u32 = 4;

/// A mark that was not set (CPython's NULL pointer).
pub const NONE: usize = usize::MAX;

/// The engine found code it cannot run (CPython: "internal error in regular expression engine").
#[derive(Debug)]
pub struct Illegal;
type Res<T> = Result<T, Illegal>;

// ---------------------------------------------------------------- characters

use crate::objects::str::in_ranges;

fn mapped(t: &[(u32, u32)], c: u32) -> u32 {
    match t.binary_search_by_key(&c, |&(k, _)| k) {
        Ok(i) => t[i].1,
        Err(_) => c,
    }
}

pub fn lower_ascii(c: u32) -> u32 {
    if (b'A' as u32..=b'Z' as u32).contains(&c) {
        c + 32
    } else {
        c
    }
}
fn upper_ascii(c: u32) -> u32 {
    if (b'a' as u32..=b'z' as u32).contains(&c) {
        c - 32
    } else {
        c
    }
}
/// The "C"/UTF-8 locale of the tests: 8-bit case mapping is ASCII's.
fn lower_locale(c: u32) -> u32 {
    lower_ascii(c)
}
fn upper_locale(c: u32) -> u32 {
    upper_ascii(c)
}
pub fn lower_unicode(c: u32) -> u32 {
    if c < 128 {
        lower_ascii(c)
    } else {
        mapped(&uni::LOWER, c)
    }
}
pub fn upper_unicode(c: u32) -> u32 {
    if c < 128 {
        upper_ascii(c)
    } else {
        mapped(&uni::UPPER, c)
    }
}
fn is_digit(c: u32) -> bool {
    (b'0' as u32..=b'9' as u32).contains(&c)
}
fn is_space(c: u32) -> bool {
    c == 32 || (9..=13).contains(&c)
}
fn is_word(c: u32) -> bool {
    c < 128 && ((c as u8).is_ascii_alphanumeric() || c == b'_' as u32)
}
fn is_loc_word(c: u32) -> bool {
    is_word(c)
}
fn is_uni_alnum(c: u32) -> bool {
    if c < 128 {
        (c as u8).is_ascii_alphanumeric()
    } else {
        in_ranges(&uni::ALNUM, c)
    }
}
fn is_uni_word(c: u32) -> bool {
    c == b'_' as u32 || is_uni_alnum(c)
}
fn is_uni_digit(c: u32) -> bool {
    if c < 128 {
        is_digit(c)
    } else {
        in_ranges(&uni::DECIMAL, c)
    }
}
fn is_uni_space(c: u32) -> bool {
    if c < 128 {
        is_space(c) || (28..=31).contains(&c)
    } else {
        in_ranges(&uni::SPACE, c)
    }
}
fn is_uni_linebreak(c: u32) -> bool {
    in_ranges(&uni::LINEBREAK, c)
}

fn category(cat: u32, c: u32) -> bool {
    match cat {
        0 => is_digit(c),
        1 => !is_digit(c),
        2 => is_space(c),
        3 => !is_space(c),
        4 => is_word(c),
        5 => !is_word(c),
        6 => c == 10,
        7 => c != 10,
        8 => is_loc_word(c),
        9 => !is_loc_word(c),
        10 => is_uni_digit(c),
        11 => !is_uni_digit(c),
        12 => is_uni_space(c),
        13 => !is_uni_space(c),
        14 => is_uni_word(c),
        15 => !is_uni_word(c),
        16 => is_uni_linebreak(c),
        17 => !is_uni_linebreak(c),
        _ => false,
    }
}

fn char_loc_ignore(pat: u32, c: u32) -> bool {
    c == pat || lower_locale(c) == pat || upper_locale(c) == pat
}

/// Is `c` in the set starting at `code[i]` (a sequence of set items ending in FAILURE)?
fn charset(code: &[u32], mut i: usize, c: u32) -> bool {
    let mut ok = true;
    loop {
        let op = code[i];
        i += 1;
        match op {
            FAILURE => return !ok,
            LITERAL => {
                if c == code[i] {
                    return ok;
                }
                i += 1;
            }
            CATEGORY => {
                if category(code[i], c) {
                    return ok;
                }
                i += 1;
            }
            CHARSET => {
                if c < 256 && code[i + (c as usize >> 5)] & (1u32 << (c & 31)) != 0 {
                    return ok;
                }
                i += 8;
            }
            RANGE => {
                if code[i] <= c && c <= code[i + 1] {
                    return ok;
                }
                i += 2;
            }
            RANGE_UNI_IGNORE => {
                if code[i] <= c && c <= code[i + 1] {
                    return ok;
                }
                let u = upper_unicode(c);
                if code[i] <= u && u <= code[i + 1] {
                    return ok;
                }
                i += 2;
            }
            NEGATE => ok = !ok,
            BIGCHARSET => {
                let count = code[i] as usize;
                i += 1;
                if c < 0x10000 {
                    let hi = (c >> 8) as usize;
                    let block = (code[i + hi / 4] >> (8 * (hi % 4))) & 0xff;
                    let bits = i + 64 + block as usize * 8;
                    let lo = c & 255;
                    if code[bits + (lo as usize >> 5)] & (1u32 << (lo & 31)) != 0 {
                        return ok;
                    }
                }
                i += 64 + count * 8;
            }
            _ => return false,
        }
    }
}

fn charset_loc_ignore(code: &[u32], i: usize, c: u32) -> bool {
    let lo = lower_locale(c);
    if charset(code, i, lo) {
        return true;
    }
    let up = upper_locale(c);
    up != lo && charset(code, i, up)
}

// ---------------------------------------------------------------- state

/// A code point sequence the engine runs over.
pub trait Text {
    fn n(&self) -> usize;
    fn at(&self, i: usize) -> u32;
}
impl Text for [u8] {
    #[inline]
    fn n(&self) -> usize {
        self.len()
    }
    #[inline]
    fn at(&self, i: usize) -> u32 {
        self[i] as u32
    }
}
impl Text for [u32] {
    #[inline]
    fn n(&self) -> usize {
        self.len()
    }
    #[inline]
    fn at(&self, i: usize) -> u32 {
        self[i]
    }
}

struct Repeat {
    count: isize,
    pc: usize, // the REPEAT's <skip> word: pc+1 = min, pc+2 = max, pc+3 = the item
    last_ptr: usize,
    prev: Option<usize>,
}

/// SRE_STATE: positions are code point indices; `beginning` is always 0.
pub struct State {
    pub start: usize,
    pub ptr: usize,
    pub end: usize,
    pub pos: usize,
    pub endpos: usize,
    pub marks: Vec<usize>,
    pub lastmark: isize,
    pub lastindex: isize,
    pub match_all: bool,
    pub must_advance: bool,
    repeat: Option<usize>,
    repeats: Vec<Repeat>,
    data: Vec<usize>,
}

impl State {
    /// A state over a text of `len` code points, pos/endpos clamped like CPython's state_init.
    pub fn new(len: usize, groups: usize, pos: isize, endpos: isize) -> State {
        let clamp = |v: isize| if v < 0 { 0 } else if v as usize > len { len } else { v as usize };
        let (start, end) = (clamp(pos), clamp(endpos));
        State {
            start,
            ptr: start,
            end,
            pos: start,
            endpos: end,
            marks: vec![NONE; groups * 2],
            lastmark: -1,
            lastindex: -1,
            match_all: false,
            must_advance: false,
            repeat: None,
            repeats: Vec::new(),
            data: Vec::new(),
        }
    }
    pub fn reset(&mut self) {
        self.lastmark = -1;
        self.lastindex = -1;
        self.repeat = None;
        self.repeats.clear();
        self.data.clear();
    }
    /// The span of group `g` (1-based) after a successful match, if it matched.
    pub fn group_span(&self, g: usize) -> Option<(usize, usize)> {
        let j = (g - 1) * 2;
        if (j + 1) as isize <= self.lastmark && self.marks[j] != NONE && self.marks[j + 1] != NONE {
            Some((self.marks[j], self.marks[j + 1]))
        } else {
            None
        }
    }
    fn mark_push(&mut self, lastmark: isize) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            self.data.extend_from_slice(&self.marks[..n]);
        }
    }
    fn mark_pop(&mut self, lastmark: isize, keep: bool) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            let base = self.data.len() - n;
            self.marks[..n].copy_from_slice(&self.data[base..]);
            if !keep {
                self.data.truncate(base);
            }
        }
    }
    fn mark_discard(&mut self, lastmark: isize) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            let len = self.data.len();
            self.data.truncate(len - n);
        }
    }
    fn at<T: Text + ?Sized>(&self, t: &T, ptr: usize, at: u32) -> bool {
        let end = self.end;
        // (word before, word here) for the boundary codes; never a boundary in an empty text
        let edge = |f: fn(u32) -> bool| (ptr > 0 && f(t.at(ptr - 1)), ptr < end && f(t.at(ptr)));
        match at {
            0 | 2 => ptr == 0,
            1 => ptr == 0 || t.at(ptr - 1) == 10,
            5 => (ptr + 1 == end && t.at(ptr) == 10) || ptr == end,
            6 => ptr == end || t.at(ptr) == 10,
            7 => ptr == end,
            3 | 4 | 8 | 9 | 10 | 11 if end == 0 => false,
            3 | 8 | 10 => {
                let (a, b) = edge(match at { 3 => is_word, 8 => is_loc_word, _ => is_uni_word });
                a != b
            }
            4 | 9 | 11 => {
                let (a, b) = edge(match at { 4 => is_word, 9 => is_loc_word, _ => is_uni_word });
                a == b
            }
            _ => false,
        }
    }
}

/// Does the single-character item at `code[pc]` (a unit opcode) match `c`?
fn unit_match(code: &[u32], pc: usize, c: u32) -> Option<bool> {
    let arg = code.get(pc + 1).copied().unwrap_or(0);
    Some(match code[pc] {
        ANY => c != 10,
        ANY_ALL => true,
        LITERAL => c == arg,
        NOT_LITERAL => c != arg,
        LITERAL_IGNORE => lower_ascii(c) == arg,
        NOT_LITERAL_IGNORE => lower_ascii(c) != arg,
        LITERAL_UNI_IGNORE => lower_unicode(c) == arg,
        NOT_LITERAL_UNI_IGNORE => lower_unicode(c) != arg,
        LITERAL_LOC_IGNORE => char_loc_ignore(arg, c),
        NOT_LITERAL_LOC_IGNORE => !char_loc_ignore(arg, c),
        IN => charset(code, pc + 2, c),
        IN_IGNORE => charset(code, pc + 2, lower_ascii(c)),
        IN_UNI_IGNORE => charset(code, pc + 2, lower_unicode(c)),
        IN_LOC_IGNORE => charset_loc_ignore(code, pc + 2, c),
        CATEGORY => category(arg, c),
        _ => return None,
    })
}

/// SRE(count): how many times (up to `maxcount`) the unit item at `pc` matches from st.ptr.
fn count<T: Text + ?Sized>(st: &mut State, t: &T, code: &[u32], pc: usize, maxcount: u32) -> Res<usize> {
    let start = st.ptr;
    let mut end = st.end;
    if maxcount != MAXREPEAT && (maxcount as usize) < end - start {
        end = start + maxcount as usize;
    }
    let mut p = start;
    match code[pc] {
        ANY_ALL => p = end,
        ANY => {
            while p < end && t.at(p) != 10 {
                p += 1;
            }
        }
        LITERAL => {
            let c = code[pc + 1];
            while p < end && t.at(p) == c {
                p += 1;
            }
        }
        NOT_LITERAL => {
            let c = code[pc + 1];
            while p < end && t.at(p) != c {
                p += 1;
            }
        }
        IN => {
            while p < end && charset(code, pc + 2, t.at(p)) {
                p += 1;
            }
        }
        LITERAL_IGNORE | NOT_LITERAL_IGNORE | LITERAL_UNI_IGNORE | NOT_LITERAL_UNI_IGNORE | LITERAL_LOC_IGNORE
        | NOT_LITERAL_LOC_IGNORE | IN_IGNORE | IN_UNI_IGNORE | IN_LOC_IGNORE | CATEGORY => {
            while p < end && unit_match(code, pc, t.at(p)) == Some(true) {
                p += 1;
            }
        }
        _ => {
            // a general single-width subpattern (not produced by re._compiler): match it repeatedly
            while st.ptr < end {
                let from = st.ptr;
                if !run(st, t, code, pc, false)? || st.ptr == from {
                    break;
                }
            }
            let n = st.ptr - start;
            st.ptr = start;
            return Ok(n);
        }
    }
    Ok(p - start)
}

// ---------------------------------------------------------------- the matcher

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Jump {
    None,
    MaxUntil1,
    MaxUntil2,
    MaxUntil3,
    MinUntil1,
    MinUntil2,
    MinUntil3,
    Repeat,
    RepeatOne1,
    RepeatOne2,
    MinRepeatOne,
    Branch,
    Assert,
    AssertNot,
    PossRepeat1,
    PossRepeat2,
    AtomicGroup,
}

/// One activation of SRE(match) (CPython's match_context).
struct Ctx {
    pc: usize,
    ptr: usize,
    count: isize,
    u: usize, // a literal character or a repeat index
    lastmark: isize,
    lastindex: isize,
    toplevel: bool,
    jump: Jump,
}

enum Step {
    Entrance,
    Dispatch,
    Exit(bool),
}

/// SRE(match): does the code at `pc` match at st.ptr? On success st.ptr is the end of the match.
pub fn run<T: Text + ?Sized>(st: &mut State, t: &T, code: &[u32], pc0: usize, toplevel: bool) -> Res<bool> {
    let end = st.end;
    let mut stack: Vec<Ctx> = Vec::with_capacity(16);
    stack.push(Ctx { pc: pc0, ptr: 0, count: 0, u: 0, lastmark: -1, lastindex: -1, toplevel, jump: Jump::None });
    let mut pc = pc0;
    let mut ptr = st.ptr;
    let mut step = Step::Entrance;

    macro_rules! ctx {
        () => {
            stack.last_mut().unwrap()
        };
    }
    macro_rules! save_lastmark {
        () => {{
            let (lm, li) = (st.lastmark, st.lastindex);
            let c = ctx!();
            c.lastmark = lm;
            c.lastindex = li;
        }};
    }
    macro_rules! restore_lastmark {
        () => {{
            let c = stack.last().unwrap();
            st.lastmark = c.lastmark;
            st.lastindex = c.lastindex;
        }};
    }
    // Starts a child context at `$next` that returns into the parent with `$jump`.
    macro_rules! call {
        ($jump:expr, $next:expr, $toplevel:expr) => {{
            let next = $next;
            let tl = $toplevel;
            {
                let c = ctx!();
                c.pc = pc;
                c.ptr = ptr;
            }
            stack.push(Ctx { pc: next, ptr: 0, count: 0, u: 0, lastmark: -1, lastindex: -1, toplevel: tl, jump: $jump });
            pc = next;
            step = Step::Entrance;
        }};
    }
    macro_rules! fail {
        () => {{
            step = Step::Exit(false);
        }};
    }

    loop {
        match step {
            Step::Entrance => {
                ptr = st.ptr;
                if code[pc] == INFO {
                    let min = code[pc + 3] as usize;
                    if min != 0 && end.saturating_sub(ptr) < min {
                        step = Step::Exit(false);
                        continue;
                    }
                    pc += code[pc + 1] as usize + 1;
                }
                step = Step::Dispatch;
            }
            Step::Dispatch => {
                let op = code[pc];
                pc += 1;
                match op {
                    MARK => {
                        let i = code[pc] as isize;
                        if i & 1 != 0 {
                            st.lastindex = i / 2 + 1;
                        }
                        if i > st.lastmark {
                            let mut j = st.lastmark + 1;
                            while j < i {
                                st.marks[j as usize] = NONE;
                                j += 1;
                            }
                            st.lastmark = i;
                        }
                        st.marks[i as usize] = ptr;
                        pc += 1;
                    }
                    LITERAL => {
                        if ptr >= end || t.at(ptr) != code[pc] {
                            fail!();
                            continue;
                        }
                        pc += 1;
                        ptr += 1;
                    }
                    NOT_LITERAL => {
                        if ptr >= end || t.at(ptr) == code[pc] {
                            fail!();
                            continue;
                        }
                        pc += 1;
                        ptr += 1;
                    }
                    SUCCESS => {
                        let top = stack.last().unwrap().toplevel;
                        if top && ((st.match_all && ptr != st.end) || (st.must_advance && ptr == st.start)) {
                            fail!();
                            continue;
                        }
                        st.ptr = ptr;
                        step = Step::Exit(true);
                    }
                    AT => {
                        if !st.at(t, ptr, code[pc]) {
                            fail!();
                            continue;
                        }
                        pc += 1;
                    }
                    CATEGORY => {
                        if ptr >= end || !category(code[pc], t.at(ptr)) {
                            fail!();
                            continue;
                        }
                        pc += 1;
                        ptr += 1;
                    }
                    ANY => {
                        if ptr >= end || t.at(ptr) == 10 {
                            fail!();
                            continue;
                        }
                        ptr += 1;
                    }
                    ANY_ALL => {
                        if ptr >= end {
                            fail!();
                            continue;
                        }
                        ptr += 1;
                    }
                    IN | IN_IGNORE | IN_UNI_IGNORE | IN_LOC_IGNORE => {
                        if ptr >= end {
                            fail!();
                            continue;
                        }
                        let c = t.at(ptr);
                        let ok = match op {
                            IN => charset(code, pc + 1, c),
                            IN_IGNORE => charset(code, pc + 1, lower_ascii(c)),
                            IN_UNI_IGNORE => charset(code, pc + 1, lower_unicode(c)),
                            _ => charset_loc_ignore(code, pc + 1, c),
                        };
                        if !ok {
                            fail!();
                            continue;
                        }
                        pc += code[pc] as usize;
                        ptr += 1;
                    }
                    LITERAL_IGNORE | LITERAL_UNI_IGNORE | LITERAL_LOC_IGNORE | NOT_LITERAL_IGNORE
                    | NOT_LITERAL_UNI_IGNORE | NOT_LITERAL_LOC_IGNORE => {
                        if ptr >= end || unit_match(code, pc - 1, t.at(ptr)) != Some(true) {
                            fail!();
                            continue;
                        }
                        pc += 1;
                        ptr += 1;
                    }
                    JUMP | INFO => {
                        pc += code[pc] as usize;
                    }
                    BRANCH => {
                        save_lastmark!();
                        if st.repeat.is_some() {
                            let lm = stack.last().unwrap().lastmark;
                            st.mark_push(lm);
                        }
                        match branch_next(t, code, pc, ptr, end) {
                            Some(alt) => {
                                st.ptr = ptr;
                                pc = alt;
                                call!(Jump::Branch, alt + 1, stack.last().unwrap().toplevel);
                            }
                            None => {
                                if st.repeat.is_some() {
                                    let lm = stack.last().unwrap().lastmark;
                                    st.mark_discard(lm);
                                }
                                fail!();
                            }
                        }
                    }
                    REPEAT_ONE => {
                        let min = code[pc + 1] as usize;
                        if min > end - ptr {
                            fail!();
                            continue;
                        }
                        st.ptr = ptr;
                        let n = count(st, t, code, pc + 3, code[pc + 2])?;
                        ptr += n;
                        ctx!().count = n as isize;
                        if n < min {
                            fail!();
                            continue;
                        }
                        let tail = pc + code[pc] as usize;
                        let tl = stack.last().unwrap().toplevel;
                        if code[tail] == SUCCESS && ptr == st.end && !(tl && st.must_advance && ptr == st.start) {
                            st.ptr = ptr;
                            step = Step::Exit(true);
                            continue;
                        }
                        save_lastmark!();
                        if st.repeat.is_some() {
                            let lm = stack.last().unwrap().lastmark;
                            st.mark_push(lm);
                        }
                        if code[tail] == LITERAL {
                            ctx!().u = code[tail + 1] as usize;
                            step = repeat_one_literal(st, t, code, &mut stack, &mut pc, &mut ptr);
                        } else {
                            step = repeat_one_general(st, code, &mut stack, &mut pc, &mut ptr);
                        }
                    }
                    MIN_REPEAT_ONE => {
                        let min = code[pc + 1] as usize;
                        if min > end - ptr {
                            fail!();
                            continue;
                        }
                        st.ptr = ptr;
                        let mut n = 0;
                        if min != 0 {
                            n = count(st, t, code, pc + 3, code[pc + 1])?;
                            if n < min {
                                fail!();
                                continue;
                            }
                            ptr += n;
                        }
                        ctx!().count = n as isize;
                        let tail = pc + code[pc] as usize;
                        let tl = stack.last().unwrap().toplevel;
                        if code[tail] == SUCCESS
                            && !(tl && ((st.match_all && ptr != st.end) || (st.must_advance && ptr == st.start)))
                        {
                            st.ptr = ptr;
                            step = Step::Exit(true);
                            continue;
                        }
                        save_lastmark!();
                        if st.repeat.is_some() {
                            let lm = stack.last().unwrap().lastmark;
                            st.mark_push(lm);
                        }
                        step = min_repeat_one_next(st, code, &mut stack, &mut pc, &mut ptr);
                    }
                    POSSESSIVE_REPEAT_ONE => {
                        let min = code[pc + 1] as usize;
                        if ptr + min > end {
                            fail!();
                            continue;
                        }
                        st.ptr = ptr;
                        let n = count(st, t, code, pc + 3, code[pc + 2])?;
                        ptr += n;
                        if n < min {
                            fail!();
                            continue;
                        }
                        pc += code[pc] as usize;
                        let tl = stack.last().unwrap().toplevel;
                        if code[pc] == SUCCESS && ptr == st.end && !(tl && st.must_advance && ptr == st.start) {
                            st.ptr = ptr;
                            step = Step::Exit(true);
                        }
                    }
                    REPEAT => {
                        let idx = st.repeats.len();
                        st.repeats.push(Repeat { count: -1, pc, last_ptr: NONE, prev: st.repeat });
                        st.repeat = Some(idx);
                        ctx!().u = idx;
                        st.ptr = ptr;
                        call!(Jump::Repeat, pc + code[pc] as usize, stack.last().unwrap().toplevel);
                    }
                    MAX_UNTIL => {
                        let ri = match st.repeat {
                            Some(r) => r,
                            None => return Err(Illegal),
                        };
                        ctx!().u = ri;
                        st.ptr = ptr;
                        let n = st.repeats[ri].count + 1;
                        ctx!().count = n;
                        let rpc = st.repeats[ri].pc;
                        let (min, max) = (code[rpc + 1], code[rpc + 2]);
                        let tl = stack.last().unwrap().toplevel;
                        if n < min as isize {
                            st.repeats[ri].count = n;
                            call!(Jump::MaxUntil1, rpc + 3, tl);
                            continue;
                        }
                        if (n < max as isize || max == MAXREPEAT) && st.ptr != st.repeats[ri].last_ptr {
                            st.repeats[ri].count = n;
                            save_lastmark!();
                            let lm = stack.last().unwrap().lastmark;
                            st.mark_push(lm);
                            let lp = st.repeats[ri].last_ptr;
                            st.data.push(lp);
                            st.repeats[ri].last_ptr = st.ptr;
                            call!(Jump::MaxUntil2, rpc + 3, tl);
                            continue;
                        }
                        st.repeat = st.repeats[ri].prev;
                        call!(Jump::MaxUntil3, pc, tl);
                    }
                    MIN_UNTIL => {
                        let ri = match st.repeat {
                            Some(r) => r,
                            None => return Err(Illegal),
                        };
                        ctx!().u = ri;
                        st.ptr = ptr;
                        let n = st.repeats[ri].count + 1;
                        ctx!().count = n;
                        let rpc = st.repeats[ri].pc;
                        let tl = stack.last().unwrap().toplevel;
                        if n < code[rpc + 1] as isize {
                            st.repeats[ri].count = n;
                            call!(Jump::MinUntil1, rpc + 3, tl);
                            continue;
                        }
                        st.repeat = st.repeats[ri].prev;
                        save_lastmark!();
                        if st.repeat.is_some() {
                            let lm = stack.last().unwrap().lastmark;
                            st.mark_push(lm);
                        }
                        call!(Jump::MinUntil2, pc, tl);
                    }
                    POSSESSIVE_REPEAT => {
                        st.ptr = ptr;
                        ctx!().count = 0;
                        if code[pc + 1] > 0 {
                            call!(Jump::PossRepeat1, pc + 3, false);
                        } else {
                            step = poss_repeat_next(st, code, &mut stack, &mut pc, &mut ptr);
                        }
                    }
                    ATOMIC_GROUP => {
                        st.ptr = ptr;
                        call!(Jump::AtomicGroup, pc + 1, false);
                    }
                    GROUPREF | GROUPREF_IGNORE | GROUPREF_UNI_IGNORE | GROUPREF_LOC_IGNORE => {
                        let g = code[pc] as usize * 2;
                        if g as isize >= st.lastmark {
                            fail!();
                            continue;
                        }
                        let (p, e) = (st.marks[g], st.marks[g + 1]);
                        if p == NONE || e == NONE || e < p {
                            fail!();
                            continue;
                        }
                        let fold: fn(u32) -> u32 = match op {
                            GROUPREF => |c| c,
                            GROUPREF_IGNORE => lower_ascii,
                            GROUPREF_UNI_IGNORE => lower_unicode,
                            _ => lower_locale,
                        };
                        let mut ok = true;
                        for k in p..e {
                            if ptr >= end || fold(t.at(ptr)) != fold(t.at(k)) {
                                ok = false;
                                break;
                            }
                            ptr += 1;
                        }
                        if !ok {
                            fail!();
                            continue;
                        }
                        pc += 1;
                    }
                    GROUPREF_EXISTS => {
                        let g = code[pc] as usize * 2;
                        let exists = (g as isize) < st.lastmark && {
                            let (p, e) = (st.marks[g], st.marks[g + 1]);
                            !(p == NONE || e == NONE || e < p)
                        };
                        if exists {
                            pc += 2;
                        } else {
                            pc += code[pc + 1] as usize;
                        }
                    }
                    ASSERT => {
                        let back = code[pc + 1] as usize;
                        if ptr < back {
                            fail!();
                            continue;
                        }
                        st.ptr = ptr - back;
                        call!(Jump::Assert, pc + 2, false);
                    }
                    ASSERT_NOT => {
                        let back = code[pc + 1] as usize;
                        if ptr >= back {
                            st.ptr = ptr - back;
                            save_lastmark!();
                            if st.repeat.is_some() {
                                let lm = stack.last().unwrap().lastmark;
                                st.mark_push(lm);
                            }
                            call!(Jump::AssertNot, pc + 2, false);
                        } else {
                            pc += code[pc] as usize;
                        }
                    }
                    FAILURE => fail!(),
                    _ => return Err(Illegal),
                }
            }
            Step::Exit(ret) => {
                let child = stack.pop().unwrap();
                if stack.is_empty() {
                    return Ok(ret);
                }
                {
                    let c = stack.last().unwrap();
                    pc = c.pc;
                    ptr = c.ptr;
                }
                step = Step::Dispatch;
                match child.jump {
                    Jump::None => return Ok(ret),
                    Jump::Branch => {
                        let lm = stack.last().unwrap().lastmark;
                        if ret {
                            if st.repeat.is_some() {
                                st.mark_discard(lm);
                            }
                            step = Step::Exit(true);
                            continue;
                        }
                        if st.repeat.is_some() {
                            st.mark_pop(lm, true);
                        }
                        restore_lastmark!();
                        match branch_next(t, code, pc + code[pc] as usize, ptr, end) {
                            Some(alt) => {
                                st.ptr = ptr;
                                pc = alt;
                                call!(Jump::Branch, alt + 1, stack.last().unwrap().toplevel);
                            }
                            None => {
                                if st.repeat.is_some() {
                                    st.mark_discard(lm);
                                }
                                fail!();
                            }
                        }
                    }
                    Jump::RepeatOne1 | Jump::RepeatOne2 => {
                        let lm = stack.last().unwrap().lastmark;
                        if ret {
                            if st.repeat.is_some() {
                                st.mark_discard(lm);
                            }
                            step = Step::Exit(true);
                            continue;
                        }
                        if st.repeat.is_some() {
                            st.mark_pop(lm, true);
                        }
                        restore_lastmark!();
                        ptr = ptr.wrapping_sub(1);
                        ctx!().count -= 1;
                        step = if child.jump == Jump::RepeatOne1 {
                            repeat_one_literal(st, t, code, &mut stack, &mut pc, &mut ptr)
                        } else {
                            repeat_one_general(st, code, &mut stack, &mut pc, &mut ptr)
                        };
                    }
                    Jump::MinRepeatOne => {
                        let lm = stack.last().unwrap().lastmark;
                        if ret {
                            if st.repeat.is_some() {
                                st.mark_discard(lm);
                            }
                            step = Step::Exit(true);
                            continue;
                        }
                        if st.repeat.is_some() {
                            st.mark_pop(lm, true);
                        }
                        restore_lastmark!();
                        st.ptr = ptr;
                        if count(st, t, code, pc + 3, 1)? == 0 {
                            if st.repeat.is_some() {
                                st.mark_discard(lm);
                            }
                            fail!();
                            continue;
                        }
                        ptr += 1;
                        ctx!().count += 1;
                        step = min_repeat_one_next(st, code, &mut stack, &mut pc, &mut ptr);
                    }
                    Jump::Repeat => {
                        let ri = stack.last().unwrap().u;
                        st.repeat = st.repeats[ri].prev;
                        st.repeats.truncate(ri);
                        step = Step::Exit(ret);
                    }
                    Jump::MaxUntil1 | Jump::MinUntil1 => {
                        if ret {
                            step = Step::Exit(true);
                            continue;
                        }
                        let c = stack.last().unwrap();
                        st.repeats[c.u].count = c.count - 1;
                        st.ptr = ptr;
                        fail!();
                    }
                    Jump::MaxUntil2 => {
                        let (ri, n, lm) = {
                            let c = stack.last().unwrap();
                            (c.u, c.count, c.lastmark)
                        };
                        st.repeats[ri].last_ptr = st.data.pop().unwrap();
                        if ret {
                            st.mark_discard(lm);
                            step = Step::Exit(true);
                            continue;
                        }
                        st.mark_pop(lm, false);
                        restore_lastmark!();
                        st.repeats[ri].count = n - 1;
                        st.ptr = ptr;
                        st.repeat = st.repeats[ri].prev;
                        let tl = stack.last().unwrap().toplevel;
                        call!(Jump::MaxUntil3, pc, tl);
                    }
                    Jump::MaxUntil3 => {
                        st.repeat = Some(stack.last().unwrap().u);
                        if ret {
                            step = Step::Exit(true);
                            continue;
                        }
                        st.ptr = ptr;
                        fail!();
                    }
                    Jump::MinUntil2 => {
                        let (ri, n, lm) = {
                            let c = stack.last().unwrap();
                            (c.u, c.count, c.lastmark)
                        };
                        let repeat_of_tail = st.repeat;
                        st.repeat = Some(ri);
                        if ret {
                            if repeat_of_tail.is_some() {
                                st.mark_discard(lm);
                            }
                            step = Step::Exit(true);
                            continue;
                        }
                        if repeat_of_tail.is_some() {
                            st.mark_pop(lm, false);
                        }
                        restore_lastmark!();
                        st.ptr = ptr;
                        let rpc = st.repeats[ri].pc;
                        let max = code[rpc + 2];
                        if (n >= max as isize && max != MAXREPEAT) || st.ptr == st.repeats[ri].last_ptr {
                            fail!();
                            continue;
                        }
                        st.repeats[ri].count = n;
                        let lp = st.repeats[ri].last_ptr;
                        st.data.push(lp);
                        st.repeats[ri].last_ptr = st.ptr;
                        let tl = stack.last().unwrap().toplevel;
                        call!(Jump::MinUntil3, rpc + 3, tl);
                    }
                    Jump::MinUntil3 => {
                        let (ri, n) = {
                            let c = stack.last().unwrap();
                            (c.u, c.count)
                        };
                        st.repeats[ri].last_ptr = st.data.pop().unwrap();
                        if ret {
                            step = Step::Exit(true);
                            continue;
                        }
                        st.repeats[ri].count = n - 1;
                        st.ptr = ptr;
                        fail!();
                    }
                    Jump::PossRepeat1 => {
                        if !ret {
                            st.ptr = ptr;
                            fail!();
                            continue;
                        }
                        ctx!().count += 1;
                        if (ctx!().count as u64) < code[pc + 1] as u64 {
                            call!(Jump::PossRepeat1, pc + 3, false);
                        } else {
                            step = poss_repeat_next(st, code, &mut stack, &mut pc, &mut ptr);
                        }
                    }
                    Jump::PossRepeat2 => {
                        let lm = stack.last().unwrap().lastmark;
                        if ret {
                            st.mark_discard(lm);
                            ctx!().count += 1;
                            // the previous position is in ctx.ptr (restored into `ptr`)
                            step = poss_repeat_loop(st, code, &mut stack, &mut pc, &mut ptr);
                        } else {
                            st.mark_pop(lm, false);
                            restore_lastmark!();
                            st.ptr = ptr;
                            pc += code[pc] as usize + 1;
                            ptr = st.ptr;
                            step = Step::Dispatch;
                        }
                    }
                    Jump::AtomicGroup => {
                        if !ret {
                            st.ptr = ptr;
                            fail!();
                            continue;
                        }
                        pc += code[pc] as usize;
                        ptr = st.ptr;
                    }
                    Jump::Assert => {
                        if !ret {
                            fail!();
                            continue;
                        }
                        pc += code[pc] as usize;
                    }
                    Jump::AssertNot => {
                        let lm = stack.last().unwrap().lastmark;
                        if ret {
                            if st.repeat.is_some() {
                                st.mark_discard(lm);
                            }
                            fail!();
                            continue;
                        }
                        if st.repeat.is_some() {
                            st.mark_pop(lm, false);
                        }
                        restore_lastmark!();
                        pc += code[pc] as usize;
                    }
                }
            }
        }
    }
}

/// The next alternative of a BRANCH at or after `pc` (a <skip> word) whose first item can
/// match at `ptr` (the LITERAL / IN prefilter); None at the end of the branch list.
fn branch_next<T: Text + ?Sized>(t: &T, code: &[u32], mut pc: usize, ptr: usize, end: usize) -> Option<usize> {
    while code[pc] != 0 {
        let op = code[pc + 1];
        let skip = (op == LITERAL && (ptr >= end || t.at(ptr) != code[pc + 2]))
            || (op == IN && (ptr >= end || !charset(code, pc + 3, t.at(ptr))));
        if !skip {
            return Some(pc);
        }
        pc += code[pc] as usize;
    }
    None
}

/// Starts the child call of a resumed loop (helper of the loop functions below).
fn push_child(stack: &mut Vec<Ctx>, pc: &mut usize, ptr: usize, next: usize, jump: Jump, toplevel: bool) -> Step {
    {
        let c = stack.last_mut().unwrap();
        c.pc = *pc;
        c.ptr = ptr;
    }
    stack.push(Ctx { pc: next, ptr: 0, count: 0, u: 0, lastmark: -1, lastindex: -1, toplevel, jump });
    *pc = next;
    Step::Entrance
}

/// REPEAT_ONE with a literal tail: back off to a position followed by that literal, try the tail.
fn repeat_one_literal<T: Text + ?Sized>(
    st: &mut State,
    t: &T,
    code: &[u32],
    stack: &mut Vec<Ctx>,
    pc: &mut usize,
    ptr: &mut usize,
) -> Step {
    let min = code[*pc + 1] as isize;
    let end = st.end;
    let (chr, mut n) = {
        let c = stack.last().unwrap();
        (c.u as u32, c.count)
    };
    while n >= min && (*ptr >= end || t.at(*ptr) != chr) {
        *ptr = ptr.wrapping_sub(1);
        n -= 1;
    }
    stack.last_mut().unwrap().count = n;
    if n < min {
        if st.repeat.is_some() {
            let lm = stack.last().unwrap().lastmark;
            st.mark_discard(lm);
        }
        return Step::Exit(false);
    }
    st.ptr = *ptr;
    let tail = *pc + code[*pc] as usize;
    let tl = stack.last().unwrap().toplevel;
    push_child(stack, pc, *ptr, tail, Jump::RepeatOne1, tl)
}

/// REPEAT_ONE, general tail: try the tail at each count from the largest down.
fn repeat_one_general(st: &mut State, code: &[u32], stack: &mut Vec<Ctx>, pc: &mut usize, ptr: &mut usize) -> Step {
    let min = code[*pc + 1] as isize;
    if stack.last().unwrap().count < min {
        if st.repeat.is_some() {
            let lm = stack.last().unwrap().lastmark;
            st.mark_discard(lm);
        }
        return Step::Exit(false);
    }
    st.ptr = *ptr;
    let tail = *pc + code[*pc] as usize;
    let tl = stack.last().unwrap().toplevel;
    push_child(stack, pc, *ptr, tail, Jump::RepeatOne2, tl)
}

/// MIN_REPEAT_ONE: try the tail at the current count (if still within max).
fn min_repeat_one_next(st: &mut State, code: &[u32], stack: &mut Vec<Ctx>, pc: &mut usize, ptr: &mut usize) -> Step {
    let max = code[*pc + 2];
    let n = stack.last().unwrap().count;
    if max == MAXREPEAT || n <= max as isize {
        st.ptr = *ptr;
        let tail = *pc + code[*pc] as usize;
        let tl = stack.last().unwrap().toplevel;
        return push_child(stack, pc, *ptr, tail, Jump::MinRepeatOne, tl);
    }
    if st.repeat.is_some() {
        let lm = stack.last().unwrap().lastmark;
        st.mark_discard(lm);
    }
    Step::Exit(false)
}

/// POSSESSIVE_REPEAT after the minimum: ptr = NULL, then the greedy loop.
fn poss_repeat_next(st: &mut State, code: &[u32], stack: &mut Vec<Ctx>, pc: &mut usize, ptr: &mut usize) -> Step {
    *ptr = NONE;
    poss_repeat_loop(st, code, stack, pc, ptr)
}

/// One turn of POSSESSIVE_REPEAT's greedy loop (`ptr` = the position before the last turn).
fn poss_repeat_loop(st: &mut State, code: &[u32], stack: &mut Vec<Ctx>, pc: &mut usize, ptr: &mut usize) -> Step {
    let max = code[*pc + 2];
    let n = stack.last().unwrap().count;
    if (n < max as isize || max == MAXREPEAT) && st.ptr != *ptr {
        let (lm, li) = (st.lastmark, st.lastindex);
        {
            let c = stack.last_mut().unwrap();
            c.lastmark = lm;
            c.lastindex = li;
        }
        st.mark_push(lm);
        *ptr = st.ptr;
        return push_child(stack, pc, *ptr, *pc + 3, Jump::PossRepeat2, false);
    }
    *pc += code[*pc] as usize + 1;
    *ptr = st.ptr;
    Step::Dispatch
}

// ---------------------------------------------------------------- search

/// SRE(search): the first match at or after st.start. On success st.start/st.ptr are its span.
pub fn search<T: Text + ?Sized>(st: &mut State, t: &T, code: &[u32]) -> Res<bool> {
    let mut ptr = st.start;
    let mut end = st.end;
    if ptr > end {
        return Ok(false);
    }
    let mut pc = 0;
    let mut flags = 0;
    let mut prefix: Option<(usize, usize, usize)> = None; // (len, skip, index of the prefix)
    let mut charset_at: Option<usize> = None;
    if code[0] == INFO {
        flags = code[2];
        let min = code[3] as usize;
        if min != 0 && end - ptr < min {
            return Ok(false);
        }
        if min > 1 {
            end -= min - 1;
            if end <= ptr {
                end = ptr;
            }
        }
        if flags & INFO_PREFIX != 0 {
            prefix = Some((code[5] as usize, code[6] as usize, 7));
        } else if flags & INFO_CHARSET != 0 {
            charset_at = Some(5);
        }
        pc = 1 + code[1] as usize;
    }
    if let Some((plen, pskip, pi)) = prefix {
        let pre = &code[pi..pi + plen];
        let end = st.end;
        st.must_advance = false;
        if plen > end - ptr {
            return Ok(false);
        }
        let mut p = ptr;
        while p + plen <= end {
            if (0..plen).all(|k| t.at(p + k) == pre[k]) {
                st.start = p;
                st.ptr = p + pskip;
                if flags & INFO_LITERAL != 0 {
                    st.ptr = p + plen;
                    return Ok(true);
                }
                if run(st, t, code, pc + 2 * pskip, false)? {
                    return Ok(true);
                }
                st.reset_capture();
            }
            p += 1;
        }
        return Ok(false);
    }
    if let Some(ci) = charset_at {
        let end = st.end;
        st.must_advance = false;
        loop {
            while ptr < end && !charset(code, ci, t.at(ptr)) {
                ptr += 1;
            }
            if ptr >= end {
                return Ok(false);
            }
            st.start = ptr;
            st.ptr = ptr;
            if run(st, t, code, pc, false)? {
                return Ok(true);
            }
            ptr += 1;
            st.reset_capture();
        }
    }
    st.start = ptr;
    st.ptr = ptr;
    let mut status = run(st, t, code, pc, true)?;
    st.must_advance = false;
    if !status && code[pc] == AT && (code[pc + 1] == 0 || code[pc + 1] == 2) {
        st.start = end;
        st.ptr = end;
        return Ok(false);
    }
    while !status && ptr < end {
        ptr += 1;
        st.reset_capture();
        st.start = ptr;
        st.ptr = ptr;
        status = run(st, t, code, pc, false)?;
    }
    Ok(status)
}

impl State {
    fn reset_capture(&mut self) {
        self.lastmark = -1;
        self.lastindex = -1;
    }
}
