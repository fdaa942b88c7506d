//! `unicodedata` (CPython's Modules/unicodedata.c) over `unicodedata.deflate`, generated from the
//! host CPython's Unicode database by tools/gen_unicodedata.py: category, bidirectional,
//! east_asian_width, mirrored, combining, decimal/digit/numeric, decomposition, normalize /
//! is_normalized (NFC, NFD, NFKC, NFKD), name/lookup (Hangul syllables and CJK/Tangut/... 
//! ideographs algorithmically), unidata_version. Name aliases and named sequences are not
//! supported by lookup; `ucd_3_2_0` is absent.
use crate::object::Obj;
use crate::objects::builtin_fn::{new_builtin, BuiltinFn};
use crate::objects::dict::{dict_set, new_dict};
use crate::objects::exceptions::{key_error, type_error, value_error};
use crate::objects::native::posonly;
use crate::PyResult;
use std::collections::HashMap;

/// The database as raw DEFLATE (a third of its size in the wasm data), inflated by `load`.
static PACKED: &[u8] = include_bytes!("unicodedata.deflate");

struct Db {
    version: String,
    cats: Vec<String>,
    bidis: Vec<String>,
    eaws: Vec<String>,
    recs: Vec<[u8; 5]>,
    ranges: Vec<(u32, u16)>,
    decomp: HashMap<u32, String>,
    numeric: HashMap<u32, (i8, i8, f64)>,
    compose: HashMap<(u32, u32), u32>,
    names: HashMap<u32, String>,
    by_name: HashMap<String, u32>,
}

struct Rd<'a> {
    d: &'a [u8],
    p: usize,
}
impl<'a> Rd<'a> {
    fn bytes(&mut self, n: usize) -> &'a [u8] {
        let r = &self.d[self.p..self.p + n];
        self.p += n;
        r
    }
    fn u8(&mut self) -> u8 {
        self.bytes(1)[0]
    }
    fn u16(&mut self) -> u16 {
        let b = self.bytes(2);
        u16::from_le_bytes([b[0], b[1]])
    }
    fn u32(&mut self) -> u32 {
        let b = self.bytes(4);
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }
    fn leb(&mut self) -> u32 {
        let (mut v, mut shift) = (0u32, 0);
        loop {
            let b = self.u8();
            v |= ((b & 0x7f) as u32) << shift;
            if b & 0x80 == 0 {
                return v;
            }
            shift += 7;
        }
    }
    fn s(&mut self) -> String {
        let n = self.u8() as usize;
        String::from_utf8_lossy(self.bytes(n)).into_owned()
    }
    fn list(&mut self) -> Vec<String> {
        let n = self.u8();
        (0..n).map(|_| self.s()).collect()
    }
}

fn load() -> Db {
    let data = crate::modules::zlib::inflate_raw(PACKED).expect("pybc2wasm: unicodedata.deflate is corrupt");
    let mut r = Rd { d: &data, p: 0 };
    let version = r.s();
    let (cats, bidis, eaws) = (r.list(), r.list(), r.list());
    let n = r.u16();
    let recs = (0..n).map(|_| [r.u8(), r.u8(), r.u8(), r.u8(), r.u8()]).collect();
    let n = r.u32();
    let ranges = (0..n).map(|_| (r.u32(), r.u16())).collect();
    let n = r.u32();
    let decomp = (0..n).map(|_| (r.u32(), r.s())).collect();
    let n = r.u32();
    let numeric = (0..n)
        .map(|_| {
            let cp = r.u32();
            let (de, di) = (r.u8() as i8, r.u8() as i8);
            let b = r.bytes(8);
            let mut a = [0u8; 8];
            a.copy_from_slice(b);
            (cp, (de, di, f64::from_le_bytes(a)))
        })
        .collect();
    let n = r.u32();
    let compose = (0..n).map(|_| ((r.u32(), r.u32()), r.u32())).collect();
    let nw = r.u16();
    let words: Vec<String> = (0..nw).map(|_| r.s()).collect();
    let n = r.u32();
    let mut names = HashMap::new();
    let mut by_name = HashMap::new();
    let mut cp = 0u32;
    for _ in 0..n {
        cp += r.leb();
        let k = r.u8();
        let ws: Vec<&str> = (0..k).map(|_| words[r.leb() as usize].as_str()).collect();
        let name = ws.join(" ");
        by_name.insert(name.clone(), cp);
        names.insert(cp, name);
    }
    Db { version, cats, bidis, eaws, recs, ranges, decomp, numeric, compose, names, by_name }
}

thread_local! {
    static DB: Db = load();
}

fn rec(db: &Db, cp: u32) -> [u8; 5] {
    let i = match db.ranges.binary_search_by(|(s, _)| s.cmp(&cp)) {
        Ok(i) => i,
        Err(i) => i - 1,
    };
    db.recs[db.ranges[i].1 as usize]
}

/// The one-character argument: "category() argument must be a unicode character, not int".
fn ch(fname: &str, o: &Obj) -> PyResult<u32> {
    if let Some(s) = o.as_str() {
        let mut it = s.chars();
        if let (Some(c), None) = (it.next(), it.next()) {
            return Ok(c as u32);
        }
        return Err(type_error(format!("{}() argument must be a unicode character, not str", fname)));
    }
    Err(type_error(format!("{}() argument must be a unicode character, not {}", fname, o.type_name())))
}

fn prop(fname: &str, a: &[Obj], kw: Option<&Obj>, f: impl Fn(&Db, [u8; 5]) -> Obj) -> PyResult {
    let a = posonly(fname, a, kw, 1, 1)?;
    let cp = ch(fname, &a[0])?;
    Ok(DB.with(|db| f(db, rec(db, cp))))
}

fn category(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    prop("category", a, kw, |db, r| Obj::str(&db.cats[r[0] as usize]))
}
fn bidirectional(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    prop("bidirectional", a, kw, |db, r| Obj::str(&db.bidis[r[1] as usize]))
}
fn east_asian_width(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    prop("east_asian_width", a, kw, |db, r| Obj::str(&db.eaws[r[2] as usize]))
}
fn mirrored(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    prop("mirrored", a, kw, |_, r| Obj::int(r[3] as i64))
}
fn combining(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    prop("combining", a, kw, |_, r| Obj::int(r[4] as i64))
}

fn numeric_impl(fname: &str, a: &[Obj], kw: Option<&Obj>, which: u8, err: &str) -> PyResult {
    let a = posonly(fname, a, kw, 1, 2)?;
    let cp = ch(fname, &a[0])?;
    let v = DB.with(|db| db.numeric.get(&cp).copied());
    let r = match (v, which) {
        (Some((d, _, _)), 0) if d >= 0 => Some(Obj::int(d as i64)),
        (Some((_, d, _)), 1) if d >= 0 => Some(Obj::int(d as i64)),
        (Some((_, _, n)), 2) => Some(Obj::float(n)),
        _ => None,
    };
    match (r, a.get(1)) {
        (Some(v), _) => Ok(v),
        (None, Some(d)) => Ok(d.clone()),
        (None, None) => Err(value_error(err.to_string())),
    }
}
fn decimal(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    numeric_impl("decimal", a, kw, 0, "not a decimal")
}
fn digit(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    numeric_impl("digit", a, kw, 1, "not a digit")
}
fn numeric(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    numeric_impl("numeric", a, kw, 2, "not a numeric character")
}

fn decomposition(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = posonly("decomposition", a, kw, 1, 1)?;
    let cp = ch("decomposition", &a[0])?;
    Ok(DB.with(|db| Obj::str(db.decomp.get(&cp).map(|s| s.as_str()).unwrap_or(""))))
}

// ---------------------------------------------------------------- names

const SBASE: u32 = 0xAC00;
const LCOUNT: u32 = 19;
const VCOUNT: u32 = 21;
const TCOUNT: u32 = 28;
const NCOUNT: u32 = VCOUNT * TCOUNT;
const SCOUNT: u32 = LCOUNT * NCOUNT;
const JAMO_L: [&str; 19] = ["G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T", "P", "H"];
const JAMO_V: [&str; 21] =
    ["A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I"];
const JAMO_T: [&str; 28] = [
    "", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH", "M", "B", "BS", "S", "SS", "NG", "J", "C", "K",
    "T", "P", "H",
];

/// Ranges named "<prefix><hex code point>" (CPython's unicodedata name ranges for 14.0).
const IDEOGRAPHS: &[(u32, u32, &str)] = &[
    (0x3400, 0x4DBF, "CJK UNIFIED IDEOGRAPH-"),
    (0x4E00, 0x9FFF, "CJK UNIFIED IDEOGRAPH-"),
    (0x20000, 0x2A6DF, "CJK UNIFIED IDEOGRAPH-"),
    (0x2A700, 0x2B738, "CJK UNIFIED IDEOGRAPH-"),
    (0x2B740, 0x2B81D, "CJK UNIFIED IDEOGRAPH-"),
    (0x2B820, 0x2CEA1, "CJK UNIFIED IDEOGRAPH-"),
    (0x2CEB0, 0x2EBE0, "CJK UNIFIED IDEOGRAPH-"),
    (0x30000, 0x3134A, "CJK UNIFIED IDEOGRAPH-"),
    (0xF900, 0xFA6D, "CJK COMPATIBILITY IDEOGRAPH-"),
    (0xFA70, 0xFAD9, "CJK COMPATIBILITY IDEOGRAPH-"),
    (0x2F800, 0x2FA1D, "CJK COMPATIBILITY IDEOGRAPH-"),
    (0x17000, 0x187F7, "TANGUT IDEOGRAPH-"),
    (0x18D00, 0x18D08, "TANGUT IDEOGRAPH-"),
    (0x18B00, 0x18CD5, "KHITAN SMALL SCRIPT CHARACTER-"),
    (0x1B170, 0x1B2FB, "NUSHU CHARACTER-"),
];

fn name_of(db: &Db, cp: u32) -> Option<String> {
    if (SBASE..SBASE + SCOUNT).contains(&cp) {
        let s = cp - SBASE;
        let (l, v, t) = (s / NCOUNT, (s % NCOUNT) / TCOUNT, s % TCOUNT);
        return Some(format!("HANGUL SYLLABLE {}{}{}", JAMO_L[l as usize], JAMO_V[v as usize], JAMO_T[t as usize]));
    }
    for (lo, hi, p) in IDEOGRAPHS {
        if (*lo..=*hi).contains(&cp) {
            return Some(format!("{}{:X}", p, cp));
        }
    }
    db.names.get(&cp).cloned()
}

fn name(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = posonly("name", a, kw, 1, 2)?;
    let cp = ch("name", &a[0])?;
    match (DB.with(|db| name_of(db, cp)), a.get(1)) {
        (Some(n), _) => Ok(Obj::string(n)),
        (None, Some(d)) => Ok(d.clone()),
        (None, None) => Err(value_error("no such name")),
    }
}

fn lookup_cp(db: &Db, n: &str) -> Option<u32> {
    let up = n.to_ascii_uppercase();
    if let Some(cp) = db.by_name.get(&up) {
        return Some(*cp);
    }
    if let Some(rest) = up.strip_prefix("HANGUL SYLLABLE ") {
        for s in 0..SCOUNT {
            let (l, v, t) = (s / NCOUNT, (s % NCOUNT) / TCOUNT, s % TCOUNT);
            if format!("{}{}{}", JAMO_L[l as usize], JAMO_V[v as usize], JAMO_T[t as usize]) == rest {
                return Some(SBASE + s);
            }
        }
    }
    for (lo, hi, p) in IDEOGRAPHS {
        if let Some(hex) = up.strip_prefix(p) {
            if let Ok(cp) = u32::from_str_radix(hex, 16) {
                if (*lo..=*hi).contains(&cp) && hex.len() >= 4 && format!("{:X}", cp) == hex {
                    return Some(cp);
                }
            }
        }
    }
    None
}

fn lookup(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let a = posonly("lookup", a, kw, 1, 1)?;
    let n = match a[0].as_str() {
        Some(s) => s.to_string(),
        None => match crate::objects::bytes::as_bytes(&a[0]) {
            Some(b) => String::from_utf8_lossy(b).into_owned(),
            None => return Err(type_error(format!("lookup() argument must be str, not {}", a[0].type_name()))),
        },
    };
    match DB.with(|db| lookup_cp(db, &n)) {
        Some(cp) => Ok(Obj::string(char::from_u32(cp).unwrap_or('\u{fffd}').to_string())),
        None => Err(key_error(Obj::string(format!("undefined character name '{}'", n)))),
    }
}

// ---------------------------------------------------------------- normalization

fn decompose_into(db: &Db, cp: u32, compat: bool, out: &mut Vec<u32>) {
    if (SBASE..SBASE + SCOUNT).contains(&cp) {
        let s = cp - SBASE;
        out.push(0x1100 + s / NCOUNT);
        out.push(0x1161 + (s % NCOUNT) / TCOUNT);
        if s % TCOUNT != 0 {
            out.push(0x11A7 + s % TCOUNT);
        }
        return;
    }
    if let Some(d) = db.decomp.get(&cp) {
        let is_compat = d.starts_with('<');
        if !is_compat || compat {
            for part in d.split(' ').filter(|p| !p.starts_with('<')) {
                if let Ok(c) = u32::from_str_radix(part, 16) {
                    decompose_into(db, c, compat, out);
                }
            }
            return;
        }
    }
    out.push(cp);
}

fn ccc(db: &Db, cp: u32) -> u8 {
    rec(db, cp)[4]
}

fn decompose(db: &Db, s: &str, compat: bool) -> Vec<u32> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        decompose_into(db, c as u32, compat, &mut out);
    }
    // canonical ordering: stable sort of each run of non-starters by combining class
    let mut i = 0;
    while i < out.len() {
        if ccc(db, out[i]) == 0 {
            i += 1;
            continue;
        }
        let start = i;
        while i < out.len() && ccc(db, out[i]) != 0 {
            i += 1;
        }
        out[start..i].sort_by_key(|&c| ccc(db, c));
    }
    out
}

fn compose(db: &Db, v: Vec<u32>) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::with_capacity(v.len());
    let mut starter: Option<usize> = None;
    let mut last_ccc: i32 = -1;
    for c in v {
        let cc = ccc(db, c) as i32;
        if let Some(si) = starter {
            let s = out[si];
            let blocked = last_ccc != -1 && (last_ccc == 0 || last_ccc >= cc);
            if !blocked || (last_ccc == -1) {
                // Hangul LV / LVT
                if (0x1100..0x1100 + LCOUNT).contains(&s) && (0x1161..0x1161 + VCOUNT).contains(&c) && last_ccc == -1 {
                    out[si] = SBASE + ((s - 0x1100) * VCOUNT + (c - 0x1161)) * TCOUNT;
                    continue;
                }
                if (SBASE..SBASE + SCOUNT).contains(&s) && (s - SBASE) % TCOUNT == 0 && (0x11A8..0x11A7 + TCOUNT).contains(&c) && last_ccc == -1 {
                    out[si] = s + (c - 0x11A7);
                    continue;
                }
                if let Some(&p) = db.compose.get(&(s, c)) {
                    out[si] = p;
                    continue;
                }
            }
        }
        if cc == 0 {
            starter = Some(out.len());
            last_ccc = -1;
        } else {
            last_ccc = cc;
        }
        out.push(c);
    }
    out
}

fn normalize_str(form: &str, s: &str) -> PyResult<String> {
    let (compat, comp) = match form {
        "NFC" => (false, true),
        "NFD" => (false, false),
        "NFKC" => (true, true),
        "NFKD" => (true, false),
        _ => return Err(value_error("invalid normalization form")),
    };
    Ok(DB.with(|db| {
        let mut v = decompose(db, s, compat);
        if comp {
            v = compose(db, v);
        }
        v.into_iter().filter_map(char::from_u32).collect()
    }))
}

fn str_args<'a>(fname: &str, a: &'a [Obj], kw: Option<&Obj>) -> PyResult<(&'a str, &'a str)> {
    let a = posonly(fname, a, kw, 2, 2)?;
    let form = a[0].as_str().ok_or_else(|| type_error(format!("{}() argument 1 must be str, not {}", fname, a[0].type_name())))?;
    let s = a[1].as_str().ok_or_else(|| type_error(format!("{}() argument 2 must be str, not {}", fname, a[1].type_name())))?;
    Ok((form, s))
}

fn normalize(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (form, s) = str_args("normalize", a, kw)?;
    Ok(Obj::string(normalize_str(form, s)?))
}

fn is_normalized(a: &[Obj], kw: Option<&Obj>) -> PyResult {
    let (form, s) = str_args("is_normalized", a, kw)?;
    Ok(Obj::bool(normalize_str(form, s)? == s))
}

pub fn make_module() -> PyResult {
    let d = new_dict();
    dict_set(&d, Obj::str("__name__"), Obj::str("unicodedata"))?;
    let fns: &[(&'static str, BuiltinFn)] = &[
        ("category", category),
        ("bidirectional", bidirectional),
        ("east_asian_width", east_asian_width),
        ("mirrored", mirrored),
        ("combining", combining),
        ("decimal", decimal),
        ("digit", digit),
        ("numeric", numeric),
        ("decomposition", decomposition),
        ("name", name),
        ("lookup", lookup),
        ("normalize", normalize),
        ("is_normalized", is_normalized),
    ];
    for (n, g) in fns {
        dict_set(&d, Obj::str(n), new_builtin(n, *g))?;
    }
    dict_set(&d, Obj::str("unidata_version"), Obj::string(DB.with(|db| db.version.clone())))?;
    Ok(crate::objects::module::new_module("unicodedata", d))
}
